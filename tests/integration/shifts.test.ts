// Shifts through the service layer: waitlist promotion under racing cancellations, clashes, checks, cut-offs, team
// sign-ups, check-in and out, automatic check-out, hours certification, reminders once each, the calendar feed.
import ICAL from 'ical.js';
import { and, count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../db/client';
import { auditEvents, backgroundChecks, notifications, resourceMembers, resources, serviceHours, shiftReminders, shiftSignups } from '../../db/schema';
import { checkinAttempts, checkInWithCode, checkOutSelf, decideHours, logHours, organiserAttendance, runAutoCheckout } from '../../app/shifts/attendance.server';
import { createFeed, feedCalendar, revokeFeed, shiftCalendar } from '../../app/shifts/calendar.server';
import { hoursCsv, hoursRecord, setGoal } from '../../app/shifts/hours.server';
import { runShiftReminders } from '../../app/shifts/reminders.server';
import { createShift, getPublicShift, listOpenShiftsForMatching, ShiftError } from '../../app/shifts/shifts.server';
import { cancelSignup, confirmSignup, markNoShow, signUp, signUpTeam } from '../../app/shifts/signups.server';
import { shiftInput } from '../../app/shifts/schemas';
import { loadRoles } from '../../app/permissions/principal.server';
import { useTestDatabase } from '../helpers/db';
import { createUser, deliveredMailTo } from '../helpers/factories';
import { createVolunteers, insertShift, shiftWorld } from '../helpers/shifts';

useTestDatabase();

const HOUR = 3_600_000;
let world: Awaited<ReturnType<typeof shiftWorld>>;
let organiser: { user: { id: string }; roles: Awaited<ReturnType<typeof loadRoles>> };
let people: Awaited<ReturnType<typeof createVolunteers>>;
const v = (i: number) => ({ userId: people[i].userId });
const asPrincipal = (i: number) => ({ user: { id: people[i].userId }, roles: [] });

beforeAll(async () => {
  world = await shiftWorld();
  organiser = { user: { id: world.organiser.id }, roles: await loadRoles(world.organiser.id) };
  people = await createVolunteers(40, world.community, world.community.id);
});

describe('waitlist', () => {
  it('a cancellation promotes the first in line exactly once, even when two cancellations race', async () => {
    for (let round = 0; round < 20; round++) {
      const shift = await insertShift(world, { spots: 2, startsAt: new Date(Date.now() + (10 + round) * 24 * HOUR) });
      for (const i of [0, 1, 2, 3, 4]) await signUp(v(i), shift.id);
      // 0 and 1 booked; 2, 3, 4 waiting in that order. Both booked cancel at once, and 0 double-clicks.
      const results = await Promise.allSettled([
        cancelSignup(asPrincipal(0), v(0), shift.id, {}, { reason: 'illness' }),
        cancelSignup(asPrincipal(1), v(1), shift.id, {}, { reason: 'schedule' }),
        cancelSignup(asPrincipal(0), v(0), shift.id, {}, { reason: 'illness' }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
      const promoted = results.flatMap((r) => (r.status === 'fulfilled' ? r.value.promoted : []));
      expect(promoted.sort()).toEqual([people[2].userId, people[3].userId].sort());
      const rows = await db().select({ userId: shiftSignups.userId, status: shiftSignups.status }).from(shiftSignups).where(eq(shiftSignups.shiftId, shift.id));
      const statusOf = (i: number) => rows.filter((r) => r.userId === people[i].userId && r.status !== 'cancelled').map((r) => r.status);
      expect(statusOf(2)).toEqual(['booked']);
      expect(statusOf(3)).toEqual(['booked']);
      expect(statusOf(4)).toEqual(['waitlisted']);
      const [{ n }] = await db().select({ n: count() }).from(auditEvents).where(and(eq(auditEvents.action, 'shift.promote'), eq(auditEvents.placeId, world.community.id)));
      expect(Number(n)).toBe(2 * (round + 1));
      // The promoted are told, once each.
      const told = await db().select({ n: count() }).from(notifications).where(and(eq(notifications.subjectId, shift.id), eq(notifications.messageKey, 'shifts.notify.promoted')));
      expect(Number(told[0].n)).toBe(2);
    }
  });

  it('a promoted volunteer confirms explicitly', async () => {
    const shift = await insertShift(world, { spots: 1, startsAt: new Date(Date.now() + 40 * 24 * HOUR) });
    await signUp(v(5), shift.id);
    await signUp(v(6), shift.id);
    await cancelSignup(asPrincipal(5), v(5), shift.id, {}, { reason: 'family' });
    const [mine] = await db().select().from(shiftSignups).where(and(eq(shiftSignups.shiftId, shift.id), eq(shiftSignups.userId, people[6].userId)));
    expect(mine.status).toBe('booked');
    expect(mine.confirmedAt).not.toBeNull(); // they signed up themselves
    await expect(confirmSignup(v(6), shift.id)).rejects.toThrow(ShiftError);
  });
});

describe('refusals', () => {
  it('refuses a clashing shift, a second sign-up, a missing check (with the reason) and a shift that has begun', async () => {
    const start = new Date(Date.now() + 50 * 24 * HOUR);
    const a = await insertShift(world, { startsAt: start, endsAt: new Date(start.getTime() + 2 * HOUR) });
    const b = await insertShift(world, { startsAt: new Date(start.getTime() + HOUR), endsAt: new Date(start.getTime() + 3 * HOUR) });
    const after = await insertShift(world, { startsAt: new Date(start.getTime() + 2 * HOUR), endsAt: new Date(start.getTime() + 3 * HOUR) });
    expect((await signUp(v(7), a.id)).outcome).toBe('booked');
    expect(await signUp(v(7), b.id)).toMatchObject({ outcome: 'refused', reason: 'clash', clashWith: a.title });
    expect((await signUp(v(7), after.id)).outcome).toBe('booked'); // touching ends do not clash
    expect(await signUp(v(7), a.id)).toMatchObject({ outcome: 'refused', reason: 'already_signed_up' });
    // Two clashing sign-ups at once: one wins.
    const c = await insertShift(world, { startsAt: new Date(start.getTime() + 10 * HOUR) });
    const d = await insertShift(world, { startsAt: new Date(start.getTime() + 10.5 * HOUR) });
    const both = await Promise.all([signUp(v(8), c.id), signUp(v(8), d.id)]);
    expect(both.map((r) => r.outcome).sort()).toEqual(['booked', 'refused']);

    const kids = await insertShift(world, { requiredChecks: ['child_safeguarding', 'no_criminal_record'], startsAt: new Date(start.getTime() + 30 * HOUR) });
    await db().insert(backgroundChecks).values({ volunteerId: people[9].volunteerId, type: 'no_criminal_record', issuer: 'PSB', status: 'verified', expiresAt: new Date(start.getTime() - HOUR) });
    expect(await signUp(v(9), kids.id)).toMatchObject({ outcome: 'refused', reason: 'missing_check', missing: ['child_safeguarding'], expired: ['no_criminal_record'] });
    await db().insert(backgroundChecks).values([
      { volunteerId: people[9].volunteerId, type: 'no_criminal_record', issuer: 'PSB', status: 'verified', expiresAt: new Date(start.getTime() + 400 * 24 * HOUR) },
      { volunteerId: people[9].volunteerId, type: 'child_safeguarding', issuer: 'NGO', status: 'verified', expiresAt: null },
    ]);
    expect((await signUp(v(9), kids.id)).outcome).toBe('booked');

    const begun = await insertShift(world, { startsAt: new Date(Date.now() - HOUR) });
    expect(await signUp(v(10), begun.id)).toMatchObject({ outcome: 'refused', reason: 'started' });
    const stranger = await createUser();
    expect(await signUp({ userId: stranger.id }, a.id)).toMatchObject({ outcome: 'refused', reason: 'no_profile' });
  });

  it('volunteers cannot cancel a spot after the cut-off; the organiser can, and records no-shows', async () => {
    const shift = await insertShift(world, { startsAt: new Date(Date.now() + 5 * HOUR), cancelCutoffHours: 12 });
    await signUp(v(11), shift.id);
    await signUp(v(12), shift.id);
    await expect(cancelSignup(asPrincipal(11), v(11), shift.id, {}, { reason: 'schedule' })).rejects.toMatchObject({ code: 'cutoff' });
    const [s12] = await db().select().from(shiftSignups).where(and(eq(shiftSignups.shiftId, shift.id), eq(shiftSignups.userId, people[12].userId)));
    await cancelSignup(organiser, { userId: world.organiser.id }, shift.id, { signupId: s12.id }, { reason: 'other', note: 'rang to say' });
    // Another volunteer cannot cancel someone else's spot.
    await expect(cancelSignup(asPrincipal(13), v(13), shift.id, { userId: people[11].userId }, { reason: 'other' })).rejects.toMatchObject({ code: 'not_found' });
    const [s11] = await db().select().from(shiftSignups).where(and(eq(shiftSignups.shiftId, shift.id), eq(shiftSignups.userId, people[11].userId)));
    await expect(markNoShow(organiser, { userId: world.organiser.id }, shift.id, s11.id)).rejects.toMatchObject({ code: 'not_open' });
    await markNoShow(organiser, { userId: world.organiser.id }, shift.id, s11.id, new Date(shift.startsAt.getTime() + HOUR));
    const [after] = await db().select().from(shiftSignups).where(eq(shiftSignups.id, s11.id));
    expect(after.status).toBe('no_show');
  });
});

describe('team sign-up', () => {
  it('a team leader signs members up; each gets a spot or a waitlist place and confirms for themselves', async () => {
    const [team] = await db().insert(resources).values({ kind: 'team', name: '巡逻队', placeId: world.community.id, placePath: world.community.path, communityId: world.community.id, ownerUserId: people[20].userId }).returning();
    await db().insert(resourceMembers).values([
      { resourceId: team.id, userId: people[20].userId, role: 'leader', status: 'active' },
      { resourceId: team.id, userId: people[21].userId, role: 'member', status: 'active' },
      { resourceId: team.id, userId: people[22].userId, role: 'member', status: 'active' },
    ]);
    const closed = await insertShift(world, { spots: 2, startsAt: new Date(Date.now() + 60 * 24 * HOUR) });
    await expect(signUpTeam(v(20), closed.id, team.id, [people[21].userId])).rejects.toMatchObject({ code: 'forbidden' });
    const shift = await insertShift(world, { spots: 2, teamsAllowed: true, startsAt: new Date(Date.now() + 61 * 24 * HOUR) });
    await expect(signUpTeam(v(21), shift.id, team.id, [people[22].userId])).rejects.toMatchObject({ code: 'forbidden' });
    const results = await signUpTeam(v(20), shift.id, team.id, [people[20].userId, people[21].userId, people[22].userId, people[30].userId]);
    const by = Object.fromEntries(results.map((r) => [r.userId, r.result.outcome]));
    expect(Object.values(by).filter((o) => o === 'booked')).toHaveLength(2);
    expect(Object.values(by).filter((o) => o === 'waitlisted')).toHaveLength(1);
    expect(by[people[30].userId]).toBe('refused');
    const [m21] = await db().select().from(shiftSignups).where(and(eq(shiftSignups.shiftId, shift.id), eq(shiftSignups.userId, people[21].userId)));
    expect(m21.confirmedAt).toBeNull();
    expect(m21.teamId).toBe(team.id);
    await confirmSignup(v(21), shift.id);
    const [again] = await db().select().from(shiftSignups).where(eq(shiftSignups.id, m21.id));
    expect(again.confirmedAt).not.toBeNull();
  });
});

describe('check-in, check-out and hours', () => {
  it('code check-in, self check-out: certified hours in half-hour units; a wrong code is refused', async () => {
    const startsAt = new Date(Date.now() - HOUR);
    const shift = await insertShift(world, { startsAt, endsAt: new Date(startsAt.getTime() + 3 * HOUR), checkinCode: '482913' });
    // Signed up before it began (the service refuses after the start): insert as the sign-up would have.
    await db().insert(shiftSignups).values({ shiftId: shift.id, userId: people[14].userId, volunteerId: people[14].volunteerId, status: 'booked', signedUpBy: people[14].userId, confirmedAt: new Date(), bookedAt: new Date() });
    await expect(checkInWithCode(v(14), shift.id, '000000')).rejects.toMatchObject({ code: 'code' });
    await expect(checkInWithCode(v(15), shift.id, '482913')).rejects.toMatchObject({ code: 'not_found' });
    await checkInWithCode(v(14), shift.id, '482913', startsAt);
    const again = await checkInWithCode(v(14), shift.id, '482913', new Date(startsAt.getTime() + 60_000));
    expect(again.already).toBe(true);
    const out = await checkOutSelf(v(14), shift.id, new Date(startsAt.getTime() + 100 * 60_000));
    expect(out.halfHours).toBe(3); // 1 h 40 min → 1.5 h
    await expect(checkOutSelf(v(14), shift.id)).rejects.toMatchObject({ code: 'conflict' });
    const [h] = await db().select().from(serviceHours).where(eq(serviceHours.shiftId, shift.id));
    expect(h).toMatchObject({ status: 'certified', source: 'attendance', halfHours: 3, userId: people[14].userId });
  });

  it('stops guessing the check-in code after ten tries in a quarter of an hour, for that volunteer and shift only', async () => {
    const startsAt = new Date(Date.now() - HOUR);
    const shift = await insertShift(world, { startsAt, endsAt: new Date(startsAt.getTime() + 3 * HOUR), checkinCode: '731406' });
    for (const i of [33, 34]) {
      await db().insert(shiftSignups).values({ shiftId: shift.id, userId: people[i].userId, volunteerId: people[i].volunteerId, status: 'booked', signedUpBy: people[i].userId, confirmedAt: new Date(), bookedAt: new Date() });
    }
    // A fixed quarter-hour window, so the test does not straddle two.
    const windowStart = new Date(Math.floor((startsAt.getTime() + 20 * 60_000) / 900_000) * 900_000);
    const at = (minutes: number) => new Date(windowStart.getTime() + minutes * 60_000);
    for (let k = 0; k < checkinAttempts.max; k++) {
      await expect(checkInWithCode(v(33), shift.id, String(100000 + k), at(1))).rejects.toMatchObject({ code: 'code' });
    }
    // The right code no longer helps within the window: the guesser cannot tell it was right.
    await expect(checkInWithCode(v(33), shift.id, '731406', at(2))).rejects.toMatchObject({ code: 'too_many' });
    const [still] = await db().select().from(shiftSignups).where(and(eq(shiftSignups.shiftId, shift.id), eq(shiftSignups.userId, people[33].userId)));
    expect(still.checkedInAt).toBeNull();
    // Another volunteer on the same shift is not held up.
    expect((await checkInWithCode(v(34), shift.id, '731406', at(2))).already).toBe(false);
    // The next quarter of an hour starts afresh.
    expect((await checkInWithCode(v(33), shift.id, '731406', at(16))).already).toBe(false);
  });

  it('the organiser checks people in and out; a forgotten check-out is made automatically and flagged for review', async () => {
    const startsAt = new Date(Date.now() - 6 * HOUR);
    const shift = await insertShift(world, { startsAt, endsAt: new Date(startsAt.getTime() + 2 * HOUR), autoCheckoutMinutes: 120 });
    const ids: string[] = [];
    for (const i of [16, 17]) {
      const [row] = await db().insert(shiftSignups).values({ shiftId: shift.id, userId: people[i].userId, volunteerId: people[i].volunteerId, status: 'booked', signedUpBy: people[i].userId }).returning();
      ids.push(row.id);
    }
    await expect(organiserAttendance(asPrincipal(18), v(18), shift.id, ids[0], 'in')).rejects.toMatchObject({ code: 'not_found' });
    await organiserAttendance(organiser, { userId: world.organiser.id }, shift.id, ids[0], 'in', startsAt);
    await organiserAttendance(organiser, { userId: world.organiser.id }, shift.id, ids[1], 'in', startsAt);
    const done = await organiserAttendance(organiser, { userId: world.organiser.id }, shift.id, ids[0], 'out', new Date(startsAt.getTime() + 2 * HOUR));
    expect(done.halfHours).toBe(4);
    const auto = await runAutoCheckout();
    expect(auto.checkedOut).toBeGreaterThanOrEqual(1);
    expect((await runAutoCheckout()).checkedOut).toBe(0);
    const [flagged] = await db().select().from(serviceHours).where(eq(serviceHours.signupId, ids[1]));
    expect(flagged).toMatchObject({ status: 'flagged', flag: 'auto_checkout', halfHours: 4 });
    await decideHours(organiser, { userId: world.organiser.id }, flagged.id, { certify: true, halfHours: 3 });
    await expect(decideHours(organiser, { userId: world.organiser.id }, flagged.id, { certify: true })).rejects.toMatchObject({ code: 'conflict' });
    const [certified] = await db().select().from(serviceHours).where(eq(serviceHours.id, flagged.id));
    expect(certified).toMatchObject({ status: 'certified', halfHours: 3 });
  });

  it('hours logged afterwards wait for certification; the record splits certified, self-reported and pending; goals show progress', async () => {
    const me = people[19];
    const today = new Date(Date.now() + 8 * HOUR).toISOString().slice(0, 10);
    const logged = await logHours({ userId: me.userId }, { placeId: world.community.id, servedOn: today, hours: 2.5, description: '帮忙搬运物资' });
    expect(logged).toMatchObject({ status: 'pending', source: 'self_reported', halfHours: 5 });
    await expect(decideHours(asPrincipal(18), v(18), logged.id, { certify: true })).rejects.toMatchObject({ code: 'not_found' });
    let record = await hoursRecord(me.userId, 'en');
    expect(record.totals).toEqual({ certified: 0, selfReported: 0, pending: 5 });
    await decideHours(organiser, { userId: world.organiser.id }, logged.id, { certify: true });
    await logHours({ userId: me.userId }, { placeId: world.community.id, servedOn: today, hours: 1, description: '=cmd|x' });
    await setGoal({ userId: me.userId }, { kind: 'shuangbaodao' });
    record = await hoursRecord(me.userId, 'en');
    expect(record.totals).toEqual({ certified: 5, selfReported: 5, pending: 2 });
    expect(record.progress).toMatchObject({ target: 32, certified: 5, pending: 2, met: false, percent: 15 });
    expect(record.months[0]).toMatchObject({ month: today.slice(0, 7), certified: 5, selfReported: 5, pending: 2 });
    const csv = hoursCsv(record.entries);
    expect(csv.startsWith('\uFEFFdate,hours,status')).toBe(true);
    expect(csv).toContain(`${today},2.5,certified,self_reported`);
    expect(csv).toContain("'=cmd|x");
    const mail = await deliveredMailTo(me.email);
    expect(mail.some((m) => m.text.includes('2.5'))).toBe(true);
  });
});

describe('reminders', () => {
  it('sends 7-day, 1-day and 2-hour reminders once each, in the volunteer\'s language', async () => {
    const zh = (await createVolunteers(1, world.community, world.community.id, { locale: 'zh-CN' }))[0];
    const startsAt = new Date(Date.now() + 8 * 24 * HOUR);
    const shift = await insertShift(world, { title: '送餐', startsAt });
    await signUp({ userId: zh.userId }, shift.id);
    expect((await runShiftReminders(new Date(startsAt.getTime() - 8 * 24 * HOUR))).sent).toBe(0);
    const at7 = new Date(startsAt.getTime() - 7 * 24 * HOUR + 60_000);
    const first = await Promise.all([runShiftReminders(at7), runShiftReminders(at7)]);
    expect(first[0].sent + first[1].sent).toBe(1);
    expect((await runShiftReminders(at7)).sent).toBe(0);
    await runShiftReminders(new Date(startsAt.getTime() - 23 * HOUR));
    await runShiftReminders(new Date(startsAt.getTime() - 90 * 60_000));
    await runShiftReminders(new Date(startsAt.getTime() - 60 * 60_000));
    const sent = await db().select({ kind: shiftReminders.kind }).from(shiftReminders).innerJoin(shiftSignups, eq(shiftSignups.id, shiftReminders.signupId)).where(eq(shiftSignups.shiftId, shift.id));
    expect(sent.map((s) => s.kind).sort()).toEqual(['1d', '2h', '7d']);
    const mail = await deliveredMailTo(zh.email);
    expect(mail).toHaveLength(3);
    const subjects = mail.map((m) => m.subject).sort();
    expect(subjects.every((s) => s.includes('送餐'))).toBe(true);
    expect(subjects.some((s) => s.includes('7 天后'))).toBe(true);
    expect(subjects.some((s) => s.includes('明天'))).toBe(true);
    expect(subjects.some((s) => s.includes('2 小时后'))).toBe(true);
  });
});

describe('calendar', () => {
  it('the private feed parses with ical.js and shows the right Shanghai times; revoked feeds stop', async () => {
    const me = people[25];
    const startsAt = new Date(Date.UTC(2030, 5, 3, 1, 30)); // 09:30 in Shanghai
    const shift = await insertShift(world, { title: 'Patrol; lane 3, north', startsAt, endsAt: new Date(startsAt.getTime() + 150 * 60_000), location: '社区东门' });
    await signUp({ userId: me.userId }, shift.id);
    const other = await insertShift(world, { title: 'Someone else only', startsAt: new Date(startsAt.getTime() + 24 * HOUR) });
    await signUp(v(26), other.id);
    const token = await createFeed({ userId: me.userId });
    expect(token.length).toBeGreaterThanOrEqual(40);
    const text = await feedCalendar(token, 'https://fivefold.example.org', new Date(Date.UTC(2030, 5, 1)));
    const comp = new ICAL.Component(ICAL.parse(text!));
    const events = comp.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    expect(events).toHaveLength(1);
    expect(events[0].summary).toBe('Patrol; lane 3, north');
    expect(events[0].location).toContain('社区东门');
    expect(events[0].startDate.zone?.tzid).toBe('Asia/Shanghai');
    expect([events[0].startDate.hour, events[0].startDate.minute]).toEqual([9, 30]);
    expect([events[0].endDate.hour, events[0].endDate.minute]).toEqual([12, 0]);
    expect(events[0].startDate.toJSDate().toISOString()).toBe(startsAt.toISOString());
    expect(text).not.toContain('Someone else only');
    expect(text).not.toContain(me.email);
    await revokeFeed({ userId: me.userId });
    expect(await feedCalendar(token, 'https://x')).toBeNull();
    expect(await feedCalendar('nonsense-token-of-a-plausible-length', 'https://x')).toBeNull();

    const pub = await getPublicShift(shift.id);
    const one = shiftCalendar(pub!, 'zh-CN', 'https://fivefold.example.org');
    const ev = new ICAL.Event(new ICAL.Component(ICAL.parse(one)).getFirstSubcomponent('vevent')!);
    expect(ev.startDate.toJSDate().toISOString()).toBe(startsAt.toISOString());
    expect(ev.startDate.hour).toBe(9);
  });
});

describe('publishing and matching', () => {
  it('publishes a weekly series with its own spots per week, and lists open shifts for matching', async () => {
    const input = shiftInput.parse({ title: '每周送餐', role: '送餐员', spots: '3', placeId: world.community.id, date: '2031-03-04', startTime: '10:30', endTime: '12:00', recurrence: 'weekly', weeks: '4', skills: ['meal_delivery'], teamsAllowed: 'on' });
    const created = await createShift(organiser, { userId: world.organiser.id }, input);
    expect(created).toHaveLength(4);
    expect(created[0].startsAt.toISOString()).toBe('2031-03-04T02:30:00.000Z');
    expect(created[3].startsAt.toISOString()).toBe('2031-03-25T02:30:00.000Z');
    const stranger = { user: { id: people[0].userId }, roles: [] };
    await expect(createShift(stranger, { userId: people[0].userId }, input)).rejects.toMatchObject({ code: 'forbidden' });
    const open = await listOpenShiftsForMatching({ withinPath: world.community.path, now: new Date('2031-03-01T00:00:00Z') });
    const mine = open.filter((s) => created.some((c) => c.id === s.id));
    expect(mine).toHaveLength(4);
    expect(mine[0]).toMatchObject({ skills: ['meal_delivery'], freeSpots: 3, placeId: world.community.id, timing: 'fixed' });
    expect(() => shiftInput.parse({ ...input, date: '2031-03-04', startTime: '12:00', endTime: '10:00', placeId: world.community.id, title: 'x', role: 'y', spots: 1 })).toThrow();
  });
});
