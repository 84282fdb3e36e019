import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { ExportLinks } from '../exports/ui';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { ErrorList, FormErrors } from '../components/field';
import { usePlaceName, useT } from '../i18n/use-t';
import { actorOf } from '../permissions/principal.server';
import { requireUser } from '../permissions/permissions.server';
import { listPublicCommunities } from '../places/public.server';
import { ResourceError } from '../resources/resources.server';
import { decideHours, hoursToReview, logHours } from '../shifts/attendance.server';
import { hoursRecord, setGoal } from '../shifts/hours.server';
import { formatHours } from '../shifts/rules';
import { goalInput, logHoursInput } from '../shifts/schemas';
import { ShiftError } from '../shifts/shifts.server';
import { listMySignups } from '../shifts/signups.server';
import { goalKinds } from '../shifts/values';
import { parseForm, redirectWithNotice } from '../utils/forms.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('exports', 'resources', 'shifts');

export const meta: MetaFunction = () => [{ title: '我的服务时长 · Fivefold' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await requireUser(request);
  const [record, signups, communities, review] = await Promise.all([hoursRecord(principal.user.id, principal.user.locale), listMySignups(principal.user.id), listPublicCommunities(), hoursToReview(principal)]);
  const now = Date.now();
  return {
    record,
    pastShifts: signups.filter((s) => new Date(s.startsAt).getTime() < now && s.status !== 'waitlisted' && !s.checkedOutAt).map((s) => ({ id: s.id, title: s.title, startsAt: s.startsAt })),
    communities: communities.map((c) => ({ id: c.id, nameZh: c.nameZh, nameEn: c.nameEn })),
    review: review.filter((h) => h.shiftId === null),
  };
}

const decideInput = z.object({ hoursId: z.string().uuid(), decision: z.enum(['certify', 'reject']) });

export async function action({ request }: ActionFunctionArgs) {
  const principal = await requireUser(request);
  const actor = { ...actorOf(principal), userId: principal.user.id };
  const intent = (await request.clone().formData()).get('intent');
  if (intent === 'goal') {
    const { submission } = await parseForm(request, goalInput.extend({ intent: z.literal('goal') }));
    if (submission.status !== 'success') return { intent: 'goal', errors: submission.error as Record<string, string[]> };
    await setGoal(actor, submission.value);
    return redirectWithNotice('/my/hours', 'hours.goal.saved');
  }
  if (intent === 'log') {
    const { submission } = await parseForm(request, logHoursInput.and(z.object({ intent: z.literal('log') })));
    if (submission.status !== 'success') return { intent: 'log', errors: submission.error as Record<string, string[]> };
    try {
      await logHours(actor, submission.value);
    } catch (error) {
      if (error instanceof ShiftError && error.field === 'servedOn') return { intent: 'log', errors: { servedOn: ['shifts.v.future'] } };
      if (error instanceof ShiftError && error.field) return { intent: 'log', errors: { shiftId: ['shifts.v.notYours'] } };
      if (error instanceof ResourceError) return { intent: 'log', errors: { placeId: ['resources.v.placeNotFound'] } };
      throw error;
    }
    return redirectWithNotice('/my/hours', 'hours.log.done');
  }
  if (intent === 'decide') {
    const parsed = decideInput.safeParse(Object.fromEntries(await request.formData()));
    if (!parsed.success) return Response.json({ intent: 'decide', errors: { _: ['v.invalid'] } }, { status: 400 });
    try {
      await decideHours(principal, actor, parsed.data.hoursId, { certify: parsed.data.decision === 'certify' });
    } catch (error) {
      if (error instanceof ShiftError) return Response.json({ intent: 'decide', errors: { _: ['shifts.error.conflict'] } }, { status: error.code === 'not_found' ? 404 : 409 });
      throw error;
    }
    return redirectWithNotice('/my/hours', 'hours.review.done');
  }
  return Response.json({ intent: 'unknown', errors: { _: ['v.invalid'] } }, { status: 400 });
}

export default function MyHours() {
  const { record, pastShifts, communities, review } = useLoaderData<typeof loader>();
  const result = useActionData<{ intent: string; errors?: Record<string, string[]> }>();
  const t = useT();
  const placeName = usePlaceName();
  const h = (halfHours: number) => t('hours.unit', { hours: formatHours(halfHours) });
  const logErrors = result?.intent === 'log' ? result.errors : undefined;
  const goalErrors = result?.intent === 'goal' ? result.errors : undefined;
  return (
    <>
      <h1>{t('hours.title')}</h1>
      <p>{t('hours.intro')}</p>
      <ExportLinks list="hours" filters={{ scope: 'mine' }} />
      {review.length ? <ExportLinks list="hours" filters={{ scope: 'team' }} /> : null}
      {result?.intent === 'decide' ? <FormErrors errors={result.errors?._} /> : null}
      <dl className="facts">
        <dt>{t('hours.total.certified')}</dt>
        <dd>
          <strong data-testid="certified-total">{h(record.totals.certified)}</strong>
        </dd>
        <dt>{t('hours.total.selfReported')}</dt>
        <dd>{h(record.totals.selfReported)}</dd>
        <dt>{t('hours.total.pending')}</dt>
        <dd>{h(record.totals.pending)}</dd>
      </dl>
      <p>
        <a href="/my/hours.csv" download>
          {t('hours.csv')}
        </a>{' '}
        · <Link to="/my/hours/certificate">{t('hours.certificate')}</Link>
      </p>

      <section aria-labelledby="goal-h">
        <h2 id="goal-h">{t('hours.goal.title', { year: record.year })}</h2>
        {record.progress ? (
          <>
            <p>
              {record.goal?.kind === 'shuangbaodao' ? t('hours.goal.shuangbaodao') : t('hours.goal.personal')}: {t('hours.goal.progress', { certified: formatHours(record.progress.certified), target: formatHours(record.progress.target), percent: record.progress.percent })}
            </p>
            <progress max={100} value={record.progress.percent} aria-label={t('hours.goal.title', { year: record.year })}>
              {record.progress.percent}%
            </progress>
            {record.progress.met ? <p>{t('hours.goal.met')}</p> : null}
            {record.progress.pending ? <p className="muted">{t('hours.goal.pendingNote', { pending: formatHours(record.progress.pending) })}</p> : null}
          </>
        ) : (
          <p>{t('hours.goal.none')}</p>
        )}
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value="goal" />
          <div className="field">
            <label htmlFor="goal-kind">{t('hours.goal.kind')}</label>
            <select id="goal-kind" name="kind" defaultValue={record.goal?.kind ?? 'shuangbaodao'}>
              {goalKinds.map((k) => (
                <option key={k} value={k}>
                  {t(`hours.goal.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="goal-hours">{t('hours.goal.hours')}</label>
            <input id="goal-hours" name="hours" inputMode="decimal" size={5} defaultValue={record.goal?.kind === 'personal' ? formatHours(record.goal.targetHalfHours) : ''} aria-describedby={goalErrors?.hours ? 'goal-hours-errors' : undefined} />
            <ErrorList id="goal-hours-errors" errors={goalErrors?.hours} />
          </div>
          <button type="submit">{t('hours.goal.submit')}</button>
        </Form>
      </section>

      <section aria-labelledby="month-h">
        <h2 id="month-h">{t('hours.byMonth')}</h2>
        {record.months.length ? (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('hours.month')}</th>
                  <th scope="col">{t('hours.organisation')}</th>
                  <th scope="col">{t('hours.certified')}</th>
                  <th scope="col">{t('hours.selfReported')}</th>
                  <th scope="col">{t('hours.pending')}</th>
                </tr>
              </thead>
              <tbody>
                {record.months.map((m) => (
                  <tr key={`${m.month}-${m.organisation}`}>
                    <td>{m.month}</td>
                    <td>{m.organisation}</td>
                    <td>{formatHours(m.certified)}</td>
                    <td>{formatHours(m.selfReported)}</td>
                    <td>{formatHours(m.pending)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t('hours.none')}</p>
        )}
      </section>

      {record.entries.length ? (
        <section aria-labelledby="entries-h">
          <h2 id="entries-h">{t('hours.entries')}</h2>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('hours.date')}</th>
                  <th scope="col">{t('hours.hours')}</th>
                  <th scope="col">{t('hours.what')}</th>
                  <th scope="col">{t('hours.statusCol')}</th>
                </tr>
              </thead>
              <tbody>
                {record.entries.map((e) => (
                  <tr key={e.id}>
                    <td>{e.servedOn}</td>
                    <td>{formatHours(e.halfHours)}</td>
                    <td>
                      {e.shiftId ? <Link to={`/shifts/${e.shiftId}`}>{e.shiftTitle ?? e.description}</Link> : e.description}
                      <div className="muted">
                        {e.organisation} · {t(`hours.source.${e.source}`)}
                      </div>
                    </td>
                    <td>{t(`hours.status.${e.status}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      <section aria-labelledby="log-h">
        <h2 id="log-h">{t('hours.log.title')}</h2>
        <p>{t('hours.log.intro')}</p>
        <Form method="post">
          <input type="hidden" name="intent" value="log" />
          <div className="field">
            <label htmlFor="log-shift">{t('hours.log.shift')}</label>
            <select id="log-shift" name="shiftId" aria-describedby={logErrors?.shiftId ? 'log-shift-errors' : undefined}>
              <option value="">{t('hours.log.noShift')}</option>
              {pastShifts.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title} ({String(s.startsAt).slice(0, 10)})
                </option>
              ))}
            </select>
            <ErrorList id="log-shift-errors" errors={logErrors?.shiftId} />
          </div>
          <div className="field">
            <label htmlFor="log-place">{t('hours.log.place')}</label>
            <select id="log-place" name="placeId" aria-describedby={logErrors?.placeId ? 'log-place-errors' : undefined}>
              <option value="">—</option>
              {communities.map((c) => (
                <option key={c.id} value={c.id}>
                  {placeName(c)}
                </option>
              ))}
            </select>
            <ErrorList id="log-place-errors" errors={logErrors?.placeId} />
          </div>
          <div className="field">
            <label htmlFor="log-date">
              {t('hours.log.date')} <span className="req">{t('form.required')}</span>
            </label>
            <input id="log-date" name="servedOn" type="date" required aria-invalid={logErrors?.servedOn ? true : undefined} aria-describedby={logErrors?.servedOn ? 'log-date-errors' : undefined} />
            <ErrorList id="log-date-errors" errors={logErrors?.servedOn} />
          </div>
          <div className="field">
            <label htmlFor="log-hours">
              {t('hours.log.hours')} <span className="req">{t('form.required')}</span>
            </label>
            <input id="log-hours" name="hours" inputMode="decimal" required size={5} aria-invalid={logErrors?.hours ? true : undefined} aria-describedby={logErrors?.hours ? 'log-hours-errors' : undefined} />
            <ErrorList id="log-hours-errors" errors={logErrors?.hours} />
          </div>
          <div className="field">
            <label htmlFor="log-desc">
              {t('hours.log.description')} <span className="req">{t('form.required')}</span>
            </label>
            <input id="log-desc" name="description" required maxLength={300} aria-invalid={logErrors?.description ? true : undefined} aria-describedby={logErrors?.description ? 'log-desc-errors' : undefined} />
            <ErrorList id="log-desc-errors" errors={logErrors?.description} />
          </div>
          <button type="submit">{t('hours.log.submit')}</button>
        </Form>
      </section>

      {review.length ? (
        <section aria-labelledby="review-h">
          <h2 id="review-h">{t('hours.review.title')}</h2>
          <ul>
            {review.map((r) => (
              <li key={r.id}>
                {r.volunteer} · {r.servedOn} · {h(r.halfHours)} · {r.description}
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="decide" />
                  <input type="hidden" name="hoursId" value={r.id} />
                  <button type="submit" name="decision" value="certify">
                    {t('shifts.roster.certify')}
                  </button>
                  <button type="submit" name="decision" value="reject" className="secondary">
                    {t('shifts.roster.reject')}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
