// Imports large spreadsheets of needs in the background. A ticker hands queued imports to pg-boss, so an upload
// made while no worker ran, or lost in a restart, is still picked up; it first puts back in the queue the imports
// whose worker died mid-run (their lease ran out). runImport itself runs each import once.
import type PgBoss from 'pg-boss';
import { queuedImports, requeueStaleImports, runImport } from '../app/needs/import.server';
import { runJob } from './runner';

export const IMPORT_NEEDS = 'import-needs';
const TICK_MS = 2_000;

export const importNeedsJob = (importId: string) => runJob(IMPORT_NEEDS, 10 * 60_000, () => runImport(importId));

/** Registers the queue and starts the ticker; returns a function that stops the ticker. */
export async function registerImportNeeds(boss: PgBoss): Promise<() => void> {
  await boss.createQueue(IMPORT_NEEDS, { name: IMPORT_NEEDS, policy: 'standard', retryLimit: 1, expireInSeconds: 900 });
  await boss.work<{ importId: string }>(IMPORT_NEEDS, async ([job]) => {
    await importNeedsJob(job.data.importId);
  });
  const ticker = setInterval(() => {
    requeueStaleImports()
      .then(() => queuedImports())
      .then((rows) => Promise.all(rows.map((r) => boss.send(IMPORT_NEEDS, { importId: r.id }, { singletonKey: r.id, singletonSeconds: 60 }))))
      .catch((e: Error) => console.warn(`[worker] import tick: ${e.message}`));
  }, TICK_MS);
  ticker.unref();
  return () => clearInterval(ticker);
}
