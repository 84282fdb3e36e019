// The one query of the dashboards, the transparency page and GET /api/v1/stats: place, grid, period, interval.
import { z } from 'zod';
import { daysIn, intervals } from './period';

const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const day = z.preprocess(emptyToUndefined, z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'stats.v.date').refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'stats.v.date').optional());

/** The longest period one request may ask for (weekly trends stay under 160 buckets). */
export const MAX_DAYS = 1100;

export const statsQuery = z
  .object({
    place: z.preprocess(emptyToUndefined, z.string().uuid('v.uuid').optional()),
    grid: z.preprocess(emptyToUndefined, z.string().uuid('v.uuid').optional()),
    from: day,
    to: day,
    interval: z.preprocess(emptyToUndefined, z.enum(intervals, { errorMap: () => ({ message: 'stats.v.interval' }) }).optional()),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'stats.v.order' });
    else if (q.from && q.to && daysIn({ from: q.from, to: q.to }) > MAX_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: 'stats.v.tooLong' });
  });
export type StatsQuery = z.infer<typeof statsQuery>;
