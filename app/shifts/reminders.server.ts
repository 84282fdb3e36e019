// Reminders 7 days, 1 day and 2 hours before a shift, each sent once per sign-up (a unique key records it), in the
// volunteer's language. Safe to run as often as wanted and from several workers at once.
import { and, eq, gt, lte } from 'drizzle-orm';
import { db } from '../../db/client';
import { shiftReminders, shiftSignups, shifts } from '../../db/schema';
import { notifyVolunteers } from './notify.server';
import { reminderDue } from './rules';

const WEEK_MS = 7 * 86_400_000;

export async function runShiftReminders(now = new Date()) {
  const upcoming = await db()
    .select({ signupId: shiftSignups.id, userId: shiftSignups.userId, bookedAt: shiftSignups.bookedAt, shiftId: shifts.id, title: shifts.title, startsAt: shifts.startsAt })
    .from(shiftSignups)
    .innerJoin(shifts, eq(shifts.id, shiftSignups.shiftId))
    .where(and(eq(shiftSignups.status, 'booked'), eq(shifts.status, 'open'), gt(shifts.startsAt, now), lte(shifts.startsAt, new Date(now.getTime() + WEEK_MS))))
    .limit(5000);
  let sent = 0;
  for (const u of upcoming) {
    const kind = reminderDue(u.startsAt, now, u.bookedAt);
    if (!kind) continue;
    await db().transaction(async (tx) => {
      const [claimed] = await tx.insert(shiftReminders).values({ signupId: u.signupId, kind }).onConflictDoNothing().returning({ id: shiftReminders.id });
      if (!claimed) return;
      await notifyVolunteers(tx, [u.userId], kind === '7d' ? 'reminder7d' : kind === '1d' ? 'reminder1d' : 'reminder2h', { id: u.shiftId, title: u.title, startsAt: u.startsAt });
      sent++;
    });
  }
  return { sent };
}
