// The dead-letter list: jobs that failed after all their retries (pg-boss copies each into its queue's
// `<queue>-dead-letter` queue, see jobs/boss.ts), shown to administrators on /admin/jobs, who can send one again.
import type PgBoss from 'pg-boss';
import { sql } from 'drizzle-orm';
import { db, getDatabase, rows } from '../../db/client';
import { createBoss, DEAD_LETTER_SUFFIX } from '../../jobs/boss';
import { recordAudit, type Actor } from '../audit/audit.server';

export interface DeadLetter {
  id: string;
  /** The queue the job belonged to. */
  queue: string;
  /** The last error's message (no stack: it names files on the server). */
  error: string;
  /** How many times it ran: the first run and every retry. */
  attempts: number;
  failedAt: Date;
}

const LIMIT = 200;

function errorOf(output: unknown): string {
  if (output && typeof output === 'object') {
    const o = output as Record<string, unknown>;
    if (typeof o.message === 'string') return o.message;
    if (o.value !== undefined) return String(o.value);
  }
  return output == null ? '' : String(output);
}

/** Whether pg-boss's tables exist yet (the worker creates them when it first starts). */
async function bossInstalled(): Promise<boolean> {
  const [row] = await rows<{ ok: boolean }>(db(), sql`select to_regclass('pgboss.job') is not null as ok`);
  return Boolean(row?.ok);
}

/** The dead letters waiting for someone, newest first. */
export async function listDeadLetters(): Promise<DeadLetter[]> {
  if (!(await bossInstalled())) return [];
  const found = await rows<{ id: string; name: string; output: unknown; retry_limit: number; created_on: Date | string }>(
    db(),
    sql`select id, name, output, retry_limit, created_on from pgboss.job
        where name like ${`%${DEAD_LETTER_SUFFIX}`} and state = 'created' order by created_on desc limit ${LIMIT}`,
  );
  return found.map((r) => ({
    id: r.id,
    queue: r.name.slice(0, -DEAD_LETTER_SUFFIX.length),
    error: errorOf(r.output).slice(0, 500),
    attempts: Number(r.retry_limit) + 1,
    failedAt: new Date(r.created_on),
  }));
}

const KEY = Symbol.for('fivefold.jobs.sender');
type Registry = { [KEY]?: Promise<PgBoss> };

/** A pg-boss that only sends (no maintenance, no schedules) for processes that do not run the worker. */
function sender(): Promise<PgBoss> {
  const g = globalThis as Registry;
  g[KEY] ??= (async () => {
    // Through this process's own database handle (no second pool), on either driver.
    const boss = createBoss(getDatabase(), undefined, { supervise: false, schedule: false, migrate: false } as Partial<PgBoss.ConstructorOptions>);
    boss.on('error', (error) => console.warn(`[jobs] pg-boss: ${error.message}`));
    await boss.start();
    return boss;
  })();
  g[KEY].catch(() => {
    g[KEY] = undefined;
  });
  return g[KEY];
}

/** Stops the sending pg-boss of this process (tests, shutdown). */
export async function stopJobSender() {
  const g = globalThis as Registry;
  const boss = await g[KEY]?.catch(() => undefined);
  g[KEY] = undefined;
  await boss?.stop({ graceful: false, wait: true, close: true });
}

export type RetryResult = { ok: true; queue: string; jobId: string | null } | { ok: false; reason: 'not_found' };

/**
 * Sends a dead letter's job to its queue again, with the queue's retries. The dead letter is claimed first (in the
 * transaction that records the audit row), so a double click sends it once; if sending fails it is put back.
 */
export async function retryDeadLetter(actor: Actor, id: string): Promise<RetryResult> {
  if (!(await bossInstalled())) return { ok: false, reason: 'not_found' };
  const claimed = await db().transaction(async (tx) => {
    const [row] = await rows<{ name: string; data: unknown }>(
      tx,
      sql`update pgboss.job set state = 'cancelled', completed_on = now()
          where id = ${id} and name like ${`%${DEAD_LETTER_SUFFIX}`} and state = 'created' returning name, data`,
    );
    if (!row) return null;
    const queue = row.name.slice(0, -DEAD_LETTER_SUFFIX.length);
    await recordAudit(tx, actor, { action: 'job.retry', subjectType: 'job', subjectId: id, after: { queue } });
    return { queue, name: row.name, data: row.data };
  });
  if (!claimed) return { ok: false, reason: 'not_found' };
  try {
    const boss = await sender();
    const jobId = await boss.send(claimed.queue, (claimed.data ?? {}) as object);
    return { ok: true, queue: claimed.queue, jobId };
  } catch (error) {
    await db().execute(sql`update pgboss.job set state = 'created', completed_on = null where id = ${id} and name = ${claimed.name}`);
    throw error;
  }
}
