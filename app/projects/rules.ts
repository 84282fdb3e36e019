// Pure rules of projects and funding rounds: the project state machine, who may bid, the weighted ranking of bids,
// budget trims and the public-notice period. No I/O; the services apply them inside their transactions.
import type { ApplicantType, AwardStatus, ProjectState, RoundStatus } from './values';

const projectMoves: Record<ProjectState, readonly ProjectState[]> = {
  draft: ['open_for_bids', 'cancelled'],
  open_for_bids: ['awarded', 'draft', 'cancelled'],
  awarded: ['in_progress', 'open_for_bids', 'cancelled'],
  in_progress: ['completed', 'cancelled'],
  completed: ['evaluated'],
  evaluated: [],
  cancelled: [],
};

export function canMoveProject(from: ProjectState, to: ProjectState): boolean {
  return projectMoves[from].includes(to);
}

export function nextProjectStates(from: ProjectState): readonly ProjectState[] {
  return projectMoves[from];
}

const roundMoves: Record<RoundStatus, readonly RoundStatus[]> = {
  draft: ['open', 'cancelled'],
  open: ['evaluating', 'cancelled'],
  evaluating: ['notice', 'cancelled'],
  notice: ['completed'],
  completed: [],
  cancelled: [],
};

export function canMoveRound(from: RoundStatus, to: RoundStatus): boolean {
  return roundMoves[from].includes(to);
}

/** Whether an applicant of this type may bid in a round: resident teams and individuals only for micro-grants. */
export function applicantAllowed(round: { applicantTypes: readonly ApplicantType[]; microGrant: boolean }, type: ApplicantType): boolean {
  if (!round.applicantTypes.includes(type)) return false;
  return type === 'registered_org' || round.microGrant;
}

/** Bids are taken (and may be edited) while the round is open and its deadline has not passed. */
export function takesBids(round: { status: RoundStatus; opensAt: Date; closesAt: Date }, now: Date): boolean {
  return round.status === 'open' && now >= round.opensAt && now < round.closesAt;
}

export interface CriterionWeight {
  id: string;
  weight: number;
}
export interface ScoreRow {
  bidId: string;
  criterionId: string;
  evaluatorUserId: string;
  score: number;
}
export interface RankedBid {
  bidId: string;
  /** Weighted mean of the criteria's mean scores, on 0–100 (null when nobody has scored it). */
  total: number | null;
  /** Evaluators who scored every criterion. */
  evaluators: number;
  perCriterion: Record<string, number | null>;
}

/**
 * Weighted ranking: for each bid, each criterion's score is the mean over the evaluators who scored it; the total is
 * the weight-weighted mean of those, scaled from 0–`max` to 0–100. Criteria nobody scored leave the weighting (so a
 * half-scored bid is not punished for the missing half). Unscored bids come last; ties keep the given order.
 */
export function rankBids(bidIds: readonly string[], criteria: readonly CriterionWeight[], scores: readonly ScoreRow[], max = 10): RankedBid[] {
  const ranked = bidIds.map((bidId, order) => {
    const mine = scores.filter((s) => s.bidId === bidId);
    const perCriterion: Record<string, number | null> = {};
    let weighted = 0;
    let weights = 0;
    for (const c of criteria) {
      const rows = mine.filter((s) => s.criterionId === c.id);
      const mean = rows.length ? rows.reduce((sum, r) => sum + r.score, 0) / rows.length : null;
      perCriterion[c.id] = mean;
      if (mean !== null) {
        weighted += mean * c.weight;
        weights += c.weight;
      }
    }
    const byEvaluator = new Map<string, number>();
    for (const s of mine) byEvaluator.set(s.evaluatorUserId, (byEvaluator.get(s.evaluatorUserId) ?? 0) + 1);
    const evaluators = [...byEvaluator.values()].filter((n) => n >= criteria.length).length;
    const total = weights ? Math.round((weighted / weights / max) * 1000) / 10 : null;
    return { bidId, total, evaluators, perCriterion, order };
  });
  ranked.sort((a, b) => (b.total ?? -1) - (a.total ?? -1) || a.order - b.order);
  return ranked.map(({ order: _order, ...r }) => r);
}

export type BudgetDecision = { ok: true; status: AwardStatus } | { ok: false; field: 'amount' | 'reason'; code: 'projects.v.grantTooHigh' | 'projects.v.reasonRequired' };

/**
 * Trimming an award: requested → cut (any amount below the request, with a reason) → granted. Granting more than
 * was requested is refused; granting less than requested needs a reason (the trim's, or one given now).
 */
export function decideBudget(requestedMinor: number, amountMinor: number, reason: string | null | undefined): BudgetDecision {
  if (amountMinor > requestedMinor) return { ok: false, field: 'amount', code: 'projects.v.grantTooHigh' };
  if (amountMinor < requestedMinor && !reason?.trim()) return { ok: false, field: 'reason', code: 'projects.v.reasonRequired' };
  return { ok: true, status: amountMinor < requestedMinor ? 'cut' : 'requested' };
}

const DAY = 24 * 60 * 60 * 1000;

/** The end of a notice period of `days` days starting at `start`. */
export function noticeEnd(start: Date, days: number): Date {
  return new Date(start.getTime() + days * DAY);
}

/**
 * An award becomes final once it has been granted, its notice period is over and every objection raised in it has
 * been answered. Until then it stays granted (under notice), however late it is.
 */
export function awardIsFinal(
  award: { status: AwardStatus; noticeEndsAt: Date | null },
  objections: readonly { answeredAt: Date | null }[],
  now: Date,
): boolean {
  if (award.status === 'final') return true;
  if (award.status !== 'granted' || !award.noticeEndsAt) return false;
  return now >= award.noticeEndsAt && objections.every((o) => o.answeredAt !== null);
}

/** Objections are taken while the notice period runs. */
export function takesObjections(award: { status: AwardStatus; noticeStartsAt: Date | null; noticeEndsAt: Date | null }, now: Date): boolean {
  return award.status === 'granted' && !!award.noticeStartsAt && !!award.noticeEndsAt && now >= award.noticeStartsAt && now < award.noticeEndsAt;
}

/** The key bids and conflicts share: one bid per applicant per project. */
export function applicantKeyOf(applicant: { resourceId?: string | null; userId?: string | null }): string {
  if (applicant.resourceId) return `resource:${applicant.resourceId}`;
  if (applicant.userId) return `user:${applicant.userId}`;
  throw new Error('An applicant is a resource or a user');
}

/**
 * Whether an evaluator may see a bid: never one from an organisation or team they belong to, nor their own, nor one
 * from an applicant they declared a conflict with.
 */
export function evaluatorMaySee(bid: { applicantKey: string }, evaluator: { userId: string; memberOfResourceIds: readonly string[]; declaredConflictKeys: readonly string[] }): boolean {
  if (bid.applicantKey === `user:${evaluator.userId}`) return false;
  if (evaluator.memberOfResourceIds.some((id) => bid.applicantKey === `resource:${id}`)) return false;
  return !evaluator.declaredConflictKeys.includes(bid.applicantKey);
}
