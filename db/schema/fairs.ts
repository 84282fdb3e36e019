// The project fair (项目相亲会) of a funding round: who takes part, their private ranked preferences, the stable
// matchings staff propose, and each pair's signatures on both sides (a pair signed by both becomes an award).
import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgEnum, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { fairProposalStatuses, fairSides, fairStatuses } from '../../app/projects/fair-values';
import type { FairOutcome } from '../../matching/stable';
import { at, createdAt, id, updatedAt } from './columns';
import { places } from './places';
import { awards, fundingRounds, projects } from './projects';
import { resources } from './resources';
import { users } from './users';

export const fairStatusEnum = pgEnum('fair_status', fairStatuses);
export const fairSideEnum = pgEnum('fair_side', fairSides);
export const fairProposalStatusEnum = pgEnum('fair_proposal_status', fairProposalStatuses);

export const fairs = pgTable(
  'fairs',
  {
    id: id(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => fundingRounds.id),
    /** The round's place (street or community): staff scope. */
    placeId: uuid('place_id')
      .notNull()
      .references(() => places.id),
    placePath: text('place_path').notNull(),
    title: text('title').notNull(),
    /** The day of the fair itself. */
    heldOn: date('held_on').notNull(),
    /** Preferences may be changed until then. */
    preferencesCloseAt: at('preferences_close_at').notNull(),
    status: fairStatusEnum('status').notNull().default('open'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('fairs_path_idx').on(t.placePath), uniqueIndex('fairs_one_per_round').on(t.roundId).where(sql`${t.status} <> 'cancelled'`)],
);

/** A project or an applicant (organisation or resident team) taking part; its ranking is private to its owners and staff. */
export const fairParticipants = pgTable(
  'fair_participants',
  {
    id: id(),
    fairId: uuid('fair_id')
      .notNull()
      .references(() => fairs.id),
    side: fairSideEnum('side').notNull(),
    projectId: uuid('project_id').references(() => projects.id),
    resourceId: uuid('resource_id').references(() => resources.id),
    /** Public name as shown on the fair board. */
    name: text('name').notNull(),
    capacity: integer('capacity').notNull().default(1),
    /** Ids of the other side's participants, best first; unranked = unacceptable. */
    ranking: jsonb('ranking').$type<string[]>().notNull().default([]),
    rankedBy: uuid('ranked_by').references(() => users.id),
    rankedAt: at('ranked_at'),
    addedBy: uuid('added_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('fair_participants_fair_idx').on(t.fairId, t.side),
    uniqueIndex('fair_participants_project_unique').on(t.fairId, t.projectId).where(sql`${t.projectId} is not null`),
    uniqueIndex('fair_participants_resource_unique').on(t.fairId, t.resourceId).where(sql`${t.resourceId} is not null`),
    check('fair_participants_side', sql`(${t.side} = 'project' and ${t.projectId} is not null and ${t.resourceId} is null) or (${t.side} = 'applicant' and ${t.resourceId} is not null and ${t.projectId} is null)`),
    check('fair_participants_capacity', sql`${t.capacity} between 0 and 20`),
  ],
);

/** A stable matching staff ran; the newest is current, earlier ones are kept (superseded). */
export const fairProposals = pgTable(
  'fair_proposals',
  {
    id: id(),
    fairId: uuid('fair_id')
      .notNull()
      .references(() => fairs.id),
    proposing: fairSideEnum('proposing').notNull(),
    status: fairProposalStatusEnum('status').notNull().default('current'),
    /** Each participant's outcome (ranks and reasons): private, like the preferences it comes from. */
    outcomes: jsonb('outcomes').$type<Record<string, FairOutcome>>().notNull().default({}),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('fair_proposals_one_current').on(t.fairId).where(sql`${t.status} = 'current'`)],
);

/** A proposed pair; each side signs once, and when both have, the pair becomes an award. */
export const fairPairs = pgTable(
  'fair_pairs',
  {
    id: id(),
    proposalId: uuid('proposal_id')
      .notNull()
      .references(() => fairProposals.id),
    fairId: uuid('fair_id')
      .notNull()
      .references(() => fairs.id),
    projectParticipantId: uuid('project_participant_id')
      .notNull()
      .references(() => fairParticipants.id),
    applicantParticipantId: uuid('applicant_participant_id')
      .notNull()
      .references(() => fairParticipants.id),
    projectRank: integer('project_rank').notNull(),
    applicantRank: integer('applicant_rank').notNull(),
    projectSignedBy: uuid('project_signed_by').references(() => users.id),
    projectSignedAt: at('project_signed_at'),
    applicantSignedBy: uuid('applicant_signed_by').references(() => users.id),
    applicantSignedAt: at('applicant_signed_at'),
    awardId: uuid('award_id').references(() => awards.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('fair_pairs_unique').on(t.proposalId, t.projectParticipantId, t.applicantParticipantId),
    index('fair_pairs_fair_idx').on(t.fairId),
    uniqueIndex('fair_pairs_award_unique').on(t.awardId).where(sql`${t.awardId} is not null`),
  ],
);

export type Fair = typeof fairs.$inferSelect;
export type FairParticipant = typeof fairParticipants.$inferSelect;
export type FairProposal = typeof fairProposals.$inferSelect;
export type FairPairRow = typeof fairPairs.$inferSelect;
