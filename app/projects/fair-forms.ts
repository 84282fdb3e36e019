// Input schemas of the fair and delivery forms (zod messages are message keys), and turning a rank form into a
// ranking. No I/O: the routes parse with these and the services check what needs the database.
import { z } from 'zod';
import { yuan } from '../funds/schemas';
import { fairSides, maxFairCapacity, reportKinds } from './fair-values';

const text = (max: number) => z.string({ required_error: 'v.required' }).trim().min(1, 'v.required').max(max, 'v.tooLong');
const isoDate = z.string({ required_error: 'v.required' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'fair.v.date');

export const createFairSchema = z.object({
  roundId: z.string({ required_error: 'v.required' }).uuid('v.required'),
  title: text(120),
  heldOn: isoDate,
  preferencesClose: isoDate,
});

/** The end of a local (Asia/Shanghai) day. */
export const endOfLocalDay = (isoDay: string) => new Date(`${isoDay}T23:59:59.999+08:00`);

export const boardActionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('join'), resourceId: z.string().uuid() }),
  z.object({ intent: z.literal('run'), proposing: z.enum(fairSides) }),
  z.object({ intent: z.literal('close') }),
  z.object({ intent: z.literal('sign'), pairId: z.string().uuid(), side: z.enum(fairSides) }),
]);

export const rankField = (participantId: string) => `rank-${participantId}`;

/**
 * A rank form: one optional whole number per party of the other side (empty = unacceptable), and for an applicant
 * its capacity. Returns the ranking (best first) or field errors keyed by field name.
 */
export function rankingFromForm(
  form: Record<string, unknown>,
  otherIds: readonly string[],
  withCapacity: boolean,
): { ok: true; ranking: string[]; capacity?: number } | { ok: false; fields: Record<string, string[]> } {
  const fields: Record<string, string[]> = {};
  const ranked: { id: string; rank: number }[] = [];
  const seen = new Map<number, string>();
  for (const id of otherIds) {
    const raw = String(form[rankField(id)] ?? '').trim();
    if (!raw) continue;
    const rank = Number(raw);
    if (!/^\d+$/.test(raw) || rank < 1) {
      fields[rankField(id)] = ['fair.v.rank'];
      continue;
    }
    if (seen.has(rank)) {
      fields[rankField(id)] = ['fair.v.duplicateRank'];
      continue;
    }
    seen.set(rank, id);
    ranked.push({ id, rank });
  }
  let capacity: number | undefined;
  if (withCapacity) {
    const raw = String(form.capacity ?? '').trim();
    capacity = Number(raw);
    if (!/^\d+$/.test(raw) || capacity < 1 || capacity > maxFairCapacity) fields.capacity = ['fair.v.capacity'];
  }
  if (Object.keys(fields).length) return { ok: false, fields };
  return { ok: true, ranking: ranked.sort((a, b) => a.rank - b.rank).map((r) => r.id), capacity };
}

export const progressSchema = z.object({
  intent: z.literal('progress'),
  milestoneId: z.string().uuid(),
  percent: z.coerce.number({ required_error: 'v.required', invalid_type_error: 'delivery.v.percent' }).int('delivery.v.percent').min(0, 'delivery.v.percent').max(100, 'delivery.v.percent'),
  note: z.string().trim().max(500, 'v.tooLong').optional().default(''),
});

export const reportSchema = z.object({
  intent: z.literal('report'),
  kind: z.enum(reportKinds),
  milestoneId: z
    .string()
    .uuid()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  body: text(5000),
  isPublic: z
    .string()
    .optional()
    .transform((v) => v === 'on' || v === 'true'),
});

export const moneySchema = z.object({
  intent: z.literal('money'),
  milestoneId: z.string({ required_error: 'v.required' }).uuid('v.required'),
  amount: yuan.refine((v) => v >= 1, 'funds.v.amount'),
  purpose: text(500),
});
