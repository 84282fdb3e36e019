// Volunteers: their own profile, background checks verified by staff, eligibility, and their contact
// details — private, read only by staff of their places (scope in the WHERE clause), every read audited.
import { and, asc, desc, eq, inArray, like, or, sql, type SQL } from 'drizzle-orm';
import { db } from '../../db/client';
import { backgroundChecks, needDispatches, needs, places, resources, users, volunteerProfiles } from '../../db/schema';
import { recordAudit, type Actor } from '../audit/audit.server';
import type { Principal } from '../permissions/principal.server';
import { scopesFor, type Permission } from '../permissions/rules';
import { locate, ResourceError } from './resources.server';
import { eligibility, normaliseWindows, type Eligibility } from './rules';
import type { CheckInput, VolunteerInput } from './schemas';
import { categoriesOfSkills, type CheckType } from './values';
import { queueSearchUpsert } from '../../search/relay';

/** The WHERE clause that keeps a staff query inside the places where the caller holds `permission`. */
export function scopeClause(principal: Pick<Principal, 'roles'>, permission: Permission): SQL | undefined | false {
  const scopes = scopesFor(principal.roles, permission);
  if (!scopes.length) return false;
  if (scopes.includes(null)) return undefined;
  return or(...scopes.map((s) => like(resources.placePath, `${s}%`)));
}

export async function getMyVolunteerProfile(userId: string) {
  const [row] = await db()
    .select({ resource: resources, profile: volunteerProfiles })
    .from(volunteerProfiles)
    .innerJoin(resources, eq(resources.id, volunteerProfiles.resourceId))
    .where(eq(volunteerProfiles.userId, userId))
    .limit(1);
  if (!row) return null;
  const checks = await db().select().from(backgroundChecks).where(eq(backgroundChecks.volunteerId, row.resource.id)).orderBy(desc(backgroundChecks.createdAt));
  return { ...row, checks };
}

/** Creates or updates the caller's own volunteer profile; one per person, even under a double submit. */
export async function saveVolunteerProfile(actor: Actor & { userId: string }, input: VolunteerInput) {
  return db().transaction(async (tx) => {
    const where = await locate(tx, input.placeId);
    const fields = {
      skills: input.skills,
      tags: [...new Set(input.tags)],
      languages: input.languages,
      availability: normaliseWindows(input.availability),
      exceptions: input.exceptions,
      travelRadius: input.travelRadius,
      maxHoursPerWeek: input.maxHoursPerWeek,
      consentToContact: input.consentToContact,
      contactPhone: input.contactPhone,
    };
    const resourceFields = { name: input.displayName, description: input.description, categories: categoriesOfSkills(input.skills), ...where };
    // Lock the person's row so two simultaneous first saves make one profile, not two.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, actor.userId)).for('update');
    const [existing] = await tx.select({ resourceId: volunteerProfiles.resourceId }).from(volunteerProfiles).where(eq(volunteerProfiles.userId, actor.userId)).limit(1);
    if (existing) {
      await tx.update(resources).set({ ...resourceFields, status: 'active' }).where(eq(resources.id, existing.resourceId));
      await tx.update(volunteerProfiles).set(fields).where(eq(volunteerProfiles.resourceId, existing.resourceId));
      await queueSearchUpsert(tx, 'resources', existing.resourceId);
      await recordAudit(tx, actor, { action: 'volunteer.update', subjectType: 'resource', subjectId: existing.resourceId, placeId: where.placeId, after: { skills: fields.skills, travelRadius: fields.travelRadius, maxHoursPerWeek: fields.maxHoursPerWeek, consentToContact: fields.consentToContact } });
      return { id: existing.resourceId, created: false };
    }
    const [row] = await tx.insert(resources).values({ kind: 'volunteer', ...resourceFields, ownerUserId: actor.userId }).returning({ id: resources.id });
    await tx.insert(volunteerProfiles).values({ resourceId: row.id, userId: actor.userId, ...fields });
    await queueSearchUpsert(tx, 'resources', row.id);
    await recordAudit(tx, actor, { action: 'volunteer.create', subjectType: 'resource', subjectId: row.id, placeId: where.placeId, after: { skills: fields.skills } });
    return { id: row.id, created: true };
  });
}

