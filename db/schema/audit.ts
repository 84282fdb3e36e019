// The append-only audit trail (a trigger in the migrations refuses UPDATE and DELETE).
import { bigserial, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns';
import { places } from './places';
import { users } from './users';

export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    onBehalfOfUserId: uuid('on_behalf_of_user_id').references(() => users.id),
    /** verb.noun, e.g. place.update, household.read_private, session.login */
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id'),
    placeId: uuid('place_id').references(() => places.id),
    before: jsonb('before'),
    after: jsonb('after'),
    createdAt: createdAt(),
  },
  (t) => [
    index('audit_events_subject_idx').on(t.subjectType, t.subjectId),
    index('audit_events_actor_idx').on(t.actorUserId),
    index('audit_events_place_idx').on(t.placeId, t.createdAt),
  ],
);

export type AuditEvent = typeof auditEvents.$inferSelect;
