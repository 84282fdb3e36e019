// The household register: who lives in each flat, who is an adult, who votes for the household. Private data.
import { relations } from 'drizzle-orm';
import { boolean, index, integer, pgEnum, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { at, createdAt, id, updatedAt } from './columns';
import { places } from './places';
import { users } from './users';
import { memberRelations } from './values';

export { memberRelations } from './values';

export const households = pgTable(
  'households',
  {
    id: id(),
    /** The building the household lives in. */
    placeId: uuid('place_id').notNull().references(() => places.id),
    /** Flat or door label, e.g. "2单元 301". */
    unit: text('unit').notNull(),
    note: text('note'),
    archivedAt: at('archived_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('households_place_idx').on(t.placeId)],
);

export const memberRelationEnum = pgEnum('household_member_relation', memberRelations);

export const householdMembers = pgTable(
  'household_members',
  {
    id: id(),
    householdId: uuid('household_id').notNull().references(() => households.id),
    name: text('name').notNull(),
    relation: memberRelationEnum('relation').notNull().default('other'),
    birthYear: integer('birth_year'),
    isAdult: boolean('is_adult').notNull(),
    /** The one member who casts the household's vote when votes are one per household. */
    votesForHousehold: boolean('votes_for_household').notNull().default(false),
    phone: text('phone'),
    userId: uuid('user_id').references(() => users.id),
    movedOutAt: at('moved_out_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('household_members_household_idx').on(t.householdId), index('household_members_user_idx').on(t.userId)],
);

export const householdsRelations = relations(households, ({ one, many }) => ({
  place: one(places, { fields: [households.placeId], references: [places.id] }),
  members: many(householdMembers),
}));

export const householdMembersRelations = relations(householdMembers, ({ one }) => ({
  household: one(households, { fields: [householdMembers.householdId], references: [households.id] }),
  user: one(users, { fields: [householdMembers.userId], references: [users.id] }),
}));

export type Household = typeof households.$inferSelect;
export type HouseholdMember = typeof householdMembers.$inferSelect;
