// The resource list: registering resources of every kind, the public list with filters and paging, one
// resource's public view. Private details (volunteers' contacts) live in volunteers.server.ts.
import { and, asc, count, eq, inArray, isNull, like, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { db, type DbOrTx } from '../../db/client';
import {
  offerDetails,
  organisationProfiles,
  places,
  resourceMembers,
  resources,
  teamProfiles,
  volunteerProfiles,
  type Resource,
} from '../../db/schema';
import { recordAudit, type Actor } from '../audit/audit.server';
import { pathIds } from '../places/rules';
import { normaliseWindows } from './rules';
import type { OfferInput, OrganisationInput, TeamInput } from './schemas';
import type { ResourceKind } from './values';
import { queueSearchUpsert } from '../../search/relay';
import { placeRead } from '../places/place-reads.server';

export class ResourceError extends Error {
  constructor(
    public readonly code: 'place_not_found' | 'place_too_high' | 'not_found' | 'forbidden' | 'already_exists' | 'conflict' | 'invalid',
    public readonly field?: string,
  ) {
    super(code);
  }
}

export interface Located {
  placeId: string;
  placePath: string;
  communityId: string | null;
  gridId: string | null;
}

/** Where a place sits: its path, its community and its top-level grid. Resources live at street level or below. */
export async function locate(tx: DbOrTx, placeId: string): Promise<Located> {
  const [place] = await tx.select({ id: places.id, path: places.path, type: places.type }).from(places).where(and(eq(places.id, placeId), isNull(places.archivedAt))).limit(1);
  if (!place) throw new ResourceError('place_not_found', 'placeId');
  if (place.type === 'city' || place.type === 'district') throw new ResourceError('place_too_high', 'placeId');
  const chain = await tx.select({ id: places.id, type: places.type }).from(places).where(inArray(places.id, pathIds(place.path)));
  const ordered = pathIds(place.path).map((id) => chain.find((c) => c.id === id)!);
  return {
    placeId: place.id,
    placePath: place.path,
    communityId: ordered.find((p) => p.type === 'community')?.id ?? null,
    gridId: ordered.find((p) => p.type === 'grid')?.id ?? null,
  };
}

// ---------------------------------------------------------------- registering

export async function createTeam(actor: Actor & { userId: string }, input: TeamInput) {
  return db().transaction(async (tx) => {
    const where = await locate(tx, input.placeId);
    const [row] = await tx
      .insert(resources)
      .values({ kind: 'team', name: input.name, description: input.description, categories: input.categories, ...where, ownerUserId: actor.userId })
      .returning();
    await tx.insert(teamProfiles).values({ resourceId: row.id, skills: input.skills, serviceAreaIds: input.serviceAreaIds });
    await tx.insert(resourceMembers).values({ resourceId: row.id, userId: actor.userId, role: 'leader', status: 'active', decidedBy: actor.userId, decidedAt: new Date() });
    await queueSearchUpsert(tx, 'resources', row.id);
    await recordAudit(tx, actor, { action: 'team.create', subjectType: 'resource', subjectId: row.id, placeId: where.placeId, after: { name: row.name } });
    return row;
  });
}

export async function createOrganisation(actor: Actor & { userId: string }, input: OrganisationInput) {
  return db().transaction(async (tx) => {
    const where = await locate(tx, input.placeId);
    const [row] = await tx
      .insert(resources)
      .values({ kind: 'organisation', name: input.name, description: input.description, categories: input.categories, ...where, ownerUserId: actor.userId })
      .returning();
    await tx.insert(organisationProfiles).values({
      resourceId: row.id,
      registrationStatus: input.registrationStatus,
      registrationNumber: input.registrationStatus === 'informal' ? null : input.registrationNumber,
      serviceAreaIds: input.serviceAreaIds,
      contactName: input.contactName,
      contactPhone: input.contactPhone,
      contactEmail: input.contactEmail,
    });
    await tx.insert(resourceMembers).values({ resourceId: row.id, userId: actor.userId, role: 'leader', status: 'active', decidedBy: actor.userId, decidedAt: new Date() });
    await queueSearchUpsert(tx, 'resources', row.id);
    await recordAudit(tx, actor, { action: 'organisation.register', subjectType: 'resource', subjectId: row.id, placeId: where.placeId, after: { name: row.name, registrationStatus: input.registrationStatus } });
    return row;
  });
}

export async function createOffer(actor: Actor & { userId: string }, input: OfferInput) {
  return db().transaction(async (tx) => {
    const where = await locate(tx, input.placeId);
    const offerType = input.kind === 'offer' ? input.offerType! : input.kind;
    const [row] = await tx
      .insert(resources)
      .values({ kind: input.kind, name: input.name, description: input.description, categories: input.categories, ...where, ownerUserId: actor.userId })
      .returning();
    await tx.insert(offerDetails).values({
      resourceId: row.id,
      offerType,
      providerType: input.providerType,
      providerName: input.providerName,
      capacity: input.capacity ?? null,
      quantity: input.kind === 'goods' ? (input.quantity ?? null) : null,
      goodsMode: input.kind === 'goods' ? (input.goodsMode ?? null) : null,
      valueMinor: offerType === 'in_kind' ? (input.valueMinor ?? null) : null,
      availability: normaliseWindows(input.availability),
      exceptions: input.exceptions,
      slotMinutes: input.kind === 'venue' ? (input.slotMinutes ?? null) : null,
      availableUntil: input.availableUntil ? new Date(`${input.availableUntil}T23:59:59+08:00`) : null,
    });
    await queueSearchUpsert(tx, 'resources', row.id);
    await recordAudit(tx, actor, { action: 'offer.create', subjectType: 'resource', subjectId: row.id, placeId: where.placeId, after: { kind: row.kind, name: row.name, offerType } });
    return row;
  });
}

// ---------------------------------------------------------------- the public list

export interface ResourceFilter {
  kind?: ResourceKind;
  category?: string;
  skill?: string;
  communityId?: string;
  gridId?: string;
  q?: string;
  limit: number;
  offset: number;
}

const community = alias(places, 'community');
const grid = alias(places, 'grid');

/** What anyone may see: active resources; organisations only once street staff verified them. */
export function publicVisibility(): SQL {
  return and(
    eq(resources.status, 'active'),
    or(
      sql`${resources.kind} <> 'organisation'`,
      sql`exists (select 1 from ${organisationProfiles} op where op.resource_id = ${resources.id} and op.verification = 'verified')`,
    ),
  )!;
}

function filterClause(f: Omit<ResourceFilter, 'limit' | 'offset'>): SQL {
  const q = f.q?.trim();
  return and(
    publicVisibility(),
    f.kind ? eq(resources.kind, f.kind) : undefined,
    f.category ? sql`${f.category} = any(${resources.categories})` : undefined,
    f.skill
      ? or(
          sql`exists (select 1 from ${volunteerProfiles} vp where vp.resource_id = ${resources.id} and ${f.skill} = any(vp.skills))`,
          sql`exists (select 1 from ${teamProfiles} tp where tp.resource_id = ${resources.id} and ${f.skill} = any(tp.skills))`,
        )
      : undefined,
    f.communityId ? eq(resources.communityId, f.communityId) : undefined,
    f.gridId ? eq(resources.gridId, f.gridId) : undefined,
    q ? or(like(sql`lower(${resources.name})`, `%${q.toLowerCase().replace(/[%_\\]/g, '\\$&')}%`), like(sql`lower(${resources.description})`, `%${q.toLowerCase().replace(/[%_\\]/g, '\\$&')}%`)) : undefined,
  )!;
}

const listColumns = {
  id: resources.id,
  kind: resources.kind,
  name: resources.name,
  description: resources.description,
  categories: resources.categories,
  communityId: resources.communityId,
  gridId: resources.gridId,
  communityZh: community.nameZh,
  communityEn: community.nameEn,
  gridZh: grid.nameZh,
  gridEn: grid.nameEn,
  createdAt: resources.createdAt,
  skills: sql<string[] | null>`coalesce((select vp.skills from ${volunteerProfiles} vp where vp.resource_id = ${resources.id}), (select tp.skills from ${teamProfiles} tp where tp.resource_id = ${resources.id}))`,
};

export type ResourceListItem = Awaited<ReturnType<typeof listResources>>['rows'][number];

/** The public resource list: display name, kind, categories, skills and area only — never where someone lives. */
export async function listResources(filter: ResourceFilter) {
  const where = filterClause(filter);
  const [rows, [{ total }]] = await Promise.all([
    db()
      .select(listColumns)
      .from(resources)
      .leftJoin(community, eq(community.id, resources.communityId))
      .leftJoin(grid, eq(grid.id, resources.gridId))
      .where(where)
      .orderBy(asc(resources.kind), asc(resources.name), asc(resources.id))
      .limit(filter.limit)
      .offset(filter.offset),
    db().select({ total: count() }).from(resources).where(where),
  ]);
  return { rows: rows.map((r) => ({ ...r, skills: r.skills ?? [] })), total: Number(total) };
}

/** The resource row with its place, for guards. */
export async function getResourceRow(id: string): Promise<Resource | null> {
  const [row] = await db().select().from(resources).where(eq(resources.id, id)).limit(1);
  return row ?? null;
}

/**
 * One resource as the public sees it, or null when it is not public (inactive, an unverified organisation).
 * `includeHidden` lets staff and owners see an unverified organisation's page.
 */
export async function getPublicResource(id: string, opts: { includeHidden?: boolean } = {}) {
  const [row] = await db()
    .select(listColumns)
    .from(resources)
    .leftJoin(community, eq(community.id, resources.communityId))
    .leftJoin(grid, eq(grid.id, resources.gridId))
    .where(and(eq(resources.id, id), opts.includeHidden ? undefined : publicVisibility()))
    .limit(1);
  if (!row) return null;
  const base = { ...row, skills: row.skills ?? [] };
  switch (row.kind) {
    case 'volunteer':
      return { ...base, kind: 'volunteer' as const };
    case 'team':
    case 'organisation': {
      const [members] = await db()
        .select({ n: count() })
        .from(resourceMembers)
        .where(and(eq(resourceMembers.resourceId, id), eq(resourceMembers.status, 'active')));
      const [org] = row.kind === 'organisation' ? await db().select().from(organisationProfiles).where(eq(organisationProfiles.resourceId, id)) : [null];
      return {
        ...base,
        kind: row.kind,
        memberCount: Number(members.n),
        organisation: org
          ? { registrationStatus: org.registrationStatus, registrationNumber: org.registrationNumber, verification: org.verification, verifiedAt: org.verifiedAt }
          : null,
      };
    }
    default: {
      const [offer] = await db().select().from(offerDetails).where(eq(offerDetails.resourceId, id));
      const [place] = await db().select({ nameZh: places.nameZh, nameEn: places.nameEn }).from(resources).innerJoin(places, eq(places.id, resources.placeId)).where(eq(resources.id, id));
      return {
        ...base,
        kind: row.kind,
        // A venue's or shop's own place is public; a person's home is not, so this is only for offers.
        placeZh: place?.nameZh ?? null,
        placeEn: place?.nameEn ?? null,
        offer: offer
          ? {
              offerType: offer.offerType,
              providerType: offer.providerType,
              providerName: offer.providerName,
              capacity: offer.capacity,
              quantity: offer.quantity,
              goodsMode: offer.goodsMode,
              valueMinor: offer.valueMinor,
              currency: offer.currency,
              availability: offer.availability,
              exceptions: offer.exceptions,
              slotMinutes: offer.slotMinutes,
              availableUntil: offer.availableUntil,
            }
          : null,
      };
    }
  }
}
export type PublicResource = NonNullable<Awaited<ReturnType<typeof getPublicResource>>>;

/** Public pickers: communities and their grids, for the filters and the forms (kept a few seconds per process). */
export function listAreas() {
  return placeRead('public areas', () =>
    db()
      .select({ id: places.id, type: places.type, parentId: places.parentId, nameZh: places.nameZh, nameEn: places.nameEn, path: places.path })
      .from(places)
      .where(and(inArray(places.type, ['street', 'community', 'grid']), isNull(places.archivedAt)))
      .orderBy(asc(places.depth), asc(places.createdAt)),
  );
}

/**
 * Takes a resource off the public list (a venue closes, a volunteer pauses) or puts it back. The route
 * decides who may (owner or staff of the place); the change is audited.
 */
export async function setResourceStatus(actor: Actor, id: string, status: 'active' | 'inactive') {
  return db().transaction(async (tx) => {
    const [before] = await tx.select({ status: resources.status, placeId: resources.placeId }).from(resources).where(eq(resources.id, id)).for('update');
    if (!before) throw new ResourceError('not_found');
    if (before.status === status) return false;
    await tx.update(resources).set({ status }).where(eq(resources.id, id));
    // Off the list means out of the index: the relay finds no public document and deletes it.
    await queueSearchUpsert(tx, 'resources', id);
    await recordAudit(tx, actor, { action: status === 'active' ? 'resource.reactivate' : 'resource.withdraw', subjectType: 'resource', subjectId: id, placeId: before.placeId, before: { status: before.status }, after: { status } });
    return true;
  });
}

/** Owner or active leader of a team/organisation. */
export async function isLeader(tx: DbOrTx, resourceId: string, userId: string) {
  const [row] = await tx
    .select({ id: resourceMembers.id })
    .from(resourceMembers)
    .where(and(eq(resourceMembers.resourceId, resourceId), eq(resourceMembers.userId, userId), eq(resourceMembers.role, 'leader'), eq(resourceMembers.status, 'active')))
    .limit(1);
  return Boolean(row);
}
