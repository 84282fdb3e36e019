// Venue bookings (one confirmed booking per slot, guaranteed by a unique slot key) and the goods lend/return log.
import { and, asc, desc, eq, gte, isNull, lt, sql } from 'drizzle-orm';
import { db } from '../../db/client';
import { goodsLoans, notifications, offerDetails, resources, users, venueBookings } from '../../db/schema';
import { recordAudit, type Actor } from '../audit/audit.server';
import { ResourceError } from './resources.server';
import { checkSlot, formatHm, localInstant, localParts, slotsOfDay, type SlotProblem } from './rules';

export type BookingResult = { ok: true; id: string } | { ok: false; reason: 'taken' | 'over_capacity' | SlotProblem };

/**
 * Books a slot of a venue. Concurrent attempts on one slot: the partial unique index on (venue, slot start)
 * lets exactly one insert through; the others find the conflict and are told the slot is taken.
 */
export async function bookVenue(actor: Actor & { userId: string }, venueId: string, input: { slotStart: Date; purpose: string; attendees: number }, now = new Date()): Promise<BookingResult> {
  const [venue] = await db()
    .select({ placeId: resources.placeId, status: resources.status, availability: offerDetails.availability, exceptions: offerDetails.exceptions, slotMinutes: offerDetails.slotMinutes, capacity: offerDetails.capacity })
    .from(resources)
    .innerJoin(offerDetails, eq(offerDetails.resourceId, resources.id))
    .where(and(eq(resources.id, venueId), eq(resources.kind, 'venue')))
    .limit(1);
  if (!venue || venue.status !== 'active' || !venue.slotMinutes) throw new ResourceError('not_found');
  const problem = checkSlot({ availability: venue.availability, exceptions: venue.exceptions, slotMinutes: venue.slotMinutes }, input.slotStart, now);
  if (problem) return { ok: false, reason: problem };
  if (venue.capacity !== null && input.attendees > venue.capacity) return { ok: false, reason: 'over_capacity' };
  const slotEnd = new Date(input.slotStart.getTime() + venue.slotMinutes * 60_000);
  return db().transaction(async (tx) => {
    const [row] = await tx
      .insert(venueBookings)
      .values({ venueId, slotStart: input.slotStart, slotEnd, bookedBy: actor.userId, purpose: input.purpose, attendees: input.attendees })
      .onConflictDoNothing()
      .returning({ id: venueBookings.id });
    if (!row) return { ok: false as const, reason: 'taken' as const };
    await recordAudit(tx, actor, { action: 'venue.book', subjectType: 'venue_booking', subjectId: row.id, placeId: venue.placeId, after: { venueId, slotStart: input.slotStart.toISOString() } });
    return { ok: true as const, id: row.id };
  });
}

/** The booker (or the venue's owner) cancels; the slot is free again. */
/**
 * Cancels a confirmed booking: by the person who booked it, or by the venue's keeper (its owner, or staff of its
 * place — the route says so with `keeperOf`, naming the venue whose page it acts on). A keeper gives a reason, and
 * the person who booked is told in the app. Cancelling twice finds nothing to cancel.
 */
