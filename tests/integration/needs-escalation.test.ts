// Overdue needs escalate grid → community → street, and each escalation happens exactly once, however many
// runs of the job overlap; the person now responsible is told in the app and by email.
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../db/client';
import { needEscalations, needEvents, needs, notifications } from '../../db/schema';
import { escalateOverdueNeeds } from '../../app/needs/escalation.server';
import { raiseNeed } from '../../app/needs/needs.server';
import { loadPrincipal, type Principal } from '../../app/permissions/principal.server';
import { createPlace, createUser, deliveredMailTo } from '../helpers/factories';
import { useTestDatabase } from '../helpers/db';

useTestDatabase();

const HOUR = 3_600_000;
let resident: Principal;
let gridId: string;
let communityStaff: { id: string; email: string };
let streetStaff: { id: string; email: string };

beforeAll(async () => {
  const street = await createPlace({ type: 'street' });
  const community = await createPlace({ type: 'community', parentId: street.id });
  const grid = await createPlace({ type: 'grid', parentId: community.id });
  gridId = grid.id;
  await createUser({ roles: [{ role: 'grid_worker', placeId: grid.id }] });
  communityStaff = await createUser({ roles: [{ role: 'community_staff', placeId: community.id }] });
  streetStaff = await createUser({ roles: [{ role: 'street_staff', placeId: street.id }] });
  const u = await createUser({ roles: [{ role: 'resident', placeId: grid.id }] });
  resident = (await loadPrincipal(u.id, { sessionId: null, actingForUserId: null, via: 'session' }))!;
});

async function raisedHoursAgo(hours: number) {
  // A critical need: 2 hours to a first answer.
  const need = await raiseNeed(resident, { placeId: gridId, title: '楼道起火隐患', description: '', category: 'safety', beneficiary: 'building', recurrence: 'once', urgency: 'critical' }, { raisedAt: new Date(Date.now() - hours * HOUR) });
  return need.id;
}

describe('escalation of overdue needs', () => {
  it('escalates an overdue need once even when the job runs twice at the same time', async () => {
    const id = await raisedHoursAgo(3);
    const runs = await Promise.all([escalateOverdueNeeds(), escalateOverdueNeeds(), escalateOverdueNeeds()]);
    expect(runs.reduce((n, r) => n + r.escalated, 0)).toBe(1);
    const rows = await db().select().from(needEscalations).where(eq(needEscalations.needId, id));
    expect(rows.map((r) => [r.fromLevel, r.toLevel])).toEqual([['grid', 'community']]);
    const [need] = await db().select().from(needs).where(eq(needs.id, id));
    expect(need.escalationLevel).toBe('community');
    expect(need.responsibleUserId).toBe(communityStaff.id);
    const events = await db().select().from(needEvents).where(and(eq(needEvents.needId, id), eq(needEvents.kind, 'escalated')));
    expect(events).toHaveLength(1);
    expect(events[0].actorRole).toBe('system');
    // Running again later changes nothing while the state is the same.
    expect((await escalateOverdueNeeds()).escalated).toBe(0);
    // The community staff member now responsible is told, in the app and by email.
    const told = await db().select().from(notifications).where(and(eq(notifications.userId, communityStaff.id), eq(notifications.subjectId, id)));
    expect(told.map((n) => n.messageKey)).toEqual(['needs.notify.escalated']);
    const mail = await deliveredMailTo(communityStaff.email);
    expect(mail.some((m) => m.text.includes(`/needs/${id}`))).toBe(true);
  });

  it('goes on to the street when very overdue, once', async () => {
    const id = await raisedHoursAgo(5);
    await Promise.all([escalateOverdueNeeds(), escalateOverdueNeeds()]);
    const rows = await db().select().from(needEscalations).where(eq(needEscalations.needId, id));
    expect(rows.map((r) => r.toLevel)).toEqual(['street']);
    const [need] = await db().select().from(needs).where(eq(needs.id, id));
    expect(need.responsibleUserId).toBe(streetStaff.id);
  });

  it('leaves needs on time and answered needs alone', async () => {
    const onTime = await raisedHoursAgo(1);
    await escalateOverdueNeeds();
    const [need] = await db().select().from(needs).where(eq(needs.id, onTime));
    expect(need.escalationLevel).toBe('grid');
  });
});