/** A volunteer records a check they hold; it counts once staff verify it. */
export async function addBackgroundCheck(actor: Actor & { userId: string }, input: CheckInput) {
  return db().transaction(async (tx) => {
    const [profile] = await tx.select({ resourceId: volunteerProfiles.resourceId, placeId: resources.placeId }).from(volunteerProfiles).innerJoin(resources, eq(resources.id, volunteerProfiles.resourceId)).where(eq(volunteerProfiles.userId, actor.userId));
    if (!profile) throw new ResourceError('not_found');
    const [row] = await tx
      .insert(backgroundChecks)
      .values({ volunteerId: profile.resourceId, type: input.type, issuer: input.issuer, reference: input.reference, expiresAt: input.expiresAt ? new Date(`${input.expiresAt}T23:59:59+08:00`) : null })
      .returning();
    await recordAudit(tx, actor, { action: 'background_check.submit', subjectType: 'background_check', subjectId: row.id, placeId: profile.placeId, after: { type: row.type, issuer: row.issuer } });
    return row;
  });
}

/** Checks waiting for a decision in the caller's places. */
export async function listPendingChecks(principal: Principal) {
  const scope = scopeClause(principal, 'resource.verify');
  if (scope === false) return [];
  return db()
    .select({ id: backgroundChecks.id, type: backgroundChecks.type, issuer: backgroundChecks.issuer, reference: backgroundChecks.reference, expiresAt: backgroundChecks.expiresAt, createdAt: backgroundChecks.createdAt, volunteerId: resources.id, volunteerName: resources.name })
    .from(backgroundChecks)
    .innerJoin(resources, eq(resources.id, backgroundChecks.volunteerId))
    .where(and(eq(backgroundChecks.status, 'pending'), scope))
    .orderBy(asc(backgroundChecks.createdAt))
    .limit(200);
}

/** Staff verify or reject a check in their places; anything outside them is "not found". */
export async function decideBackgroundCheck(principal: Principal, actor: Actor & { userId: string }, checkId: string, decision: { verified: boolean; expiresAt?: string }) {
  const scope = scopeClause(principal, 'resource.verify');
  if (scope === false) throw new ResourceError('not_found');
  return db().transaction(async (tx) => {
    const [check] = await tx
      .select({ check: backgroundChecks, placeId: resources.placeId })
      .from(backgroundChecks)
      .innerJoin(resources, eq(resources.id, backgroundChecks.volunteerId))
      .where(and(eq(backgroundChecks.id, checkId), scope))
      .for('update', { of: backgroundChecks });
    if (!check) throw new ResourceError('not_found');
    if (check.check.status !== 'pending') throw new ResourceError('conflict');
    const expiresAt = decision.expiresAt ? new Date(`${decision.expiresAt}T23:59:59+08:00`) : check.check.expiresAt;
    const [after] = await tx
      .update(backgroundChecks)
      .set({ status: decision.verified ? 'verified' : 'rejected', verifiedBy: actor.userId, verifiedAt: new Date(), expiresAt })
      .where(eq(backgroundChecks.id, checkId))
      .returning();
    await recordAudit(tx, actor, { action: decision.verified ? 'background_check.verify' : 'background_check.reject', subjectType: 'background_check', subjectId: checkId, placeId: check.placeId, before: { status: check.check.status }, after: { status: after.status, expiresAt: after.expiresAt } });
    return after;
  });
}

/** Whether the volunteer may take work that requires these checks, at the work's start. */
export async function volunteerEligibility(volunteerId: string, required: readonly CheckType[], at: Date): Promise<Eligibility> {
  const checks = await db().select({ type: backgroundChecks.type, status: backgroundChecks.status, expiresAt: backgroundChecks.expiresAt }).from(backgroundChecks).where(eq(backgroundChecks.volunteerId, volunteerId));
  return eligibility(checks, required, at);
}

