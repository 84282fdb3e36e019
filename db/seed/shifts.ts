// Demo shifts: in each demo community a weekly meal delivery (送餐), an after-school class (四点半课堂) and an evening
// patrol, eight weeks back and four ahead, with sign-ups, attendance and a history of certified hours, a few hours
// logged afterwards still waiting for certification, and the demo volunteer's 双报到 goal.
import { randomUUID } from 'node:crypto';
import { asc, eq, inArray } from 'drizzle-orm';
import { localInstant, localParts } from '../../app/resources/rules';
import { SHUANGBAODAO_HALF_HOURS } from '../../app/shifts/values';
import type { Tx } from '../client';
import { places, resources, serviceHours, shiftSignups, shifts, users, volunteerGoals, volunteerProfiles } from '../schema';
import type { Random } from './random';

const DAY = 86_400_000;
const WEEKS_BACK = 8;
const WEEKS_AHEAD = 4;

interface Plan {
  title: string;
  role: string;
  description: string;
  skills: string[];
  checks: string[];
  /** Local weekday, 0 = Monday. */
  day: number;
  start: number;
  end: number;
  spots: number;
  location: string;
  teams: boolean;
}

const PLANS: Plan[] = [
  { title: '长者助餐送餐', role: '送餐员', description: '从社区食堂取餐，送到行动不便的高龄老人家中，顺便问候。', skills: ['meal_delivery'], checks: [], day: 1, start: 10 * 60 + 30, end: 12 * 60 + 30, spots: 4, location: '社区长者食堂门口', teams: false },
  { title: '四点半课堂', role: '作业辅导', description: '陪伴双职工家庭和随迁子女完成作业，开展阅读活动。', skills: ['tutoring'], checks: ['child_safeguarding'], day: 3, start: 16 * 60 + 30, end: 18 * 60, spots: 3, location: '党群服务中心二楼活动室', teams: false },
  { title: '平安巡逻', role: '巡逻队员', description: '夜间沿小区主要道路巡查，留意消防通道和独居老人家门口。', skills: ['patrol'], checks: [], day: 5, start: 19 * 60, end: 21 * 60, spots: 6, location: '社区警务室', teams: true },
];

