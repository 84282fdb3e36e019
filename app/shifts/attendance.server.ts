// Check-in and check-out (by the shift's code on the volunteer's phone, or by the organiser), automatic check-out of
// forgotten ones (hours flagged for review), hours logged afterwards and the organiser's certification.
import { timingSafeEqual } from 'node:crypto';
import { and, asc, eq, inArray, isNotNull, isNull, like, or, sql } from 'drizzle-orm';
import { db, type Tx } from '../../db/client';
import { places, serviceHours, shiftSignups, shifts, users, type Shift, type ShiftSignup } from '../../db/schema';
import { recordAudit, type Actor } from '../audit/audit.server';
import { hitLimit, type Limit } from '../utils/rate-limit.server';
import { can, scopesFor } from '../permissions/rules';
import { locate } from '../resources/resources.server';
import { notifyVolunteers } from './notify.server';
import { autoCheckout, checkinOpen, localDate, servedHalfHours } from './rules';
import type { LogHoursInput } from './schemas';
import { runsShift, ShiftError, type Caller } from './shifts.server';
import { lockShift } from './signups.server';

const sameCode = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** The community (or the place itself above it) that hours are recorded under. */
async function hoursPlace(tx: Tx, shift: Shift) {
  const placeId = shift.communityId ?? shift.placeId;
  const [p] = await tx.select({ path: places.path }).from(places).where(eq(places.id, placeId));
  return { placeId, placePath: p.path };
}

/** Served time of a fixed shift counts within its scheduled hours; a window shift up to its stated length. */
function halfHoursOf(shift: Shift, inAt: Date, outAt: Date) {
  if (shift.timing === 'fixed') {
    const from = new Date(Math.max(inAt.getTime(), shift.startsAt.getTime()));
    const to = new Date(Math.min(outAt.getTime(), shift.endsAt.getTime()));
    return to > from ? servedHalfHours(from, to) : 0;
  }
  const served = servedHalfHours(inAt, outAt);
  return shift.durationMinutes ? Math.min(served, Math.ceil(shift.durationMinutes / 30)) : served;
}

/** Records the check-out and the hours it makes, once (the signup's hours key is unique). */
async function finishAttendance(tx: Tx, actor: Actor, shift: Shift, signup: ShiftSignup, outAt: Date, how: { auto: boolean; by: string | null; halfHours?: number }) {
  await tx.update(shiftSignups).set({ checkedOutAt: outAt, checkedOutBy: how.by, autoCheckedOut: how.auto }).where(eq(shiftSignups.id, signup.id));
  // The organiser checking someone out may state the hours served (a window task done away from the desk); otherwise the clock counts.
  const halfHours = Math.min(48, how.halfHours ?? halfHoursOf(shift, signup.checkedInAt!, outAt));
  let hoursId: string | null = null;
  if (halfHours > 0) {
    const where = await hoursPlace(tx, shift);
    const [row] = await tx
      .insert(serviceHours)
      .values({
        userId: signup.userId,
        shiftId: shift.id,
        signupId: signup.id,
        organisationId: shift.organisationId,
        ...where,
        servedOn: localDate(signup.checkedInAt!),
        halfHours,
        description: shift.title,
        source: 'attendance',
        status: how.auto ? 'flagged' : 'certified',
        flag: how.auto ? 'auto_checkout' : null,
        decidedBy: how.auto ? null : how.by,
        decidedAt: how.auto ? null : outAt,
      })
      .onConflictDoNothing()
      .returning({ id: serviceHours.id });
    hoursId = row?.id ?? null;
  }
  await recordAudit(tx, actor, { action: how.auto ? 'shift.auto_checkout' : 'shift.checkout', subjectType: 'shift_signup', subjectId: signup.id, placeId: shift.placeId, after: { checkedOutAt: outAt.toISOString(), halfHours, hoursId } });
  return { halfHours, hoursId };
}

