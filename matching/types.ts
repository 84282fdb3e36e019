// The shapes the matching core works on. Services map database rows (needs, volunteer profiles, teams,
// organisations, offers, background checks, ratings, dismissals) into these; nothing here knows a table.

export const candidateKinds = ['volunteer', 'team', 'organisation', 'offer'] as const;
export type CandidateKind = (typeof candidateKinds)[number];

/** Who a candidate is: ids are unique within a kind. */
export interface CandidateRef {
  kind: CandidateKind;
  id: string;
}

/**
 * A weekly window in local time (Asia/Shanghai, UTC+8 all year): day 0 = Monday … 6 = Sunday, minutes
 * from local midnight, end exclusive (0 ≤ start < end ≤ 1440).
 */
export interface WeeklyWindow {
  day: number;
  start: number;
  end: number;
}

/** Local dates (YYYY-MM-DD, both inclusive) when a candidate is away despite the weekly windows. */
export interface DateException {
  from: string;
  to: string;
}

/** A stretch of real time in which the need wants to be served (end exclusive). */
export interface TimeWindow {
  start: Date;
  end: Date;
}

export interface BackgroundCheck {
  type: string;
  status: 'pending' | 'verified' | 'rejected' | 'expired';
  expiresAt: Date | null;
}

export interface MatchNeed {
  id: string;
  /** Service category (app/needs/values.ts). */
  category: string;
  /** Skills the need asks for; empty when the category says enough. */
  skills: readonly string[];
  /** Materialised path of the place where the need is, root first: '/street/community/grid/compound/building/'. */
  placePath: string;
  /** When the need wants to be served; empty means any time. */
  windows: readonly TimeWindow[];
  /** Languages the people served speak; empty means any. */
  languages: readonly string[];
  /** Background checks a candidate must hold, valid now and through the need's last window. */
  requiredChecks: readonly string[];
  /** Units wanted (meals, visits, helpers); 0 when nothing is left to match. */
  quantity: number;
  /** How many of the units one candidate may take (default 1: each unit a different candidate). */
  maxUnitsPerCandidate?: number;
  /** Candidates staff dismissed for this need: never suggested or assigned to it again. */
  dismissed?: readonly CandidateRef[];
}

export interface MatchCandidate extends CandidateRef {
  /** Service categories the candidate can meet (for a volunteer: derived from skills). */
  categories: readonly string[];
  skills: readonly string[];
  /** Materialised path of the candidate's home place (a volunteer's building, a team's or organisation's base). */
  placePath: string;
  /** How many levels up from home the candidate will travel (0 = own place only); null = no limit. */
  travelLevels: number | null;
  /** Weekly availability, or 'always' for candidates without stated hours. */
  availability: readonly WeeklyWindow[] | 'always';
  exceptions: readonly DateException[];
  /** Units of work the candidate can carry at once, and how many it carries now. */
  capacity: number;
  load: number;
  languages: readonly string[];
  /** Past ratings (1–5 stars) of work done. */
  rating: { count: number; mean: number };
  checks: readonly BackgroundCheck[];
}
