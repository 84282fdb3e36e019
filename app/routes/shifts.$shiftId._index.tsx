import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { z } from 'zod';
import { ErrorList, FormErrors, Notice } from '../components/field';
import { formatDate } from '../i18n/locale';
import { useLocale, usePlaceName, useT } from '../i18n/use-t';
import { actorOf } from '../permissions/principal.server';
import { getPrincipal, requireUser } from '../permissions/permissions.server';
import { checkInWithCode, checkOutSelf } from '../shifts/attendance.server';
import { publicRoster } from '../shifts/roster.server';
import { cancelInput, codeInput, teamSignupInput } from '../shifts/schemas';
import { getPublicShift, runsShiftId, ShiftError } from '../shifts/shifts.server';
import { cancelSignup, confirmSignup, mySignup, signUp, signUpTeam, teamsILead, type SignupOutcome } from '../shifts/signups.server';
import { SpotsLine, useWhen } from '../shifts/ui';
import { cancelReasons } from '../shifts/values';
import { parseForm, redirectWithNotice } from '../utils/forms.server';
import { notFound, uuidParam } from '../utils/http.server';
import { getMyVolunteerProfile } from '../resources/volunteers.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('resources', 'shifts');

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.shift.title ?? ''} · Fivefold` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const shiftId = uuidParam(params, 'shiftId');
  const shift = await getPublicShift(shiftId);
  if (!shift) throw notFound();
  const principal = await getPrincipal(request);
  const roster = await publicRoster(shiftId);
  const mine = principal ? await mySignup(principal.user.id, shiftId) : null;
  const teams = principal && shift.teamsAllowed ? await teamsILead(principal.user.id) : [];
  const hasProfile = principal ? Boolean(await getMyVolunteerProfile(principal.user.id)) : false;
  const organiser = principal ? await runsShiftId(principal, shiftId) : false;
  return { shift, roster, mine, teams, signedIn: Boolean(principal), hasProfile, organiser, now: new Date().toISOString() };
}

const intent = z.object({ intent: z.enum(['signup', 'confirm', 'cancel', 'checkin', 'checkout', 'team']) });

type ActionResult = { intent: string; outcome?: SignupOutcome; error?: string; fieldErrors?: Record<string, string[]>; team?: { name: string; result: SignupOutcome }[] };

export async function action({ request, params }: ActionFunctionArgs): Promise<Response | ActionResult> {
  const principal = await requireUser(request);
  const shiftId = uuidParam(params, 'shiftId');
  const form = await request.clone().formData();
  const which = intent.safeParse({ intent: form.get('intent') });
  if (!which.success) return Response.json({ intent: 'unknown', error: 'v.invalid' }, { status: 400 });
  const actor = { ...actorOf(principal), userId: principal.user.id };
  const path = `/shifts/${shiftId}`;
  try {
    switch (which.data.intent) {
      case 'signup': {
        const outcome = await signUp(actor, shiftId);
        if (outcome.outcome === 'booked') return redirectWithNotice(path, 'shifts.notice.signedUp');
        if (outcome.outcome === 'waitlisted') return redirectWithNotice(path, 'shifts.notice.waitlisted');
        return Response.json({ intent: 'signup', outcome }, { status: 409 });
      }
      case 'confirm':
        await confirmSignup(actor, shiftId);
        return redirectWithNotice(path, 'shifts.notice.confirmed');
      case 'cancel': {
        const { submission } = await parseForm(request, cancelInput.extend({ intent: z.literal('cancel') }));
        if (submission.status !== 'success') return { intent: 'cancel', fieldErrors: submission.error as Record<string, string[]> };
        await cancelSignup(principal, actor, shiftId, {}, submission.value);
        return redirectWithNotice(path, 'shifts.notice.cancelled');
      }
      case 'checkin': {
        const { submission } = await parseForm(request, codeInput.extend({ intent: z.literal('checkin') }));
        if (submission.status !== 'success') return { intent: 'checkin', fieldErrors: submission.error as Record<string, string[]> };
        await checkInWithCode(actor, shiftId, submission.value.code);
        return redirectWithNotice(path, 'shifts.notice.checkedIn');
      }
      case 'checkout':
        await checkOutSelf(actor, shiftId);
        return redirectWithNotice(path, 'shifts.notice.checkedOut');
      case 'team': {
        const { submission } = await parseForm(request, teamSignupInput.extend({ intent: z.literal('team') }));
        if (submission.status !== 'success') return { intent: 'team', fieldErrors: submission.error as Record<string, string[]> };
        const results = await signUpTeam(actor, shiftId, submission.value.teamId, submission.value.memberIds);
        return { intent: 'team', team: results.map((r) => ({ name: r.name, result: r.result })) };
      }
    }
  } catch (error) {
    if (error instanceof ShiftError) {
      if (error.code === 'not_found' && which.data.intent !== 'checkin' && which.data.intent !== 'cancel') throw notFound();
      const status = error.code === 'code' ? 400 : error.code === 'too_many' ? 429 : error.code === 'forbidden' ? 403 : error.code === 'not_found' ? 404 : 409;
      return Response.json({ intent: which.data.intent, error: `shifts.error.${error.code === 'not_found' ? 'conflict' : error.code === 'forbidden' ? 'conflict' : error.code}` }, { status });
    }
    throw error;
  }
}

function RefusalText({ outcome }: { outcome: SignupOutcome }) {
  const t = useT();
  if (outcome.outcome !== 'refused') return null;
  const checks = [...(outcome.missing ?? []), ...(outcome.expired ?? [])].map((c) => t(`resources.checkType.${c}`)).join('、');
  return <>{t(`shifts.refused.${outcome.reason}`, { title: outcome.clashWith ?? '', checks })}</>;
}

export default function ShiftPage() {
  const { shift, roster, mine, teams, signedIn, hasProfile, organiser, now } = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const t = useT();
  const locale = useLocale();
  const when = useWhen();
  const placeName = usePlaceName();
  const busy = useNavigation().state === 'submitting';
  const ended = new Date(shift.endsAt).getTime() < new Date(now).getTime();
  const begun = (shift.timing === 'window' ? new Date(shift.endsAt) : new Date(shift.startsAt)).getTime() <= new Date(now).getTime();
  const full = Number(shift.booked) >= shift.spots;
  const live = mine && (mine.status === 'booked' || mine.status === 'waitlisted');
  return (
    <>
      <p>
        <Link to="/shifts">{t('shifts.title')}</Link>
      </p>
      <h1>{shift.title}</h1>
      {shift.status === 'cancelled' ? <Notice tone="error">{t('shifts.cancelled')}</Notice> : ended ? <Notice>{t('shifts.past')}</Notice> : null}
      <dl className="facts">
        <dt>{t('shifts.role')}</dt>
        <dd>{shift.role}</dd>
        <dt>{t('shifts.when')}</dt>
        <dd>
          {when(shift)}
          {shift.recurrence === 'weekly' ? ` · ${t('shifts.weekly')}` : null}
        </dd>
        <dt>{t('shifts.where')}</dt>
        <dd>{[placeName({ nameZh: shift.communityZh, nameEn: shift.communityEn }), shift.placeType !== 'community' ? placeName({ nameZh: shift.placeZh, nameEn: shift.placeEn }) : null, shift.location].filter(Boolean).join(' · ')}</dd>
        <dt>{t('shifts.spots')}</dt>
        <dd>
          <SpotsLine s={shift} />
        </dd>
        {shift.skills.length ? (
          <>
            <dt>{t('shifts.skills')}</dt>
            <dd>{shift.skills.map((s) => t(`resources.skill.${s}`)).join('、')}</dd>
          </>
        ) : null}
        {shift.requiredChecks.length ? (
          <>
            <dt>{t('shifts.checks')}</dt>
            <dd>{shift.requiredChecks.map((c) => t(`resources.checkType.${c}`)).join('、')}</dd>
          </>
        ) : null}
        {shift.organisationName ? (
          <>
            <dt>{t('shifts.organisation')}</dt>
            <dd>{shift.organisationName}</dd>
          </>
        ) : null}
        {shift.needId ? (
          <>
            <dt>{t('shifts.need')}</dt>
            <dd>
              <Link to={`/needs/${shift.needId}`}>{t('shifts.need')}</Link>
            </dd>
          </>
        ) : null}
        {shift.projectId ? (
          <>
            <dt>{t('shifts.project')}</dt>
            <dd>
              <Link to={`/projects/${shift.projectId}`}>{t('shifts.project')}</Link>
            </dd>
          </>
        ) : null}
      </dl>
      {shift.description ? <p>{shift.description}</p> : null}
      {shift.teamsAllowed ? <p className="muted">{t('shifts.teamsAllowed')}</p> : null}
      <p className="muted">{t('shifts.cutoff', { hours: shift.cancelCutoffHours })}</p>
      <p>
        <a href={`/shifts/${shift.id}.ics`} download>
          {t('shifts.ics')}
        </a>
        {organiser ? (
          <>
            {' · '}
            <Link to={`/shifts/${shift.id}/roster`}>{t('shifts.roster.open')}</Link>
          </>
        ) : null}
      </p>

      {result?.outcome ? (
        <Notice tone="error">
          <RefusalText outcome={result.outcome} />
        </Notice>
      ) : null}
      {result?.error ? <FormErrors errors={[result.error]} /> : null}

      <section aria-labelledby="me-h">
        <h2 id="me-h">{t('nav.myShifts')}</h2>
        {!signedIn ? (
          <p>
            <Link to={`/login?redirectTo=/shifts/${shift.id}`} className="button">
              {t('shifts.loginToSignUp')}
            </Link>
          </p>
        ) : mine?.status === 'booked' ? (
          <>
            <p>{t('shifts.you.booked')}</p>
            {mine.checkedInAt ? <p>{t('shifts.you.checkedIn', { time: formatDate(locale, mine.checkedInAt, true) })}</p> : null}
            {mine.checkedOutAt ? <p>{t('shifts.you.checkedOut', { time: formatDate(locale, mine.checkedOutAt, true) })}</p> : null}
          </>
        ) : mine?.status === 'waitlisted' ? (
          <p>{t('shifts.you.waitlisted', { position: mine.position ?? '' })}</p>
        ) : mine?.status === 'no_show' ? (
          <p>{t('shifts.you.noShow')}</p>
        ) : !hasProfile ? (
          <p>
            {t('shifts.needProfile')} <Link to="/my/profile">{t('nav.myProfile')}</Link>
          </p>
        ) : shift.status === 'open' && !begun ? (
          <Form method="post">
            <input type="hidden" name="intent" value="signup" />
            <button type="submit" disabled={busy}>
              {full ? t('shifts.joinWaitlist') : t('shifts.signUp')}
            </button>
          </Form>
        ) : null}

        {live && !mine.confirmedAt ? (
          <Form method="post">
            <p>{t('shifts.you.unconfirmed')}</p>
            <input type="hidden" name="intent" value="confirm" />
            <button type="submit">{t('shifts.confirm')}</button>
          </Form>
        ) : null}

        {mine?.status === 'booked' && !mine.checkedInAt && !ended && shift.status === 'open' ? (
          <Form method="post" aria-labelledby="checkin-h">
            <h3 id="checkin-h">{t('shifts.checkin.title')}</h3>
            <input type="hidden" name="intent" value="checkin" />
            <div className="field">
              <label htmlFor="code">{t('shifts.checkin.code')}</label>
              <input id="code" name="code" inputMode="numeric" autoComplete="one-time-code" pattern="\d{6}" maxLength={6} required aria-invalid={result?.fieldErrors?.code ? true : undefined} aria-describedby={result?.fieldErrors?.code ? 'code-errors' : undefined} />
              <ErrorList id="code-errors" errors={result?.intent === 'checkin' ? result.fieldErrors?.code : undefined} />
            </div>
            <button type="submit">{t('shifts.checkin.submit')}</button>
          </Form>
        ) : null}
        {mine?.status === 'booked' && mine.checkedInAt && !mine.checkedOutAt ? (
          <Form method="post">
            <input type="hidden" name="intent" value="checkout" />
            <button type="submit">{t('shifts.checkout.submit')}</button>
          </Form>
        ) : null}

        {live && !mine.checkedInAt ? (
          <details>
            <summary>{t('shifts.cancelSignup')}</summary>
            <Form method="post">
              <input type="hidden" name="intent" value="cancel" />
              <div className="field">
                <label htmlFor="reason">{t('shifts.cancelReason')}</label>
                <select id="reason" name="reason" required>
                  {cancelReasons.map((r) => (
                    <option key={r} value={r}>
                      {t(`shifts.reason.${r}`)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="note">{t('shifts.cancelNote')}</label>
                <input id="note" name="note" maxLength={300} />
              </div>
              <button type="submit" className="secondary">
                {t('shifts.cancelSignup')}
              </button>
            </Form>
          </details>
        ) : null}
      </section>

      {teams.length && shift.status === 'open' && !begun ? (
        <section aria-labelledby="team-h">
          <h2 id="team-h">{t('shifts.team.title')}</h2>
          {result?.team ? (
            <Notice tone="success">
              <ul>
                {result.team.map((r, i) => (
                  <li key={i}>{t('shifts.team.result', { name: r.name, outcome: r.result.outcome === 'refused' ? t(`shifts.refused.${r.result.reason}`, { title: r.result.clashWith ?? '', checks: '' }) : t(`shifts.outcome.${r.result.outcome}.short`) })}</li>
                ))}
              </ul>
            </Notice>
          ) : null}
          {teams.map((team) => (
            <Form method="post" key={team.teamId}>
              <input type="hidden" name="intent" value="team" />
              <input type="hidden" name="teamId" value={team.teamId} />
              <fieldset>
                <legend>
                  {t('shifts.team.members')}: {team.name}
                </legend>
                {team.members.map((m) => (
                  <div className="check" key={m.userId}>
                    <input type="checkbox" id={`m-${team.teamId}-${m.userId}`} name="memberIds" value={m.userId} />
                    <label htmlFor={`m-${team.teamId}-${m.userId}`}>{m.name}</label>
                  </div>
                ))}
                <ErrorList id={`team-${team.teamId}-errors`} errors={result?.intent === 'team' ? result.fieldErrors?.memberIds : undefined} />
              </fieldset>
              <button type="submit">{t('shifts.team.submit')}</button>
            </Form>
          ))}
        </section>
      ) : null}

      <section aria-labelledby="roster-h">
        <h2 id="roster-h">{t('shifts.roster')}</h2>
        {roster.length ? (
          <ul>
            {roster.map((r, i) => (
              <li key={i}>{r.name}</li>
            ))}
          </ul>
        ) : (
          <p>{t('shifts.roster.empty')}</p>
        )}
      </section>
    </>
  );
}
