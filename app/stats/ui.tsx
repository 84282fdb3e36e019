// The figures of a dashboard as a page: key figures, charts with their tables, and the period's filter form.
// Shared by the staff dashboard and the public transparency page (which passes no private parts).
import { Form } from '@remix-run/react';
import type { ReactNode } from 'react';
import { ErrorList } from '../components/field';
import { formatNumber } from '../i18n/locale';
import { useLocale, usePlaceName, useT } from '../i18n/use-t';
import { useMoney } from '../funds/ui';
import { useCategoryLabel } from '../needs/ui';
import { BarsChart, ColumnsChart } from './charts';
import type { DashboardFigures } from './dashboard.server';
import type { Period } from './period';

type Figures = DashboardFigures;

export function useHours() {
  const t = useT();
  const locale = useLocale();
  return (h: number | null) => (h === null ? t('stats.none') : t('stats.hoursValue', { hours: formatNumber(locale, h) }));
}

const pct = (v: number | null) => (v === null ? '—' : `${v}%`);

function Figure({ label, value, detail }: { label: string; value: ReactNode; detail?: ReactNode }) {
  return (
    <div className="card">
      <dt>{label}</dt>
      <dd className="figure">{value}</dd>
      {detail ? <dd className="muted">{detail}</dd> : null}
    </div>
  );
}

export interface FilterProps {
  action: string;
  places?: { id: string; nameZh: string; nameEn: string }[];
  placeId: string;
  grids: { id: string; nameZh: string; nameEn: string }[];
  gridId: string | null;
  period: Period;
  errors: Record<string, string[]>;
}

