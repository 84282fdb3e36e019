// Reading the audit trail of a place: for staff with audit.read there, newest first, both people named.
import { desc, eq, like } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { db } from '../../db/client';
import { auditEvents, places, users } from '../../db/schema';

export async function listAuditForPlace(placePath: string, limit = 30) {
  const actor = alias(users, 'actor');
  const principal = alias(users, 'principal');
  return db()
    .select({
      id: auditEvents.id,
      action: auditEvents.action,
      subjectType: auditEvents.subjectType,
      createdAt: auditEvents.createdAt,
      actorName: actor.name,
      onBehalfOfName: principal.name,
    })
    .from(auditEvents)
    .innerJoin(places, eq(places.id, auditEvents.placeId))
    .leftJoin(actor, eq(actor.id, auditEvents.actorUserId))
    .leftJoin(principal, eq(principal.id, auditEvents.onBehalfOfUserId))
    .where(like(places.path, `${placePath}%`))
    .orderBy(desc(auditEvents.id))
    .limit(limit);
}
