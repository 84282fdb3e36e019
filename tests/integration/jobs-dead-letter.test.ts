// Failing jobs: a job that always fails is retried with growing waits, then lands in its queue's dead-letter queue,
// which platform administrators see on /admin/jobs (queue, error, attempts, time) and can send again, once, audited.
// Queues made before dead letters existed get theirs when the worker next starts. Real pg-boss on this test's driver.
import PgBoss from 'pg-boss';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { db, rows } from '../../db/client';
import { createBoss, deadLetterQueueOf } from '../../jobs/boss';
import { listDeadLetters, stopJobSender } from '../../app/operations/jobs.server';
import { action, loader } from '../../app/routes/admin.jobs';
import { useTestDatabase } from '../helpers/db';
import { createUser, sessionCookieFor } from '../helpers/factories';
import { callRoute, locationOf, statusOf } from '../helpers/routes';

const database = useTestDatabase();
const QUEUE = 'test-always-fails';

let boss: PgBoss;
let admin: string;
let staff: string;
let fixed = false;
const attempts: { at: number; data: unknown; ok: boolean }[] = [];

beforeAll(async () => {
  boss = createBoss(database.handle, database.url);
  boss.on('error', (e) => console.warn(`[test] pg-boss: ${e.message}`));
  await boss.start();
  await boss.createQueue(QUEUE, { name: QUEUE, retryLimit: 2, retryDelay: 1, retryBackoff: true });
  await boss.work<{ n: number }>(QUEUE, { pollingIntervalSeconds: 0.5 }, async ([job]) => {
    attempts.push({ at: Date.now(), data: job.data, ok: fixed });
    if (!fixed) throw new Error('the printer is on fire');
  });
  admin = await sessionCookieFor((await createUser({ roles: [{ role: 'admin', placeId: null }] })).id);
  staff = await sessionCookieFor((await createUser({ roles: [{ role: 'community_staff', placeId: null }] })).id);
}, 60_000);

afterAll(async () => {
  await stopJobSender();
  await boss?.stop({ graceful: false, wait: true, close: true });
});

describe('failing jobs', () => {
  it('retries a failing job with growing waits, then files it as a dead letter', async () => {
    await boss.send(QUEUE, { n: 7 });
    await vi.waitFor(async () => expect((await listDeadLetters()).map((d) => d.queue)).toEqual([QUEUE]), { timeout: 40_000, interval: 250 });
    expect(attempts.map((a) => a.ok)).toEqual([false, false, false]);
    const [first, second, third] = attempts.map((a) => a.at);
    // pg-boss's backoff: the n-th retry waits between 2^(n-1) and 2^n times the delay (1 s).
    expect(second - first).toBeGreaterThanOrEqual(900);
    expect(third - second).toBeGreaterThanOrEqual(1_900);
    const [dead] = await listDeadLetters();
    expect(dead).toMatchObject({ queue: QUEUE, error: 'the printer is on fire', attempts: 3 });
    expect(Date.now() - dead.failedAt.getTime()).toBeLessThan(60_000);
  });

  it('shows the list to platform administrators only', async () => {
    const page = (await callRoute(loader, '/admin/jobs', { cookie: admin })) as { jobs: { queue: string; error: string; attempts: number }[] };
    expect(page.jobs).toEqual([expect.objectContaining({ queue: QUEUE, error: 'the printer is on fire', attempts: 3 })]);
    expect(statusOf(await callRoute(loader, '/admin/jobs', { cookie: staff }))).toBe(403);
    expect(locationOf(await callRoute(loader, '/admin/jobs'))).toMatch(/^\/login/);
    const [dead] = await listDeadLetters();
    expect(statusOf(await callRoute(action, '/admin/jobs', { cookie: staff, form: { intent: 'retry', jobId: dead.id } }))).toBe(403);
    expect(await listDeadLetters()).toHaveLength(1);
  });

  it('runs it again, once, when an administrator retries it (double click included), and records who did', async () => {
    fixed = true;
    const [dead] = await listDeadLetters();
    const [a, b] = await Promise.all([
      callRoute(action, '/admin/jobs', { cookie: admin, form: { intent: 'retry', jobId: dead.id } }),
      callRoute(action, '/admin/jobs', { cookie: admin, form: { intent: 'retry', jobId: dead.id } }),
    ]);
    expect([locationOf(a), locationOf(b)].sort()).toEqual(['/admin/jobs?notice=jobs.gone', '/admin/jobs?notice=jobs.retried']);
    await vi.waitFor(() => expect(attempts.filter((x) => x.ok)).toHaveLength(1), { timeout: 20_000, interval: 200 });
    expect(attempts.at(-1)!.data).toEqual({ n: 7 });
    expect(await listDeadLetters()).toEqual([]);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(attempts.filter((x) => x.ok)).toHaveLength(1);
    const audit = await rows<{ action: string; after: unknown }>(db(), sql`select action, after from audit_events where subject_type = 'job' and subject_id = ${dead.id}`);
    expect(audit).toEqual([{ action: 'job.retry', after: { queue: QUEUE } }]);
  });

  it('gives a queue made before dead letters existed its dead-letter queue and retries at the next start', async () => {
    const plain = new PgBoss(
      database.url ? { connectionString: database.url, max: 1, schema: 'pgboss' } : { db: { executeSql: (t: string, v?: unknown[]) => database.handle.executeSql(t, v ?? []) }, schema: 'pgboss' },
    );
    await plain.start();
    await plain.createQueue('old-queue', { name: 'old-queue', policy: 'stately', retryLimit: 0 });
    await plain.stop({ graceful: false, wait: true, close: true });
    expect((await boss.getQueue('old-queue'))?.deadLetter ?? null).toBeNull();
    await boss.createQueue('old-queue', { name: 'old-queue', policy: 'stately' });
    expect(await boss.getQueue('old-queue')).toMatchObject({ policy: 'stately', deadLetter: deadLetterQueueOf('old-queue'), retryLimit: 3, retryBackoff: true });
  });
});
