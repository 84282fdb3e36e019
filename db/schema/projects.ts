// The project list (项目清单) and funding rounds (公益创投): projects bundling needs, their budget lines and milestones,
// rounds with weighted criteria, bids, evaluator assignments and scores, awards with their public notice (公示) and
// objections, and each project's state history. Money is integer minor units with a currency.
import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, customType, date, index, integer, jsonb, pgEnum, pgTable, smallint, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import {
  applicantTypes,
  awardStatuses,
  bidStatuses,
  projectStates,
  roundStatuses,
  type BidBudgetLine,
  type BidScheduleItem,
  type BidStaffMember,
} from '../../app/projects/values';
import { at, createdAt, id, updatedAt } from './columns';
import { funds } from './funds';
import { needs } from './needs';
import { places } from './places';
import { resources } from './resources';
import { users } from './users';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

const textArray = (name: string) =>
  text(name)
    .array()
    .notNull()
    .default(sql`'{}'::text[]`);

const money = (name: string) => bigint(name, { mode: 'number' });

export const projectStateEnum = pgEnum('project_state', projectStates);
export const roundStatusEnum = pgEnum('funding_round_status', roundStatuses);
export const applicantTypeEnum = pgEnum('applicant_type', applicantTypes);
export const bidStatusEnum = pgEnum('bid_status', bidStatuses);
export const awardStatusEnum = pgEnum('award_status', awardStatuses);