/** Of these volunteers, those eligible for work requiring the checks (for matching and dispatch). */
export async function eligibleVolunteerIds(volunteerIds: readonly string[], required: readonly CheckType[], at: Date) {
  if (!volunteerIds.length) return [];
  const checks = await db().select({ volunteerId: backgroundChecks.volunteerId, type: backgroundChecks.type, status: backgroundChecks.status, expiresAt: backgroundChecks.expiresAt }).from(backgroundChecks).where(inArray(backgroundChecks.volunteerId, [...volunteerIds]));
  return volunteerIds.filter((id) => eligibility(checks.filter((c) => c.volunteerId === id), required, at).eligible);
}

export interface VolunteerContact {
  name: string;
  email: string | null;
  phone: string | null;
  contactPhone: string | null;
  consentToContact: boolean;
}

/** Needs still being worked on: while one is, its coordinator may reach the volunteers sent to it. */
const OPEN_WORK = ['dispatched', 'in_progress'] as const;

/**
 * The caller coordinates open work the volunteer is assigned to: they are the named responsible person of a
 * dispatch (not withdrawn) that sends this volunteer to a need still being worked on.
 */
function coordinatesWorkOf(callerId: string) {
  return sql`exists (select 1 from ${needDispatches} d join ${needs} n on n.id = d.need_id
    where d.assignee_user_id = ${volunteerProfiles.userId} and d.responsible_user_id = ${callerId}
      and d.withdrawn_at is null and n.status in (${sql.join(OPEN_WORK.map((s) => sql`${s}`), sql`, `)}))`;
}

/**
 * A volunteer's contact details for staff of their places and for whoever coordinates work they are
 * assigned to, or null for anyone else (and for ids that are not volunteers). Who may see them is part of
 * the query, and the read is audited in the same transaction.
 */
export async function readVolunteerContact(principal: Principal, actor: Actor, volunteerId: string): Promise<VolunteerContact | null> {
  const staffScope = scopeClause(principal, 'volunteer.read_contact');
  const scope = staffScope === false ? coordinatesWorkOf(principal.user.id) : staffScope === undefined ? undefined : or(staffScope, coordinatesWorkOf(principal.user.id));
  return db().transaction(async (tx) => {
    const [row] = await tx
      .select({ name: users.name, email: users.email, phone: users.phone, contactPhone: volunteerProfiles.contactPhone, consentToContact: volunteerProfiles.consentToContact, placeId: resources.placeId })
      .from(resources)
      .innerJoin(volunteerProfiles, eq(volunteerProfiles.resourceId, resources.id))
      .innerJoin(users, eq(users.id, volunteerProfiles.userId))
      .where(and(eq(resources.id, volunteerId), eq(resources.kind, 'volunteer'), scope))
      .limit(1);
    if (!row) return null;
    await recordAudit(tx, actor, { action: 'volunteer.read_contact', subjectType: 'resource', subjectId: volunteerId, placeId: row.placeId });
    const { placeId: _placeId, ...contact } = row;
    return contact;
  });
}

/** The private profile of a volunteer for staff of their places: home place, hours, checks. Not audited: no contact details. */
export async function getVolunteerForStaff(principal: Principal, volunteerId: string) {
  const scope = scopeClause(principal, 'resource.verify');
  const readScope = scopeClause(principal, 'volunteer.read_contact');
  const clause = scope === false ? readScope : readScope === false ? scope : or(scope ?? sql`true`, readScope ?? sql`true`);
  if (clause === false) return null;
  const [row] = await db()
    .select({ resource: resources, profile: volunteerProfiles, homeZh: places.nameZh, homeEn: places.nameEn })
    .from(resources)
    .innerJoin(volunteerProfiles, eq(volunteerProfiles.resourceId, resources.id))
    .innerJoin(places, eq(places.id, resources.placeId))
    .where(and(eq(resources.id, volunteerId), clause))
    .limit(1);
  if (!row) return null;
  const checks = await db().select().from(backgroundChecks).where(eq(backgroundChecks.volunteerId, volunteerId)).orderBy(desc(backgroundChecks.createdAt));
  return { ...row, checks };
}
