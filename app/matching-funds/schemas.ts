// Input schemas of matching programmes, pledges and household shares: one per form, and the API's (snake_case, minor units).
import { z } from 'zod';
import { parseAmountToMinor } from '../funds/rules';
import { chinaNoon, yuan } from '../funds/schemas';
import { donorVisibilities } from '../funds/values';
import { exhaustionPolicies, giftSources, validateRules, type MatchTier, type ProgrammeRules } from './rules';

const text = (max: number) => z.string({ required_error: 'v.required' }).trim().min(1, 'v.required').max(max, 'v.tooLong');
const isoDate = z.string({ required_error: 'v.required' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'funds.v.date').refine((v) => !Number.isNaN(Date.parse(v)), 'funds.v.date');
const optionalYuan = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (!v || !v.trim()) return null;
    const minor = v.trim() === '0' ? 0 : parseAmountToMinor(v);
    if (minor === null) {
      ctx.addIssue({ code: 'custom', message: 'funds.v.amount' });
      return z.NEVER;
    }
    return minor;
  });

/** "2:1" → 2 added for every 1 given. */
export function parseRatio(v: string): { num: number; den: number } | null {
  const m = /^\s*(\d{1,3})\s*[:：]\s*(\d{1,3})\s*$/.exec(v);
  if (!m) return null;
  const num = Number(m[1]);
  const den = Number(m[2]);
  return den > 0 && num <= 100 * den ? { num, den } : null;
}
const ratio = z.string({ required_error: 'v.required' }).transform((v, ctx) => {
  const r = parseRatio(v);
  if (!r) {
    ctx.addIssue({ code: 'custom', message: 'mf.v.ratio' });
    return z.NEVER;
  }
  return r;
});
const optionalRatio = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (!v || !v.trim()) return null;
    const r = parseRatio(v);
    if (!r) {
      ctx.addIssue({ code: 'custom', message: 'mf.v.ratio' });
      return z.NEVER;
    }
    return r;
  });

const many = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export const programmeFormSchema = z
  .object({
    placeId: z.string({ required_error: 'v.required' }).uuid('v.required'),
    nameZh: text(80),
    nameEn: text(80),
    funderZh: text(80),
    funderEn: text(80),
    pool: yuan,
    ratio,
    tier2From: optionalYuan,
    tier2Ratio: optionalRatio,
    tier3From: optionalYuan,
    tier3Ratio: optionalRatio,
    seed: optionalYuan,
    minGift: optionalYuan,
    perDonorCap: optionalYuan,
    perProjectCap: optionalYuan,
    programmeCap: optionalYuan,
    sources: z.preprocess(many, z.array(z.enum(giftSources)).min(1, 'mf.v.sources')),
    exhaustion: z.enum(exhaustionPolicies, { errorMap: () => ({ message: 'v.required' }) }),
    startsOn: isoDate,
    endsOn: isoDate,
    categories: z
      .string()
      .optional()
      .transform((v) => [...new Set((v ?? '').split(/[,，、\s]+/).map((s) => s.trim()).filter(Boolean))].slice(0, 20)),
    projectIds: z.preprocess(many, z.array(z.string().uuid()).max(200)),
  })
  .superRefine((v, ctx) => {
    if ((v.tier2From === null) !== (v.tier2Ratio === null)) ctx.addIssue({ code: 'custom', path: ['tier2Ratio'], message: 'mf.v.tierPair' });
    if ((v.tier3From === null) !== (v.tier3Ratio === null)) ctx.addIssue({ code: 'custom', path: ['tier3Ratio'], message: 'mf.v.tierPair' });
    // A field that did not parse has its own error already; the rules are checked once every field parsed.
    if (typeof v.ratio !== 'object' || v.ratio === null || !('num' in v.ratio)) return;
    const problems = validateRules(formRules(v));
    const at: Record<string, string> = { 'mf.v.tiers_order': 'tier2From', 'mf.v.dates': 'endsOn', 'mf.v.cap': 'perProjectCap', 'mf.v.sources': 'sources', 'mf.v.tier': 'ratio', 'mf.v.tiers_from_zero': 'ratio', 'mf.v.amount': 'seed' };
    for (const p of problems) ctx.addIssue({ code: 'custom', path: [at[p] ?? 'ratio'], message: p });
  });

type FormValue = { ratio: { num: number; den: number }; tier2From: number | null; tier2Ratio: { num: number; den: number } | null; tier3From: number | null; tier3Ratio: { num: number; den: number } | null; seed: number | null; minGift: number | null; perDonorCap: number | null; perProjectCap: number | null; programmeCap: number | null; sources: ProgrammeRules['matchedSources']; exhaustion: ProgrammeRules['exhaustion']; startsOn: string; endsOn: string; categories: string[]; projectIds: string[] };

