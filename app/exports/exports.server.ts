// Exports of lists as CSV or XLSX: small ones straight back, large ones (and personal data downloads) as a job whose
// file is kept in export_files until it expires, downloadable only by the person who asked.
import { and, desc, eq, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '../../db/client';
import { exportFiles, type ExportFile } from '../../db/schema';
import { recordAudit } from '../audit/audit.server';
import type { Locale } from '../i18n/locale';
import { translator } from '../i18n/messages';
import { actorOf, loadPrincipal, type Principal } from '../permissions/principal.server';
import { ExportError, prepareExport, type PreparedExport } from './lists.server';
import { gatherPersonalData, personalDataZip } from './personal.server';
import type { ExportFormat, ExportKind, ExportList } from './values';
import { writeCsv, writeXlsx } from './write.server';

const settingsFromEnv = z
  .object({
    FIVEFOLD_EXPORT_JOB_ROWS: z.coerce.number().int().min(1).default(5000),
    FIVEFOLD_EXPORT_TTL_HOURS: z.coerce.number().positive().default(24),
  })
  .parse(process.env);

/** Above jobRows rows an export runs as a job; its file can be fetched for ttlHours. Tests lower them. */
export const exportSettings = { jobRows: settingsFromEnv.FIVEFOLD_EXPORT_JOB_ROWS, ttlHours: settingsFromEnv.FIVEFOLD_EXPORT_TTL_HOURS, batchRows: 1000 };

export const contentTypes: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
};

const chinaDay = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** A file name in the requester's language: 需求清单-2026-11-23.xlsx / needs-2026-11-23.xlsx. */
export function exportFileName(kind: ExportKind, format: ExportFormat, locale: Locale, now = new Date()) {
  return `${translator(locale)(`exports.file.${kind}`)}-${chinaDay(now)}.${format}`;
}

/** Content-Disposition with an ASCII fallback and the real (possibly Chinese) name per RFC 6266 / 5987. */
export function attachmentHeader(fileName: string, englishName: string) {
  const ascii = englishName.replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '') || 'export';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

async function* batchesOf(prepared: PreparedExport, onProgress?: (done: number) => Promise<void>) {
  const size = exportSettings.batchRows;
  for (let offset = 0; ; offset += size) {
    const rows = await prepared.page(offset, size);
    if (rows.length) yield rows;
    await onProgress?.(offset + rows.length);
    if (rows.length < size) break;
  }
}

async function render(prepared: PreparedExport, format: 'csv' | 'xlsx', sheetName: string, onProgress?: (done: number) => Promise<void>) {
  return format === 'csv' ? writeCsv(prepared.columns, batchesOf(prepared, onProgress)) : writeXlsx(sheetName, prepared.columns, batchesOf(prepared, onProgress));
}

const auditOf = (prepared: PreparedExport, rows: number, exportId: string | null) => ({
  action: 'export.private_data',
  subjectType: 'export',
  subjectId: exportId,
  placeId: prepared.placeId,
  after: { list: prepared.list, filters: prepared.params, rows, columns: prepared.columns.filter((c) => c.private).map((c) => c.key) },
});

export type ExportOutcome = { kind: 'file'; fileName: string; englishName: string; contentType: string; bytes: Buffer } | { kind: 'job'; id: string };

/**
 * Exports a list with the page's filters. Up to the threshold the file comes straight back; above it a job is
 * queued for a signed-in requester (anonymous callers are asked to sign in, so only they can fetch the file).
 */
export async function exportList(principal: Principal | null, list: ExportList, format: 'csv' | 'xlsx', raw: Record<string, string>, locale: Locale, now = new Date()): Promise<ExportOutcome> {
  const prepared = await prepareExport(list, raw, principal, locale);
  const total = await prepared.total();
  if (total > exportSettings.jobRows) {
    if (!principal) throw new ExportError('login');
    const [row] = await db()
      .insert(exportFiles)
      .values({ requesterUserId: principal.user.id, onBehalfOfUserId: principal.actingFor?.id ?? null, kind: list, format, query: prepared.params, totalRows: total, hasPrivateData: prepared.hasPrivateData })
      .returning({ id: exportFiles.id });
    return { kind: 'job', id: row.id };
  }
  const fileName = exportFileName(list, format, locale, now);
  const { bytes, rows } = await render(prepared, format, translator(locale)(`exports.file.${list}`));
  // The read of private data is recorded before any of it leaves.
  if (prepared.hasPrivateData && principal) await recordAudit(db(), actorOf(principal), auditOf(prepared, rows, null));
  return { kind: 'file', fileName, englishName: exportFileName(list, format, 'en', now), contentType: contentTypes[format], bytes };
}

