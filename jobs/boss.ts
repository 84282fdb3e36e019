// pg-boss on the same PostgreSQL: its own pool on a server, or the embedded PGlite through executeSql.
// Every queue gets retries with exponential backoff (unless it says otherwise) and a dead-letter queue of its own
// (`<queue>-dead-letter`): a job that has used up its retries is copied there with its data and last error, and waits
// for an administrator on /admin/jobs, who can send it again.
import PgBoss from 'pg-boss';
import type { DatabaseHandle } from '../db/client';

export const DEAD_LETTER_SUFFIX = '-dead-letter';
export const deadLetterQueueOf = (name: string) => `${name}${DEAD_LETTER_SUFFIX}`;
export const isDeadLetterQueue = (name: string) => name.endsWith(DEAD_LETTER_SUFFIX);
/** Retries when a queue names none: three, one second doubling (1–2 s, 2–4 s, 4–8 s with pg-boss's jitter). */
export const DEFAULT_RETRY = { retryLimit: 3, retryDelay: 1, retryBackoff: true } as const;
/** Dead letters wait this long for someone to look at them. */
const DEAD_LETTER_RETENTION_MINUTES = 60 * 24 * 30;

export function createBoss(handle: DatabaseHandle, url: string | undefined, extra: Partial<PgBoss.ConstructorOptions> = {}) {
  const options: PgBoss.ConstructorOptions = handle.driver === 'postgres' && url
    ? { connectionString: url, max: 4 }
    : { db: { executeSql: (text: string, values?: unknown[]) => handle.executeSql(text, (values ?? []).map(asParameter)) } };
  return withDeadLetters(new PgBoss({ ...options, schema: 'pgboss', ...extra }));
}

/** pg-boss's parameters as either driver takes them: undefined as null, job data (objects) as JSON text. */
function asParameter(v: unknown): unknown {
  if (v === undefined) return null;
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !Buffer.isBuffer(v)) return JSON.stringify(v);
  return v;
}

/**
 * Makes boss.createQueue also create the queue's dead-letter queue and attach it (updating a queue created before,
 * so existing installations get theirs at the next start), with the default retries where the queue sets none.
 */
function withDeadLetters(boss: PgBoss): PgBoss {
  const create = boss.createQueue.bind(boss);
  const update = boss.updateQueue.bind(boss);
  boss.createQueue = async (name: string, options?: PgBoss.Queue) => {
    if (isDeadLetterQueue(name)) return create(name, options);
    const deadLetter = options?.deadLetter ?? deadLetterQueueOf(name);
    await create(deadLetter, { name: deadLetter, policy: 'standard', retryLimit: 0, retentionMinutes: DEAD_LETTER_RETENTION_MINUTES });
    const full: PgBoss.Queue = {
      ...options,
      name,
      retryLimit: options?.retryLimit ?? DEFAULT_RETRY.retryLimit,
      retryBackoff: options?.retryBackoff ?? (options?.retryLimit === undefined ? DEFAULT_RETRY.retryBackoff : undefined),
      retryDelay: options?.retryDelay ?? (options?.retryBackoff || options?.retryLimit === undefined ? DEFAULT_RETRY.retryDelay : undefined),
      deadLetter,
    };
    // pg-boss checks any key present, undefined or not.
    for (const key of Object.keys(full) as (keyof PgBoss.Queue)[]) if (full[key] === undefined) delete full[key];
    await create(name, full);
    await update(name, full);
  };
  return boss;
}
