// Teams and organisations: members, invitations, join requests, and street staff's verification of organisations.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { db } from '../../db/client';
import { organisationProfiles, resourceMembers, resources, users } from '../../db/schema';
import { recordAudit, type Actor } from '../audit/audit.server';
import type { Principal } from '../permissions/principal.server';
import { isLeader, ResourceError } from './resources.server';
import { scopeClause } from './volunteers.server';
import { queueSearchUpsert } from '../../search/relay';

type Group = 'team' | 'organisation';

/** Teams or organisations the person belongs to or has an open invitation/request with. */
export async function listMyGroups(userId: string, kind: Group) {
  return db()
    .select({ id: resources.id, name: resources.name, role: resourceMembers.role, status: resourceMembers.status, membershipId: resourceMembers.id })
    .from(resourceMembers)
    .innerJoin(resources, eq(resources.id, resourceMembers.resourceId))
    .where(and(eq(resourceMembers.userId, userId), eq(resources.kind, kind), inArray(resourceMembers.status, ['invited', 'requested', 'active'])))
    .orderBy(asc(resources.name));
}

/** Members and open requests of a group, for its leaders (names only: a leader is not staff). */
export async function listMembers(groupId: string) {
  return db()
    .select({ id: resourceMembers.id, userId: users.id, name: users.name, role: resourceMembers.role, status: resourceMembers.status, createdAt: resourceMembers.createdAt })
    .from(resourceMembers)
    .innerJoin(users, eq(users.id, resourceMembers.userId))
    .where(and(eq(resourceMembers.resourceId, groupId), inArray(resourceMembers.status, ['invited', 'requested', 'active'])))
    .orderBy(asc(resourceMembers.role), asc(resourceMembers.createdAt));
}

async function groupOf(groupId: string, kinds: Group[]) {
  const [row] = await db().select().from(resources).where(and(eq(resources.id, groupId), inArray(resources.kind, kinds))).limit(1);
  return row ?? null;
}

/** A person asks to join; repeated asks (double clicks) leave one request. */
export async function requestToJoin(actor: Actor & { userId: string }, groupId: string) {
  const group = await groupOf(groupId, ['team', 'organisation']);
  if (!group || group.status !== 'active') throw new ResourceError('not_found');
  return db().transaction(async (tx) => {
    const [row] = await tx.insert(resourceMembers).values({ resourceId: groupId, userId: actor.userId, role: 'member', status: 'requested' }).onConflictDoNothing().returning();
    if (!row) return { created: false };
    await recordAudit(tx, actor, { action: `${group.kind}.join_request`, subjectType: 'resource', subjectId: groupId, placeId: group.placeId });
    return { created: true };
  });
}

/** A leader invites someone by email. */
export async function invite(actor: Actor & { userId: string }, groupId: string, email: string) {
  const group = await groupOf(groupId, ['team', 'organisation']);
  if (!group) throw new ResourceError('not_found');
  return db().transaction(async (tx) => {
    if (!(await isLeader(tx, groupId, actor.userId))) throw new ResourceError('forbidden');
    const [person] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email.trim().toLowerCase())).limit(1);
    if (!person) throw new ResourceError('not_found', 'email');
    const [row] = await tx.insert(resourceMembers).values({ resourceId: groupId, userId: person.id, role: 'member', status: 'invited', invitedBy: actor.userId }).onConflictDoNothing().returning();
    if (!row) throw new ResourceError('already_exists', 'email');
    await recordAudit(tx, actor, { action: `${group.kind}.invite`, subjectType: 'resource', subjectId: groupId, placeId: group.placeId, after: { userId: person.id } });
    return row;
  });
}

/**
 * Moves a membership on: the invited person accepts or declines; a leader approves or declines a request;
 * a member leaves. Only the transitions that person may make are possible; a repeat is a no-op conflict.
 */
