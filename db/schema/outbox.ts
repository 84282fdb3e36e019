// Writes that must reach another system (email, search index, webhooks) are queued here in the same transaction.
import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { at, createdAt, id } from './columns';

export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    topic: text('topic').notNull(),
    /** Cleared once relayed when it carried a secret (e.g. a password-reset link). */
    payload: jsonb('payload').$type<Record<string, unknown>>(),
    attempts: integer('attempts').notNull().default(0),
    availableAt: at('available_at').notNull().defaultNow(),
    processedAt: at('processed_at'),
    lastError: text('last_error'),
    createdAt: createdAt(),
  },
  (t) => [index('outbox_pending_idx').on(t.availableAt).where(sql`${t.processedAt} is null`)],
);

/** Emails kept for the development mailbox page when no SMTP_URL is set. */
export const mailbox = pgTable(
  'mailbox',
  {
    id: id(),
    outboxId: bigint('outbox_id', { mode: 'number' }).notNull().unique(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('mailbox_to_idx').on(t.to, t.createdAt)],
);

export const workerHeartbeats = pgTable('worker_heartbeats', {
  workerId: uuid('worker_id').primaryKey(),
  host: text('host').notNull(),
  startedAt: at('started_at').notNull(),
  lastBeatAt: at('last_beat_at').notNull(),
});

export type OutboxRow = typeof outbox.$inferSelect;