export async function cancelBooking(actor: Actor & { userId: string }, bookingId: string, opts: { keeperOf?: string; reason?: string } = {}) {
  return db().transaction(async (tx) => {
    const [b] = await tx
      .select({ booking: venueBookings, ownerUserId: resources.ownerUserId, placeId: resources.placeId, venueName: resources.name })
      .from(venueBookings)
      .innerJoin(resources, eq(resources.id, venueBookings.venueId))
      .where(and(eq(venueBookings.id, bookingId), eq(venueBookings.status, 'confirmed')))
      .for('update', { of: venueBookings });
    if (!b) throw new ResourceError('not_found');
    const isBooker = b.booking.bookedBy === actor.userId;
    const isKeeper = b.ownerUserId === actor.userId || opts.keeperOf === b.booking.venueId;
    if (!isBooker && !isKeeper) throw new ResourceError('not_found');
    await tx.update(venueBookings).set({ status: 'cancelled', cancelledAt: new Date() }).where(eq(venueBookings.id, bookingId));
    const byKeeper = !isBooker;
    await recordAudit(tx, actor, {
      action: byKeeper ? 'venue.cancel_by_keeper' : 'venue.cancel',
      subjectType: 'venue_booking',
      subjectId: bookingId,
      placeId: b.placeId,
      ...(byKeeper ? { after: { reason: opts.reason ?? '' } } : {}),
    });
    if (byKeeper) {
      await tx.insert(notifications).values({
        userId: b.booking.bookedBy,
        messageKey: 'resources.notify.bookingCancelled',
        params: { venue: b.venueName, slot: `${localParts(b.booking.slotStart).date} ${formatHm(localParts(b.booking.slotStart).minute)}`, reason: opts.reason ?? '' },
        link: `/resources/${b.booking.venueId}`,
        subjectType: 'venue_booking',
        subjectId: bookingId,
      });
    }
    return true;
  });
}

