// Importing the paper ledger: all good rows or none, every bad row reported with its reason; XLSX and CSV alike.
import ExcelJS from 'exceljs';
import { and, count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db, getDatabase } from '../../db/client';
import { auditEvents, needImports, needPrivateDetails, needs } from '../../db/schema';
import { createImport, getImport, IMPORT_LEASE_MS, MAX_IMPORT_ATTEMPTS, requeueStaleImports, runImport, SYNC_IMPORT_ROWS } from '../../app/needs/import.server';
import { checkRows, parseCsv } from '../../app/needs/import-rows';
import { loadPrincipal, type Principal } from '../../app/permissions/principal.server';
import { createPlace, createUser } from '../helpers/factories';
import { useTestDatabase } from '../helpers/db';

useTestDatabase();

let staff: Principal;
let community: { id: string };
let building: { id: string; nameZh: string };

beforeAll(async () => {
  const street = await createPlace({ type: 'street' });
  community = await createPlace({ type: 'community', parentId: street.id });
  const grid = await createPlace({ type: 'grid', parentId: community.id, nameZh: '第一网格' });
  building = await createPlace({ type: 'building', parentId: grid.id, nameZh: '8号楼' });
  const user = await createUser({ roles: [{ role: 'community_staff', placeId: community.id }] });
  staff = (await loadPrincipal(user.id, { sessionId: null, actingForUserId: null, via: 'session' }))!;
});

const HEADER = ['标题', '类别', '紧急程度', '地点', '数量', '单位', '频次', '联系人', '电话', '地址', 'raised_on'];

/** 2,000 rows, of which every 40th is bad in one of five ways: 50 bad rows. */
function ledger() {
  const rows: string[][] = [HEADER];
  const badKinds = [
    (r: string[]) => (r[1] = '不存在的类别'),
    (r: string[]) => (r[0] = ''),
    (r: string[]) => (r[2] = '特别急'),
    (r: string[]) => (r[3] = '不存在的楼'),
    (r: string[]) => (r[8] = 'call me'),
  ];
  for (let i = 1; i <= 2000; i++) {
    const row = [`第${i}号台账需求`, i % 3 ? '助餐送餐' : 'repairs', i % 2 ? '高' : 'normal', i % 5 ? '8号楼' : '', String(1 + (i % 7)), '次', 'weekly', `居民${i}`, `1380000${String(i).padStart(4, '0')}`, `2单元${i}`, '2026-01-15'];
    if (i % 40 === 0) badKinds[(i / 40) % badKinds.length](row);
    rows.push(row);
  }
  return rows;
}

