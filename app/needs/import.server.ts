// Importing a spreadsheet of needs: every row checked first, then all good rows stored in one transaction (or none),
// bad rows reported with reasons. Small files run at once; large ones by a job while the page shows progress.
import { and, desc, eq, inArray, isNull, like, lt, or, sql, type SQL } from 'drizzle-orm';
import { db, type DbOrTx, type Tx } from '../../db/client';
import { needEvents, needImports, needPrivateDetails, needs, places } from '../../db/schema';
import { recordAudit, type Actor } from '../audit/audit.server';
import { actorOf, loadPrincipal, type Principal } from '../permissions/principal.server';
import { deadlinesFor, serviceLevelFor } from './deadlines';
import { checkRows, readSpreadsheet, SpreadsheetError, type BadRow, type GoodRow } from './import-rows';

export { SpreadsheetError };
import { resolveNeedPlace, responsibleAt, roleFor } from './needs.server';
import { sanitiseSummary } from './sanitise';
import { activeCategories, readNeedSettings } from './settings';
import { queueSearchUpserts } from '../../search/relay';

/** Files with more data rows than this are imported by a job. */
export const SYNC_IMPORT_ROWS = 300;
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
const CHUNK = 200;
const PROGRESS_SLICE = 250;

export async function createImport(principal: Principal, communityId: string, fileName: string, bytes: Uint8Array) {
  const table = await readSpreadsheet(fileName, bytes);
  const rows = Math.max(0, table.filter((r) => r.some((c) => c && c.trim())).length - 1);
  const [created] = await db().transaction(async (tx) => {
    const inserted = await tx
      .insert(needImports)
      .values({ communityId, createdByUserId: principal.user.id, fileName: fileName.slice(0, 200), content: Buffer.from(bytes), totalRows: rows, status: 'queued' })
      .returning({ id: needImports.id });
    await recordAudit(tx, actorOf(principal), { action: 'need.import_upload', subjectType: 'need_import', subjectId: inserted[0].id, placeId: communityId, after: { fileName, rows } });
    return inserted;
  });
  return { id: created.id, rows, runNow: rows <= SYNC_IMPORT_ROWS };
}

export async function getImport(importId: string) {
  const [row] = await db()
    .select({
      id: needImports.id,
      communityId: needImports.communityId,
      createdByUserId: needImports.createdByUserId,
      fileName: needImports.fileName,
      status: needImports.status,
      totalRows: needImports.totalRows,
      processedRows: needImports.processedRows,
      importedRows: needImports.importedRows,
      report: needImports.report,
      failure: needImports.failure,
      createdAt: needImports.createdAt,
      finishedAt: needImports.finishedAt,
    })
    .from(needImports)
    .where(eq(needImports.id, importId));
  return row ?? null;
}

/** Imports waiting for a worker (a job may have been lost in a restart): the worker picks them up again. */
export async function queuedImports() {
  return db().select({ id: needImports.id }).from(needImports).where(eq(needImports.status, 'queued')).limit(20);
}

/**
 * How long a running import's worker may go without progress before the import is taken from it. Much longer than
 * reading a 10 MB file or checking one slice of rows; the storing transaction holds the import's row lock, which
 * protects a long store from being taken.
 */
export const IMPORT_LEASE_MS = 5 * 60_000;
/** Claims after which an import that keeps losing its worker (a file that kills it, say) fails instead of going back. */
export const MAX_IMPORT_ATTEMPTS = 3;
const SYSTEM: Actor = { userId: null };

/**
 * Puts imports whose worker stopped making progress (it crashed or was killed) back in the queue, so a live worker
 * runs them again from the start; nothing of the dead run was committed (see runImport). Rows locked by a worker
 * inside its storing transaction are skipped: that worker is alive. Returns the imports put back and given up.
 */
