// Signing up for shifts. The capacity is kept by the database: every change to a shift's sign-ups first takes the shift's
// transaction lock (and a sign-up the volunteer's too), and only then — in a later statement, so with a fresh snapshot —
// counts and inserts. The last spot is taken once whatever the concurrency, and the same locks make clash checks and
// waitlist promotion race-free. Lock order is always people (by id) before the shift, so there is no deadlock.
// The locks are PostgreSQL advisory transaction locks rather than row locks: a refused sign-up then writes nothing at
// all (a row lock would), which keeps a burst of 200 sign-ups for 5 spots cheap.
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { db, rows, type Tx } from '../../db/client';
import { backgroundChecks, resourceMembers, resources, shiftSignups, shifts, users, volunteerProfiles, type Shift } from '../../db/schema';
import { recordAudit, type Actor } from '../audit/audit.server';
import { eligibility, type CheckRecord } from '../resources/rules';
import type { CheckType } from '../resources/values';
import { notifyVolunteers } from './notify.server';
import { canCancel } from './rules';
import { getShiftRow, runsShift, ShiftError, type Caller } from './shifts.server';
import type { CancelReason } from './values';

export type RefusalReason = 'full' | 'clash' | 'missing_check' | 'already_signed_up' | 'started' | 'closed' | 'no_profile' | 'not_member' | 'teams_not_allowed';

export type SignupOutcome =
  | { outcome: 'booked' | 'waitlisted'; signupId: string; position?: number }
  | { outcome: 'refused'; reason: RefusalReason; missing?: CheckType[]; expired?: CheckType[]; clashWith?: string };

/** Whether the shift still takes sign-ups at `now`: a fixed shift until it starts, a window until it closes. */
const hasBegun = (shift: Pick<Shift, 'timing' | 'startsAt' | 'endsAt'>, now: Date) => (shift.timing === 'window' ? shift.endsAt : shift.startsAt).getTime() <= now.getTime();

const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

/**
 * Places one person on a shift. The caller holds the person's and the shift's locks; this reads the shift's state in
 * one statement (taken after the locks, so it sees every earlier sign-up) and inserts at most one row.
 */
