// A worker killed mid-job leaves nothing half-done: a real worker process running a needs import is killed with
// SIGKILL while inside the transaction that stores the rows; nothing of that run is left, and once its lease has run
// out the import goes back to the queue and a live worker imports every row exactly once. Needs a PostgreSQL server
// (a second process cannot open the embedded database, and PGlite has no pg_stat_activity of other sessions).
import { spawn, type ChildProcess } from 'node:child_process';
import { and, count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db, getDatabase } from '../../db/client';
import { auditEvents, needEvents, needImports, needPrivateDetails, needs, outbox } from '../../db/schema';
import { createImport, getImport, IMPORT_LEASE_MS, requeueStaleImports, runImport } from '../../app/needs/import.server';
import { loadPrincipal, type Principal } from '../../app/permissions/principal.server';
import { createPlace, createUser } from '../helpers/factories';
import { useTestDatabase } from '../helpers/db';
import { until } from '../helpers/wait';

const server = Boolean(process.env.DATABASE_URL);
if (!server) {
  console.info(
    'worker-killed: SKIPPED because DATABASE_URL is not set: killing a worker process mid-transaction needs a PostgreSQL server (the embedded PGlite database belongs to one process). Run with DATABASE_URL=postgres://… to run it.',
  );
}

const ROWS = 4000;
const HEADER = ['标题', '类别', '紧急程度', '地点', '联系人', '电话', 'raised_on'];
const csv = (rows: string[][]) => new TextEncoder().encode(rows.map((r) => r.join(',')).join('\r\n'));

// Polled every 5 ms: the kill must land while the import's transaction is open.
const untilSoon = <T>(what: string, ms: number, probe: () => Promise<T | undefined>) => until(what, ms, probe, 5);

