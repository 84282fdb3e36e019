import type { SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { ErrorList, FormErrors } from '../components/field';
import { useDate, useMoney } from '../funds/ui';
import { formatMoney, resolveLocale } from '../i18n/locale';
import { useLocale, useT } from '../i18n/use-t';
import { readPhotos } from '../needs/photos.server';
import { getPrincipal, requireUser } from '../permissions/permissions.server';
import { acceptDelivery, addReport, deliveryFund, deliveryRights, getProject, listMilestones, listReports, publicTimeline, requestMilestoneDisbursement, updateMilestoneProgress } from '../projects/delivery.server';
import { moneySchema, progressSchema, reportSchema } from '../projects/fair-forms';
import { reportKinds } from '../projects/fair-values';
import { callerOf } from '../projects/fairs.server';
import { publicProjectStates } from '../projects/values';
import { redirectWithNotice } from '../utils/forms.server';
import { notFound, uuidParam } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('fairs', 'funds', 'matching-funds');

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.project.title ?? ''} · 项目执行 · Fivefold` }];

async function load(request: Request, projectId: string) {
  const project = await getProject(projectId);
  if (!project) throw notFound();
  const principal = await getPrincipal(request);
  const caller = principal ? callerOf(principal) : null;
  const rights = await deliveryRights(caller, project);
  // A draft is only for staff of its place; to everyone else it does not exist.
  if (!publicProjectStates.includes(project.state) && !rights.staff) throw notFound();
  return { project, caller, rights };
}

// Public: milestones and their progress, public reports with photos and the timeline. The deliverer and the
// project's staff also see private reports and get the progress, report and money forms.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const projectId = uuidParam(params, 'projectId');
  const { project, rights } = await load(request, projectId);
  const insider = rights.staff || rights.deliverer;
  const [milestones, reports, timeline, fund] = await Promise.all([listMilestones(projectId), listReports(projectId, insider), publicTimeline(projectId), insider || rights.requestMoney ? deliveryFund(project) : null]);
  return {
    project: { id: project.id, title: project.title, state: project.state, delivererName: project.delivererName, currency: project.currency },
    delivering: project.state === 'awarded' || project.state === 'in_progress',
    rights: { insider, requestMoney: rights.requestMoney, accept: rights.staff && !rights.deliverer },
    hasFinalReport: reports.some((r) => r.kind === 'final'),
    milestones,
    reports: reports.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
    timeline: timeline.map((i) => ({ ...i, at: i.at.toISOString() })),
    fund: fund ? { id: fund.id, nameZh: fund.nameZh, nameEn: fund.nameEn } : null,
  };
}

type Reply = { intent: string; result: SubmissionResult<string[]> | null; remaining?: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const projectId = uuidParam(params, 'projectId');
  await requireUser(request);
  const { project, caller, rights } = await load(request, projectId);
  if (!rights.staff && !rights.deliverer && !rights.requestMoney) throw notFound();
  const formData = await request.formData();
  const intent = String(formData.get('intent') ?? '');
  const back = `/projects/${projectId}/delivery`;
  const reply = (status: number, body: Reply) => Response.json(body, { status });
  if (intent === 'progress') {
    const submission = parseWithZod(formData, { schema: progressSchema });
    if (submission.status !== 'success') return reply(400, { intent, result: submission.reply() });
    const r = await updateMilestoneProgress(caller!, submission.value.milestoneId, { percent: submission.value.percent, note: submission.value.note });
    if (!r.ok) return reply(r.reason === 'forbidden' || r.reason === 'not_found' ? 403 : 409, { intent, result: submission.reply({ formErrors: [`delivery.err.${r.reason === 'not_found' ? 'forbidden' : r.reason}`] }) });
    return redirectWithNotice(back, 'delivery.progressSaved');
  }
  if (intent === 'report') {
    const submission = parseWithZod(formData, { schema: reportSchema });
    if (submission.status !== 'success') return reply(400, { intent, result: submission.reply() });
    const read = await readPhotos(formData);
    if ('error' in read) return reply(400, { intent, result: submission.reply({ fieldErrors: { photos: [read.error] } }) });
    const v = submission.value;
    const r = await addReport(caller!, projectId, { kind: v.kind, milestoneId: v.milestoneId ?? null, body: v.body, isPublic: v.isPublic, photos: read.photos });
    if (!r.ok) return reply(r.reason === 'forbidden' || r.reason === 'not_found' ? 403 : 409, { intent, result: submission.reply({ formErrors: [`delivery.err.${r.reason === 'not_found' ? 'forbidden' : r.reason}`] }) });
    return redirectWithNotice(back, 'delivery.reportSaved');
  }
  if (intent === 'money') {
    const submission = parseWithZod(formData, { schema: moneySchema });
    if (submission.status !== 'success') return reply(400, { intent, result: submission.reply() });
    const r = await requestMilestoneDisbursement(caller!, submission.value.milestoneId, { amountMinor: submission.value.amount, purpose: submission.value.purpose });
    if (!r.ok && r.reason === 'over_milestone') {
      return reply(409, { intent, result: submission.reply({ fieldErrors: { amount: ['delivery.err.over_milestone'] } }), remaining: formatMoney(resolveLocale(request), r.remainingMinor, project.currency) });
    }
    if (!r.ok) return reply(r.reason === 'forbidden' || r.reason === 'not_found' ? 403 : 409, { intent, result: submission.reply({ formErrors: [`delivery.err.${r.reason === 'not_found' ? 'forbidden' : r.reason}`] }) });
    return redirectWithNotice(back, 'delivery.moneyRequested');
  }
  if (intent === 'accept') {
    const note = String(formData.get('note') ?? '').trim().slice(0, 1000) || null;
    const r = await acceptDelivery(caller!, projectId, note);
    if (!r.ok) return reply(r.reason === 'forbidden' || r.reason === 'not_found' ? 403 : 409, { intent, result: { status: 'error', error: { '': [`delivery.err.${r.reason === 'not_found' ? 'forbidden' : r.reason}`] } } });
    return redirectWithNotice(back, 'delivery.accepted');
  }
  return Response.json({ intent, result: null }, { status: 400 });
}

function useEventText() {
  const t = useT();
  const money = useMoney();
  return (item: { kind: string; data: Record<string, unknown>; toState: string | null }) => {
    const d = item.data as Record<string, string | number | null | undefined>;
    switch (item.kind) {
      case 'milestone_progress':
        return t('delivery.event.milestone_progress', { title: String(d.title ?? ''), percent: Number(d.percent ?? 0) });
      case 'report':
        return t('delivery.event.report', { milestone: d.milestoneTitle ? ` · ${d.milestoneTitle}` : '' });
      case 'disbursement_requested':
      case 'disbursement_paid':
        return t(`delivery.event.${item.kind}`, { title: String(d.title ?? ''), amount: money(Number(d.amountMinor ?? 0), String(d.currency ?? 'CNY')) });
      case 'bid_awarded':
      case 'fair_signed':
        return t(`delivery.event.${item.kind}`, { name: String(d.applicantName ?? '') });
      case 'state_changed':
        return t('delivery.event.state_changed', { to: item.toState ? t(`projects.state.${item.toState}`) : '' });
      default:
        return t(`delivery.event.${item.kind}`);
    }
  };
}

export default function Delivery() {
  const { project, delivering, rights, hasFinalReport, milestones, reports, timeline, fund } = useLoaderData<typeof loader>();
  const last = useActionData<typeof action>() as Reply | undefined;
  const t = useT();
  const en = useLocale() === 'en';
  const money = useMoney();
  const date = useDate();
  const eventText = useEventText();
  const errorsOf = (intent: string, field: string) => (last?.intent === intent ? (last.result?.error?.[field] ?? undefined) : undefined) as string[] | undefined;
  const formErrorsOf = (intent: string) => errorsOf(intent, '') ?? null;
  const amountErrors = errorsOf('money', 'amount')?.map((e) => (e === 'delivery.err.over_milestone' && last?.remaining ? t(e, { remaining: last.remaining }) : e));
  return (
    <>
      <p>
        <Link to={`/projects/${project.id}`}>← {project.title}</Link>
      </p>
      <h1>{t('delivery.of', { title: project.title })}</h1>
      {project.delivererName ? (
        <p>
          {t('delivery.deliveredBy')}: <strong>{project.delivererName}</strong>
        </p>
      ) : null}

      <section aria-labelledby="milestones-h">
        <h2 id="milestones-h">{t('delivery.milestones')}</h2>
        {milestones.length === 0 ? <p>{t('delivery.noMilestones')}</p> : null}
        <ul className="cards">
          {milestones.map((m) => (
            <li key={m.id} className="card">
              <h3>{m.title}</h3>
              {m.dueOn ? <p className="muted">{t('delivery.due', { date: date(m.dueOn) })}</p> : null}
              <p>
                <label htmlFor={`bar-${m.id}`}>{t('delivery.progress')}</label>{' '}
                <progress id={`bar-${m.id}`} max={100} value={m.percent}>
                  {m.percent}%
                </progress>{' '}
                {m.percent}%
              </p>
              {m.amountMinor > 0 ? <p className="muted">{t('delivery.milestoneMoney', { amount: money(m.amountMinor, project.currency), paid: money(m.paidMinor, project.currency), requested: money(m.requestedMinor, project.currency) })}</p> : null}
              {rights.insider && delivering ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="progress" />
                  <input type="hidden" name="milestoneId" value={m.id} />
                  <div className="field">
                    <label htmlFor={`percent-${m.id}`}>{t('delivery.percent')}</label>
                    <input id={`percent-${m.id}`} name="percent" type="number" min={0} max={100} inputMode="numeric" required defaultValue={m.percent} />
                  </div>
                  <div className="field">
                    <label htmlFor={`note-${m.id}`}>{t('delivery.note')}</label>
                    <input id={`note-${m.id}`} name="note" maxLength={500} />
                  </div>
                  <button type="submit" aria-label={`${t('delivery.saveProgress')}: ${m.title}`}>
                    {t('delivery.saveProgress')}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
        {last?.intent === 'progress' ? <FormErrors errors={[...(formErrorsOf('progress') ?? []), ...(errorsOf('progress', 'percent') ?? [])]} /> : null}
      </section>

      {rights.insider && delivering ? (
        <section aria-labelledby="report-h">
          <h2 id="report-h">{t('delivery.report')}</h2>
          <FormErrors errors={formErrorsOf('report')} />
          <Form method="post" encType="multipart/form-data">
            <input type="hidden" name="intent" value="report" />
            <div className="field">
              <label htmlFor="report-kind">{t('delivery.reportKind')}</label>
              <select id="report-kind" name="kind" defaultValue="progress">
                {reportKinds.map((k) => (
                  <option key={k} value={k}>
                    {t(`delivery.kind.${k}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="report-milestone">{t('delivery.reportMilestone')}</label>
              <select id="report-milestone" name="milestoneId" defaultValue="">
                <option value="">{t('delivery.noMilestone')}</option>
                {milestones.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.title}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="report-body">
                {t('delivery.body')} <span className="req">{t('form.required')}</span>
              </label>
              <textarea id="report-body" name="body" rows={5} maxLength={5000} required aria-invalid={errorsOf('report', 'body') ? true : undefined} aria-describedby={errorsOf('report', 'body') ? 'report-body-errors' : undefined} />
              <ErrorList id="report-body-errors" errors={errorsOf('report', 'body')} />
            </div>
            <div className="field">
              <label htmlFor="report-photos">{t('delivery.photos')}</label>
              <input id="report-photos" name="photos" type="file" accept="image/jpeg,image/png,image/webp" multiple aria-describedby={errorsOf('report', 'photos') ? 'report-photos-errors' : undefined} />
              <ErrorList id="report-photos-errors" errors={errorsOf('report', 'photos')} />
            </div>
            <div className="field">
              <label>
                <input type="checkbox" name="isPublic" defaultChecked aria-describedby="report-public-hint" /> {t('delivery.isPublic')}
              </label>
              <p id="report-public-hint" className="hint">
                {t('delivery.isPublicHint')}
              </p>
            </div>
            <button type="submit">{t('delivery.submitReport')}</button>
          </Form>
        </section>
      ) : null}

      {rights.accept && delivering ? (
        <section aria-labelledby="accept-h">
          <h2 id="accept-h">{t('delivery.accept')}</h2>
          {hasFinalReport ? (
            <>
              <p>{t('delivery.acceptIntro')}</p>
              <FormErrors errors={formErrorsOf('accept')} />
              <Form method="post">
                <input type="hidden" name="intent" value="accept" />
                <div className="field">
                  <label htmlFor="accept-note">{t('delivery.note')}</label>
                  <input id="accept-note" name="note" maxLength={1000} />
                </div>
                <button type="submit">{t('delivery.acceptButton')}</button>
              </Form>
            </>
          ) : (
            <p>{t('delivery.acceptNeedsFinal')}</p>
          )}
        </section>
      ) : null}

      {rights.requestMoney && (delivering || project.state === 'completed') && milestones.some((m) => m.amountMinor > 0) ? (
        <section aria-labelledby="money-h">
          <h2 id="money-h">{t('delivery.money')}</h2>
          {fund ? (
            <>
              <p>{t('delivery.moneyIntro', { fund: en ? fund.nameEn : fund.nameZh })}</p>
              <FormErrors errors={formErrorsOf('money')} />
              <Form method="post">
                <input type="hidden" name="intent" value="money" />
                <div className="field">
                  <label htmlFor="money-milestone">
                    {t('delivery.milestone')} <span className="req">{t('form.required')}</span>
                  </label>
                  <select id="money-milestone" name="milestoneId" required>
                    {milestones
                      .filter((m) => m.amountMinor > 0)
                      .map((m) => (
                        <option key={m.id} value={m.id}>
                          {m.title} ({money(m.amountMinor - m.paidMinor - m.requestedMinor, project.currency)})
                        </option>
                      ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor="money-amount">
                    {t('delivery.amount')} <span className="req">{t('form.required')}</span>
                  </label>
                  <input id="money-amount" name="amount" inputMode="decimal" required aria-invalid={amountErrors ? true : undefined} aria-describedby={amountErrors ? 'money-amount-errors' : undefined} />
                  <ErrorList id="money-amount-errors" errors={amountErrors} />
                </div>
                <div className="field">
                  <label htmlFor="money-purpose">
                    {t('delivery.purpose')} <span className="req">{t('form.required')}</span>
                  </label>
                  <input id="money-purpose" name="purpose" maxLength={500} required aria-invalid={errorsOf('money', 'purpose') ? true : undefined} aria-describedby={errorsOf('money', 'purpose') ? 'money-purpose-errors' : undefined} />
                  <ErrorList id="money-purpose-errors" errors={errorsOf('money', 'purpose')} />
                </div>
                <button type="submit">{t('delivery.requestMoney')}</button>
              </Form>
            </>
          ) : (
            <p>{t('delivery.noFund')}</p>
          )}
        </section>
      ) : null}

      <section aria-labelledby="reports-h">
        <h2 id="reports-h">{t('delivery.reports')}</h2>
        {reports.length === 0 ? <p>{t('delivery.noReports')}</p> : null}
        <ul className="cards">
          {reports.map((r) => (
            <li key={r.id} className="card">
              <p className="muted">
                {t(`delivery.kind.${r.kind}`)} · {date(r.createdAt)}
                {r.isPublic ? '' : ` · ${t('delivery.private')}`}
              </p>
              <p style={{ whiteSpace: 'pre-wrap' }}>{r.body}</p>
              {r.photoIds.map((photoId, i) => (
                <img key={photoId} src={`/projects/${project.id}/report-photos/${photoId}`} alt={t('delivery.photoOf', { n: i + 1 })} loading="lazy" style={{ maxWidth: '100%', height: 'auto' }} width={320} />
              ))}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="timeline-h">
        <h2 id="timeline-h">{t('delivery.timeline')}</h2>
        {timeline.length === 0 ? <p>{t('delivery.noTimeline')}</p> : null}
        <ol>
          {timeline.map((item, i) => (
            <li key={i}>
              <time dateTime={item.at}>{date(item.at)}</time> · {eventText(item)}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
