// Deliberation (民议 · 民决 · 民评): residents' councils with members, reserved seats and meetings; topics with their
// stage timeline, followers and threaded, moderated comments; votes with options, secret ballots and a
// one-per-household (or per-adult) participation key; evaluation panels scoring agreed outcomes per criterion.
import { relations, sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgEnum, pgTable, smallint, text, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import {
  ballotChannels,
  commentStatuses,
  councilRoles,
  meetingStatuses,
  meetingTypes,
  optionKinds,
  panelStatuses,
  seatGroups,
  topicOrigins,
  topicStages,
  voteStatuses,
  voteUnits,
} from '../../app/deliberation/values';
import { at, createdAt, id, updatedAt } from './columns';
import { householdMembers, households } from './households';
import { needs } from './needs';
import { places } from './places';
import { projects } from './projects';
import { users } from './users';

export const councilRoleEnum = pgEnum('council_role', councilRoles);
export const seatGroupEnum = pgEnum('council_seat_group', seatGroups);
export const meetingTypeEnum = pgEnum('council_meeting_type', meetingTypes);
export const meetingStatusEnum = pgEnum('council_meeting_status', meetingStatuses);
export const topicStageEnum = pgEnum('topic_stage', topicStages);
export const topicOriginEnum = pgEnum('topic_origin', topicOrigins);
export const commentStatusEnum = pgEnum('topic_comment_status', commentStatuses);
export const voteStatusEnum = pgEnum('vote_status', voteStatuses);
export const voteUnitEnum = pgEnum('vote_unit', voteUnits);
export const ballotChannelEnum = pgEnum('ballot_channel', ballotChannels);
export const optionKindEnum = pgEnum('vote_option_kind', optionKinds);
export const panelStatusEnum = pgEnum('evaluation_panel_status', panelStatuses);

/** A residents' council (居民议事会) of a community or of one compound. */
export const councils = pgTable(
  'councils',
  {
    id: id(),
    placeId: uuid('place_id')
      .notNull()
      .references(() => places.id),
    /** Copy of the place's path: scope checks are prefix tests in the WHERE clause. */
    placePath: text('place_path').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    termStartsOn: date('term_starts_on').notNull(),
    termEndsOn: date('term_ends_on').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('councils_path_idx').on(t.placePath), check('councils_term_order', sql`${t.termEndsOn} > ${t.termStartsOn}`)],
);

/** Seats a council keeps for a group (e.g. 2 for migrant workers). */
export const councilReservedSeats = pgTable(
  'council_reserved_seats',
  {
    id: id(),
    councilId: uuid('council_id')
      .notNull()
      .references(() => councils.id),
    seatGroup: seatGroupEnum('seat_group').notNull(),
    seats: smallint('seats').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('council_reserved_seats_unique').on(t.councilId, t.seatGroup), check('council_reserved_seats_positive', sql`${t.seats} > 0`)],
);

export const councilMembers = pgTable(
  'council_members',
  {
    id: id(),
    councilId: uuid('council_id')
      .notNull()
      .references(() => councils.id),
    /** The name shown on the council page (public by the member's consent when elected). */
    name: text('name').notNull(),
    userId: uuid('user_id').references(() => users.id),
    role: councilRoleEnum('role').notNull().default('member'),
    /** The reserved seat the member holds, or general. */
    seatGroup: seatGroupEnum('seat_group').notNull().default('general'),
    /**
     * The groups staff recorded the member as belonging to (a migrant worker, a long-time local resident …): a
     * reserved seat is held only by someone of its group. Not taken from the household register, which does not say.
     */
    groups: seatGroupEnum('groups').array().notNull().default(sql`'{}'`),
    termStartsOn: date('term_starts_on').notNull(),
    termEndsOn: date('term_ends_on').notNull(),
    /** Set when a member leaves before the term ends. */
    endedAt: at('ended_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('council_members_council_idx').on(t.councilId)],
);

/** A council meeting: consultation (协商), coordination (协调), hearing (听证) or evaluation (评议), with agenda and minutes. */
export const councilMeetings = pgTable(
  'council_meetings',
  {
    id: id(),
    councilId: uuid('council_id')
      .notNull()
      .references(() => councils.id),
    type: meetingTypeEnum('type').notNull(),
    title: text('title').notNull(),
    /** The topic the meeting is about, if one. */
    topicId: uuid('topic_id').references((): AnyPgColumn => topics.id),
    startsAt: at('starts_at').notNull(),
    location: text('location').notNull().default(''),
    agenda: text('agenda').notNull().default(''),
    /** Written after the meeting; public. */
    minutes: text('minutes').notNull().default(''),
    status: meetingStatusEnum('status').notNull().default('scheduled'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('council_meetings_council_idx').on(t.councilId, t.startsAt)],
);

export const topics = pgTable(
  'topics',
  {
    id: id(),
    /** The community (or compound) the topic belongs to. */
    placeId: uuid('place_id')
      .notNull()
      .references(() => places.id),
    placePath: text('place_path').notNull(),
    councilId: uuid('council_id').references(() => councils.id),
    title: text('title').notNull(),
    /** The problem as the proposer sees it. */
    problem: text('problem').notNull(),
    /** What the proposer suggests. */
    suggestion: text('suggestion').notNull().default(''),
    origin: topicOriginEnum('origin').notNull(),
    needId: uuid('need_id').references(() => needs.id),
    /** The project that implements the agreed plan. */
    projectId: uuid('project_id').references(() => projects.id),
    stage: topicStageEnum('stage').notNull().default('listed'),
    /** The agreed plan, written at the plan stage. */
    plan: text('plan').notNull().default(''),
    /** Public reason when declined. */
    reply: text('reply'),
    proposedByUserId: uuid('proposed_by_user_id').references(() => users.id),
    stageChangedAt: at('stage_changed_at').notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('topics_path_idx').on(t.placePath, t.stage), index('topics_need_idx').on(t.needId), index('topics_project_idx').on(t.projectId)],
);

/** The public stage timeline of a topic. */
export const topicEvents = pgTable(
  'topic_events',
  {
    id: id(),
    topicId: uuid('topic_id')
      .notNull()
      .references(() => topics.id),
    fromStage: topicStageEnum('from_stage'),
    toStage: topicStageEnum('to_stage').notNull(),
    note: text('note'),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('topic_events_topic_idx').on(t.topicId, t.createdAt)],
);

export const topicFollowers = pgTable(
  'topic_followers',
  {
    id: id(),
    topicId: uuid('topic_id')
      .notNull()
      .references(() => topics.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('topic_followers_unique').on(t.topicId, t.userId)],
);

/** Deliberation: threaded comments. Reports over the threshold hide a comment until a moderator decides. */
export const topicComments = pgTable(
  'topic_comments',
  {
    id: id(),
    topicId: uuid('topic_id')
      .notNull()
      .references(() => topics.id),
    parentId: uuid('parent_id').references((): AnyPgColumn => topicComments.id),
    authorUserId: uuid('author_user_id')
      .notNull()
      .references(() => users.id),
    body: text('body').notNull(),
    status: commentStatusEnum('status').notNull().default('visible'),
    /** Set once a moderator has kept the comment: further reports no longer hide it. */
    reviewedAt: at('reviewed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('topic_comments_topic_idx').on(t.topicId, t.createdAt),
    index('topic_comments_hidden_idx')
      .on(t.status)
      .where(sql`${t.status} = 'hidden'`),
  ],
);

export const commentReports = pgTable(
  'topic_comment_reports',
  {
    id: id(),
    commentId: uuid('comment_id')
      .notNull()
      .references(() => topicComments.id),
    reporterUserId: uuid('reporter_user_id')
      .notNull()
      .references(() => users.id),
    reason: text('reason').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('topic_comment_reports_unique').on(t.commentId, t.reporterUserId)],
);

export const votes = pgTable(
  'votes',
  {
    id: id(),
    topicId: uuid('topic_id').references(() => topics.id),
    /** Whose households (or adults) are eligible: every household below this place. */
    placeId: uuid('place_id')
      .notNull()
      .references(() => places.id),
    placePath: text('place_path').notNull(),
    question: text('question').notNull(),
    description: text('description').notNull().default(''),
    unit: voteUnitEnum('unit').notNull(),
    /** The leading option must reach this share (per mille) of the eligible households or adults. */
    thresholdPermille: smallint('threshold_permille').notNull(),
    /** Turnout needed (per mille of eligible) for any result to stand; 0 for none. */
    quorumPermille: smallint('quorum_permille').notNull().default(0),
    abstentionsCountForQuorum: boolean('abstentions_count_for_quorum').notNull().default(true),
    /** Whether ballots entered from paper and signature sheets count; they are always shown apart. */
    paperBallotsCount: boolean('paper_ballots_count').notNull().default(true),
    binding: boolean('binding').notNull().default(true),
    opensAt: at('opens_at').notNull(),
    closesAt: at('closes_at').notNull(),
    status: voteStatusEnum('status').notNull().default('draft'),
    /** How many households (or adults) were eligible when the vote opened: the threshold's base. */
    eligibleCount: integer('eligible_count'),
    /** The published tally (counts per option and channel, turnout, outcome), written once when it closes. */
    result: jsonb('result').$type<Record<string, unknown>>(),
    closedAt: at('closed_at'),
    createdByUserId: uuid('created_by_user_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('votes_path_idx').on(t.placePath, t.status),
    index('votes_topic_idx').on(t.topicId),
    index('votes_due_idx').on(t.status, t.opensAt, t.closesAt),
    check('votes_threshold_range', sql`${t.thresholdPermille} between 1 and 1000`),
    check('votes_quorum_range', sql`${t.quorumPermille} between 0 and 1000`),
    check('votes_time_order', sql`${t.closesAt} > ${t.opensAt}`),
  ],
);

export const voteOptions = pgTable(
  'vote_options',
  {
    id: id(),
    voteId: uuid('vote_id')
      .notNull()
      .references(() => votes.id),
    position: smallint('position').notNull(),
    label: text('label').notNull(),
    kind: optionKindEnum('kind').notNull().default('choice'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('vote_options_position_unique').on(t.voteId, t.position)],
);

/**
 * Who has voted: one row per household (household votes) or per adult (adult votes), enforced by the database,
 * so no race can let anyone vote twice. Private: it never says what they chose.
 */
export const voteParticipations = pgTable(
  'vote_participations',
  {
    id: id(),
    voteId: uuid('vote_id')
      .notNull()
      .references(() => votes.id),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    /** The adult who voted, in adult votes; null in household votes (the household is the unit). */
    memberId: uuid('member_id').references(() => householdMembers.id),
    channel: ballotChannelEnum('channel').notNull(),
    castByUserId: uuid('cast_by_user_id').references(() => users.id),
    /** The staff member who typed in a paper ballot or signature-sheet line. */
    enteredByUserId: uuid('entered_by_user_id').references(() => users.id),
    /** The paper ballot's number or the signature sheet and line, for checking against the paper. */
    paperReference: text('paper_reference'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('vote_participations_household_unique')
      .on(t.voteId, t.householdId)
      .where(sql`${t.memberId} is null`),
    uniqueIndex('vote_participations_member_unique')
      .on(t.voteId, t.memberId)
      .where(sql`${t.memberId} is not null`),
    check('vote_participations_paper_entered', sql`${t.channel} = 'online' or (${t.enteredByUserId} is not null and ${t.paperReference} is not null)`),
  ],
);

/**
 * The secret ballots: an option and a channel, with no link to who cast them. Deliberately without created_at (the
 * one exception to "every table carries created_at"): a ballot's time would equal its participation's, naming the
 * voter. Ids are random (v4) UUIDs, so their order says nothing either.
 */
export const ballots = pgTable(
  'ballots',
  {
    id: id(),
    voteId: uuid('vote_id')
      .notNull()
      .references(() => votes.id),
    optionId: uuid('option_id')
      .notNull()
      .references(() => voteOptions.id),
    channel: ballotChannelEnum('channel').notNull(),
  },
  (t) => [index('ballots_vote_idx').on(t.voteId, t.optionId)],
);

/** An evaluation panel (评估团) scoring whether a topic's or project's agreed outcomes were delivered. */
export const evaluationPanels = pgTable(
  'evaluation_panels',
  {
    id: id(),
    placeId: uuid('place_id')
      .notNull()
      .references(() => places.id),
    placePath: text('place_path').notNull(),
    topicId: uuid('topic_id').references(() => topics.id),
    projectId: uuid('project_id').references(() => projects.id),
    title: text('title').notNull(),
    status: panelStatusEnum('status').notNull().default('open'),
    /** The published averages per criterion, written once. */
    result: jsonb('result').$type<Record<string, unknown>>(),
    publishedAt: at('published_at'),
    createdByUserId: uuid('created_by_user_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('evaluation_panels_path_idx').on(t.placePath), index('evaluation_panels_topic_idx').on(t.topicId)],
);

export const panelMembers = pgTable(
  'evaluation_panel_members',
  {
    id: id(),
    panelId: uuid('panel_id')
      .notNull()
      .references(() => evaluationPanels.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('evaluation_panel_members_unique').on(t.panelId, t.userId)],
);

/** One agreed outcome to judge, scored 0..max_score. */
export const panelCriteria = pgTable(
  'evaluation_panel_criteria',
  {
    id: id(),
    panelId: uuid('panel_id')
      .notNull()
      .references(() => evaluationPanels.id),
    position: smallint('position').notNull(),
    outcome: text('outcome').notNull(),
    maxScore: smallint('max_score').notNull().default(5),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('evaluation_panel_criteria_position').on(t.panelId, t.position),
    check('evaluation_panel_criteria_max', sql`${t.maxScore} between 1 and 100`),
  ],
);

export const panelScores = pgTable(
  'evaluation_panel_scores',
  {
    id: id(),
    panelId: uuid('panel_id')
      .notNull()
      .references(() => evaluationPanels.id),
    criterionId: uuid('criterion_id')
      .notNull()
      .references(() => panelCriteria.id),
    memberId: uuid('member_id')
      .notNull()
      .references(() => panelMembers.id),
    score: smallint('score').notNull(),
    comment: text('comment').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('evaluation_panel_scores_unique').on(t.criterionId, t.memberId), check('evaluation_panel_scores_nonnegative', sql`${t.score} >= 0`)],
);

export const councilsRelations = relations(councils, ({ many, one }) => ({
  place: one(places, { fields: [councils.placeId], references: [places.id] }),
  members: many(councilMembers),
  reservedSeats: many(councilReservedSeats),
  meetings: many(councilMeetings),
}));

export type Council = typeof councils.$inferSelect;
export type Topic = typeof topics.$inferSelect;
export type TopicComment = typeof topicComments.$inferSelect;
export type Vote = typeof votes.$inferSelect;
export type VoteOption = typeof voteOptions.$inferSelect;
export type EvaluationPanel = typeof evaluationPanels.$inferSelect;
