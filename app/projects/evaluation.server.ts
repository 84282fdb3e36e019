// Evaluation: staff assign evaluators to a round; each declares conflicts of interest before scoring; an evaluator
// never sees or scores a bid from an organisation or team they belong to, nor their own, nor a declared conflict.
// Every route and the API reach bids for evaluators only through this module.
import { and, asc, eq, inArray, isNull, notInArray, sql } from 'drizzle-orm';
import { db, type DbOrTx } from '../../db/client';
import { bidAttachments, bidScores, bids, evaluatorAssignments, evaluatorConflicts, fundingRounds, projects, resourceMembers, roundCriteria, users } from '../../db/schema';
import { recordAudit, type Actor } from '../audit/audit.server';
import { loadRoles, type Principal } from '../permissions/principal.server';
import { can } from '../permissions/rules';
import { mayActForBid } from './bids.server';
import { invalid, ProjectError } from './projects.server';
import { effectiveRoundStatus } from './rounds.server';
import { applicantKeyOf, evaluatorMaySee, rankBids } from './rules';

/** Staff assign an evaluator (someone holding the evaluator role over the round's place) by email. */
export async function assignEvaluator(caller: Principal, actor: Actor, roundId: string, email: string) {
  const [user] = await db().select({ id: users.id }).from(users).where(and(eq(sql`lower(${users.email})`, email.trim().toLowerCase()), isNull(users.disabledAt)));
  const roles = user ? await loadRoles(user.id) : [];
  return db().transaction(async (tx) => {
    const [round] = await tx.select().from(fundingRounds).where(eq(fundingRounds.id, roundId));
    if (!round) throw new ProjectError('not_found');
    if (!can(caller.roles, 'project.manage', round.placePath)) throw new ProjectError('forbidden');
    if (['completed', 'cancelled'].includes(round.status)) throw new ProjectError('wrong_state');
    if (!user) throw invalid('email', 'projects.v.noSuchEvaluator');
    if (!can(roles, 'project.evaluate', round.placePath)) throw invalid('email', 'projects.v.notAnEvaluator');
    const [row] = await tx
      .insert(evaluatorAssignments)
      .values({ roundId, evaluatorUserId: user.id, assignedBy: caller.user.id })
      .onConflictDoUpdate({ target: [evaluatorAssignments.roundId, evaluatorAssignments.evaluatorUserId], set: { revokedAt: null, updatedAt: new Date() } })
      .returning();
    await recordAudit(tx, actor, { action: 'round.assign_evaluator', subjectType: 'funding_round', subjectId: roundId, placeId: round.placeId, after: { evaluatorUserId: user.id } });
    return row;
  });
}

export async function listEvaluators(roundId: string) {
  return db()
    .select({ id: evaluatorAssignments.id, userId: users.id, name: users.name, declaredAt: evaluatorAssignments.declaredAt })
    .from(evaluatorAssignments)
    .innerJoin(users, eq(users.id, evaluatorAssignments.evaluatorUserId))
    .where(and(eq(evaluatorAssignments.roundId, roundId), isNull(evaluatorAssignments.revokedAt)))
    .orderBy(asc(users.name));
}

export interface EvaluatorContext {
  assignmentId: string;
  declaredAt: Date | null;
  userId: string;
  memberOfResourceIds: string[];
  declaredConflictKeys: string[];
  /** Applicant keys whose bids this evaluator may never see. */
  excludedKeys: string[];
}

