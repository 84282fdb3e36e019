// Pure rules of the resource list: eligibility by background checks, availability windows, venue slots,
// travel reach and the needs-vs-resources gap. No I/O.
import type { CheckType, DateException, TravelRadius, WeeklyWindow } from './values';
import { travelRadii } from './values';

// ---------------------------------------------------------------- eligibility

export interface CheckRecord {
  type: CheckType;
  status: 'pending' | 'verified' | 'rejected' | 'expired';
  expiresAt: Date | null;
}

export interface Eligibility {
  eligible: boolean;
  /** Required checks the volunteer never had verified (or only pending/rejected ones). */
  missing: CheckType[];
  /** Required checks that were verified once but have expired. */
  expired: CheckType[];
}

/** A check counts when staff verified it and it has not expired by `at`. */
export function isCheckValid(check: CheckRecord, at: Date) {
  return check.status === 'verified' && (check.expiresAt === null || check.expiresAt.getTime() > at.getTime());
}

/** Whether a volunteer may take work that requires `required` checks at time `at` (the work's start). */
export function eligibility(checks: readonly CheckRecord[], required: readonly CheckType[], at: Date): Eligibility {
  const missing: CheckType[] = [];
  const expired: CheckType[] = [];
  for (const type of new Set(required)) {
    const ofType = checks.filter((c) => c.type === type);
    if (ofType.some((c) => isCheckValid(c, at))) continue;
    const lapsed = ofType.some((c) => c.status === 'expired' || (c.status === 'verified' && c.expiresAt !== null && c.expiresAt.getTime() <= at.getTime()));
    (lapsed ? expired : missing).push(type);
  }
  return { eligible: missing.length === 0 && expired.length === 0, missing, expired };
}

/** The checks to warn about now: verified, not yet warned, expiring within `days`. */
export function dueForWarning<T extends CheckRecord & { warnedAt: Date | null }>(checks: readonly T[], now: Date, days: number): T[] {
  const horizon = now.getTime() + days * 86_400_000;
  return checks.filter((c) => c.status === 'verified' && !c.warnedAt && c.expiresAt !== null && c.expiresAt.getTime() > now.getTime() && c.expiresAt.getTime() <= horizon);
}

// ---------------------------------------------------------------- time windows (Asia/Shanghai, UTC+8 all year)

const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** Local (Asia/Shanghai) weekday 0 = Monday … 6 = Sunday, minute of day and date string of an instant. */
export function localParts(d: Date) {
  const local = new Date(d.getTime() + OFFSET_MS);
  return {
    day: (local.getUTCDay() + 6) % 7,
    minute: local.getUTCHours() * 60 + local.getUTCMinutes(),
    date: local.toISOString().slice(0, 10),
  };
}

/** The instant of a local date (YYYY-MM-DD) and minute of day. */
export function localInstant(date: string, minute: number): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - OFFSET_MS + minute * 60_000);
}