export async function decideMembership(actor: Actor & { userId: string }, membershipId: string, decision: 'accept' | 'decline' | 'leave') {
  return db().transaction(async (tx) => {
    const [m] = await tx.select({ member: resourceMembers, kind: resources.kind, placeId: resources.placeId }).from(resourceMembers).innerJoin(resources, eq(resources.id, resourceMembers.resourceId)).where(eq(resourceMembers.id, membershipId)).for('update', { of: resourceMembers });
    if (!m) throw new ResourceError('not_found');
    const self = m.member.userId === actor.userId;
    const leader = await isLeader(tx, m.member.resourceId, actor.userId);
    let next: 'active' | 'declined' | 'left';
    if (decision === 'leave') {
      if (!self || m.member.status !== 'active') throw new ResourceError(self ? 'conflict' : 'not_found');
      if (m.member.role === 'leader') {
        const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(resourceMembers).where(and(eq(resourceMembers.resourceId, m.member.resourceId), eq(resourceMembers.role, 'leader'), eq(resourceMembers.status, 'active')));
        // A group is never left without a leader.
        if (Number(n) <= 1) throw new ResourceError('conflict', 'lastLeader');
      }
      next = 'left';
    } else if (m.member.status === 'invited') {
      if (!self) throw new ResourceError(leader ? 'conflict' : 'not_found');
      next = decision === 'accept' ? 'active' : 'declined';
    } else if (m.member.status === 'requested') {
      if (!leader) throw new ResourceError(self ? 'conflict' : 'not_found');
      next = decision === 'accept' ? 'active' : 'declined';
    } else throw new ResourceError('conflict');
    await tx.update(resourceMembers).set({ status: next, decidedBy: actor.userId, decidedAt: new Date() }).where(eq(resourceMembers.id, membershipId));
    await recordAudit(tx, actor, { action: `${m.kind}.membership_${next}`, subjectType: 'resource', subjectId: m.member.resourceId, placeId: m.placeId, before: { status: m.member.status }, after: { status: next, userId: m.member.userId } });
    return { status: next, groupId: m.member.resourceId };
  });
}

/** An organisation's contact for staff of its place (the route guards; the contact may be a person's phone). */
export async function organisationContact(organisationId: string) {
  const [row] = await db()
    .select({ contactName: organisationProfiles.contactName, contactPhone: organisationProfiles.contactPhone, contactEmail: organisationProfiles.contactEmail })
    .from(organisationProfiles)
    .where(eq(organisationProfiles.resourceId, organisationId));
  return row ?? null;
}

/** Organisations waiting for verification in the caller's street(s). */
export async function listUnverifiedOrganisations(principal: Principal) {
  const scope = scopeClause(principal, 'organisation.verify');
  if (scope === false) return [];
  return db()
    .select({ id: resources.id, name: resources.name, categories: resources.categories, registrationStatus: organisationProfiles.registrationStatus, registrationNumber: organisationProfiles.registrationNumber, createdAt: resources.createdAt })
    .from(resources)
    .innerJoin(organisationProfiles, eq(organisationProfiles.resourceId, resources.id))
    .where(and(eq(organisationProfiles.verification, 'unverified'), eq(resources.status, 'active'), scope))
    .orderBy(asc(resources.createdAt))
    .limit(200);
}

/** Street staff verify (or reject) an organisation in their street; it then appears on the public list. */
export async function decideOrganisation(principal: Principal, actor: Actor & { userId: string }, organisationId: string, verified: boolean) {
  const scope = scopeClause(principal, 'organisation.verify');
  if (scope === false) throw new ResourceError('not_found');
  return db().transaction(async (tx) => {
    const [row] = await tx
      .select({ verification: organisationProfiles.verification, placeId: resources.placeId })
      .from(resources)
      .innerJoin(organisationProfiles, eq(organisationProfiles.resourceId, resources.id))
      .where(and(eq(resources.id, organisationId), scope))
      .for('update', { of: organisationProfiles });
    if (!row) throw new ResourceError('not_found');
    const next = verified ? 'verified' : 'rejected';
    if (row.verification === next) return { changed: false };
    await tx.update(organisationProfiles).set({ verification: next, verifiedBy: actor.userId, verifiedAt: new Date() }).where(eq(organisationProfiles.resourceId, organisationId));
    // Verified organisations are on the public list (and in the index); others are not.
    await queueSearchUpsert(tx, 'resources', organisationId);
    await recordAudit(tx, actor, { action: verified ? 'organisation.verify' : 'organisation.reject', subjectType: 'resource', subjectId: organisationId, placeId: row.placeId, before: { verification: row.verification }, after: { verification: next } });
    return { changed: true };
  });
}