/** The period and place filter: a GET form, so it works without JavaScript and the URL can be shared. */
export function StatsFilter({ action, places, placeId, grids, gridId, period, errors }: FilterProps) {
  const t = useT();
  const placeName = usePlaceName();
  const invalid = (f: string) => (errors[f]?.length ? { 'aria-invalid': true, 'aria-describedby': `stats-${f}-errors` } : {});
  return (
    <Form method="get" action={action} className="stats-filter" aria-label={t('stats.filter.legend')}>
      {places ? (
        <div className="field">
          <label htmlFor="stats-place">{t('stats.filter.place')}</label>
          <select id="stats-place" name="place" defaultValue={placeId} {...invalid('place')}>
            {places.map((p) => (
              <option key={p.id} value={p.id}>
                {placeName(p)}
              </option>
            ))}
          </select>
          <ErrorList id="stats-place-errors" errors={errors.place} />
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="stats-grid">{t('stats.filter.grid')}</label>
        <select id="stats-grid" name="grid" defaultValue={gridId ?? ''} {...invalid('grid')}>
          <option value="">{t('stats.filter.allGrids')}</option>
          {grids.map((g) => (
            <option key={g.id} value={g.id}>
              {placeName(g)}
            </option>
          ))}
        </select>
        <ErrorList id="stats-grid-errors" errors={errors.grid} />
      </div>
      <div className="field">
        <label htmlFor="stats-from">{t('stats.filter.from')}</label>
        <input id="stats-from" name="from" type="date" defaultValue={period.from} {...invalid('from')} />
        <ErrorList id="stats-from-errors" errors={errors.from} />
      </div>
      <div className="field">
        <label htmlFor="stats-to">{t('stats.filter.to')}</label>
        <input id="stats-to" name="to" type="date" defaultValue={period.to} {...invalid('to')} />
        <ErrorList id="stats-to-errors" errors={errors.to} />
      </div>
      <div className="field">
        <label htmlFor="stats-interval">{t('stats.filter.interval')}</label>
        <select id="stats-interval" name="interval" defaultValue={period.interval} {...invalid('interval')}>
          <option value="month">{t('stats.filter.month')}</option>
          <option value="week">{t('stats.filter.week')}</option>
        </select>
        <ErrorList id="stats-interval-errors" errors={errors.interval} />
      </div>
      <button type="submit">{t('stats.filter.show')}</button>
    </Form>
  );
}

/** The figures of one scope and period: the same on the staff dashboard and the public page. */
export function StatsFigures({ figures, period, overdueSlot }: { figures: Figures; period: Period; overdueSlot?: ReactNode }) {
  const t = useT();
  const locale = useLocale();
  const money = useMoney();
  const hours = useHours();
  const category = useCategoryLabel();
  const placeName = usePlaceName();
  const num = (v: number) => formatNumber(locale, v);
  const { needs, satisfaction, volunteers } = figures;
  const open = [{ name: t('stats.key.open') }, { name: t('stats.key.overdue') }];
  const bucketLabel = (b: string) => (period.interval === 'month' ? b.slice(0, 7) : b);
  const first = figures.trend[0] ? bucketLabel(figures.trend[0].bucket) : '';
  const last = figures.trend.length ? bucketLabel(figures.trend[figures.trend.length - 1].bucket) : '';
  const trendParams = { count: figures.trend.length, first, last };
  return (
    <>
      <p className="muted">
        {t('stats.period', { from: period.from, to: period.to })} · {t('stats.period.note')}
      </p>

      <section aria-labelledby="stats-needs-h">
        <h2 id="stats-needs-h">{t('stats.section.needs')}</h2>
        <dl className="cards stats-cards">
          <Figure label={t('stats.key.needs')} value={num(needs.total)} detail={`${t('stats.key.fulfilled')} ${num(needs.fulfilled)} · ${t('stats.key.declined')} ${num(needs.declined)}`} />
          <Figure label={t('stats.key.open')} value={num(needs.open)} />
          <Figure label={t('stats.key.overdue')} value={num(needs.overdue)} detail={`${t('stats.key.veryOverdue')} ${num(needs.veryOverdue)}`} />
          <Figure label={t('stats.key.fulfilmentRate')} value={pct(needs.fulfilmentRate)} />
          <Figure label={t('stats.key.medianResponse')} value={hours(needs.medianFirstResponseHours)} />
          <Figure label={t('stats.key.medianClose')} value={hours(needs.medianCloseHours)} />
          <Figure
            label={t('stats.key.satisfaction')}
            value={pct(satisfaction.rate)}
            detail={satisfaction.ratings ? t('stats.key.ratings', { count: num(satisfaction.ratings), stars: satisfaction.averageStars ?? '—' }) : t('stats.key.noRatings')}
          />
        </dl>
        {needs.total ? (
          <div className="chart-grid">
            <BarsChart
              id="chart-category"
              title={t('stats.chart.byCategory')}
              summary={t('stats.chart.byCategorySummary', { count: needs.byCategory.length })}
              rowHeader={t('stats.col.category')}
              series={open}
              rows={needs.byCategory.map((c) => ({ label: category(c.category), values: [c.open, c.overdue] }))}
              format={num}
              extra={{ name: t('stats.col.total'), cells: needs.byCategory.map((c) => num(c.total)) }}
            />
            <BarsChart
              id="chart-grid"
              title={t('stats.chart.byGrid')}
              summary={t('stats.chart.byGridSummary', { count: needs.byGrid.length })}
              rowHeader={t('stats.col.grid')}
              series={open}
              rows={needs.byGrid.map((g) => ({ label: g.gridId ? placeName(g) : t('stats.grid.none'), values: [g.open, g.overdue] }))}
              format={num}
              extra={{ name: t('stats.col.total'), cells: needs.byGrid.map((g) => num(g.total)) }}
            />
          </div>
        ) : (
          <p>{t('stats.noNeeds')}</p>
        )}
        {overdueSlot}
      </section>

      <section aria-labelledby="stats-volunteers-h">
        <h2 id="stats-volunteers-h">{t('stats.section.volunteers')}</h2>
        <dl className="cards stats-cards">
          <Figure label={t('stats.key.hours')} value={hours(volunteers.hours)} />
          <Figure label={t('stats.key.activeVolunteers')} value={num(volunteers.activeVolunteers)} detail={t('stats.key.registeredVolunteers', { count: num(volunteers.registeredVolunteers) })} />
          <Figure label={t('stats.key.teams')} value={num(volunteers.activeTeams)} detail={t('stats.key.registeredTeams', { count: num(volunteers.teams) })} />
        </dl>
      </section>

      <section aria-labelledby="stats-money-h">
        <h2 id="stats-money-h">{t('stats.section.money')}</h2>
        <dl className="cards stats-cards">
          <Figure label={t('stats.key.raised')} value={money(figures.money.raisedMinor)} detail={t('stats.key.raisedDetail', { donated: money(figures.money.donatedMinor), granted: money(figures.money.grantedMinor) })} />
          <Figure label={t('stats.key.matched')} value={money(figures.money.matchedMinor)} />
          <Figure label={t('stats.key.disbursed')} value={money(figures.money.disbursedMinor)} />
          <Figure label={t('stats.key.inKind')} value={money(figures.money.inKindMinor)} />
        </dl>
      </section>

      <section aria-labelledby="stats-projects-h">
        <h2 id="stats-projects-h">{t('stats.section.projects')}</h2>
        {figures.projects.length ? (
          <BarsChart
            id="chart-projects"
            title={t('stats.chart.projects')}
            summary={t('stats.chart.projectsSummary', { count: figures.projects.length })}
            rowHeader={t('stats.col.project')}
            series={[{ name: t('stats.col.budget') }, { name: t('stats.col.disbursed') }]}
            rows={figures.projects.map((p) => ({ label: p.title, values: [p.budgetMinor, p.disbursedMinor] }))}
            format={(v) => money(v)}
            extra={{ name: `${t('stats.col.received')} · ${t('stats.col.spent')}`, cells: figures.projects.map((p) => `${money(p.receivedMinor)} · ${pct(p.spentPercent)}`) }}
          />
        ) : (
          <p>{t('stats.noProjects')}</p>
        )}
      </section>

      <section aria-labelledby="stats-trends-h">
        <h2 id="stats-trends-h">{t('stats.section.trends')}</h2>
        <div className="chart-grid">
          <ColumnsChart
            id="chart-needs-trend"
            title={t('stats.chart.needsTrend')}
            summary={t('stats.chart.needsTrendSummary', trendParams)}
            rowHeader={t('stats.col.period')}
            series={[{ name: t('stats.col.total') }, { name: t('stats.key.fulfilled') }]}
            rows={figures.trend.map((b) => ({ label: bucketLabel(b.bucket), values: [b.raised, b.fulfilled] }))}
            format={num}
          />
          <ColumnsChart
            id="chart-hours-trend"
            title={t('stats.chart.hoursTrend')}
            summary={t('stats.chart.hoursTrendSummary', trendParams)}
            rowHeader={t('stats.col.period')}
            series={[{ name: t('stats.col.hours') }]}
            rows={figures.trend.map((b) => ({ label: bucketLabel(b.bucket), values: [b.hours] }))}
            format={num}
          />
          <ColumnsChart
            id="chart-money-trend"
            title={t('stats.chart.moneyTrend')}
            summary={t('stats.chart.moneyTrendSummary', trendParams)}
            rowHeader={t('stats.col.period')}
            series={[{ name: t('stats.key.raised') }, { name: t('stats.key.matched') }, { name: t('stats.key.disbursed') }]}
            rows={figures.trend.map((b) => ({ label: bucketLabel(b.bucket), values: [b.raisedMinor, b.matchedMinor, b.disbursedMinor] }))}
            format={(v) => money(v)}
          />
        </div>
      </section>
    </>
  );
}
