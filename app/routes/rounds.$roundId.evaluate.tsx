import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { FormErrors } from '../components/field';
import { biddersSatisfaction } from '../deliberation/satisfaction.server';
import { SatisfactionSummary } from '../deliberation/ui';
import { useMoney } from '../funds/ui';
import { useLocale, useT } from '../i18n/use-t';
import { actorOf } from '../permissions/principal.server';
import { requireUser } from '../permissions/permissions.server';
import { bidsForEvaluator, declareInterests, isAssignedEvaluator, roundApplicants, scoreBid } from '../projects/evaluation.server';
import { replyToProjectError } from '../projects/pages.server';
import { getRound } from '../projects/rounds.server';
import { declareSchema, scoreSchema } from '../projects/schemas';
import { scoreMax, scoreMin } from '../projects/values';
import { parseForm, redirectWithNotice } from '../utils/forms.server';
import { notFound, uuidParam } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('deliberation', 'funds', 'projects');

export const meta: MetaFunction = () => [{ title: '评审 · 公益创投 · Fivefold' }];

// The evaluator workspace. Bids reach it only through evaluation.server.ts, which leaves out any bid from the
// evaluator's own organisation or team, their own, and those they declared a conflict with.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const roundId = uuidParam(params, 'roundId');
  const principal = await requireUser(request);
  const found = await bidsForEvaluator(principal, roundId);
  if (!found) throw notFound();
  const round = (await getRound(principal, roundId))!;
  const applicants = found.ctx.declaredAt ? [] : await roundApplicants(roundId);
  return {
    round: { id: round.id, title: round.title, status: round.status, criteria: round.criteria },
    declared: !!found.ctx.declaredAt,
    applicants: applicants.filter((a) => !found.ctx.excludedKeys.includes(a.key)),
    bids: found.bids.map((b) => ({ id: b.id, projectTitle: b.projectTitle, applicantName: b.applicantName, applicantType: b.applicantType, plan: b.plan, budgetLines: b.budgetLines, requestedMinor: b.requestedMinor, currency: b.currency, staff: b.staff, schedule: b.schedule })),
    scores: found.scores,
    // How residents rated each bidding organisation's past work (民评), from the bids this evaluator may see only.
    satisfaction: await biddersSatisfaction(found.bids.map((b) => b.id)),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const roundId = uuidParam(params, 'roundId');
  const principal = await requireUser(request);
  // Only an assigned evaluator has a workspace; to anyone else it does not exist.
  if (!(await isAssignedEvaluator(principal, roundId))) throw notFound();
  const back = `/rounds/${roundId}/evaluate`;
  const intent = (await request.clone().formData()).get('intent');
  if (intent !== 'declare' && intent !== 'score') throw new Response('Unknown intent', { status: 400 });
  if (intent === 'declare') {
    const { submission } = await parseForm(request, declareSchema);
    if (submission.status !== 'success') return { bidId: null, result: submission.reply() };
    try {
      await declareInterests(principal, actorOf(principal), roundId, { conflictKeys: submission.value.conflictKeys, note: submission.value.note });
    } catch (error) {
      return { bidId: null, result: replyToProjectError(error, (o) => submission.reply(o)).data };
    }
    return redirectWithNotice(back, 'evaluate.notice.declared');
  }
  const { submission } = await parseForm(request, scoreSchema);
  if (submission.status !== 'success') {
    const bidId = submission.payload.bidId;
    return { bidId: typeof bidId === 'string' ? bidId : null, result: submission.reply() };
  }
  try {
    // The service answers "not found" for a bid this evaluator may not see: the same 404 as a made-up id.
    await scoreBid(principal, actorOf(principal), submission.value.bidId, submission.value.scores);
  } catch (error) {
    return { bidId: submission.value.bidId, result: replyToProjectError(error, (o) => submission.reply(o)).data };
  }
  return redirectWithNotice(`${back}#bid-${submission.value.bidId}`, 'evaluate.notice.scored');
}

