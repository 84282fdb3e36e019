import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useRevalidator } from '@remix-run/react';
import { useEffect } from 'react';
import { z } from 'zod';
import { ErrorList, FormErrors } from '../components/field';
import { ballotSchema, voteStaffSchema } from '../deliberation/schemas';
import { VoteProgress } from '../deliberation/ui';
import { cancelVote, castBallot, closeVote, getVote, myBallotState, openVote, VoteError, votePlace } from '../deliberation/votes.server';
import { formatDate } from '../i18n/locale';
import { useLocale, useT } from '../i18n/use-t';
import { actorOf } from '../permissions/principal.server';
import { getPrincipal, hasPermission, requirePermission, requireUser } from '../permissions/permissions.server';
import { parseForm, redirectWithNotice } from '../utils/forms.server';
import { notFound, uuidParam } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('deliberation');

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.vote.question ?? ''} · 表决 · Fivefold` }];

/** Ballots are taken from eligible residents; staff open, close and cancel. A draft is seen only by its staff. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const voteId = uuidParam(params, 'voteId');
  const place = await votePlace(voteId);
  if (!place) throw notFound();
  const principal = await getPrincipal(request);
  const canManage = principal ? hasPermission(principal, 'vote.manage', place) : false;
  const canEnterPaper = principal ? hasPermission(principal, 'vote.enter_paper', place) : false;
  const vote = await getVote(voteId);
  if (!vote || (vote.status === 'draft' && !canManage)) throw notFound();
  const voter = principal?.actingFor?.id ?? principal?.user.id;
  const mine = voter ? await myBallotState(vote, voter) : null;
  return {
    vote: {
      id: vote.id,
      question: vote.question,
      description: vote.description,
      status: vote.status,
      unit: vote.unit,
      binding: vote.binding,
      opensAt: vote.opensAt.toISOString(),
      closesAt: vote.closesAt.toISOString(),
      thresholdPermille: vote.thresholdPermille,
      quorumPermille: vote.quorumPermille,
      paperBallotsCount: vote.paperBallotsCount,
      topicId: vote.topicId,
      topicTitle: vote.topicTitle,
      placeZh: vote.placeZh,
      placeEn: vote.placeEn,
      options: vote.options.map((o) => ({ id: o.id, label: o.label, kind: o.kind })),
      tally: vote.tally,
      channels: vote.channels,
      taking: vote.status === 'open' && vote.opensAt <= new Date() && new Date() < vote.closesAt,
    },
    signedIn: Boolean(principal),
    mine,
    canManage,
    canEnterPaper,
  };
}

const intentSchema = z.object({ intent: z.enum(['cast', 'open', 'close', 'cancel']) });

export async function action({ request, params }: ActionFunctionArgs) {
  const voteId = uuidParam(params, 'voteId');
  const place = await votePlace(voteId);
  if (!place) throw notFound();
  const principal = await requireUser(request);
  const actor = actorOf(principal);
  const intent = intentSchema.safeParse(Object.fromEntries(await request.clone().formData()));
  const back = `/votes/${voteId}`;
  if (!intent.success) throw new Response('Unknown step', { status: 400 });
  if (intent.data.intent !== 'cast') {
    await requirePermission(request, 'vote.manage', place);
    const { submission } = await parseForm(request, voteStaffSchema);
    if (submission.status !== 'success') return submission.reply();
    try {
      if (submission.value.intent === 'open') await openVote(actor, voteId);
      if (submission.value.intent === 'close') await closeVote(actor, voteId);
      if (submission.value.intent === 'cancel') await cancelVote(actor, voteId);
    } catch (e) {
      if (e instanceof VoteError && e.code === 'wrong_state') return submission.reply({ formErrors: ['vote.notOpen'] });
      throw e;
    }
    const notice = { open: 'vote.opened', close: 'vote.closed', cancel: 'vote.cancelled' }[submission.value.intent];
    return redirectWithNotice(back, notice);
  }
  const { submission } = await parseForm(request, ballotSchema);
  if (submission.status !== 'success') return Response.json(submission.reply(), { status: 400 });
  try {
    // A representative acting for a resident casts the resident's ballot; the audit names both.
    await castBallot(actor, principal.actingFor?.id ?? principal.user.id, voteId, submission.value.optionId);
  } catch (e) {
    if (!(e instanceof VoteError)) throw e;
    if (e.code === 'invalid') return submission.reply({ fieldErrors: { optionId: ['deliberation.v.option'] } });
    const message = { not_open: 'vote.notOpen', not_eligible: 'vote.notEligible', already_voted: 'vote.alreadyVoted' }[e.code as string] ?? null;
    if (!message) throw notFound();
    return submission.reply({ formErrors: [message] });
  }
  return redirectWithNotice(back, 'vote.castDone');
}

export default function VotePage() {
  const { vote, signedIn, mine, canManage, canEnterPaper } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const en = locale === 'en';
  const revalidator = useRevalidator();
  // The progress bar follows other people's ballots while the vote is open (without JavaScript: on reload).
  useEffect(() => {
    if (!vote.taking) return;
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible' && revalidator.state === 'idle') revalidator.revalidate();
    }, 10_000);
    return () => window.clearInterval(timer);
  }, [vote.taking, revalidator]);
  const label = (id: string | null) => vote.options.find((o) => o.id === id)?.label ?? '';
  return (
    <>
      <p>{vote.topicId ? <Link to={`/topics/${vote.topicId}`}>← {vote.topicTitle}</Link> : <Link to="/topics">← {t('deliberation.title')}</Link>}</p>
      <h1>{vote.question}</h1>
      <p className="muted">
        {t(`vote.status.${vote.status}`)} · {en ? vote.placeEn : vote.placeZh} · {t(`vote.unit.${vote.unit}`)} ·{' '}
        {vote.binding ? t('vote.binding') : t('vote.advisory')}
        <br />
        {t('vote.opens', { at: formatDate(locale, vote.opensAt, true) })} · {t('vote.closes', { at: formatDate(locale, vote.closesAt, true) })}
      </p>
      {vote.description ? <p className="prewrap">{vote.description}</p> : null}
      <FormErrors errors={lastResult?.error?.[''] ?? null} />
      <section aria-labelledby="progress-h">
        <h2 id="progress-h">{vote.status === 'closed' ? t('vote.result') : t('vote.progress')}</h2>
        {vote.status === 'closed' ? (
          <p role="status">
            <strong>
              {vote.tally.carried
                ? t('vote.carried', { option: label(vote.tally.leadingOptionId) })
                : vote.tally.quorumMet
                ? t('vote.notCarried')
                : t('vote.noQuorum')}
            </strong>
          </p>
        ) : null}
        <VoteProgress tally={vote.tally} options={vote.options} thresholdPermille={vote.thresholdPermille} quorumPermille={vote.quorumPermille} />
        {vote.status === 'closed' ? (
          <ul>
            {vote.tally.options.map((o) => (
              <li key={o.id}>{t('vote.optionVotes', { option: label(o.id), count: o.votes })}</li>
            ))}
          </ul>
        ) : null}
        <p className="muted">{t('vote.channels', { online: vote.channels.online, paper: vote.channels.paper, sheet: vote.channels.signature_sheet })}</p>
        {vote.tally.uncountedPaper ? <p>{t('vote.paperNotCounted', { count: vote.tally.uncountedPaper })}</p> : null}
      </section>
      {vote.taking ? (
        <section aria-labelledby="ballot-h">
          <h2 id="ballot-h">{t('vote.ballot')}</h2>
          {!signedIn ? (
            <p>
              <Link to={`/login?redirectTo=/votes/${vote.id}`}>{t('vote.signInToVote')}</Link>
            </p>
          ) : mine?.voted ? (
            <p role="status">{mine.channel === 'online' ? t('vote.voted') : t('vote.votedPaper')}</p>
          ) : !mine?.eligible ? (
            <p>{t('vote.notEligible')}</p>
          ) : (
            <Form method="post">
              <input type="hidden" name="intent" value="cast" />
              {vote.unit === 'household' ? <p>{t('vote.castForHousehold')}</p> : null}
              <fieldset aria-describedby={lastResult?.error?.optionId ? 'option-errors' : undefined}>
                <legend>{t('vote.choose')}</legend>
                {vote.options.map((o) => (
                  <div key={o.id} className="radio">
                    <input type="radio" id={`option-${o.id}`} name="optionId" value={o.id} required />
                    <label htmlFor={`option-${o.id}`}>{o.label}</label>
                  </div>
                ))}
                <ErrorList id="option-errors" errors={lastResult?.error?.optionId ?? undefined} />
              </fieldset>
              <button type="submit">{t('vote.cast')}</button>
            </Form>
          )}
        </section>
      ) : vote.status !== 'closed' ? (
        <p>{t('vote.notOpen')}</p>
      ) : null}
      {canManage || canEnterPaper ? (
        <section aria-labelledby="staff-h">
          <h2 id="staff-h">{t('vote.staff')}</h2>
          {canEnterPaper && vote.taking ? (
            <p>
              <Link to={`/votes/${vote.id}/paper`}>{t('vote.enterPaper')}</Link>
            </p>
          ) : null}
          {canManage ? (
            <Form method="post" className="inline-form">
              {vote.status === 'draft' ? (
                <button type="submit" name="intent" value="open">
                  {t('vote.open')}
                </button>
              ) : null}{' '}
              {vote.status === 'open' ? (
                <button type="submit" name="intent" value="close">
                  {t('vote.close')}
                </button>
              ) : null}{' '}
              {vote.status === 'draft' || vote.status === 'open' ? (
                <button type="submit" name="intent" value="cancel" className="secondary">
                  {t('vote.cancel')}
                </button>
              ) : null}
            </Form>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
