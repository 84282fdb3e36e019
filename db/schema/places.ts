// The administrative chain a community lives in: city → district → street → community → grid → compound → building.
import { relations } from 'drizzle-orm';
import { index, integer, jsonb, pgEnum, pgTable, text, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { at, createdAt, id, updatedAt } from './columns';
import { communityTypes, placeTypes } from './values';

export { communityTypes, placeTypes, type CommunityType, type PlaceType } from './values';

export const placeTypeEnum = pgEnum('place_type', placeTypes);

export const communityTypeEnum = pgEnum('community_type', communityTypes);

export const places = pgTable(
  'places',
  {
    id: id(),
    type: placeTypeEnum('type').notNull(),
    parentId: uuid('parent_id').references((): AnyPgColumn => places.id),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    /** Ids of the ancestors and of the place itself, joined by '/', ending in '/': scope checks are prefix tests. */
    path: text('path').notNull(),
    depth: integer('depth').notNull(),
    communityType: communityTypeEnum('community_type'),
    /** Per-community settings (categories, thresholds, deadlines), read through app/places/settings.ts. */
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    archivedAt: at('archived_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('places_parent_idx').on(t.parentId), index('places_path_idx').on(t.path), index('places_type_idx').on(t.type)],
);

export const placesRelations = relations(places, ({ one, many }) => ({
  parent: one(places, { fields: [places.parentId], references: [places.id], relationName: 'parent' }),
  children: many(places, { relationName: 'parent' }),
}));

export type Place = typeof places.$inferSelect;
export type NewPlace = typeof places.$inferInsert;
