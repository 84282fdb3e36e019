// What anyone may see of places: names and types, never households or people.
import { and, asc, eq, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { db } from '../../db/client';
import { places } from '../../db/schema';
import { placeRead } from './place-reads.server';

/** The communities with their streets, for filters and forms (public names only; kept a few seconds per process). */
export function listPublicCommunities() {
  return placeRead('public communities', readPublicCommunities);
}

function readPublicCommunities() {
  const street = alias(places, 'street');
  return db()
    .select({
      id: places.id,
      nameZh: places.nameZh,
      nameEn: places.nameEn,
      communityType: places.communityType,
      streetZh: street.nameZh,
      streetEn: street.nameEn,
    })
    .from(places)
    .leftJoin(street, eq(street.id, places.parentId))
    .where(and(eq(places.type, 'community'), isNull(places.archivedAt)))
    .orderBy(asc(places.nameZh))
    .limit(200);
}
