// The job worker on this test's driver: pg-boss starts, email queued by a service reaches the mailbox, health sees the heartbeat.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { db } from '../../db/client';
import { mailbox, outbox, workerHeartbeats } from '../../db/schema';
import { checkHealth } from '../../app/health.server';
import { queueEmail } from '../../app/mail/mail.server';
import { startWorker, type RunningWorker } from '../../jobs/start-worker';
import { useTestDatabase } from '../helpers/db';

const database = useTestDatabase();
let worker: RunningWorker | undefined;

afterAll(async () => {
  await worker?.stop();
});

describe('the job worker', () => {
  it('reports the worker down before one has started, and when the last one stopped beating', async () => {
    expect(await checkHealth()).toMatchObject({
      status: 'degraded',
      database: { ok: true, driver: database.handle.driver },
      worker: { ok: false, lastHeartbeatAt: null },
    });
    const crashed = { workerId: randomUUID(), host: 'gone', startedAt: new Date(Date.now() - 3600_000), lastBeatAt: new Date(Date.now() - 31_000) };
    await db().insert(workerHeartbeats).values(crashed);
    expect(await checkHealth()).toMatchObject({ status: 'degraded', worker: { ok: false, ageSeconds: 31 } });
    await db().delete(workerHeartbeats).where(eq(workerHeartbeats.workerId, crashed.workerId));
  });

  it('starts pg-boss on this database and reports itself healthy', async () => {
    worker = await startWorker(database.handle, database.url);
    const health = await checkHealth();
    expect(health.status).toBe('ok');
    expect(health.worker.ok).toBe(true);
    expect(health.worker.ageSeconds).toBeLessThan(5);
    const { rows } = await database.handle.executeSql(`select name from pgboss.queue order by name`);
    expect(rows.map((r) => r.name)).toEqual(expect.arrayContaining(['cleanup-daily', 'outbox-relay', 'shift-reminders', 'shift-auto-checkout']));
  });

  it('delivers an email queued in a transaction to the mailbox within a few seconds', async () => {
    const id = await db().transaction((tx) => queueEmail(tx, 'worker@example.test', 'en', { kind: 'password_changed', name: 'Wen' }));
    await vi.waitFor(
      async () => {
        const [mail] = await db().select().from(mailbox).where(eq(mailbox.outboxId, id));
        expect(mail).toMatchObject({ to: 'worker@example.test', subject: 'Fivefold: your password was changed' });
      },
      { timeout: 8_000, interval: 200 },
    );
    const [row] = await db().select().from(outbox).where(eq(outbox.id, id));
    expect(row.processedAt).toBeInstanceOf(Date);
  });

  it('stops cleanly: no heartbeat left behind, health reports the worker down, mail waits in the outbox', async () => {
    const running = worker!;
    worker = undefined;
    const started = Date.now();
    await running.stop();
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(await db().select().from(workerHeartbeats)).toEqual([]);
    expect((await checkHealth()).worker.ok).toBe(false);

    const id = await queueEmail(db(), 'later@example.test', 'en', { kind: 'password_changed', name: 'Wen' });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const [row] = await db().select().from(outbox).where(eq(outbox.id, id));
    expect(row.processedAt).toBeNull();
  });
});
