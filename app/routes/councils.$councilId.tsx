import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { Field, FormErrors, SelectField } from '../components/field';
import { addMember, councilPlace, CouncilError, endMembership, getCouncil, recordMinutes, scheduleMeeting, setReservedSeats } from '../deliberation/councils.server';
import { endMemberSchema, meetingSchema, memberSchema, minutesSchema, seatsSchema } from '../deliberation/schemas';
import { councilRoles, meetingTypes, seatGroups } from '../deliberation/values';
import { formatDate } from '../i18n/locale';
import { useLocale, useT } from '../i18n/use-t';
import { actorOf } from '../permissions/principal.server';
import { getPrincipal, hasPermission, requirePermission } from '../permissions/permissions.server';
import { parseForm, redirectWithNotice } from '../utils/forms.server';
import { notFound, uuidParam } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('deliberation');

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.council.nameZh ?? ''} · Fivefold` }];

// Public: who sits on the council (names and seats only), its supervisors and its meetings with minutes.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const councilId = uuidParam(params, 'councilId');
  const council = await getCouncil(councilId);
  if (!council) throw notFound();
  const place = (await councilPlace(councilId))!;
  const principal = await getPrincipal(request);
  const canManage = principal ? hasPermission(principal, 'council.manage', place) : false;
  return {
    council: {
      ...council,
      createdAt: undefined,
      updatedAt: undefined,
      // The groups staff recorded are theirs to see; the public sees the seat each member holds.
      members: council.members.map((m) => ({ ...m, groups: canManage ? m.groups : [] })),
      meetings: council.meetings.map((m) => ({ ...m, startsAt: m.startsAt.toISOString() })),
    },
    canManage,
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
  if (intent === 'member') {
    const { submission } = await parseForm(request, memberSchema);
    if (submission.status !== 'success') return Response.json(submission.reply(), { status: 400 });
    try {
      await addMember(actorOf(principal), councilId, place.id, submission.value);
    } catch (e) {
      if (e instanceof CouncilError && e.code === 'invalid') return Response.json(submission.reply({ fieldErrors: e.fields }), { status: 400 });
      throw e;
    }
    return redirectWithNotice(`/councils/${councilId}`, 'council.memberAdded');
  }
  if (intent === 'endMember') {
    const { submission } = await parseForm(request, endMemberSchema);
    if (submission.status !== 'success') return Response.json(submission.reply(), { status: 400 });
    if (!(await endMembership(actorOf(principal), councilId, place.id, submission.value.memberId))) throw notFound();
    return redirectWithNotice(`/councils/${councilId}`, 'council.memberEnded');
  }
  if (intent === 'seats') {
    const { submission } = await parseForm(request, seatsSchema);
    if (submission.status !== 'success') return Response.json(submission.reply(), { status: 400 });
    try {
      await setReservedSeats(actorOf(principal), councilId, place.id, submission.value.seats);
    } catch (e) {
      if (e instanceof CouncilError && e.code === 'invalid') return Response.json(submission.reply({ fieldErrors: e.fields }), { status: 400 });
      throw e;
    }
    return redirectWithNotice(`/councils/${councilId}`, 'council.seatsSaved');
  }
  throw new Response('Unknown step', { status: 400 });
}

export default function CouncilPage() {
  const { council, canManage } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>() as { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> } | undefined;
  const errorOf = (name: string) => lastResult?.error?.[name] ?? undefined;
  const lastIntent = lastResult?.initialValue?.intent;
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
      {council.reserved.some((s) => s.filled < s.seats) ? (
        <div className="notice" role="status">
          <p>{t('council.unfilledWarning')}</p>
          <ul>
            {council.reserved
              .filter((s) => s.filled < s.seats)
              .map((s) => (
                <li key={s.seatGroup}>{t('council.unfilledLine', { group: t(`council.seat.${s.seatGroup}`), open: s.seats - s.filled })}</li>
              ))}
          </ul>
        </div>
      ) : null}
      <section aria-labelledby="members-h">
        <h2 id="members-h">{t('council.members')}</h2>
        <ul>
          {members.map((m) => (
            <li key={m.id}>
              {m.name} · {t(`council.role.${m.role}`)} · {t(`council.seat.${m.seatGroup}`)}{' '}
              <span className="muted">
                ({m.termStartsOn} – {m.termEndsOn})
              </span>
              {canManage ? <EndMember id={m.id} name={m.name} /> : null}
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
            <li key={m.id}>
              {m.name}{' '}
              <span className="muted">
                ({m.termStartsOn} – {m.termEndsOn})
              </span>
              {canManage ? <EndMember id={m.id} name={m.name} /> : null}
            </li>
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
        <section aria-labelledby="add-member-h">
          <h2 id="add-member-h">{t('council.addMember')}</h2>
          <Form method="post">
            <input type="hidden" name="intent" value="member" />
            <FormErrors errors={lastIntent === 'member' ? (errorOf('') ?? null) : null} />
            <Field id="mb-name" name="name" label={t('council.memberName')} hint={t('council.memberNameHint')} errors={lastIntent === 'member' ? errorOf('name') : undefined} maxLength={60} required />
            <SelectField id="mb-role" name="role" label={t('council.memberRole')} options={councilRoles.map((r) => ({ value: r, label: t(`council.role.${r}`) }))} defaultValue="member" />
            <SelectField
              id="mb-seat"
              name="seatGroup"
              label={t('council.memberSeat')}
              options={seatGroups.map((g) => ({ value: g, label: t(`council.seat.${g}`) }))}
              defaultValue="general"
              errors={lastIntent === 'member' ? errorOf('seatGroup') : undefined}
            />
            <fieldset>
              <legend>{t('council.memberGroups')}</legend>
              <p className="hint">{t('council.memberGroupsHint')}</p>
              {seatGroups
                .filter((g) => g !== 'general')
                .map((g) => (
                  <label key={g} className="check">
                    <input type="checkbox" name="groups" value={g} /> {t(`council.seat.${g}`)}
                  </label>
                ))}
            </fieldset>
            <Field id="mb-from" name="termStartsOn" type="date" label={t('council.termStarts')} defaultValue={council.termStartsOn} errors={lastIntent === 'member' ? errorOf('termStartsOn') : undefined} required />
            <Field id="mb-to" name="termEndsOn" type="date" label={t('council.termEnds')} defaultValue={council.termEndsOn} errors={lastIntent === 'member' ? errorOf('termEndsOn') : undefined} required />
            <button type="submit">{t('council.addMember')}</button>
          </Form>
        </section>
      ) : null}
      {canManage ? (
        <section aria-labelledby="seats-h">
          <h2 id="seats-h">{t('council.setSeats')}</h2>
          <Form method="post">
            <input type="hidden" name="intent" value="seats" />
            {seatGroups
              .filter((g) => g !== 'general')
              .map((g) => (
                <Field
                  key={g}
                  id={`seats-${g}`}
                  name={`seats.${g}`}
                  type="number"
                  label={t('council.seatsFor', { group: t(`council.seat.${g}`) })}
                  defaultValue={council.reserved.find((s) => s.seatGroup === g)?.seats ?? 0}
                  errors={lastIntent === 'seats' ? errorOf(`seats.${g}`) : undefined}
                  inputMode="numeric"
                />
              ))}
            <button type="submit">{t('council.saveSeats')}</button>
          </Form>
        </section>
      ) : null}
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

function EndMember({ id, name }: { id: string; name: string }) {
  const t = useT();
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value="endMember" />
      <input type="hidden" name="memberId" value={id} />
      <button type="submit" className="secondary" aria-label={t('council.endMemberOf', { name })}>
        {t('council.endMember')}
      </button>
    </Form>
  );
}
