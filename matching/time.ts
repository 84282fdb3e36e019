// Time arithmetic for matching, in whole minutes of Asia/Shanghai local time (UTC+8, no daylight saving).
import type { DateException, TimeWindow, WeeklyWindow } from './types';

const OFFSET_MINUTES = 8 * 60;
const DAY = 1440;

/** Local minutes since 1970-01-01 00:00 Asia/Shanghai; a start rounds down, an end up. */
export const localMinute = (d: Date, round: 'down' | 'up' = 'down') => (round === 'down' ? Math.floor : Math.ceil)(d.getTime() / 60_000) + OFFSET_MINUTES;

/** Weekday of a local day number: 0 = Monday (1970-01-01 was a Thursday). */
export const weekday = (dayNumber: number) => (((dayNumber + 3) % 7) + 7) % 7;

/** Local day number of a YYYY-MM-DD date. */
export function dayNumber(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000;
}

/** Sorted, merged [start, end) minute intervals of the wanted windows. */
export function wantedIntervals(windows: readonly TimeWindow[]): [number, number][] {
  const raw = windows.map((w) => [localMinute(w.start, 'down'), localMinute(w.end, 'up')] as [number, number]).filter(([s, e]) => e > s);
  raw.sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [s, e] of raw) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** Availability prepared for repeated use: merged windows per weekday (null = always), and away day ranges. */
export interface PreparedAvailability {
  days: [number, number][][] | null;
  away: [number, number][];
}

export function prepareAvailability(availability: readonly WeeklyWindow[] | 'always', exceptions: readonly DateException[]): PreparedAvailability {
  return { days: availability === 'always' ? null : byWeekday(availability), away: exceptions.map((e) => [dayNumber(e.from), dayNumber(e.to)]) };
}

/** Windows per weekday, each day's sorted and merged. */
function byWeekday(windows: readonly WeeklyWindow[]): [number, number][][] {
  const days: [number, number][][] = [[], [], [], [], [], [], []];
  for (const w of windows) {
    const start = Math.max(0, w.start);
    const end = Math.min(DAY, w.end);
    if (w.day >= 0 && w.day < 7 && end > start) days[w.day].push([start, end]);
  }
  for (const list of days) {
    list.sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < list.length; i++) {
      if (list[i][0] <= list[i - 1][1]) {
        list[i - 1][1] = Math.max(list[i - 1][1], list[i][1]);
        list.splice(i--, 1);
      }
    }
  }
  return days;
}

const ALL_DAY: [number, number][] = [[0, DAY]];

/**
 * Minutes of the wanted intervals (local minutes, merged) in which the candidate is available: weekly
 * windows on days not covered by an exception.
 */
export function availableMinutes(wanted: readonly [number, number][], availability: PreparedAvailability): number {
  const { days, away } = availability;
  let total = 0;
  for (const [start, end] of wanted) {
    for (let day = Math.floor(start / DAY); day * DAY < end; day++) {
      let isAway = false;
      for (const [from, to] of away) if (from <= day && day <= to) isAway = true;
      if (isAway) continue;
      const dayStart = day * DAY;
      const spans = days ? days[weekday(day)] : ALL_DAY;
      for (const [ws, we] of spans) {
        const s = Math.max(start, dayStart + ws);
        const e = Math.min(end, dayStart + we);
        if (e > s) total += e - s;
      }
    }
  }
  return total;
}