export const projects = pgTable(
  'projects',
  {
    id: id(),
    /** The community (or street) the project serves: staff scope and public grouping. */
    placeId: uuid('place_id')
      .notNull()
      .references(() => places.id),
    /** Copy of the place's path, so scope checks are prefix tests in the WHERE clause. */
    placePath: text('place_path').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    goals: text('goals').notNull().default(''),
    deliverables: text('deliverables').notNull().default(''),
    /** Who benefits, in words ("40 house-bound elders in grid 3"). */
    beneficiaries: text('beneficiaries').notNull().default(''),
    beneficiaryCount: integer('beneficiary_count'),
    category: text('category').notNull(),
    requiredSkills: textArray('required_skills'),
    state: projectStateEnum('state').notNull().default('draft'),
    /** The budget staff set for the work (the sum of its budget lines when it has them). */
    budgetMinor: money('budget_minor').notNull().default(0),
    currency: text('currency').notNull().default('CNY'),
    /** The project's own fund, once it has one (delivery pays through the ledger from it). */
    fundId: uuid('fund_id').references(() => funds.id),
    /** Who delivers it, once awarded: an organisation or team resource, or a person. */
    delivererResourceId: uuid('deliverer_resource_id').references(() => resources.id),
    delivererUserId: uuid('deliverer_user_id').references(() => users.id),
    /** Public name of the deliverer as awarded. */
    delivererName: text('deliverer_name'),
    startsOn: date('starts_on'),
    endsOn: date('ends_on'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('projects_path_idx').on(t.placePath),
    index('projects_state_idx').on(t.state, t.createdAt),
    index('projects_deliverer_resource_idx').on(t.delivererResourceId),
    check('projects_budget_nonnegative', sql`${t.budgetMinor} >= 0`),
    check('projects_beneficiary_count', sql`${t.beneficiaryCount} is null or ${t.beneficiaryCount} >= 0`),
  ],
);

/** The needs a project answers (one or more). */
export const projectNeeds = pgTable(
  'project_needs',
  {
    id: id(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    needId: uuid('need_id')
      .notNull()
      .references(() => needs.id),
    linkedBy: uuid('linked_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('project_needs_unique').on(t.projectId, t.needId), index('project_needs_need_idx').on(t.needId)],
);

export const projectBudgetLines = pgTable(
  'project_budget_lines',
  {
    id: id(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    label: text('label').notNull(),
    amountMinor: money('amount_minor').notNull(),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('project_budget_lines_project_idx').on(t.projectId, t.position), check('project_budget_lines_amount', sql`${t.amountMinor} >= 0`)],
);

/** Milestones of a project; delivery adds progress, reports and disbursements against them. */
export const projectMilestones = pgTable(
  'project_milestones',
  {
    id: id(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    title: text('title').notNull(),
    dueOn: date('due_on'),
    /** The share of the budget paid on reaching this milestone. */
    amountMinor: money('amount_minor').notNull().default(0),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('project_milestones_project_idx').on(t.projectId, t.position), check('project_milestones_amount', sql`${t.amountMinor} >= 0`)],
);

/** A project's state history (and other public steps): the public timeline reads it. */
export const projectEvents = pgTable(
  'project_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    /** One of projectEventKinds (delivery adds kinds of its own, hence text). */
    kind: text('kind').notNull(),
    fromState: projectStateEnum('from_state'),
    toState: projectStateEnum('to_state'),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    /** Public facts of the step. */
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [index('project_events_project_idx').on(t.projectId, t.id)],
);

/** A funding round (公益创投): a call with a budget, eligible categories and applicant types, dates and criteria. */
export const fundingRounds = pgTable(
  'funding_rounds',
  {
    id: id(),
    /** The street or community running the round. */
    placeId: uuid('place_id')
      .notNull()
      .references(() => places.id),
    placePath: text('place_path').notNull(),
    title: text('title').notNull(),
    callText: text('call_text').notNull().default(''),
    budgetMinor: money('budget_minor').notNull(),
    currency: text('currency').notNull().default('CNY'),
    /** Service categories a project must be in; empty = any. */
    eligibleCategories: textArray('eligible_categories'),
    applicantTypes: applicantTypeEnum('applicant_types')
      .array()
      .notNull()
      .default(sql`'{registered_org}'::applicant_type[]`),
    /** A micro-grant round also takes bids from resident teams and individuals. */
    microGrant: boolean('micro_grant').notNull().default(false),
    opensAt: at('opens_at').notNull(),
    closesAt: at('closes_at').notNull(),
    noticeDays: integer('notice_days').notNull().default(5),
    status: roundStatusEnum('status').notNull().default('draft'),
    /** The venture-philanthropy fund the grants come from, when there is one. */
    fundId: uuid('fund_id').references(() => funds.id),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('funding_rounds_path_idx').on(t.placePath),
    index('funding_rounds_status_idx').on(t.status, t.closesAt),
    check('funding_rounds_budget', sql`${t.budgetMinor} > 0`),
    check('funding_rounds_dates', sql`${t.closesAt} > ${t.opensAt}`),
    check('funding_rounds_notice_days', sql`${t.noticeDays} between 0 and 60`),
  ],
);

/** Weighted evaluation criteria of a round; weights are relative (a criterion of weight 30 counts 3× one of 10). */
export const roundCriteria = pgTable(
  'round_criteria',
  {
    id: id(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => fundingRounds.id),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    weight: integer('weight').notNull(),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index('round_criteria_round_idx').on(t.roundId, t.position), check('round_criteria_weight', sql`${t.weight} between 1 and 100`)],
);

/** The projects a round calls bids for. */
export const roundProjects = pgTable(
  'round_projects',
  {
    id: id(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => fundingRounds.id),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    addedBy: uuid('added_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('round_projects_unique').on(t.roundId, t.projectId), index('round_projects_project_idx').on(t.projectId)],
);

export const bids = pgTable(
  'bids',
  {
    id: id(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => fundingRounds.id),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    applicantType: applicantTypeEnum('applicant_type').notNull(),
    /** The organisation or resident team bidding (resource-list entry); null for an individual. */
    applicantResourceId: uuid('applicant_resource_id').references(() => resources.id),
    /** The individual bidding; null for an organisation or team. */
    applicantUserId: uuid('applicant_user_id').references(() => users.id),
    /** 'resource:<id>' or 'user:<id>': one bid per applicant per project and round, whoever clicks twice. */
    applicantKey: text('applicant_key').notNull(),
    /** Public name of the applicant as shown on the project page after award. */
    applicantName: text('applicant_name').notNull(),
    submittedBy: uuid('submitted_by')
      .notNull()
      .references(() => users.id),
    plan: text('plan').notNull(),
    budgetLines: jsonb('budget_lines').$type<BidBudgetLine[]>().notNull().default([]),
    /** The sum of the budget lines. */
    requestedMinor: money('requested_minor').notNull(),
    currency: text('currency').notNull().default('CNY'),
    staff: jsonb('staff').$type<BidStaffMember[]>().notNull().default([]),
    schedule: jsonb('schedule').$type<BidScheduleItem[]>().notNull().default([]),
    status: bidStatusEnum('status').notNull().default('submitted'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('bids_one_per_applicant').on(t.roundId, t.projectId, t.applicantKey),
    index('bids_round_idx').on(t.roundId, t.projectId),
    index('bids_resource_idx').on(t.applicantResourceId),
    index('bids_user_idx').on(t.applicantUserId),
    check('bids_requested', sql`${t.requestedMinor} >= 0`),
    check('bids_applicant', sql`(${t.applicantResourceId} is not null) <> (${t.applicantUserId} is not null)`),
  ],
);

/** Files attached to a bid (plans, registration certificates, CVs): seen only by the applicant, staff and evaluators. */
export const bidAttachments = pgTable(
  'bid_attachments',
  {
    id: id(),
    bidId: uuid('bid_id')
      .notNull()
      .references(() => bids.id),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    bytes: bytea('bytes').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    removedAt: at('removed_at'),
    createdAt: createdAt(),
  },
  (t) => [index('bid_attachments_bid_idx').on(t.bidId), check('bid_attachments_size', sql`${t.size} between 1 and 10485760`)],
);

/** An evaluator assigned to a round; they declare their interests before they may score. */
export const evaluatorAssignments = pgTable(
  'evaluator_assignments',
  {
    id: id(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => fundingRounds.id),
    evaluatorUserId: uuid('evaluator_user_id')
      .notNull()
      .references(() => users.id),
    assignedBy: uuid('assigned_by')
      .notNull()
      .references(() => users.id),
    /** When the evaluator declared their conflicts of interest (none or some); scoring needs it. */
    declaredAt: at('declared_at'),
    declarationNote: text('declaration_note'),
    revokedAt: at('revoked_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('evaluator_assignments_unique').on(t.roundId, t.evaluatorUserId), index('evaluator_assignments_user_idx').on(t.evaluatorUserId)],
);

/**
 * Conflicts an evaluator declared: with an applicant organisation/team or a person. Bids from these are hidden
 * from them, as are bids from any organisation they are a member of (checked from membership, declared or not).
 */
export const evaluatorConflicts = pgTable(
  'evaluator_conflicts',
  {
    id: id(),
    assignmentId: uuid('assignment_id')
      .notNull()
      .references(() => evaluatorAssignments.id),
    /** The same key as bids.applicant_key. */
    applicantKey: text('applicant_key').notNull(),
    reason: text('reason').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('evaluator_conflicts_unique').on(t.assignmentId, t.applicantKey)],
);

/** One evaluator's score of one bid on one criterion, with a comment. */
export const bidScores = pgTable(
  'bid_scores',
  {
    id: id(),
    bidId: uuid('bid_id')
      .notNull()
      .references(() => bids.id),
    criterionId: uuid('criterion_id')
      .notNull()
      .references(() => roundCriteria.id),
    evaluatorUserId: uuid('evaluator_user_id')
      .notNull()
      .references(() => users.id),
    score: smallint('score').notNull(),
    comment: text('comment').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('bid_scores_unique').on(t.bidId, t.criterionId, t.evaluatorUserId),
    index('bid_scores_evaluator_idx').on(t.evaluatorUserId),
    check('bid_scores_range', sql`${t.score} between 0 and 10`),
  ],
);

/** An award of a project to a bid: requested → cut → granted (published for notice) → final; or revoked. */
export const awards = pgTable(
  'awards',
  {
    id: id(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => fundingRounds.id),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    bidId: uuid('bid_id')
      .notNull()
      .references(() => bids.id),
    status: awardStatusEnum('status').notNull().default('requested'),
    requestedMinor: money('requested_minor').notNull(),
    /** The trimmed amount and why (null when not trimmed). */
    cutMinor: money('cut_minor'),
    cutReason: text('cut_reason'),
    grantedMinor: money('granted_minor'),
    grantReason: text('grant_reason'),
    currency: text('currency').notNull().default('CNY'),
    /** The public notice (公示) period; set when granted. */
    noticeStartsAt: at('notice_starts_at'),
    noticeEndsAt: at('notice_ends_at'),
    /** When the award became final: the notice over and every objection answered. */
    finalAt: at('final_at'),
    decidedBy: uuid('decided_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // One live award per project and round: a double click on "award" cannot make two.
    uniqueIndex('awards_one_per_project').on(t.roundId, t.projectId).where(sql`${t.status} <> 'revoked'`),
    index('awards_notice_idx').on(t.status, t.noticeEndsAt),
    check('awards_amounts', sql`${t.requestedMinor} >= 0 and coalesce(${t.cutMinor}, 0) >= 0 and coalesce(${t.grantedMinor}, 0) >= 0`),
  ],
);

/** An objection raised during the notice period by any signed-in user, and the answer staff give. */
export const awardObjections = pgTable(
  'award_objections',
  {
    id: id(),
    awardId: uuid('award_id')
      .notNull()
      .references(() => awards.id),
    /** Private: who objected is shown only to staff of the place. */
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    body: text('body').notNull(),
    answer: text('answer'),
    answeredBy: uuid('answered_by').references(() => users.id),
    answeredAt: at('answered_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('award_objections_award_idx').on(t.awardId)],
);

export type Project = typeof projects.$inferSelect;
export type ProjectMilestone = typeof projectMilestones.$inferSelect;
export type ProjectEvent = typeof projectEvents.$inferSelect;
export type FundingRound = typeof fundingRounds.$inferSelect;
export type RoundCriterion = typeof roundCriteria.$inferSelect;
export type Bid = typeof bids.$inferSelect;
export type EvaluatorAssignment = typeof evaluatorAssignments.$inferSelect;
export type BidScore = typeof bidScores.$inferSelect;
export type Award = typeof awards.$inferSelect;
export type AwardObjection = typeof awardObjections.$inferSelect;
