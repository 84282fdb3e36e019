// Delivers outbox rows at least once: claim a batch under a lease, hand each to its topic's handler, mark it done.
// A crash between commit and delivery only delays a row until its lease runs out.
import { and, asc, eq, inArray, isNull, lt, lte, sql } from 'drizzle-orm';
import { db } from '../../db/client';
import { outbox, type OutboxRow } from '../../db/schema';
import { deliverEmail, MAIL_TOPIC, type MailPayload } from '../mail/mail.server';

export const MAX_ATTEMPTS = 10;
const LEASE_MS = 60_000;

export type OutboxHandler = (row: OutboxRow) => Promise<void>;

const handlers = new Map<string, OutboxHandler>([
  [MAIL_TOPIC, (row) => deliverEmail(row.id, row.payload as unknown as MailPayload)],
]);

/** Later capabilities (search indexing, webhooks out) register their topics here. */
export function registerOutboxHandler(topic: string, handler: OutboxHandler) {
  handlers.set(topic, handler);
}

/** Seconds to wait before retry n (1-based): 2, 4, 8 … capped at one hour. */
export const backoffSeconds = (attempt: number) => Math.min(2 ** attempt, 3600);

async function claim(limit: number): Promise<OutboxRow[]> {
  return db().transaction(async (tx) => {
    const now = new Date();
    const due = await tx
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(isNull(outbox.processedAt), lte(outbox.availableAt, now), lt(outbox.attempts, MAX_ATTEMPTS)))
      .orderBy(asc(outbox.id))
      .limit(limit)
      .for('update', { skipLocked: true });
    if (!due.length) return [];
    return tx
      .update(outbox)
      .set({ availableAt: new Date(now.getTime() + LEASE_MS), attempts: sql`${outbox.attempts} + 1` })
      .where(inArray(outbox.id, due.map((d) => d.id)))
      .returning();
  });
}

export interface RelayReport {
  delivered: number;
  failed: number;
}

/** Relays due rows until none are left (or `maxBatches` is reached). */
export async function relayOutbox(opts: { batchSize?: number; maxBatches?: number } = {}): Promise<RelayReport> {
  const report: RelayReport = { delivered: 0, failed: 0 };
  for (let batch = 0; batch < (opts.maxBatches ?? 20); batch++) {
    const rows = await claim(opts.batchSize ?? 50);
    if (!rows.length) break;
    for (const row of rows) {
      const handler = handlers.get(row.topic);
      try {
        if (!handler) throw new Error(`No outbox handler for topic "${row.topic}"`);
        await handler(row);
        const secret = Boolean((row.payload as { secret?: boolean } | null)?.secret);
        await db()
          .update(outbox)
          .set({ processedAt: new Date(), lastError: null, ...(secret ? { payload: null } : {}) })
          .where(eq(outbox.id, row.id));
        report.delivered++;
      } catch (error) {
        report.failed++;
        await db()
          .update(outbox)
          .set({
            availableAt: new Date(Date.now() + backoffSeconds(row.attempts) * 1000),
            lastError: String(error instanceof Error ? error.message : error).slice(0, 2000),
          })
          .where(eq(outbox.id, row.id));
      }
    }
  }
  return report;
}

/** Cheap check the worker's ticker makes before it bothers pg-boss. */
export async function hasDueOutbox() {
  const rows = await db()
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(isNull(outbox.processedAt), lte(outbox.availableAt, new Date()), lt(outbox.attempts, MAX_ATTEMPTS)))
    .limit(1);
  return rows.length > 0;
}