export async function requeueStaleImports(now = new Date()) {
  const cutoff = new Date(now.getTime() - IMPORT_LEASE_MS);
  return db().transaction(async (tx) => {
    const stale = await tx
      .select({ id: needImports.id, communityId: needImports.communityId, attempts: needImports.attempts, heartbeatAt: needImports.heartbeatAt })
      .from(needImports)
      .where(and(eq(needImports.status, 'running'), or(isNull(needImports.heartbeatAt), lt(needImports.heartbeatAt, cutoff))))
      .for('update', { skipLocked: true });
    const requeued: string[] = [];
    const abandoned: string[] = [];
    for (const s of stale) {
      const before = { status: 'running', attempts: s.attempts, heartbeatAt: s.heartbeatAt };
      if (s.attempts < MAX_IMPORT_ATTEMPTS) {
        await tx.update(needImports).set({ status: 'queued', processedRows: 0, heartbeatAt: null }).where(eq(needImports.id, s.id));
        await recordAudit(tx, SYSTEM, { action: 'need.import_requeued', subjectType: 'need_import', subjectId: s.id, placeId: s.communityId, before, after: { status: 'queued' } });
        requeued.push(s.id);
      } else {
        await tx
          .update(needImports)
          .set({ status: 'failed', importedRows: 0, failure: 'needs.import.workerLost', content: null, finishedAt: now })
          .where(eq(needImports.id, s.id));
        await recordAudit(tx, SYSTEM, { action: 'need.import_abandoned', subjectType: 'need_import', subjectId: s.id, placeId: s.communityId, before, after: { status: 'failed' } });
        abandoned.push(s.id);
      }
    }
    return { requeued, abandoned };
  });
}

/** Thrown when a worker finds that its import was taken from it (its lease ran out): it stops without writing. */
class LeaseLost extends Error {}

/**
 * Runs an import once: the queued → running step is a conditional UPDATE, so two workers cannot both run it.
 * Every later write is conditional on the claim still being this run's (status running, same attempt), and the
 * rows, the import's result and its audit record commit in one transaction: a worker killed at any point leaves
 * either nothing or the whole import. Returns false when someone else has it.
 */
export async function runImport(importId: string): Promise<boolean> {
  const [claimed] = await db()
    .update(needImports)
    .set({ status: 'running', processedRows: 0, heartbeatAt: new Date(), attempts: sql`${needImports.attempts} + 1` })
    .where(and(eq(needImports.id, importId), eq(needImports.status, 'queued')))
    .returning();
  if (!claimed) return false;
  const ours = and(eq(needImports.id, importId), eq(needImports.status, 'running'), eq(needImports.attempts, claimed.attempts));
  try {
    const principal = await loadPrincipal(claimed.createdByUserId, { sessionId: null, actingForUserId: null, via: 'session' });
    if (!principal) throw new Error('the person who uploaded the file no longer has an account');
    const [community] = await db().select().from(places).where(eq(places.id, claimed.communityId));
    const inCommunity = await db()
      .select({ id: places.id, nameZh: places.nameZh, nameEn: places.nameEn })
      .from(places)
      .where(and(like(places.path, `${community.path}%`), inArray(places.type, ['grid', 'compound', 'building']), isNull(places.archivedAt)));
    const table = await readSpreadsheet(claimed.fileName, claimed.content ?? new Uint8Array());
    const ctx = { categories: activeCategories(readNeedSettings(community.settings)), places: inCommunity, communityId: community.id, now: new Date() };
    const [header = [], ...data] = table;
    const good: GoodRow[] = [];
    const report: BadRow[] = [];
    // Rows are checked in slices, each followed by a committed progress update the page can poll; it renews the lease.
    for (let k = 0; k < Math.max(data.length, 1); k += PROGRESS_SLICE) {
      const checked = checkRows([header, ...data.slice(k, k + PROGRESS_SLICE)], ctx, k + 2);
      if (checked.headerErrors.length) {
        await finish(ours, claimed.totalRows, { status: 'failed', importedRows: 0, report: [{ row: 1, errors: checked.headerErrors }] });
        return true;
      }
      good.push(...checked.good);
      report.push(...checked.bad);
      const renewed = await db()
        .update(needImports)
        .set({ processedRows: good.length + report.length, heartbeatAt: new Date() })
        .where(ours)
        .returning({ id: needImports.id });
      if (!renewed.length) throw new LeaseLost();
    }
    await db().transaction(async (tx) => {
      // First, so the import's row stays locked (and skipped by requeueStaleImports) until the rows are in.
      const done = await finish(ours, claimed.totalRows, { status: 'done', importedRows: good.length, report }, tx);
      if (!done) throw new LeaseLost();
      await storeRows(tx, principal, importId, good);
      await recordAudit(tx, actorOf(principal), { action: 'need.import', subjectType: 'need_import', subjectId: importId, placeId: community.id, after: { imported: good.length, rejected: report.length } });
    });
  } catch (error) {
    if (error instanceof LeaseLost) return false;
    const message = error instanceof SpreadsheetError ? error.message : error instanceof Error ? error.message : String(error);
    await finish(ours, claimed.totalRows, { status: 'failed', importedRows: 0, failure: message.slice(0, 500) });
  }
  return true;
}

