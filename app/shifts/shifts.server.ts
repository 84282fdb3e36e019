// Shifts: publishing (one row per occurrence of a weekly series), the public list and calendar, one shift's page,
// who runs a shift, and the open shifts offered to matching. Who signed up is never on the public side.
import { randomBytes } from 'node:crypto';
import { and, asc, eq, gte, inArray, like, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { db, type DbOrTx } from '../../db/client';
import { needs, places, projects, resources, shiftSignups, shifts, type Shift } from '../../db/schema';
import { recordAudit, type Actor } from '../audit/audit.server';
import { can, scopesFor, type ScopedRole } from '../permissions/rules';
import { locate } from '../resources/resources.server';
import { checkinCodeOf, weeklyOccurrences } from './rules';
import type { ShiftInput } from './schemas';

/** Who is asking: their id and place-scoped roles (a Principal fits). */
export interface Caller {
  user: { id: string };
  roles: readonly ScopedRole[];
}

export class ShiftError extends Error {
  constructor(
    public readonly code: 'not_found' | 'forbidden' | 'invalid' | 'conflict' | 'cutoff' | 'closed' | 'code' | 'not_open' | 'too_many',
    public readonly field?: string,
    /** For too_many: seconds until another attempt is allowed. */
    public readonly retryAfterSeconds?: number,
  ) {
    super(code);
  }
}

/** Whether the caller runs this shift: its organiser, or staff who manage shifts at its place. */
export const runsShift = (principal: Caller, shift: Pick<Shift, 'organiserUserId' | 'placePath'>) =>
  shift.organiserUserId === principal.user.id || can(principal.roles, 'shift.manage', shift.placePath);

/** Whether the caller runs the shift with this id. */
export async function runsShiftId(principal: Caller, shiftId: string) {
  const [shift] = await db().select({ organiserUserId: shifts.organiserUserId, placePath: shifts.placePath }).from(shifts).where(eq(shifts.id, shiftId));
  return Boolean(shift && runsShift(principal, shift));
}

/** The WHERE clause of shifts the caller runs (organiser or manager in scope). */
export function runsClause(principal: Caller): SQL {
  const scopes = scopesFor(principal.roles, 'shift.manage');
  if (scopes.includes(null)) return sql`true`;
  return or(eq(shifts.organiserUserId, principal.user.id), ...scopes.map((s) => like(shifts.placePath, `${s}%`)))!;
}

/** Publishes a shift, or a weekly series of them (one row per occurrence, each with its own spots). */
export async function createShift(principal: Caller, actor: Actor, input: ShiftInput) {
  return db().transaction(async (tx) => {
    const where = await locate(tx, input.placeId);
    if (!can(principal.roles, 'shift.organise', where.placePath)) throw new ShiftError('forbidden', 'placeId');
    if (input.needId) {
      const [need] = await tx.select({ communityId: needs.communityId }).from(needs).where(eq(needs.id, input.needId));
      if (!need) throw new ShiftError('invalid', 'needId');
    }
    if (input.projectId) {
      const [project] = await tx.select({ id: projects.id }).from(projects).where(eq(projects.id, input.projectId));
      if (!project) throw new ShiftError('invalid', 'projectId');
    }
    if (input.organisationId) {
      const [org] = await tx.select({ kind: resources.kind }).from(resources).where(eq(resources.id, input.organisationId));
      if (!org || (org.kind !== 'team' && org.kind !== 'organisation')) throw new ShiftError('invalid', 'organisationId');
    }
    const seriesId = input.weeks > 1 ? crypto.randomUUID() : null;
    const rows = weeklyOccurrences({ startsAt: input.startsAt, endsAt: input.endsAt }, input.weeks).map((o) => ({
      title: input.title,
      description: input.description,
      role: input.role,
      spots: input.spots,
      waitlistLimit: input.waitlistLimit,
      skills: input.skills,
      requiredChecks: input.requiredChecks,
      placeId: where.placeId,
      placePath: where.placePath,
      communityId: where.communityId,
      location: input.location,
      needId: input.needId ?? null,
      projectId: input.projectId ?? null,
      organisationId: input.organisationId ?? null,
      timing: input.timing,
      startsAt: o.startsAt,
      endsAt: o.endsAt,
      durationMinutes: input.durationMinutes,
      recurrence: input.recurrence,
      seriesId,
      teamsAllowed: input.teamsAllowed,
      cancelCutoffHours: input.cancelCutoffHours,
      autoCheckoutMinutes: input.autoCheckoutMinutes,
      checkinCode: checkinCodeOf(randomBytes(3)),
      organiserUserId: principal.user.id,
    }));
    const created = await tx.insert(shifts).values(rows).returning({ id: shifts.id, startsAt: shifts.startsAt });
    for (const s of created) {
      await recordAudit(tx, actor, { action: 'shift.create', subjectType: 'shift', subjectId: s.id, placeId: where.placeId, after: { title: input.title, spots: input.spots, startsAt: s.startsAt.toISOString(), seriesId } });
    }
    return created;
  });
}

/** The whole shift row (with its check-in code): for services that have already checked who is asking. */
export async function getShiftRow(tx: DbOrTx, shiftId: string) {
  const [row] = await tx.select().from(shifts).where(eq(shifts.id, shiftId)).limit(1);
  return row ?? null;
}

const community = alias(places, 'community');
const place = alias(places, 'place');

/** Public columns of a shift, with counts of booked and waiting sign-ups. */
const publicColumns = {
  id: shifts.id,
  title: shifts.title,
  description: shifts.description,
  role: shifts.role,
  spots: shifts.spots,
  waitlistLimit: shifts.waitlistLimit,
  skills: shifts.skills,
  requiredChecks: shifts.requiredChecks,
  placeId: shifts.placeId,
  placeZh: place.nameZh,
  placeEn: place.nameEn,
  placeType: place.type,
  communityId: shifts.communityId,
  communityZh: community.nameZh,
  communityEn: community.nameEn,
  location: shifts.location,
  needId: shifts.needId,
  projectId: shifts.projectId,
  organisationId: shifts.organisationId,
  organisationName: resources.name,
  timing: shifts.timing,
  startsAt: shifts.startsAt,
  endsAt: shifts.endsAt,
  durationMinutes: shifts.durationMinutes,
  recurrence: shifts.recurrence,
  seriesId: shifts.seriesId,
  teamsAllowed: shifts.teamsAllowed,
  cancelCutoffHours: shifts.cancelCutoffHours,
  status: shifts.status,
  booked: sql<number>`(select count(*)::int from ${shiftSignups} b where b.shift_id = ${shifts.id} and b.status = 'booked')`,
  waiting: sql<number>`(select count(*)::int from ${shiftSignups} w where w.shift_id = ${shifts.id} and w.status = 'waitlisted')`,
};
function publicQuery(dbOrTx: DbOrTx) {
  return dbOrTx
    .select(publicColumns)
    .from(shifts)
    .innerJoin(place, eq(place.id, shifts.placeId))
    .leftJoin(community, eq(community.id, shifts.communityId))
    .leftJoin(resources, eq(resources.id, shifts.organisationId));
}

export interface ShiftFilter {
  communityId?: string;
  skill?: string;
  needId?: string;
  projectId?: string;
  from?: Date;
  to?: Date;
  /** Only shifts with a free spot. */
  openOnly?: boolean;
  limit?: number;
  offset?: number;
}

/** Upcoming (or in the given range) open shifts, soonest first. */
export async function listShifts(filter: ShiftFilter = {}) {
  const from = filter.from ?? new Date();
  const conds: (SQL | undefined)[] = [eq(shifts.status, 'open'), gte(shifts.endsAt, from), filter.to ? lt(shifts.startsAt, filter.to) : undefined];
  if (filter.communityId) conds.push(eq(shifts.communityId, filter.communityId));
  if (filter.skill) conds.push(sql`${filter.skill} = any(${shifts.skills})`);
  if (filter.needId) conds.push(eq(shifts.needId, filter.needId));
  if (filter.projectId) conds.push(eq(shifts.projectId, filter.projectId));
  if (filter.openOnly) conds.push(sql`(select count(*) from ${shiftSignups} b where b.shift_id = ${shifts.id} and b.status = 'booked') < ${shifts.spots}`);
  const where = and(...conds);
  const [rows, [{ total }]] = await Promise.all([
    publicQuery(db())
      .where(where)
      .orderBy(asc(shifts.startsAt), asc(shifts.id))
      .limit(filter.limit ?? 50)
      .offset(filter.offset ?? 0),
    db().select({ total: sql<number>`count(*)::int` }).from(shifts).where(where),
  ]);
  return { rows, total: Number(total) };
}

/** One shift's public side, whatever its status or date. */
export async function getPublicShift(shiftId: string) {
  const [row] = await publicQuery(db()).where(eq(shifts.id, shiftId)).limit(1);
  return row ?? null;
}

export interface OpenShiftForMatching {
  id: string;
  title: string;
  role: string;
  skills: string[];
  requiredChecks: string[];
  placeId: string;
  placePath: string;
  communityId: string | null;
  location: string;
  timing: 'fixed' | 'window';
  startsAt: Date;
  endsAt: Date;
  durationMinutes: number | null;
  needId: string | null;
  projectId: string | null;
  freeSpots: number;
}

/**
 * Open shifts with a free spot, starting after `now` (or windows still open), for matching ("needs and shifts near me"):
 * skills, place (path for distance in the hierarchy) and time. Optionally limited to a place's subtree.
 */
export async function listOpenShiftsForMatching(opts: { now?: Date; until?: Date; withinPath?: string; limit?: number } = {}): Promise<OpenShiftForMatching[]> {
  const now = opts.now ?? new Date();
  const free = sql<number>`${shifts.spots} - (select count(*)::int from ${shiftSignups} b where b.shift_id = ${shifts.id} and b.status = 'booked')`;
  const rows = await db()
    .select({
      id: shifts.id,
      title: shifts.title,
      role: shifts.role,
      skills: shifts.skills,
      requiredChecks: shifts.requiredChecks,
      placeId: shifts.placeId,
      placePath: shifts.placePath,
      communityId: shifts.communityId,
      location: shifts.location,
      timing: shifts.timing,
      startsAt: shifts.startsAt,
      endsAt: shifts.endsAt,
      durationMinutes: shifts.durationMinutes,
      needId: shifts.needId,
      projectId: shifts.projectId,
      freeSpots: free,
    })
    .from(shifts)
    .where(
      and(
        eq(shifts.status, 'open'),
        sql`case when ${shifts.timing} = 'window' then ${shifts.endsAt} else ${shifts.startsAt} end > ${now.toISOString()}::timestamptz`,
        opts.until ? lt(shifts.startsAt, opts.until) : undefined,
        opts.withinPath ? like(shifts.placePath, `${opts.withinPath}%`) : undefined,
        sql`${free} > 0`,
      ),
    )
    .orderBy(asc(shifts.startsAt))
    .limit(opts.limit ?? 500);
  return rows.map((r) => ({ ...r, freeSpots: Number(r.freeSpots) }));
}

/** Shifts the caller runs, upcoming and recent (the organiser's list). */
export async function listShiftsIRun(principal: Caller, now = new Date()) {
  return publicQuery(db())
    .where(and(runsClause(principal), gte(shifts.endsAt, new Date(now.getTime() - 14 * 86_400_000))))
    .orderBy(asc(shifts.startsAt))
    .limit(100);
}

/** The places a caller may publish shifts at (for the form's place list): their scopes' subtrees down to grids. */
export async function placesToOrganise(principal: Pick<Caller, 'roles'>) {
  const scopes = scopesFor(principal.roles, 'shift.organise');
  if (!scopes.length) return [];
  const scopeWhere = scopes.includes(null) ? undefined : or(...scopes.map((s) => like(places.path, `${s}%`)));
  return db()
    .select({ id: places.id, type: places.type, nameZh: places.nameZh, nameEn: places.nameEn, path: places.path, depth: places.depth })
    .from(places)
    .where(and(inArray(places.type, ['street', 'community', 'grid']), scopeWhere, sql`${places.archivedAt} is null`))
    .orderBy(asc(places.path))
    .limit(300);
}

/** Teams and organisations, to run a shift under (hours are recorded under it). */
export async function organisationsToChoose() {
  return db()
    .select({ id: resources.id, name: resources.name, kind: resources.kind })
    .from(resources)
    .where(and(inArray(resources.kind, ['team', 'organisation']), eq(resources.status, 'active')))
    .orderBy(asc(resources.name))
    .limit(300);
}

export type PublicShift = NonNullable<Awaited<ReturnType<typeof getPublicShift>>>;
