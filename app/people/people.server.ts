// People as staff see them: finding users in one's scope, granting roles, residents without accounts, representatives.
import { and, asc, eq, ilike, inArray, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import { db } from '../../db/client';
import { places, representatives, roleAssignments, users, type Role } from '../../db/schema';
import { recordAudit } from '../audit/audit.server';
import { actorOf, type Principal } from '../permissions/principal.server';
import { canGrant, scopesFor, type Permission } from '../permissions/rules';
import { normaliseEmail } from '../auth/accounts.server';

/** SQL: the user is inside one of the scopes (home place or a place-scoped role), or not placed anywhere yet. */
function userInScope(scopes: (string | null)[]): SQL | undefined {
  if (scopes.includes(null)) return undefined;
  if (!scopes.length) return sql`false`;
  const pathIn = (col: SQL) => or(...scopes.map((s) => sql`${col} like ${s + '%'}`))!;
  return or(
    sql`exists (select 1 from ${places} hp where hp.id = ${users.homePlaceId} and ${pathIn(sql`hp.path`)})`,
    sql`exists (select 1 from ${roleAssignments} ra join ${places} rp on rp.id = ra.place_id where ra.user_id = ${users.id} and ra.revoked_at is null and ${pathIn(sql`rp.path`)})`,
    and(
      isNull(users.homePlaceId),
      sql`not exists (select 1 from ${roleAssignments} ra where ra.user_id = ${users.id} and ra.revoked_at is null and ra.place_id is not null)`,
    ),
  );
}

const MANAGE: Permission = 'role.manage';

export async function searchPeople(principal: Principal, q: string, permission: Permission = MANAGE) {
  const scopes = scopesFor(principal.roles, permission);
  const term = q.trim();
  const match = term ? or(eq(users.email, normaliseEmail(term)), ilike(users.name, `%${term.replace(/[%_\\]/g, '\\$&')}%`)) : undefined;
  return db()
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(and(userInScope(scopes), match))
    .orderBy(asc(users.name))
    .limit(50);
}

/** A person's record for a manager; null (→ 404) when the person is outside the manager's scope. */
export async function getPersonForManager(principal: Principal, userId: string, permission: Permission = MANAGE) {
  const scopes = scopesFor(principal.roles, permission);
  if (!scopes.length) return null;
  const [user] = await db()
    .select({ id: users.id, name: users.name, email: users.email, phone: users.phone, homePlaceId: users.homePlaceId, hasLogin: sql<boolean>`${users.passwordHash} is not null` })
    .from(users)
    .where(and(eq(users.id, userId), userInScope(scopes)))
    .limit(1);
  if (!user) return null;
  const [roleRows, reps, home] = await Promise.all([
    db()
      .select({ id: roleAssignments.id, role: roleAssignments.role, placeId: roleAssignments.placeId, placeZh: places.nameZh, placeEn: places.nameEn, placePath: places.path })
      .from(roleAssignments)
      .leftJoin(places, eq(places.id, roleAssignments.placeId))
      .where(and(eq(roleAssignments.userId, userId), isNull(roleAssignments.revokedAt)))
      .orderBy(asc(roleAssignments.createdAt)),
    db()
      .select({ id: representatives.id, relation: representatives.relation, name: users.name, userId: users.id })
      .from(representatives)
      .innerJoin(users, eq(users.id, representatives.representativeUserId))
      .where(and(eq(representatives.principalUserId, userId), isNull(representatives.revokedAt))),
    user.homePlaceId ? db().select({ path: places.path, nameZh: places.nameZh, nameEn: places.nameEn }).from(places).where(eq(places.id, user.homePlaceId)) : Promise.resolve([]),
  ]);
  await db().transaction((tx) =>
    recordAudit(tx, actorOf(principal), { action: 'user.read_private', subjectType: 'user', subjectId: userId, placeId: user.homePlaceId }),
  );
  return {
    ...user,
    home: home[0] ?? null,
    roles: roleRows.map((r) => ({ ...r, revocable: canGrant(principal.roles, r.role, r.placePath ?? null) })),
    representatives: reps,
  };
}

export type GrantResult = { ok: true } | { ok: false; reason: 'not_allowed' | 'not_found' };

export async function grantRole(principal: Principal, userId: string, role: Role, placeId: string | null): Promise<GrantResult> {
  const [place] = placeId ? await db().select({ path: places.path }).from(places).where(eq(places.id, placeId)) : [null];
  if (placeId && !place) return { ok: false, reason: 'not_found' };
  if (!canGrant(principal.roles, role, place?.path ?? null)) return { ok: false, reason: 'not_allowed' };
  return db().transaction(async (tx) => {
    const [target] = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId));
    if (!target) return { ok: false as const, reason: 'not_found' as const };
    await tx.insert(roleAssignments).values({ userId, role, placeId, grantedBy: principal.user.id }).onConflictDoNothing();
    await recordAudit(tx, actorOf(principal), { action: 'role.grant', subjectType: 'user', subjectId: userId, placeId, after: { role, placeId } });
    return { ok: true as const };
  });
}