/** The caller's assignment to a round and what they must not see; null when not assigned (or no evaluator role). */
export async function evaluatorContext(tx: DbOrTx, caller: Principal, roundId: string): Promise<EvaluatorContext | null> {
  const [row] = await tx
    .select({ a: evaluatorAssignments, placePath: fundingRounds.placePath })
    .from(evaluatorAssignments)
    .innerJoin(fundingRounds, eq(fundingRounds.id, evaluatorAssignments.roundId))
    .where(and(eq(evaluatorAssignments.roundId, roundId), eq(evaluatorAssignments.evaluatorUserId, caller.user.id), isNull(evaluatorAssignments.revokedAt)));
  if (!row || !can(caller.roles, 'project.evaluate', row.placePath)) return null;
  // Any membership counts, past requests aside: someone who belongs to an organisation never judges its bids.
  const memberships = await tx
    .select({ id: resourceMembers.resourceId })
    .from(resourceMembers)
    .where(and(eq(resourceMembers.userId, caller.user.id), inArray(resourceMembers.status, ['active', 'invited', 'requested'])));
  const conflicts = await tx.select({ key: evaluatorConflicts.applicantKey }).from(evaluatorConflicts).where(eq(evaluatorConflicts.assignmentId, row.a.id));
  const memberOfResourceIds = memberships.map((m) => m.id);
  const declaredConflictKeys = conflicts.map((c) => c.key);
  return {
    assignmentId: row.a.id,
    declaredAt: row.a.declaredAt,
    userId: caller.user.id,
    memberOfResourceIds,
    declaredConflictKeys,
    excludedKeys: [applicantKeyOf({ userId: caller.user.id }), ...memberOfResourceIds.map((id) => applicantKeyOf({ resourceId: id })), ...declaredConflictKeys],
  };
}

/** Whether the caller is an assigned evaluator of the round (for a link to the workspace). */
export async function isAssignedEvaluator(caller: Principal, roundId: string) {
  return (await evaluatorContext(db(), caller, roundId)) !== null;
}

/** Applicants in a round (names only), for the evaluator's declaration of interests. */
export async function roundApplicants(roundId: string) {
  return db().selectDistinct({ key: bids.applicantKey, name: bids.applicantName }).from(bids).where(and(eq(bids.roundId, roundId), sql`${bids.status} <> 'withdrawn'`)).orderBy(asc(bids.applicantName));
}

/** The evaluator declares their interests: none, or conflicts with some applicants (with a note). Once; then fixed. */
export async function declareInterests(caller: Principal, actor: Actor, roundId: string, input: { conflictKeys: string[]; note?: string | null }) {
  return db().transaction(async (tx) => {
    const ctx = await evaluatorContext(tx, caller, roundId);
    if (!ctx) throw new ProjectError('not_found');
    if (ctx.declaredAt) throw new ProjectError('wrong_state');
    const keys = [...new Set(input.conflictKeys)];
    if (keys.length) await tx.insert(evaluatorConflicts).values(keys.map((k) => ({ assignmentId: ctx.assignmentId, applicantKey: k, reason: input.note?.trim() || 'declared' }))).onConflictDoNothing();
    const [done] = await tx
      .update(evaluatorAssignments)
      .set({ declaredAt: new Date(), declarationNote: input.note?.trim() || null })
      .where(and(eq(evaluatorAssignments.id, ctx.assignmentId), isNull(evaluatorAssignments.declaredAt)))
      .returning({ id: evaluatorAssignments.id });
    if (!done) throw new ProjectError('wrong_state');
    const [round] = await tx.select({ placeId: fundingRounds.placeId }).from(fundingRounds).where(eq(fundingRounds.id, roundId));
    await recordAudit(tx, actor, { action: 'round.declare_interests', subjectType: 'funding_round', subjectId: roundId, placeId: round.placeId, after: { conflicts: keys.length, memberships: ctx.memberOfResourceIds.length } });
  });
}

const bidColumns = {
  id: bids.id,
  roundId: bids.roundId,
  projectId: bids.projectId,
  projectTitle: projects.title,
  applicantType: bids.applicantType,
  applicantKey: bids.applicantKey,
  applicantName: bids.applicantName,
  plan: bids.plan,
  budgetLines: bids.budgetLines,
  requestedMinor: bids.requestedMinor,
  currency: bids.currency,
  staff: bids.staff,
  schedule: bids.schedule,
  status: bids.status,
  createdAt: bids.createdAt,
  updatedAt: bids.updatedAt,
};

/**
 * The bids an assigned evaluator may see in a round: never their own organisation's or team's, never their own,
 * never a declared conflict — filtered in the query and checked again row by row. Null when the caller is not an
 * assigned evaluator; an empty list until the round closes to bids.
 */
