// How well one candidate fits one need: six parts in [0, 1], their weighted total, the facts behind them,
// and the hard constraints that rule the pair out. Suggestions and batch matching both rank by this.
import { placeSegments, stepsToCommonAncestor } from './place';
import { type PreparedAvailability, availableMinutes, prepareAvailability, wantedIntervals } from './time';
import type { BackgroundCheck, CandidateRef, MatchCandidate, MatchNeed } from './types';

/**
 * Weights of the score's parts; they sum to 1, so a total is in [0, 1].
 * - skill: the candidate covers the need's category and has the skills it asks for — the reason to match at all.
 * - distance: fewer steps up the place hierarchy between home and need — neighbours help fastest and most often.
 * - time: share of the wanted time the candidate is available.
 * - load: share of the candidate's capacity still free — spreads work instead of piling it on the willing few.
 * - language: the candidate speaks a language of the people served.
 * - rating: past ratings, smoothed towards RATING_PRIOR so a single rating cannot outweigh a long record.
 */
export const WEIGHTS = {
  skill: 0.35,
  distance: 0.2,
  time: 0.15,
  load: 0.1,
  language: 0.1,
  rating: 0.1,
} as const;

export type ScorePart = keyof typeof WEIGHTS;
export const scoreParts = Object.keys(WEIGHTS) as ScorePart[];

/** The Bayesian prior of ratings: an unrated candidate counts as `weight` ratings of `mean` stars. */
export const RATING_PRIOR = { mean: 4, weight: 5 } as const;

/** Totals become integer points (total × SCALE, rounded) for ranking and for the exact optimiser. */
export const SCORE_SCALE = 10_000;

export const exclusionCodes = ['dismissed', 'no_fit', 'out_of_reach', 'check_missing', 'check_expired', 'no_availability', 'no_capacity'] as const;
export type ExclusionCode = (typeof exclusionCodes)[number];

/** Why a pair may not be matched; `check` names the background check for check_missing / check_expired. */
export interface Exclusion {
  code: ExclusionCode;
  check?: string;
}

export interface ScoreFacts {
  categoryFit: boolean;
  matchedSkills: string[];
  /** Steps from the candidate's home up to the common ancestor with the need's place. */
  steps: number;
  /** Minutes of the need's wanted time the candidate is free (null when the need wants no particular time). */
  overlapMinutes: number | null;
  wantedMinutes: number | null;
  freeUnits: number;
  sharedLanguages: string[];
  smoothedRating: number;
}

export interface Score {
  /** Weighted sum of the parts, in [0, 1]. */
  total: number;
  /** round(total × SCORE_SCALE): what ranking and the optimiser compare. */
  points: number;
  parts: Record<ScorePart, number>;
  facts: ScoreFacts;
  /** Present (non-empty) when a hard constraint rules the pair out; such a pair is never suggested or assigned. */
  excluded?: Exclusion[];
}

export const candidateKey = (c: CandidateRef) => `${c.kind}:${c.id}`;

/** Ratings smoothed towards the prior: (w·m + n·mean) / (w + n). */
export function smoothedRating(rating: { count: number; mean: number }) {
  const count = Math.max(0, rating.count);
  return (RATING_PRIOR.weight * RATING_PRIOR.mean + count * rating.mean) / (RATING_PRIOR.weight + count);
}

// Inputs are treated as immutable: what each score needs from a need or a candidate is worked out once.
interface PreparedNeed {
  segments: string[];
  requiredChecks: string[];
  wanted: [number, number][];
  wantedMinutes: number;
  /** Checks must be valid through this instant (ms): the later of now and the end of the last window. */
  lastEnd: number;
  dismissed: Set<string>;
}

interface PreparedCandidate {
  key: string;
  segments: string[];
  availability: PreparedAvailability;
}

const preparedNeeds = new WeakMap<MatchNeed, PreparedNeed>();
const preparedCandidates = new WeakMap<MatchCandidate, PreparedCandidate>();

function prepare(need: MatchNeed): PreparedNeed {
  let p = preparedNeeds.get(need);
  if (!p) {
    const wanted = wantedIntervals(need.windows);
    p = {
      segments: placeSegments(need.placePath),
      requiredChecks: [...new Set(need.requiredChecks)],
      wanted,
      wantedMinutes: wanted.reduce((s, [a, b]) => s + (b - a), 0),
      lastEnd: need.windows.reduce((m, w) => Math.max(m, w.end.getTime()), -Infinity),
      dismissed: new Set((need.dismissed ?? []).map(candidateKey)),
    };
    preparedNeeds.set(need, p);
  }
  return p;
}

function prepareCandidate(candidate: MatchCandidate): PreparedCandidate {
  let p = preparedCandidates.get(candidate);
  if (!p) {
    p = { key: candidateKey(candidate), segments: placeSegments(candidate.placePath), availability: prepareAvailability(candidate.availability, candidate.exceptions) };
    preparedCandidates.set(candidate, p);
  }
  return p;
}

/** A check counts when verified and not expired by `until` (ms). */
const isValid = (c: BackgroundCheck, until: number) => c.status === 'verified' && (c.expiresAt === null || c.expiresAt.getTime() > until);

