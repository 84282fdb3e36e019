// Funder reports of a matching programme and a funding round: figures equal independent queries, the download
// opens as a spreadsheet with one row per project, and only funders and staff of the place may read them.
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db, rows } from '../../db/client';
import { seedDemo } from '../../db/seed/demo';
import { loader as programmePage } from '../../app/routes/matching-programmes.$programmeId_.report';
import { loader as programmeXlsx } from '../../app/routes/matching-programmes.$programmeId_.report[.xlsx]';
import { loader as programmeCsv } from '../../app/routes/matching-programmes.$programmeId_.report[.csv]';
import * as programmeModule from '../../app/routes/matching-programmes.$programmeId';
import { loader as roundPage } from '../../app/routes/rounds.$roundId_.report';
import { loader as roundXlsx } from '../../app/routes/rounds.$roundId_.report[.xlsx]';
import { loader as roundCsv } from '../../app/routes/rounds.$roundId_.report[.csv]';
import * as roundModule from '../../app/routes/rounds.$roundId._index';
import { LOCALE_COOKIE } from '../../app/i18n/locale';
import { renderPage } from '../helpers/render';
import { callRoute, cookieOf, statusOf } from '../helpers/routes';
import { useTestDatabase } from '../helpers/db';

useTestDatabase();

let programmeId: string;
let roundId: string;

beforeAll(async () => {
  await seedDemo();
  [{ id: programmeId }] = await rows<{ id: string }>(db(), sql`select programme_id as id from programme_matches where ledger_group_id is not null group by programme_id order by count(*) desc limit 1`);
  [{ id: roundId }] = await rows<{ id: string }>(db(), sql`select round_id as id from awards where status in ('granted', 'final') group by round_id order by count(*) desc limit 1`);
});

type ProgrammeData = Awaited<ReturnType<typeof programmePage>>;

/** RFC 4180 as the exports write it: a byte-order mark, CRLF line ends, quoted fields with doubled quotes. */
function parseCsv(text: string): string[][] {
  expect(text.startsWith('\uFEFF')).toBe(true);
  const rowsOut: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(field), rowsOut.push(row), (row = []), (field = ''), i++;
    else field += c;
  }
  return rowsOut;
}

/** The per-project sheet of a report's workbook as text, cell by cell (empty for no value). */
async function projectSheetOf(res: Response): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
  const sheet = wb.worksheets[1];
  const out: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const cells: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) {
      const v = sheet.getRow(r).getCell(c).value;
      cells.push(v === null || v === undefined ? '' : String(v));
    }
    out.push(cells);
  }
  return out;
}

type RoundData = Awaited<ReturnType<typeof roundPage>>;