export async function bidsForEvaluator(caller: Principal, roundId: string) {
  const ctx = await evaluatorContext(db(), caller, roundId);
  if (!ctx) return null;
  const [round] = await db().select().from(fundingRounds).where(eq(fundingRounds.id, roundId));
  if (!ctx.declaredAt) return { ctx, round, bids: [], scores: [] };
  const rows = await db()
    .select(bidColumns)
    .from(bids)
    .innerJoin(projects, eq(projects.id, bids.projectId))
    .where(and(eq(bids.roundId, roundId), inArray(bids.status, ['submitted', 'awarded', 'not_awarded']), notInArray(bids.applicantKey, ctx.excludedKeys)))
    .orderBy(asc(projects.title), asc(bids.createdAt));
  const visible = rows.filter((b) => evaluatorMaySee(b, ctx));
  const scores = visible.length
    ? await db()
        .select({ bidId: bidScores.bidId, criterionId: bidScores.criterionId, score: bidScores.score, comment: bidScores.comment })
        .from(bidScores)
        .where(and(eq(bidScores.evaluatorUserId, caller.user.id), inArray(bidScores.bidId, visible.map((b) => b.id))))
    : [];
  return { ctx, round, bids: visible, scores };
}

/** One bid for an evaluator, or null when they may not see it (which the caller turns into a 404). */
export async function bidForEvaluator(caller: Principal, bidId: string) {
  const [bid] = await db().select(bidColumns).from(bids).innerJoin(projects, eq(projects.id, bids.projectId)).where(eq(bids.id, bidId));
  if (!bid) return null;
  const ctx = await evaluatorContext(db(), caller, bid.roundId);
  if (!ctx || !ctx.declaredAt || !evaluatorMaySee(bid, ctx) || bid.status === 'withdrawn') return null;
  return bid;
}

export interface ScoreInput {
  criterionId: string;
  score: number;
  comment: string;
}

/**
 * Scores a bid on every criterion of its round (each with a comment), replacing the evaluator's earlier scores.
 * Refused — as if the bid did not exist — for a bid the evaluator may not see; refused once bidding is open or the
 * awards are out.
 */
export async function scoreBid(caller: Principal, actor: Actor, bidId: string, input: ScoreInput[], now = new Date()) {
  return db().transaction(async (tx) => {
    const [bid] = await tx.select().from(bids).where(eq(bids.id, bidId));
    if (!bid) throw new ProjectError('not_found');
    const ctx = await evaluatorContext(tx, caller, bid.roundId);
    if (!ctx || !evaluatorMaySee(bid, ctx) || bid.status === 'withdrawn') throw new ProjectError('not_found');
    if (!ctx.declaredAt) throw new ProjectError('forbidden');
    const [round] = await tx.select().from(fundingRounds).where(eq(fundingRounds.id, bid.roundId));
    if (effectiveRoundStatus(round, now) !== 'evaluating') throw new ProjectError('wrong_state');
    const criteria = await tx.select({ id: roundCriteria.id }).from(roundCriteria).where(eq(roundCriteria.roundId, bid.roundId));
    const ids = new Set(criteria.map((c) => c.id));
    if (input.length !== criteria.length || !input.every((s) => ids.has(s.criterionId))) throw invalid('scores', 'projects.v.scoreEveryCriterion');
    for (const s of input) {
      await tx
        .insert(bidScores)
        .values({ bidId, criterionId: s.criterionId, evaluatorUserId: caller.user.id, score: s.score, comment: s.comment })
        .onConflictDoUpdate({ target: [bidScores.bidId, bidScores.criterionId, bidScores.evaluatorUserId], set: { score: s.score, comment: s.comment, updatedAt: new Date() } });
    }
    await recordAudit(tx, actor, { action: 'bid.score', subjectType: 'bid', subjectId: bidId, placeId: round.placeId, after: { scores: input.map((s) => ({ criterionId: s.criterionId, score: s.score })) } });
  });
}