export default function EvaluatePage() {
  const { round, declared, applicants, bids, scores, satisfaction } = useLoaderData<typeof loader>();
  const last = useActionData<typeof action>();
  const t = useT();
  const money = useMoney();
  const en = useLocale() === 'en';
  const errorsOf = (bidId: string | null) => (last && last.bidId === bidId && last.result.error ? Object.values(last.result.error).flat().filter((e): e is string => typeof e === 'string') : null);
  const points = Array.from({ length: scoreMax - scoreMin + 1 }, (_, i) => scoreMin + i);
  return (
    <>
      <p>
        <Link to={`/rounds/${round.id}`}>← {round.title}</Link>
      </p>
      <h1>{t('evaluate.title')}</h1>
      <p>{t('evaluate.intro')}</p>
      {!declared ? (
        <section aria-labelledby="declare-h">
          <h2 id="declare-h">{t('evaluate.declare.title')}</h2>
          <p>{t('evaluate.declare.intro')}</p>
          <FormErrors errors={errorsOf(null)} />
          <Form method="post">
            <input type="hidden" name="intent" value="declare" />
            <fieldset>
              <legend>{t('evaluate.declare.applicants')}</legend>
              {applicants.length === 0 ? <p>{t('evaluate.declare.noApplicants')}</p> : null}
              <ul className="plain">
                {applicants.map((a) => (
                  <li key={a.key}>
                    <input type="checkbox" id={`conflict-${a.key}`} name="conflictKeys" value={a.key} /> <label htmlFor={`conflict-${a.key}`}>{a.name}</label>
                  </li>
                ))}
              </ul>
            </fieldset>
            <div className="field">
              <label htmlFor="declare-note">{t('evaluate.declare.note')}</label>
              <textarea id="declare-note" name="note" rows={2} maxLength={500} />
            </div>
            <button type="submit">{t('evaluate.declare.submit')}</button>
          </Form>
        </section>
      ) : round.status !== 'evaluating' ? (
        <p>{t('evaluate.notEvaluating')}</p>
      ) : null}
      {declared ? (
        <section aria-labelledby="bids-h">
          <h2 id="bids-h">{t('evaluate.bids', { count: bids.length })}</h2>
          {bids.length === 0 ? <p>{t('evaluate.noBids')}</p> : null}
          {bids.map((b) => {
            const mine = (criterionId: string) => scores.find((s) => s.bidId === b.id && s.criterionId === criterionId);
            return (
              <article key={b.id} id={`bid-${b.id}`} className="card" aria-labelledby={`bid-${b.id}-h`}>
                <h3 id={`bid-${b.id}-h`}>
                  {b.projectTitle} · {b.applicantName}
                </h3>
                <p className="muted">
                  {t(`rounds.applicant.${b.applicantType}`)} · {money(b.requestedMinor, b.currency)}
                </p>
                <p style={{ whiteSpace: 'pre-line' }}>{b.plan}</p>
                <ul>
                  {b.budgetLines.map((l, i) => (
                    <li key={i}>
                      {l.label}: {money(l.amountMinor, b.currency)}
                    </li>
                  ))}
                </ul>
                {b.staff.length ? <p>{t('bids.staff')}: {b.staff.map((s) => `${s.name}（${s.role}）`).join('、')}</p> : null}
                {b.schedule.length ? <p>{t('bids.schedule')}: {b.schedule.map((s) => `${s.title} ${s.dueOn}`).join('；')}</p> : null}
                {satisfaction[b.id] ? (
                  <SatisfactionSummary id={`bid-${b.id}-satisfaction`} level={4} figures={satisfaction[b.id]} title={t('satisfaction.bidder.title', { name: b.applicantName })} />
                ) : null}
                {round.status === 'evaluating' ? (
                  <Form method="post">
                    <FormErrors errors={errorsOf(b.id)} />
                    <input type="hidden" name="intent" value="score" />
                    <input type="hidden" name="bidId" value={b.id} />
                    {round.criteria.map((c, i) => (
                      <fieldset key={c.id}>
                        <legend>
                          {en ? c.nameEn : c.nameZh} ({t('rounds.weight', { weight: c.weight })})
                        </legend>
                        <input type="hidden" name={`scores[${i}].criterionId`} value={c.id} />
                        <div className="field">
                          <label htmlFor={`score-${b.id}-${i}`}>{t('evaluate.score', { min: scoreMin, max: scoreMax })}</label>
                          <select id={`score-${b.id}-${i}`} name={`scores[${i}].score`} defaultValue={mine(c.id)?.score ?? ''} required>
                            <option value="">—</option>
                            {points.map((p) => (
                              <option key={p} value={p}>
                                {p}
                              </option>
                            ))}
                          </select>
                        </div>
                        <div className="field">
                          <label htmlFor={`comment-${b.id}-${i}`}>{t('evaluate.comment')}</label>
                          <textarea id={`comment-${b.id}-${i}`} name={`scores[${i}].comment`} rows={2} required maxLength={1000} defaultValue={mine(c.id)?.comment ?? ''} />
                        </div>
                      </fieldset>
                    ))}
                    <button type="submit">{t('evaluate.submit', { name: b.applicantName })}</button>
                  </Form>
                ) : null}
              </article>
            );
          })}
        </section>
      ) : null}
    </>
  );
}
