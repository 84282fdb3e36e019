// A volunteer's hours record: by month and organisation, certified vs self-reported, CSV, the certificate and yearly goals.
import { and, desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { db } from '../../db/client';
import { places, resources, serviceHours, shifts, users, volunteerGoals } from '../../db/schema';
import { recordAudit, type Actor } from '../audit/audit.server';
import type { Locale } from '../i18n/locale';
import { csvCell, goalProgress, hoursByMonth, localDate } from './rules';
import { SHUANGBAODAO_HALF_HOURS, type GoalKind } from './values';

const community = alias(places, 'hours_place');

/** Every hours entry of a person, newest first, with the organisation's name (or the community's when none). */
export async function listMyHours(userId: string) {
  return db()
    .select({
      id: serviceHours.id,
      servedOn: serviceHours.servedOn,
      halfHours: serviceHours.halfHours,
      description: serviceHours.description,
      source: serviceHours.source,
      status: serviceHours.status,
      flag: serviceHours.flag,
      shiftId: serviceHours.shiftId,
      shiftTitle: shifts.title,
      organisationId: serviceHours.organisationId,
      organisationName: resources.name,
      placeZh: community.nameZh,
      placeEn: community.nameEn,
      decidedAt: serviceHours.decidedAt,
    })
    .from(serviceHours)
    .innerJoin(community, eq(community.id, serviceHours.placeId))
    .leftJoin(shifts, eq(shifts.id, serviceHours.shiftId))
    .leftJoin(resources, eq(resources.id, serviceHours.organisationId))
    .where(eq(serviceHours.userId, userId))
    .orderBy(desc(serviceHours.servedOn), desc(serviceHours.createdAt))
    .limit(2000);
}
export type MyHoursEntry = Awaited<ReturnType<typeof listMyHours>>[number];

export const organisationOf = (e: Pick<MyHoursEntry, 'organisationName' | 'placeZh' | 'placeEn'>, locale: Locale) => e.organisationName ?? (locale === 'en' ? e.placeEn : e.placeZh);

export async function getGoal(userId: string, year: number) {
  const [g] = await db().select().from(volunteerGoals).where(and(eq(volunteerGoals.userId, userId), eq(volunteerGoals.year, year)));
  return g ?? null;
}

/** The whole record: totals, months by organisation, the year's goal and its progress. */
export async function hoursRecord(userId: string, locale: Locale, now = new Date()) {
  const entries = await listMyHours(userId);
  const year = Number(localDate(now).slice(0, 4));
  const goal = await getGoal(userId, year);
  const rows = entries.map((e) => ({ ...e, organisation: organisationOf(e, locale) }));
  const totals = { certified: 0, selfReported: 0, pending: 0 };
  for (const e of entries) {
    if (e.status === 'certified') {
      totals.certified += e.halfHours;
      if (e.source === 'self_reported') totals.selfReported += e.halfHours;
    } else if (e.status === 'pending' || e.status === 'flagged') totals.pending += e.halfHours;
  }
  return { entries: rows, months: hoursByMonth(rows), totals, year, goal, progress: goal ? goalProgress(goal.targetHalfHours, entries, year) : null };
}

/** Sets this year's goal: 双报到 (16 hours) or a personal number of hours. */
export async function setGoal(actor: Actor & { userId: string }, input: { kind: GoalKind; hours?: number }, now = new Date()) {
  const year = Number(localDate(now).slice(0, 4));
  const target = input.kind === 'shuangbaodao' ? SHUANGBAODAO_HALF_HOURS : Math.round((input.hours ?? 16) * 2);
  return db().transaction(async (tx) => {
    const [row] = await tx
      .insert(volunteerGoals)
      .values({ userId: actor.userId, year, kind: input.kind, targetHalfHours: target })
      .onConflictDoUpdate({ target: [volunteerGoals.userId, volunteerGoals.year], set: { kind: input.kind, targetHalfHours: target, updatedAt: new Date() } })
      .returning();
    await recordAudit(tx, actor, { action: 'hours.set_goal', subjectType: 'volunteer_goal', subjectId: row.id, after: { year, kind: input.kind, targetHalfHours: target } });
    return row;
  });
}

/** The record as CSV (UTF-8 with a byte-order mark, so spreadsheets read Chinese), one line per entry. */
export function hoursCsv(entries: readonly (MyHoursEntry & { organisation: string })[]) {
  const header = ['date', 'hours', 'status', 'source', 'organisation', 'description', 'shift_id'];
  const lines = entries.map((e) => [e.servedOn, (e.halfHours / 2).toFixed(1), e.status, e.source, e.organisation, e.description, e.shiftId ?? ''].map(csvCell).join(','));
  return '\uFEFF' + [header.join(','), ...lines].join('\r\n') + '\r\n';
}

/** Who the certificate is for: the account's name. */
export async function certificateHolder(userId: string) {
  const [u] = await db().select({ name: users.name }).from(users).where(eq(users.id, userId));
  return u?.name ?? '';
}
