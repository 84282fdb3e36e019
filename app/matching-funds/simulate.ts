// Runs a stream of gifts (recorded or assumed) through matchFor, keeping the same derived state the ledger keeps,
// so staff see before launch how fast the pool drains, what each project gets and what share came from residents.
import { applyGift, matchFor, type Gift, type MatchReason, type ProgrammeRules } from './rules';

export interface StreamGift extends Gift {
  /** Who gave (a user, an email digest, a household…): the per-donor cap counts per key. */
  donorKey: string;
}

export interface SimulatedGift extends StreamGift {
  matchMinor: number;
  reason: MatchReason;
  poolAfterMinor: number;
}

export interface ProjectOutcome {
  projectId: string;
  giftsMinor: number;
  residentsMinor: number;
  businessesMinor: number;
  othersMinor: number;
  matchedMinor: number;
  giftCount: number;
}

export interface SimulationResult {
  gifts: SimulatedGift[];
  projects: ProjectOutcome[];
  totalGiftsMinor: number;
  totalMatchedMinor: number;
  residentsMinor: number;
  poolStartMinor: number;
  poolEndMinor: number;
  /** When the pool first could not pay a full match (null if it never ran dry). */
  exhaustedAt: Date | null;
}

/** Plays the gifts in order (sorted by time, stable) against a pool that starts with `poolMinor`. */
export function simulate(rules: ProgrammeRules, poolMinor: number, stream: readonly StreamGift[], start: { projectSeedRaised?: Record<string, number> } = {}): SimulationResult {
  const ordered = stream.map((g, i) => ({ g, i })).sort((a, b) => a.g.at.getTime() - b.g.at.getTime() || a.i - b.i).map((x) => x.g);
  let pool = poolMinor;
  let programmeMatched = 0;
  const projectMatched = new Map<string, number>();
  const projectSeed = new Map<string, number>(Object.entries(start.projectSeedRaised ?? {}));
  const donorMatched = new Map<string, number>();
  const outcomes = new Map<string, ProjectOutcome>();
  const gifts: SimulatedGift[] = [];
  let exhaustedAt: Date | null = null;
  for (const g of ordered) {
    const state = {
      poolBalanceMinor: pool,
      programmeMatchedMinor: programmeMatched,
      projectMatchedMinor: projectMatched.get(g.projectId) ?? 0,
      donorMatchedMinor: donorMatched.get(g.donorKey) ?? 0,
      projectSeedRaisedMinor: projectSeed.get(g.projectId) ?? 0,
    };
    const { matchMinor, reason } = matchFor(rules, state, g);
    const after = applyGift(state, g, matchMinor);
    pool = after.poolBalanceMinor;
    programmeMatched = after.programmeMatchedMinor;
    projectMatched.set(g.projectId, after.projectMatchedMinor);
    donorMatched.set(g.donorKey, after.donorMatchedMinor);
    projectSeed.set(g.projectId, after.projectSeedRaisedMinor);
    if (!exhaustedAt && (reason === 'pool_exhausted' || reason === 'capped_by_pool')) exhaustedAt = g.at;
    gifts.push({ ...g, matchMinor, reason, poolAfterMinor: pool });
    const o = outcomes.get(g.projectId) ?? { projectId: g.projectId, giftsMinor: 0, residentsMinor: 0, businessesMinor: 0, othersMinor: 0, matchedMinor: 0, giftCount: 0 };
    o.giftsMinor += g.amountMinor;
    if (g.source === 'resident') o.residentsMinor += g.amountMinor;
    else if (g.source === 'business') o.businessesMinor += g.amountMinor;
    else o.othersMinor += g.amountMinor;
    o.matchedMinor += matchMinor;
    o.giftCount += 1;
    outcomes.set(g.projectId, o);
  }
  const projects = [...outcomes.values()];
  return {
    gifts,
    projects,
    totalGiftsMinor: projects.reduce((n, p) => n + p.giftsMinor, 0),
    totalMatchedMinor: programmeMatched,
    residentsMinor: projects.reduce((n, p) => n + p.residentsMinor, 0),
    poolStartMinor: poolMinor,
    poolEndMinor: pool,
    exhaustedAt,
  };
}

/** The pool after each of `buckets` equal slices of the stream's time span, for the drain chart. */
export function drainCurve(result: SimulationResult, buckets = 10): { at: Date; poolMinor: number; matchedMinor: number }[] {
  if (!result.gifts.length) return [];
  const first = result.gifts[0].at.getTime();
  const last = result.gifts[result.gifts.length - 1].at.getTime();
  const span = Math.max(1, last - first);
  const points: { at: Date; poolMinor: number; matchedMinor: number }[] = [];
  let i = 0;
  let pool = result.poolStartMinor;
  for (let b = 1; b <= buckets; b++) {
    const until = first + Math.ceil((span * b) / buckets);
    while (i < result.gifts.length && result.gifts[i].at.getTime() <= until) pool = result.gifts[i++].poolAfterMinor;
    points.push({ at: new Date(until), poolMinor: pool, matchedMinor: result.poolStartMinor - pool });
  }
  return points;
}
