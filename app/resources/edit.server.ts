// Keeping a resource current after it was registered: a team's or organisation's leaders edit its details and
// hand leadership on; an offer's owner (or staff of its place) edits the offer. Volunteers edit their own profile
// on /my/profile. Every change is audited and reaches the search index through the outbox.
import { and, asc, count, eq, gte, inArray, isNull, or } from 'drizzle-orm';
import { db, type DbOrTx } from '../../db/client';
import { goodsLoans, offerDetails, organisationProfiles, resourceMembers, resources, teamProfiles, users, venueBookings, type Resource } from '../../db/schema';
import { recordAudit } from '../audit/audit.server';
import { actorOf, type Principal } from '../permissions/principal.server';
import { can } from '../permissions/rules';
import { queueSearchUpsert } from '../../search/relay';
import { isLeader, locate, ResourceError } from './resources.server';
import { normaliseWindows } from './rules';
import type { OfferInput, OrganisationInput, TeamInput } from './schemas';

const offerKinds = new Set(['offer', 'venue', 'goods']);

/** Whether someone may edit a resource: leaders of a team or organisation; the owner or staff of the place for an offer. */
async function mayEdit(tx: DbOrTx, principal: Principal, row: Resource) {
  if (row.kind === 'team' || row.kind === 'organisation') return isLeader(tx, row.id, principal.user.id);
  if (offerKinds.has(row.kind)) return row.ownerUserId === principal.user.id || can(principal.roles, 'resource.verify', row.placePath);
  return false;
}

/** What the edit page shows, or null when the resource does not exist or the person may not edit it. */
export async function getResourceForEditing(principal: Principal, id: string) {
  const [row] = await db().select().from(resources).where(eq(resources.id, id));
  if (!row || !(await mayEdit(db(), principal, row))) return null;
  const base = { id: row.id, kind: row.kind, name: row.name, description: row.description, placeId: row.placeId, categories: row.categories };
  if (row.kind === 'team') {
    const [p] = await db().select().from(teamProfiles).where(eq(teamProfiles.resourceId, id));
    return { ...base, kind: 'team' as const, team: { skills: p?.skills ?? [] }, members: await activeMembers(id) };
  }
  if (row.kind === 'organisation') {
    const [p] = await db().select().from(organisationProfiles).where(eq(organisationProfiles.resourceId, id));
    return {
      ...base,
      kind: 'organisation' as const,
      organisation: {
        registrationStatus: p.registrationStatus,
        registrationNumber: p.registrationNumber,
        contactName: p.contactName,
        contactPhone: p.contactPhone,
        contactEmail: p.contactEmail,
        verified: p.verification === 'verified',
      },
      members: await activeMembers(id),
    };
  }
  const [o] = await db().select().from(offerDetails).where(eq(offerDetails.resourceId, id));
  return {
    ...base,
    kind: row.kind as 'offer' | 'venue' | 'goods',
    offer: {
      offerType: o.offerType,
      providerType: o.providerType,
      providerName: o.providerName,
      capacity: o.capacity,
      quantity: o.quantity,
      goodsMode: o.goodsMode,
      valueMinor: o.valueMinor,
      availability: o.availability,
      slotMinutes: o.slotMinutes,
      availableUntil: o.availableUntil ? new Date(o.availableUntil.getTime() + 8 * 3_600_000).toISOString().slice(0, 10) : null,
    },
    members: null,
  };
}

async function activeMembers(groupId: string) {
  return db()
    .select({ userId: resourceMembers.userId, name: users.name, role: resourceMembers.role })
    .from(resourceMembers)
    .innerJoin(users, eq(users.id, resourceMembers.userId))
    .where(and(eq(resourceMembers.resourceId, groupId), eq(resourceMembers.status, 'active')))
    .orderBy(asc(resourceMembers.role), asc(users.name));
}

async function lockEditable(tx: DbOrTx, principal: Principal, id: string, kinds: readonly string[]) {
  const [row] = await tx.select().from(resources).where(eq(resources.id, id)).for('update');
  if (!row || !kinds.includes(row.kind) || !(await mayEdit(tx, principal, row))) throw new ResourceError('not_found');
  return row;
}

