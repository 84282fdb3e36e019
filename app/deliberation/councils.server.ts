// Residents' councils: their members with terms and reserved seats, supervisors, and meetings with agendas and
// minutes. All of it is public, as councils publish who sits on them and what they decided.
import { and, asc, count, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import { db, type DbOrTx } from '../../db/client';
import { councilMeetings, councilMembers, councilReservedSeats, councils, places, topics } from '../../db/schema';
import { recordAudit, type Actor } from '../audit/audit.server';
import { seatGroups, type CouncilRole, type MeetingType, type SeatGroup } from './values';

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
        groups: councilMembers.groups,
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

export class CouncilError extends Error {
  constructor(
    public readonly code: 'not_found' | 'invalid',
    public readonly fields: Record<string, string[]> = {},
  ) {
    super(code);
  }
}

export interface CouncilInput {
  nameZh: string;
  nameEn: string;
  termStartsOn: string;
  termEndsOn: string;
  /** Seats reserved per group; groups with 0 have none. */
  seats: Partial<Record<SeatGroup, number>>;
}

/** Staff set up the council of a community or of one compound, with its reserved seats. */
export async function createCouncil(actor: Actor, place: { id: string; path: string }, input: CouncilInput) {
  return db().transaction(async (tx) => {
    const [council] = await tx
      .insert(councils)
      .values({ placeId: place.id, placePath: place.path, nameZh: input.nameZh, nameEn: input.nameEn, termStartsOn: input.termStartsOn, termEndsOn: input.termEndsOn })
      .returning();
    const seats = reservedEntries(input.seats);
    if (seats.length) await tx.insert(councilReservedSeats).values(seats.map(([seatGroup, n]) => ({ councilId: council.id, seatGroup, seats: n })));
    await recordAudit(tx, actor, {
      action: 'council.create',
      subjectType: 'council',
      subjectId: council.id,
      placeId: place.id,
      after: { nameZh: council.nameZh, term: [council.termStartsOn, council.termEndsOn], seats: Object.fromEntries(seats) },
    });
    return council;
  });
}

const reservedEntries = (seats: Partial<Record<SeatGroup, number>>) =>
  Object.entries(seats).filter((e): e is [Exclude<SeatGroup, 'general'>, number] => e[0] !== 'general' && (e[1] ?? 0) > 0);

/**
 * Changes how many seats each group keeps. A group cannot keep fewer seats than its members already hold: the
 * member leaves first (staff end their term), so nobody silently loses a reserved seat.
 */
export async function setReservedSeats(actor: Actor, councilId: string, placeId: string, seats: Partial<Record<SeatGroup, number>>) {
  return db().transaction(async (tx) => {
    const [council] = await tx.select({ id: councils.id }).from(councils).where(eq(councils.id, councilId)).for('update');
    if (!council) throw new CouncilError('not_found');
    const before = await tx.select().from(councilReservedSeats).where(eq(councilReservedSeats.councilId, councilId));
    const held = await heldSeats(tx, councilId);
    const fields: Record<string, string[]> = {};
    for (const group of seatGroups) {
      if (group === 'general') continue;
      if ((seats[group] ?? 0) < (held.get(group) ?? 0)) fields[`seats.${group}`] = ['council.v.fewerThanHeld'];
    }
    if (Object.keys(fields).length) throw new CouncilError('invalid', fields);
    await tx.delete(councilReservedSeats).where(eq(councilReservedSeats.councilId, councilId));
    const after = reservedEntries(seats);
    if (after.length) await tx.insert(councilReservedSeats).values(after.map(([seatGroup, n]) => ({ councilId, seatGroup, seats: n })));
    await recordAudit(tx, actor, {
      action: 'council.seats',
      subjectType: 'council',
      subjectId: councilId,
      placeId,
      before: { seats: Object.fromEntries(before.map((b) => [b.seatGroup, b.seats])) },
      after: { seats: Object.fromEntries(after) },
    });
  });
}

async function heldSeats(tx: DbOrTx, councilId: string) {
  const rows = await tx
    .select({ seatGroup: councilMembers.seatGroup, n: count() })
    .from(councilMembers)
    .where(and(eq(councilMembers.councilId, councilId), isNull(councilMembers.endedAt), ne(councilMembers.role, 'supervisor')))
    .groupBy(councilMembers.seatGroup);
  return new Map(rows.map((r) => [r.seatGroup, Number(r.n)]));
}

export interface MemberInput {
  name: string;
  role: CouncilRole;
  seatGroup: SeatGroup;
  /** The groups staff recorded the person as belonging to. */
  groups: SeatGroup[];
  termStartsOn: string;
  termEndsOn: string;
}

/**
 * Adds a member (or supervisor). Under a lock on the council, so two staff cannot fill the last reserved seat
 * twice: a reserved seat is refused to someone outside its group, and once all its seats are held. Supervisors
 * watch the council and hold no seat.
 */
export async function addMember(actor: Actor, councilId: string, placeId: string, input: MemberInput) {
  return db().transaction(async (tx) => {
    const [council] = await tx.select().from(councils).where(eq(councils.id, councilId)).for('update');
    if (!council) throw new CouncilError('not_found');
    const problem = seatProblem(input, await reservedOf(tx, councilId), await heldSeats(tx, councilId));
    const fields: Record<string, string[]> = problem ? { seatGroup: [problem] } : {};
    if (input.termStartsOn < council.termStartsOn || input.termEndsOn > council.termEndsOn) fields.termEndsOn = ['council.v.withinTerm'];
    if (Object.keys(fields).length) throw new CouncilError('invalid', fields);
    const [member] = await tx
      .insert(councilMembers)
      .values({ councilId, name: input.name, role: input.role, seatGroup: input.seatGroup, groups: input.groups, termStartsOn: input.termStartsOn, termEndsOn: input.termEndsOn })
      .returning();
    await recordAudit(tx, actor, {
      action: 'council.member_add',
      subjectType: 'council_member',
      subjectId: member.id,
      placeId,
      after: { councilId, role: member.role, seatGroup: member.seatGroup, groups: member.groups, term: [member.termStartsOn, member.termEndsOn] },
    });
    return member;
  });
}

async function reservedOf(tx: DbOrTx, councilId: string) {
  const rows = await tx.select().from(councilReservedSeats).where(eq(councilReservedSeats.councilId, councilId));
  return new Map(rows.map((r) => [r.seatGroup, r.seats]));
}

/** Why a member cannot take the seat they are given, as a message key, or null. Pure. */
export function seatProblem(input: Pick<MemberInput, 'role' | 'seatGroup' | 'groups'>, reserved: Map<SeatGroup, number>, held: Map<SeatGroup, number>) {
  if (input.seatGroup === 'general') return null;
  if (input.role === 'supervisor') return 'council.v.supervisorSeat';
  if (!reserved.has(input.seatGroup)) return 'council.v.noSuchSeat';
  if (!input.groups.includes(input.seatGroup)) return 'council.v.outsideGroup';
  if ((held.get(input.seatGroup) ?? 0) >= reserved.get(input.seatGroup)!) return 'council.v.seatsFull';
  return null;
}

/** A member leaves before the term ends: kept in the record with the day they left. */
export async function endMembership(actor: Actor, councilId: string, placeId: string, memberId: string) {
  return db().transaction(async (tx) => {
    const [member] = await tx
      .select()
      .from(councilMembers)
      .where(and(eq(councilMembers.id, memberId), eq(councilMembers.councilId, councilId), isNull(councilMembers.endedAt)))
      .for('update');
    if (!member) return false;
    const endedAt = new Date();
    await tx.update(councilMembers).set({ endedAt }).where(eq(councilMembers.id, memberId));
    await recordAudit(tx, actor, {
      action: 'council.member_end',
      subjectType: 'council_member',
      subjectId: memberId,
      placeId,
      before: { endedAt: null },
      after: { endedAt: endedAt.toISOString(), role: member.role, seatGroup: member.seatGroup },
    });
    return true;
  });
}
