// Reading the dashboard query from a URL: the period with its defaults, and field errors for what was wrong.
import { zodFields } from '../api/errors.server';
import { daysIn, defaultPeriod, type Period } from './period';
import { MAX_DAYS, statsQuery, type StatsQuery } from './schemas';

export interface ReadQuery {
  query: StatsQuery;
  period: Period;
  /** Field → message keys; empty when the query was valid. */
  errors: Record<string, string[]>;
}

/**
 * The query as asked, with the default period for what was left out. A page shows what was wrong beside the
 * field and the figures for the rest (the wrong fields dropped); the API answers 400 instead.
 */
export function readStatsQuery(url: URL, now = new Date()): ReadQuery {
  const raw = Object.fromEntries(['place', 'grid', 'from', 'to', 'interval'].map((k) => [k, url.searchParams.get(k) ?? undefined]));
  let parsed = statsQuery.safeParse(raw);
  let errors: Record<string, string[]> = {};
  if (!parsed.success) {
    errors = zodFields(parsed.error);
    const kept = { ...raw };
    for (const field of Object.keys(errors)) {
      delete kept[field];
      // A wrong end date may be wrong only against the start: drop both rather than guess.
      if (field === 'to') delete kept.from;
    }
    parsed = statsQuery.safeParse(kept);
  }
  const query = parsed.success ? parsed.data : {};
  const fallback = defaultPeriod(now);
  const from = query.from ?? (query.to && query.to < fallback.from ? query.to : fallback.from);
  const to = query.to ?? (query.from && query.from > fallback.to ? query.from : fallback.to);
  const interval = query.interval ?? 'month';
  // One date given alone may still make too long a period with the default for the other.
  if (daysIn({ from, to }) > MAX_DAYS) return { query, period: { ...fallback, interval }, errors: { ...errors, from: ['stats.v.tooLong'] } };
  return { query, period: { from, to, interval }, errors };
}
