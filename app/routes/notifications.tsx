import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { translator } from '../i18n/keys.server';
import { formatDate, resolveLocale } from '../i18n/locale';
import { useLocale, useT } from '../i18n/use-t';
import { readableParams } from '../notifications/format';
import { getEmailMode, listMyNotifications, markRead, saveEmailMode } from '../notifications/notifications.server';
import { emailModes } from '../notifications/values';
import { requireUser } from '../permissions/permissions.server';
import { redirectWithNotice } from '../utils/forms.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('notifications');

// The notification centre: everything that happened to what one raised, follows, answers for or signed up to,
// newest first, with unread ones marked; and how it reaches one by email.
const PER_PAGE = 30;
const query = z.object({ page: z.coerce.number().int().min(1).max(10_000).catch(1), unread: z.enum(['1']).optional().catch(undefined) });

export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await requireUser(request);
  const q = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [list, emailMode] = await Promise.all([
    listMyNotifications(principal.user.id, { limit: PER_PAGE, offset: (q.page - 1) * PER_PAGE, unreadOnly: q.unread === '1' }),
    getEmailMode(principal.user.id),
  ]);
  // In words here: a notification's key may be of any capability, and the page loads only its own capabilities'
  // messages. Times in its parameters are stored as instants: shown in the reader's language and zone.
  const locale = resolveLocale(request);
  const t = translator(locale);
  return {
    notifications: list.rows.map(({ messageKey, params, ...n }) => ({ ...n, text: t(messageKey, readableParams(locale, params)), read: Boolean(n.readAt) })),
    total: list.total,
    unread: list.unread,
    page: q.page,
    pages: Math.max(1, Math.ceil(list.total / PER_PAGE)),
    unreadOnly: q.unread === '1',
    emailMode,
  };
}

/** Only links within this site: a notification never sends anyone elsewhere. */
const internalLink = z
  .string()
  .regex(/^\/(?!\/)[^\s\\]*$/)
  .max(500);

const actionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('open'), id: z.string().uuid(), link: internalLink }),
  z.object({ intent: z.literal('read'), id: z.string().uuid() }),
  z.object({ intent: z.literal('readAll') }),
  z.object({ intent: z.literal('emailMode'), email: z.enum(emailModes) }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const principal = await requireUser(request);
  const parsed = actionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return redirectWithNotice('/notifications', 'notifications.invalid');
  const v = parsed.data;
  if (v.intent === 'open') {
    await markRead(principal.user.id, { id: v.id });
    return redirect(v.link);
  }
  if (v.intent === 'read') {
    await markRead(principal.user.id, { id: v.id });
    return redirect('/notifications');
  }
  if (v.intent === 'readAll') {
    await markRead(principal.user.id, 'all');
    return redirectWithNotice('/notifications', 'notifications.allRead');
  }
  await saveEmailMode(principal.user.id, v.email);
  return redirectWithNotice('/notifications', 'notifications.saved');
}

export default function Notifications() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const pageLink = (page: number) => `/notifications?page=${page}${data.unreadOnly ? '&unread=1' : ''}`;
  return (
    <>
      <h1>{t('notifications.title')}</h1>
      <p>{t('notifications.unreadCount', { count: data.unread })}</p>
      <p className="inline-form">
        {data.unreadOnly ? <Link to="/notifications">{t('notifications.showAll')}</Link> : <Link to="/notifications?unread=1">{t('notifications.showUnread')}</Link>}
        {data.unread > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="readAll" />
            <button type="submit" className="secondary">
              {t('notifications.readAll')}
            </button>
          </Form>
        ) : null}
      </p>
      {data.notifications.length ? (
        <ul className="notification-list">
          {data.notifications.map((n) => (
            <li key={n.id} className={n.read ? 'read' : 'unread'}>
              <p>
                {n.read ? null : <strong>{t('notifications.new')} </strong>}
                {n.link ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="open" />
                    <input type="hidden" name="id" value={n.id} />
                    <input type="hidden" name="link" value={n.link} />
                    <button type="submit" className="link-button">
                      {n.text}
                    </button>
                  </Form>
                ) : (
                  n.text
                )}
              </p>
              <p className="muted">
                <time dateTime={new Date(n.createdAt).toISOString()}>{formatDate(locale, n.createdAt, true)}</time>
                {n.read ? null : (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="read" />
                    <input type="hidden" name="id" value={n.id} />
                    <button type="submit" className="link-button">
                      {t('notifications.markRead')}
                    </button>
                  </Form>
                )}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p>{data.unreadOnly ? t('notifications.noneUnread') : t('notifications.none')}</p>
      )}
      {data.pages > 1 ? (
        <nav aria-label={t('notifications.pages')}>
          <p>
            {data.page > 1 ? <Link to={pageLink(data.page - 1)}>{t('notifications.newer')}</Link> : null} {t('notifications.page', { page: data.page, pages: data.pages })}{' '}
            {data.page < data.pages ? <Link to={pageLink(data.page + 1)}>{t('notifications.older')}</Link> : null}
          </p>
        </nav>
      ) : null}

      <section aria-labelledby="email-h">
        <h2 id="email-h">{t('notifications.email.title')}</h2>
        <Form method="post">
          <input type="hidden" name="intent" value="emailMode" />
          <fieldset>
            <legend>{t('notifications.email.legend')}</legend>
            {emailModes.map((m) => (
              <div className="check" key={m}>
                <input type="radio" id={`email-${m}`} name="email" value={m} defaultChecked={data.emailMode === m} />
                <label htmlFor={`email-${m}`}>{t(`notifications.email.${m}`)}</label>
              </div>
            ))}
          </fieldset>
          <button type="submit">{t('form.save')}</button>
        </Form>
      </section>
    </>
  );
}