async function place(tx: Tx, actor: Actor & { userId: string }, shiftId: string, userId: string, opts: { teamId: string | null; confirmed: boolean; now: Date }): Promise<SignupOutcome> {
  const [state] = await rows<{
    status: string;
    spots: number;
    waitlist_limit: number;
    place_id: string;
    timing: string;
    starts_ms: number;
    ends_ms: number;
    required: unknown;
    booked: number;
    waiting: number;
    mine: string | null;
    clash: string | null;
    volunteer_id: string | null;
    checks: unknown;
  }>(
    tx,
    sql`select s.status::text as status, s.spots, s.waitlist_limit, s.place_id, s.timing::text as timing,
      (extract(epoch from s.starts_at) * 1000)::float8 as starts_ms, (extract(epoch from s.ends_at) * 1000)::float8 as ends_ms,
      array_to_json(s.required_checks) as required,
      (select count(*)::int from ${shiftSignups} where shift_id = s.id and status = 'booked') as booked,
      (select count(*)::int from ${shiftSignups} where shift_id = s.id and status = 'waitlisted') as waiting,
      (select status::text from ${shiftSignups} where shift_id = s.id and user_id = ${userId} and status in ('booked', 'waitlisted') limit 1) as mine,
      (select o.title from ${shiftSignups} g join ${shifts} o on o.id = g.shift_id
         where g.user_id = ${userId} and g.status in ('booked', 'waitlisted') and o.status = 'open' and o.id <> s.id
           and o.timing = 'fixed' and s.timing = 'fixed' and o.starts_at < s.ends_at and o.ends_at > s.starts_at limit 1) as clash,
      (select vp.resource_id from ${volunteerProfiles} vp join ${resources} r on r.id = vp.resource_id where vp.user_id = ${userId} and r.status = 'active') as volunteer_id,
      case when cardinality(s.required_checks) = 0 then '[]'::json else
        (select coalesce(json_agg(json_build_object('type', c.type, 'status', c.status, 'expiresAt', c.expires_at)), '[]'::json)
           from ${backgroundChecks} c join ${volunteerProfiles} vp on vp.resource_id = c.volunteer_id
           where vp.user_id = ${userId} and c.type::text = any(s.required_checks)) end as checks
    from ${shifts} s where s.id = ${shiftId}`,
  );
  if (!state) throw new ShiftError('not_found');
  const startsAt = new Date(Number(state.starts_ms));
  const endsAt = new Date(Number(state.ends_ms));
  if (!state.volunteer_id) return { outcome: 'refused', reason: 'no_profile' };
  if (state.status !== 'open') return { outcome: 'refused', reason: 'closed' };
  if (hasBegun({ timing: state.timing as Shift['timing'], startsAt, endsAt }, opts.now)) return { outcome: 'refused', reason: 'started' };
  const required = json<CheckType[]>(state.required);
  if (required.length) {
    const checks = json<{ type: CheckType; status: CheckRecord['status']; expiresAt: string | null }[]>(state.checks).map((c) => ({ ...c, expiresAt: c.expiresAt ? new Date(c.expiresAt) : null }));
    const e = eligibility(checks, required, startsAt);
    if (!e.eligible) return { outcome: 'refused', reason: 'missing_check', missing: e.missing, expired: e.expired };
  }
  if (state.mine) return { outcome: 'refused', reason: 'already_signed_up' };
  if (state.clash) return { outcome: 'refused', reason: 'clash', clashWith: state.clash };
  const booked = Number(state.booked);
  const waiting = Number(state.waiting);
  let status: 'booked' | 'waitlisted';
  if (booked < state.spots) status = 'booked';
  else if (waiting < state.waitlist_limit) status = 'waitlisted';
  else return { outcome: 'refused', reason: 'full' };
  const [row] = await tx
    .insert(shiftSignups)
    .values({
      shiftId,
      userId,
      volunteerId: state.volunteer_id,
      status,
      signedUpBy: actor.userId,
      teamId: opts.teamId,
      confirmedAt: opts.confirmed ? opts.now : null,
      bookedAt: status === 'booked' ? opts.now : null,
    })
    .returning({ id: shiftSignups.id });
  await recordAudit(tx, actor, { action: status === 'booked' ? 'shift.signup' : 'shift.waitlist', subjectType: 'shift_signup', subjectId: row.id, placeId: state.place_id, after: { shiftId, userId, status, teamId: opts.teamId } });
  return status === 'booked' ? { outcome: 'booked', signupId: row.id } : { outcome: 'waitlisted', signupId: row.id, position: waiting + 1 };
}

/** Lock classes of the advisory locks (the second key is a hash of the id; a collision only serialises a little more). */
const SHIFT_LOCK = 7301;
const PERSON_LOCK = 7302;