/** The required checks the candidate lacks at `until`: expired if one lapsed, missing if none was ever valid. */
export function checkExclusions(checks: readonly BackgroundCheck[], required: readonly string[], until: number): Exclusion[] {
  const out: Exclusion[] = [];
  for (const type of new Set(required)) {
    const ofType = checks.filter((c) => c.type === type);
    if (ofType.some((c) => isValid(c, until))) continue;
    const lapsed = ofType.some((c) => c.status === 'expired' || (c.status === 'verified' && c.expiresAt !== null));
    out.push({ code: lapsed ? 'check_expired' : 'check_missing', check: type });
  }
  return out;
}

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : Number.isFinite(x) ? x : 0);

/** The score of a candidate for a need at `now`. */
export function score(need: MatchNeed, candidate: MatchCandidate, now: Date): Score {
  const p = prepare(need);
  const pc = prepareCandidate(candidate);
  const excluded: Exclusion[] = [];
  if (p.dismissed.size > 0 && p.dismissed.has(pc.key)) excluded.push({ code: 'dismissed' });

  // Skill: the category counts as one item and each asked-for skill as one more.
  const categoryFit = candidate.categories.includes(need.category);
  const matchedSkills = need.skills.filter((s) => candidate.skills.includes(s));
  const skill = need.skills.length === 0 ? (categoryFit ? 1 : 0) : ((categoryFit ? 1 : 0) + matchedSkills.length) / (1 + need.skills.length);
  if (!categoryFit && matchedSkills.length === 0) excluded.push({ code: 'no_fit' });

  const steps = stepsToCommonAncestor(pc.segments, p.segments);
  const distance = 1 / (1 + steps);
  if (candidate.travelLevels !== null && steps > candidate.travelLevels) excluded.push({ code: 'out_of_reach' });

  let time = 1;
  let overlapMinutes: number | null = null;
  if (p.wanted.length > 0) {
    overlapMinutes = availableMinutes(p.wanted, pc.availability);
    time = p.wantedMinutes > 0 ? overlapMinutes / p.wantedMinutes : 0;
    if (overlapMinutes === 0) excluded.push({ code: 'no_availability' });
  }

  const freeUnits = Math.max(0, candidate.capacity - candidate.load);
  const load = candidate.capacity > 0 ? freeUnits / candidate.capacity : 0;
  if (freeUnits === 0) excluded.push({ code: 'no_capacity' });

  const sharedLanguages = need.languages.filter((l) => candidate.languages.includes(l));
  const language = need.languages.length === 0 || sharedLanguages.length > 0 ? 1 : 0;

  const smoothed = smoothedRating(candidate.rating);
  const rating = (smoothed - 1) / 4;

  if (p.requiredChecks.length > 0) excluded.push(...checkExclusions(candidate.checks, p.requiredChecks, Math.max(now.getTime(), p.lastEnd)));

  const parts: Record<ScorePart, number> = {
    skill: clamp01(skill),
    distance: clamp01(distance),
    time: clamp01(time),
    load: clamp01(load),
    language,
    rating: clamp01(rating),
  };
  let total = 0;
  for (const k of scoreParts) total += WEIGHTS[k] * parts[k];
  const result: Score = {
    total,
    points: Math.round(total * SCORE_SCALE),
    parts,
    facts: { categoryFit, matchedSkills, steps, overlapMinutes, wantedMinutes: p.wanted.length > 0 ? p.wantedMinutes : null, freeUnits, sharedLanguages, smoothedRating: smoothed },
  };
  if (excluded.length > 0) result.excluded = excluded;
  return result;
}

/**
 * The pair's points, or −1 when a hard constraint rules it out: the same arithmetic as `score` without
 * building parts, facts or reasons, for batch runs that score a million pairs and explain only the chosen.
 */
export function scorePoints(need: MatchNeed, candidate: MatchCandidate, now: Date): number {
  const p = prepare(need);
  const pc = prepareCandidate(candidate);
  if (p.dismissed.size > 0 && p.dismissed.has(pc.key)) return -1;
  const categoryFit = candidate.categories.includes(need.category);
  let matched = 0;
  for (const s of need.skills) if (candidate.skills.includes(s)) matched++;
  if (!categoryFit && matched === 0) return -1;
  const steps = stepsToCommonAncestor(pc.segments, p.segments);
  if (candidate.travelLevels !== null && steps > candidate.travelLevels) return -1;
  const freeUnits = Math.max(0, candidate.capacity - candidate.load);
  if (freeUnits === 0) return -1;
  let time = 1;
  if (p.wanted.length > 0) {
    const overlap = availableMinutes(p.wanted, pc.availability);
    if (overlap === 0) return -1;
    time = p.wantedMinutes > 0 ? overlap / p.wantedMinutes : 0;
  }
  if (p.requiredChecks.length > 0 && checkExclusions(candidate.checks, p.requiredChecks, Math.max(now.getTime(), p.lastEnd)).length > 0) return -1;
  const skill = need.skills.length === 0 ? (categoryFit ? 1 : 0) : ((categoryFit ? 1 : 0) + matched) / (1 + need.skills.length);
  let language = need.languages.length === 0 ? 1 : 0;
  for (const l of need.languages) if (candidate.languages.includes(l)) language = 1;
  let total = 0;
  total += WEIGHTS.skill * clamp01(skill);
  total += WEIGHTS.distance * clamp01(1 / (1 + steps));
  total += WEIGHTS.time * clamp01(time);
  total += WEIGHTS.load * clamp01(candidate.capacity > 0 ? freeUnits / candidate.capacity : 0);
  total += WEIGHTS.language * language;
  total += WEIGHTS.rating * clamp01((smoothedRating(candidate.rating) - 1) / 4);
  return Math.round(total * SCORE_SCALE);
}