/**
 * Check-in codes are six characters shown at the place, so guessing must be slow: each volunteer has ten tries per
 * shift in a quarter of an hour (one is enough for anyone standing there), counted before the code is compared.
 */
export const checkinAttempts: Limit = { action: 'shift.checkin.code', max: 10, windowSeconds: 900 };

/** The volunteer checks in on their phone with the code shown at the place. Checking in twice changes nothing. */
export async function checkInWithCode(actor: Actor & { userId: string }, shiftId: string, code: string, now = new Date()) {
  const allowed = await hitLimit(checkinAttempts, `${actor.userId}:${shiftId}`, now);
  if (!allowed.ok) throw new ShiftError('too_many', 'code', allowed.retryAfterSeconds);
  return db().transaction(async (tx) => {
    const shift = await lockShift(tx, shiftId);
    if (!shift) throw new ShiftError('not_found');
    const [signup] = await tx.select().from(shiftSignups).where(and(eq(shiftSignups.shiftId, shiftId), eq(shiftSignups.userId, actor.userId), eq(shiftSignups.status, 'booked')));
    if (!signup) throw new ShiftError('not_found');
    if (!sameCode(code, shift.checkinCode)) throw new ShiftError('code', 'code');
    if (!checkinOpen(shift, now)) throw new ShiftError('not_open');
    if (signup.checkedInAt) return { signupId: signup.id, checkedInAt: signup.checkedInAt, already: true };
    await tx.update(shiftSignups).set({ checkedInAt: now, checkedInBy: actor.userId, confirmedAt: signup.confirmedAt ?? now }).where(eq(shiftSignups.id, signup.id));
    await recordAudit(tx, actor, { action: 'shift.checkin', subjectType: 'shift_signup', subjectId: signup.id, placeId: shift.placeId, after: { via: 'code' } });
    return { signupId: signup.id, checkedInAt: now, already: false };
  });
}

/** The volunteer checks themselves out; their hours are certified by the attendance. */
export async function checkOutSelf(actor: Actor & { userId: string }, shiftId: string, now = new Date()) {
  return db().transaction(async (tx) => {
    const shift = await lockShift(tx, shiftId);
    if (!shift) throw new ShiftError('not_found');
    const [signup] = await tx.select().from(shiftSignups).where(and(eq(shiftSignups.shiftId, shiftId), eq(shiftSignups.userId, actor.userId), eq(shiftSignups.status, 'booked'), isNotNull(shiftSignups.checkedInAt), isNull(shiftSignups.checkedOutAt)));
    if (!signup) throw new ShiftError('conflict');
    return finishAttendance(tx, actor, shift, signup, now, { auto: false, by: actor.userId });
  });
}

/** The organiser checks a booked volunteer in or out from the roster. */
export async function organiserAttendance(principal: Caller, actor: Actor & { userId: string }, shiftId: string, signupId: string, step: 'in' | 'out', now = new Date(), opts: { halfHours?: number } = {}) {
  return db().transaction(async (tx) => {
    const shift = await lockShift(tx, shiftId);
    if (!shift || !runsShift(principal, shift)) throw new ShiftError('not_found');
    const [signup] = await tx.select().from(shiftSignups).where(and(eq(shiftSignups.id, signupId), eq(shiftSignups.shiftId, shiftId), eq(shiftSignups.status, 'booked')));
    if (!signup) throw new ShiftError('not_found');
    if (step === 'in') {
      if (signup.checkedInAt) return { already: true, halfHours: 0 };
      // Organisers check people in from the day before (a window task, an early start) until the shift ends.
      if (now.getTime() < shift.startsAt.getTime() - 24 * 3_600_000 || now.getTime() > shift.endsAt.getTime()) throw new ShiftError('not_open');
      await tx.update(shiftSignups).set({ checkedInAt: now, checkedInBy: actor.userId }).where(eq(shiftSignups.id, signupId));
      await recordAudit(tx, actor, { action: 'shift.checkin', subjectType: 'shift_signup', subjectId: signupId, placeId: shift.placeId, after: { via: 'organiser' } });
      return { already: false, halfHours: 0 };
    }
    if (!signup.checkedInAt) throw new ShiftError('conflict');
    if (signup.checkedOutAt) return { already: true, halfHours: 0 };
    const done = await finishAttendance(tx, actor, shift, signup, now, { auto: false, by: actor.userId, halfHours: opts.halfHours });
    return { already: false, halfHours: done.halfHours };
  });
}

