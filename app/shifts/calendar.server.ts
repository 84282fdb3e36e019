// Calendars: a private feed per volunteer (a long random token in the URL, only its hash stored, revocable) with their
// own shifts and nothing about anyone else, and a per-shift .ics download.
import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, gte, inArray, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { db } from '../../db/client';
import { calendarFeeds, places, shiftSignups, shifts, users } from '../../db/schema';
import { recordAudit, type Actor } from '../audit/audit.server';
import type { Locale } from '../i18n/locale';
import { translator } from '../i18n/messages';
import { calendar, type IcsEvent } from './ics';
import type { PublicShift } from './shifts.server';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Makes a new feed URL token (ending any earlier one): shown once, kept only as a hash. */
export async function createFeed(actor: Actor & { userId: string }) {
  const token = randomBytes(32).toString('base64url');
  await db().transaction(async (tx) => {
    await tx.update(calendarFeeds).set({ revokedAt: new Date() }).where(and(eq(calendarFeeds.userId, actor.userId), isNull(calendarFeeds.revokedAt)));
    const [row] = await tx.insert(calendarFeeds).values({ userId: actor.userId, tokenHash: hashToken(token) }).returning({ id: calendarFeeds.id });
    await recordAudit(tx, actor, { action: 'calendar_feed.create', subjectType: 'calendar_feed', subjectId: row.id });
  });
  return token;
}

export async function revokeFeed(actor: Actor & { userId: string }) {
  return db().transaction(async (tx) => {
    const ended = await tx.update(calendarFeeds).set({ revokedAt: new Date() }).where(and(eq(calendarFeeds.userId, actor.userId), isNull(calendarFeeds.revokedAt))).returning({ id: calendarFeeds.id });
    for (const f of ended) await recordAudit(tx, actor, { action: 'calendar_feed.revoke', subjectType: 'calendar_feed', subjectId: f.id });
    return ended.length;
  });
}

export async function hasFeed(userId: string) {
  const [row] = await db().select({ id: calendarFeeds.id, createdAt: calendarFeeds.createdAt }).from(calendarFeeds).where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)));
  return row ?? null;
}

const community = alias(places, 'feed_community');

function eventOf(s: { id: string; title: string; role: string; description: string; location: string; startsAt: Date; endsAt: Date; updatedAt: Date; communityZh: string | null; communityEn: string | null }, opts: { locale: Locale; origin: string; status: IcsEvent['status']; uid: string }): IcsEvent {
  const t = translator(opts.locale);
  const where = [opts.locale === 'en' ? s.communityEn : s.communityZh, s.location].filter(Boolean).join(' · ');
  return {
    uid: opts.uid,
    title: s.title,
    description: [`${t('shifts.role')}: ${s.role}`, s.description].filter(Boolean).join('\n'),
    location: where,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    url: `${opts.origin}/shifts/${s.id}`,
    status: opts.status,
    updatedAt: s.updatedAt,
  };
}

/** The feed of the token's owner: their live sign-ups from 30 days ago on, or null for an unknown or revoked token. */
export async function feedCalendar(token: string, origin: string, now = new Date()) {
  if (token.length < 20 || token.length > 100) return null;
  const [feed] = await db().select({ userId: calendarFeeds.userId, locale: users.locale }).from(calendarFeeds).innerJoin(users, eq(users.id, calendarFeeds.userId)).where(and(eq(calendarFeeds.tokenHash, hashToken(token)), isNull(calendarFeeds.revokedAt), isNull(users.disabledAt)));
  if (!feed) return null;
  const rows = await db()
    .select({ signupId: shiftSignups.id, signupStatus: shiftSignups.status, id: shifts.id, title: shifts.title, role: shifts.role, description: shifts.description, location: shifts.location, startsAt: shifts.startsAt, endsAt: shifts.endsAt, updatedAt: shifts.updatedAt, shiftStatus: shifts.status, communityZh: community.nameZh, communityEn: community.nameEn })
    .from(shiftSignups)
    .innerJoin(shifts, eq(shifts.id, shiftSignups.shiftId))
    .leftJoin(community, eq(community.id, shifts.communityId))
    .where(and(eq(shiftSignups.userId, feed.userId), inArray(shiftSignups.status, ['booked', 'waitlisted']), gte(shifts.endsAt, new Date(now.getTime() - 30 * 86_400_000))))
    .orderBy(asc(shifts.startsAt))
    .limit(1000);
  const t = translator(feed.locale);
  const events = rows.map((r) => eventOf(r, { locale: feed.locale, origin, uid: `signup-${r.signupId}@fivefold`, status: r.shiftStatus === 'cancelled' ? 'CANCELLED' : r.signupStatus === 'waitlisted' ? 'TENTATIVE' : 'CONFIRMED' }));
  return calendar(t('shifts.calendar.feedName'), events, now);
}

/** One shift as an .ics file (public facts only). */
export function shiftCalendar(shift: PublicShift & { updatedAt?: Date }, locale: Locale, origin: string, now = new Date()) {
  const event = eventOf({ ...shift, updatedAt: shift.updatedAt ?? now }, { locale, origin, uid: `shift-${shift.id}@fivefold`, status: shift.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED' });
  return calendar(shift.title, [event], now);
}
