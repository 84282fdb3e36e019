import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { ExportLinks } from '../exports/ui';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { SelectField } from '../components/field';
import { useT, usePlaceName } from '../i18n/use-t';
import { listPublicNeeds } from '../needs/needs.server';
import { needListQuery } from '../needs/list-query.server';
import { NeedCard, useCategoryLabel } from '../needs/ui';
import { needCategoryOptions } from '../needs/settings.server';
import { needStatuses, urgencies } from '../needs/values';
import { getPrincipal } from '../permissions/permissions.server';
import { canAnywhere } from '../permissions/rules';
import { findPlaces } from '../places/places.server';
import { listPublicCommunities } from '../places/public.server';
import { ListSearchBox } from '../search/list-search';
import { pageMessages } from '../i18n/route-messages';
import { placeRead } from '../places/place-reads.server';

export const handle = pageMessages('exports', 'needs');

export const meta: MetaFunction = () => [{ title: '需求清单 · Fivefold' }];

const PER_PAGE = 20;

export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = needListQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  const q = parsed.success ? parsed.data : needListQuery.parse({});
  const principal = await getPrincipal(request);
  const [{ rows, total }, communities, grids] = await Promise.all([
    listPublicNeeds({ category: q.category, communityId: q.community, gridId: q.grid, status: q.status, urgency: q.urgency, overdue: q.overdue }, { limit: PER_PAGE, offset: (q.page - 1) * PER_PAGE }),
    listPublicCommunities(),
    placeRead('grids (first 200)', () => findPlaces({ type: 'grid', limit: 200, offset: 0 })),
  ]);
  return {
    needs: rows,
    total,
    page: q.page,
    pages: Math.max(1, Math.ceil(total / PER_PAGE)),
    query: q,
    communities: communities.map((c) => ({ id: c.id, nameZh: c.nameZh, nameEn: c.nameEn })),
    grids: grids.rows.map((g) => ({ id: g.id, nameZh: g.nameZh, nameEn: g.nameEn, communityId: g.parentId })),
    canTriage: principal ? canAnywhere(principal.roles, 'need.triage') || canAnywhere(principal.roles, 'need.read_private') : false,
    canImport: principal ? canAnywhere(principal.roles, 'need.import') : false,
    categories: (await needCategoryOptions()).map((c) => c.key),
  };
}

export default function NeedsList() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const placeName = usePlaceName();
  const category = useCategoryLabel();
  const q = data.query;
  const any = { value: '', label: t('needs.list.any') };
  const communityName = (id: string | null) => placeName(data.communities.find((c) => c.id === id));
  const pageLink = (page: number) => {
    const params = new URLSearchParams(Object.entries({ ...q, page: String(page) }).filter(([, v]) => v !== undefined && v !== '') as [string, string][]);
    return `/needs?${params}`;
  };
  return (
    <>
      <h1>{t('needs.list.title')}</h1>
      <p>{t('needs.list.intro')}</p>
      <ListSearchBox list="needs" />
      <p>
        <Link to="/needs/new" className="button">
          {t('needs.list.raise')}
        </Link>{' '}
        {data.canTriage ? (
          <Link to="/staff/triage" className="button secondary">
            {t('nav.triage')}
          </Link>
        ) : null}{' '}
        {data.canImport ? (
          <Link to="/needs/import" className="button secondary">
            {t('needs.list.import')}
          </Link>
        ) : null}
      </p>
      <Form method="get" className="inline-form" aria-label={t('needs.list.filters')}>
        <SelectField id="f-category" name="category" label={t('needs.field.category')} defaultValue={q.category ?? ''} options={[any, ...data.categories.map((c) => ({ value: c, label: category(c) }))]} />
        <SelectField id="f-community" name="community" label={t('needs.field.community')} defaultValue={q.community ?? ''} options={[any, ...data.communities.map((c) => ({ value: c.id, label: placeName(c) }))]} />
        <SelectField id="f-grid" name="grid" label={t('needs.field.grid')} defaultValue={q.grid ?? ''} options={[any, ...data.grids.map((g) => ({ value: g.id, label: `${communityName(g.communityId)} · ${placeName(g)}` }))]} />
        <SelectField id="f-status" name="status" label={t('needs.field.status')} defaultValue={q.status ?? ''} options={[any, { value: 'open', label: t('needs.status.open') }, ...needStatuses.filter((s) => s !== 'raised').map((s) => ({ value: s, label: t(`needs.status.${s}`) }))]} />
        <SelectField id="f-urgency" name="urgency" label={t('needs.field.urgency')} defaultValue={q.urgency ?? ''} options={[any, ...urgencies.map((u) => ({ value: u, label: t(`needs.urgency.${u}`) }))]} />
        <SelectField id="f-overdue" name="overdue" label={t('needs.field.overdue')} defaultValue={q.overdue ?? ''} options={[any, { value: 'overdue', label: t('needs.deadline.overdue') }, { value: 'very_overdue', label: t('needs.deadline.very_overdue') }]} />
        <button type="submit">{t('needs.list.filter')}</button>
      </Form>
      <p role="status">{t('needs.list.count', { count: data.total })}</p>
      <ExportLinks list="needs" filters={q} />
      {data.needs.length ? (
        <ul className="cards">
          {data.needs.map((n) => (
            <NeedCard key={n.id} need={n} />
          ))}
        </ul>
      ) : (
        <p>{t('needs.list.empty')}</p>
      )}
      <nav aria-label={t('needs.list.paging')}>
        <p>
          {data.page > 1 ? <Link to={pageLink(data.page - 1)}>{t('needs.list.prev')}</Link> : null} {t('needs.list.page', { page: data.page, pages: data.pages })}{' '}
          {data.page < data.pages ? <Link to={pageLink(data.page + 1)}>{t('needs.list.next')}</Link> : null}
        </p>
      </nav>
    </>
  );
}