/** Whether the caller may see a round's bids, scores and ranking (staff and funders of its place). */
export function mayReadEvaluation(caller: Principal | null, roundPlacePath: string) {
  return !!caller && can(caller.roles, 'round.read_evaluation', roundPlacePath);
}

/** The weighted ranking of a round's bids, per project, with each bid's total and evaluator count. Staff and funders. */
export async function roundRanking(roundId: string) {
  const [criteria, rows] = await Promise.all([
    db().select({ id: roundCriteria.id, weight: roundCriteria.weight }).from(roundCriteria).where(eq(roundCriteria.roundId, roundId)),
    db()
      .select(bidColumns)
      .from(bids)
      .innerJoin(projects, eq(projects.id, bids.projectId))
      .where(and(eq(bids.roundId, roundId), sql`${bids.status} <> 'withdrawn'`))
      .orderBy(asc(projects.title), asc(bids.createdAt)),
  ]);
  const scores = rows.length
    ? await db().select({ bidId: bidScores.bidId, criterionId: bidScores.criterionId, evaluatorUserId: bidScores.evaluatorUserId, score: bidScores.score }).from(bidScores).where(inArray(bidScores.bidId, rows.map((r) => r.id)))
    : [];
  const files = rows.length
    ? await db()
        .select({ id: bidAttachments.id, bidId: bidAttachments.bidId, fileName: bidAttachments.fileName, size: bidAttachments.size })
        .from(bidAttachments)
        .where(and(inArray(bidAttachments.bidId, rows.map((r) => r.id)), isNull(bidAttachments.removedAt)))
    : [];
  const byProject = new Map<string, { projectId: string; projectTitle: string; bids: (typeof rows)[number][] }>();
  for (const r of rows) {
    const entry = byProject.get(r.projectId) ?? { projectId: r.projectId, projectTitle: r.projectTitle, bids: [] };
    entry.bids.push(r);
    byProject.set(r.projectId, entry);
  }
  return [...byProject.values()].map((p) => {
    const ranked = rankBids(
      p.bids.map((b) => b.id),
      criteria,
      scores.map((s) => ({ ...s, score: Number(s.score) })),
    );
    return {
      projectId: p.projectId,
      projectTitle: p.projectTitle,
      bids: ranked.map((r, i) => ({ rank: i + 1, ...r, bid: p.bids.find((b) => b.id === r.bidId)!, attachments: files.filter((f) => f.bidId === r.bidId) })),
    };
  });
}

/**
 * One attachment of a bid, for those who may read the bid: staff and funders of the round's place (after bidding
 * closes), an assigned evaluator who may see the bid, or the applicant. Null otherwise (the caller answers 404).
 * Every read is audited.
 */
export async function readBidAttachment(caller: Principal, actor: Actor, bidId: string, attachmentId: string) {
  const [row] = await db()
    .select({ bid: bids, placePath: fundingRounds.placePath, placeId: fundingRounds.placeId, roundStatus: fundingRounds.status, closesAt: fundingRounds.closesAt })
    .from(bids)
    .innerJoin(fundingRounds, eq(fundingRounds.id, bids.roundId))
    .where(eq(bids.id, bidId));
  if (!row) return null;
  const staffMay = mayReadEvaluation(caller, row.placePath) && !['draft', 'open'].includes(effectiveRoundStatus({ status: row.roundStatus, closesAt: row.closesAt }));
  let may = staffMay;
  if (!may) {
    const ctx = await evaluatorContext(db(), caller, row.bid.roundId);
    may = !!ctx && !!ctx.declaredAt && evaluatorMaySee(row.bid, ctx);
  }
  if (!may) {
    may = await mayActForBid(db(), caller, row.bid);
  }
  if (!may) return null;
  return db().transaction(async (tx) => {
    const [file] = await tx.select().from(bidAttachments).where(and(eq(bidAttachments.id, attachmentId), eq(bidAttachments.bidId, bidId), isNull(bidAttachments.removedAt)));
    if (!file) return null;
    await recordAudit(tx, actor, { action: 'bid.read_attachment', subjectType: 'bid', subjectId: bidId, placeId: row.placeId, after: { attachmentId } });
    return file;
  });
}
