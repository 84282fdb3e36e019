// Matching programmes (配捐) with their eligible projects and match records, each gift's source, pledges and their
// payments, and household-share plans. Money lives in the ledger: these rows say who, why and which rules; every
// total (matched, raised, paid) is derived from ledger entries.
import { relations, sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgEnum, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { exhaustionPolicies, giftSources, pledgeStatuses, programmeStatuses } from '../../app/matching-funds/values';
import { at, createdAt, id, updatedAt } from './columns';
import { donations, funds } from './funds';
import { households } from './households';
import { ledgerGroups } from './ledger';
import { places } from './places';
import { projects } from './projects';
import { users } from './users';

export const programmeStatusEnum = pgEnum('matching_programme_status', programmeStatuses);
export const exhaustionPolicyEnum = pgEnum('matching_exhaustion_policy', exhaustionPolicies);
export const giftSourceEnum = pgEnum('gift_source', giftSources);
export const pledgeStatusEnum = pgEnum('pledge_status', pledgeStatuses);

export const matchingProgrammes = pgTable(
  'matching_programmes',
  {
    id: id(),
    /** The community or street whose projects it may match (and whose staff see its simulation). */
    placeId: uuid('place_id').notNull().references(() => places.id),
    placePath: text('place_path').notNull(),
    /** The matching pool it pays from: one pool per programme. */
    poolFundId: uuid('pool_fund_id').notNull().references(() => funds.id),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    /** The funder as shown in public (a government department or foundation). */
    funderZh: text('funder_zh').notNull(),
    funderEn: text('funder_en').notNull(),
    status: programmeStatusEnum('status').notNull().default('draft'),
    currency: text('currency').notNull().default('CNY'),
    /** [{fromMinor, num, den}], the first from 0: see app/matching-funds/rules.ts. */
    tiers: jsonb('tiers').$type<{ fromMinor: number; num: number; den: number }[]>().notNull(),
    seedMinor: bigint('seed_minor', { mode: 'number' }).notNull().default(0),
    minGiftMinor: bigint('min_gift_minor', { mode: 'number' }).notNull().default(0),
    perDonorCapMinor: bigint('per_donor_cap_minor', { mode: 'number' }),
    perProjectCapMinor: bigint('per_project_cap_minor', { mode: 'number' }),
    programmeCapMinor: bigint('programme_cap_minor', { mode: 'number' }),
    matchedSources: giftSourceEnum('matched_sources').array().notNull(),
    exhaustion: exhaustionPolicyEnum('exhaustion').notNull().default('stop'),
    startsAt: at('starts_at').notNull(),
    endsAt: at('ends_at').notNull(),
    /** Eligible categories; empty = any (eligible projects are in matching_programme_projects). */
    categories: text('categories').array().notNull().default(sql`'{}'::text[]`),
    createdBy: uuid('created_by').notNull().references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('matching_programmes_pool_unique').on(t.poolFundId),
    index('matching_programmes_path_idx').on(t.placePath),
    check('matching_programmes_dates', sql`${t.endsAt} > ${t.startsAt}`),
    check('matching_programmes_amounts', sql`${t.seedMinor} >= 0 and ${t.minGiftMinor} >= 0`),
  ],
);

/** Projects a programme names as eligible (none named: any project of its place in its categories). */
export const matchingProgrammeProjects = pgTable(
  'matching_programme_projects',
  {
    id: id(),
    programmeId: uuid('programme_id').notNull().references(() => matchingProgrammes.id),
    projectId: uuid('project_id').notNull().references(() => projects.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('matching_programme_projects_unique').on(t.programmeId, t.projectId), index('matching_programme_projects_project_idx').on(t.projectId)],
);

/** Who a gift came from, for the seed, the per-donor cap and "raised by source". One row per donation. */
export const giftRecords = pgTable(
  'gift_records',
  {
    id: id(),
    donationId: uuid('donation_id').notNull().references(() => donations.id),
    source: giftSourceEnum('source').notNull(),
    /** user:<id>, household:<id>, email:<sha-256> or name:<normalised>: the per-donor cap counts per key. Never shown. */
    donorKey: text('donor_key').notNull(),
    householdId: uuid('household_id').references(() => households.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('gift_records_donation_unique').on(t.donationId), index('gift_records_donor_idx').on(t.donorKey), index('gift_records_household_idx').on(t.householdId)],
);

/** One programme's decision on one gift: how much it matched and why; the money is the linked ledger group. */
export const programmeMatches = pgTable(
  'programme_matches',
  {
    id: id(),
    programmeId: uuid('programme_id').notNull().references(() => matchingProgrammes.id),
    donationId: uuid('donation_id').notNull().references(() => donations.id),
    projectId: uuid('project_id').notNull().references(() => projects.id),
    donorKey: text('donor_key').notNull(),
    /** The match group in the ledger; null when the gift earned nothing. */
    ledgerGroupId: uuid('ledger_group_id').references(() => ledgerGroups.id),
    reason: text('reason').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('programme_matches_unique').on(t.programmeId, t.donationId),
    index('programme_matches_donor_idx').on(t.programmeId, t.donorKey),
    index('programme_matches_project_idx').on(t.programmeId, t.projectId),
  ],
);

export const pledges = pgTable(
  'pledges',
  {
    id: id(),
    fundId: uuid('fund_id').notNull().references(() => funds.id),
    projectId: uuid('project_id').references(() => projects.id),
    /** A household share pledge names the household. */
    householdId: uuid('household_id').references(() => households.id),
    userId: uuid('user_id').references(() => users.id),
    pledgerName: text('pledger_name').notNull(),
    /** Private: for reminders only. */
    pledgerEmail: text('pledger_email'),
    locale: text('locale').notNull().default('zh-CN'),
    visibility: text('visibility').notNull().default('public'),
    source: giftSourceEnum('source').notNull().default('resident'),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    dueAt: at('due_at').notNull(),
    status: pledgeStatusEnum('status').notNull().default('open'),
    remindedAt: at('reminded_at'),
    closedAt: at('closed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('pledges_fund_idx').on(t.fundId),
    index('pledges_project_idx').on(t.projectId),
    index('pledges_user_idx').on(t.userId),
    index('pledges_due_idx').on(t.status, t.dueAt),
    uniqueIndex('pledges_household_project_unique').on(t.householdId, t.projectId).where(sql`${t.householdId} is not null and ${t.status} in ('open', 'fulfilled')`),
    check('pledges_amount_positive', sql`${t.amountMinor} > 0`),
  ],
);

/** A payment toward a pledge: the donation (posted in the ledger) that fulfils it, fully or in part. */
export const pledgePayments = pgTable(
  'pledge_payments',
  {
    id: id(),
    pledgeId: uuid('pledge_id').notNull().references(() => pledges.id),
    donationId: uuid('donation_id').notNull().references(() => donations.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('pledge_payments_donation_unique').on(t.donationId), index('pledge_payments_pledge_idx').on(t.pledgeId)],
);

/** A household-share plan for a project: each household of the place is asked for the same share by a date. */
export const householdSharePlans = pgTable(
  'household_share_plans',
  {
    id: id(),
    projectId: uuid('project_id').notNull().references(() => projects.id),
    /** The compound or community whose households are asked. */
    placeId: uuid('place_id').notNull().references(() => places.id),
    shareMinor: bigint('share_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull().default('CNY'),
    /** What the households are asked to raise together (shares × households when set up). */
    householdCount: integer('household_count').notNull(),
    dueAt: at('due_at').notNull(),
    createdBy: uuid('created_by').notNull().references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('household_share_plans_project_unique').on(t.projectId), check('household_share_plans_share_positive', sql`${t.shareMinor} > 0`)],
);

export const matchingProgrammesRelations = relations(matchingProgrammes, ({ one, many }) => ({
  pool: one(funds, { fields: [matchingProgrammes.poolFundId], references: [funds.id] }),
  projects: many(matchingProgrammeProjects),
}));
export const matchingProgrammeProjectsRelations = relations(matchingProgrammeProjects, ({ one }) => ({
  programme: one(matchingProgrammes, { fields: [matchingProgrammeProjects.programmeId], references: [matchingProgrammes.id] }),
}));

export type MatchingProgramme = typeof matchingProgrammes.$inferSelect;
export type Pledge = typeof pledges.$inferSelect;
export type GiftRecord = typeof giftRecords.$inferSelect;
export type HouseholdSharePlan = typeof householdSharePlans.$inferSelect;
