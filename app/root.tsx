import { useEffect, useRef } from 'react';
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, Links, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData, useLocation, useRouteLoaderData } from '@remix-run/react';
import { GeneralErrorBoundary } from './components/error-boundary';
import { resolveLocale, type Locale } from './i18n/locale';
import { noticeText } from './i18n/keys.server';
import { usePageCapabilities } from './i18n/route-messages';
import { useT } from './i18n/use-t';
import { getPrincipal } from './permissions/permissions.server';
import { ownCategoryLabels } from './needs/settings.server';
import { unreadCount } from './notifications/notifications.server';
import { canAnywhere } from './permissions/rules';
import { SiteSearchBox } from './search/list-search';
import stylesheet from './styles/app.css';
import { isProduction } from './utils/env.server';
import { useNonce } from './utils/nonce';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesheet },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

export const meta: MetaFunction = () => [{ title: 'Fivefold 五社联动' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = resolveLocale(request);
  const principal = await getPrincipal(request);
  const notice = new URL(request.url).searchParams.get('notice');
  return {
    locale,
    // Only known message keys are shown, so a crafted link cannot put words on the page. In words already: a notice
    // may come from any capability, and the page loads only its own capabilities' messages.
    notice: noticeText(locale, notice),
    user: principal
      ? {
          name: principal.user.name,
          actingFor: principal.actingFor?.name ?? null,
          canManagePlaces: canAnywhere(principal.roles, 'place.manage') || canAnywhere(principal.roles, 'household.read'),
          canReadInventory: canAnywhere(principal.roles, 'inventory.read'),
          canVerifyResources: canAnywhere(principal.roles, 'resource.verify') || canAnywhere(principal.roles, 'organisation.verify'),
          canManageRoles: canAnywhere(principal.roles, 'role.manage'),
          canTriageNeeds: canAnywhere(principal.roles, 'need.read_private'),
          canMatch: canAnywhere(principal.roles, 'need.match'),
          canReadStats: canAnywhere(principal.roles, 'stats.read'),
          unreadNotifications: principal.unreadNotifications ?? (await unreadCount(principal.user.id)),
        }
      : null,
    showMailbox: !isProduction(),
    /** The communities' own need categories and renamed ones, so every page names them. */
    needCategoryLabels: await ownCategoryLabels(),
  };
}

export type RootData = Awaited<ReturnType<typeof loader>>;

function LanguageSwitch({ locale }: { locale: Locale }) {
  const t = useT();
  const location = useLocation();
  const other: Locale = locale === 'en' ? 'zh-CN' : 'en';
  // A full page load, not a client-side navigation: the browser holds only the page's language (entry.client.tsx).
  return (
    <Form method="post" action="/lang" className="lang-switch" reloadDocument>
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <input type="hidden" name="lang" value={other} />
      <button type="submit" lang={other === 'en' ? 'en' : 'zh-CN'} aria-label={`${t('lang.switch')}: ${t(`lang.${other}`)}`}>
        {t(`lang.${other}`)}
      </button>
    </Form>
  );
}

/**
 * A group of links in the header that opens on click or Enter, without JavaScript (a disclosure). It closes when
 * another page loads; with JavaScript also on Escape and when focus or a click goes elsewhere.
 */
function NavMenu({ label, children }: { label: string; children: React.ReactNode }) {
  const location = useLocation();
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [location.key]);
  useEffect(() => {
    const close = (event: Event) => {
      const menu = ref.current;
      if (!menu?.open) return;
      if (event instanceof KeyboardEvent) {
        if (event.key !== 'Escape') return;
        menu.open = false;
        menu.querySelector('summary')?.focus();
        return;
      }
      if (!menu.contains(event.target as Node)) menu.open = false;
    };
    document.addEventListener('click', close);
    document.addEventListener('keydown', close);
    document.addEventListener('focusin', close);
    return () => {
      document.removeEventListener('click', close);
      document.removeEventListener('keydown', close);
      document.removeEventListener('focusin', close);
    };
  }, []);
  return (
    <li>
      <details className="nav-menu" ref={ref}>
        <summary>{label}</summary>
        <ul>{children}</ul>
      </details>
    </li>
  );
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<RootData>('root');
  const locale = data?.locale ?? 'zh-CN';
  const t = useT();
  // The messages this page's routes declare: entry.client.tsx loads them before hydrating.
  const capabilities = usePageCapabilities();
  const user = data?.user;
  const nonce = useNonce();
  return (
    <html lang={locale} data-messages={capabilities.join(' ')}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t('nav.skip')}
        </a>
        <header className="site-header">
          <Link to="/" className="brand">
            {t('app.name')}
          </Link>
          <SiteSearchBox label={t('search.label')} button={t('nav.search')} />
          <nav aria-label={t('nav.main')}>
            <ul>
              <li>
                <Link to="/needs">{t('nav.needs')}</Link>
              </li>
              <li>
                <Link to="/resources">{t('nav.resources')}</Link>
              </li>
              <li>
                <Link to="/projects">{t('nav.projects')}</Link>
              </li>
              <li>
                <Link to="/shifts">{t('nav.shifts')}</Link>
              </li>
              <li>
                <Link to="/topics">{t('nav.topics')}</Link>
              </li>
              <li>
                <Link to="/funds">{t('nav.funds')}</Link>
              </li>
              <NavMenu label={t('nav.more')}>
                <li>
                  <Link to="/ledger">{t('nav.ledger')}</Link>
                </li>
                <li>
                  <Link to="/fairs">{t('nav.fairs')}</Link>
                </li>
                <li>
                  <Link to="/matching-programmes">{t('nav.matchingProgrammes')}</Link>
                </li>
                <li>
                  <Link to="/search">{t('nav.search')}</Link>
                </li>
              </NavMenu>
              {user && (user.canReadStats || user.canTriageNeeds || user.canMatch || user.canManagePlaces || user.canManageRoles || user.canReadInventory || user.canVerifyResources) ? (
                <NavMenu label={t('nav.work')}>
                  {user.canReadStats ? (
                    <li>
                      <Link to="/dashboard">{t('nav.dashboard')}</Link>
                    </li>
                  ) : null}
                  {user.canTriageNeeds ? (
                    <li>
                      <Link to="/staff/triage">{t('nav.triage')}</Link>
                    </li>
                  ) : null}
                  {user.canMatch ? (
                    <li>
                      <Link to="/matching">{t('nav.matching')}</Link>
                    </li>
                  ) : null}
                  {user.canManagePlaces ? (
                    <li>
                      <Link to="/admin/places">{t('nav.places')}</Link>
                    </li>
                  ) : null}
                  {user.canManageRoles ? (
                    <li>
                      <Link to="/admin/users">{t('nav.users')}</Link>
                    </li>
                  ) : null}
                  {user.canReadInventory ? (
                    <li>
                      <Link to="/admin/inventory">{t('nav.inventory')}</Link>
                    </li>
                  ) : null}
                  {user.canVerifyResources ? (
                    <li>
                      <Link to="/admin/verifications">{t('nav.verifications')}</Link>
                    </li>
                  ) : null}
                </NavMenu>
              ) : null}
              {user ? (
                <NavMenu label={user.unreadNotifications ? t('nav.mineUnread', { count: user.unreadNotifications }) : t('nav.mine')}>
                  <li>
                    <Link to="/notifications">{user.unreadNotifications ? t('nav.notificationsUnread', { count: user.unreadNotifications }) : t('nav.notifications')}</Link>
                  </li>
                  <li>
                    <Link to="/my/needs">{t('nav.myNeeds')}</Link>
                  </li>
                  <li>
                    <Link to="/my/matches">{t('nav.myMatches')}</Link>
                  </li>
                  <li>
                    <Link to="/my/shifts">{t('nav.myShifts')}</Link>
                  </li>
                  <li>
                    <Link to="/my/hours">{t('nav.myHours')}</Link>
                  </li>
                  <li>
                    <Link to="/pledges">{t('nav.myPledges')}</Link>
                  </li>
                  <li>
                    <Link to="/my/profile">{t('nav.myProfile')}</Link>
                  </li>
                  <li>
                    <Link to="/account">{t('nav.account')}</Link>
                  </li>
                  {data?.showMailbox ? (
                    <li>
                      <Link to="/dev/mailbox">{t('nav.mailbox')}</Link>
                    </li>
                  ) : null}
                  <li>
                    <Form method="post" action="/logout">
                      <button type="submit" className="link-button">
                        {t('nav.logout')}
                      </button>
                    </Form>
                  </li>
                </NavMenu>
              ) : (
                <>
                  <li>
                    <Link to="/login">{t('nav.login')}</Link>
                  </li>
                  <li>
                    <Link to="/signup">{t('nav.signup')}</Link>
                  </li>
                  {data?.showMailbox ? (
                    <li>
                      <Link to="/dev/mailbox">{t('nav.mailbox')}</Link>
                    </li>
                  ) : null}
                </>
              )}
              <li>
                <LanguageSwitch locale={locale} />
              </li>
            </ul>
          </nav>
        </header>
        {user?.actingFor ? (
          <div className="acting-banner" role="status">
            <p>{t('acting.banner', { actor: user.name, principal: user.actingFor })}</p>
            <Form method="post" action="/acting">
              <input type="hidden" name="intent" value="stop" />
              <button type="submit">{t('acting.stop')}</button>
            </Form>
          </div>
        ) : null}
        <main id="main" tabIndex={-1}>
          {data?.notice ? (
            <div className="notice notice-success" role="status">
              {data.notice}
            </div>
          ) : null}
          {children}
        </main>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  useLoaderData<typeof loader>();
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
