// Batch matching: all open needs (with quantities) against all available candidates (with capacities).
// Scores every allowed pair, drops the ones a hard constraint rules out, and finds the assignment of
// maximum total points exactly (matching/flow.ts); then says why each unmatched unit stayed open.
import { solveTransport } from './flow';
import { candidateKey, type ExclusionCode, type Score, score, scorePoints } from './score';
import { compareRanked } from './suggest';
import type { CandidateRef, MatchCandidate, MatchNeed } from './types';

export interface AssignOptions {
  now: Date;
  /** Indexes (into `candidates`) worth scoring for a need — e.g. those whose reach covers its place. Default: all. */
  candidatesFor?: (need: MatchNeed, needIndex: number) => Iterable<number>;
}

export interface AssignedPair {
  needId: string;
  candidate: CandidateRef;
  units: number;
  /** The pair's score (per unit) with its parts, so staff see why it was chosen. */
  score: Score;
}

/**
 * Why units of a need stayed open:
 * - no_candidates: no candidate was considered for it at all;
 * - no_eligible_candidate: a hard constraint ruled out every candidate considered (see excludedBy);
 * - eligible_candidates_full: every eligible candidate's capacity went to this or better-scoring pairs;
 * - too_few_eligible_candidates: the eligible candidates with room already take as many units as one may.
 */
export type UnmatchedReason = 'no_candidates' | 'no_eligible_candidate' | 'eligible_candidates_full' | 'too_few_eligible_candidates';

export interface UnmatchedNeed {
  needId: string;
  units: number;
  reason: UnmatchedReason;
  considered: number;
  eligible: number;
  excludedBy: Partial<Record<ExclusionCode, number>>;
}

export interface Assignment {
  pairs: AssignedPair[];
  unmatched: UnmatchedNeed[];
  /** Σ units × points over the pairs: the maximum any assignment reaches. */
  totalPoints: number;
  matchedUnits: number;
}

/** The best assignment of candidates to needs, respecting quantities, capacities, pair limits and every hard constraint. */
export function assign(needs: readonly MatchNeed[], candidates: readonly MatchCandidate[], options: AssignOptions): Assignment {
  assertUnique(needs.map((n) => n.id), 'need');
  assertUnique(candidates.map(candidateKey), 'candidate');

  const edgeNeed: number[] = [];
  const edgeCandidate: number[] = [];
  const edgeWeight: number[] = [];
  const edgeLimit: number[] = [];
  const considered = new Int32Array(needs.length);
  const excludedBy: Partial<Record<ExclusionCode, number>>[] = needs.map(() => ({}));

  needs.forEach((need, n) => {
    if (need.quantity <= 0) return;
    const limit = Math.max(1, Math.floor(need.maxUnitsPerCandidate ?? 1));
    const seen = new Set<number>();
    const pool = options.candidatesFor ? options.candidatesFor(need, n) : candidates.keys();
    for (const c of pool) {
      if (seen.has(c) || c < 0 || c >= candidates.length) continue;
      seen.add(c);
      const points = scorePoints(need, candidates[c], options.now);
      if (points < 0) {
        const s = score(need, candidates[c], options.now);
        for (const code of new Set((s.excluded ?? []).map((e) => e.code))) excludedBy[n][code] = (excludedBy[n][code] ?? 0) + 1;
        continue;
      }
      edgeNeed.push(n);
      edgeCandidate.push(c);
      edgeWeight.push(points);
      edgeLimit.push(limit);
    }
    considered[n] = seen.size;
  });

  const problem = {
    demand: Int32Array.from(needs, (n) => Math.max(0, Math.floor(n.quantity))),
    capacity: Int32Array.from(candidates, (c) => Math.max(0, Math.floor(c.capacity - c.load))),
    edgeNeed: Int32Array.from(edgeNeed),
    edgeCandidate: Int32Array.from(edgeCandidate),
    edgeWeight: Int32Array.from(edgeWeight),
    edgeLimit: Int32Array.from(edgeLimit),
  };
  const solution = solveTransport(problem);

  const free = Int32Array.from(problem.capacity);
  for (let e = 0; e < solution.flow.length; e++) free[edgeCandidate[e]] -= solution.flow[e];

  const pairs: (AssignedPair & { n: number })[] = [];
  const eligible = new Int32Array(needs.length);
  const roomLeft = new Uint8Array(needs.length); // some eligible candidate still has room
  for (let e = 0; e < edgeNeed.length; e++) {
    const n = edgeNeed[e];
    const c = edgeCandidate[e];
    eligible[n]++;
    if (free[c] > 0) roomLeft[n] = 1;
    const units = solution.flow[e];
    // Only the chosen pairs keep their full score (parts and facts): a district batch scores a million pairs.
    if (units > 0) pairs.push({ n, needId: needs[n].id, candidate: { kind: candidates[c].kind, id: candidates[c].id }, units, score: score(needs[n], candidates[c], options.now) });
  }
  pairs.sort((a, b) => a.n - b.n || compareRanked(a, b));

  const unmatched: UnmatchedNeed[] = [];
  needs.forEach((need, n) => {
    const units = solution.unmatched[n];
    if (units <= 0) return;
    const reason: UnmatchedReason =
      considered[n] === 0 ? 'no_candidates' : eligible[n] === 0 ? 'no_eligible_candidate' : roomLeft[n] ? 'too_few_eligible_candidates' : 'eligible_candidates_full';
    unmatched.push({ needId: need.id, units, reason, considered: considered[n], eligible: eligible[n], excludedBy: excludedBy[n] });
  });

  return {
    pairs: pairs.map(({ n: _n, ...pair }) => pair),
    unmatched,
    totalPoints: solution.total,
    matchedUnits: pairs.reduce((s, p) => s + p.units, 0),
  };
}

function assertUnique(keys: string[], what: string) {
  const seen = new Set<string>();
  for (const k of keys) {
    if (seen.has(k)) throw new RangeError(`duplicate ${what}: ${k}`);
    seen.add(k);
  }
}
