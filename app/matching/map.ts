// How rows of the needs and resource lists become the matching core's input (matching/README.md, "Mapping
// rows"). Pure: the services load rows in a few batched queries and hand them here.
import type { BackgroundCheck, MatchCandidate, MatchNeed, TimeWindow, WeeklyWindow } from '../../matching';
import { localInstant, localParts } from '../resources/rules';
import { checkTypes, type TravelRadius } from '../resources/values';
import type { BeneficiaryType } from '../needs/values';

const DAY_MS = 86_400_000;

/** A need without dates wants help within this many days; a long range is cut to it too (what can be planned now). */
export const HORIZON_DAYS = 14;
/** Help happens in the daytime: wanted windows run 08:00–20:00 local time on each wanted day. */
export const DAY_START = 8 * 60;
export const DAY_END = 20 * 60;

/**
 * Units of work: a volunteer's capacity is their stated hours a week (a unit — a meal delivered, a visit — is
 * about an hour); a team's is the sum of its active members' hours; an organisation carries this many units
 * per active member (at least one member's worth); an offer its remaining capacity or quantity.
 */
export const ORGANISATION_UNITS_PER_MEMBER = 5;
/** Hours counted for a team member without a volunteer profile. */
export const MEMBER_HOURS_WITHOUT_PROFILE = 2;

/**
 * The background checks a need asks of whoever serves it: people working alone with children need a
 * child-safeguarding check; with elders, disabled or ill people at home, a no-criminal-record check.
 */
export function requiredChecksFor(need: { category: string; beneficiary: BeneficiaryType }): string[] {
  if (need.beneficiary !== 'person' && need.beneficiary !== 'household') return [];
  if (need.category === 'child_care') return ['child_safeguarding'];
  if (['elderly_care', 'meals', 'disability', 'health'].includes(need.category)) return ['no_criminal_record'];
  return [];
}

/**
 * The skill a need of a category asks for when nothing more is said: a meals need on the list is food brought to
 * someone's door (送餐上门), which cooking or an organisation's meal service alone does not do. Other categories
 * are met by several skills alike, so the category says enough (matching/README.md).
 */
export const askedSkillsByCategory: Record<string, readonly string[]> = { meals: ['meal_delivery'] };
export const askedSkillsFor = (category: string) => askedSkillsByCategory[category] ?? [];

/** The wanted windows of a need: 08:00–20:00 on each day from its wanted dates, from today, within the horizon. */
export function wantedWindows(need: { wantedFrom: string | null; wantedUntil: string | null }, now: Date): TimeWindow[] {
  const today = localParts(now).date;
  const from = need.wantedFrom && need.wantedFrom > today ? need.wantedFrom : today;
  const fromMs = Date.parse(`${from}T00:00:00Z`);
  const last = need.wantedUntil && need.wantedUntil >= from ? Math.min(Date.parse(`${need.wantedUntil}T00:00:00Z`), fromMs + (HORIZON_DAYS - 1) * DAY_MS) : fromMs + (HORIZON_DAYS - 1) * DAY_MS;
  const out: TimeWindow[] = [];
  for (let t = fromMs; t <= last; t += DAY_MS) {
    const date = new Date(t).toISOString().slice(0, 10);
    const start = localInstant(date, DAY_START);
    if (start.getTime() + (DAY_END - DAY_START) * 60_000 <= now.getTime()) continue;
    out.push({ start: start.getTime() < now.getTime() ? now : start, end: localInstant(date, DAY_END) });
  }
  return out;
}

export interface NeedRow {
  id: string;
  category: string;
  beneficiary: BeneficiaryType;
  placePath: string;
  quantity: number | null;
  /** Units already claimed by live dispatches. */
  covered: number;
  wantedFrom: string | null;
  wantedUntil: string | null;
}

/** Units still to match: a need without a quantity is one unit, gone once anyone is dispatched to it. */
export const remainingUnits = (n: Pick<NeedRow, 'quantity' | 'covered'>) => Math.max(0, (n.quantity ?? 1) - n.covered);

export function toMatchNeed(n: NeedRow, dismissed: { kind: MatchCandidate['kind']; id: string }[], now: Date): MatchNeed {
  const units = remainingUnits(n);
  return {
    id: n.id,
    category: n.category,
    skills: askedSkillsFor(n.category),
    placePath: n.placePath,
    windows: wantedWindows(n, now),
    languages: [],
    requiredChecks: requiredChecksFor(n),
    quantity: units,
    // One candidate may take all that is left (a volunteer delivers all five meals); capacity limits the rest.
    maxUnitsPerCandidate: Math.max(1, units),
    dismissed,
  };
}

/** A place on a candidate's path, root first. */
export interface PathPlace {
  id: string;
  type: string;
}

/** Levels from home (the last place) up to the nearest ancestor-or-self of the given type; null when there is none. */
export function levelsUpTo(ancestry: readonly PathPlace[], type: string): number | null {
  for (let i = ancestry.length - 1; i >= 0; i--) if (ancestry[i].type === type) return ancestry.length - 1 - i;
  return null;
}

/** A volunteer's travel radius as levels: 'district' means no limit; a radius above home that isn't on the path means home only. */
export function volunteerTravelLevels(ancestry: readonly PathPlace[], radius: TravelRadius): number | null {
  if (radius === 'district') return null;
  return levelsUpTo(ancestry, radius) ?? 0;
}

/** A team's or organisation's reach: up to the highest of its service areas on its own path; else `fallback`. */
export function areaTravelLevels(ancestry: readonly PathPlace[], serviceAreaIds: readonly string[], fallback: number | null): number | null {
  const idx = ancestry.findIndex((p) => serviceAreaIds.includes(p.id));
  return idx >= 0 ? ancestry.length - 1 - idx : fallback;
}

/** Every check type, verified and without expiry: what a verified organisation or an offer holds for matching. */
export const allChecksHeld: BackgroundCheck[] = checkTypes.map((type) => ({ type, status: 'verified', expiresAt: null }));

/** A team is available when any active member is: the union of their weekly windows. */
export function unionWindows(lists: readonly (readonly WeeklyWindow[])[]): WeeklyWindow[] {
  return lists.flat().map((w) => ({ day: w.day, start: w.start, end: w.end }));
}

/** The rating record of a candidate from the star ratings of the needs it served. */
export const ratingOf = (r: { count: number; mean: number } | undefined) => (r && r.count > 0 ? { count: r.count, mean: r.mean } : { count: 0, mean: 0 });