/** A week of slots from `fromDate` (local), each free or taken; who booked is not shown to the public. */
export async function venueSchedule(venueId: string, fromDate: string, days = 7, viewerId?: string | null) {
  const [venue] = await db().select({ availability: offerDetails.availability, exceptions: offerDetails.exceptions, slotMinutes: offerDetails.slotMinutes }).from(offerDetails).where(eq(offerDetails.resourceId, venueId));
  if (!venue?.slotMinutes) return [];
  const start = localInstant(fromDate, 0);
  const end = new Date(start.getTime() + days * 86_400_000);
  const booked = await db()
    .select({ id: venueBookings.id, slotStart: venueBookings.slotStart, bookedBy: venueBookings.bookedBy })
    .from(venueBookings)
    .where(and(eq(venueBookings.venueId, venueId), eq(venueBookings.status, 'confirmed'), gte(venueBookings.slotStart, start), lt(venueBookings.slotStart, end)));
  const out: { date: string; slots: { start: string; taken: boolean; mine: string | null }[] }[] = [];
  for (let d = 0; d < days; d++) {
    const date = new Date(start.getTime() + d * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
    const slots = slotsOfDay({ ...venue, slotMinutes: venue.slotMinutes }, date).map((s) => {
      const b = booked.find((x) => x.slotStart.getTime() === s.getTime());
      return { start: s.toISOString(), taken: Boolean(b), mine: b && viewerId && b.bookedBy === viewerId ? b.id : null };
    });
    out.push({ date, slots });
  }
  return out;
}

export async function myBookings(userId: string) {
  return db()
    .select({ id: venueBookings.id, venueId: resources.id, venueName: resources.name, slotStart: venueBookings.slotStart, slotEnd: venueBookings.slotEnd, purpose: venueBookings.purpose })
    .from(venueBookings)
    .innerJoin(resources, eq(resources.id, venueBookings.venueId))
    .where(and(eq(venueBookings.bookedBy, userId), eq(venueBookings.status, 'confirmed'), gte(venueBookings.slotEnd, new Date())))
    .orderBy(asc(venueBookings.slotStart));
}

// ---------------------------------------------------------------- goods

/** Units of goods out on loan or given away, and what is left. */
export async function goodsStock(goodsId: string) {
  const [row] = await db()
    .select({
      quantity: offerDetails.quantity,
      out: sql<number>`coalesce((select sum(l.quantity)::int from ${goodsLoans} l where l.goods_id = ${goodsId} and (l.kind = 'give' or l.returned_at is null)), 0)`,
    })
    .from(offerDetails)
    .where(eq(offerDetails.resourceId, goodsId));
  if (!row) return null;
  return { quantity: row.quantity ?? 0, out: Number(row.out), available: (row.quantity ?? 0) - Number(row.out) };
}

export async function listLoans(goodsId: string) {
  return db().select().from(goodsLoans).where(eq(goodsLoans.goodsId, goodsId)).orderBy(desc(goodsLoans.createdAt)).limit(100);
}

/** Who may keep the goods log: its owner. Staff of the place use the same through resource.verify (checked by the route). */
export async function goodsOwner(goodsId: string) {
  const [row] = await db().select({ ownerUserId: resources.ownerUserId, placeId: resources.placeId, placePath: resources.placePath, goodsMode: offerDetails.goodsMode }).from(resources).innerJoin(offerDetails, eq(offerDetails.resourceId, resources.id)).where(and(eq(resources.id, goodsId), eq(resources.kind, 'goods')));
  return row ?? null;
}

/** Lends or hands out goods; never more than are on hand, even when two people record at once. */
export async function recordLoan(actor: Actor & { userId: string }, goodsId: string, input: { kind: 'lend' | 'give'; quantity: number; borrowerName: string; borrowerUserId?: string | null; dueAt?: string; note?: string | null }) {
  return db().transaction(async (tx) => {
    const [goods] = await tx.select({ quantity: offerDetails.quantity, goodsMode: offerDetails.goodsMode }).from(offerDetails).where(eq(offerDetails.resourceId, goodsId)).for('update');
    if (!goods) throw new ResourceError('not_found');
    if (input.kind === 'lend' && goods.goodsMode !== 'lendable') throw new ResourceError('invalid', 'kind');
    const [{ out }] = await tx.select({ out: sql<number>`coalesce(sum(${goodsLoans.quantity})::int, 0)` }).from(goodsLoans).where(and(eq(goodsLoans.goodsId, goodsId), sql`(${goodsLoans.kind} = 'give' or ${goodsLoans.returnedAt} is null)`));
    if (Number(out) + input.quantity > (goods.quantity ?? 0)) throw new ResourceError('conflict', 'quantity');
    const [row] = await tx
      .insert(goodsLoans)
      .values({ goodsId, kind: input.kind, quantity: input.quantity, borrowerName: input.borrowerName, borrowerUserId: input.borrowerUserId ?? null, recordedBy: actor.userId, dueAt: input.dueAt ? new Date(`${input.dueAt}T23:59:59+08:00`) : null, note: input.note ?? null })
      .returning();
    const [res] = await tx.select({ placeId: resources.placeId }).from(resources).where(eq(resources.id, goodsId));
    await recordAudit(tx, actor, { action: `goods.${input.kind}`, subjectType: 'goods_loan', subjectId: row.id, placeId: res.placeId, after: { goodsId, quantity: row.quantity } });
    return row;
  });
}

export async function recordReturn(actor: Actor & { userId: string }, goodsId: string, loanId: string) {
  return db().transaction(async (tx) => {
    const [row] = await tx
      .update(goodsLoans)
      .set({ returnedAt: new Date(), returnedTo: actor.userId })
      .where(and(eq(goodsLoans.id, loanId), eq(goodsLoans.goodsId, goodsId), eq(goodsLoans.kind, 'lend'), isNull(goodsLoans.returnedAt)))
      .returning();
    if (!row) throw new ResourceError('conflict');
    const [res] = await tx.select({ placeId: resources.placeId }).from(resources).where(eq(resources.id, goodsId));
    await recordAudit(tx, actor, { action: 'goods.return', subjectType: 'goods_loan', subjectId: loanId, placeId: res.placeId });
    return row;
  });
}

/** Upcoming bookings of a venue with who booked them: for the venue's keeper (owner or staff of the place) only. */
export async function upcomingBookings(venueId: string) {
  return db()
    .select({ id: venueBookings.id, slotStart: venueBookings.slotStart, slotEnd: venueBookings.slotEnd, purpose: venueBookings.purpose, attendees: venueBookings.attendees, bookedBy: users.name })
    .from(venueBookings)
    .innerJoin(users, eq(users.id, venueBookings.bookedBy))
    .where(and(eq(venueBookings.venueId, venueId), eq(venueBookings.status, 'confirmed'), gte(venueBookings.slotEnd, new Date())))
    .orderBy(asc(venueBookings.slotStart))
    .limit(200);
}
