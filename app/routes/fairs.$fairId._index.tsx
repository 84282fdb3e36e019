import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { FormErrors } from '../components/field';
import { useDate } from '../funds/ui';
import { useT } from '../i18n/use-t';
import { getPrincipal, requireUser } from '../permissions/permissions.server';
import { boardActionSchema } from '../projects/fair-forms';
import { fairSides } from '../projects/fair-values';
import { callerOf, closeFair, getFair, getFairBoard, isFairStaff, joinableResources, joinFair, myParticipants, runProposal, signPair } from '../projects/fairs.server';
import { redirectWithNotice } from '../utils/forms.server';
import { notFound, uuidParam } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('fairs', 'funds', 'matching-funds');

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.fair.title ?? ''} · 项目相亲会 · Fivefold` }];

// Public: the fair, who takes part and the current proposal's pairs with their signatures. Rankings never appear
// here; each participant's owners (and staff) get links to their own preferences and sign buttons for their side.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const fairId = uuidParam(params, 'fairId');
  const board = await getFairBoard(fairId);
  if (!board) throw notFound();
  const principal = await getPrincipal(request);
  const caller = principal ? callerOf(principal) : null;
  const staff = caller ? isFairStaff(caller, board.fair) : false;
  const mine = caller ? await myParticipants(caller, board.fair) : new Map();
  const joinable = caller && board.fair.status === 'open' ? await joinableResources(caller, board.fair) : [];
  const names = new Map(board.participants.map((p) => [p.id, p.name]));
  const projectOf = new Map(board.participants.map((p) => [p.id, p.projectId]));
  return {
    fair: { id: board.fair.id, title: board.fair.title, heldOn: board.fair.heldOn, status: board.fair.status, preferencesCloseAt: board.fair.preferencesCloseAt.toISOString() },
    round: board.round,
    staff,
    participants: board.participants.map((p) => ({ id: p.id, side: p.side, name: p.name, capacity: p.capacity, ranked: p.ranked, mine: mine.has(p.id) })),
    proposing: board.proposal?.proposing ?? null,
    pairs: board.pairs.map((p) => ({
      id: p.id,
      project: names.get(p.projectParticipantId) ?? '',
      projectId: projectOf.get(p.projectParticipantId) ?? null,
      applicant: names.get(p.applicantParticipantId) ?? '',
      projectSigned: p.projectSigned,
      applicantSigned: p.applicantSigned,
      awarded: !!p.awardId,
      canSignProject: !p.projectSigned && !!mine.get(p.projectParticipantId)?.sign,
      canSignApplicant: !p.applicantSigned && !!mine.get(p.applicantParticipantId)?.sign,
    })),
    joinable,
  };
}

const errorKey = (reason: string) => (reason === 'not_found' ? 'fair.err.forbidden' : `fair.err.${reason}`);

export async function action({ request, params }: ActionFunctionArgs) {
  const fairId = uuidParam(params, 'fairId');
  const principal = await requireUser(request);
  const fair = await getFair(fairId);
  if (!fair) throw notFound();
  const parsed = boardActionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return Response.json({ error: 'fair.err.closed' }, { status: 400 });
  const caller = callerOf(principal);
  const back = `/fairs/${fairId}`;
  const v = parsed.data;
  const fail = (reason: string) => Response.json({ error: errorKey(reason) }, { status: reason === 'forbidden' || reason === 'not_found' ? 403 : 409 });
  if (v.intent === 'join') {
    const r = await joinFair(caller, fairId, v.resourceId);
    return r.ok ? redirectWithNotice(back, 'fair.joined') : fail(r.reason);
  }
  if (v.intent === 'run') {
    const r = await runProposal(caller, fairId, v.proposing);
    return r.ok ? redirectWithNotice(back, 'fair.proposed') : fail(r.reason);
  }
  if (v.intent === 'close') {
    const r = await closeFair(caller, fairId);
    return r.ok ? redirectWithNotice(back, 'fair.closedNotice') : fail(r.reason);
  }
  // A pair of another fair is not this page's to sign.
  const board = await getFairBoard(fairId);
  if (!board?.pairs.some((p) => p.id === v.pairId)) return fail('not_found');
  const r = await signPair(caller, v.pairId, v.side);
  if (!r.ok) return fail(r.reason);
  const notice = r.awardId ? 'fair.awardedNotice' : 'fair.signedNotice';
  return redirectWithNotice(back, notice);
}

export default function FairBoard() {
  const { fair, round, staff, participants, proposing, pairs, joinable } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as { error?: string } | undefined;
  const t = useT();
  const date = useDate();
  const projects = participants.filter((p) => p.side === 'project');
  const applicants = participants.filter((p) => p.side === 'applicant');
  const mine = participants.filter((p) => p.mine);
  return (
    <>
      <p>
        <Link to="/fairs">← {t('fair.title')}</Link>
      </p>
      <h1>{fair.title}</h1>
      <p className="muted">
        {round?.title} · {date(fair.heldOn)} · {t(`fair.status.${fair.status}`)}
        {fair.status === 'open' ? ` · ${t('fair.preferencesClose')} ${date(fair.preferencesCloseAt)}` : ''}
      </p>
      <FormErrors errors={result?.error ? [result.error] : null} />

      {fair.status === 'open' && joinable.length ? (
        <section aria-labelledby="join-h">
          <h2 id="join-h">{t('fair.join')}</h2>
          {joinable.map((r) => (
            <Form method="post" key={r.id}>
              <input type="hidden" name="intent" value="join" />
              <input type="hidden" name="resourceId" value={r.id} />
              <button type="submit" aria-label={`${t('fair.joinAs')}: ${r.name}`}>
                {t('fair.joinAs')}: {r.name}
              </button>
            </Form>
          ))}
        </section>
      ) : null}

      {mine.length && !staff ? (
        <section aria-labelledby="mine-h">
          <h2 id="mine-h">{t('fair.yourParticipants')}</h2>
          <ul>
            {mine.map((p) => (
              <li key={p.id}>
                <Link to={`/fairs/${fair.id}/participants/${p.id}`}>{t('fair.editPreferences', { name: p.name })}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="proposal-h">
        <h2 id="proposal-h">{t('fair.proposal')}</h2>
        {proposing ? <p>{t('fair.proposalIntro', { side: t(`fair.side.${proposing}`), sideOne: t(`fair.sideOne.${proposing}`) })}</p> : <p>{t('fair.noProposal')}</p>}
        {proposing && pairs.length === 0 ? <p>{t('fair.noPairs')}</p> : null}
        {pairs.length ? (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('fair.pairProject')}</th>
                  <th scope="col">{t('fair.pairApplicant')}</th>
                </tr>
              </thead>
              <tbody>
                {pairs.map((p) => (
                  <tr key={p.id}>
                    <td>
                      {p.project}
                      <br />
                      <span className="muted">{p.projectSigned ? t('fair.signed') : t('fair.notSigned')}</span>
                      {p.canSignProject && fair.status === 'proposed' ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="sign" />
                          <input type="hidden" name="pairId" value={p.id} />
                          <input type="hidden" name="side" value="project" />
                          <button type="submit" aria-label={`${t('fair.signProject')}: ${p.project} – ${p.applicant}`}>
                            {t('fair.signProject')}
                          </button>
                        </Form>
                      ) : null}
                    </td>
                    <td>
                      {p.applicant}
                      <br />
                      <span className="muted">{p.applicantSigned ? t('fair.signed') : t('fair.notSigned')}</span>
                      {p.canSignApplicant && fair.status === 'proposed' ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="sign" />
                          <input type="hidden" name="pairId" value={p.id} />
                          <input type="hidden" name="side" value="applicant" />
                          <button type="submit" aria-label={`${t('fair.signApplicant')}: ${p.applicant} – ${p.project}`}>
                            {t('fair.signApplicant')}
                          </button>
                        </Form>
                      ) : null}
                      {p.awarded ? (
                        <p>
                          <strong>{t('fair.awarded')}</strong>
                          {p.projectId ? (
                            <>
                              {' · '}
                              <Link to={`/projects/${p.projectId}/delivery`} aria-label={`${t('fair.delivery')}: ${p.project}`}>
                                {t('fair.delivery')}
                              </Link>
                            </>
                          ) : null}
                        </p>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {staff && (fair.status === 'open' || fair.status === 'proposed') ? (
          <Form method="post">
            <input type="hidden" name="intent" value="run" />
            <fieldset>
              <legend>{t('fair.proposing')}</legend>
              {fairSides.map((side, i) => (
                <label key={side} style={{ marginRight: "1rem" }}>
                  <input type="radio" name="proposing" value={side} defaultChecked={i === 1} /> {t(`fair.side.${side}`)}
                </label>
              ))}
            </fieldset>
            <button type="submit">{t('fair.run')}</button>
          </Form>
        ) : null}
        {staff && (fair.status === 'open' || fair.status === 'proposed') ? (
          <Form method="post">
            <input type="hidden" name="intent" value="close" />
            <button type="submit" className="secondary">
              {t('fair.close')}
            </button>
          </Form>
        ) : null}
      </section>

      {[
        { key: 'projects', list: projects, title: t('fair.projects') },
        { key: 'applicants', list: applicants, title: t('fair.applicants') },
      ].map((group) => (
        <section key={group.key} aria-labelledby={`${group.key}-h`}>
          <h2 id={`${group.key}-h`}>
            {group.title} ({group.list.length})
          </h2>
          <ul>
            {group.list.map((p) => (
              <li key={p.id}>
                {staff ? <Link to={`/fairs/${fair.id}/participants/${p.id}`}>{p.name}</Link> : p.name}{' '}
                <span className="muted">
                  · {p.ranked ? t('fair.ranked') : t('fair.notRanked')}
                  {p.side === 'applicant' ? ` · ${t('fair.places', { n: p.capacity })}` : ''}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
