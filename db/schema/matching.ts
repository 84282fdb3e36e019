// Matching (issue #6): suggestions staff dismissed for a need, and stored batch proposals (runs) with their
// pairs, so staff can look at a proposal, approve all or part of it, and see what became of each pair.
import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgEnum, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { matchCandidateKinds, matchPairStatuses, matchRunStatuses } from '../../app/matching/values';
import { at, createdAt, id, updatedAt } from './columns';
import { needDispatches, needs } from './needs';
import { places } from './places';
import { resources } from './resources';
import { users } from './users';

export const matchCandidateKindEnum = pgEnum('match_candidate_kind', matchCandidateKinds);
export const matchRunStatusEnum = pgEnum('match_run_status', matchRunStatuses);
export const matchPairStatusEnum = pgEnum('match_pair_status', matchPairStatuses);

/** A candidate staff ruled out for a need: never suggested or proposed for it again. */
export const matchDismissals = pgTable(
  'match_dismissals',
  {
    id: id(),
    needId: uuid('need_id')
      .notNull()
      .references(() => needs.id),
    candidateKind: matchCandidateKindEnum('candidate_kind').notNull(),
    candidateId: uuid('candidate_id')
      .notNull()
      .references(() => resources.id),
    dismissedByUserId: uuid('dismissed_by_user_id').references(() => users.id),
    reason: text('reason'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('match_dismissals_unique').on(t.needId, t.candidateKind, t.candidateId)],
);

/** One batch run over the open needs of a community or street: the proposal, and whether staff approved it. */
export const matchRuns = pgTable(
  'match_runs',
  {
    id: id(),
    placeId: uuid('place_id')
      .notNull()
      .references(() => places.id),
    /** Copy of the place's path: scope checks are prefix tests. */
    placePath: text('place_path').notNull(),
    status: matchRunStatusEnum('status').notNull().default('proposed'),
    createdByUserId: uuid('created_by_user_id').references(() => users.id),
    needsConsidered: integer('needs_considered').notNull().default(0),
    candidatesConsidered: integer('candidates_considered').notNull().default(0),
    totalPoints: integer('total_points').notNull().default(0),
    matchedUnits: integer('matched_units').notNull().default(0),
    /** Units left open and why: [{needId, units, reason, considered, eligible, excludedBy}]. */
    unmatched: jsonb('unmatched').$type<UnmatchedRow[]>().notNull().default([]),
    approvedByUserId: uuid('approved_by_user_id').references(() => users.id),
    approvedAt: at('approved_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('match_runs_place_idx').on(t.placePath, t.createdAt)],
);

export interface UnmatchedRow {
  needId: string;
  units: number;
  reason: string;
  considered: number;
  eligible: number;
  excludedBy: Record<string, number>;
}

/** A proposed (need, candidate, units) of a run with the score's parts and facts; approved ones name their dispatch. */
export const matchRunPairs = pgTable(
  'match_run_pairs',
  {
    id: id(),
    runId: uuid('run_id')
      .notNull()
      .references(() => matchRuns.id),
    needId: uuid('need_id')
      .notNull()
      .references(() => needs.id),
    candidateKind: matchCandidateKindEnum('candidate_kind').notNull(),
    candidateId: uuid('candidate_id')
      .notNull()
      .references(() => resources.id),
    units: integer('units').notNull(),
    points: integer('points').notNull(),
    parts: jsonb('parts').$type<Record<string, number>>().notNull(),
    facts: jsonb('facts').$type<Record<string, unknown>>().notNull(),
    status: matchPairStatusEnum('status').notNull().default('proposed'),
    /** Why an approval found the pair out of date (need no longer open, candidate full …). */
    staleReason: text('stale_reason'),
    dispatchId: uuid('dispatch_id').references(() => needDispatches.id),
    decidedByUserId: uuid('decided_by_user_id').references(() => users.id),
    decidedAt: at('decided_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('match_run_pairs_run_idx').on(t.runId),
    uniqueIndex('match_run_pairs_unique').on(t.runId, t.needId, t.candidateKind, t.candidateId),
    check('match_run_pairs_units', sql`${t.units} > 0`),
  ],
);

export type MatchDismissal = typeof matchDismissals.$inferSelect;
export type MatchRun = typeof matchRuns.$inferSelect;
export type MatchRunPair = typeof matchRunPairs.$inferSelect;
