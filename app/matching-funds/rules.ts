// The rules of a matching programme (配捐) as one pure function: how much public money one gift draws from the pool.
// Everything is integer minor units (fen). Ratios are rationals num/den of whole numbers; every match is rounded
// DOWN to the fen (floor), so the pool never pays a fraction it does not have. The live posting code and the
// simulation both call matchFor and nothing else.

/** Who a gift comes from. The seed must come from residents and local businesses; others may still be matched. */
export const giftSources = ['resident', 'business', 'other'] as const;
export type GiftSource = (typeof giftSources)[number];
export const seedSources: readonly GiftSource[] = ['resident', 'business'];

/** What happens when the pool cannot cover a gift's full match. */
export const exhaustionPolicies = ['stop', 'pro_rate'] as const;
export type ExhaustionPolicy = (typeof exhaustionPolicies)[number];

/** A tier: the part of a gift from `fromMinor` up (to the next tier) is matched num:den (2/1 = "2 for every 1"). */
export interface MatchTier {
  fromMinor: number;
  num: number;
  den: number;
}

export interface ProgrammeRules {
  /** Tiers by gift size, first from 0. A flat ratio is one tier. */
  tiers: MatchTier[];
  /** What a project must first raise from residents and businesses before anything is matched. */
  seedMinor: number;
  /** Gifts below this are not matched at all. */
  minGiftMinor: number;
  /** Caps (null: none beyond the pool). */
  perDonorCapMinor: number | null;
  perProjectCapMinor: number | null;
  programmeCapMinor: number | null;
  /** Which sources are matched (once the seed is reached). */
  matchedSources: GiftSource[];
  exhaustion: ExhaustionPolicy;
  startsAt: Date;
  endsAt: Date;
  /** Eligible projects (by id) and categories; an empty list means "any". */
  projectIds: string[];
  categories: string[];
}

/** What the ledger says now, before this gift's match (all derived from entries, never counters). */
export interface MatchState {
  /** What the pool holds now. */
  poolBalanceMinor: number;
  /** Matched so far by the programme in total, to this project, and to this donor. */
  programmeMatchedMinor: number;
  projectMatchedMinor: number;
  donorMatchedMinor: number;
  /** Given to the project's fund so far by residents and businesses (excluding this gift). */
  projectSeedRaisedMinor: number;
}

export interface Gift {
  amountMinor: number;
  source: GiftSource;
  projectId: string;
  category: string;
  at: Date;
}

export const matchReasons = [
  'matched',
  'partly_below_seed',
  'capped_by_donor',
  'capped_by_project',
  'capped_by_programme',
  'capped_by_pool',
  'not_started',
  'ended',
  'project_not_eligible',
  'source_not_matched',
  'below_minimum',
  'below_seed',
  'donor_cap_reached',
  'project_cap_reached',
  'programme_cap_reached',
  'pool_exhausted',
] as const;
export type MatchReason = (typeof matchReasons)[number];

export interface MatchResult {
  matchMinor: number;
  reason: MatchReason;
}

const big = (n: number) => BigInt(n);

/** floor(Σ part × num / den) over the tiers the amount spans, exactly (BigInt over a common denominator). */
export function tieredMatch(tiers: readonly MatchTier[], amountMinor: number): number {
  if (amountMinor <= 0) return 0;
  const sorted = [...tiers].sort((a, b) => a.fromMinor - b.fromMinor);
  let numer = 0n;
  let denom = 1n;
  for (let i = 0; i < sorted.length; i++) {
    const from = sorted[i].fromMinor;
    const to = i + 1 < sorted.length ? sorted[i + 1].fromMinor : Number.MAX_SAFE_INTEGER;
    if (amountMinor <= from) break;
    const part = Math.min(amountMinor, to) - from;
    // numer/denom + part*num/den
    numer = numer * big(sorted[i].den) + big(part) * big(sorted[i].num) * denom;
    denom = denom * big(sorted[i].den);
  }
  return Number(numer / denom);
}

/** Problems with a programme's rules, as message keys (empty = valid). */
export function validateRules(r: ProgrammeRules): string[] {
  const problems: string[] = [];
  const whole = (n: number) => Number.isSafeInteger(n) && n >= 0;
  if (!r.tiers.length || r.tiers[0].fromMinor !== 0) problems.push('mf.v.tiers_from_zero');
  for (const t of r.tiers) if (!whole(t.fromMinor) || !whole(t.num) || !Number.isSafeInteger(t.den) || t.den <= 0 || t.num > 100 * t.den) problems.push('mf.v.tier');
  for (let i = 1; i < r.tiers.length; i++) if (r.tiers[i].fromMinor <= r.tiers[i - 1].fromMinor) problems.push('mf.v.tiers_order');
  if (!whole(r.seedMinor) || !whole(r.minGiftMinor)) problems.push('mf.v.amount');
  for (const cap of [r.perDonorCapMinor, r.perProjectCapMinor, r.programmeCapMinor]) if (cap !== null && !(Number.isSafeInteger(cap) && cap > 0)) problems.push('mf.v.cap');
  if (!(r.endsAt.getTime() > r.startsAt.getTime())) problems.push('mf.v.dates');
  if (!r.matchedSources.length) problems.push('mf.v.sources');
  return [...new Set(problems)];
}

