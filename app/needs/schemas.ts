// Input schemas of the needs list, shared by the pages, the API and the spreadsheet import. Messages are message keys.
import { z } from 'zod';
import { assigneeTypes, beneficiaryTypes, needTypes, recurrences, staffChannels, urgencies } from './values';

const text = (max: number) => z.string({ required_error: 'v.required' }).trim().max(max, 'v.tooLong');
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'v.tooLong')
    .optional()
    .transform((v) => (v ? v : undefined));
const isoDate = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined))
  .refine((v) => v === undefined || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v))), 'needs.v.date');
const optionalInt = (min: number, max: number) =>
  z.preprocess(
    (v) => (v === '' || v === null ? undefined : v),
    z.coerce.number({ invalid_type_error: 'v.number' }).int('v.number').min(min, 'v.invalid').max(max, 'v.invalid').optional(),
  );
const uuid = z.string({ required_error: 'v.required' }).uuid('v.invalid');

export const phonePattern = /^[0-9+\- ()]{5,30}$/;

export const raiseFields = {
  placeId: uuid,
  title: text(120).min(1, 'v.required'),
  description: text(2000).default(''),
  category: z.string({ required_error: 'v.required' }).trim().min(1, 'v.required').max(40, 'v.invalid'),
  beneficiary: z.enum(beneficiaryTypes, { errorMap: () => ({ message: 'v.invalid' }) }).default('person'),
  quantity: optionalInt(1, 100_000),
  quantityUnit: optionalText(20),
  recurrence: z.enum(recurrences, { errorMap: () => ({ message: 'v.invalid' }) }).default('once'),
  wantedFrom: isoDate,
  wantedUntil: isoDate,
  urgency: z.enum(urgencies, { errorMap: () => ({ message: 'v.invalid' }) }).default('normal'),
  contactName: optionalText(60),
  phone: optionalText(30).refine((v) => v === undefined || phonePattern.test(v), 'v.invalid'),
  email: optionalText(200).refine((v) => v === undefined || z.string().email().safeParse(v).success, 'v.email'),
  address: optionalText(200),
  healthNotes: optionalText(1000),
  /** Set by staff logging a need for someone: how it reached them. */
  channel: z.enum(staffChannels, { errorMap: () => ({ message: 'v.invalid' }) }).optional(),
};

const windowOk = (v: { wantedFrom?: string; wantedUntil?: string }) => !v.wantedFrom || !v.wantedUntil || v.wantedFrom <= v.wantedUntil;

export const raiseSchema = z.object(raiseFields).refine(windowOk, { path: ['wantedUntil'], message: 'needs.v.windowOrder' });
export type RaiseInput = z.infer<typeof raiseSchema>;

export const triageSchema = z.object({
  intent: z.literal('triage').optional(),
  category: z.string({ required_error: 'v.required' }).trim().min(1, 'v.required').max(40, 'v.invalid'),
  urgency: z.enum(urgencies, { errorMap: () => ({ message: 'v.invalid' }) }),
  needType: z.enum(needTypes, { errorMap: () => ({ message: 'v.invalid' }) }),
  /** Staff check the words that go public (核实): required, and sanitised again on the way in. */
  publicSummary: text(120).min(1, 'v.required'),
  note: optionalText(1000),
});

export const outOfScopeSchema = z.object({
  intent: z.literal('out_of_scope').optional(),
  reply: text(1000).min(1, 'v.required'),
});

export const rejectSchema = z.object({
  intent: z.literal('reject').optional(),
  reason: text(1000).min(1, 'v.required'),
});

export const mergeSchema = z.object({
  intent: z.literal('merge').optional(),
  intoNeedId: uuid,
  note: optionalText(1000),
});

export const dispatchSchema = z
  .object({
    intent: z.literal('dispatch').optional(),
    assigneeType: z.enum(assigneeTypes, { errorMap: () => ({ message: 'v.invalid' }) }),
    assigneeUserId: uuid.optional().or(z.literal('').transform(() => undefined)),
    assigneeName: optionalText(120),
    responsibleUserId: uuid,
    quantity: optionalInt(1, 100_000),
    note: optionalText(1000),
  })
  .superRefine((v, ctx) => {
    if (v.assigneeType === 'person' && !v.assigneeUserId) ctx.addIssue({ code: 'custom', path: ['assigneeUserId'], message: 'v.required' });
    if (v.assigneeType !== 'person' && !v.assigneeName) ctx.addIssue({ code: 'custom', path: ['assigneeName'], message: 'v.required' });
  });

const checkbox = z
  .union([z.boolean(), z.string()])
  .optional()
  .transform((v) => v === true || v === 'on' || v === 'true');

export const progressSchema = z.object({
  intent: z.literal('progress').optional(),
  quantity: optionalInt(0, 100_000),
  note: text(2000).min(1, 'v.required'),
  /** The work is done: the need moves to resolved and waits for the requester to confirm. */
  resolved: checkbox,
});

export const closeSchema = z.object({
  intent: z.literal('close').optional(),
  note: optionalText(1000),
});

export const rateSchema = z.object({
  intent: z.literal('rate').optional(),
  stars: z.coerce.number({ invalid_type_error: 'v.number', required_error: 'v.required' }).int('v.invalid').min(1, 'needs.v.stars').max(5, 'needs.v.stars'),
  comment: optionalText(1000),
});

export const needListQuery = z.object({
  category: z.string().trim().max(40).optional().transform((v) => v || undefined),
  community: z.string().uuid().optional().or(z.literal('').transform(() => undefined)),
  grid: z.string().uuid().optional().or(z.literal('').transform(() => undefined)),
  status: z.enum(['raised', 'triaged', 'dispatched', 'in_progress', 'resolved', 'closed', 'rated', 'rejected', 'merged', 'out_of_scope', 'open']).optional().or(z.literal('').transform(() => undefined)),
  urgency: z.enum(urgencies).optional().or(z.literal('').transform(() => undefined)),
  overdue: z.enum(['overdue', 'very_overdue']).optional().or(z.literal('').transform(() => undefined)),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export type NeedListQuery = z.infer<typeof needListQuery>;
