import type { LoaderFunctionArgs } from '@remix-run/node';
import { ExportLinks } from '../exports/ui';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useT, usePlaceName } from '../i18n/use-t';
import { getPrincipal } from '../permissions/permissions.server';
import { listAreas, listResources } from '../resources/resources.server';
import { AreaText } from '../resources/ui';
import { resourceListQuery } from '../resources/list-query.server';
import { resourceKinds, serviceCategories, skills } from '../resources/values';
import { ListSearchBox } from '../search/list-search';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('exports', 'resources');

const PER_PAGE = 20;

export async function loader({ request }: LoaderFunctionArgs) {
  const f = resourceListQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [principal, areas, { rows, total }] = await Promise.all([
    getPrincipal(request),
    listAreas(),
    listResources({ kind: f.kind, category: f.category, skill: f.skill, communityId: f.community, gridId: f.grid, q: f.q || undefined, limit: PER_PAGE, offset: (f.page - 1) * PER_PAGE }),
  ]);
  return { f, areas: areas.filter((a) => a.type !== 'street'), rows, total, pages: Math.max(1, Math.ceil(total / PER_PAGE)), signedIn: Boolean(principal) };
}

export default function ResourceList() {
  const { f, areas, rows, total, pages, signedIn } = useLoaderData<typeof loader>();
  const t = useT();
  const placeName = usePlaceName();
  const pageLink = (page: number) => {
    const params = new URLSearchParams(Object.entries({ ...f, page: String(page) }).filter(([, v]) => v !== undefined && v !== '') as [string, string][]);
    return `/resources?${params}`;
  };
  const communities = areas.filter((a) => a.type === 'community');
  return (
    <>
      <h1>{t('resources.title')}</h1>
      <p>{t('resources.intro')}</p>
      <ListSearchBox list="resources" />
      <p>
        <Link to={signedIn ? '/my/profile' : '/login?redirectTo=/my/profile'}>{t('resources.becomeVolunteer')}</Link> ·{' '}
        <Link to={signedIn ? '/resources/new' : '/login?redirectTo=/resources/new'}>{t('resources.postOffer')}</Link> ·{' '}
        <Link to={signedIn ? '/my/team' : '/login?redirectTo=/my/team'}>{t('resources.myTeams')}</Link> ·{' '}
        <Link to={signedIn ? '/my/organisation' : '/login?redirectTo=/my/organisation'}>{t('resources.myOrganisation')}</Link>
      </p>
      <Form method="get" role="search" aria-label={t('resources.filters')} className="inline-form">
        <div className="field">
          <label htmlFor="f-kind">{t('resources.filter.kind')}</label>
          <select id="f-kind" name="kind" defaultValue={f.kind ?? ''}>
            <option value="">{t('resources.filter.any')}</option>
            {resourceKinds.map((k) => (
              <option key={k} value={k}>
                {t(`resources.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-category">{t('resources.filter.category')}</label>
          <select id="f-category" name="category" defaultValue={f.category ?? ''}>
            <option value="">{t('resources.filter.any')}</option>
            {serviceCategories.map((c) => (
              <option key={c} value={c}>
                {t(`resources.category.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-skill">{t('resources.filter.skill')}</label>
          <select id="f-skill" name="skill" defaultValue={f.skill ?? ''}>
            <option value="">{t('resources.filter.any')}</option>
            {skills.map((s) => (
              <option key={s} value={s}>
                {t(`resources.skill.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-community">{t('resources.filter.community')}</label>
          <select id="f-community" name="community" defaultValue={f.community ?? ''}>
            <option value="">{t('resources.filter.any')}</option>
            {communities.map((c) => (
              <option key={c.id} value={c.id}>
                {placeName(c)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-grid">{t('resources.filter.grid')}</label>
          <select id="f-grid" name="grid" defaultValue={f.grid ?? ''}>
            <option value="">{t('resources.filter.any')}</option>
            {communities.map((c) => (
              <optgroup key={c.id} label={placeName(c)}>
                {areas
                  .filter((g) => g.type === 'grid' && g.parentId === c.id)
                  .map((g) => (
                    <option key={g.id} value={g.id}>
                      {placeName(g)}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-q">{t('resources.filter.q')}</label>
          <input id="f-q" name="q" type="search" defaultValue={f.q ?? ''} maxLength={100} />
        </div>
        <button type="submit">{t('resources.filter.apply')}</button>
      </Form>
      <p className="muted" role="status">
        {t('resources.count', { count: total })} · {t('resources.publicNote')}
      </p>
      <ExportLinks list="resources" filters={f} />
      {rows.length ? (
        <ul className="cards">
          {rows.map((r) => (
            <li key={r.id} className="card">
              <h2>
                <Link to={`/resources/${r.id}`}>{r.name}</Link>
              </h2>
              <p className="muted">
                {t(`resources.kind.${r.kind}`)} · <AreaText r={r} />
              </p>
              {r.skills.length ? (
                <p>
                  {t('resources.skills')}: {r.skills.map((s) => t(`resources.skill.${s}`)).join('、')}
                </p>
              ) : r.categories.length ? (
                <p>
                  {t('resources.categories')}: {r.categories.map((c) => t(`resources.category.${c}`)).join('、')}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('resources.none')}</p>
      )}
      {pages > 1 ? (
        <nav aria-label={t('resources.page', { page: f.page, pages })}>
          <p>
            {f.page > 1 ? (
              <Link to={pageLink(f.page - 1)} rel="prev">
                {t('resources.prev')}
              </Link>
            ) : null}{' '}
            {t('resources.page', { page: f.page, pages })}{' '}
            {f.page < pages ? (
              <Link to={pageLink(f.page + 1)} rel="next">
                {t('resources.next')}
              </Link>
            ) : null}
          </p>
        </nav>
      ) : null}
    </>
  );
}
