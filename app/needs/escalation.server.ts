// Escalation of overdue needs: grid → community → street (小事不出格、大事不出街). Each escalation happens once,
// however many workers run the job at the same time: a conditional UPDATE moves the level only from the level
// that was read, and a unique index on (need, level) backs it up.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { db } from '../../db/client';
import { needEscalations, needEvents, needs } from '../../db/schema';
import { recordAudit } from '../audit/audit.server';
import { deadlineState, escalationTarget } from './deadlines';
import { overdueSql, resolveNeedPlace, responsibleAt } from './needs.server';
import { notifyNeedStep } from './notify.server';
import { openStatuses } from './status';

export interface EscalationReport {
  checked: number;
  escalated: number;
}

export async function escalateOverdueNeeds(now = new Date(), batch = 500): Promise<EscalationReport> {
  const candidates = await db()
    .select({
      id: needs.id,
      status: needs.status,
      raisedAt: needs.raisedAt,
      firstResponseDueAt: needs.firstResponseDueAt,
      resolutionDueAt: needs.resolutionDueAt,
      escalationLevel: needs.escalationLevel,
    })
    .from(needs)
    .where(and(inArray(needs.status, [...openStatuses]), sql`${needs.escalationLevel} <> 'street'`, overdueSql('overdue', now)))
    .limit(batch);
  let escalated = 0;
  for (const c of candidates) {
    const target = escalationTarget(deadlineState(c, now), c.escalationLevel);
    if (target === c.escalationLevel) continue;
    const done = await db().transaction(async (tx) => {
      const [moved] = await tx
        .update(needs)
        .set({ escalationLevel: target })
        .where(and(eq(needs.id, c.id), eq(needs.escalationLevel, c.escalationLevel), inArray(needs.status, [...openStatuses])))
        .returning();
      if (!moved) return false;
      const place = await resolveNeedPlace(tx, moved.placeId);
      const responsible = place ? await responsibleAt(tx, target, place) : null;
      const inserted = await tx
        .insert(needEscalations)
        .values({ needId: c.id, fromLevel: c.escalationLevel, toLevel: target, responsibleUserId: responsible })
        .onConflictDoNothing()
        .returning({ id: needEscalations.id });
      if (!inserted.length) throw new Error('escalation already recorded'); // rolls back the level change too
      if (responsible) await tx.update(needs).set({ responsibleUserId: responsible }).where(eq(needs.id, c.id));
      await tx.insert(needEvents).values({ needId: c.id, kind: 'escalated', actorRole: 'system', fromStatus: moved.status, toStatus: moved.status, data: { from: c.escalationLevel, to: target } });
      await recordAudit(tx, { userId: null }, { action: 'need.escalate', subjectType: 'need', subjectId: c.id, placeId: moved.placeId, before: { level: c.escalationLevel }, after: { level: target, responsibleUserId: responsible } });
      await notifyNeedStep(tx, { needId: c.id, kind: 'escalated', actorUserId: null, also: [responsible] });
      return true;
    }).catch((error: unknown) => {
      if (error instanceof Error && /escalation already recorded|duplicate key|unique/i.test(error.message)) return false;
      throw error;
    });
    if (done) escalated++;
  }
  return { checked: candidates.length, escalated };
}
