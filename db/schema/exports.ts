// Export files made by a job (large list exports, personal data downloads): kept until they expire, then erased.
import { sql } from 'drizzle-orm';
import { boolean, customType, index, integer, jsonb, pgEnum, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { exportFormats, exportKinds, exportStatuses } from '../../app/exports/values';
import { at, createdAt, id, updatedAt } from './columns';
import { users } from './users';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

export const exportKindEnum = pgEnum('export_kind', exportKinds);
export const exportFormatEnum = pgEnum('export_format', exportFormats);
export const exportStatusEnum = pgEnum('export_status', exportStatuses);

export const exportFiles = pgTable(
  'export_files',
  {
    id: id(),
    requesterUserId: uuid('requester_user_id')
      .notNull()
      .references(() => users.id),
    /** Set when staff asked while acting for someone: the audit names both. */
    onBehalfOfUserId: uuid('on_behalf_of_user_id').references(() => users.id),
    kind: exportKindEnum('kind').notNull(),
    format: exportFormatEnum('format').notNull(),
    /** The list's own filter parameters, as given (ids and codes, never private values). */
    query: jsonb('query').$type<Record<string, string>>().notNull().default({}),
    status: exportStatusEnum('status').notNull().default('queued'),
    totalRows: integer('total_rows').notNull().default(0),
    processedRows: integer('processed_rows').notNull().default(0),
    fileName: text('file_name'),
    contentType: text('content_type'),
    /** The finished file; erased (set to null) once it expires. */
    content: bytea('content'),
    hasPrivateData: boolean('has_private_data').notNull().default(false),
    failure: text('failure'),
    finishedAt: at('finished_at'),
    expiresAt: at('expires_at'),
    erasedAt: at('erased_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('export_files_requester_idx').on(t.requesterUserId, t.createdAt),
    index('export_files_queued_idx').on(t.status).where(sql`${t.status} in ('queued', 'running')`),
    index('export_files_expiry_idx').on(t.expiresAt).where(sql`${t.content} is not null`),
  ],
);

export type ExportFile = typeof exportFiles.$inferSelect;