describe('funder reports', () => {
  it('a programme’s report gives the matches from the ledger and each project’s needs and hours', async () => {
    const r = (await callRoute(programmePage, `/matching-programmes/${programmeId}/report`, { cookie: await cookieOf('funder@fivefold.test'), params: { programmeId } })) as ProgrammeData;
    const [want] = await rows<{ matched: string; gifts: number }>(
      db(),
      sql`select (select coalesce(sum(amount_minor), 0) from ledger_entries where amount_minor > 0 and group_id in (select ledger_group_id from programme_matches where programme_id = ${programmeId}))::text as matched,
                 (select count(*) from programme_matches where programme_id = ${programmeId} and ledger_group_id is not null)::int as gifts`,
    );
    expect(Number(want.matched)).toBeGreaterThan(0);
    expect(r.report.money.matchedMinor).toBe(Number(want.matched));
    expect(r.report.money.giftsMatched).toBe(want.gifts);
    expect(r.report.projects.reduce((s, p) => s + p.fundedMinor, 0)).toBe(Number(want.matched));
    for (const p of r.report.projects) {
      const [n] = await rows<{ needs: number; half: number }>(
        db(),
        sql`select (select count(*) from project_needs pn join needs n on n.id = pn.need_id where pn.project_id = ${p.id} and n.status <> 'merged')::int as needs,
                   (select coalesce(sum(half_hours), 0) from service_hours where status = 'certified' and shift_id in (select id from shifts where project_id = ${p.id}))::int as half`,
      );
      expect([p.needs, p.hours]).toEqual([n.needs, n.half / 2]);
    }
  });

  it('a round’s report gives what was granted per project', async () => {
    const r = (await callRoute(roundPage, `/rounds/${roundId}/report`, { cookie: await cookieOf('streetstaff@fivefold.test'), params: { roundId } })) as RoundData;
    const [want] = await rows<{ granted: string; n: number }>(db(), sql`select coalesce(sum(granted_minor), 0)::text as granted, count(*)::int as n from awards where round_id = ${roundId} and status in ('granted', 'final')`);
    expect(r.report.money.grantedMinor).toBe(Number(want.granted));
    expect(r.report.projects.filter((p) => p.fundedMinor > 0).length).toBe(want.n);
  });

  it('downloads as a spreadsheet that opens with one row per project', async () => {
    const res = (await callRoute(programmeXlsx, `/matching-programmes/${programmeId}/report.xlsx`, { cookie: await cookieOf('funder@fivefold.test'), params: { programmeId } })) as Response;
    expect(res.headers.get('Content-Type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    expect(wb.worksheets).toHaveLength(2);
    const page = (await callRoute(programmePage, `/matching-programmes/${programmeId}/report`, { cookie: await cookieOf('funder@fivefold.test'), params: { programmeId } })) as ProgrammeData;
    const sheet = wb.worksheets[1];
    expect(sheet.rowCount).toBe(page.report.projects.length + 1);
    expect(sheet.getRow(2).getCell(1).value).toBe(page.report.projects[0].title);
    expect(sheet.getRow(2).getCell(4).value).toBe(page.report.projects[0].fundedMinor / 100);
  });

  it('downloads as CSV with the same rows as the spreadsheet’s per-project sheet, in the caller’s language', async () => {
    const cases: { xlsx: typeof programmeXlsx; csv: typeof programmeCsv; url: string; params: Record<string, string>; email: string }[] = [
      { xlsx: programmeXlsx, csv: programmeCsv, url: `/matching-programmes/${programmeId}/report`, params: { programmeId }, email: 'funder@fivefold.test' },
      { xlsx: roundXlsx, csv: roundCsv, url: `/rounds/${roundId}/report`, params: { roundId }, email: 'streetstaff@fivefold.test' },
    ];
    for (const c of cases) {
      for (const lang of ['zh-CN', 'en']) {
        const cookie = `${await cookieOf(c.email)}; ${LOCALE_COOKIE}=${lang}`;
        const csv = (await callRoute(c.csv, `${c.url}.csv`, { cookie, params: c.params })) as Response;
        expect(csv.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
        expect(csv.headers.get('Content-Disposition')).toMatch(/^attachment; filename="(programme|round)-report-[0-9a-f]{8}\.csv"$/);
        const fromCsv = parseCsv(Buffer.from(await csv.arrayBuffer()).toString('utf8'));
        const fromXlsx = await projectSheetOf((await callRoute(c.xlsx, `${c.url}.xlsx`, { cookie, params: c.params })) as Response);
        expect(fromCsv.length).toBeGreaterThan(1);
        expect(fromCsv).toEqual(fromXlsx);
        expect(fromCsv[0][0]).toBe(lang === 'en' ? 'Project' : '项目');
      }
    }
    expect(statusOf(await callRoute(programmeCsv, `/matching-programmes/${programmeId}/report.csv`, { cookie: await cookieOf('resident@fivefold.test'), params: { programmeId } }))).toBe(403);
    expect(statusOf(await callRoute(roundCsv, `/rounds/${roundId}/report.csv`, { params: { roundId } }))).toBe(302);
  });

  it('is linked from the programme’s and the round’s pages for those who may read it, and for no one else', async () => {
    const programmeRoute = [{ id: 'routes/matching-programmes.$programmeId', path: 'matching-programmes/:programmeId', module: programmeModule }];
    const roundRoute = [{ id: 'routes/rounds.$roundId._index', path: 'rounds/:roundId', module: roundModule }];
    const programmeLink = `href="/matching-programmes/${programmeId}/report"`;
    const roundLink = `href="/rounds/${roundId}/report"`;
    for (const [email, sees] of [['funder@fivefold.test', true], ['streetstaff@fivefold.test', true], ['resident@fivefold.test', false], [null, false]] as const) {
      const cookie = email ? await cookieOf(email) : null;
      const programme = await renderPage(programmeRoute, `/matching-programmes/${programmeId}`, cookie);
      const round = await renderPage(roundRoute, `/rounds/${roundId}`, cookie);
      expect([programme.status, round.status], String(email)).toEqual([200, 200]);
      expect(programme.html.includes(programmeLink), `${email} on the programme page`).toBe(sees);
      expect(round.html.includes(roundLink), `${email} on the round page`).toBe(sees);
      if (sees) expect(programme.html).toContain('资助方报告');
    }
  });

  it('is for funders and staff of the place only', async () => {
    expect(statusOf(await callRoute(programmePage, `/matching-programmes/${programmeId}/report`, { cookie: await cookieOf('resident@fivefold.test'), params: { programmeId } }))).toBe(403);
    expect(statusOf(await callRoute(roundPage, `/rounds/${roundId}/report`, { cookie: await cookieOf('donor@fivefold.test'), params: { roundId } }))).toBe(403);
    expect(statusOf(await callRoute(programmePage, `/matching-programmes/${programmeId}/report`, { params: { programmeId } }))).toBe(302);
    expect(statusOf(await callRoute(roundPage, '/rounds/x/report', { cookie: await cookieOf('funder@fivefold.test'), params: { roundId: 'x' } }))).toBe(404);
  });
});