/** Asks for a download of all one's data. A request still being made is returned instead of a second one. */
export async function requestPersonalData(principal: Principal) {
  return db().transaction(async (tx) => {
    // One request at a time per person, even under a double click: the row lock on the user serialises them.
    await tx.execute(sql`select id from users where id = ${principal.user.id} for update`);
    const [pending] = await tx
      .select({ id: exportFiles.id })
      .from(exportFiles)
      .where(and(eq(exportFiles.requesterUserId, principal.user.id), eq(exportFiles.kind, 'personal'), inArray(exportFiles.status, ['queued', 'running'])))
      .limit(1);
    if (pending) return pending.id;
    const [row] = await tx
      .insert(exportFiles)
      .values({ requesterUserId: principal.user.id, onBehalfOfUserId: principal.actingFor?.id ?? null, kind: 'personal', format: 'zip', hasPrivateData: true })
      .returning({ id: exportFiles.id });
    await recordAudit(tx, actorOf(principal), { action: 'personal_data.request', subjectType: 'user', subjectId: principal.user.id, after: { exportId: row.id } });
    return row.id;
  });
}

export async function queuedExports() {
  return db().select({ id: exportFiles.id }).from(exportFiles).where(eq(exportFiles.status, 'queued')).orderBy(exportFiles.createdAt).limit(20);
}

/**
 * Makes a queued export's file once: queued → running is a conditional UPDATE, so two workers cannot both run it.
 * Progress is written as rows are done; the file, its expiry and (for private data) the audit commit together.
 */
export async function runExport(exportId: string, now = () => new Date()): Promise<boolean> {
  const [job] = await db()
    .update(exportFiles)
    .set({ status: 'running', processedRows: 0 })
    .where(and(eq(exportFiles.id, exportId), eq(exportFiles.status, 'queued')))
    .returning();
  if (!job) return false;
  try {
    const principal = await loadPrincipal(job.requesterUserId, { sessionId: null, actingForUserId: job.onBehalfOfUserId, via: 'session' });
    if (!principal) throw new Error('the requester no longer has an account');
    const locale = principal.user.locale;
    const progress = async (done: number) => {
      await db().update(exportFiles).set({ processedRows: done }).where(eq(exportFiles.id, exportId));
    };
    let bytes: Buffer;
    let rows: number;
    let audit: Parameters<typeof recordAudit>[2] | null = null;
    if (job.kind === 'personal') {
      const data = await gatherPersonalData(job.requesterUserId, async (done, total) => {
        await db().update(exportFiles).set({ processedRows: done, totalRows: total }).where(eq(exportFiles.id, exportId));
      });
      bytes = personalDataZip(data, locale);
      rows = Object.keys(data.areas).length;
      audit = { action: 'personal_data.export', subjectType: 'user', subjectId: job.requesterUserId, after: { exportId, areas: Object.keys(data.areas) } };
    } else {
      const prepared = await prepareExport(job.kind, job.query, principal, locale);
      const total = await prepared.total();
      await db().update(exportFiles).set({ totalRows: total }).where(eq(exportFiles.id, exportId));
      ({ bytes, rows } = await render(prepared, job.format === 'xlsx' ? 'xlsx' : 'csv', translator(locale)(`exports.file.${job.kind}`), progress));
      if (prepared.hasPrivateData) audit = auditOf(prepared, rows, exportId);
    }
    const finished = now();
    await db().transaction(async (tx) => {
      await tx
        .update(exportFiles)
        .set({
          status: 'done',
          content: bytes,
          processedRows: rows,
          totalRows: rows,
          fileName: exportFileName(job.kind, job.format, locale, finished),
          contentType: contentTypes[job.format],
          finishedAt: finished,
          expiresAt: new Date(finished.getTime() + exportSettings.ttlHours * 3600_000),
        })
        .where(eq(exportFiles.id, exportId));
      if (audit) await recordAudit(tx, actorOf(principal), audit);
    });
    return true;
  } catch (error) {
    console.warn(`[exports] ${exportId} failed: ${error instanceof Error ? error.message : String(error)}`);
    await db().update(exportFiles).set({ status: 'failed', failure: 'exports.failed', finishedAt: now() }).where(eq(exportFiles.id, exportId));
    return false;
  }
}

