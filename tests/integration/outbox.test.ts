// The outbox relay: every row delivered at least once (and, when nothing crashes, exactly once), with backoff.
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { db } from '../../db/client';
import { mailbox, outbox, type OutboxRow } from '../../db/schema';
import { queueEmail } from '../../app/mail/mail.server';
import { enqueue } from '../../app/outbox/outbox.server';
import { MAX_ATTEMPTS, registerOutboxHandler, relayOutbox } from '../../app/outbox/relay.server';
import { useTestDatabase } from '../helpers/db';

useTestDatabase();

afterEach(() => {
  vi.useRealTimers();
});

/** Moves the clock the relay reads forward; timers stay real so the database drivers are unaffected. */
function advanceClock(ms: number) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.now() + ms);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const rowOf = async (id: number) => (await db().select().from(outbox).where(eq(outbox.id, id)))[0];

/** A handler for a topic of the test's own, recording every delivery. */
function testTopic(name: string, behaviour: (row: OutboxRow, call: number) => Promise<void> = async () => {}) {
  const topic = `test.${name}`;
  const delivered: number[] = [];
  registerOutboxHandler(topic, async (row) => {
    delivered.push(row.id);
    await behaviour(row, delivered.length);
  });
  return { topic, delivered };
}

describe('relayOutbox', () => {
  it('delivers each row once even when two relays run at the same time', async () => {
    const { topic, delivered } = testTopic('concurrent', () => sleep(5));
    const ids: number[] = [];
    for (let i = 0; i < 12; i++) ids.push(await enqueue(db(), topic, { n: i }));

    const reports = await Promise.all([relayOutbox({ batchSize: 3 }), relayOutbox({ batchSize: 3 })]);

    expect([...delivered].sort((a, b) => a - b)).toEqual(ids);
    expect(reports[0].delivered + reports[1].delivered).toBe(12);
    for (const id of ids) expect((await rowOf(id)).processedAt).toBeInstanceOf(Date);
    expect(await relayOutbox()).toEqual({ delivered: 0, failed: 0 });
    expect(delivered).toHaveLength(12);
  });

  it('hands the handler the payload written in the transaction', async () => {
    const { topic } = testTopic('payload');
    const seen: unknown[] = [];
    registerOutboxHandler(topic, async (row) => {
      seen.push(row.payload);
    });
    await db().transaction((tx) => enqueue(tx, topic, { needId: 'n-1', title: '修楼道灯' }));
    await relayOutbox();
    expect(seen).toEqual([{ needId: 'n-1', title: '修楼道灯' }]);
  });

  it('sends nothing for a row whose transaction rolled back', async () => {
    const { topic, delivered } = testTopic('rollback');
    await expect(
      db().transaction(async (tx) => {
        await enqueue(tx, topic, { n: 1 });
        throw new Error('the write failed');
      }),
    ).rejects.toThrow('the write failed');
    await relayOutbox();
    expect(delivered).toEqual([]);
  });

  it('retries a failing row with growing backoff, recording the last error, until it succeeds', async () => {
    const { topic, delivered } = testTopic('flaky', async (_row, call) => {
      if (call <= 2) throw new Error(`mail server said no (${call})`);
    });
    const id = await enqueue(db(), topic, { n: 1 });

    expect(await relayOutbox()).toEqual({ delivered: 0, failed: 1 });
    let row = await rowOf(id);
    expect(row).toMatchObject({ attempts: 1, lastError: 'mail server said no (1)', processedAt: null });
    const firstWait = row.availableAt.getTime() - Date.now();
    expect(firstWait).toBeGreaterThan(1000);
    expect(firstWait).toBeLessThanOrEqual(2000);

    // Not retried before its time.
    expect(await relayOutbox()).toEqual({ delivered: 0, failed: 0 });

    advanceClock(2_001);
    expect(await relayOutbox()).toEqual({ delivered: 0, failed: 1 });
    row = await rowOf(id);
    expect(row).toMatchObject({ attempts: 2, lastError: 'mail server said no (2)' });
    const secondWait = row.availableAt.getTime() - Date.now();
    expect(secondWait).toBeGreaterThan(firstWait);
    expect(secondWait).toBeLessThanOrEqual(4000);

    advanceClock(4_001);
    expect(await relayOutbox()).toEqual({ delivered: 1, failed: 0 });
    row = await rowOf(id);
    expect(row).toMatchObject({ attempts: 3, lastError: null });
    expect(row.processedAt).toBeInstanceOf(Date);
    expect(delivered).toEqual([id, id, id]);
  });

  it(`gives up on a row after ${MAX_ATTEMPTS} attempts instead of retrying forever`, async () => {
    const { topic, delivered } = testTopic('dead', async () => {
      throw new Error('permanently broken');
    });
    const id = await enqueue(db(), topic, { n: 1 });
    await db().update(outbox).set({ attempts: MAX_ATTEMPTS - 1 }).where(eq(outbox.id, id));
    expect(await relayOutbox()).toEqual({ delivered: 0, failed: 1 });
    advanceClock(2 * 3600_000);
    expect(await relayOutbox()).toEqual({ delivered: 0, failed: 0 });
    expect(delivered).toHaveLength(1);
    expect(await rowOf(id)).toMatchObject({ attempts: MAX_ATTEMPTS, lastError: 'permanently broken', processedAt: null });
  });

  it('delivers a row whose relay crashed mid-delivery once the lease runs out, and not before', async () => {
    // The first delivery never finishes: as if the process died after claiming the row.
    const { topic, delivered } = testTopic('crash', (_row, call) => (call === 1 ? new Promise<void>(() => {}) : Promise.resolve()));
    const id = await enqueue(db(), topic, { n: 1 });
    void relayOutbox();
    await vi.waitFor(() => expect(delivered).toEqual([id]));
    expect((await rowOf(id)).processedAt).toBeNull();

    // Another relay within the lease leaves the row alone.
    expect(await relayOutbox()).toEqual({ delivered: 0, failed: 0 });

    advanceClock(61_000);
    expect(await relayOutbox()).toEqual({ delivered: 1, failed: 0 });
    expect(delivered).toEqual([id, id]);
    expect((await rowOf(id)).processedAt).toBeInstanceOf(Date);
  });

  it('records a row of a topic nobody handles as an error rather than losing it', async () => {
    const id = await enqueue(db(), 'test.nobody-listens', { n: 1 });
    expect(await relayOutbox()).toEqual({ delivered: 0, failed: 1 });
    expect(await rowOf(id)).toMatchObject({ processedAt: null, lastError: expect.stringContaining('test.nobody-listens') });
  });
});

