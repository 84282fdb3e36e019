// A funder report as files: a spreadsheet (a summary sheet of figures and a sheet with one row per project) and
// a CSV of that per-project sheet, built from one table so both hold the same rows.
// Money is in yuan with two decimals (converted from integer fen only here, for the spreadsheet's reader).
import ExcelJS from 'exceljs';
import type { Cell } from '../exports/csv';
import type { ExportColumn } from '../exports/lists.server';
import { writeCsv } from '../exports/write.server';
import { translator } from '../i18n/messages';
import type { Locale } from '../i18n/locale';
import type { ProgrammeReport, RoundReport } from './reports.server';

const yuan = (minor: number | null) => (minor === null ? null : Math.round(minor) / 100);

type Report = ProgrammeReport | RoundReport;

const MONEY_COLUMNS = ['budget', 'funded', 'received', 'disbursed'];

/** One row per project: the columns (headers in the caller's language, money columns naming the currency) and the cells. */
export function reportProjectTable(report: Report, locale: Locale): { columns: ExportColumn[]; rows: Cell[][] } {
  const t = translator(locale);
  const money = (label: string) => `${label} (${report.currency})`;
  const spec: [key: string, header: string, width: number][] = [
    ['title', t('stats.col.project'), 30],
    ['state', t('stats.col.state'), 14],
    ['budget', money(t('stats.col.budget')), 14],
    ['funded', money(report.kind === 'programme' ? t('stats.report.col.matched') : t('stats.report.col.granted')), 14],
    ['received', money(t('stats.col.received')), 14],
    ['disbursed', money(t('stats.col.disbursed')), 14],
    ['needs', t('stats.report.col.needs'), 10],
    ['fulfilled', t('stats.report.needsFulfilled'), 10],
    ['people', t('stats.report.people'), 10],
    ['hours', t('stats.report.col.hours'), 10],
    ['milestones', t('stats.report.col.milestones'), 12],
    ['rating', t('stats.report.col.rating'), 10],
  ];
  const rows = report.projects.map((p): Cell[] => [
    p.title,
    t(`projects.state.${p.state}`),
    yuan(p.budgetMinor),
    yuan(p.fundedMinor),
    yuan(p.receivedMinor),
    yuan(p.disbursedMinor),
    p.needs,
    p.needsFulfilled,
    p.beneficiaryCount,
    p.hours,
    `${p.milestonesDone}/${p.milestones}`,
    p.averageStars,
  ]);
  return { columns: spec.map(([key, header, width]) => ({ key, header, width, private: false })), rows };
}

/** The per-project table as CSV (UTF-8 with a byte-order mark, as the list exports). */
export async function reportCsv(report: Report, locale: Locale): Promise<Buffer> {
  const { columns, rows } = reportProjectTable(report, locale);
  async function* once() {
    yield rows;
  }
  return (await writeCsv(columns, once())).bytes;
}

export async function reportWorkbook(report: Report, locale: Locale): Promise<Buffer> {
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
  const table = reportProjectTable(report, locale);
  sheet.columns = table.columns.map(({ key, header, width }) => ({ key, header, width }));
  for (const row of table.rows) sheet.addRow(row.map((v) => (v === undefined ? null : v)));
  for (const k of MONEY_COLUMNS) sheet.getColumn(k).numFmt = '#,##0.00';
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const CONTENT_TYPES = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'text/csv; charset=utf-8' } as const;

/** The download of a report the caller may read, in their language: `<name>-<id prefix>.xlsx|csv`. */
export async function reportFileResponse(report: Report, locale: Locale, format: keyof typeof CONTENT_TYPES): Promise<Response> {
  const body = format === 'xlsx' ? await reportWorkbook(report, locale) : await reportCsv(report, locale);
  const fileName = `${report.kind === 'programme' ? 'programme' : 'round'}-report-${report.id.slice(0, 8)}.${format}`;
  return new Response(new Uint8Array(body), {
    headers: { 'Content-Type': CONTENT_TYPES[format], 'Content-Disposition': `attachment; filename="${fileName}"`, 'Content-Length': String(body.length), 'Cache-Control': 'private, no-store' },
  });
}
