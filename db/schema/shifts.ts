// Volunteer shifts and service hours: shifts (role × spots, fixed time or a window, weekly series), sign-ups with
// a hard capacity and a waitlist, reminders sent once each, hours records, calendar feeds and yearly goals.
import { relations, sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgEnum, pgTable, smallint, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { goalKinds, hoursSources, hoursStatuses, reminderKinds, shiftRecurrences, shiftStatuses, shiftTimings, signupStatuses } from '../../app/shifts/values';
import { at, createdAt, id, updatedAt } from './columns';
import { needs } from './needs';
import { places } from './places';
import { projects } from './projects';
import { resources } from './resources';
import { users } from './users';

export const shiftTimingEnum = pgEnum('shift_timing', shiftTimings);
export const shiftStatusEnum = pgEnum('shift_status', shiftStatuses);
export const shiftRecurrenceEnum = pgEnum('shift_recurrence', shiftRecurrences);
export const signupStatusEnum = pgEnum('shift_signup_status', signupStatuses);
export const hoursSourceEnum = pgEnum('service_hours_source', hoursSources);
export const hoursStatusEnum = pgEnum('service_hours_status', hoursStatuses);
export const reminderKindEnum = pgEnum('shift_reminder_kind', reminderKinds);
export const goalKindEnum = pgEnum('volunteer_goal_kind', goalKinds);

const textArray = (name: string) =>
  text(name)
    .array()
    .notNull()
    .default(sql`'{}'::text[]`);

export const shifts = pgTable(
  'shifts',
  {
    id: id(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    /** What the volunteer does ("送餐员", "patrol lead"). */
    role: text('role').notNull(),
    /** The hard capacity: booked sign-ups never exceed it. */
    spots: integer('spots').notNull(),
    /** How many may wait in line once the spots are taken; further sign-ups are refused. */
    waitlistLimit: integer('waitlist_limit').notNull().default(20),
    skills: textArray('skills'),
    /** Background checks a volunteer must hold, valid at the shift's start (app/resources/rules.ts). */
    requiredChecks: textArray('required_checks'),
    placeId: uuid('place_id')
      .notNull()
      .references(() => places.id),
    placePath: text('place_path').notNull(),
    communityId: uuid('community_id').references(() => places.id),
    /** A meeting point in words ("社区食堂门口"): public, never a resident's address. */
    location: text('location').notNull().default(''),
    needId: uuid('need_id').references(() => needs.id),
    /** The project it belongs to (app/projects). */
    projectId: uuid('project_id').references(() => projects.id),
    /** The team or organisation running it; hours are recorded under it. */
    organisationId: uuid('organisation_id').references(() => resources.id),
    timing: shiftTimingEnum('timing').notNull().default('fixed'),
    /** Fixed: when it runs. Window: the window within which the work may be done at any time. */
    startsAt: at('starts_at').notNull(),
    endsAt: at('ends_at').notNull(),
    /** Expected length of a window shift's work. */
    durationMinutes: integer('duration_minutes'),
    recurrence: shiftRecurrenceEnum('recurrence').notNull().default('once'),
    /** Occurrences of one recurring shift share a series id. */
    seriesId: uuid('series_id'),
    teamsAllowed: boolean('teams_allowed').notNull().default(false),
    /** No cancellations by volunteers later than this many hours before the start. */
    cancelCutoffHours: integer('cancel_cutoff_hours').notNull().default(12),
    /** Minutes after the end at which a forgotten check-out is made automatically, flagged for review. */
    autoCheckoutMinutes: integer('auto_checkout_minutes').notNull().default(120),
    /** The code the organiser shows at the place; volunteers type it on their phone to check in. */
    checkinCode: text('checkin_code').notNull(),
    status: shiftStatusEnum('status').notNull().default('open'),
    organiserUserId: uuid('organiser_user_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('shifts_starts_idx').on(t.startsAt),
    index('shifts_path_idx').on(t.placePath),
    index('shifts_need_idx').on(t.needId),
    index('shifts_project_idx').on(t.projectId),
    index('shifts_series_idx').on(t.seriesId),
    index('shifts_organiser_idx').on(t.organiserUserId),
    check('shifts_spots', sql`${t.spots} between 1 and 500`),
    check('shifts_waitlist', sql`${t.waitlistLimit} between 0 and 500`),
    check('shifts_order', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

export const shiftSignups = pgTable(
  'shift_signups',
  {
    id: id(),
    shiftId: uuid('shift_id')
      .notNull()
      .references(() => shifts.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    volunteerId: uuid('volunteer_id')
      .notNull()
      .references(() => resources.id),
    status: signupStatusEnum('status').notNull(),
    /** A team leader who signed the volunteer up with their team. */
    signedUpBy: uuid('signed_up_by')
      .notNull()
      .references(() => users.id),
    teamId: uuid('team_id').references(() => resources.id),
    /** The volunteer's own "I will be there": set when they sign up themselves or confirm afterwards. */
    confirmedAt: at('confirmed_at'),
    /** When the sign-up got its spot (at once, or promoted from the waitlist). */
    bookedAt: at('booked_at'),
    cancelledAt: at('cancelled_at'),
    cancelReason: text('cancel_reason'),
    cancelNote: text('cancel_note'),
    checkedInAt: at('checked_in_at'),
    checkedInBy: uuid('checked_in_by').references(() => users.id),
    checkedOutAt: at('checked_out_at'),
    checkedOutBy: uuid('checked_out_by').references(() => users.id),
    autoCheckedOut: boolean('auto_checked_out').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // One live sign-up per person and shift: a double click cannot make two.
    uniqueIndex('shift_signups_live_unique').on(t.shiftId, t.userId).where(sql`${t.status} in ('booked', 'waitlisted')`),
    index('shift_signups_shift_idx').on(t.shiftId, t.status, t.createdAt),
    index('shift_signups_user_idx').on(t.userId, t.status),
    index('shift_signups_open_checkin_idx').on(t.checkedInAt).where(sql`${t.checkedInAt} is not null and ${t.checkedOutAt} is null`),
  ],
);

/** One row per reminder sent: the unique key makes the reminder job idempotent. */
export const shiftReminders = pgTable(
  'shift_reminders',
  {
    id: id(),
    signupId: uuid('signup_id')
      .notNull()
      .references(() => shiftSignups.id),
    kind: reminderKindEnum('kind').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('shift_reminders_unique').on(t.signupId, t.kind)],
);

/** Service hours, in half-hour units: from attendance, logged afterwards by the volunteer, or by the organiser. */
export const serviceHours = pgTable(
  'service_hours',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    shiftId: uuid('shift_id').references(() => shifts.id),
    signupId: uuid('signup_id').references(() => shiftSignups.id),
    /** The team or organisation the hours were served with; null: the community itself. */
    organisationId: uuid('organisation_id').references(() => resources.id),
    /** The community (or street) where they were served. */
    placeId: uuid('place_id')
      .notNull()
      .references(() => places.id),
    placePath: text('place_path').notNull(),
    /** The local (Asia/Shanghai) date served: the record groups by its month. */
    servedOn: text('served_on').notNull(),
    halfHours: smallint('half_hours').notNull(),
    description: text('description').notNull().default(''),
    source: hoursSourceEnum('source').notNull(),
    status: hoursStatusEnum('status').notNull(),
    /** Why it needs review ("auto_checkout"). */
    flag: text('flag'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: at('decided_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('service_hours_user_idx').on(t.userId, t.servedOn),
    index('service_hours_shift_idx').on(t.shiftId),
    index('service_hours_review_idx').on(t.placePath).where(sql`${t.status} in ('pending', 'flagged')`),
    // A sign-up's attendance makes one hours record, however often check-out is pressed.
    uniqueIndex('service_hours_signup_unique').on(t.signupId).where(sql`${t.signupId} is not null and ${t.status} <> 'rejected'`),
    check('service_hours_positive', sql`${t.halfHours} between 1 and 48`),
    check('service_hours_date', sql`${t.servedOn} ~ '^\\d{4}-\\d{2}-\\d{2}$'`),
  ],
);

/** A volunteer's private calendar feed: only a hash of the token is kept; revoking ends the URL. */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    tokenHash: text('token_hash').notNull(),
    revokedAt: at('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('calendar_feeds_token_unique').on(t.tokenHash), uniqueIndex('calendar_feeds_live_unique').on(t.userId).where(sql`${t.revokedAt} is null`)],
);

/** A yearly hours goal (双报到 ≥ 16 h, or a personal target). */
export const volunteerGoals = pgTable(
  'volunteer_goals',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    year: integer('year').notNull(),
    kind: goalKindEnum('kind').notNull(),
    targetHalfHours: integer('target_half_hours').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('volunteer_goals_unique').on(t.userId, t.year), check('volunteer_goals_target', sql`${t.targetHalfHours} between 1 and 2000`)],
);

export const shiftsRelations = relations(shifts, ({ one, many }) => ({
  place: one(places, { fields: [shifts.placeId], references: [places.id] }),
  signups: many(shiftSignups),
}));

export const shiftSignupsRelations = relations(shiftSignups, ({ one }) => ({
  shift: one(shifts, { fields: [shiftSignups.shiftId], references: [shifts.id] }),
}));

export type Shift = typeof shifts.$inferSelect;
export type ShiftSignup = typeof shiftSignups.$inferSelect;
export type ServiceHours = typeof serviceHours.$inferSelect;
export type VolunteerGoal = typeof volunteerGoals.$inferSelect;
