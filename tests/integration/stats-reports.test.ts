// Funder reports of a matching programme and a funding round: figures equal independent queries, the download
// opens as a spreadsheet with one row per project, and only funders and staff of the place may read them.
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db, rows } from '../../db/client';
import { seedDemo } from '../../db/seed/demo';
import { loader as programmePage } from '../../app/routes/matching-programmes.$programmeId_.report';
import { loader as programmeXlsx } from '../../app/routes/matching-programmes.$programmeId_.report[.xlsx]';
import { loader as roundPage } from '../../app/routes/rounds.$roundId_.report';
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

  it('is for funders and staff of the place only', async () => {
    expect(statusOf(await callRoute(programmePage, `/matching-programmes/${programmeId}/report`, { cookie: await cookieOf('resident@fivefold.test'), params: { programmeId } }))).toBe(403);
    expect(statusOf(await callRoute(roundPage, `/rounds/${roundId}/report`, { cookie: await cookieOf('donor@fivefold.test'), params: { roundId } }))).toBe(403);
    expect(statusOf(await callRoute(programmePage, `/matching-programmes/${programmeId}/report`, { params: { programmeId } }))).toBe(302);
    expect(statusOf(await callRoute(roundPage, '/rounds/x/report', { cookie: await cookieOf('funder@fivefold.test'), params: { roundId: 'x' } }))).toBe(404);
  });
});