export async function revokeRole(principal: Principal, userId: string, assignmentId: string): Promise<GrantResult> {
  const [row] = await db()
    .select({ role: roleAssignments.role, placeId: roleAssignments.placeId, path: places.path })
    .from(roleAssignments)
    .leftJoin(places, eq(places.id, roleAssignments.placeId))
    .where(and(eq(roleAssignments.id, assignmentId), eq(roleAssignments.userId, userId), isNull(roleAssignments.revokedAt)));
  if (!row) return { ok: false, reason: 'not_found' };
  if (!canGrant(principal.roles, row.role, row.placeId ? row.path : null)) return { ok: false, reason: 'not_allowed' };
  await db().transaction(async (tx) => {
    await tx.update(roleAssignments).set({ revokedAt: new Date(), revokedBy: principal.user.id }).where(eq(roleAssignments.id, assignmentId));
    await recordAudit(tx, actorOf(principal), { action: 'role.revoke', subjectType: 'user', subjectId: userId, placeId: row.placeId, before: { role: row.role, placeId: row.placeId } });
  });
  return { ok: true };
}

/** Registers a resident who has no account (an elder without a phone) at a home place. */
export async function createResidentWithoutAccount(principal: Principal, input: { name: string; homePlaceId: string; phone?: string | null }) {
  return db().transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ name: input.name.trim(), homePlaceId: input.homePlaceId, phone: input.phone ?? null })
      .returning({ id: users.id });
    await tx.insert(roleAssignments).values({ userId: user.id, role: 'resident', placeId: input.homePlaceId, grantedBy: principal.user.id });
    await recordAudit(tx, actorOf(principal), { action: 'user.create_without_account', subjectType: 'user', subjectId: user.id, placeId: input.homePlaceId });
    return user.id;
  });
}

export async function addRepresentative(
  principal: Principal,
  principalUserId: string,
  representativeEmail: string,
  relation: (typeof representatives.relation.enumValues)[number],
) {
  const [rep] = await db().select({ id: users.id }).from(users).where(eq(users.email, normaliseEmail(representativeEmail)));
  if (!rep || rep.id === principalUserId) return { ok: false as const, reason: 'unknown' as const };
  await db().transaction(async (tx) => {
    await tx
      .insert(representatives)
      .values({ principalUserId, representativeUserId: rep.id, relation, registeredBy: principal.user.id })
      .onConflictDoNothing();
    await recordAudit(tx, actorOf(principal), { action: 'representative.add', subjectType: 'user', subjectId: principalUserId, after: { representativeUserId: rep.id, relation } });
  });
  return { ok: true as const };
}

/** The people this user is a registered representative for. */
export async function listRepresented(userId: string) {
  return db()
    .select({ id: users.id, name: users.name, relation: representatives.relation })
    .from(representatives)
    .innerJoin(users, eq(users.id, representatives.principalUserId))
    .where(and(eq(representatives.representativeUserId, userId), isNull(representatives.revokedAt)));
}

/** Home-place paths of users, for checks that need them. */
export async function homePaths(userIds: string[]) {
  if (!userIds.length) return new Map<string, string>();
  const rows = await db()
    .select({ id: users.id, path: places.path })
    .from(users)
    .innerJoin(places, eq(places.id, users.homePlaceId))
    .where(and(inArray(users.id, userIds), isNotNull(users.homePlaceId)));
  return new Map(rows.map((r) => [r.id, r.path]));
}