export const parseHm = (hm: string): number | null => {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(hm.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : hm.trim() === '24:00' ? 1440 : null;
};
export const formatHm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

export function isExceptionDate(exceptions: readonly DateException[], date: string) {
  return exceptions.some((e) => e.from <= date && date <= e.to);
}

/**
 * Minutes of the interval [start, end) covered by the weekly windows, leaving out exception dates.
 * Intervals may span days; windows of one day must not overlap each other (normaliseWindows ensures it).
 */
export function overlapMinutes(windows: readonly WeeklyWindow[], exceptions: readonly DateException[], start: Date, end: Date): number {
  if (end.getTime() <= start.getTime()) return 0;
  let total = 0;
  // Walk local days from the day of `start` to the day of `end`.
  const first = localParts(start).date;
  for (let dayStart = localInstant(first, 0); dayStart.getTime() < end.getTime(); dayStart = new Date(dayStart.getTime() + DAY_MS)) {
    const { day, date } = localParts(dayStart);
    if (isExceptionDate(exceptions, date)) continue;
    for (const w of windows) {
      if (w.day !== day) continue;
      const ws = dayStart.getTime() + w.start * 60_000;
      const we = dayStart.getTime() + w.end * 60_000;
      const s = Math.max(ws, start.getTime());
      const e = Math.min(we, end.getTime());
      if (e > s) total += (e - s) / 60_000;
    }
  }
  return Math.round(total);
}

/** Whether the whole interval lies inside the windows (a volunteer free for all of a shift, a venue open for a slot). */
export function coversInterval(windows: readonly WeeklyWindow[], exceptions: readonly DateException[], start: Date, end: Date) {
  const needed = Math.round((end.getTime() - start.getTime()) / 60_000);
  return needed > 0 && overlapMinutes(windows, exceptions, start, end) >= needed;
}

/** Sorts windows and merges overlapping or touching ones of the same day. */
export function normaliseWindows(windows: readonly WeeklyWindow[]): WeeklyWindow[] {
  const sorted = windows.filter((w) => w.end > w.start).sort((a, b) => a.day - b.day || a.start - b.start);
  const out: WeeklyWindow[] = [];
  for (const w of sorted) {
    const last = out[out.length - 1];
    if (last && last.day === w.day && w.start <= last.end) last.end = Math.max(last.end, w.end);
    else out.push({ ...w });
  }
  return out;
}

/** Total weekly minutes of a set of windows. */
export const weeklyMinutes = (windows: readonly WeeklyWindow[]) => normaliseWindows(windows).reduce((s, w) => s + (w.end - w.start), 0);

// ---------------------------------------------------------------- venue slots

export type SlotProblem = 'misaligned' | 'closed' | 'past';

/**
 * Whether a venue slot starting at `start` may be booked: slots are aligned to the slot length from local
 * midnight (so one start time names one slot), within opening hours, not on a closed date, not in the past.
 */
export function checkSlot(venue: { availability: readonly WeeklyWindow[]; exceptions: readonly DateException[]; slotMinutes: number }, start: Date, now: Date): SlotProblem | null {
  const { minute } = localParts(start);
  if (start.getUTCSeconds() !== 0 || start.getUTCMilliseconds() !== 0 || minute % venue.slotMinutes !== 0) return 'misaligned';
  if (start.getTime() < now.getTime()) return 'past';
  const end = new Date(start.getTime() + venue.slotMinutes * 60_000);
  if (!coversInterval(venue.availability, venue.exceptions, start, end)) return 'closed';
  return null;
}

/** The bookable slot starts of one local date, in order. */
export function slotsOfDay(venue: { availability: readonly WeeklyWindow[]; exceptions: readonly DateException[]; slotMinutes: number }, date: string): Date[] {
  const out: Date[] = [];
  for (let m = 0; m + venue.slotMinutes <= 1440; m += venue.slotMinutes) {
    const start = localInstant(date, m);
    const end = new Date(start.getTime() + venue.slotMinutes * 60_000);
    if (coversInterval(venue.availability, venue.exceptions, start, end)) out.push(start);
  }
  return out;
}

// ---------------------------------------------------------------- travel reach

/** The level a travel radius reaches up to, as a place type, and whether a place path is within reach of home. */
export function withinTravelRadius(homeAncestry: readonly { id: string; type: string }[], radius: TravelRadius, targetPath: string): boolean {
  // Home ancestry is root first. The radius names the ancestor whose subtree the volunteer will travel in;
  // when the home has no place of that type (e.g. no compound), the next wider level counts.
  const wanted = travelRadii.indexOf(radius);
  for (let level = wanted; level < travelRadii.length; level++) {
    const anchor = [...homeAncestry].reverse().find((p) => p.type === travelRadii[level]);
    if (anchor) return targetPath.split('/').includes(anchor.id);
  }
  return false;
}

// ---------------------------------------------------------------- inventory and gap

export interface GapRow {
  category: string;
  needs: number;
  resources: number;
  /** needs − resources; positive means short. */
  gap: number;
  short: boolean;
}

/** Needs against resources per category; the worst shortfall first, then by category name. */
export function gapReport(needs: Readonly<Record<string, number>>, resources: Readonly<Record<string, number>>, categories: readonly string[]): GapRow[] {
  return categories
    .map((category) => {
      const n = needs[category] ?? 0;
      const r = resources[category] ?? 0;
      return { category, needs: n, resources: r, gap: n - r, short: n > r };
    })
    .sort((a, b) => b.gap - a.gap || a.category.localeCompare(b.category));
}

/** Counts per category of a list of category arrays (one resource may count in several categories). */
export function countByCategory(items: readonly { categories: readonly string[] }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) for (const c of new Set(item.categories)) out[c] = (out[c] ?? 0) + 1;
  return out;
}
