import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { FormErrors, Notice } from '../components/field';
import { formatDate } from '../i18n/locale';
import { useLocale, useT } from '../i18n/use-t';
import { actorOf } from '../permissions/principal.server';
import { requireUser } from '../permissions/permissions.server';
import { decideHours, hoursToReview, organiserAttendance } from '../shifts/attendance.server';
import { organiserRoster } from '../shifts/roster.server';
import { runsShiftId, ShiftError } from '../shifts/shifts.server';
import { cancelShift, cancelSignup, markNoShow } from '../shifts/signups.server';
import { useWhen } from '../shifts/ui';
import { redirectWithNotice } from '../utils/forms.server';
import { notFound, uuidParam } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('shifts');

export const meta: MetaFunction = () => [{ title: '报名名单 · Fivefold' }];

// The organiser's roster: who is coming with their contacts (every view audited), check-in and check-out, no-shows,
// the check-in code to show at the place, and hours of this shift waiting for certification. Anyone else: 404.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const principal = await requireUser(request);
  const shiftId = uuidParam(params, 'shiftId');
  const roster = await organiserRoster(principal, actorOf(principal), shiftId);
  if (!roster) throw notFound();
  const review = (await hoursToReview(principal)).filter((h) => h.shiftId === shiftId);
  const { shift, rows } = roster;
  return {
    shift: { id: shift.id, title: shift.title, timing: shift.timing, startsAt: shift.startsAt, endsAt: shift.endsAt, durationMinutes: shift.durationMinutes, spots: shift.spots, status: shift.status, checkinCode: shift.checkinCode },
    rows,
    review,
    now: new Date().toISOString(),
  };
}

const body = z.discriminatedUnion('intent', [
  z.object({ intent: z.enum(['in', 'out', 'noShow', 'remove']), signupId: z.string().uuid(), hours: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().min(0.5).max(24).refine((h) => Number.isInteger(h * 2)).optional()) }),
  z.object({ intent: z.literal('cancelShift') }),
  z.object({ intent: z.enum(['certify', 'reject']), hoursId: z.string().uuid(), hours: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().min(0.5).max(24).refine((h) => Number.isInteger(h * 2), 'shifts.v.halfHours').optional()) }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const principal = await requireUser(request);
  const shiftId = uuidParam(params, 'shiftId');
  if (!(await runsShiftId(principal, shiftId))) throw notFound();
  const parsed = body.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return Response.json({ error: 'v.invalid' }, { status: 400 });
  const actor = { ...actorOf(principal), userId: principal.user.id };
  const path = `/shifts/${shiftId}/roster`;
  const b = parsed.data;
  try {
    if ('signupId' in b) {
      if (b.intent === 'in' || b.intent === 'out') await organiserAttendance(principal, actor, shiftId, b.signupId, b.intent, new Date(), { halfHours: b.hours ? Math.round(b.hours * 2) : undefined });
      else if (b.intent === 'noShow') await markNoShow(principal, actor, shiftId, b.signupId);
      else await cancelSignup(principal, actor, shiftId, { signupId: b.signupId }, { reason: 'other', note: 'removed by the organiser' });
    } else if (b.intent === 'cancelShift') {
      await cancelShift(principal, actor, shiftId);
      return redirectWithNotice(path, 'shifts.notice.shiftCancelled');
    } else {
      await decideHours(principal, actor, b.hoursId, { certify: b.intent === 'certify', halfHours: b.hours ? Math.round(b.hours * 2) : undefined });
      return redirectWithNotice(path, 'hours.review.done');
    }
    return redirectWithNotice(path, 'shifts.notice.updated');
  } catch (error) {
    if (error instanceof ShiftError) return Response.json({ error: `shifts.error.${error.code === 'not_open' ? 'not_open' : 'conflict'}` }, { status: error.code === 'not_found' ? 404 : 409 });
    throw error;
  }
}

