import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { usePlaceName, useT } from '../i18n/use-t';
import { dashboardFigures } from '../stats/dashboard.server';
import { readStatsQuery } from '../stats/query.server';
import { resolveScope } from '../stats/scope.server';
import { StatsFigures, StatsFilter } from '../stats/ui';
import styles from '../styles/stats.css';
import { notFound } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('funds', 'needs', 'stats');

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];
export const meta: MetaFunction = () => [{ title: 'Transparency · Fivefold' }];

// A community's figures in public: the dashboard's totals, never a name, an address or a single need.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const now = new Date();
  const { query, period, errors } = readStatsQuery(new URL(request.url), now);
  let scope = await resolveScope(params.placeId ?? '', query.grid);
  if (scope === 'bad_grid') {
    errors.grid = ['stats.v.grid'];
    scope = await resolveScope(params.placeId ?? '');
  }
  if (scope === 'not_found' || scope === 'bad_grid' || scope.place.type !== 'community') throw notFound();
  const figures = await dashboardFigures(scope, period, now);
  return {
    place: { id: scope.place.id, nameZh: scope.place.nameZh, nameEn: scope.place.nameEn },
    grid: scope.grid ? { id: scope.grid.id, nameZh: scope.grid.nameZh, nameEn: scope.grid.nameEn } : null,
    grids: scope.grids.map(({ id, nameZh, nameEn }) => ({ id, nameZh, nameEn })),
    figures,
    period,
    errors,
  };
}

export default function Transparency() {
  const { place, grid, grids, figures, period, errors } = useLoaderData<typeof loader>();
  const t = useT();
  const placeName = usePlaceName();
  return (
    <>
      <h1>{t('stats.transparency.title', { place: grid ? `${placeName(place)} · ${placeName(grid)}` : placeName(place) })}</h1>
      <p>{t('stats.transparency.intro')}</p>
      <StatsFilter action={`/places/${place.id}/transparency`} placeId={place.id} grids={grids} gridId={grid?.id ?? null} period={period} errors={errors} />
      <StatsFigures figures={figures} period={period} />
    </>
  );
}