/** Job: checks out everyone still checked in long after their shift ended; their hours wait for review. Idempotent. */
export async function runAutoCheckout(now = new Date()) {
  const due = await db()
    .select({ signupId: shiftSignups.id, shiftId: shifts.id })
    .from(shiftSignups)
    .innerJoin(shifts, eq(shifts.id, shiftSignups.shiftId))
    .where(and(eq(shiftSignups.status, 'booked'), isNotNull(shiftSignups.checkedInAt), isNull(shiftSignups.checkedOutAt), sql`${shifts.endsAt} + make_interval(mins => ${shifts.autoCheckoutMinutes}) <= ${now.toISOString()}::timestamptz`))
    .limit(500);
  let done = 0;
  for (const d of due) {
    await db().transaction(async (tx) => {
      const shift = await lockShift(tx, d.shiftId);
      const [signup] = await tx.select().from(shiftSignups).where(and(eq(shiftSignups.id, d.signupId), isNull(shiftSignups.checkedOutAt)));
      if (!shift || !signup?.checkedInAt) return;
      const outAt = autoCheckout(shift, signup.checkedInAt, now);
      if (!outAt) return;
      await finishAttendance(tx, { userId: null }, shift, signup, outAt, { auto: true, by: null });
      done++;
    });
  }
  return { checkedOut: done };
}

/** The volunteer logs hours served afterwards: they wait for the organiser's (or the place's staff's) certification. */
export async function logHours(actor: Actor & { userId: string }, input: LogHoursInput) {
  return db().transaction(async (tx) => {
    let where: { placeId: string; placePath: string };
    let organisationId = input.organisationId ?? null;
    let shiftId: string | null = null;
    if (input.shiftId) {
      const [s] = await tx
        .select({ shift: shifts })
        .from(shiftSignups)
        .innerJoin(shifts, eq(shifts.id, shiftSignups.shiftId))
        .where(and(eq(shiftSignups.shiftId, input.shiftId), eq(shiftSignups.userId, actor.userId), inArray(shiftSignups.status, ['booked', 'no_show'])))
        .limit(1);
      if (!s) throw new ShiftError('invalid', 'shiftId');
      where = await hoursPlace(tx, s.shift);
      organisationId = s.shift.organisationId;
      shiftId = s.shift.id;
    } else {
      const located = await locate(tx, input.placeId!);
      where = { placeId: located.communityId ?? located.placeId, placePath: located.placePath };
      if (located.communityId) {
        const [c] = await tx.select({ path: places.path }).from(places).where(eq(places.id, located.communityId));
        where.placePath = c.path;
      }
    }
    if (input.servedOn > localDate(new Date())) throw new ShiftError('invalid', 'servedOn');
    const [row] = await tx
      .insert(serviceHours)
      .values({ userId: actor.userId, shiftId, organisationId, ...where, servedOn: input.servedOn, halfHours: Math.round(input.hours * 2), description: input.description, source: 'self_reported', status: 'pending' })
      .returning();
    await recordAudit(tx, actor, { action: 'hours.log', subjectType: 'service_hours', subjectId: row.id, placeId: where.placeId, after: { halfHours: row.halfHours, servedOn: row.servedOn, shiftId } });
    return row;
  });
}

