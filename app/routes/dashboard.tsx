import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { formatDate } from '../i18n/locale';
import { useLocale, usePlaceName, useT } from '../i18n/use-t';
import { useCategoryLabel } from '../needs/ui';
import { requireUser } from '../permissions/permissions.server';
import { can, canAnywhere, scopesFor } from '../permissions/rules';
import { dashboardFigures, overdueNeeds } from '../stats/dashboard.server';
import { readStatsQuery } from '../stats/query.server';
import { dashboardPlaces, resolveScope } from '../stats/scope.server';
import { StatsFigures, StatsFilter } from '../stats/ui';
import styles from '../styles/stats.css';
import { forbidden, notFound } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('funds', 'needs', 'stats');

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];
export const meta: MetaFunction = () => [{ title: 'Dashboard · Fivefold' }];

const OVERDUE_SHOWN = 50;

// The staff dashboard of a community or street they look after (street staff: the street and its communities).
export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await requireUser(request);
  if (!canAnywhere(principal.roles, 'stats.read')) throw forbidden();
  const now = new Date();
  const { query, period, errors } = readStatsQuery(new URL(request.url), now);
  const places = await dashboardPlaces(scopesFor(principal.roles, 'stats.read'));
  if (!places.length) return { places: [], view: null, period, errors };
  const chosen = query.place ?? places[0].id;
  let scope = await resolveScope(chosen, query.grid);
  if (scope === 'bad_grid') {
    errors.grid = ['stats.v.grid'];
    scope = await resolveScope(chosen);
  }
  // A place outside the caller's own is not theirs to count (and not theirs to learn exists).
  if (scope === 'not_found' || scope === 'bad_grid' || !can(principal.roles, 'stats.read', scope.place.path)) throw notFound();
  const [figures, overdue] = await Promise.all([dashboardFigures(scope, period, now), overdueNeeds(scope, now, OVERDUE_SHOWN + 1)]);
  // The staff queue's export (queue=staff), not the public list's: needs still awaiting verification are listed here too.
  const exportQuery = new URLSearchParams({ format: 'xlsx', ...(scope.place.type === 'community' ? { community: scope.place.id } : {}), ...(scope.grid ? { grid: scope.grid.id } : {}), overdue: 'overdue', queue: 'staff' });
  return {
    places: places.map(({ id, nameZh, nameEn }) => ({ id, nameZh, nameEn })),
    view: {
      place: { id: scope.place.id, type: scope.place.type, nameZh: scope.place.nameZh, nameEn: scope.place.nameEn },
      grid: scope.grid ? { id: scope.grid.id, nameZh: scope.grid.nameZh, nameEn: scope.grid.nameEn } : null,
      grids: scope.grids.map(({ id, nameZh, nameEn }) => ({ id, nameZh, nameEn })),
      figures,
      overdue: overdue.slice(0, OVERDUE_SHOWN),
      overdueMore: overdue.length > OVERDUE_SHOWN,
      exportHref: `/exports/needs?${exportQuery}`,
    },
    period,
    errors,
  };
}

export default function Dashboard() {
  const { places, view, period, errors } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const placeName = usePlaceName();
  const category = useCategoryLabel();
  if (!view) {
    return (
      <>
        <h1>{t('stats.dashboard.title')}</h1>
        <p>{t('stats.dashboard.noneInScope')}</p>
      </>
    );
  }
  const where = view.grid ? `${placeName(view.place)} · ${placeName(view.grid)}` : placeName(view.place);
  return (
    <>
      <h1>{t('stats.dashboard.title')}</h1>
      <p>{t('stats.dashboard.intro', { place: where })}</p>
      <StatsFilter action="/dashboard" places={places} placeId={view.place.id} grids={view.grids} gridId={view.grid?.id ?? null} period={period} errors={errors} />
      {view.place.type === 'community' ? (
        <p>
          <Link to={`/places/${view.place.id}/transparency`}>{t('stats.transparencyLink')}</Link>
        </p>
      ) : null}
      <StatsFigures
        figures={view.figures}
        period={period}
        overdueSlot={
          <section aria-labelledby="stats-overdue-h">
            <h3 id="stats-overdue-h">{t('stats.section.overdue')}</h3>
            {view.overdue.length ? (
              <>
                {view.place.type === 'community' ? (
                  <p className="stats-actions">
                    <a className="button secondary" href={view.exportHref}>
                      {t('stats.export.overdue')}
                    </a>
                  </p>
                ) : null}
                <div className="table-wrap">
                  <table>
                    <caption>{t('stats.section.overdue')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('stats.col.summary')}</th>
                        <th scope="col">{t('stats.col.category')}</th>
                        <th scope="col">{t('stats.col.grid')}</th>
                        <th scope="col">{t('stats.col.due')}</th>
                        <th scope="col">{t('stats.col.responsible')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {view.overdue.map((n) => (
                        <tr key={n.id}>
                          <th scope="row">
                            <Link to={`/needs/${n.id}`}>{n.publicSummary}</Link>
                          </th>
                          <td>{category(n.category)}</td>
                          <td>{n.gridNameZh ? placeName({ nameZh: n.gridNameZh, nameEn: n.gridNameEn }) : t('stats.grid.none')}</td>
                          <td>{formatDate(locale, n.dueAt, true)}</td>
                          <td>{n.responsibleName ?? t('stats.none')}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                {view.overdueMore ? <p className="muted">{t('stats.overdue.more', { count: view.overdue.length })}</p> : null}
              </>
            ) : (
              <p>{t('stats.noOverdue')}</p>
            )}
          </section>
        }
      />
    </>
  );
}