export async function seedShifts(tx: Tx, r: Random) {
  const communities = await tx.select({ id: places.id, path: places.path, nameZh: places.nameZh }).from(places).where(eq(places.type, 'community')).orderBy(asc(places.path));
  const organisers = await tx.select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, ['staff@fivefold.test', 'staff2@fivefold.test', 'streetstaff@fivefold.test']));
  const organiserOf = (nameZh: string) => organisers.find((o) => o.email === (nameZh === '锦华苑社区' ? 'staff@fivefold.test' : nameZh === '老槐树社区' ? 'staff2@fivefold.test' : 'streetstaff@fivefold.test'))!.id;
  const volunteers = await tx.select({ userId: volunteerProfiles.userId, volunteerId: volunteerProfiles.resourceId, communityId: resources.communityId, email: users.email }).from(volunteerProfiles).innerJoin(resources, eq(resources.id, volunteerProfiles.resourceId)).innerJoin(users, eq(users.id, volunteerProfiles.userId)).where(eq(resources.status, 'active'));
  const teams = await tx.select({ id: resources.id, communityId: resources.communityId }).from(resources).where(eq(resources.kind, 'team'));
  const now = Date.now();
  const today = localParts(new Date(now)).date;
  const monday = localParts(new Date(localInstant(today, 0).getTime() - localParts(new Date(now)).day * DAY)).date;

  const shiftRows: (typeof shifts.$inferInsert)[] = [];
  const signupRows: (typeof shiftSignups.$inferInsert)[] = [];
  const hoursRows: (typeof serviceHours.$inferInsert)[] = [];
  for (const c of communities) {
    const organiserUserId = organiserOf(c.nameZh);
    const team = teams.find((t) => t.communityId === c.id) ?? null;
    const pool = volunteers.filter((v) => v.communityId === c.id && v.email !== 'volunteer@fivefold.test');
    for (const plan of PLANS) {
      const seriesId = randomUUID();
      for (let w = -WEEKS_BACK; w < WEEKS_AHEAD; w++) {
        const date = new Date(Date.parse(`${monday}T00:00:00Z`) + (w * 7 + plan.day) * DAY).toISOString().slice(0, 10);
        const startsAt = localInstant(date, plan.start);
        const endsAt = localInstant(date, plan.end);
        const id = randomUUID();
        shiftRows.push({ id, title: plan.title, description: plan.description, role: plan.role, spots: plan.spots, skills: plan.skills, requiredChecks: plan.checks, placeId: c.id, placePath: c.path, communityId: c.id, location: plan.location, organisationId: plan.teams ? (team?.id ?? null) : null, startsAt, endsAt, recurrence: 'weekly', seriesId, teamsAllowed: plan.teams, checkinCode: String(r.int(0, 999_999)).padStart(6, '0'), organiserUserId });
        const past = endsAt.getTime() < now;
        // Past weeks nearly full; coming weeks partly taken, so there is room to sign up.
        const taken = Math.min(pool.length, past ? plan.spots - r.int(0, 1) : r.int(0, plan.spots - 2));
        const chosen = new Set<number>();
        while (chosen.size < taken) chosen.add(r.int(0, pool.length - 1));
        for (const i of chosen) {
          const v = pool[i];
          const signupId = randomUUID();
          const noShow = past && r.chance(0.06);
          const checkedInAt = past && !noShow ? new Date(startsAt.getTime() + r.int(-10, 10) * 60_000) : null;
          const late = past && !noShow && r.chance(0.04);
          const checkedOutAt = checkedInAt ? (late ? endsAt : new Date(endsAt.getTime() + r.int(-10, 15) * 60_000)) : null;
          signupRows.push({ id: signupId, shiftId: id, userId: v.userId, volunteerId: v.volunteerId, status: noShow ? 'no_show' : 'booked', signedUpBy: v.userId, confirmedAt: new Date(startsAt.getTime() - r.int(2, 10) * DAY), bookedAt: new Date(startsAt.getTime() - r.int(2, 10) * DAY), checkedInAt, checkedInBy: checkedInAt ? v.userId : null, checkedOutAt, checkedOutBy: checkedOutAt && !late ? organiserUserId : null, autoCheckedOut: late });
          if (checkedInAt && checkedOutAt) {
            const minutes = Math.min(plan.end - plan.start, Math.max(0, (Math.min(checkedOutAt.getTime(), endsAt.getTime()) - Math.max(checkedInAt.getTime(), startsAt.getTime())) / 60_000));
            const halfHours = Math.floor((minutes + 15) / 30);
            if (halfHours > 0) hoursRows.push({ userId: v.userId, shiftId: id, signupId, organisationId: plan.teams ? (team?.id ?? null) : null, placeId: c.id, placePath: c.path, servedOn: date, halfHours, description: plan.title, source: 'attendance', status: late ? 'flagged' : 'certified', flag: late ? 'auto_checkout' : null, decidedBy: late ? null : organiserUserId, decidedAt: late ? null : checkedOutAt });
          }
        }
      }
    }
    // A few hours logged afterwards (a clean-up day, a home visit), half certified, half waiting.
    for (let k = 0; k < 6; k++) {
      const v = pool[r.int(0, pool.length - 1)];
      const servedOn = new Date(now - r.int(3, 50) * DAY + 8 * 3_600_000).toISOString().slice(0, 10);
      const certified = k % 2 === 0;
      hoursRows.push({ userId: v.userId, organisationId: null, placeId: c.id, placePath: c.path, servedOn, halfHours: r.int(2, 6), description: r.pick(['社区环境清洁日', '独居老人上门探访', '反诈宣传摆摊']), source: 'self_reported', status: certified ? 'certified' : 'pending', decidedBy: certified ? organiserUserId : null, decidedAt: certified ? new Date(now - DAY) : null });
    }
  }

  // The demo volunteer (锦华苑): a history on the meal delivery, one hours entry waiting, and a 双报到 goal.
  const me = volunteers.find((v) => v.email === 'volunteer@fivefold.test');
  const c1 = communities.find((c) => c.nameZh === '锦华苑社区');
  if (me && c1) {
    const meals = shiftRows.filter((s) => s.communityId === c1.id && s.title === PLANS[0].title && (s.endsAt as Date).getTime() < now).slice(-3);
    for (const s of meals) {
      if (signupRows.filter((x) => x.shiftId === s.id && x.status === 'booked').length >= s.spots!) continue;
      const signupId = randomUUID();
      const start = s.startsAt as Date;
      const end = s.endsAt as Date;
      signupRows.push({ id: signupId, shiftId: s.id!, userId: me.userId, volunteerId: me.volunteerId, status: 'booked', signedUpBy: me.userId, confirmedAt: new Date(start.getTime() - 3 * DAY), bookedAt: new Date(start.getTime() - 3 * DAY), checkedInAt: start, checkedInBy: me.userId, checkedOutAt: end, checkedOutBy: s.organiserUserId });
      hoursRows.push({ userId: me.userId, shiftId: s.id!, signupId, placeId: c1.id, placePath: c1.path, servedOn: localParts(start).date, halfHours: 4, description: s.title, source: 'attendance', status: 'certified', decidedBy: s.organiserUserId, decidedAt: end });
    }
    hoursRows.push({ userId: me.userId, placeId: c1.id, placePath: c1.path, servedOn: new Date(now - 5 * DAY + 8 * 3_600_000).toISOString().slice(0, 10), halfHours: 3, description: '协助社区疫苗接种点引导', source: 'self_reported', status: 'pending' });
    await tx.insert(volunteerGoals).values({ userId: me.userId, year: Number(today.slice(0, 4)), kind: 'shuangbaodao', targetHalfHours: SHUANGBAODAO_HALF_HOURS });
  }

  for (let i = 0; i < shiftRows.length; i += 500) await tx.insert(shifts).values(shiftRows.slice(i, i + 500));
  for (let i = 0; i < signupRows.length; i += 500) await tx.insert(shiftSignups).values(signupRows.slice(i, i + 500));
  for (let i = 0; i < hoursRows.length; i += 500) await tx.insert(serviceHours).values(hoursRows.slice(i, i + 500));
}