export async function updateTeam(principal: Principal, id: string, input: TeamInput) {
  return db().transaction(async (tx) => {
    const before = await lockEditable(tx, principal, id, ['team']);
    const where = await locate(tx, input.placeId);
    const [profile] = await tx.select().from(teamProfiles).where(eq(teamProfiles.resourceId, id));
    await tx.update(resources).set({ name: input.name, description: input.description, categories: input.categories, ...where }).where(eq(resources.id, id));
    await tx.update(teamProfiles).set({ skills: input.skills }).where(eq(teamProfiles.resourceId, id));
    await queueSearchUpsert(tx, 'resources', id);
    await recordAudit(tx, actorOf(principal), {
      action: 'team.update',
      subjectType: 'resource',
      subjectId: id,
      placeId: where.placeId,
      before: { name: before.name, description: before.description, categories: before.categories, placeId: before.placeId, skills: profile?.skills ?? [] },
      after: { name: input.name, description: input.description, categories: input.categories, placeId: where.placeId, skills: input.skills },
    });
  });
}

/**
 * Edits an organisation. Changing its registration (status or number) sends it back to street staff for
 * verification, and until then it is off the public list: what was verified is no longer what it says.
 */
export async function updateOrganisation(principal: Principal, id: string, input: OrganisationInput) {
  return db().transaction(async (tx) => {
    const before = await lockEditable(tx, principal, id, ['organisation']);
    const where = await locate(tx, input.placeId);
    const [profile] = await tx.select().from(organisationProfiles).where(eq(organisationProfiles.resourceId, id));
    const registrationNumber = input.registrationStatus === 'informal' ? null : input.registrationNumber;
    const registrationChanged = profile.registrationStatus !== input.registrationStatus || (profile.registrationNumber ?? null) !== (registrationNumber ?? null);
    await tx.update(resources).set({ name: input.name, description: input.description, categories: input.categories, ...where }).where(eq(resources.id, id));
    await tx
      .update(organisationProfiles)
      .set({
        registrationStatus: input.registrationStatus,
        registrationNumber,
        contactName: input.contactName,
        contactPhone: input.contactPhone,
        contactEmail: input.contactEmail,
        ...(registrationChanged ? { verification: 'unverified' as const, verifiedBy: null, verifiedAt: null } : {}),
      })
      .where(eq(organisationProfiles.resourceId, id));
    await queueSearchUpsert(tx, 'resources', id);
    // Contact details are private: the audit notes that they changed, not what they are.
    await recordAudit(tx, actorOf(principal), {
      action: 'organisation.update',
      subjectType: 'resource',
      subjectId: id,
      placeId: where.placeId,
      before: { name: before.name, categories: before.categories, placeId: before.placeId, registrationStatus: profile.registrationStatus, registrationNumber: profile.registrationNumber, verification: profile.verification },
      after: {
        name: input.name,
        categories: input.categories,
        placeId: where.placeId,
        registrationStatus: input.registrationStatus,
        registrationNumber,
        verification: registrationChanged ? 'unverified' : profile.verification,
        contactChanged: profile.contactName !== input.contactName || profile.contactPhone !== input.contactPhone || profile.contactEmail !== input.contactEmail,
      },
    });
    return { needsVerification: registrationChanged };
  });
}

/**
 * Edits an offer, venue or goods. Its kind stays what it was. Goods cannot drop below what has gone out (given, or lent and not back), and a
 * venue keeps its slot length while future bookings hold slots of that length.
 */
