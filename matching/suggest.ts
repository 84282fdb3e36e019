// Ranked suggestions: the best candidates for one need (a need's page), and the best needs for one
// candidate ("near me" for volunteers). Same score, deterministic order.
import { candidateKey, type ExclusionCode, type Score, score } from './score';
import { candidateKinds, type CandidateRef, type MatchCandidate, type MatchNeed } from './types';

export interface Suggestion {
  candidate: CandidateRef;
  /** 1 = best. */
  rank: number;
  score: Score;
}

export interface Suggestions {
  top: Suggestion[];
  /** Candidates looked at, and how many each hard constraint ruled out (a pair may fail several). */
  considered: number;
  excluded: number;
  excludedBy: Partial<Record<ExclusionCode, number>>;
}

const kindOrder = (c: CandidateRef) => candidateKinds.indexOf(c.kind);

/** Higher points first; then volunteer, team, organisation, offer; then id — so equal scores never shuffle. */
export function compareRanked(a: { candidate: CandidateRef; score: Score }, b: { candidate: CandidateRef; score: Score }) {
  return b.score.points - a.score.points || kindOrder(a.candidate) - kindOrder(b.candidate) || (a.candidate.id < b.candidate.id ? -1 : a.candidate.id > b.candidate.id ? 1 : 0);
}

/** The top `limit` candidates for a need that no hard constraint rules out, with their scores. */
export function suggestCandidates(need: MatchNeed, candidates: readonly MatchCandidate[], options: { now: Date; limit?: number }): Suggestions {
  const limit = options.limit ?? 10;
  const eligible: { candidate: CandidateRef; score: Score }[] = [];
  const excludedBy: Partial<Record<ExclusionCode, number>> = {};
  let excluded = 0;
  const seen = new Set<string>();
  for (const candidate of candidates) {
    const key = candidateKey(candidate);
    if (seen.has(key)) continue;
    seen.add(key);
    const s = score(need, candidate, options.now);
    if (s.excluded) {
      excluded++;
      for (const code of new Set(s.excluded.map((e) => e.code))) excludedBy[code] = (excludedBy[code] ?? 0) + 1;
      continue;
    }
    eligible.push({ candidate: { kind: candidate.kind, id: candidate.id }, score: s });
  }
  eligible.sort(compareRanked);
  return {
    top: eligible.slice(0, Math.max(0, limit)).map((e, i) => ({ ...e, rank: i + 1 })),
    considered: seen.size,
    excluded,
    excludedBy,
  };
}

export interface NeedSuggestion {
  needId: string;
  rank: number;
  score: Score;
}

/** The needs a candidate fits best ("needs near me that fit my skills"): eligible ones only, best first, then by need id. */
export function suggestNeeds(candidate: MatchCandidate, needs: readonly MatchNeed[], options: { now: Date; limit?: number }): NeedSuggestion[] {
  const limit = options.limit ?? 10;
  const ranked = needs
    .filter((n) => n.quantity > 0)
    .map((need) => ({ needId: need.id, score: score(need, candidate, options.now) }))
    .filter((r) => !r.score.excluded)
    .sort((a, b) => b.score.points - a.score.points || (a.needId < b.needId ? -1 : a.needId > b.needId ? 1 : 0));
  return ranked.slice(0, Math.max(0, limit)).map((r, i) => ({ ...r, rank: i + 1 }));
}