export default function Roster() {
  const { shift, rows, review, now } = useLoaderData<typeof loader>();
  const result = useActionData<{ error?: string }>();
  const t = useT();
  const locale = useLocale();
  const when = useWhen();
  const live = rows.filter((r) => r.status !== 'cancelled');
  const booked = live.filter((r) => r.status === 'booked').length;
  const waiting = live.filter((r) => r.status === 'waitlisted').length;
  const started = new Date(shift.startsAt).getTime() <= new Date(now).getTime();
  const button = (intent: string, signupId: string, label: string, secondary = true) => (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="signupId" value={signupId} />
      <button type="submit" className={secondary ? 'secondary' : undefined}>
        {label}
      </button>
    </Form>
  );
  return (
    <>
      <p>
        <Link to={`/shifts/${shift.id}`}>{shift.title}</Link>
      </p>
      <h1>{t('shifts.roster.open')}</h1>
      <p>{when(shift)}</p>
      {result?.error ? <FormErrors errors={[result.error]} /> : null}
      {shift.status === 'cancelled' ? <Notice tone="error">{t('shifts.cancelled')}</Notice> : null}
      <section aria-labelledby="code-h">
        <h2 id="code-h">{t('shifts.roster.code')}</h2>
        <p className="checkin-code" aria-label={shift.checkinCode.split('').join(' ')}>
          {shift.checkinCode}
        </p>
        <p className="muted">{t('shifts.roster.codeHint')}</p>
      </section>
      <section aria-labelledby="list-h">
        <h2 id="list-h">{t('shifts.roster')}</h2>
        <p>{t('shifts.roster.count', { booked, waiting })}</p>
        {live.length ? (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('shifts.roster.name')}</th>
                  <th scope="col">{t('shifts.roster.status')}</th>
                  <th scope="col">{t('shifts.roster.contact')}</th>
                  <th scope="col">{t('shifts.roster.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {live.map((r) => (
                  <tr key={r.id}>
                    <td>
                      {r.name}
                      {r.fullName !== r.name ? <span className="muted"> ({r.fullName})</span> : null}
                      {r.teamName ? <div className="muted">{t('shifts.roster.team', { team: r.teamName })}</div> : null}
                    </td>
                    <td>
                      {t(`shifts.status.${r.status}`)}
                      {r.status !== 'no_show' ? <div className="muted">{r.confirmedAt ? t('shifts.roster.confirmed') : t('shifts.roster.notConfirmed')}</div> : null}
                      {r.checkedInAt ? <div>{t('shifts.you.checkedIn', { time: formatDate(locale, r.checkedInAt, true) })}</div> : null}
                      {r.checkedOutAt ? (
                        <div>
                          {t('shifts.you.checkedOut', { time: formatDate(locale, r.checkedOutAt, true) })}
                          {r.autoCheckedOut ? ` (${t('shifts.roster.autoOut')})` : null}
                        </div>
                      ) : null}
                    </td>
                    <td>
                      {r.contactPhone ?? r.phone ? <a href={`tel:${r.contactPhone ?? r.phone}`}>{r.contactPhone ?? r.phone}</a> : null}
                      {r.email ? <div>{r.email}</div> : null}
                    </td>
                    <td>
                      {r.status === 'booked' && !r.checkedInAt && shift.status === 'open' ? button('in', r.id, t('shifts.roster.checkIn'), false) : null}
                      {r.status === 'booked' && r.checkedInAt && !r.checkedOutAt ? (
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="intent" value="out" />
                          <input type="hidden" name="signupId" value={r.id} />
                          <div className="field">
                            <label htmlFor={`out-${r.id}`}>{t('shifts.roster.outHours')}</label>
                            <input id={`out-${r.id}`} name="hours" inputMode="decimal" size={4} />
                          </div>
                          <button type="submit">{t('shifts.roster.checkOut')}</button>
                        </Form>
                      ) : null}
                      {r.status === 'booked' && !r.checkedInAt && started ? button('noShow', r.id, t('shifts.roster.noShow')) : null}
                      {(r.status === 'booked' || r.status === 'waitlisted') && !r.checkedInAt ? button('remove', r.id, t('shifts.roster.remove')) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t('shifts.roster.empty')}</p>
        )}
      </section>
      <section aria-labelledby="review-h">
        <h2 id="review-h">{t('shifts.roster.review')}</h2>
        {review.length ? (
          <ul>
            {review.map((h) => (
              <li key={h.id}>
                {h.volunteer} · {h.servedOn} · {t('hours.unit', { hours: (h.halfHours / 2).toFixed(1) })} · {t(`hours.status.${h.status}`)} · {h.description}
                <Form method="post" className="inline-form">
                  <input type="hidden" name="hoursId" value={h.id} />
                  <div className="field">
                    <label htmlFor={`h-${h.id}`}>{t('shifts.roster.hoursAdjust')}</label>
                    <input id={`h-${h.id}`} name="hours" inputMode="numeric" defaultValue={(h.halfHours / 2).toFixed(1)} size={4} />
                  </div>
                  <button type="submit" name="intent" value="certify">
                    {t('shifts.roster.certify')}
                  </button>
                  <button type="submit" name="intent" value="reject" className="secondary">
                    {t('shifts.roster.reject')}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('shifts.roster.reviewNone')}</p>
        )}
      </section>
      {shift.status === 'open' && !started ? (
        <section aria-labelledby="cancel-h">
          <h2 id="cancel-h">{t('shifts.roster.cancelShift')}</h2>
          <p>{t('shifts.roster.cancelShiftHint')}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="cancelShift" />
            <button type="submit" className="secondary">
              {t('shifts.roster.cancelShift')}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
