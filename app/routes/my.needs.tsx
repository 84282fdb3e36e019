import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { translator } from '../i18n/keys.server';
import { formatDate, resolveLocale } from '../i18n/locale';
import { useLocale, useT } from '../i18n/use-t';
import { listAssignedNeeds, listMyNeeds } from '../needs/needs.server';
import { listNotifications, markNotificationsRead } from '../needs/notify.server';
import { NeedCard } from '../needs/ui';
import { requireUser } from '../permissions/permissions.server';
import { redirectWithNotice } from '../utils/forms.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('needs');

// "My needs": what I raised (or what was raised for the person I act for), what I was sent to answer, and what
// I have been told.
export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await requireUser(request);
  const [mine, assigned, notifications] = await Promise.all([listMyNeeds(principal), listAssignedNeeds(principal), listNotifications(principal.user.id, 30)]);
  // Notifications in words: their keys may be of any capability, and the page loads only its own capabilities' messages.
  const t = translator(resolveLocale(request));
  return {
    mine,
    assigned,
    notifications: notifications.map((n) => ({ id: n.id, text: t(n.messageKey, n.params), link: n.link, read: Boolean(n.readAt), createdAt: n.createdAt })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const principal = await requireUser(request);
  await markNotificationsRead(principal.user.id);
  return redirectWithNotice('/my/needs', 'form.saved');
}

export default function MyNeeds() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <h1>{t('needs.my.title')}</h1>
      <p>
        <Link to="/needs/new" className="button">
          {t('needs.list.raise')}
        </Link>
      </p>
      <section aria-labelledby="mine-h">
        <h2 id="mine-h">{t('needs.my.raised')}</h2>
        {data.mine.length ? (
          <ul className="cards">
            {data.mine.map((n) => (
              <NeedCard key={n.id} need={n} />
            ))}
          </ul>
        ) : (
          <p>{t('needs.my.none')}</p>
        )}
      </section>
      {data.assigned.length ? (
        <section aria-labelledby="assigned-h">
          <h2 id="assigned-h">{t('needs.my.assigned')}</h2>
          <ul className="cards">
            {data.assigned.map((n) => (
              <NeedCard key={n.id} need={n} />
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="notifications-h">
        <h2 id="notifications-h">{t('needs.my.notifications')}</h2>
        {data.notifications.length ? (
          <>
            <ul>
              {data.notifications.map((n) => (
                <li key={n.id}>
                  {!n.read ? <strong>[{t('needs.my.unread')}] </strong> : null}
                  {n.link ? <Link to={n.link}>{n.text}</Link> : n.text} <span className="muted">{formatDate(locale, n.createdAt, true)}</span>
                </li>
              ))}
            </ul>
            <Form method="post">
              <button type="submit" className="secondary">
                {t('needs.my.markRead')}
              </button>
            </Form>
          </>
        ) : (
          <p>{t('needs.my.noNotifications')}</p>
        )}
      </section>
    </>
  );
}
