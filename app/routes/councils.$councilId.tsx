import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { FormErrors } from '../components/field';
import { councilPlace, getCouncil, recordMinutes, scheduleMeeting } from '../deliberation/councils.server';
import { meetingSchema, minutesSchema } from '../deliberation/schemas';
import { meetingTypes } from '../deliberation/values';
import { formatDate } from '../i18n/locale';
import { useLocale, useT } from '../i18n/use-t';
import { actorOf } from '../permissions/principal.server';
import { getPrincipal, hasPermission, requirePermission } from '../permissions/permissions.server';
import { parseForm, redirectWithNotice } from '../utils/forms.server';
import { notFound, uuidParam } from '../utils/http.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.council.nameZh ?? ''} · Fivefold` }];

// Public: who sits on the council (names and seats only), its supervisors and its meetings with minutes.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const councilId = uuidParam(params, 'councilId');
  const council = await getCouncil(councilId);
  if (!council) throw notFound();
  const place = (await councilPlace(councilId))!;
  const principal = await getPrincipal(request);
  return {
    council: { ...council, createdAt: undefined, updatedAt: undefined, meetings: council.meetings.map((m) => ({ ...m, startsAt: m.startsAt.toISOString() })) },
    canManage: principal ? hasPermission(principal, 'council.manage', place) : false,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const councilId = uuidParam(params, 'councilId');
  const place = await councilPlace(councilId);
  if (!place) throw notFound();
  const principal = await requirePermission(request, 'council.manage', place);
  const intent = (await request.clone().formData()).get('intent');
  if (intent === 'schedule') {
    const { submission } = await parseForm(request, meetingSchema);
    if (submission.status !== 'success') return Response.json(submission.reply(), { status: 400 });
    await scheduleMeeting(actorOf(principal), councilId, place.id, submission.value);
    return redirectWithNotice(`/councils/${councilId}`, 'council.scheduled');
  }
  if (intent === 'minutes') {
    const { submission } = await parseForm(request, minutesSchema);
    if (submission.status !== 'success') return Response.json(submission.reply(), { status: 400 });
    if (!(await recordMinutes(actorOf(principal), councilId, place.id, submission.value.meetingId, submission.value.minutes))) throw notFound();
    return redirectWithNotice(`/councils/${councilId}`, 'council.minutesRecorded');
  }
  throw new Response('Unknown step', { status: 400 });
}

export default function CouncilPage() {
  const { council, canManage } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>() as { error?: Record<string, string[]> } | undefined;
  const t = useT();
  const locale = useLocale();
  const en = locale === 'en';
  const members = council.members.filter((m) => m.role !== 'supervisor');
  const supervisors = council.members.filter((m) => m.role === 'supervisor');
  return (
    <>
      <p>
        <Link to="/topics">← {t('deliberation.title')}</Link>
      </p>
      <h1>{en ? council.nameEn : council.nameZh}</h1>
      <p className="muted">
        {en ? council.placeEn : council.placeZh} · {t('council.term', { from: council.termStartsOn, to: council.termEndsOn })}
      </p>
      <FormErrors errors={lastResult?.error?.[''] ?? null} />
      <section aria-labelledby="members-h">
        <h2 id="members-h">{t('council.members')}</h2>
        <ul>
          {members.map((m) => (
            <li key={m.id}>
              {m.name} · {t(`council.role.${m.role}`)} · {t(`council.seat.${m.seatGroup}`)}{' '}
              <span className="muted">
                ({m.termStartsOn} – {m.termEndsOn})
              </span>
            </li>
          ))}
        </ul>
        <h3>{t('council.reserved')}</h3>
        <ul>
          {council.reserved.map((s) => (
            <li key={s.seatGroup}>{t('council.reservedLine', { group: t(`council.seat.${s.seatGroup}`), filled: s.filled, seats: s.seats })}</li>
          ))}
        </ul>
        <h3>{t('council.supervisors')}</h3>
        <ul>
          {supervisors.map((m) => (
            <li key={m.id}>{m.name}</li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="meetings-h">
        <h2 id="meetings-h">{t('council.meetings')}</h2>
        {council.meetings.length === 0 ? <p>{t('deliberation.none')}</p> : null}
        {council.meetings.map((m) => (
          <article key={m.id} aria-labelledby={`meeting-${m.id}`} className="card">
            <h3 id={`meeting-${m.id}`}>{m.title}</h3>
            <p className="muted">
              {t(`meeting.type.${m.type}`)} · {formatDate(locale, m.startsAt, true)} · {m.location} · {t(`meeting.status.${m.status}`)}
              {m.topicId ? (
                <>
                  {' · '}
                  <Link to={`/topics/${m.topicId}`}>{m.topicTitle}</Link>
                </>
              ) : null}
            </p>
            <h4>{t('council.agenda')}</h4>
            <p className="prewrap">{m.agenda}</p>
            <h4>{t('council.minutes')}</h4>
            <p className="prewrap">{m.minutes || t('council.noMinutes')}</p>
            {canManage && m.status === 'scheduled' ? (
              <Form method="post">
                <input type="hidden" name="intent" value="minutes" />
                <input type="hidden" name="meetingId" value={m.id} />
                <label htmlFor={`minutes-${m.id}`}>{t('council.recordMinutes')}</label>
                <textarea id={`minutes-${m.id}`} name="minutes" rows={4} maxLength={8000} required />
                <button type="submit">{t('council.recordMinutes')}</button>
              </Form>
            ) : null}
          </article>
        ))}
      </section>
      {canManage ? (
        <section aria-labelledby="schedule-h">
          <h2 id="schedule-h">{t('council.schedule')}</h2>
          <Form method="post">
            <input type="hidden" name="intent" value="schedule" />
            <div className="field">
              <label htmlFor="m-type">{t('council.meetingType')}</label>
              <select id="m-type" name="type">
                {meetingTypes.map((mt) => (
                  <option key={mt} value={mt}>
                    {t(`meeting.type.${mt}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="m-title">{t('council.meetingTitle')}</label>
              <input id="m-title" name="title" maxLength={120} required />
            </div>
            <div className="field">
              <label htmlFor="m-starts">{t('council.startsAt')}</label>
              <input id="m-starts" name="startsAt" type="datetime-local" required />
            </div>
            <div className="field">
              <label htmlFor="m-location">{t('council.location')}</label>
              <input id="m-location" name="location" maxLength={200} />
            </div>
            <div className="field">
              <label htmlFor="m-agenda">{t('council.agenda')}</label>
              <textarea id="m-agenda" name="agenda" rows={4} maxLength={4000} />
            </div>
            <button type="submit">{t('council.schedule')}</button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
