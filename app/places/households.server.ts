// The household register: private data, read and changed only by staff of the place, every read audited.
import { and, asc, count, eq, isNull, sql } from 'drizzle-orm';
import { db } from '../../db/client';
import { householdMembers, households, places } from '../../db/schema';
import { recordAudit, type Actor } from '../audit/audit.server';

export async function getHouseholdPlace(householdId: string) {
  const [row] = await db()
    .select({ id: places.id, path: places.path, type: places.type })
    .from(households)
    .innerJoin(places, eq(places.id, households.placeId))
    .where(eq(households.id, householdId))
    .limit(1);
  return row ?? null;
}

/** Households of a building (or of every building below a place), with member counts; audited as a private read. */
export async function listHouseholds(actor: Actor, place: { id: string; path: string }) {
  const rows = await db()
    .select({
      id: households.id,
      unit: households.unit,
      buildingId: places.id,
      buildingZh: places.nameZh,
      buildingEn: places.nameEn,
      members: sql<number>`(select count(*)::int from ${householdMembers} m where m.household_id = ${households.id} and m.moved_out_at is null)`,
      adults: sql<number>`(select count(*)::int from ${householdMembers} m where m.household_id = ${households.id} and m.moved_out_at is null and m.is_adult)`,
      voter: sql<string | null>`(select m.name from ${householdMembers} m where m.household_id = ${households.id} and m.moved_out_at is null and m.votes_for_household limit 1)`,
    })
    .from(households)
    .innerJoin(places, eq(places.id, households.placeId))
    .where(and(sql`${places.path} like ${place.path + '%'}`, isNull(households.archivedAt)))
    .orderBy(asc(places.nameZh), asc(households.unit))
    .limit(1000);
  await db().transaction((tx) =>
    recordAudit(tx, actor, { action: 'household.list_private', subjectType: 'place', subjectId: place.id, placeId: place.id, after: { count: rows.length } }),
  );
  return rows;
}

export async function countHouseholds(placePath: string) {
  const [row] = await db()
    .select({ n: count() })
    .from(households)
    .innerJoin(places, eq(places.id, households.placeId))
    .where(and(sql`${places.path} like ${placePath + '%'}`, isNull(households.archivedAt)));
  return Number(row.n);
}

export async function getHousehold(actor: Actor, id: string) {
  const [household] = await db()
    .select({ id: households.id, unit: households.unit, note: households.note, placeId: households.placeId, placeZh: places.nameZh, placeEn: places.nameEn })
    .from(households)
    .innerJoin(places, eq(places.id, households.placeId))
    .where(eq(households.id, id))
    .limit(1);
  if (!household) return null;
  const members = await db()
    .select()
    .from(householdMembers)
    .where(and(eq(householdMembers.householdId, id), isNull(householdMembers.movedOutAt)))
    .orderBy(asc(householdMembers.createdAt));
  await db().transaction((tx) =>
    recordAudit(tx, actor, { action: 'household.read_private', subjectType: 'household', subjectId: id, placeId: household.placeId }),
  );
  return { ...household, members };
}

export async function createHousehold(actor: Actor, buildingId: string, input: { unit: string; note?: string | null }) {
  return db().transaction(async (tx) => {
    const [row] = await tx.insert(households).values({ placeId: buildingId, unit: input.unit.trim(), note: input.note ?? null }).returning();
    await recordAudit(tx, actor, { action: 'household.create', subjectType: 'household', subjectId: row.id, placeId: buildingId, after: { unit: row.unit } });
    return row;
  });
}

export interface MemberInput {
  name: string;
  relation: (typeof householdMembers.relation.enumValues)[number];
  birthYear?: number | null;
  isAdult: boolean;
  phone?: string | null;
}

export async function addMember(actor: Actor, householdId: string, placeId: string, input: MemberInput) {
  return db().transaction(async (tx) => {
    // The first adult registered becomes the household's voter until staff choose another.
    const [{ voters }] = await tx
      .select({ voters: count() })
      .from(householdMembers)
      .where(and(eq(householdMembers.householdId, householdId), eq(householdMembers.votesForHousehold, true), isNull(householdMembers.movedOutAt)));
    const [row] = await tx
      .insert(householdMembers)
      .values({ householdId, ...input, votesForHousehold: input.isAdult && Number(voters) === 0 })
      .returning();
    await recordAudit(tx, actor, { action: 'household.member_add', subjectType: 'household', subjectId: householdId, placeId, after: { memberId: row.id, relation: row.relation, isAdult: row.isAdult } });
    return row;
  });
}

/** Makes one adult member the household's voter; exactly one voter per household afterwards. */
export async function setVoter(actor: Actor, householdId: string, placeId: string, memberId: string) {
  return db().transaction(async (tx) => {
    const [member] = await tx
      .select()
      .from(householdMembers)
      .where(and(eq(householdMembers.id, memberId), eq(householdMembers.householdId, householdId), isNull(householdMembers.movedOutAt)))
      .for('update');
    if (!member) return { ok: false as const, reason: 'not_found' as const };
    if (!member.isAdult) return { ok: false as const, reason: 'not_adult' as const };
    await tx.update(householdMembers).set({ votesForHousehold: false }).where(eq(householdMembers.householdId, householdId));
    await tx.update(householdMembers).set({ votesForHousehold: true }).where(eq(householdMembers.id, memberId));
    await recordAudit(tx, actor, { action: 'household.voter_set', subjectType: 'household', subjectId: householdId, placeId, after: { memberId } });
    return { ok: true as const, name: member.name };
  });
}

export async function moveOutMember(actor: Actor, householdId: string, placeId: string, memberId: string) {
  return db().transaction(async (tx) => {
    const updated = await tx
      .update(householdMembers)
      .set({ movedOutAt: new Date(), votesForHousehold: false })
      .where(and(eq(householdMembers.id, memberId), eq(householdMembers.householdId, householdId), isNull(householdMembers.movedOutAt)))
      .returning({ id: householdMembers.id });
    if (!updated.length) return false;
    await recordAudit(tx, actor, { action: 'household.member_move_out', subjectType: 'household', subjectId: householdId, placeId, after: { memberId } });
    return true;
  });
}