/** Takes the shift's lock, then reads the row (in a second statement, so it sees everything committed before the lock). */
export async function lockShift(tx: Tx, shiftId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(${SHIFT_LOCK}, hashtext(${shiftId}))`);
  const [shift] = await tx.select().from(shifts).where(eq(shifts.id, shiftId));
  return shift ?? null;
}

/** Takes people's locks one by one in id order: a person is placed on one shift at a time (clash checks hold). */
async function lockPeople(tx: Tx, userIds: string[]) {
  for (const id of [...userIds].sort()) await tx.execute(sql`select pg_advisory_xact_lock(${PERSON_LOCK}, hashtext(${id}))`);
}

/**
 * The volunteer signs themselves up: a spot, a waitlist place, or a refusal with its reason. One transaction of four
 * statements (locks, state, insert, audit); a refusal writes nothing.
 */
export async function signUp(actor: Actor & { userId: string }, shiftId: string, now = new Date()): Promise<SignupOutcome> {
  // A shift whose spots and waitlist are all taken answers "full" from a plain read, without queueing for its lock: a
  // burst of sign-ups for a popular shift costs one read each once it has filled. Only the locked path below ever books.
  const [quick] = await rows<{ full: boolean; mine: boolean }>(
    db(),
    sql`select (select count(*) from ${shiftSignups} where shift_id = s.id and status = 'booked') >= s.spots
         and (select count(*) from ${shiftSignups} where shift_id = s.id and status = 'waitlisted') >= s.waitlist_limit as full,
       exists (select 1 from ${shiftSignups} where shift_id = s.id and user_id = ${actor.userId} and status in ('booked', 'waitlisted')) as mine
     from ${shifts} s where s.id = ${shiftId}`,
  );
  if (!quick) throw new ShiftError('not_found');
  if (quick.full && !quick.mine) return { outcome: 'refused', reason: 'full' };
  return db().transaction(async (tx) => {
    // Both locks in one statement (the person's first); the shift's state is read in the next one.
    await tx.execute(sql`select pg_advisory_xact_lock(${PERSON_LOCK}, hashtext(${actor.userId})), pg_advisory_xact_lock(${SHIFT_LOCK}, hashtext(${shiftId}))`);
    return place(tx, actor, shiftId, actor.userId, { teamId: null, confirmed: true, now });
  });
}

/**
 * A team leader signs members of their team up as a group. Each member gets a spot, a waitlist place or a refusal of
 * their own; members confirm for themselves afterwards.
 */
export async function signUpTeam(actor: Actor & { userId: string }, shiftId: string, teamId: string, memberIds: string[], now = new Date()) {
  const shift = await getShiftRow(db(), shiftId);
  if (!shift) throw new ShiftError('not_found');
  if (!shift.teamsAllowed) throw new ShiftError('forbidden', 'teamId');
  const [leader] = await db()
    .select({ id: resourceMembers.id })
    .from(resourceMembers)
    .innerJoin(resources, eq(resources.id, resourceMembers.resourceId))
    .where(and(eq(resourceMembers.resourceId, teamId), eq(resources.kind, 'team'), eq(resourceMembers.userId, actor.userId), eq(resourceMembers.role, 'leader'), eq(resourceMembers.status, 'active')));
  if (!leader) throw new ShiftError('forbidden', 'teamId');
  const ids = [...new Set(memberIds)].sort();
  const members = await db()
    .select({ userId: resourceMembers.userId, name: users.name })
    .from(resourceMembers)
    .innerJoin(users, eq(users.id, resourceMembers.userId))
    .where(and(eq(resourceMembers.resourceId, teamId), eq(resourceMembers.status, 'active'), inArray(resourceMembers.userId, ids)));
  const results: { userId: string; name: string; result: SignupOutcome }[] = [];
  const placeable = members.map((m) => m.userId).sort();
  for (const userId of ids) if (!placeable.includes(userId)) results.push({ userId, name: '', result: { outcome: 'refused', reason: 'not_member' } });
  if (placeable.length) {
    await db().transaction(async (tx) => {
      // People first, in id order, then the shift: the same order as single sign-ups, so no deadlock.
      await lockPeople(tx, placeable);
      await lockShift(tx, shiftId);
      const placed: string[] = [];
      for (const userId of placeable) {
        const result = await place(tx, actor, shiftId, userId, { teamId, confirmed: userId === actor.userId, now });
        results.push({ userId, name: members.find((m) => m.userId === userId)!.name, result });
        if (result.outcome !== 'refused' && userId !== actor.userId) placed.push(userId);
      }
      await notifyVolunteers(tx, placed, 'signedUpByTeam', shift);
    });
  }
  return results;
}

/**
 * Fills free spots from the waitlist, first come first served, inside the caller's transaction (which holds the shift's
 * lock): two cancellations racing each promote a different person, never the same one twice.
 */
async function promote(tx: Tx, shift: Shift, now: Date) {
  const [{ booked }] = await rows<{ booked: number }>(tx, sql`select count(*)::int as booked from ${shiftSignups} where shift_id = ${shift.id} and status = 'booked'`);
  const free = shift.spots - Number(booked);
  if (free <= 0) return [];
  const next = await tx
    .select({ id: shiftSignups.id, userId: shiftSignups.userId })
    .from(shiftSignups)
    .where(and(eq(shiftSignups.shiftId, shift.id), eq(shiftSignups.status, 'waitlisted')))
    .orderBy(asc(shiftSignups.createdAt), asc(shiftSignups.id))
    .limit(free);
  if (!next.length) return [];
  await tx.update(shiftSignups).set({ status: 'booked', bookedAt: now }).where(inArray(shiftSignups.id, next.map((n) => n.id)));
  for (const n of next) await recordAudit(tx, { userId: null }, { action: 'shift.promote', subjectType: 'shift_signup', subjectId: n.id, placeId: shift.placeId, before: { status: 'waitlisted' }, after: { status: 'booked' } });
  await notifyVolunteers(tx, next.map((n) => n.userId), 'promoted', shift);
  return next;
}

/**
 * Cancels a live sign-up (the volunteer's own, or any on a shift the caller runs) with a reason; a freed spot goes to
 * the first on the waitlist. Volunteers cannot cancel a spot after the cut-off; organisers can.
 */
export async function cancelSignup(principal: Caller, actor: Actor & { userId: string }, shiftId: string, target: { userId?: string; signupId?: string }, input: { reason: CancelReason; note?: string }, now = new Date()) {
  return db().transaction(async (tx) => {
    const shift = await lockShift(tx, shiftId);
    if (!shift) throw new ShiftError('not_found');
    const organiser = runsShift(principal, shift);
    const [signup] = await tx
      .select()
      .from(shiftSignups)
      .where(
        and(
          eq(shiftSignups.shiftId, shiftId),
          inArray(shiftSignups.status, ['booked', 'waitlisted']),
          target.signupId ? eq(shiftSignups.id, target.signupId) : eq(shiftSignups.userId, target.userId ?? principal.user.id),
        ),
      )
      .for('update');
    if (!signup) throw new ShiftError('not_found');
    const own = signup.userId === principal.user.id;
    if (!own && !organiser) throw new ShiftError('not_found');
    if (signup.checkedInAt) throw new ShiftError('conflict');
    if (own && !organiser && signup.status === 'booked' && !canCancel(shift, now)) throw new ShiftError('cutoff');
    await tx.update(shiftSignups).set({ status: 'cancelled', cancelledAt: now, cancelReason: input.reason, cancelNote: input.note || null }).where(eq(shiftSignups.id, signup.id));
    await recordAudit(tx, actor, { action: 'shift.cancel_signup', subjectType: 'shift_signup', subjectId: signup.id, placeId: shift.placeId, before: { status: signup.status }, after: { status: 'cancelled', reason: input.reason } });
    const promoted = signup.status === 'booked' && shift.status === 'open' ? await promote(tx, shift, now) : [];
    return { cancelled: signup.id, promoted: promoted.map((p) => p.userId) };
  });
}

/** The volunteer's explicit "I will be there" for a spot someone else took for them (team leader, waitlist). */
export async function confirmSignup(actor: Actor & { userId: string }, shiftId: string, now = new Date()) {
  return db().transaction(async (tx) => {
    const [row] = await tx
      .update(shiftSignups)
      .set({ confirmedAt: now })
      .where(and(eq(shiftSignups.shiftId, shiftId), eq(shiftSignups.userId, actor.userId), inArray(shiftSignups.status, ['booked', 'waitlisted']), isNull(shiftSignups.confirmedAt)))
      .returning({ id: shiftSignups.id });
    if (!row) throw new ShiftError('conflict');
    const [s] = await tx.select({ placeId: shifts.placeId }).from(shifts).where(eq(shifts.id, shiftId));
    await recordAudit(tx, actor, { action: 'shift.confirm', subjectType: 'shift_signup', subjectId: row.id, placeId: s.placeId });
    return row;
  });
}

/** The organiser records that a booked volunteer did not come (after the start, not checked in). */
export async function markNoShow(principal: Caller, actor: Actor & { userId: string }, shiftId: string, signupId: string, now = new Date()) {
  return db().transaction(async (tx) => {
    const shift = await lockShift(tx, shiftId);
    if (!shift || !runsShift(principal, shift)) throw new ShiftError('not_found');
    if (shift.startsAt.getTime() > now.getTime()) throw new ShiftError('not_open');
    const [row] = await tx
      .update(shiftSignups)
      .set({ status: 'no_show' })
      .where(and(eq(shiftSignups.id, signupId), eq(shiftSignups.shiftId, shiftId), eq(shiftSignups.status, 'booked'), isNull(shiftSignups.checkedInAt)))
      .returning({ id: shiftSignups.id, userId: shiftSignups.userId });
    if (!row) throw new ShiftError('conflict');
    await recordAudit(tx, actor, { action: 'shift.no_show', subjectType: 'shift_signup', subjectId: row.id, placeId: shift.placeId, before: { status: 'booked' }, after: { status: 'no_show' } });
    return row;
  });
}

/** The organiser cancels the whole shift: every live sign-up ends and each volunteer is told. */
export async function cancelShift(principal: Caller, actor: Actor & { userId: string }, shiftId: string, now = new Date()) {
  return db().transaction(async (tx) => {
    const shift = await lockShift(tx, shiftId);
    if (!shift || !runsShift(principal, shift)) throw new ShiftError('not_found');
    if (shift.status !== 'open') throw new ShiftError('conflict');
    await tx.update(shifts).set({ status: 'cancelled' }).where(eq(shifts.id, shiftId));
    const ended = await tx
      .update(shiftSignups)
      .set({ status: 'cancelled', cancelledAt: now, cancelReason: 'shift_cancelled' })
      .where(and(eq(shiftSignups.shiftId, shiftId), inArray(shiftSignups.status, ['booked', 'waitlisted'])))
      .returning({ userId: shiftSignups.userId });
    await recordAudit(tx, actor, { action: 'shift.cancel', subjectType: 'shift', subjectId: shiftId, placeId: shift.placeId, before: { status: 'open' }, after: { status: 'cancelled', signupsEnded: ended.length } });
    await notifyVolunteers(tx, ended.map((e) => e.userId), 'shiftCancelled', shift);
    return ended.length;
  });
}

/** The caller's own live sign-up of a shift, if any. */
export async function mySignup(userId: string, shiftId: string) {
  const [row] = await db()
    .select()
    .from(shiftSignups)
    .where(and(eq(shiftSignups.shiftId, shiftId), eq(shiftSignups.userId, userId), inArray(shiftSignups.status, ['booked', 'waitlisted', 'no_show'])))
    .orderBy(sql`${shiftSignups.createdAt} desc`)
    .limit(1);
  if (!row) return null;
  if (row.status !== 'waitlisted') return { ...row, position: null };
  const [{ ahead }] = await rows<{ ahead: number }>(db(), sql`select count(*)::int as ahead from ${shiftSignups} where shift_id = ${shiftId} and status = 'waitlisted' and (created_at, id) < (${row.createdAt.toISOString()}::timestamptz, ${row.id}::uuid)`);
  return { ...row, position: Number(ahead) + 1 };
}

/** Teams the caller leads, with their active members (for a group sign-up). */
export async function teamsILead(userId: string) {
  const led = await db()
    .select({ teamId: resources.id, name: resources.name })
    .from(resourceMembers)
    .innerJoin(resources, eq(resources.id, resourceMembers.resourceId))
    .where(and(eq(resourceMembers.userId, userId), eq(resourceMembers.role, 'leader'), eq(resourceMembers.status, 'active'), eq(resources.kind, 'team')));
  if (!led.length) return [];
  const members = await db()
    .select({ teamId: resourceMembers.resourceId, userId: users.id, name: users.name })
    .from(resourceMembers)
    .innerJoin(users, eq(users.id, resourceMembers.userId))
    .where(and(inArray(resourceMembers.resourceId, led.map((l) => l.teamId)), eq(resourceMembers.status, 'active')))
    .orderBy(asc(users.name));
  return led.map((l) => ({ ...l, members: members.filter((m) => m.teamId === l.teamId) }));
}

/** The caller's sign-ups (live ones and recent ones), soonest first, for "my shifts". */
export async function listMySignups(userId: string, now = new Date()) {
  return db()
    .select({ signupId: shiftSignups.id, status: shiftSignups.status, confirmedAt: shiftSignups.confirmedAt, checkedInAt: shiftSignups.checkedInAt, checkedOutAt: shiftSignups.checkedOutAt, id: shifts.id, title: shifts.title, role: shifts.role, timing: shifts.timing, startsAt: shifts.startsAt, endsAt: shifts.endsAt, durationMinutes: shifts.durationMinutes, location: shifts.location, shiftStatus: shifts.status })
    .from(shiftSignups)
    .innerJoin(shifts, eq(shifts.id, shiftSignups.shiftId))
    .where(and(eq(shiftSignups.userId, userId), inArray(shiftSignups.status, ['booked', 'waitlisted', 'no_show']), sql`${shifts.endsAt} > ${new Date(now.getTime() - 60 * 86_400_000).toISOString()}::timestamptz`))
    .orderBy(asc(shifts.startsAt))
    .limit(200);
}
