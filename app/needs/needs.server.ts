// Needs: raising one, who may see and do what with a need, its public and private views, and the lists.
import { and, asc, desc, eq, inArray, isNull, like, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { db, type DbOrTx } from '../../db/client';
import {
  needDispatches,
  needEvents,
  needFollowers,
  needPrivateDetails,
  needProgress,
  needRatings,
  needs,
  places,
  roleAssignments,
  users,
  type Need,
} from '../../db/schema';
import { recordAudit, type Actor } from '../audit/audit.server';
import { actorOf, type Principal } from '../permissions/principal.server';
import { can, scopesFor, type Permission } from '../permissions/rules';
import { pathIds } from '../places/rules';
import { deadlinesFor, deadlineState, serviceLevelFor, type DeadlineState } from './deadlines';
import { notifyNeedStep } from './notify.server';
import { savePhotos, type Photo } from './photos.server';
import { sanitiseSummary } from './sanitise';
import type { RaiseInput } from './schemas';
import { categoryKeys, readNeedSettings, type NeedSettings } from './settings';
import { isPublicStatus, openStatuses } from './status';
import type { EscalationLevel, NeedChannel, NeedStatus } from './values';
import { queueSearchUpsert } from '../../search/relay';

export class NeedError extends Error {
  constructor(
    public readonly code: 'not_found' | 'forbidden' | 'wrong_state' | 'invalid',
    public readonly fields: Record<string, string[]> = {},
  ) {
    super(code);
  }
}
const invalid = (field: string, message: string) => new NeedError('invalid', { [field]: [message] });

/** The user a need is for when the caller acts: the person acted for, else the caller. */
export const effectiveUserId = (p: Principal) => p.actingFor?.id ?? p.user.id;

const STAFF_ROLE_ORDER = ['admin', 'street_staff', 'community_staff', 'social_worker', 'grid_worker'] as const;

/** The role someone acted in, for the public timeline: the staff role that grants `permission` there, else their first role. */
export function roleFor(p: Principal | null, placePath: string, permission?: Permission): string {
  if (!p) return 'anonymous';
  if (permission) {
    for (const role of STAFF_ROLE_ORDER) {
      if (p.roles.some((r) => r.role === role && can([r], permission, placePath))) return role;
    }
  }
  return p.roles.find((r) => r.role !== 'resident')?.role ?? 'resident';
}

// ——— places ———

interface NeedPlace {
  placeId: string;
  placePath: string;
  communityId: string;
  communityPath: string;
  communitySettings: NeedSettings;
  gridId: string | null;
  streetId: string | null;
}

/** The community, top-level grid and street of a place; null when the place is not inside a community. */
export async function resolveNeedPlace(tx: DbOrTx, placeId: string): Promise<NeedPlace | null> {
  const [place] = await tx.select({ id: places.id, path: places.path, type: places.type }).from(places).where(and(eq(places.id, placeId), isNull(places.archivedAt)));
  if (!place || !['community', 'grid', 'compound', 'building'].includes(place.type)) return null;
  const chain = await tx.select({ id: places.id, type: places.type, path: places.path, depth: places.depth, settings: places.settings }).from(places).where(inArray(places.id, pathIds(place.path)));
  chain.sort((a, b) => a.depth - b.depth);
  const community = chain.find((c) => c.type === 'community');
  if (!community) return null;
  return {
    placeId: place.id,
    placePath: place.path,
    communityId: community.id,
    communityPath: community.path,
    communitySettings: readNeedSettings(community.settings),
    gridId: chain.find((c) => c.type === 'grid')?.id ?? null,
    streetId: chain.find((c) => c.type === 'street')?.id ?? null,
  };
}

export async function getCommunityNeedSettings(communityId: string) {
  const [c] = await db().select({ settings: places.settings }).from(places).where(and(eq(places.id, communityId), eq(places.type, 'community')));
  return c ? readNeedSettings(c.settings) : null;
}

const levelRole: Record<EscalationLevel, 'grid_worker' | 'community_staff' | 'street_staff'> = {
  grid: 'grid_worker',
  community: 'community_staff',
  street: 'street_staff',
};

/** The person answerable at a level: the longest-serving grid worker, community staff or street staff there. */
export async function responsibleAt(tx: DbOrTx, level: EscalationLevel, place: { gridId: string | null; communityId: string; streetId: string | null }) {
  const placeId = level === 'grid' ? place.gridId : level === 'community' ? place.communityId : place.streetId;
  if (!placeId) return null;
  const [row] = await tx
    .select({ userId: roleAssignments.userId })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(and(eq(roleAssignments.placeId, placeId), eq(roleAssignments.role, levelRole[level]), isNull(roleAssignments.revokedAt), isNull(users.disabledAt)))
    .orderBy(asc(roleAssignments.createdAt))
    .limit(1);
  return row?.userId ?? null;
}

// ——— raising ———

export interface RaiseOptions {
  /** For imports and demo data: when the paper ledger says it was raised. */
  raisedAt?: Date;
  channel?: NeedChannel;
  importId?: string;
  photos?: Photo[];
}

/**
 * Raises a need: by a signed-in resident (or someone acting for them), anonymously (caller null, a contact kept
 * private), or by staff logging it for a resident with the channel recorded.
 */
export async function raiseNeed(caller: Principal | null, input: RaiseInput, opts: RaiseOptions = {}, tx?: DbOrTx) {
  const run = async (t: DbOrTx) => {
    const place = await resolveNeedPlace(t, input.placeId);
    if (!place) throw invalid('placeId', 'needs.v.place');
    if (!categoryKeys(place.communitySettings).includes(input.category)) throw invalid('category', 'needs.v.category');
    let channel: NeedChannel;
    let requesterUserId: string | null = null;
    if (opts.channel === 'import') {
      channel = 'import';
    } else if (!caller) {
      if (!input.phone && !input.email) throw invalid('phone', 'needs.v.contactRequired');
      channel = 'anonymous';
    } else if (input.channel) {
      // Logging a need for someone else requires the permission at the place.
      if (!can(caller.roles, 'need.raise_for', place.placePath)) throw new NeedError('forbidden');
      channel = input.channel;
      requesterUserId = caller.actingFor?.id ?? null;
      if (!requesterUserId && !input.contactName && !input.phone) throw invalid('contactName', 'needs.v.contactRequired');
    } else {
      channel = 'online';
      requesterUserId = effectiveUserId(caller);
    }
    const raisedAt = opts.raisedAt ?? new Date();
    const deadlines = deadlinesFor(raisedAt, serviceLevelFor(place.communitySettings.serviceLevels, input.category, input.urgency));
    const escalationLevel: EscalationLevel = place.gridId ? 'grid' : 'community';
    const responsibleUserId = await responsibleAt(t, escalationLevel, place);
    const [need] = await t
      .insert(needs)
      .values({
        communityId: place.communityId,
        gridId: place.gridId,
        placeId: place.placeId,
        title: input.title,
        description: input.description ?? '',
        publicSummary: sanitiseSummary(input.title, 120, [input.contactName, caller?.actingFor?.name, caller && !input.channel ? caller.user.name : null]),
        category: input.category,
        beneficiary: input.beneficiary,
        quantity: input.quantity ?? null,
        quantityUnit: input.quantityUnit ?? null,
        recurrence: input.recurrence,
        wantedFrom: input.wantedFrom ?? null,
        wantedUntil: input.wantedUntil ?? null,
        urgency: input.urgency,
        status: 'raised',
        channel,
        requesterUserId,
        raisedByUserId: caller?.user.id ?? null,
        escalationLevel,
        responsibleUserId,
        importId: opts.importId ?? null,
        raisedAt,
        ...deadlines,
      })
      .returning();
    const hasPrivate = input.contactName || input.phone || input.email || input.address || input.healthNotes;
    if (hasPrivate) {
      await t.insert(needPrivateDetails).values({
        needId: need.id,
        contactName: input.contactName ?? null,
        phone: input.phone ?? null,
        email: input.email?.toLowerCase() ?? null,
        address: input.address ?? null,
        healthNotes: input.healthNotes ?? null,
      });
    }
    await savePhotos(t, need.id, null, caller?.user.id ?? null, opts.photos ?? []);
    // Not public until verified, so the relay finds no document yet; the message keeps the index honest if that changes.
    await queueSearchUpsert(t, 'needs', need.id);
    const actor: Actor = caller ? actorOf(caller) : { userId: null };
    const actorRole = channel === 'online' ? 'resident' : channel === 'anonymous' ? 'anonymous' : channel === 'import' ? roleFor(caller, place.placePath, 'need.import') : roleFor(caller, place.placePath, 'need.raise_for');
    await t.insert(needEvents).values({ needId: need.id, kind: 'raised', actorUserId: actor.userId, onBehalfOfUserId: actor.onBehalfOfUserId ?? null, actorRole, toStatus: 'raised', data: { channel }, createdAt: raisedAt });
    if (opts.channel !== 'import') {
      // Imports write one audit event for the whole file instead of one per row.
      await recordAudit(t, actor, { action: 'need.raise', subjectType: 'need', subjectId: need.id, placeId: need.placeId, after: { status: 'raised', category: need.category, urgency: need.urgency, channel } });
      await notifyNeedStep(t, { needId: need.id, kind: 'raised', actorUserId: caller?.user.id ?? null, also: [responsibleUserId] });
    }
    return need;
  };
  return tx ? run(tx) : db().transaction(run);
}

// ——— access ———

export interface NeedAccess {
  need: Need;
  placePath: string;
  /** The requester themselves, or someone acting for them. */
  isRequester: boolean;
  /** Dispatched to them, or the named responsible person of a live dispatch. */
  isAssignee: boolean;
  canReadPrivate: boolean;
  canSeePublic: boolean;
  can: (permission: Permission) => boolean;
}

export async function loadNeed(tx: DbOrTx, needId: string) {
  const [row] = await tx.select({ need: needs, placePath: places.path }).from(needs).innerJoin(places, eq(places.id, needs.placeId)).where(eq(needs.id, needId));
  return row ?? null;
}

export async function isAssigneeOf(tx: DbOrTx, needId: string, userId: string) {
  const [row] = await tx
    .select({ id: needDispatches.id })
    .from(needDispatches)
    .where(and(eq(needDispatches.needId, needId), isNull(needDispatches.withdrawnAt), or(eq(needDispatches.assigneeUserId, userId), eq(needDispatches.responsibleUserId, userId))))
    .limit(1);
  return Boolean(row);
}

export async function needAccess(caller: Principal | null, needId: string, tx: DbOrTx = db()): Promise<NeedAccess | null> {
  const row = await loadNeed(tx, needId);
  if (!row) return null;
  const { need, placePath } = row;
  const isRequester = Boolean(caller && need.requesterUserId && (need.requesterUserId === caller.user.id || need.requesterUserId === caller.actingFor?.id));
  const isAssignee = Boolean(caller && (await isAssigneeOf(tx, need.id, caller.user.id)));
  const holds = (permission: Permission) => Boolean(caller && can(caller.roles, permission, placePath));
  const canReadPrivate = isRequester || isAssignee || holds('need.read_private');
  return { need, placePath, isRequester, isAssignee, canReadPrivate, canSeePublic: isPublicStatus(need.status) || canReadPrivate, can: holds };
}

/**
 * The access to a need for a step, or a thrown NeedError: not_found when the caller may not even know it exists
 * (an unverified need of another community), forbidden when they may see it but not do this.
 */
export async function requireNeedAccess(caller: Principal | null, needId: string, allowed: (a: NeedAccess) => boolean, tx: DbOrTx = db()) {
  const access = await needAccess(caller, needId, tx);
  if (!access || !access.canSeePublic) throw new NeedError('not_found');
  if (!allowed(access)) throw new NeedError('forbidden');
  return access;
}

// ——— views ———

const community = alias(places, 'community');
const grid = alias(places, 'grid');

const publicColumns = {
  id: needs.id,
  category: needs.category,
  summary: needs.publicSummary,
  status: needs.status,
  urgency: needs.urgency,
  needType: needs.needType,
  beneficiary: needs.beneficiary,
  quantity: needs.quantity,
  quantityUnit: needs.quantityUnit,
  recurrence: needs.recurrence,
  wantedFrom: needs.wantedFrom,
  wantedUntil: needs.wantedUntil,
  escalationLevel: needs.escalationLevel,
  mergedIntoId: needs.mergedIntoId,
  reply: needs.reply,
  raisedAt: needs.raisedAt,
  firstResponseDueAt: needs.firstResponseDueAt,
  resolutionDueAt: needs.resolutionDueAt,
  firstRespondedAt: needs.firstRespondedAt,
  resolvedAt: needs.resolvedAt,
  closedAt: needs.closedAt,
  communityId: needs.communityId,
  communityZh: community.nameZh,
  communityEn: community.nameEn,
  gridId: needs.gridId,
  gridZh: grid.nameZh,
  gridEn: grid.nameEn,
  covered: sql<number>`(select coalesce(sum(coalesce(d.quantity, ${needs.quantity}, 1)), 0)::int from ${needDispatches} d where d.need_id = ${needs.id} and d.withdrawn_at is null)`,
  delivered: sql<number>`(select coalesce(sum(p.quantity), 0)::int from ${needProgress} p where p.need_id = ${needs.id})`,
  stars: sql<number | null>`(select r.stars from ${needRatings} r where r.need_id = ${needs.id})`,
};

export type PublicNeedRow = Awaited<ReturnType<typeof selectPublic>>[number];

function selectPublic(where: SQL | undefined, tx: DbOrTx = db()) {
  return tx.select(publicColumns).from(needs).innerJoin(community, eq(community.id, needs.communityId)).leftJoin(grid, eq(grid.id, needs.gridId)).where(where);
}

export interface PublicNeed extends PublicNeedRow {
  deadlineState: DeadlineState;
}

const withState = (n: PublicNeedRow, now = new Date()): PublicNeed => ({ ...n, deadlineState: deadlineState(n, now) });

// The running deadline and overdue states in SQL, mirroring deadlineState() in deadlines.ts.
const runningDueSql = sql`(case when ${needs.status} = 'raised' then least(${needs.firstResponseDueAt}, ${needs.resolutionDueAt}) when ${needs.status} in ('triaged','dispatched','in_progress') then ${needs.resolutionDueAt} end)`;
export function overdueSql(state: 'overdue' | 'very_overdue', now: Date) {
  const at = now.toISOString();
  return state === 'overdue'
    ? sql`${runningDueSql} < ${at}::timestamptz`
    : sql`${at}::timestamptz > ${runningDueSql} + (${runningDueSql} - ${needs.raisedAt})`;
}

export interface NeedFilter {
  category?: string;
  communityId?: string;
  gridId?: string;
  status?: NeedStatus | 'open';
  urgency?: string;
  overdue?: 'overdue' | 'very_overdue';
}

function filterSql(f: NeedFilter, now: Date): SQL[] {
  return [
    f.category ? eq(needs.category, f.category) : undefined,
    f.communityId ? eq(needs.communityId, f.communityId) : undefined,
    f.gridId ? eq(needs.gridId, f.gridId) : undefined,
    f.status === 'open' ? inArray(needs.status, [...openStatuses]) : f.status ? eq(needs.status, f.status) : undefined,
    f.urgency ? eq(needs.urgency, f.urgency as Need['urgency']) : undefined,
    f.overdue ? overdueSql(f.overdue, now) : undefined,
  ].filter((c): c is SQL => Boolean(c));
}

/** The public needs list: verified needs only, public fields only, newest first. */
export async function listPublicNeeds(filter: NeedFilter, page: { limit: number; offset: number }, now = new Date()) {
  const where = and(sql`${needs.status} <> 'raised'`, ...filterSql(filter, now));
  const [rows, [{ total }]] = await Promise.all([
    selectPublic(where).orderBy(desc(needs.raisedAt), desc(needs.id)).limit(page.limit).offset(page.offset),
    db().select({ total: sql<number>`count(*)::int` }).from(needs).where(where),
  ]);
  return { rows: rows.map((r) => withState(r, now)), total: Number(total) };
}

export async function getPublicNeed(needId: string, tx: DbOrTx = db()) {
  const [row] = await selectPublic(eq(needs.id, needId), tx);
  return row ? withState(row) : null;
}

/** The public timeline: what happened, when, in which role; never who by name, never notes. */
export async function publicTimeline(needId: string) {
  return db()
    .select({ id: needEvents.id, kind: needEvents.kind, actorRole: needEvents.actorRole, toStatus: needEvents.toStatus, data: needEvents.data, createdAt: needEvents.createdAt })
    .from(needEvents)
    .where(eq(needEvents.needId, needId))
    .orderBy(asc(needEvents.createdAt), asc(needEvents.id));
}

export async function publicDispatches(needId: string) {
  const rows = await db()
    .select({ id: needDispatches.id, assigneeType: needDispatches.assigneeType, assigneeName: needDispatches.assigneeName, quantity: needDispatches.quantity, createdAt: needDispatches.createdAt })
    .from(needDispatches)
    .where(and(eq(needDispatches.needId, needId), isNull(needDispatches.withdrawnAt)))
    .orderBy(asc(needDispatches.createdAt));
  // Teams, organisations, departments and projects are named in public; a person is not.
  return rows.map((r) => ({ ...r, assigneeName: r.assigneeType === 'person' ? null : r.assigneeName }));
}

/**
 * The private side of a need, for the requester, the staff of its place and the people assigned. Every call
 * writes a need.read_private audit event in the same transaction as the read.
 */
export async function getPrivateNeed(actor: Actor, access: NeedAccess) {
  if (!access.canReadPrivate) throw new NeedError('forbidden');
  const needId = access.need.id;
  const requester = alias(users, 'requester');
  const raisedBy = alias(users, 'raised_by');
  const responsible = alias(users, 'responsible');
  const place = alias(places, 'place');
  return db().transaction(async (tx) => {
    const [detail] = await tx
      .select({
        title: needs.title,
        description: needs.description,
        channel: needs.channel,
        placeId: needs.placeId,
        placeZh: place.nameZh,
        placeEn: place.nameEn,
        requesterName: requester.name,
        raisedByName: raisedBy.name,
        responsibleName: responsible.name,
        contactName: needPrivateDetails.contactName,
        phone: needPrivateDetails.phone,
        email: needPrivateDetails.email,
        address: needPrivateDetails.address,
        healthNotes: needPrivateDetails.healthNotes,
      })
      .from(needs)
      .innerJoin(place, eq(place.id, needs.placeId))
      .leftJoin(requester, eq(requester.id, needs.requesterUserId))
      .leftJoin(raisedBy, eq(raisedBy.id, needs.raisedByUserId))
      .leftJoin(responsible, eq(responsible.id, needs.responsibleUserId))
      .leftJoin(needPrivateDetails, eq(needPrivateDetails.needId, needs.id))
      .where(eq(needs.id, needId));
    const assignee = alias(users, 'assignee');
    const dispatches = await tx
      .select({
        id: needDispatches.id,
        assigneeType: needDispatches.assigneeType,
        assigneeName: sql<string | null>`coalesce(${needDispatches.assigneeName}, ${assignee.name})`,
        responsibleName: responsible.name,
        responsibleUserId: needDispatches.responsibleUserId,
        quantity: needDispatches.quantity,
        createdAt: needDispatches.createdAt,
      })
      .from(needDispatches)
      .leftJoin(assignee, eq(assignee.id, needDispatches.assigneeUserId))
      .innerJoin(responsible, eq(responsible.id, needDispatches.responsibleUserId))
      .where(and(eq(needDispatches.needId, needId), isNull(needDispatches.withdrawnAt)))
      .orderBy(asc(needDispatches.createdAt));
    const actorUser = alias(users, 'actor');
    const behalf = alias(users, 'behalf');
    const timeline = await tx
      .select({ id: needEvents.id, kind: needEvents.kind, actorName: actorUser.name, onBehalfOfName: behalf.name, note: needEvents.note })
      .from(needEvents)
      .leftJoin(actorUser, eq(actorUser.id, needEvents.actorUserId))
      .leftJoin(behalf, eq(behalf.id, needEvents.onBehalfOfUserId))
      .where(eq(needEvents.needId, needId));
    const [rating] = await tx.select({ stars: needRatings.stars, comment: needRatings.comment }).from(needRatings).where(eq(needRatings.needId, needId));
    await recordAudit(tx, actor, { action: 'need.read_private', subjectType: 'need', subjectId: needId, placeId: access.need.placeId });
    return { ...detail, dispatches, timelineDetails: timeline, ratingComment: rating?.comment ?? null };
  });
}

// ——— lists for people ———

/** Needs raised by or for the caller (or the person they act for), newest first. */
export async function listMyNeeds(principal: Principal, limit = 100) {
  const uid = effectiveUserId(principal);
  const rows = await selectPublic(or(eq(needs.requesterUserId, uid), and(eq(needs.raisedByUserId, principal.user.id), isNull(needs.requesterUserId))))
    .orderBy(desc(needs.raisedAt))
    .limit(limit);
  const titles = rows.length ? await db().select({ id: needs.id, title: needs.title }).from(needs).where(inArray(needs.id, rows.map((r) => r.id))) : [];
  return rows.map((r) => ({ ...withState(r), title: titles.find((t) => t.id === r.id)?.title ?? r.summary }));
}

/** Needs dispatched to the caller or with the caller named responsible, still open. */
export async function listAssignedNeeds(principal: Principal, limit = 100) {
  const mine = db()
    .select({ id: needDispatches.needId })
    .from(needDispatches)
    .where(and(isNull(needDispatches.withdrawnAt), or(eq(needDispatches.assigneeUserId, principal.user.id), eq(needDispatches.responsibleUserId, principal.user.id))));
  const rows = await selectPublic(and(inArray(needs.id, mine), inArray(needs.status, ['dispatched', 'in_progress', 'resolved'])))
    .orderBy(asc(needs.resolutionDueAt))
    .limit(limit);
  return rows.map((r) => withState(r));
}

/** Scope of staff lists as a WHERE clause on the need's place path; undefined = everywhere, null = nowhere. */
function scopeClause(scopes: (string | null)[]): SQL | undefined | null {
  if (!scopes.length) return null;
  if (scopes.includes(null)) return undefined;
  return or(...scopes.map((s) => like(places.path, `${s}%`)));
}

/** The staff triage queue: open needs in the caller's scope, very overdue first, then overdue, then by deadline. */
export async function triageQueue(principal: Principal, filter: NeedFilter, page: { limit: number; offset: number }, now = new Date()) {
  const scope = scopeClause([...scopesFor(principal.roles, 'need.triage'), ...scopesFor(principal.roles, 'need.dispatch'), ...scopesFor(principal.roles, 'need.read_private')]);
  if (scope === null) return { rows: [], total: 0 };
  const where = and(scope, inArray(needs.status, [...openStatuses]), ...filterSql(filter, now));
  const rank = sql`(case when ${overdueSql('very_overdue', now)} then 0 when ${overdueSql('overdue', now)} then 1 else 2 end)`;
  const [rows, [{ total }]] = await Promise.all([
    db()
      .select({ ...publicColumns, title: needs.title, channel: needs.channel })
      .from(needs)
      .innerJoin(places, eq(places.id, needs.placeId))
      .innerJoin(community, eq(community.id, needs.communityId))
      .leftJoin(grid, eq(grid.id, needs.gridId))
      .where(where)
      .orderBy(rank, runningDueSql, asc(needs.id))
      .limit(page.limit)
      .offset(page.offset),
    db().select({ total: sql<number>`count(*)::int` }).from(needs).innerJoin(places, eq(places.id, needs.placeId)).where(where),
  ]);
  return { rows: rows.map((r) => ({ ...withState(r, now), title: r.title, channel: r.channel })), total: Number(total) };
}

/** People who can be dispatched to or named responsible for a need of this community: those with a role in it or above it. */
export async function dispatchCandidates(communityPath: string, tx: DbOrTx = db()) {
  const ancestors = pathIds(communityPath);
  return tx
    .selectDistinct({ id: users.id, name: users.name, role: roleAssignments.role })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .innerJoin(places, eq(places.id, roleAssignments.placeId))
    .where(
      and(
        isNull(roleAssignments.revokedAt),
        isNull(users.disabledAt),
        inArray(roleAssignments.role, ['volunteer', 'team_leader', 'org_member', 'social_worker', 'grid_worker', 'community_staff', 'street_staff']),
        or(like(places.path, `${communityPath}%`), inArray(places.id, ancestors)),
      ),
    )
    .orderBy(asc(users.name))
    .limit(300);
}

// ——— following ———

export async function followNeed(principal: Principal, needId: string, follow: boolean) {
  const access = await requireNeedAccess(principal, needId, (a) => isPublicStatus(a.need.status) || a.canReadPrivate);
  await db().transaction(async (tx) => {
    if (follow) {
      const added = await tx.insert(needFollowers).values({ needId, userId: principal.user.id }).onConflictDoNothing().returning({ id: needFollowers.id });
      if (added.length) await recordAudit(tx, actorOf(principal), { action: 'need.follow', subjectType: 'need', subjectId: needId, placeId: access.need.placeId });
    } else {
      const removed = await tx.delete(needFollowers).where(and(eq(needFollowers.needId, needId), eq(needFollowers.userId, principal.user.id))).returning({ id: needFollowers.id });
      if (removed.length) await recordAudit(tx, actorOf(principal), { action: 'need.unfollow', subjectType: 'need', subjectId: needId, placeId: access.need.placeId });
    }
  });
}

export async function isFollowing(userId: string, needId: string) {
  const [row] = await db().select({ id: needFollowers.id }).from(needFollowers).where(and(eq(needFollowers.needId, needId), eq(needFollowers.userId, userId)));
  return Boolean(row);
}

/** Places a need can be raised at: every community and what is inside it, labelled with its ancestry (public names). */
export async function placeOptions() {
  const rows = await db()
    .select({ id: places.id, path: places.path, type: places.type, nameZh: places.nameZh, nameEn: places.nameEn })
    .from(places)
    .where(and(inArray(places.type, ['community', 'grid', 'compound', 'building']), isNull(places.archivedAt)))
    .orderBy(asc(places.path));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return rows
    .map((r) => {
      const chain = pathIds(r.path).map((id) => byId.get(id)).filter((p): p is (typeof rows)[number] => Boolean(p));
      return { id: r.id, type: r.type, zh: chain.map((c) => c.nameZh).join(' › '), en: chain.map((c) => c.nameEn).join(' › ') };
    })
    .sort((a, b) => a.zh.localeCompare(b.zh, 'zh-CN'));
}

/** The community a need's place belongs to, its categories and service levels. */
export const needPlaceOf = (placeId: string) => resolveNeedPlace(db(), placeId);
