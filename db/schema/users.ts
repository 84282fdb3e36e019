// People: accounts, their place-scoped roles, and who may act on behalf of whom.
import { relations, sql } from 'drizzle-orm';
import { index, pgEnum, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { at, createdAt, id, updatedAt } from './columns';
import { places } from './places';
import { locales, representativeRelations, roles } from './values';

export { locales, representativeRelations, roles, type Locale, type Role } from './values';

export const localeEnum = pgEnum('locale', locales);

export const users = pgTable(
  'users',
  {
    id: id(),
    /** Lower-cased; null for a resident without an account of their own (acted for by family or staff). */
    email: text('email'),
    name: text('name').notNull(),
    phone: text('phone'),
    passwordHash: text('password_hash'),
    locale: localeEnum('locale').notNull().default('zh-CN'),
    homePlaceId: uuid('home_place_id').references(() => places.id),
    emailVerifiedAt: at('email_verified_at'),
    disabledAt: at('disabled_at'),
    /** Set when the account was erased: personal data removed, the row kept so the books and tallies still refer to it. */
    erasedAt: at('erased_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('users_email_unique').on(t.email).where(sql`${t.email} is not null`)],
);

export const roleEnum = pgEnum('role', roles);

export const roleAssignments = pgTable(
  'role_assignments',
  {
    id: id(),
    userId: uuid('user_id').notNull().references(() => users.id),
    role: roleEnum('role').notNull(),
    /** Where the role holds; null only for a platform-wide admin. */
    placeId: uuid('place_id').references(() => places.id),
    grantedBy: uuid('granted_by').references(() => users.id),
    revokedAt: at('revoked_at'),
    revokedBy: uuid('revoked_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('role_assignments_user_idx').on(t.userId),
    uniqueIndex('role_assignments_active_unique')
      .on(t.userId, t.role, t.placeId)
      .where(sql`${t.revokedAt} is null`),
  ],
);

export const representativeRelationEnum = pgEnum('representative_relation', representativeRelations);

/** A registered family member (or other trusted person) who may act for a resident without a phone. */
export const representatives = pgTable(
  'representatives',
  {
    id: id(),
    principalUserId: uuid('principal_user_id').notNull().references(() => users.id),
    representativeUserId: uuid('representative_user_id').notNull().references(() => users.id),
    relation: representativeRelationEnum('relation').notNull(),
    registeredBy: uuid('registered_by').notNull().references(() => users.id),
    revokedAt: at('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('representatives_active_unique')
      .on(t.principalUserId, t.representativeUserId)
      .where(sql`${t.revokedAt} is null`),
  ],
);

export const usersRelations = relations(users, ({ many, one }) => ({
  roles: many(roleAssignments),
  homePlace: one(places, { fields: [users.homePlaceId], references: [places.id] }),
}));

export const roleAssignmentsRelations = relations(roleAssignments, ({ one }) => ({
  user: one(users, { fields: [roleAssignments.userId], references: [users.id] }),
  place: one(places, { fields: [roleAssignments.placeId], references: [places.id] }),
}));

export type User = typeof users.$inferSelect;
export type RoleAssignment = typeof roleAssignments.$inferSelect;