/** The rules a filled-in form describes (dates are whole days in China: from the start day's 00:00 to the end day's 24:00). */
export function formRules(v: FormValue): ProgrammeRules {
  const tiers: MatchTier[] = [{ fromMinor: 0, ...v.ratio }];
  if (v.tier2From !== null && v.tier2Ratio) tiers.push({ fromMinor: v.tier2From, ...v.tier2Ratio });
  if (v.tier3From !== null && v.tier3Ratio) tiers.push({ fromMinor: v.tier3From, ...v.tier3Ratio });
  return {
    tiers,
    seedMinor: v.seed ?? 0,
    minGiftMinor: v.minGift ?? 0,
    perDonorCapMinor: v.perDonorCap,
    perProjectCapMinor: v.perProjectCap,
    programmeCapMinor: v.programmeCap,
    matchedSources: v.sources,
    exhaustion: v.exhaustion,
    startsAt: chinaDayStart(v.startsOn),
    endsAt: new Date(chinaDayStart(v.endsOn).getTime() + 86_400_000),
    projectIds: v.projectIds,
    categories: v.categories,
  };
}

export const chinaDayStart = (date: string) => new Date(`${date}T00:00:00+08:00`);

export const pledgeFormSchema = z.object({
  intent: z.literal('pledge'),
  amount: yuan,
  pledgerName: text(80),
  pledgerEmail: z.string().trim().email('v.email').max(200).optional().or(z.literal('').transform(() => undefined)),
  visibility: z.enum(donorVisibilities, { errorMap: () => ({ message: 'v.required' }) }),
  source: z.enum(giftSources, { errorMap: () => ({ message: 'v.required' }) }),
  dueOn: isoDate,
});

export const sharePlanFormSchema = z.object({
  intent: z.literal('set_up'),
  placeId: z.string({ required_error: 'v.required' }).uuid('v.required'),
  share: optionalYuan,
  dueOn: isoDate,
});

export const simulationFormSchema = z.object({
  mode: z.enum(['assumed', 'recorded']).default('assumed'),
  pool: optionalYuan,
  giftsPerProject: z.coerce.number({ invalid_type_error: 'v.required' }).int('v.required').min(1, 'mf.v.gifts').max(2000, 'mf.v.gifts').default(40),
  averageGift: optionalYuan,
  businessPercent: z.coerce.number().int().min(0).max(100).default(20),
  days: z.coerce.number().int().min(1).max(365).default(30),
  fromOn: isoDate.optional().or(z.literal('').transform(() => undefined)),
  toOn: isoDate.optional().or(z.literal('').transform(() => undefined)),
});

const apiMoney = (name = 'amount') => z.number({ required_error: 'is required', invalid_type_error: `${name} must be an integer number of minor units (fen)` }).int('must be an integer number of minor units (fen)').min(0, 'must not be negative').max(100_000_000_00, 'is too large');
const apiCap = apiMoney().min(1, 'must be at least 1').nullable().default(null);
const apiDate = z.string({ required_error: 'is required' }).datetime({ offset: true, message: 'must be an ISO 8601 date-time' });

/** POST /api/v1/matching-programmes. */
export const apiProgrammeSchema = z
  .object({
    place_id: z.string({ required_error: 'is required' }).uuid('must be a place id (UUID)'),
    name_zh: z.string({ required_error: 'is required' }).trim().min(1, 'is required').max(80, 'is too long'),
    name_en: z.string({ required_error: 'is required' }).trim().min(1, 'is required').max(80, 'is too long'),
    funder_zh: z.string({ required_error: 'is required' }).trim().min(1, 'is required').max(80, 'is too long'),
    funder_en: z.string({ required_error: 'is required' }).trim().min(1, 'is required').max(80, 'is too long'),
    pool_minor: apiMoney(),
    tiers: z.array(z.object({ from_minor: apiMoney(), num: z.number().int().min(0).max(1000), den: z.number().int().min(1).max(1000) }).strict()).min(1, 'needs at least one tier').max(5, 'at most 5 tiers'),
    seed_minor: apiMoney().default(0),
    min_gift_minor: apiMoney().default(0),
    per_donor_cap_minor: apiCap,
    per_project_cap_minor: apiCap,
    programme_cap_minor: apiCap,
    matched_sources: z.array(z.enum(giftSources)).min(1, 'needs at least one source').default(['resident', 'business']),
    exhaustion: z.enum(exhaustionPolicies).default('stop'),
    starts_at: apiDate,
    ends_at: apiDate,
    categories: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
    project_ids: z.array(z.string().uuid('must be project ids (UUID)')).max(200).default([]),
  })
  .strict()
  .superRefine((v, ctx) => {
    const problems = validateRules(apiRules(v));
    const messages: Record<string, [string, string]> = {
      'mf.v.tiers_from_zero': ['tiers', 'the first tier must start at 0'],
      'mf.v.tier': ['tiers', 'each ratio must be whole numbers, at most 100 to 1'],
      'mf.v.tiers_order': ['tiers', 'tiers must start at increasing amounts'],
      'mf.v.dates': ['ends_at', 'must be after starts_at'],
      'mf.v.cap': ['per_project_cap_minor', 'caps must be positive'],
      'mf.v.sources': ['matched_sources', 'needs at least one source'],
      'mf.v.amount': ['seed_minor', 'must be whole minor units'],
    };
    for (const p of problems) ctx.addIssue({ code: 'custom', path: [messages[p]?.[0] ?? 'tiers'], message: messages[p]?.[1] ?? p });
  });