export type ExportJobView = Omit<ExportFile, 'content'> & { available: boolean; expired: boolean };

/** A job as its requester sees it; anyone else gets nothing (the WHERE clause holds the owner). */
export async function getExportJob(principal: Principal, exportId: string, now = new Date()): Promise<ExportJobView | null> {
  const [row] = await db()
    .select({
      id: exportFiles.id,
      requesterUserId: exportFiles.requesterUserId,
      onBehalfOfUserId: exportFiles.onBehalfOfUserId,
      kind: exportFiles.kind,
      format: exportFiles.format,
      query: exportFiles.query,
      status: exportFiles.status,
      totalRows: exportFiles.totalRows,
      processedRows: exportFiles.processedRows,
      fileName: exportFiles.fileName,
      contentType: exportFiles.contentType,
      hasPrivateData: exportFiles.hasPrivateData,
      failure: exportFiles.failure,
      finishedAt: exportFiles.finishedAt,
      expiresAt: exportFiles.expiresAt,
      erasedAt: exportFiles.erasedAt,
      createdAt: exportFiles.createdAt,
      updatedAt: exportFiles.updatedAt,
      hasContent: sql<boolean>`${exportFiles.content} is not null`,
    })
    .from(exportFiles)
    .where(and(eq(exportFiles.id, exportId), eq(exportFiles.requesterUserId, principal.user.id)));
  if (!row) return null;
  const { hasContent, ...job } = row;
  const expired = job.status === 'done' && (!hasContent || !job.expiresAt || job.expiresAt.getTime() <= now.getTime());
  return { ...job, expired, available: job.status === 'done' && !expired };
}

export async function listMyExports(principal: Principal, kind?: ExportKind, limit = 10) {
  return db()
    .select({ id: exportFiles.id, kind: exportFiles.kind, format: exportFiles.format, status: exportFiles.status, createdAt: exportFiles.createdAt, expiresAt: exportFiles.expiresAt, erasedAt: exportFiles.erasedAt })
    .from(exportFiles)
    .where(and(eq(exportFiles.requesterUserId, principal.user.id), kind ? eq(exportFiles.kind, kind) : undefined))
    .orderBy(desc(exportFiles.createdAt))
    .limit(limit);
}

export type DownloadOutcome = { kind: 'file'; fileName: string; englishName: string; contentType: string; bytes: Buffer } | { kind: 'not_found' } | { kind: 'not_ready' } | { kind: 'expired' };

/** The file of a finished job, for its requester only, until it expires. Fetching a file of private data is audited. */
export async function downloadExport(principal: Principal, exportId: string, now = new Date()): Promise<DownloadOutcome> {
  return db().transaction(async (tx) => {
    const [row] = await tx.select().from(exportFiles).where(and(eq(exportFiles.id, exportId), eq(exportFiles.requesterUserId, principal.user.id)));
    if (!row) return { kind: 'not_found' };
    if (row.status === 'failed') return { kind: 'not_found' };
    if (row.status !== 'done') return { kind: 'not_ready' };
    if (!row.content || !row.expiresAt || row.expiresAt.getTime() <= now.getTime()) return { kind: 'expired' };
    if (row.hasPrivateData) await recordAudit(tx, actorOf(principal), { action: 'export.download', subjectType: 'export', subjectId: row.id, after: { kind: row.kind } });
    return { kind: 'file', fileName: row.fileName ?? exportFileName(row.kind, row.format, principal.user.locale), englishName: exportFileName(row.kind, row.format, 'en', row.finishedAt ?? now), contentType: row.contentType ?? contentTypes[row.format], bytes: row.content };
  });
}

/** Erases the files whose link has expired (the row stays, so the job page can say it has gone). */
export async function eraseExpiredExports(now = new Date()) {
  const erased = await db()
    .update(exportFiles)
    .set({ content: null, erasedAt: now })
    .where(and(isNotNull(exportFiles.content), lt(exportFiles.expiresAt, now)))
    .returning({ id: exportFiles.id });
  return erased.length;
}
