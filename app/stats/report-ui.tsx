// A funder report as a page: summary figures, the per-project table, print and download.
import { formatNumber } from '../i18n/locale';
import { useLocale, useT } from '../i18n/use-t';
import { useMoney } from '../funds/ui';
import type { ProjectOutcome, ReportTotals } from './reports.server';

/** Downloads and print. `base` is the report's address: the files are at `<base>.xlsx` and `<base>.csv`. */
export function ReportActions({ base }: { base: string }) {
  const t = useT();
  return (
    <p className="stats-actions">
      <a className="button" href={`${base}.xlsx`} download>
        {t('stats.report.download')}
      </a>
      <a className="button secondary" href={`${base}.csv`} download>
        {t('stats.report.downloadCsv')}
      </a>
      <button type="button" className="secondary" onClick={() => window.print()}>
        {t('stats.report.print')}
      </button>
    </p>
  );
}

export function ReportFigures({ money, totals, projects, fundedLabel, currency }: { money: { label: string; minor: number | null }[]; totals: ReportTotals; projects: ProjectOutcome[]; fundedLabel: string; currency: string }) {
  const t = useT();
  const locale = useLocale();
  const fmt = useMoney();
  const num = (v: number) => formatNumber(locale, v);
  const m = (v: number | null) => (v === null ? t('stats.none') : fmt(v, currency));
  return (
    <>
      <section aria-labelledby="report-money-h">
        <h2 id="report-money-h">{t('stats.report.money')}</h2>
        <dl className="cards stats-cards">
          {money.map((x) => (
            <div className="card" key={x.label}>
              <dt>{x.label}</dt>
              <dd className="figure">{m(x.minor)}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="report-served-h">
        <h2 id="report-served-h">{t('stats.report.beneficiaries')}</h2>
        <dl className="cards stats-cards">
          <div className="card">
            <dt>{t('stats.report.projects')}</dt>
            <dd className="figure">{num(totals.projects)}</dd>
          </div>
          <div className="card">
            <dt>{t('stats.report.needsServed')}</dt>
            <dd className="figure">{num(totals.needs)}</dd>
            <dd>{`${t('stats.report.needsFulfilled')} ${num(totals.needsFulfilled)}`}</dd>
          </div>
          <div className="card">
            <dt>{t('stats.report.people')}</dt>
            <dd className="figure">{num(totals.beneficiaries)}</dd>
          </div>
          <div className="card">
            <dt>{t('stats.report.hours')}</dt>
            <dd className="figure">{t('stats.hoursValue', { hours: num(totals.hours) })}</dd>
          </div>
        </dl>
      </section>
      <section aria-labelledby="report-outcomes-h">
        <h2 id="report-outcomes-h">{t('stats.report.outcomes')}</h2>
        <dl className="cards stats-cards">
          <div className="card">
            <dt>{t('stats.report.milestones')}</dt>
            <dd className="figure">{t('stats.report.milestonesOf', { done: num(totals.milestonesDone), total: num(totals.milestones) })}</dd>
          </div>
          <div className="card">
            <dt>{t('stats.report.progress')}</dt>
            <dd className="figure">{totals.averageProgress === null ? t('stats.none') : `${totals.averageProgress}%`}</dd>
          </div>
          <div className="card">
            <dt>{t('stats.report.satisfaction')}</dt>
            <dd className="figure">{totals.ratings ? t('stats.key.ratings', { count: num(totals.ratings), stars: totals.averageStars ?? '—' }) : t('stats.key.noRatings')}</dd>
          </div>
        </dl>
      </section>
      <section aria-labelledby="report-projects-h">
        <h2 id="report-projects-h">{t('stats.report.perProject')}</h2>
        {projects.length ? (
          <div className="table-wrap">
            <table>
              <caption>{t('stats.report.perProject')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('stats.col.project')}</th>
                  <th scope="col">{t('stats.col.budget')}</th>
                  <th scope="col">{fundedLabel}</th>
                  <th scope="col">{t('stats.col.received')}</th>
                  <th scope="col">{t('stats.col.disbursed')}</th>
                  <th scope="col">{t('stats.report.col.needs')}</th>
                  <th scope="col">{t('stats.report.col.hours')}</th>
                  <th scope="col">{t('stats.report.col.milestones')}</th>
                  <th scope="col">{t('stats.report.col.rating')}</th>
                </tr>
              </thead>
              <tbody>
                {projects.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">
                      <a href={`/projects/${p.id}`}>{p.title}</a>
                      <br />
                      <span className="muted">{t(`projects.state.${p.state}`)}</span>
                    </th>
                    <td className="num">{m(p.budgetMinor)}</td>
                    <td className="num">{m(p.fundedMinor)}</td>
                    <td className="num">{m(p.receivedMinor)}</td>
                    <td className="num">{m(p.disbursedMinor)}</td>
                    <td className="num">{`${num(p.needsFulfilled)} / ${num(p.needs)}`}</td>
                    <td className="num">{num(p.hours)}</td>
                    <td className="num">{`${p.milestonesDone} / ${p.milestones}`}</td>
                    <td className="num">{p.averageStars ?? t('stats.none')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t('stats.report.noProjects')}</p>
        )}
      </section>
    </>
  );
}
