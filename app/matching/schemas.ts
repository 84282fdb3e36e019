// Input schemas of matching, shared by the pages and the API. Messages are message keys.
import { z } from 'zod';
import { candidateKinds } from '../../matching/types';

const uuid = z.string({ required_error: 'v.required' }).uuid('v.invalid');
const kind = z.enum(candidateKinds, { errorMap: () => ({ message: 'matching.v.candidate' }) });
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'v.tooLong')
    .optional()
    .transform((v) => (v ? v : undefined));

export const acceptSchema = z.object({ intent: z.literal('accept'), kind, candidateId: uuid });
export const dismissSchema = z.object({ intent: z.literal('dismiss'), kind, candidateId: uuid, reason: optionalText(500) });
export const suggestionActionSchema = z.discriminatedUnion('intent', [acceptSchema, dismissSchema]);

export const runSchema = z.object({ intent: z.literal('run').optional(), placeId: uuid });

/** Approve all proposed pairs, or only the listed ones. */
export const approveSchema = z.object({
  intent: z.literal('approve').optional(),
  all: z
    .union([z.boolean(), z.string()])
    .optional()
    .transform((v) => v === true || v === 'on' || v === 'true' || v === '1'),
  pairIds: z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(uuid).max(5000, 'v.invalid')),
}).superRefine((v, ctx) => {
  if (!v.all && v.pairIds.length === 0) ctx.addIssue({ code: 'custom', path: ['pairIds'], message: 'matching.v.pairs' });
});