export function apiRules(v: Omit<z.input<typeof apiProgrammeSchema>, 'place_id'> & { tiers: { from_minor: number; num: number; den: number }[] }): ProgrammeRules {
  return {
    tiers: v.tiers.map((t) => ({ fromMinor: t.from_minor, num: t.num, den: t.den })),
    seedMinor: v.seed_minor ?? 0,
    minGiftMinor: v.min_gift_minor ?? 0,
    perDonorCapMinor: v.per_donor_cap_minor ?? null,
    perProjectCapMinor: v.per_project_cap_minor ?? null,
    programmeCapMinor: v.programme_cap_minor ?? null,
    matchedSources: v.matched_sources ?? ['resident', 'business'],
    exhaustion: v.exhaustion ?? 'stop',
    startsAt: new Date(v.starts_at),
    endsAt: new Date(v.ends_at),
    projectIds: v.project_ids ?? [],
    categories: v.categories ?? [],
  };
}

/** POST /api/v1/pledges. */
export const apiPledgeSchema = z
  .object({
    fund_id: z.string({ required_error: 'is required' }).uuid('must be a fund id (UUID)'),
    project_id: z.string().uuid('must be a project id (UUID)').optional(),
    amount_minor: apiMoney().min(1, 'must be at least 1'),
    pledger_name: z.string({ required_error: 'is required' }).trim().min(1, 'is required').max(80, 'is too long'),
    pledger_email: z.string().trim().email('must be an email address').max(200).optional(),
    visibility: z.enum(donorVisibilities).default('public'),
    source: z.enum(giftSources).default('resident'),
    due_at: apiDate,
  })
  .strict();

/** POST /api/v1/projects/{id}/household-shares. */
export const apiSharePlanSchema = z
  .object({
    place_id: z.string({ required_error: 'is required' }).uuid('must be a place id (UUID)'),
    share_minor: apiMoney().min(1, 'must be at least 1').optional(),
    due_at: apiDate,
  })
  .strict();

/** POST /api/v1/matching-programmes/{id}/top-ups. */
export const apiTopUpSchema = z
  .object({
    amount_minor: apiMoney().min(1, 'must be at least 1'),
    reference: z.string({ required_error: 'is required' }).trim().min(1, 'is required').max(60, 'is too long'),
    raise_cap: z.boolean().default(false),
  })
  .strict();

/** The top-up form on the programme page. */
export const topUpFormSchema = z.object({
  intent: z.literal('top_up'),
  amount: yuan,
  reference: text(60),
  raiseCap: z.preprocess((v) => v === 'on' || v === 'true', z.boolean()),
});

/** PATCH /api/v1/matching-programmes/{id}: any of the fields of a programme except its place and pool. */
export const apiProgrammePatchSchema = z
  .object({
    name_zh: z.string().trim().min(1, 'is required').max(80, 'is too long'),
    name_en: z.string().trim().min(1, 'is required').max(80, 'is too long'),
    funder_zh: z.string().trim().min(1, 'is required').max(80, 'is too long'),
    funder_en: z.string().trim().min(1, 'is required').max(80, 'is too long'),
    tiers: z.array(z.object({ from_minor: apiMoney(), num: z.number().int().min(0).max(1000), den: z.number().int().min(1).max(1000) }).strict()).min(1, 'needs at least one tier').max(5, 'at most 5 tiers'),
    seed_minor: apiMoney(),
    min_gift_minor: apiMoney(),
    per_donor_cap_minor: apiMoney().min(1, 'must be at least 1').nullable(),
    per_project_cap_minor: apiMoney().min(1, 'must be at least 1').nullable(),
    programme_cap_minor: apiMoney().min(1, 'must be at least 1').nullable(),
    matched_sources: z.array(z.enum(giftSources)).min(1, 'needs at least one source'),
    exhaustion: z.enum(exhaustionPolicies),
    starts_at: apiDate,
    ends_at: apiDate,
    categories: z.array(z.string().trim().min(1).max(40)).max(20),
    project_ids: z.array(z.string().uuid('must be project ids (UUID)')).max(200),
  })
  .partial()
  .strict();

/** Fields of a launched programme that may change: a later end and more named projects. */
export const launchedEditableFields = ['ends_at', 'project_ids'] as const;