/** Hours waiting for the caller: on shifts they organise, or (staff) anywhere in their places. */
export async function hoursToReview(principal: Caller) {
  const scopes = scopesFor(principal.roles, 'shift.manage');
  const inScope = scopes.includes(null) ? sql`true` : or(sql`${shifts.organiserUserId} = ${principal.user.id}`, ...scopes.map((s) => like(serviceHours.placePath, `${s}%`)));
  return db()
    .select({ id: serviceHours.id, servedOn: serviceHours.servedOn, halfHours: serviceHours.halfHours, description: serviceHours.description, source: serviceHours.source, status: serviceHours.status, flag: serviceHours.flag, volunteer: users.name, shiftId: serviceHours.shiftId, shiftTitle: shifts.title })
    .from(serviceHours)
    .innerJoin(users, eq(users.id, serviceHours.userId))
    .leftJoin(shifts, eq(shifts.id, serviceHours.shiftId))
    .where(and(inArray(serviceHours.status, ['pending', 'flagged']), inScope))
    .orderBy(asc(serviceHours.servedOn))
    .limit(200);
}

/** The organiser (or staff of the place) certifies or rejects hours, optionally correcting the amount. Decided once. */
export async function decideHours(principal: Caller, actor: Actor & { userId: string }, hoursId: string, decision: { certify: boolean; halfHours?: number }, now = new Date()) {
  return db().transaction(async (tx) => {
    const [h] = await tx.select({ hours: serviceHours, organiserUserId: shifts.organiserUserId, title: shifts.title, startsAt: shifts.startsAt }).from(serviceHours).leftJoin(shifts, eq(shifts.id, serviceHours.shiftId)).where(eq(serviceHours.id, hoursId)).for('update', { of: serviceHours });
    if (!h) throw new ShiftError('not_found');
    const allowed = h.organiserUserId === principal.user.id || can(principal.roles, 'shift.manage', h.hours.placePath);
    if (!allowed) throw new ShiftError('not_found');
    if (h.hours.userId === principal.user.id) throw new ShiftError('forbidden');
    if (h.hours.status !== 'pending' && h.hours.status !== 'flagged') throw new ShiftError('conflict');
    const halfHours = decision.certify && decision.halfHours ? decision.halfHours : h.hours.halfHours;
    const [after] = await tx
      .update(serviceHours)
      .set({ status: decision.certify ? 'certified' : 'rejected', halfHours, decidedBy: actor.userId, decidedAt: now })
      .where(eq(serviceHours.id, hoursId))
      .returning();
    await recordAudit(tx, actor, { action: decision.certify ? 'hours.certify' : 'hours.reject', subjectType: 'service_hours', subjectId: hoursId, placeId: h.hours.placeId, before: { status: h.hours.status, halfHours: h.hours.halfHours }, after: { status: after.status, halfHours } });
    await notifyVolunteers(tx, [h.hours.userId], decision.certify ? 'hoursCertified' : 'hoursRejected', { id: h.hours.shiftId, title: h.title ?? h.hours.description, startsAt: h.startsAt ?? now }, { hours: (halfHours / 2).toFixed(1) });
    return after;
  });
}

/** How the caller takes part in a shift's attendance: they run it, they hold a spot on it, or neither (then: not found). */
export async function attendanceRole(principal: Caller, shiftId: string): Promise<'organiser' | 'volunteer' | null> {
  const [shift] = await db().select({ organiserUserId: shifts.organiserUserId, placePath: shifts.placePath }).from(shifts).where(eq(shifts.id, shiftId));
  if (!shift) return null;
  if (runsShift(principal, shift)) return 'organiser';
  const [mine] = await db().select({ id: shiftSignups.id }).from(shiftSignups).where(and(eq(shiftSignups.shiftId, shiftId), eq(shiftSignups.userId, principal.user.id), eq(shiftSignups.status, 'booked')));
  return mine ? 'volunteer' : null;
}
