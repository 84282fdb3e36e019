// The reporting period of a dashboard: local (Asia/Shanghai, UTC+8 all year) dates, their instants, and the
// month or week buckets of its trends. Pure.

const DAY = 86_400_000;
const OFFSET = 8 * 3_600_000;

export const intervals = ['month', 'week'] as const;
export type Interval = (typeof intervals)[number];

export interface Period {
  /** First local day included, YYYY-MM-DD. */
  from: string;
  /** Last local day included, YYYY-MM-DD. */
  to: string;
  interval: Interval;
}

/** The local date (YYYY-MM-DD) of an instant. */
export function localDate(at: Date): string {
  return new Date(at.getTime() + OFFSET).toISOString().slice(0, 10);
}

/** The instant a local day starts. */
export function startOf(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - OFFSET);
}

/** The instant just after the period's last day. */
export function endOf(period: Pick<Period, 'to'>): Date {
  return new Date(startOf(period.to).getTime() + DAY);
}

/** The default: the twelve months up to today (from the first of the month eleven months ago). */
export function defaultPeriod(now: Date): Period {
  const today = localDate(now);
  const [y, m] = today.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 - 11, 1));
  return { from: first.toISOString().slice(0, 10), to: today, interval: 'month' };
}

/** The first day of the bucket a local day falls in: the month's first, or the Monday of its ISO week. */
export function bucketOf(day: string, interval: Interval): string {
  if (interval === 'month') return `${day.slice(0, 7)}-01`;
  const d = new Date(`${day}T00:00:00Z`);
  const back = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - back * DAY).toISOString().slice(0, 10);
}

/** Every bucket from the one holding `from` to the one holding `to`, in order (empty ones included). */
export function bucketsOf(period: Period): string[] {
  const out: string[] = [];
  let b = bucketOf(period.from, period.interval);
  const last = bucketOf(period.to, period.interval);
  while (b <= last && out.length < 400) {
    out.push(b);
    if (period.interval === 'week') b = new Date(Date.parse(`${b}T00:00:00Z`) + 7 * DAY).toISOString().slice(0, 10);
    else {
      const [y, m] = b.split('-').map(Number);
      b = new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
    }
  }
  return out;
}

/** Whole days between two local dates, inclusive. */
export function daysIn(period: Pick<Period, 'from' | 'to'>): number {
  return Math.round((Date.parse(`${period.to}T00:00:00Z`) - Date.parse(`${period.from}T00:00:00Z`)) / DAY) + 1;
}

/** A share as a whole-number percentage, or null when there is nothing to divide by. */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part * 100) / whole) : null;
}
