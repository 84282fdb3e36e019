// The roster of a shift. Everyone sees who holds a spot by their volunteer display name; the people who run the
// shift also see contact details (every such view audited) and attendance.
import { and, asc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { db } from '../../db/client';
import { resources, shiftSignups, shifts, users, volunteerProfiles } from '../../db/schema';
import { recordAudit, type Actor } from '../audit/audit.server';
import { runsShift, type Caller } from './shifts.server';

const team = alias(resources, 'roster_team');

/** Display names of the volunteers holding spots (public). */
export async function publicRoster(shiftId: string) {
  return db()
    .select({ name: resources.name })
    .from(shiftSignups)
    .innerJoin(resources, eq(resources.id, shiftSignups.volunteerId))
    .where(and(eq(shiftSignups.shiftId, shiftId), eq(shiftSignups.status, 'booked')))
    .orderBy(asc(shiftSignups.bookedAt), asc(shiftSignups.id));
}

/** The organiser's roster with contacts and attendance, or null when the caller does not run the shift. Audited. */
export async function organiserRoster(principal: Caller, actor: Actor, shiftId: string) {
  const [shift] = await db().select().from(shifts).where(eq(shifts.id, shiftId));
  if (!shift || !runsShift(principal, shift)) return null;
  return db().transaction(async (tx) => {
    const rows = await tx
      .select({
        id: shiftSignups.id,
        status: shiftSignups.status,
        name: resources.name,
        fullName: users.name,
        email: users.email,
        phone: users.phone,
        contactPhone: volunteerProfiles.contactPhone,
        teamName: team.name,
        confirmedAt: shiftSignups.confirmedAt,
        checkedInAt: shiftSignups.checkedInAt,
        checkedOutAt: shiftSignups.checkedOutAt,
        autoCheckedOut: shiftSignups.autoCheckedOut,
        cancelReason: shiftSignups.cancelReason,
        createdAt: shiftSignups.createdAt,
      })
      .from(shiftSignups)
      .innerJoin(resources, eq(resources.id, shiftSignups.volunteerId))
      .innerJoin(users, eq(users.id, shiftSignups.userId))
      .leftJoin(volunteerProfiles, eq(volunteerProfiles.resourceId, shiftSignups.volunteerId))
      .leftJoin(team, eq(team.id, shiftSignups.teamId))
      .where(and(eq(shiftSignups.shiftId, shiftId), inArray(shiftSignups.status, ['booked', 'waitlisted', 'no_show', 'cancelled'])))
      .orderBy(asc(shiftSignups.status), asc(shiftSignups.createdAt), asc(shiftSignups.id));
    await recordAudit(tx, actor, { action: 'shift.read_roster_contacts', subjectType: 'shift', subjectId: shiftId, placeId: shift.placeId, after: { people: rows.filter((r) => r.status !== 'cancelled').length } });
    return { shift, rows };
  });
}