/**
 * The match one gift earns, given what the ledger says now.
 * Order: eligibility (dates, project, source, minimum), then the seed (gifts fill the seed first; only the part of
 * a gift beyond it is matched), then the tiered ratio, then the caps (donor, project, programme) and the pool.
 * A cap cuts the match to what is left under it. When the pool cannot cover the rest: `pro_rate` gives what the
 * pool still holds; `stop` gives nothing (matching stops rather than pay a partial match).
 */
export function matchFor(p: ProgrammeRules, s: MatchState, g: Gift): MatchResult {
  const none = (reason: MatchReason): MatchResult => ({ matchMinor: 0, reason });
  if (g.at.getTime() < p.startsAt.getTime()) return none('not_started');
  if (g.at.getTime() >= p.endsAt.getTime()) return none('ended');
  if (p.projectIds.length && !p.projectIds.includes(g.projectId)) return none('project_not_eligible');
  if (p.categories.length && !p.categories.includes(g.category)) return none('project_not_eligible');
  if (!p.matchedSources.includes(g.source)) return none('source_not_matched');
  if (g.amountMinor < Math.max(1, p.minGiftMinor)) return none('below_minimum');

  const seedLeft = Math.max(0, p.seedMinor - s.projectSeedRaisedMinor);
  // A gift from a seed source fills what is left of the seed first; any other gift waits until the seed is raised.
  const matchable = seedLeft === 0 ? g.amountMinor : seedSources.includes(g.source) ? Math.max(0, g.amountMinor - seedLeft) : 0;
  if (matchable === 0) return none('below_seed');

  const full = tieredMatch(p.tiers, matchable);
  let match = full;
  let reason: MatchReason = matchable < g.amountMinor ? 'partly_below_seed' : 'matched';
  const cut = (left: number, capped: MatchReason, reached: MatchReason) => {
    if (left <= 0) {
      match = 0;
      reason = reached;
    } else if (left < match) {
      match = left;
      reason = capped;
    }
  };
  if (p.perDonorCapMinor !== null) cut(p.perDonorCapMinor - s.donorMatchedMinor, 'capped_by_donor', 'donor_cap_reached');
  if (match > 0 && p.perProjectCapMinor !== null) cut(p.perProjectCapMinor - s.projectMatchedMinor, 'capped_by_project', 'project_cap_reached');
  if (match > 0 && p.programmeCapMinor !== null) cut(p.programmeCapMinor - s.programmeMatchedMinor, 'capped_by_programme', 'programme_cap_reached');
  if (match > 0 && s.poolBalanceMinor < match) {
    if (p.exhaustion === 'stop' || s.poolBalanceMinor <= 0) return none('pool_exhausted');
    match = s.poolBalanceMinor;
    reason = 'capped_by_pool';
  }
  return match > 0 ? { matchMinor: match, reason } : none(reason === 'matched' || reason === 'partly_below_seed' ? 'below_minimum' : reason);
}

/** The state after a gift and its match: what the ledger will say once both are posted. */
export function applyGift(s: MatchState, g: Gift, matchMinor: number): MatchState {
  return {
    poolBalanceMinor: s.poolBalanceMinor - matchMinor,
    programmeMatchedMinor: s.programmeMatchedMinor + matchMinor,
    projectMatchedMinor: s.projectMatchedMinor + matchMinor,
    donorMatchedMinor: s.donorMatchedMinor + matchMinor,
    projectSeedRaisedMinor: s.projectSeedRaisedMinor + (seedSources.includes(g.source) ? g.amountMinor : 0),
  };
}

/**
 * How much of a gift's match goes back to the pool once `refundedMinor` of the gift has been refunded in all
 * (cumulative, as Stripe reports it). The match the project keeps is floor(match × (gift − refunded) / gift): the
 * pool is repaid rounded UP to the fen, in keeping with matches that are rounded down. Because it is a function of
 * the refunded total, refunding in parts hands back exactly what one refund of the sum would, and a full refund
 * hands back the whole match.
 */
export function matchToReverse(matchMinor: number, giftMinor: number, refundedMinor: number): number {
  if (matchMinor <= 0 || giftMinor <= 0 || refundedMinor <= 0) return 0;
  if (refundedMinor >= giftMinor) return matchMinor;
  const kept = (BigInt(matchMinor) * BigInt(giftMinor - refundedMinor)) / BigInt(giftMinor);
  return matchMinor - Number(kept);
}
