// What /healthz reports: can we reach the database, and has a job worker beaten recently.
import { sql } from 'drizzle-orm';
import { db, getDatabase } from '../db/client';
import { latestBeat } from '../jobs/heartbeat.server';

const WORKER_STALE_MS = 30_000;

export async function checkHealth() {
  const started = Date.now();
  let database: { ok: boolean; driver?: string; latencyMs?: number; error?: string };
  try {
    await db().execute(sql`select 1`);
    database = { ok: true, driver: getDatabase().driver, latencyMs: Date.now() - started };
  } catch {
    database = { ok: false, error: 'unreachable' };
  }
  let worker: { ok: boolean; lastHeartbeatAt: string | null; ageSeconds: number | null };
  try {
    const beat = database.ok ? await latestBeat() : null;
    const age = beat ? Date.now() - beat.lastBeatAt.getTime() : null;
    worker = { ok: age !== null && age < WORKER_STALE_MS, lastHeartbeatAt: beat?.lastBeatAt.toISOString() ?? null, ageSeconds: age === null ? null : Math.round(age / 1000) };
  } catch {
    worker = { ok: false, lastHeartbeatAt: null, ageSeconds: null };
  }
  return { status: database.ok && worker.ok ? 'ok' : database.ok ? 'degraded' : 'down', database, worker };
}