/** Records the outcome if the run is still this worker's; false when it is not. */
async function finish(ours: SQL | undefined, totalRows: number, set: { status: 'done' | 'failed'; importedRows: number; report?: { row: number; errors: string[] }[]; failure?: string }, tx: DbOrTx = db()) {
  const updated = await tx
    .update(needImports)
    .set({ ...set, processedRows: totalRows, content: null, finishedAt: new Date() })
    .where(ours)
    .returning({ id: needImports.id });
  return updated.length > 0;
}

/** All good rows, inside the caller's transaction: a failure anywhere stores none of them. */
async function storeRows(tx: Tx, principal: Principal, importId: string, rows: GoodRow[]) {
  const actor = actorOf(principal);
  const placeCache = new Map<string, Awaited<ReturnType<typeof resolveNeedPlace>>>();
  const responsibleCache = new Map<string, string | null>();
  const needRows: (typeof needs.$inferInsert)[] = [];
  const privateRows: (typeof needPrivateDetails.$inferInsert)[] = [];
  const eventRows: (typeof needEvents.$inferInsert)[] = [];
  for (const r of rows) {
    if (!placeCache.has(r.input.placeId)) placeCache.set(r.input.placeId, await resolveNeedPlace(tx, r.input.placeId));
    const place = placeCache.get(r.input.placeId);
    if (!place) throw new Error(`row ${r.row}: the place is no longer available`);
    const level = place.gridId ? 'grid' : 'community';
    const key = `${level}:${place.gridId ?? place.communityId}`;
    if (!responsibleCache.has(key)) responsibleCache.set(key, await responsibleAt(tx, level, place));
    const id = crypto.randomUUID();
    const i = r.input;
    needRows.push({
      id,
      communityId: place.communityId,
      gridId: place.gridId,
      placeId: place.placeId,
      title: i.title,
      description: i.description ?? '',
      publicSummary: sanitiseSummary(i.title, 120, [i.contactName]),
      category: i.category,
      beneficiary: i.beneficiary,
      quantity: i.quantity ?? null,
      quantityUnit: i.quantityUnit ?? null,
      recurrence: i.recurrence,
      wantedFrom: i.wantedFrom ?? null,
      wantedUntil: i.wantedUntil ?? null,
      urgency: i.urgency,
      status: 'raised',
      channel: 'import',
      raisedByUserId: principal.user.id,
      escalationLevel: level,
      responsibleUserId: responsibleCache.get(key) ?? null,
      importId,
      raisedAt: r.raisedAt,
      ...deadlinesFor(r.raisedAt, serviceLevelFor(place.communitySettings.serviceLevels, i.category, i.urgency)),
    });
    if (i.contactName || i.phone || i.address || i.healthNotes) {
      privateRows.push({ needId: id, contactName: i.contactName ?? null, phone: i.phone ?? null, address: i.address ?? null, healthNotes: i.healthNotes ?? null });
    }
    eventRows.push({ needId: id, kind: 'raised', actorUserId: actor.userId, onBehalfOfUserId: actor.onBehalfOfUserId ?? null, actorRole: roleFor(principal, place.placePath, 'need.import'), toStatus: 'raised', data: { channel: 'import' }, createdAt: r.raisedAt });
  }
  for (let k = 0; k < needRows.length; k += CHUNK) await tx.insert(needs).values(needRows.slice(k, k + CHUNK));
  for (let k = 0; k < privateRows.length; k += CHUNK) await tx.insert(needPrivateDetails).values(privateRows.slice(k, k + CHUNK));
  for (let k = 0; k < eventRows.length; k += CHUNK) await tx.insert(needEvents).values(eventRows.slice(k, k + CHUNK));
  await queueSearchUpserts(tx, 'needs', needRows.map((n) => n.id!));
}

export async function listImports(communityIds: string[], limit = 20) {
  if (!communityIds.length) return [];
  return db()
    .select({ id: needImports.id, fileName: needImports.fileName, status: needImports.status, totalRows: needImports.totalRows, importedRows: needImports.importedRows, createdAt: needImports.createdAt })
    .from(needImports)
    .where(inArray(needImports.communityId, communityIds))
    .orderBy(desc(needImports.createdAt))
    .limit(limit);
}
