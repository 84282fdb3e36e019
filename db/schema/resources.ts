// The resource list (资源清单): volunteers, teams, social organisations, offers, venues and goods.
// One `resources` row per entry (a single id space for lists, pages and the API) with a detail table per kind.
import { relations, sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgEnum, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import {
  bookingStatuses,
  checkStatuses,
  checkTypes,
  goodsModes,
  loanKinds,
  memberRoles,
  membershipStatuses,
  offerTypes,
  providerTypes,
  registrationStatuses,
  resourceKinds,
  resourceStatuses,
  travelRadii,
  verificationStatuses,
  type DateException,
  type WeeklyWindow,
} from '../../app/resources/values';
import { at, createdAt, id, updatedAt } from './columns';
import { places } from './places';
import { users } from './users';


export const resourceKindEnum = pgEnum('resource_kind', resourceKinds);
export const resourceStatusEnum = pgEnum('resource_status', resourceStatuses);

const textArray = (name: string) =>
  text(name)
    .array()
    .notNull()
    .default(sql`'{}'::text[]`);

export const resources = pgTable(
  'resources',
  {
    id: id(),
    kind: resourceKindEnum('kind').notNull(),
    /** The public name: a volunteer's display name, a team's, an organisation's, an offer's title. */
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    /** Service categories this resource can meet (for volunteers: derived from their skills). */
    categories: textArray('categories'),
    /** Where it is: a volunteer's home place (private below grid level), a venue's building, an organisation's street... */
    placeId: uuid('place_id')
      .notNull()
      .references(() => places.id),
    /** Copy of the place's path, so scope checks and filters are prefix tests in the WHERE clause. */
    placePath: text('place_path').notNull(),
    communityId: uuid('community_id').references(() => places.id),
    gridId: uuid('grid_id').references(() => places.id),
    status: resourceStatusEnum('status').notNull().default('active'),
    /** The person who registered it and may edit it (the volunteer, a team's founder, a business's contact). */
    ownerUserId: uuid('owner_user_id').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('resources_kind_idx').on(t.kind, t.status),
    index('resources_path_idx').on(t.placePath),
    index('resources_community_idx').on(t.communityId),
    index('resources_owner_idx').on(t.ownerUserId),
  ],
);

export const travelRadiusEnum = pgEnum('travel_radius', travelRadii);

export const volunteerProfiles = pgTable(
  'volunteer_profiles',
  {
    resourceId: uuid('resource_id')
      .primaryKey()
      .references(() => resources.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    skills: textArray('skills'),
    /** Free tags beyond the taxonomy ("会修自行车"). */
    tags: textArray('tags'),
    languages: textArray('languages'),
    availability: jsonb('availability').$type<WeeklyWindow[]>().notNull().default([]),
    exceptions: jsonb('exceptions').$type<DateException[]>().notNull().default([]),
    travelRadius: travelRadiusEnum('travel_radius').notNull().default('community'),
    maxHoursPerWeek: integer('max_hours_per_week').notNull().default(4),
    consentToContact: boolean('consent_to_contact').notNull().default(false),
    /** A phone number for volunteering, if different from the account's. Private. */
    contactPhone: text('contact_phone'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('volunteer_profiles_user_unique').on(t.userId), check('volunteer_max_hours', sql`${t.maxHoursPerWeek} between 0 and 168`)],
);

export const checkTypeEnum = pgEnum('background_check_type', checkTypes);
export const checkStatusEnum = pgEnum('background_check_status', checkStatuses);

export const backgroundChecks = pgTable(
  'background_checks',
  {
    id: id(),
    volunteerId: uuid('volunteer_id')
      .notNull()
      .references(() => resources.id),
    type: checkTypeEnum('type').notNull(),
    issuer: text('issuer').notNull(),
    reference: text('reference'),
    status: checkStatusEnum('status').notNull().default('pending'),
    verifiedBy: uuid('verified_by').references(() => users.id),
    verifiedAt: at('verified_at'),
    expiresAt: at('expires_at'),
    /** When the expiry warning went out, so the job warns once. */
    warnedAt: at('warned_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('background_checks_volunteer_idx').on(t.volunteerId), index('background_checks_expiry_idx').on(t.status, t.expiresAt)],
);

export const memberRoleEnum = pgEnum('resource_member_role', memberRoles);
export const membershipStatusEnum = pgEnum('membership_status', membershipStatuses);

/** Members of teams and organisations, with invitations and join requests as statuses. */
export const resourceMembers = pgTable(
  'resource_members',
  {
    id: id(),
    resourceId: uuid('resource_id')
      .notNull()
      .references(() => resources.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    role: memberRoleEnum('role').notNull().default('member'),
    status: membershipStatusEnum('status').notNull(),
    invitedBy: uuid('invited_by').references(() => users.id),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: at('decided_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('resource_members_user_idx').on(t.userId),
    // One open or active membership per person and team: a double click cannot make two.
    uniqueIndex('resource_members_open_unique')
      .on(t.resourceId, t.userId)
      .where(sql`${t.status} in ('invited', 'requested', 'active')`),
  ],
);

export const teamProfiles = pgTable('team_profiles', {
  resourceId: uuid('resource_id')
    .primaryKey()
    .references(() => resources.id),
  skills: textArray('skills'),
  /** Where the team serves (place ids); its home place is on the resource. */
  serviceAreaIds: uuid('service_area_ids').array().notNull().default(sql`'{}'::uuid[]`),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const registrationStatusEnum = pgEnum('organisation_registration_status', registrationStatuses);
export const verificationStatusEnum = pgEnum('verification_status', verificationStatuses);

export const organisationProfiles = pgTable('organisation_profiles', {
  resourceId: uuid('resource_id')
    .primaryKey()
    .references(() => resources.id),
  registrationStatus: registrationStatusEnum('registration_status').notNull(),
  /** Unified social credit code or filing number; null for an informal group. */
  registrationNumber: text('registration_number'),
  serviceAreaIds: uuid('service_area_ids').array().notNull().default(sql`'{}'::uuid[]`),
  contactName: text('contact_name'),
  contactPhone: text('contact_phone'),
  contactEmail: text('contact_email'),
  verification: verificationStatusEnum('verification').notNull().default('unverified'),
  verifiedBy: uuid('verified_by').references(() => users.id),
  verifiedAt: at('verified_at'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const offerTypeEnum = pgEnum('offer_type', offerTypes);
export const providerTypeEnum = pgEnum('provider_type', providerTypes);
export const goodsModeEnum = pgEnum('goods_mode', goodsModes);

/** Offers (kinds offer, venue and goods): capacity and availability, and what is special to each type. */
export const offerDetails = pgTable(
  'offer_details',
  {
    resourceId: uuid('resource_id')
      .primaryKey()
      .references(() => resources.id),
    offerType: offerTypeEnum('offer_type').notNull(),
    providerType: providerTypeEnum('provider_type').notNull(),
    providerName: text('provider_name').notNull(),
    /** People at once (venue, service sessions). */
    capacity: integer('capacity'),
    /** Units held (goods). */
    quantity: integer('quantity'),
    goodsMode: goodsModeEnum('goods_mode'),
    /** Stated value of an in-kind gift, in minor units. */
    valueMinor: integer('value_minor'),
    currency: text('currency').notNull().default('CNY'),
    /** Opening hours or service hours. */
    availability: jsonb('availability').$type<WeeklyWindow[]>().notNull().default([]),
    exceptions: jsonb('exceptions').$type<DateException[]>().notNull().default([]),
    /** Length of a bookable venue slot. */
    slotMinutes: integer('slot_minutes'),
    availableUntil: at('available_until'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('offer_counts_nonnegative', sql`coalesce(${t.capacity}, 0) >= 0 and coalesce(${t.quantity}, 0) >= 0 and coalesce(${t.valueMinor}, 0) >= 0`),
    check('offer_slot_minutes', sql`${t.slotMinutes} is null or ${t.slotMinutes} between 15 and 1440`),
  ],
);

export const bookingStatusEnum = pgEnum('venue_booking_status', bookingStatuses);

export const venueBookings = pgTable(
  'venue_bookings',
  {
    id: id(),
    venueId: uuid('venue_id')
      .notNull()
      .references(() => resources.id),
    slotStart: at('slot_start').notNull(),
    slotEnd: at('slot_end').notNull(),
    bookedBy: uuid('booked_by')
      .notNull()
      .references(() => users.id),
    purpose: text('purpose').notNull(),
    attendees: integer('attendees').notNull().default(1),
    status: bookingStatusEnum('status').notNull().default('confirmed'),
    cancelledAt: at('cancelled_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // The slot key: slots are aligned to the venue's slot length, so one confirmed booking per start time
    // means no two confirmed bookings overlap — enforced by the database, whatever races in front of it.
    uniqueIndex('venue_bookings_slot_unique').on(t.venueId, t.slotStart).where(sql`${t.status} = 'confirmed'`),
    index('venue_bookings_user_idx').on(t.bookedBy),
    check('venue_booking_order', sql`${t.slotEnd} > ${t.slotStart}`),
  ],
);

export const loanKindEnum = pgEnum('goods_loan_kind', loanKinds);

/** The lend/return log of goods: a `lend` is open until returned; a `give` hands consumables out for good. */
export const goodsLoans = pgTable(
  'goods_loans',
  {
    id: id(),
    goodsId: uuid('goods_id')
      .notNull()
      .references(() => resources.id),
    kind: loanKindEnum('kind').notNull(),
    quantity: integer('quantity').notNull(),
    borrowerUserId: uuid('borrower_user_id').references(() => users.id),
    borrowerName: text('borrower_name').notNull(),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    dueAt: at('due_at'),
    returnedAt: at('returned_at'),
    returnedTo: uuid('returned_to').references(() => users.id),
    note: text('note'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('goods_loans_goods_idx').on(t.goodsId), check('goods_loan_quantity', sql`${t.quantity} > 0`)],
);

export const resourcesRelations = relations(resources, ({ one, many }) => ({
  place: one(places, { fields: [resources.placeId], references: [places.id] }),
  owner: one(users, { fields: [resources.ownerUserId], references: [users.id] }),
  volunteer: one(volunteerProfiles, { fields: [resources.id], references: [volunteerProfiles.resourceId] }),
  members: many(resourceMembers),
  checks: many(backgroundChecks),
}));

export const resourceMembersRelations = relations(resourceMembers, ({ one }) => ({
  resource: one(resources, { fields: [resourceMembers.resourceId], references: [resources.id] }),
  user: one(users, { fields: [resourceMembers.userId], references: [users.id] }),
}));

export const backgroundChecksRelations = relations(backgroundChecks, ({ one }) => ({
  volunteer: one(resources, { fields: [backgroundChecks.volunteerId], references: [resources.id] }),
}));

export type Resource = typeof resources.$inferSelect;
export type VolunteerProfile = typeof volunteerProfiles.$inferSelect;
export type BackgroundCheck = typeof backgroundChecks.$inferSelect;
export type ResourceMember = typeof resourceMembers.$inferSelect;
export type OrganisationProfile = typeof organisationProfiles.$inferSelect;
export type OfferDetails = typeof offerDetails.$inferSelect;
export type VenueBooking = typeof venueBookings.$inferSelect;
export type GoodsLoan = typeof goodsLoans.$inferSelect;