export async function updateOffer(principal: Principal, id: string, input: OfferInput) {
  return db().transaction(async (tx) => {
    const before = await lockEditable(tx, principal, id, ['offer', 'venue', 'goods']);
    if (input.kind !== before.kind) throw new ResourceError('invalid', 'kind');
    const [offer] = await tx.select().from(offerDetails).where(eq(offerDetails.resourceId, id));
    const offerType = before.kind === 'offer' ? (input.offerType ?? offer.offerType) : offer.offerType;
    if (before.kind === 'goods' && input.quantity !== undefined && input.quantity < (await lentOut(tx, id))) throw new ResourceError('conflict', 'quantity');
    if (before.kind === 'venue' && input.slotMinutes !== offer.slotMinutes) {
      const [{ n }] = await tx
        .select({ n: count() })
        .from(venueBookings)
        .where(and(eq(venueBookings.venueId, id), eq(venueBookings.status, 'confirmed'), gte(venueBookings.slotEnd, new Date())));
      if (Number(n) > 0) throw new ResourceError('conflict', 'slotMinutes');
    }
    const where = await locate(tx, input.placeId);
    await tx.update(resources).set({ name: input.name, description: input.description, categories: input.categories, ...where }).where(eq(resources.id, id));
    const after = {
      offerType,
      providerType: input.providerType,
      providerName: input.providerName,
      capacity: input.capacity ?? null,
      quantity: before.kind === 'goods' ? (input.quantity ?? null) : null,
      goodsMode: before.kind === 'goods' ? (input.goodsMode ?? null) : null,
      valueMinor: offerType === 'in_kind' ? (input.valueMinor ?? null) : null,
      availability: normaliseWindows(input.availability),
      slotMinutes: before.kind === 'venue' ? (input.slotMinutes ?? null) : null,
      availableUntil: input.availableUntil ? new Date(`${input.availableUntil}T23:59:59+08:00`) : null,
    };
    await tx.update(offerDetails).set(after).where(eq(offerDetails.resourceId, id));
    await queueSearchUpsert(tx, 'resources', id);
    await recordAudit(tx, actorOf(principal), {
      action: 'offer.update',
      subjectType: 'resource',
      subjectId: id,
      placeId: where.placeId,
      before: { name: before.name, placeId: before.placeId, capacity: offer.capacity, quantity: offer.quantity, valueMinor: offer.valueMinor, slotMinutes: offer.slotMinutes },
      after: { name: input.name, placeId: where.placeId, capacity: after.capacity, quantity: after.quantity, valueMinor: after.valueMinor, slotMinutes: after.slotMinutes },
    });
  });
}

/** Units that have left: given away for good, or lent and not yet back (the stock counts from the quantity held). */
async function lentOut(tx: DbOrTx, goodsId: string) {
  const rows = await tx
    .select({ quantity: goodsLoans.quantity })
    .from(goodsLoans)
    .where(and(eq(goodsLoans.goodsId, goodsId), or(eq(goodsLoans.kind, 'give'), isNull(goodsLoans.returnedAt))));
  return rows.reduce((s, r) => s + r.quantity, 0);
}

/**
 * Makes an active member a leader, or a leader a member again. Only leaders may; the last leader cannot step down
 * (hand leadership to someone first). Concurrent changes are serialised on the group's row.
 */
export async function setMemberRole(principal: Principal, groupId: string, memberUserId: string, role: 'leader' | 'member') {
  return db().transaction(async (tx) => {
    const group = await lockEditable(tx, principal, groupId, ['team', 'organisation']);
    const members = await tx
      .select()
      .from(resourceMembers)
      .where(and(eq(resourceMembers.resourceId, groupId), eq(resourceMembers.status, 'active'), inArray(resourceMembers.role, ['leader', 'member'])));
    const target = members.find((m) => m.userId === memberUserId);
    if (!target) throw new ResourceError('not_found', 'memberUserId');
    if (target.role === role) return { changed: false };
    if (role === 'member' && members.filter((m) => m.role === 'leader').length <= 1) throw new ResourceError('conflict', 'lastLeader');
    await tx.update(resourceMembers).set({ role }).where(eq(resourceMembers.id, target.id));
    // The registered owner follows the leadership: if the owner steps down, the leader who made the change holds it.
    if (role === 'member' && group.ownerUserId === memberUserId) {
      const heir = memberUserId !== principal.user.id ? principal.user.id : members.find((m) => m.role === 'leader' && m.userId !== memberUserId)!.userId;
      await tx.update(resources).set({ ownerUserId: heir }).where(eq(resources.id, groupId));
    }
    await recordAudit(tx, actorOf(principal), {
      action: role === 'leader' ? 'group.make_leader' : 'group.step_down',
      subjectType: 'resource',
      subjectId: groupId,
      placeId: group.placeId,
      before: { userId: memberUserId, role: target.role },
      after: { userId: memberUserId, role },
    });
    return { changed: true };
  });
}
