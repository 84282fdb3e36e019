// Acting on behalf of a resident without a phone: allowed for registered representatives and for staff of their place.
import { and, eq, isNull } from 'drizzle-orm';
import { db } from '../../db/client';
import { representatives, users } from '../../db/schema';
import { recordAudit } from '../audit/audit.server';
import { setActingFor } from '../auth/session.server';
import type { Principal } from '../permissions/principal.server';
import { can } from '../permissions/rules';
import { homePaths } from './people.server';

export async function mayActFor(principal: Principal, targetUserId: string): Promise<boolean> {
  if (targetUserId === principal.user.id) return false;
  const [rep] = await db()
    .select({ id: representatives.id })
    .from(representatives)
    .where(and(eq(representatives.principalUserId, targetUserId), eq(representatives.representativeUserId, principal.user.id), isNull(representatives.revokedAt)))
    .limit(1);
  if (rep) return true;
  const home = (await homePaths([targetUserId])).get(targetUserId);
  return Boolean(home && can(principal.roles, 'resident.act_for', home));
}

export async function startActing(principal: Principal, targetUserId: string) {
  if (!principal.sessionId || !(await mayActFor(principal, targetUserId))) return null;
  const [target] = await db().select({ id: users.id, name: users.name }).from(users).where(eq(users.id, targetUserId));
  if (!target) return null;
  await db().transaction(async (tx) => {
    await setActingFor(tx, principal.sessionId!, targetUserId);
    await recordAudit(tx, { userId: principal.user.id, onBehalfOfUserId: targetUserId }, { action: 'acting.start', subjectType: 'user', subjectId: targetUserId });
  });
  return target;
}

export async function stopActing(principal: Principal) {
  if (!principal.sessionId || !principal.actingFor) return;
  await db().transaction(async (tx) => {
    await setActingFor(tx, principal.sessionId!, null);
    await recordAudit(tx, { userId: principal.user.id, onBehalfOfUserId: principal.actingFor!.id }, { action: 'acting.stop', subjectType: 'user', subjectId: principal.actingFor!.id });
  });
}