async function xlsx(rows: string[][]) {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('台账');
  rows.forEach((r) => sheet.addRow(r));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const csv = (rows: string[][]) => new TextEncoder().encode(rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n'));

const countImported = async (importId: string) => Number((await db().select({ n: count() }).from(needs).where(eq(needs.importId, importId)))[0].n);

describe('spreadsheet import', () => {
  it('stores exactly the 1,950 good rows of 2,000 and reports the 50 bad ones with reasons, by a job with progress', async () => {
    const created = await createImport(staff, community.id, '台账.xlsx', await xlsx(ledger()));
    expect(created.rows).toBe(2000);
    expect(created.runNow).toBe(2000 <= SYNC_IMPORT_ROWS);
    expect((await getImport(created.id))!.status).toBe('queued');
    // The job runs it once, even when two workers pick it up together.
    const [a, b] = await Promise.all([runImport(created.id), runImport(created.id)]);
    expect([a, b].sort()).toEqual([false, true]);
    const report = (await getImport(created.id))!;
    expect(report.status).toBe('done');
    expect(report.processedRows).toBe(2000);
    expect(report.importedRows).toBe(1950);
    expect(report.report).toHaveLength(50);
    expect(report.report.map((r) => r.row)).toEqual(Array.from({ length: 50 }, (_, k) => (k + 1) * 40 + 1));
    expect(report.report.every((r) => r.errors.length > 0)).toBe(true);
    const reasons = new Set(report.report.flatMap((r) => r.errors));
    expect([...reasons].sort()).toEqual(['category:needs.v.category', 'phone:v.invalid', 'place:needs.v.place', 'title:v.required', 'urgency:v.invalid']);
    expect(await countImported(created.id)).toBe(1950);
    // Private details go to their own table; the file itself is not kept.
    const [withContact] = await db().select({ n: count() }).from(needPrivateDetails).innerJoin(needs, eq(needs.id, needPrivateDetails.needId)).where(eq(needs.importId, created.id));
    expect(Number(withContact.n)).toBe(1950);
    const [stored] = await db().select({ content: needImports.content }).from(needImports).where(eq(needImports.id, created.id));
    expect(stored.content).toBeNull();
    const [sample] = await db().select().from(needs).where(and(eq(needs.importId, created.id), eq(needs.placeId, building.id))).limit(1);
    expect(sample.channel).toBe('import');
    expect(sample.raisedAt.toISOString().slice(0, 10)).toBe('2026-01-15');
    expect(sample.publicSummary).not.toMatch(/居民|2单元/);
  });

  it('imports nothing when storing fails half-way', async () => {
    const rows = ledger().slice(0, 101);
    const created = await createImport(staff, community.id, 'small.csv', csv(rows));
    expect(created.runNow).toBe(true);
    // The database refuses row 78 (its 77th need) while storing, after the rows before it were written.
    await getDatabase().executeSql(`ALTER TABLE needs ADD CONSTRAINT test_refuse_77 CHECK (title <> '第77号台账需求') NOT VALID`);
    try {
      await runImport(created.id);
    } finally {
      await getDatabase().executeSql('ALTER TABLE needs DROP CONSTRAINT test_refuse_77');
    }
    const report = (await getImport(created.id))!;
    expect(report.status).toBe('failed');
    expect(await countImported(created.id)).toBe(0);
  });

  it('reads CSV with quotes and Chinese headers, and refuses a file without the required columns', async () => {
    expect(parseCsv('\ufeffa,b\r\n"x, ""y""",2\n')).toEqual([
      ['a', 'b'],
      ['x, "y"', '2'],
    ]);
    const ctx = { categories: [{ key: 'meals' }], places: [], communityId: community.id, now: new Date() };
    expect(checkRows([['名称', '说明'], ['a', 'b']], ctx).headerErrors).toEqual(['title:needs.import.missingColumn', 'category:needs.import.missingColumn']);
    const created = await createImport(staff, community.id, 'wrong.csv', csv([['名称'], ['a']]));
    await runImport(created.id);
    const report = (await getImport(created.id))!;
    expect(report.status).toBe('failed');
    expect(report.report[0].errors).toContain('title:needs.import.missingColumn');
  });

  it('puts an import whose worker stopped making progress back in the queue, not one whose worker is alive', async () => {
    const rows = ledger().slice(0, 41);
    const [stale, fresh, worn] = await Promise.all(['stale.csv', 'fresh.csv', 'worn.csv'].map((name) => createImport(staff, community.id, name, csv(rows))));
    // Claimed by workers: one last made progress 10 minutes ago, one a minute ago, one is on its last attempt.
    const now = new Date();
    const ago = (ms: number) => new Date(now.getTime() - ms);
    await db().update(needImports).set({ status: 'running', attempts: 1, processedRows: 40, heartbeatAt: ago(10 * 60_000) }).where(eq(needImports.id, stale.id));
    await db().update(needImports).set({ status: 'running', attempts: 1, heartbeatAt: ago(60_000) }).where(eq(needImports.id, fresh.id));
    await db().update(needImports).set({ status: 'running', attempts: MAX_IMPORT_ATTEMPTS, heartbeatAt: ago(10 * 60_000) }).where(eq(needImports.id, worn.id));

    const moved = await requeueStaleImports(now);
    expect(moved.requeued).toEqual([stale.id]);
    expect(moved.abandoned).toEqual([worn.id]);
    expect((await getImport(stale.id))!).toMatchObject({ status: 'queued', processedRows: 0 });
    expect((await getImport(fresh.id))!.status).toBe('running');
    const given = (await getImport(worn.id))!;
    expect(given).toMatchObject({ status: 'failed', importedRows: 0, failure: 'needs.import.workerLost' });
    expect(await countImported(worn.id)).toBe(0);
    // Nothing more to do a moment later; the fresh one's lease runs out only after IMPORT_LEASE_MS without progress.
    expect(await requeueStaleImports(now)).toEqual({ requeued: [], abandoned: [] });
    expect((await requeueStaleImports(new Date(now.getTime() + IMPORT_LEASE_MS))).requeued).toEqual([fresh.id]);

    // A live worker runs the requeued import from the start.
    expect(await runImport(stale.id)).toBe(true);
    expect((await getImport(stale.id))!).toMatchObject({ status: 'done', importedRows: 39 }); // row 40 of the ledger is a bad one
    expect(await countImported(stale.id)).toBe(39);
    const [audit] = await db().select({ n: count() }).from(auditEvents).where(and(eq(auditEvents.subjectId, stale.id), eq(auditEvents.action, 'need.import')));
    expect(Number(audit.n)).toBe(1);
  });

  it('refuses other file types', async () => {
    await expect(createImport(staff, community.id, 'ledger.pdf', new Uint8Array([1, 2, 3]))).rejects.toThrow('needs.import.fileType');
    await expect(createImport(staff, community.id, 'broken.xlsx', new Uint8Array([1, 2, 3]))).rejects.toThrow('needs.import.unreadable');
  });
});
