// Workers record that they are alive; /healthz reads the latest beat.
import { hostname } from 'node:os';
import { desc, eq } from 'drizzle-orm';
import { db } from '../db/client';
import { workerHeartbeats } from '../db/schema';

export async function beat(workerId: string, startedAt: Date) {
  const now = new Date();
  await db()
    .insert(workerHeartbeats)
    .values({ workerId, host: hostname(), startedAt, lastBeatAt: now })
    .onConflictDoUpdate({ target: workerHeartbeats.workerId, set: { lastBeatAt: now } });
}

export async function endBeat(workerId: string) {
  await db().delete(workerHeartbeats).where(eq(workerHeartbeats.workerId, workerId));
}

export async function latestBeat() {
  const [row] = await db().select().from(workerHeartbeats).orderBy(desc(workerHeartbeats.lastBeatAt)).limit(1);
  return row ?? null;
}
