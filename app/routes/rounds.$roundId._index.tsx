import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { FormErrors } from '../components/field';
import { minorToDecimal } from '../funds/rules';
import { useDate, useMoney } from '../funds/ui';
import { useLocale, usePlaceName, useT } from '../i18n/use-t';
import { useCategoryLabel } from '../needs/ui';
import { actorOf } from '../permissions/principal.server';
import { getPrincipal, requirePermission, requireUser } from '../permissions/permissions.server';
import { can } from '../permissions/rules';
import { answerObjection, finalizeDueAwards, grantAward, objectToAward, proposeAward, proposedAwards, publicAwards } from '../projects/awards.server';
import { assignEvaluator, isAssignedEvaluator, listEvaluators, mayReadEvaluation, roundRanking } from '../projects/evaluation.server';
import { replyToProjectError } from '../projects/pages.server';
import { getRound, moveRound, roundPlace } from '../projects/rounds.server';
import { takesBids, takesObjections } from '../projects/rules';
import { answerSchema, assignSchema, grantAwardSchema, objectionSchema, proposeAwardSchema, roundMoveSchema } from '../projects/schemas';
import { parseForm, redirectWithNotice } from '../utils/forms.server';
import { notFound, uuidParam } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('funds', 'needs', 'projects', 'stats');

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.round.title ?? ''} · 公益创投 · Fivefold` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const roundId = uuidParam(params, 'roundId');
  const principal = await getPrincipal(request);
  await finalizeDueAwards({ roundId });
  const round = await getRound(principal, roundId);
  if (!round) throw notFound();
  const now = new Date();
  const canManage = !!principal && can(principal.roles, 'project.manage', round.placePath);
  const canRead = mayReadEvaluation(principal, round.placePath) && round.status !== 'draft' && round.status !== 'open';
  const [ranking, proposed, evaluators, notice, assignment] = await Promise.all([
    canRead ? roundRanking(roundId) : Promise.resolve([]),
    canManage ? proposedAwards(roundId) : Promise.resolve([]),
    canManage ? listEvaluators(roundId) : Promise.resolve([]),
    publicAwards(roundId),
    principal ? isAssignedEvaluator(principal, roundId) : Promise.resolve(false),
  ]);
  const { placePath: _p, ...shown } = round;
  return {
    round: { ...shown, opensAt: round.opensAt.toISOString(), closesAt: round.closesAt.toISOString(), createdAt: round.createdAt.toISOString() },
    canManage,
    canReport: !!principal && can(principal.roles, 'report.read', round.placePath),
    signedIn: !!principal,
    takesBids: takesBids(round, now),
    isEvaluator: !!assignment,
    ranking: ranking.map((p) => ({ ...p, bids: p.bids.map((b) => ({ ...b, bid: { ...b.bid, createdAt: b.bid.createdAt.toISOString(), updatedAt: b.bid.updatedAt.toISOString() }, requestedYuan: minorToDecimal(b.bid.requestedMinor) })) })),
    proposed,
    evaluators: evaluators.map((e) => ({ ...e, declaredAt: e.declaredAt?.toISOString() ?? null })),
    notice: notice.map((a) => ({
      ...a,
      open: takesObjections(a, now),
      noticeStartsAt: a.noticeStartsAt?.toISOString() ?? null,
      noticeEndsAt: a.noticeEndsAt?.toISOString() ?? null,
      finalAt: a.finalAt?.toISOString() ?? null,
      objections: a.objections.map((o) => ({ ...o, answeredAt: o.answeredAt?.toISOString() ?? null, createdAt: o.createdAt.toISOString() })),
    })),
  };
}

const schemas = { open: roundMoveSchema, close: roundMoveSchema, cancel: roundMoveSchema, assign: assignSchema, propose: proposeAwardSchema, grant: grantAwardSchema, answer: answerSchema, object: objectionSchema } as const;
const notices = { open: 'rounds.notice.opened', close: 'rounds.notice.closed', cancel: 'rounds.notice.cancelled', assign: 'rounds.notice.assigned', propose: 'rounds.notice.proposed', grant: 'rounds.notice.granted', answer: 'rounds.notice.answered', object: 'rounds.notice.objected' } as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const roundId = uuidParam(params, 'roundId');
  const place = await roundPlace(roundId);
  if (!place) throw notFound();
  const intent = String((await request.clone().formData()).get('intent') ?? '');
  if (!(intent in schemas)) throw new Response('Unknown intent', { status: 400 });
  const key = intent as keyof typeof schemas;
  // Objections come from any signed-in user; everything else is staff's.
  const principal = key === 'object' ? await requireUser(request) : await requirePermission(request, 'project.manage', place, { hideExistence: true });
  if (key === 'object' && !(await getRound(principal, roundId))) throw notFound();
  const actor = actorOf(principal);
  const { submission } = await parseForm(request, schemas[key]);
  if (submission.status !== 'success') return { intent: key, result: submission.reply() };
  const v = submission.value as unknown as Record<string, string> & { amount: number };
  try {
    if (key === 'open') await moveRound(principal, actor, roundId, 'open');
    if (key === 'close') await moveRound(principal, actor, roundId, 'evaluating');
    if (key === 'cancel') await moveRound(principal, actor, roundId, 'cancelled');
    if (key === 'assign') await assignEvaluator(principal, actor, roundId, v.email);
    if (key === 'propose') await proposeAward(principal, actor, v.bidId, { amountMinor: v.amount, reason: v.reason });
    if (key === 'grant') await grantAward(principal, actor, v.awardId, { reason: v.reason });
    if (key === 'answer') await answerObjection(principal, actor, v.objectionId, v.answer);
    if (key === 'object') await objectToAward(principal, actor, v.awardId, v.body);
  } catch (error) {
    const reply = replyToProjectError(error, (o) => submission.reply(o));
    return { intent: key, result: reply.data, status: reply.init?.status };
  }
  return redirectWithNotice(`/rounds/${roundId}${key === 'object' || key === 'answer' ? '#notice' : ''}`, notices[key]);
}

export default function RoundPage() {
  const data = useLoaderData<typeof loader>();
  const last = useActionData<typeof action>();
  const { round } = data;
  const t = useT();
  const money = useMoney();
  const date = useDate();
  const en = useLocale() === 'en';
  const category = useCategoryLabel();
  const placeName = usePlaceName();
  const errorsFor = (intent: string) => {
    if (!last || last.intent !== intent || !last.result.error) return null;
    return Object.values(last.result.error).flat().filter((e): e is string => typeof e === 'string');
  };
  return (
    <>
      <p>
        <Link to="/rounds">← {t('rounds.list.title')}</Link>
      </p>
      <h1>{round.title}</h1>
      <p>
        <strong className="badge">{t(`rounds.status.${round.status}`)}</strong> · {placeName({ nameZh: round.placeZh, nameEn: round.placeEn })} · {money(round.budgetMinor, round.currency)}
        {round.microGrant ? ` · ${t('rounds.microGrant')}` : ''}
      </p>
      <p>{t('rounds.dates', { opens: date(round.opensAt), closes: date(round.closesAt) })}</p>
      {data.canReport ? (
        <p>
          <Link to={`/rounds/${round.id}/report`}>{t('stats.report.link')}</Link>
        </p>
      ) : null}
      <p style={{ whiteSpace: 'pre-line' }}>{round.callText}</p>
      <dl>
        <dt>{t('rounds.field.applicantTypes')}</dt>
        <dd>{round.applicantTypes.map((a) => t(`rounds.applicant.${a}`)).join('、')}</dd>
        {round.eligibleCategories.length ? (
          <>
            <dt>{t('rounds.field.eligibleCategories')}</dt>
            <dd>{round.eligibleCategories.map((c) => category(c)).join('、')}</dd>
          </>
        ) : null}
        <dt>{t('rounds.field.noticeDays')}</dt>
        <dd>{t('rounds.days', { count: round.noticeDays })}</dd>
      </dl>
      <section aria-labelledby="criteria-h">
        <h2 id="criteria-h">{t('rounds.field.criteria')}</h2>
        <ul>
          {round.criteria.map((c) => (
            <li key={c.id}>
              {en ? c.nameEn : c.nameZh} · {t('rounds.weight', { weight: c.weight })}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="projects-h">
        <h2 id="projects-h">{t('rounds.field.projects')}</h2>
        <ul>
          {round.projects.map((p) => (
            <li key={p.id}>
              <Link to={`/projects/${p.id}`}>{p.title}</Link> <span className="muted">({t(`projects.state.${p.state}`)} · {money(p.budgetMinor, p.currency)})</span>
            </li>
          ))}
        </ul>
        {data.takesBids ? (
          <p>
            <Link to={`/rounds/${round.id}/bid`} className="button">
              {t('rounds.bid.link')}
            </Link>
          </p>
        ) : null}
        {data.isEvaluator ? (
          <p>
            <Link to={`/rounds/${round.id}/evaluate`} className="button">
              {t('rounds.evaluate.link')}
            </Link>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="notice-h" id="notice">
        <h2 id="notice-h">{t('rounds.notice.title')}</h2>
        <p>{t('rounds.notice.intro', { count: round.noticeDays })}</p>
        {data.notice.length === 0 ? <p>{t('rounds.notice.none')}</p> : null}
        <FormErrors errors={errorsFor('object') ?? errorsFor('answer')} />
        <ul className="cards">
          {data.notice.map((a) => (
            <li key={a.id} className="card">
              <h3>
                <Link to={`/projects/${a.projectId}`}>{a.projectTitle}</Link>
              </h3>
              <p>{t('projects.award.summary', { name: a.applicantName, amount: money(a.grantedMinor ?? 0, a.currency) })}</p>
              <p className="muted">
                {t('rounds.notice.requested', { amount: money(a.requestedMinor, a.currency) })}
                {a.cutReason ? ` · ${t('rounds.notice.cutReason', { reason: a.cutReason })}` : ''}
              </p>
              <p>
                {a.status === 'final'
                  ? t('projects.award.final')
                  : t('rounds.notice.period', { from: a.noticeStartsAt ? date(a.noticeStartsAt) : '', to: a.noticeEndsAt ? date(a.noticeEndsAt) : '' })}
              </p>
              {a.objections.length ? (
                <>
                  <h4>{t('rounds.notice.objections')}</h4>
                  <ul>
                    {a.objections.map((o) => (
                      <li key={o.id}>
                        <p>{o.body}</p>
                        {o.answer ? (
                          <p>
                            <strong>{t('rounds.notice.answer')}</strong> {o.answer}
                          </p>
                        ) : data.canManage ? (
                          <Form method="post">
                            <input type="hidden" name="intent" value="answer" />
                            <input type="hidden" name="objectionId" value={o.id} />
                            <div className="field">
                              <label htmlFor={`answer-${o.id}`}>{t('rounds.notice.answerLabel')}</label>
                              <textarea id={`answer-${o.id}`} name="answer" rows={2} required />
                            </div>
                            <button type="submit">{t('rounds.notice.answerSubmit')}</button>
                          </Form>
                        ) : (
                          <p className="muted">{t('rounds.notice.awaitingAnswer')}</p>
                        )}
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
              {a.open && data.signedIn ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="object" />
                  <input type="hidden" name="awardId" value={a.id} />
                  <div className="field">
                    <label htmlFor={`object-${a.id}`}>{t('rounds.notice.objectLabel', { project: a.projectTitle })}</label>
                    <textarea id={`object-${a.id}`} name="body" rows={2} required maxLength={2000} />
                  </div>
                  <button type="submit" className="secondary">
                    {t('rounds.notice.objectSubmit')}
                  </button>
                </Form>
              ) : null}
              {a.open && !data.signedIn ? (
                <p>
                  <Link to={`/login?redirectTo=/rounds/${round.id}`}>{t('rounds.notice.signInToObject')}</Link>
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      {data.canManage ? (
        <section aria-labelledby="staff-h">
          <h2 id="staff-h">{t('rounds.staff.title')}</h2>
          <FormErrors errors={errorsFor('open') ?? errorsFor('close') ?? errorsFor('cancel')} />
          <Form method="post" className="inline-form">
            {round.status === 'draft' ? (
              <button type="submit" name="intent" value="open">
                {t('rounds.staff.open')}
              </button>
            ) : null}
            {round.status === 'open' ? (
              <button type="submit" name="intent" value="close">
                {t('rounds.staff.close')}
              </button>
            ) : null}
            {['draft', 'open', 'evaluating'].includes(round.status) ? (
              <button type="submit" name="intent" value="cancel" className="secondary">
                {t('rounds.staff.cancel')}
              </button>
            ) : null}
          </Form>
          <h3>{t('rounds.staff.evaluators')}</h3>
          <ul>
            {data.evaluators.map((e) => (
              <li key={e.id}>
                {e.name} · {e.declaredAt ? t('rounds.staff.declared') : t('rounds.staff.notDeclared')}
              </li>
            ))}
          </ul>
          <FormErrors errors={errorsFor('assign')} />
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="assign" />
            <div className="field">
              <label htmlFor="assign-email">{t('rounds.staff.assignEmail')}</label>
              <input id="assign-email" name="email" type="email" required autoComplete="off" />
            </div>
            <button type="submit">{t('rounds.staff.assign')}</button>
          </Form>
          {data.proposed.length ? (
            <>
              <h3>{t('rounds.staff.proposed')}</h3>
              <FormErrors errors={errorsFor('grant')} />
              <ul>
                {data.proposed.map((a) => (
                  <li key={a.id}>
                    {a.projectTitle} → {a.applicantName} · {money(a.cutMinor ?? a.requestedMinor, a.currency)}
                    {a.cutReason ? ` (${t('rounds.notice.cutReason', { reason: a.cutReason })})` : ''}
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="grant" />
                      <input type="hidden" name="awardId" value={a.id} />
                      <button type="submit">{t('rounds.staff.grant', { project: a.projectTitle })}</button>
                    </Form>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}

      {data.ranking.length ? (
        <section aria-labelledby="ranking-h">
          <h2 id="ranking-h">{t('rounds.ranking.title')}</h2>
          <FormErrors errors={errorsFor('propose')} />
          {data.ranking.map((p) => (
            <div key={p.projectId}>
              <h3>{p.projectTitle}</h3>
              <table>
                <caption className="visually-hidden">{t('rounds.ranking.caption', { project: p.projectTitle })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('rounds.ranking.rank')}</th>
                    <th scope="col">{t('rounds.ranking.applicant')}</th>
                    <th scope="col">{t('rounds.ranking.total')}</th>
                    <th scope="col">{t('rounds.ranking.evaluators')}</th>
                    <th scope="col">{t('rounds.ranking.requested')}</th>
                    {data.canManage ? <th scope="col">{t('rounds.ranking.award')}</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {p.bids.map((b) => (
                    <tr key={b.bidId}>
                      <td>{b.rank}</td>
                      <td>
                        {b.bid.applicantName} <span className="muted">({t(`rounds.applicant.${b.bid.applicantType}`)} · {t(`bids.status.${b.bid.status}`)})</span>
                        <details>
                          <summary>{t('rounds.ranking.plan')}</summary>
                          <p style={{ whiteSpace: 'pre-line' }}>{b.bid.plan}</p>
                          {b.attachments.length ? (
                            <ul>
                              {b.attachments.map((f) => (
                                <li key={f.id}>
                                  <a href={`/bids/${b.bidId}/attachments/${f.id}`} download>
                                    {f.fileName}
                                  </a>
                                </li>
                              ))}
                            </ul>
                          ) : null}
                          <ul>
                            {b.bid.budgetLines.map((l, i) => (
                              <li key={i}>
                                {l.label}: {money(l.amountMinor, b.bid.currency)}
                              </li>
                            ))}
                          </ul>
                        </details>
                      </td>
                      <td>{b.total === null ? '—' : b.total}</td>
                      <td>{b.evaluators}</td>
                      <td>{money(b.bid.requestedMinor, b.bid.currency)}</td>
                      {data.canManage ? (
                        <td>
                          {b.bid.status === 'submitted' && (round.status === 'evaluating' || round.status === 'notice') ? (
                            <Form method="post">
                              <input type="hidden" name="intent" value="propose" />
                              <input type="hidden" name="bidId" value={b.bidId} />
                              <div className="field">
                                <label htmlFor={`amount-${b.bidId}`}>{t('rounds.ranking.amount', { name: b.bid.applicantName })}</label>
                                <input id={`amount-${b.bidId}`} name="amount" defaultValue={b.requestedYuan} inputMode="decimal" required />
                              </div>
                              <div className="field">
                                <label htmlFor={`reason-${b.bidId}`}>{t('rounds.ranking.reason')}</label>
                                <input id={`reason-${b.bidId}`} name="reason" maxLength={500} />
                              </div>
                              <button type="submit">{t('rounds.ranking.propose', { name: b.bid.applicantName })}</button>
                            </Form>
                          ) : null}
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        </section>
      ) : null}
    </>
  );
}
