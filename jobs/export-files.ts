// Export files: a ticker hands queued exports (large lists, personal data downloads) to pg-boss, so a request made
// while no worker ran is still picked up; runExport itself makes each file once. Hourly, expired files are erased.
import type PgBoss from 'pg-boss';
import { eraseExpiredExports, queuedExports, runExport } from '../app/exports/exports.server';
import { runJob } from './runner';

export const EXPORT_FILES = 'export-files';
export const ERASE_EXPIRED_EXPORTS = 'export-files-erase-expired';
const TICK_MS = 2_000;

export const exportFilesJob = (exportId: string) => runJob(EXPORT_FILES, 20 * 60_000, () => runExport(exportId));
export const eraseExpiredExportsJob = () => runJob(ERASE_EXPIRED_EXPORTS, 5 * 60_000, () => eraseExpiredExports());

/** Registers the queues, the hourly erasure and the ticker; returns a function that stops the ticker. */
export async function registerExportFiles(boss: PgBoss): Promise<() => void> {
  await boss.createQueue(EXPORT_FILES, { name: EXPORT_FILES, policy: 'standard', retryLimit: 1, expireInSeconds: 1500 });
  await boss.work<{ exportId: string }>(EXPORT_FILES, async ([job]) => {
    await exportFilesJob(job.data.exportId);
  });
  await boss.createQueue(ERASE_EXPIRED_EXPORTS, { name: ERASE_EXPIRED_EXPORTS, policy: 'stately', retryLimit: 3, retryBackoff: true });
  await boss.work(ERASE_EXPIRED_EXPORTS, async () => {
    await eraseExpiredExportsJob();
  });
  await boss.schedule(ERASE_EXPIRED_EXPORTS, '23 * * * *', {}, { tz: 'Asia/Shanghai' });
  const ticker = setInterval(() => {
    queuedExports()
      .then((rows) => Promise.all(rows.map((r) => boss.send(EXPORT_FILES, { exportId: r.id }, { singletonKey: r.id, singletonSeconds: 60 }))))
      .catch((e: Error) => console.warn(`[worker] export tick: ${e.message}`));
  }, TICK_MS);
  ticker.unref();
  return () => clearInterval(ticker);
}