describe.skipIf(!server)('a worker killed mid-job', () => {
  const database = useTestDatabase();
  let staff: Principal;
  let community: { id: string };

  beforeAll(async () => {
    const street = await createPlace({ type: 'street' });
    community = await createPlace({ type: 'community', parentId: street.id });
    const grid = await createPlace({ type: 'grid', parentId: community.id });
    await createPlace({ type: 'building', parentId: grid.id, nameZh: '3号楼' });
    const user = await createUser({ roles: [{ role: 'community_staff', placeId: community.id }] });
    staff = (await loadPrincipal(user.id, { sessionId: null, actingForUserId: null, via: 'session' }))!;
  });

  const importedBy = (importId: string) => db().select({ id: needs.id, title: needs.title }).from(needs).where(eq(needs.importId, importId));
  const outboxRows = async () => Number((await db().select({ n: count() }).from(outbox))[0].n);
  const auditsOf = async (importId: string, action: string) =>
    Number((await db().select({ n: count() }).from(auditEvents).where(and(eq(auditEvents.subjectId, importId), eq(auditEvents.action, action))))[0].n);

  it('leaves nothing of the killed run, and the import is later run again and stored exactly once', async () => {
    const rows = [HEADER, ...Array.from({ length: ROWS }, (_, k) => [`第${k + 1}号`, '助餐送餐', '高', '3号楼', `居民${k + 1}`, `139${String(k + 1).padStart(8, '0')}`, '2026-02-01'])];
    const created = await createImport(staff, community.id, '大台账.csv', csv(rows));
    expect(created.rows).toBe(ROWS);
    const outboxBefore = await outboxRows();

    const appName = `fivefold-killed-worker-${Math.random().toString(36).slice(2, 10)}`;
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'tests/fixtures/run-import.ts'], {
      env: { PATH: process.env.PATH!, HOME: process.env.HOME!, NODE_ENV: 'test', FIXTURE_DATABASE_URL: database.url!, IMPORT_ID: created.id, PGAPPNAME: appName },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (d) => (output += String(d)));
    child.stderr!.on('data', (d) => (output += String(d)));
    let exited = false;
    const exit = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => ((exited = true), resolve(signal ?? code))));

    try {
      // Inside the storing transaction: the backend has a transaction id and is inserting needs rows (progress
      // updates are single UPDATE statements; only the storing transaction inserts).
      const inside = await untilSoon('the worker to be inside its storing transaction', 90_000, async () => {
        if (exited) throw new Error(`the worker ended before it could be killed inside its transaction:\n${output}`);
        const found = await getDatabase().executeSql(
          `select pid, backend_xid::text as xid, xact_start, query from pg_stat_activity
            where application_name = $1 and backend_xid is not null and xact_start is not null and query ilike 'insert into %'`,
          [appName],
        );
        return found.rows[0];
      });
      expect(inside.xid).toBeTruthy();
      child.kill('SIGKILL');
      expect(await exit).toBe('SIGKILL');
    } finally {
      if (!exited) child.kill('SIGKILL');
    }

    // The server notices the closed connection and rolls the transaction back; wait until that backend is gone.
    await untilSoon('the killed worker’s connections to close', 30_000, async () => {
      const left = await getDatabase().executeSql('select count(*)::int as n from pg_stat_activity where application_name = $1', [appName]);
      return Number(left.rows[0].n) === 0 ? true : undefined;
    });

    // Nothing half-done: no needs, no private details, no events, no outbox rows, no audit record; not done.
    const after = (await getImport(created.id))!;
    expect(after.status).toBe('running');
    expect(after.importedRows).toBe(0);
    expect(await importedBy(created.id)).toHaveLength(0);
    const [events] = await db().select({ n: count() }).from(needEvents).innerJoin(needs, eq(needs.id, needEvents.needId)).where(eq(needs.importId, created.id));
    expect(Number(events.n)).toBe(0);
    const [details] = await db().select({ n: count() }).from(needPrivateDetails).innerJoin(needs, eq(needs.id, needPrivateDetails.needId)).where(eq(needs.importId, created.id));
    expect(Number(details.n)).toBe(0);
    expect(await auditsOf(created.id, 'need.import')).toBe(0);
    expect(await outboxRows()).toBe(outboxBefore);
    const [kept] = await db().select({ content: needImports.content, attempts: needImports.attempts }).from(needImports).where(eq(needImports.id, created.id));
    expect(kept.content).not.toBeNull();
    expect(kept.attempts).toBe(1);

    // While the lease holds, the import stays the (dead) worker's; once it has run out, the ticker's call puts it back.
    expect((await requeueStaleImports(new Date())).requeued).not.toContain(created.id);
    const later = new Date(Date.now() + IMPORT_LEASE_MS + 60_000);
    expect((await requeueStaleImports(later)).requeued).toEqual([created.id]);
    expect((await getImport(created.id))!.status).toBe('queued');
    expect(await auditsOf(created.id, 'need.import_requeued')).toBe(1);

    // A live worker runs it again from the start: every row exactly once, one audit record, done.
    expect(await runImport(created.id)).toBe(true);
    const done = (await getImport(created.id))!;
    expect(done.status).toBe('done');
    expect(done.importedRows).toBe(ROWS);
    expect(done.processedRows).toBe(ROWS);
    const stored = await importedBy(created.id);
    expect(stored).toHaveLength(ROWS);
    expect(new Set(stored.map((n) => n.title)).size).toBe(ROWS);
    const [events2] = await db().select({ n: count() }).from(needEvents).innerJoin(needs, eq(needs.id, needEvents.needId)).where(eq(needs.importId, created.id));
    expect(Number(events2.n)).toBe(ROWS);
    expect(await outboxRows()).toBe(outboxBefore + ROWS);
    expect(await auditsOf(created.id, 'need.import')).toBe(1);
    const [finished] = await db().select({ content: needImports.content, attempts: needImports.attempts }).from(needImports).where(eq(needImports.id, created.id));
    expect(finished.content).toBeNull();
    expect(finished.attempts).toBe(2);
  }, 180_000);

  it('keeps an import whose worker is inside its storing transaction, even past the lease', async () => {
    const created = await createImport(staff, community.id, 'slow.csv', csv([HEADER, ['慢', '助餐送餐', '高', '3号楼', '', '', '2026-02-01']]));
    await db().update(needImports).set({ status: 'running', attempts: 1, heartbeatAt: new Date(Date.now() - 2 * IMPORT_LEASE_MS) }).where(eq(needImports.id, created.id));
    const later = new Date(Date.now() + IMPORT_LEASE_MS);
    // The storing transaction holds the import's row lock (runImport updates the row first); stand in for it.
    const whileLocked = await db().transaction(async (tx) => {
      await tx.select({ id: needImports.id }).from(needImports).where(eq(needImports.id, created.id)).for('update');
      return requeueStaleImports(later);
    });
    expect(whileLocked.requeued).not.toContain(created.id);
    expect((await requeueStaleImports(later)).requeued).toContain(created.id);
  });
});
