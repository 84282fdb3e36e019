import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { Notice } from '../components/field';
import { formatDate } from '../i18n/locale';
import { useLocale, useT } from '../i18n/use-t';
import { actorOf } from '../permissions/principal.server';
import { requireUser } from '../permissions/permissions.server';
import { createFeed, hasFeed, revokeFeed } from '../shifts/calendar.server';
import { listShiftsIRun } from '../shifts/shifts.server';
import { listMySignups } from '../shifts/signups.server';
import { ShiftCard, useWhen } from '../shifts/ui';
import { originOf, redirectWithNotice } from '../utils/forms.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('shifts');

export const meta: MetaFunction = () => [{ title: '我的班次 · Fivefold' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await requireUser(request);
  const [mine, run, feed] = await Promise.all([listMySignups(principal.user.id), listShiftsIRun(principal), hasFeed(principal.user.id)]);
  return { mine, run, feed, now: new Date().toISOString() };
}

// The feed's address is shown once, in the answer to the POST that made it: it never sits in a URL or a page that can be reloaded.
export async function action({ request }: ActionFunctionArgs) {
  const principal = await requireUser(request);
  const intent = z.enum(['feed', 'revokeFeed']).safeParse((await request.formData()).get('intent'));
  if (!intent.success) return Response.json({ error: 'v.invalid' }, { status: 400 });
  const actor = { ...actorOf(principal), userId: principal.user.id };
  if (intent.data === 'revokeFeed') {
    await revokeFeed(actor);
    return redirectWithNotice('/my/shifts', 'shifts.feed.revoked');
  }
  const token = await createFeed(actor);
  return { feedUrl: `${originOf(request)}/calendar/${token}.ics` };
}

export default function MyShifts() {
  const { mine, run, feed, now } = useLoaderData<typeof loader>();
  const made = useActionData<{ feedUrl?: string }>();
  const t = useT();
  const locale = useLocale();
  const when = useWhen();
  const upcoming = mine.filter((m) => new Date(m.endsAt).getTime() >= new Date(now).getTime());
  const past = mine.filter((m) => new Date(m.endsAt).getTime() < new Date(now).getTime());
  const row = (m: (typeof mine)[number]) => (
    <li key={m.signupId}>
      <Link to={`/shifts/${m.id}`}>{m.title}</Link> · {when(m)} · <strong>{t(`shifts.status.${m.status}`)}</strong>
      {m.shiftStatus === 'cancelled' ? ` · ${t('shifts.cancelled')}` : null}
      {m.status !== 'no_show' && !m.confirmedAt ? ` · ${t('shifts.roster.notConfirmed')}` : null}
      {m.checkedOutAt ? ` · ${t('shifts.you.checkedOut', { time: formatDate(locale, m.checkedOutAt, true) })}` : m.checkedInAt ? ` · ${t('shifts.you.checkedIn', { time: formatDate(locale, m.checkedInAt, true) })}` : null}
    </li>
  );
  return (
    <>
      <h1>{t('shifts.my.title')}</h1>
      <p>
        <Link to="/shifts" className="button">
          {t('shifts.my.find')}
        </Link>{' '}
        <Link to="/my/hours" className="button secondary">
          {t('nav.myHours')}
        </Link>
      </p>
      <section aria-labelledby="up-h">
        <h2 id="up-h">{t('shifts.my.upcoming')}</h2>
        {upcoming.length ? <ul>{upcoming.map(row)}</ul> : <p>{t('shifts.my.none')}</p>}
      </section>
      {past.length ? (
        <section aria-labelledby="past-h">
          <h2 id="past-h">{t('shifts.my.past')}</h2>
          <ul>{past.map(row)}</ul>
        </section>
      ) : null}
      <section aria-labelledby="feed-h">
        <h2 id="feed-h">{t('shifts.feed.title')}</h2>
        <p>{t('shifts.feed.intro')}</p>
        {made?.feedUrl ? (
          <Notice tone="success">
            <p>{t('shifts.feed.created')}</p>
            <label htmlFor="feed-url">{t('shifts.feed.url')}</label>
            <input id="feed-url" readOnly value={made.feedUrl} size={60} />
          </Notice>
        ) : feed ? (
          <p>{t('shifts.feed.active', { date: formatDate(locale, feed.createdAt) })}</p>
        ) : null}
        <Form method="post" className="inline-form">
          <button type="submit" name="intent" value="feed">
            {feed || made?.feedUrl ? t('shifts.feed.renew') : t('shifts.feed.create')}
          </button>
          {feed || made?.feedUrl ? (
            <button type="submit" name="intent" value="revokeFeed" className="secondary">
              {t('shifts.feed.revoke')}
            </button>
          ) : null}
        </Form>
      </section>
      {run.length ? (
        <section aria-labelledby="run-h">
          <h2 id="run-h">{t('shifts.my.run')}</h2>
          <ul className="cards">
            {run.map((s) => (
              <ShiftCard key={s.id} s={s} />
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
