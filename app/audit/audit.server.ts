// Writes audit_events rows inside the caller's transaction, so a change and its record commit together.
import type { DbOrTx } from '../../db/client';
import { auditEvents } from '../../db/schema';

export interface Actor {
  userId: string | null;
  /** Set when a staff member or family member acts for someone else. */
  onBehalfOfUserId?: string | null;
}

export interface AuditInput {
  action: string;
  subjectType: string;
  subjectId?: string | null;
  placeId?: string | null;
  before?: unknown;
  after?: unknown;
}

export async function recordAudit(tx: DbOrTx, actor: Actor, input: AuditInput) {
  await tx.insert(auditEvents).values({
    actorUserId: actor.userId,
    onBehalfOfUserId: actor.onBehalfOfUserId ?? null,
    action: input.action,
    subjectType: input.subjectType,
    subjectId: input.subjectId ?? null,
    placeId: input.placeId ?? null,
    before: input.before ?? null,
    after: input.after ?? null,
  });
}
