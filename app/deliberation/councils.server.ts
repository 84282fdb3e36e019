// Residents' councils: their members with terms and reserved seats, supervisors, and meetings with agendas and
// minutes. All of it is public, as councils publish who sits on them and what they decided.
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { db } from '../../db/client';
import { councilMeetings, councilMembers, councilReservedSeats, councils, places, topics } from '../../db/schema';
import { recordAudit, type Actor } from '../audit/audit.server';
import type { MeetingType } from './values';

export async function listCouncils(placePath?: string | null) {
  return db()
    .select({
      id: councils.id,
      nameZh: councils.nameZh,
      nameEn: councils.nameEn,
      termStartsOn: councils.termStartsOn,
      termEndsOn: councils.termEndsOn,
      placeZh: places.nameZh,
      placeEn: places.nameEn,
    })
    .from(councils)
    .innerJoin(places, eq(places.id, councils.placeId))
    .where(placePath ? sql`${councils.placePath} like ${placePath + '%'}` : undefined)
    .orderBy(asc(councils.placePath))
    .limit(200);
}

export async function councilPlace(councilId: string) {
  const [row] = await db()
    .select({ id: places.id, path: places.path, type: places.type })
    .from(councils)
    .innerJoin(places, eq(places.id, councils.placeId))
    .where(eq(councils.id, councilId));
  return row ?? null;
}

export async function getCouncil(councilId: string) {
  const [council] = await db()
    .select({ council: councils, placeZh: places.nameZh, placeEn: places.nameEn })
    .from(councils)
    .innerJoin(places, eq(places.id, councils.placeId))
    .where(eq(councils.id, councilId));
  if (!council) return null;
  const [members, seats, meetings] = await Promise.all([
    db()
      .select({
        id: councilMembers.id,
        name: councilMembers.name,
        role: councilMembers.role,
        seatGroup: councilMembers.seatGroup,
        termStartsOn: councilMembers.termStartsOn,
        termEndsOn: councilMembers.termEndsOn,
      })
      .from(councilMembers)
      .where(and(eq(councilMembers.councilId, councilId), isNull(councilMembers.endedAt)))
      .orderBy(asc(councilMembers.role), asc(councilMembers.name)),
    db()
      .select({ seatGroup: councilReservedSeats.seatGroup, seats: councilReservedSeats.seats })
      .from(councilReservedSeats)
      .where(eq(councilReservedSeats.councilId, councilId)),
    db()
      .select({
        id: councilMeetings.id,
        type: councilMeetings.type,
        title: councilMeetings.title,
        startsAt: councilMeetings.startsAt,
        location: councilMeetings.location,
        agenda: councilMeetings.agenda,
        minutes: councilMeetings.minutes,
        status: councilMeetings.status,
        topicId: councilMeetings.topicId,
        topicTitle: topics.title,
      })
      .from(councilMeetings)
      .leftJoin(topics, eq(topics.id, councilMeetings.topicId))
      .where(eq(councilMeetings.councilId, councilId))
      .orderBy(desc(councilMeetings.startsAt))
      .limit(100),
  ]);
  // Reserved seats held: how many members sit in each group's seats.
  const reserved = seats.map((s) => ({ ...s, filled: members.filter((m) => m.seatGroup === s.seatGroup && m.role !== 'supervisor').length }));
  return { ...council.council, placeZh: council.placeZh, placeEn: council.placeEn, members, reserved, meetings };
}

export type CouncilDetail = NonNullable<Awaited<ReturnType<typeof getCouncil>>>;

export async function scheduleMeeting(
  actor: Actor,
  councilId: string,
  placeId: string,
  input: { type: MeetingType; title: string; startsAt: Date; location: string; agenda: string; topicId?: string | null },
) {
  return db().transaction(async (tx) => {
    const [meeting] = await tx
      .insert(councilMeetings)
      .values({ councilId, ...input, topicId: input.topicId ?? null })
      .returning();
    await recordAudit(tx, actor, {
      action: 'council.meeting_schedule',
      subjectType: 'council_meeting',
      subjectId: meeting.id,
      placeId,
      after: { type: meeting.type, startsAt: meeting.startsAt },
    });
    return meeting;
  });
}

/** Records the minutes of a meeting: the meeting is then held. */
export async function recordMinutes(actor: Actor, councilId: string, placeId: string, meetingId: string, minutes: string) {
  return db().transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(councilMeetings)
      .where(and(eq(councilMeetings.id, meetingId), eq(councilMeetings.councilId, councilId)))
      .for('update');
    if (!before) return false;
    await tx.update(councilMeetings).set({ minutes, status: 'held' }).where(eq(councilMeetings.id, meetingId));
    await recordAudit(tx, actor, {
      action: 'council.meeting_minutes',
      subjectType: 'council_meeting',
      subjectId: meetingId,
      placeId,
      before: { status: before.status },
      after: { status: 'held' },
    });
    return true;
  });
}
