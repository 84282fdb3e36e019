import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useT, usePlaceName } from '../i18n/use-t';
import { getPrincipal } from '../permissions/permissions.server';
import { listPublicCommunities } from '../places/public.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('stats');

export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await getPrincipal(request);
  return {
    me: principal ? { name: principal.user.name, roles: principal.roles.map((r) => ({ role: r.role, nameZh: r.placeNameZh, nameEn: r.placeNameEn })) } : null,
    communities: await listPublicCommunities(),
  };
}

export default function Home() {
  const { me, communities } = useLoaderData<typeof loader>();
  const t = useT();
  const placeName = usePlaceName();
  return (
    <>
      <h1>{me ? t('home.welcome', { name: me.name }) : t('home.title')}</h1>
      <p>{t('home.intro')}</p>
      {me ? (
        <section aria-labelledby="my-roles">
          <h2 id="my-roles">{t('home.yourRoles')}</h2>
          {me.roles.length ? (
            <ul>
              {me.roles.map((r, i) => (
                <li key={i}>
                  {t(`role.${r.role}`)} · {r.nameZh ? placeName(r) : t('role.everywhere')}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('home.noRoles')}</p>
          )}
        </section>
      ) : (
        <p>
          <Link to="/signup" className="button">
            {t('nav.signup')}
          </Link>{' '}
          <Link to="/login" className="button secondary">
            {t('nav.login')}
          </Link>
        </p>
      )}
      {communities.length ? (
        <section aria-labelledby="communities">
          <h2 id="communities">{t('home.communities')}</h2>
          <ul className="cards">
            {communities.map((c) => (
              <li key={c.id} className="card">
                <strong>{placeName(c)}</strong>
                <br />
                <span className="muted">
                  {placeName({ nameZh: c.streetZh, nameEn: c.streetEn })} · {c.communityType ? t(`communityType.${c.communityType}`) : ''}
                </span>
                <br />
                <Link to={`/places/${c.id}/transparency`}>{t('stats.transparency.link')}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