describe('email through the outbox', () => {
  it('clears a mail carrying a secret link once it is delivered, but keeps it while delivery fails', async () => {
    const secretId = await queueEmail(db(), 'link@example.test', 'en', { kind: 'password_reset', name: 'Mei', link: 'http://localhost/reset-password/s3cret-token' });
    const plainId = await queueEmail(db(), 'plain@example.test', 'en', { kind: 'password_changed', name: 'Mei' });
    expect((await rowOf(secretId)).payload).toMatchObject({ to: 'link@example.test', secret: true });

    await relayOutbox();
    expect((await rowOf(secretId)).payload).toBeNull();
    expect((await rowOf(plainId)).payload).toMatchObject({ to: 'plain@example.test' });
    const [delivered] = await db().select().from(mailbox).where(eq(mailbox.outboxId, secretId));
    expect(delivered.text).toContain('s3cret-token');
  });

  it('keeps a secret payload while its delivery is still failing, so it can be retried', async () => {
    const { topic } = testTopic('secret-flaky', async () => {
      throw new Error('down');
    });
    const id = await enqueue(db(), topic, { link: 'http://localhost/x/abc', secret: true });
    await relayOutbox();
    expect((await rowOf(id)).payload).toEqual({ link: 'http://localhost/x/abc', secret: true });
  });

  it('puts a mail in the mailbox once even if it is relayed twice', async () => {
    const id = await queueEmail(db(), 'twice@example.test', 'zh-CN', { kind: 'password_changed', name: '李晓梅' });
    await relayOutbox();
    // As if the row's completion had been lost: deliver it again.
    await db().update(outbox).set({ processedAt: null, availableAt: new Date(Date.now() - 1000) }).where(eq(outbox.id, id));
    await relayOutbox();
    const mail = await db().select().from(mailbox).where(eq(mailbox.to, 'twice@example.test'));
    expect(mail).toHaveLength(1);
    expect(mail[0].subject).toBe('五社联动：密码已修改');
  });
});
