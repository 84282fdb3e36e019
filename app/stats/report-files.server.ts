// A funder report as a spreadsheet: a summary sheet of figures and a sheet with one row per project.
// Money is in yuan with two decimals (converted from integer fen only here, for the spreadsheet's reader).
import ExcelJS from 'exceljs';
import { translator } from '../i18n/messages';
import type { Locale } from '../i18n/locale';
import type { ProgrammeReport, RoundReport } from './reports.server';

const yuan = (minor: number | null) => (minor === null ? null : Math.round(minor) / 100);

export async function reportWorkbook(report: ProgrammeReport | RoundReport, locale: Locale): Promise<Buffer> {
  const t = translator(locale);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Fivefold';
  const summary = wb.addWorksheet(t('stats.report.money').slice(0, 31));
  summary.columns = [
    { header: t('stats.report.field'), key: 'field', width: 36 },
    { header: t('stats.report.value'), key: 'value', width: 20 },
  ];
  const money = (label: string, minor: number | null) => summary.addRow({ field: `${label} (${report.currency})`, value: yuan(minor) }).getCell('value').numFmt = '#,##0.00';
  if (report.kind === 'programme') {
    summary.addRow({ field: t('stats.report.funder', { funder: locale === 'en' ? report.funderEn : report.funderZh }), value: locale === 'en' ? report.nameEn : report.nameZh });
    money(t('stats.report.pool.granted'), report.money.grantedMinor);
    money(t('stats.report.moneyIn'), report.money.inMinor);
    money(t('stats.report.pool.matched'), report.money.matchedMinor);
    money(t('stats.report.moneyOut'), report.money.outMinor);
    money(t('stats.report.pool.left'), report.money.balanceMinor);
    summary.addRow({ field: t('stats.report.gifts'), value: report.money.giftsMatched });
  } else {
    summary.addRow({ field: t('stats.report.projects'), value: report.title });
    money(t('stats.report.round.budget'), report.money.budgetMinor);
    money(t('stats.report.round.granted'), report.money.grantedMinor);
    money(t('stats.report.moneyIn'), report.money.fundInMinor);
    money(t('stats.report.moneyOut'), report.money.fundOutMinor);
    money(t('stats.col.disbursed'), report.money.disbursedMinor);
  }
  const x = report.totals;
  summary.addRow({ field: t('stats.report.projects'), value: x.projects });
  summary.addRow({ field: t('stats.report.needsServed'), value: x.needs });
  summary.addRow({ field: t('stats.report.needsFulfilled'), value: x.needsFulfilled });
  summary.addRow({ field: t('stats.report.people'), value: x.beneficiaries });
  summary.addRow({ field: t('stats.report.hours'), value: x.hours });
  summary.addRow({ field: t('stats.report.milestones'), value: t('stats.report.milestonesOf', { done: x.milestonesDone, total: x.milestones }) });
  summary.addRow({ field: t('stats.report.progress'), value: x.averageProgress === null ? null : x.averageProgress / 100 }).getCell('value').numFmt = '0%';
  summary.addRow({ field: t('stats.report.satisfaction'), value: x.averageStars });
  summary.getRow(1).font = { bold: true };

  const sheet = wb.addWorksheet(t('stats.report.perProject').slice(0, 31));
  sheet.columns = [
    { header: t('stats.col.project'), key: 'title', width: 30 },
    { header: t('stats.col.state'), key: 'state', width: 14 },
    { header: `${t('stats.col.budget')} (${report.currency})`, key: 'budget', width: 14 },
    { header: `${report.kind === 'programme' ? t('stats.report.col.matched') : t('stats.report.col.granted')} (${report.currency})`, key: 'funded', width: 14 },
    { header: `${t('stats.col.received')} (${report.currency})`, key: 'received', width: 14 },
    { header: `${t('stats.col.disbursed')} (${report.currency})`, key: 'disbursed', width: 14 },
    { header: t('stats.report.col.needs'), key: 'needs', width: 10 },
    { header: t('stats.report.needsFulfilled'), key: 'fulfilled', width: 10 },
    { header: t('stats.report.people'), key: 'people', width: 10 },
    { header: t('stats.report.col.hours'), key: 'hours', width: 10 },
    { header: t('stats.report.col.milestones'), key: 'milestones', width: 12 },
    { header: t('stats.report.col.rating'), key: 'rating', width: 10 },
  ];
  for (const p of report.projects) {
    sheet.addRow({
      title: p.title,
      state: t(`projects.state.${p.state}`),
      budget: yuan(p.budgetMinor),
      funded: yuan(p.fundedMinor),
      received: yuan(p.receivedMinor),
      disbursed: yuan(p.disbursedMinor),
      needs: p.needs,
      fulfilled: p.needsFulfilled,
      people: p.beneficiaryCount,
      hours: p.hours,
      milestones: `${p.milestonesDone}/${p.milestones}`,
      rating: p.averageStars,
    });
  }
  for (const k of ['budget', 'funded', 'received', 'disbursed']) sheet.getColumn(k).numFmt = '#,##0.00';
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
