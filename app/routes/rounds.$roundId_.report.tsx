import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { formatDate } from '../i18n/locale';
import { useLocale, useT } from '../i18n/use-t';
import { requirePermission } from '../permissions/permissions.server';
import { roundReport } from '../stats/reports.server';
import { ReportActions, ReportFigures } from '../stats/report-ui';
import styles from '../styles/stats.css';
import { notFound, uuidParam } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('funds', 'stats');

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];
export const meta: MetaFunction = () => [{ title: 'Funder report · Fivefold' }];

// The funder's report on a funding round: for funders and the staff of the round's place.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const report = await roundReport(uuidParam(params, 'roundId'));
  if (!report) throw notFound();
  await requirePermission(request, 'report.read', { id: report.id, path: report.placePath, type: 'place' });
  return { report, at: new Date().toISOString() };
}

export default function RoundReportPage() {
  const { report, at } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <h1>{t('stats.report.round.title', { name: report.title })}</h1>
      <p>{t('stats.report.intro')}</p>
      <p className="muted">{t('stats.report.generated', { at: formatDate(locale, at, true) })}</p>
      <ReportActions base={`/rounds/${report.id}/report`} />
      <ReportFigures
        currency={report.currency}
        money={[
          { label: t('stats.report.round.budget'), minor: report.money.budgetMinor },
          { label: t('stats.report.round.granted'), minor: report.money.grantedMinor },
          { label: t('stats.report.moneyIn'), minor: report.money.fundInMinor },
          { label: t('stats.report.moneyOut'), minor: report.money.fundOutMinor },
          { label: t('stats.col.disbursed'), minor: report.money.disbursedMinor },
        ]}
        totals={report.totals}
        projects={report.projects}
        fundedLabel={t('stats.report.col.granted')}
      />
    </>
  );
}
