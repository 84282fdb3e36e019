// Input schemas of funds' forms and API. zod messages are message keys, translated where shown.
import { z } from 'zod';
import { parseAmountToMinor } from './rules';
import { donorVisibilities, fundKinds, groupKinds, offlineMethods, payeeKinds } from './values';
import { giftSources } from '../matching-funds/rules';

const text = (max: number) => z.string({ required_error: 'v.required' }).trim().min(1, 'v.required').max(max, 'v.tooLong');
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'v.tooLong')
    .optional()
    .transform((v) => v || undefined);

/** Yuan as typed by a person ("1,234.50") → fen. */
export const yuan = z
  .string({ required_error: 'v.required' })
  .transform((v, ctx) => {
    const minor = parseAmountToMinor(v);
    if (minor === null) {
      ctx.addIssue({ code: 'custom', message: 'funds.v.amount' });
      return z.NEVER;
    }
    return minor;
  })
  .refine((v) => v <= 100_000_000_00, 'funds.v.amountTooLarge');

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'funds.v.date')
  .refine((v) => !Number.isNaN(Date.parse(v)), 'funds.v.date');

export const fundSchema = z.object({
  kind: z.enum(fundKinds, { errorMap: () => ({ message: 'v.required' }) }),
  placeId: z.string({ required_error: 'v.required' }).uuid('v.required'),
  nameZh: text(80),
  nameEn: text(80),
  holderZh: text(80),
  holderEn: text(80),
  descriptionZh: optionalText(2000),
  descriptionEn: optionalText(2000),
  projectName: optionalText(120),
});

export const offlineDonationSchema = z
  .object({
    method: z.enum(offlineMethods, { errorMap: () => ({ message: 'v.required' }) }),
    amount: yuan,
    donorName: text(80),
    donorEmail: z.string().trim().email('v.email').max(200).optional().or(z.literal('').transform(() => undefined)),
    visibility: z.enum(donorVisibilities, { errorMap: () => ({ message: 'v.required' }) }),
    /** Who gave: residents and businesses raise a project's seed for matching (配捐). */
    source: z.enum(giftSources).default('other'),
    receiptNumber: z.string({ required_error: 'v.required' }).trim().min(1, 'v.required').max(40, 'v.tooLong').regex(/^[A-Za-z0-9\-_/]+$/, 'funds.v.receipt'),
    receivedOn: isoDate.optional().or(z.literal('').transform(() => undefined)),
    inKindDescription: optionalText(500),
    note: optionalText(500),
  })
  .refine((v) => v.method !== 'in_kind' || Boolean(v.inKindDescription), { path: ['inKindDescription'], message: 'funds.v.inKindDescription' });

export const cardDonationSchema = z.object({
  amount: yuan.refine((v) => v >= 100, 'funds.v.cardMinimum'),
  donorName: text(80),
  donorEmail: z.string({ required_error: 'v.required' }).trim().email('v.email').max(200),
  visibility: z.enum(donorVisibilities, { errorMap: () => ({ message: 'v.required' }) }),
  source: z.enum(giftSources).default('other'),
});

export const disbursementSchema = z.object({
  payeeKind: z.enum(payeeKinds, { errorMap: () => ({ message: 'v.required' }) }),
  payeeName: text(120),
  projectName: optionalText(120),
  purpose: text(500),
  amount: yuan,
});

export const ledgerQuerySchema = z.object({
  fund: z.string().uuid().optional().catch(undefined),
  kind: z.enum(groupKinds).optional().catch(undefined),
  from: isoDate.optional().catch(undefined),
  to: isoDate.optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

/** POST /api/v1/donations: amounts in integer minor units, snake_case. */
export const apiDonationSchema = z
  .object({
    fund_id: z.string({ required_error: 'is required' }).uuid('must be a fund id (UUID)'),
    method: z.enum(offlineMethods, { errorMap: () => ({ message: `must be one of ${offlineMethods.join(', ')}` }) }),
    amount_minor: z.number({ required_error: 'is required', invalid_type_error: 'must be an integer number of minor units (fen)' }).int('must be an integer number of minor units (fen)').min(1, 'must be at least 1').max(100_000_000_00, 'is too large'),
    donor_name: z.string({ required_error: 'is required' }).trim().min(1, 'is required').max(80, 'is too long'),
    donor_email: z.string().trim().email('must be an email address').max(200).optional(),
    visibility: z.enum(donorVisibilities, { errorMap: () => ({ message: `must be one of ${donorVisibilities.join(', ')}` }) }).default('public'),
    source: z.enum(giftSources, { errorMap: () => ({ message: `must be one of ${giftSources.join(', ')}` }) }).default('other'),
    receipt_number: z.string({ required_error: 'is required' }).trim().min(1, 'is required').max(40, 'is too long').regex(/^[A-Za-z0-9\-_/]+$/, 'may hold letters, digits, - _ /'),
    received_on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD').optional(),
    in_kind_description: z.string().trim().max(500, 'is too long').optional(),
    note: z.string().trim().max(500, 'is too long').optional(),
  })
  .strict()
  .refine((v) => v.method !== 'in_kind' || Boolean(v.in_kind_description), { path: ['in_kind_description'], message: 'is required for in-kind gifts' });

/** A date typed as YYYY-MM-DD means noon that day in China, so it never slips a day. */
export const chinaNoon = (date: string) => new Date(`${date}T12:00:00+08:00`);
