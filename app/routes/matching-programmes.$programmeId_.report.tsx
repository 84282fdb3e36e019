import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { formatDate } from '../i18n/locale';
import { useLocale, useT } from '../i18n/use-t';
import { requirePermission } from '../permissions/permissions.server';
import { programmeReport } from '../stats/reports.server';
import { ReportActions, ReportFigures } from '../stats/report-ui';
import styles from '../styles/stats.css';
import { notFound, uuidParam } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('funds', 'stats');

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];
export const meta: MetaFunction = () => [{ title: 'Funder report · Fivefold' }];

// The funder's report on a matching programme: for its funder and the staff of its place.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const report = await programmeReport(uuidParam(params, 'programmeId'));
  if (!report) throw notFound();
  await requirePermission(request, 'report.read', { id: report.id, path: report.placePath, type: 'place' });
  return { report, at: new Date().toISOString() };
}

export default function ProgrammeReportPage() {
  const { report, at } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const name = locale === 'en' ? report.nameEn : report.nameZh;
  return (
    <>
      <h1>{t('stats.report.programme.title', { name })}</h1>
      <p>{t('stats.report.funder', { funder: locale === 'en' ? report.funderEn : report.funderZh })}</p>
      <p>{t('stats.report.intro')}</p>
      <p className="muted">{t('stats.report.generated', { at: formatDate(locale, at, true) })}</p>
      <ReportActions base={`/matching-programmes/${report.id}/report`} />
      <ReportFigures
        currency={report.currency}
        money={[
          { label: t('stats.report.pool.granted'), minor: report.money.grantedMinor },
          { label: t('stats.report.moneyIn'), minor: report.money.inMinor },
          { label: t('stats.report.pool.matched'), minor: report.money.matchedMinor },
          { label: t('stats.report.moneyOut'), minor: report.money.outMinor },
          { label: t('stats.report.pool.left'), minor: report.money.balanceMinor },
        ]}
        totals={report.totals}
        projects={report.projects}
        fundedLabel={t('stats.report.col.matched')}
      />
    </>
  );
}
