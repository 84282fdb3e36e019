// Builders for shift tests: many volunteers at once (batched inserts), a shift row, an organiser.
import { randomUUID } from 'node:crypto';
import { db } from '../../db/client';
import { resources, shifts, users, volunteerProfiles, type Shift } from '../../db/schema';
import { createPlace, createUser } from './factories';

let seq = 0;

/** `n` users with active volunteer profiles at the place, inserted in batches; no password (they never log in). */
export async function createVolunteers(n: number, place: { id: string; path: string }, communityId: string, opts: { locale?: 'zh-CN' | 'en' } = {}) {
  const out: { userId: string; volunteerId: string; email: string; name: string }[] = [];
  for (let i = 0; i < n; i++) {
    const k = `${Date.now().toString(36)}-${++seq}`;
    out.push({ userId: randomUUID(), volunteerId: randomUUID(), email: `vol-${k}@example.test`, name: `Volunteer ${k}` });
  }
  for (let i = 0; i < out.length; i += 500) {
    const batch = out.slice(i, i + 500);
    await db().insert(users).values(batch.map((v) => ({ id: v.userId, email: v.email, name: v.name, passwordHash: 'x', locale: opts.locale ?? 'en' })));
    await db().insert(resources).values(batch.map((v) => ({ id: v.volunteerId, kind: 'volunteer' as const, name: v.name, placeId: place.id, placePath: place.path, communityId, ownerUserId: v.userId })));
    await db().insert(volunteerProfiles).values(batch.map((v) => ({ resourceId: v.volunteerId, userId: v.userId, skills: ['meal_delivery'] })));
  }
  return out;
}

/** A street, a community in it, and a community staff member who organises shifts there. */
export async function shiftWorld() {
  const street = await createPlace({ type: 'street' });
  const community = await createPlace({ type: 'community', parentId: street.id });
  const otherCommunity = await createPlace({ type: 'community', parentId: street.id });
  const organiser = await createUser({ roles: [{ role: 'community_staff', placeId: community.id }] });
  return { street, community, otherCommunity, organiser };
}

const HOUR = 3_600_000;

/** Inserts a shift row directly (tests of sign-ups); by default tomorrow-ish, two hours long, 5 spots. */
export async function insertShift(world: { community: { id: string; path: string }; organiser: { id: string } }, fields: Partial<typeof shifts.$inferInsert> = {}): Promise<Shift> {
  const startsAt = fields.startsAt ?? new Date(Date.now() + 3 * 24 * HOUR);
  const [row] = await db()
    .insert(shifts)
    .values({
      title: 'Meal delivery',
      role: 'driver',
      spots: 5,
      placeId: world.community.id,
      placePath: world.community.path,
      communityId: world.community.id,
      checkinCode: '123456',
      organiserUserId: world.organiser.id,
      ...fields,
      startsAt,
      endsAt: fields.endsAt ?? new Date(startsAt.getTime() + 2 * HOUR),
    })
    .returning();
  return row;
}
