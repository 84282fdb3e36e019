// Input schemas of the project list's forms. zod messages are message keys, translated where shown. Rows of
// repeated fields (budget lines, milestones, staff, schedule, criteria) that are left wholly empty are dropped.
import { z } from 'zod';
import { parseAmountToMinor } from '../funds/rules';
import { serviceCategories, skills } from '../resources/values';
import { applicantTypes, projectStates, roundStatuses, scoreMax, scoreMin } from './values';

const text = (max: number) => z.string({ required_error: 'v.required' }).trim().min(1, 'v.required').max(max, 'v.tooLong');
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'v.tooLong')
    .optional()
    .transform((v) => v ?? '');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'projects.v.date').refine((v) => !Number.isNaN(Date.parse(v)), 'projects.v.date');

/** Yuan as typed ("1,234.50") → fen; zero allowed for a milestone without payment. */
const yuan = z.string({ required_error: 'v.required' }).transform((v, ctx) => {
  if (/^\s*0+(\.0+)?\s*$/.test(v)) return 0;
  const minor = parseAmountToMinor(v);
  if (minor === null || minor > 100_000_000_00) {
    ctx.addIssue({ code: 'custom', message: 'funds.v.amount' });
    return z.NEVER;
  }
  return minor;
});

/** Repeated rows: drop wholly empty rows, then every remaining row must be complete. */
function rows<S extends z.ZodRawShape>(shape: S, max: number) {
  return z.preprocess(
    (v) => (Array.isArray(v) ? v.filter((row) => row && typeof row === 'object' && Object.values(row).some((x) => x !== undefined && x !== '')) : []),
    z.array(z.object(shape)).max(max, 'v.tooLong'),
  );
}

const budgetLine = { label: text(80), amount: yuan };
const uuidList = (message: string) => z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().uuid(message)));

export const projectSchema = z.object({
  needIds: uuidList('projects.v.needsRequired').pipe(z.array(z.string()).min(1, 'projects.v.needsRequired').max(20, 'v.tooLong')),
  title: text(120),
  summary: text(1000),
  goals: text(2000),
  deliverables: text(2000),
  beneficiaries: text(500),
  beneficiaryCount: z.coerce.number({ invalid_type_error: 'projects.v.count' }).int('projects.v.count').min(0, 'projects.v.count').max(1_000_000, 'projects.v.count').optional(),
  category: z.enum(serviceCategories, { errorMap: () => ({ message: 'v.required' }) }),
  requiredSkills: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(skills as [string, ...string[]]))),
  budgetLines: rows(budgetLine, 20).refine((l) => l.length > 0, 'projects.v.budgetRequired'),
  milestones: rows({ title: text(120), dueOn: isoDate.optional(), amount: yuan }, 12),
  startsOn: isoDate.optional(),
  endsOn: isoDate.optional(),
});
export type ProjectForm = z.infer<typeof projectSchema>;

export const roundSchema = z
  .object({
    placeId: z.string({ required_error: 'v.required' }).uuid('v.required'),
    title: text(120),
    callText: text(5000),
    budget: yuan.refine((v) => v > 0, 'funds.v.amount'),
    eligibleCategories: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(serviceCategories))),
    applicantTypes: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(applicantTypes)).min(1, 'projects.v.applicantTypesRequired')),
    microGrant: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()),
    opensOn: isoDate,
    closesOn: isoDate,
    noticeDays: z.coerce.number({ invalid_type_error: 'projects.v.noticeDays' }).int('projects.v.noticeDays').min(0, 'projects.v.noticeDays').max(60, 'projects.v.noticeDays').default(5),
    criteria: rows({ nameZh: text(60), nameEn: text(60), weight: z.coerce.number({ invalid_type_error: 'projects.v.weight' }).int('projects.v.weight').min(1, 'projects.v.weight').max(100, 'projects.v.weight') }, 10).refine(
      (c) => c.length > 0,
      'projects.v.criteriaRequired',
    ),
    projectIds: uuidList('v.required'),
  })
  .refine((v) => v.closesOn >= v.opensOn, { path: ['closesOn'], message: 'projects.v.closesAfterOpens' });
export type RoundForm = z.infer<typeof roundSchema>;

export const bidSchema = z
  .object({
    projectId: z.string({ required_error: 'v.required' }).uuid('v.required'),
    applicantType: z.enum(applicantTypes, { errorMap: () => ({ message: 'v.required' }) }),
    resourceId: z.string().uuid('v.required').optional(),
    plan: text(5000),
    budgetLines: rows(budgetLine, 20).refine((l) => l.length > 0, 'projects.v.budgetRequired'),
    staff: rows({ name: text(60), role: text(60) }, 20),
    schedule: rows({ title: text(120), dueOn: isoDate }, 20),
  })
  .refine((v) => v.applicantType === 'individual' || !!v.resourceId, { path: ['resourceId'], message: 'v.required' });
export type BidForm = z.infer<typeof bidSchema>;

export const scoreSchema = z.object({
  intent: z.literal('score'),
  bidId: z.string().uuid(),
  scores: z.array(
    z.object({
      criterionId: z.string().uuid(),
      score: z.coerce.number({ invalid_type_error: 'projects.v.score', required_error: 'v.required' }).int('projects.v.score').min(scoreMin, 'projects.v.score').max(scoreMax, 'projects.v.score'),
      comment: text(1000),
    }),
  ),
});

export const declareSchema = z.object({
  intent: z.literal('declare'),
  conflictKeys: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().regex(/^(resource|user):[0-9a-f-]{36}$/))),
  note: z.string().trim().max(500, 'v.tooLong').optional(),
});

export const proposeAwardSchema = z.object({ intent: z.literal('propose'), bidId: z.string().uuid(), amount: yuan, reason: z.string().trim().max(500, 'v.tooLong').optional() });
export const grantAwardSchema = z.object({ intent: z.literal('grant'), awardId: z.string().uuid(), reason: z.string().trim().max(500, 'v.tooLong').optional() });
export const objectionSchema = z.object({ intent: z.literal('object'), awardId: z.string().uuid(), body: text(2000) });
export const answerSchema = z.object({ intent: z.literal('answer'), objectionId: z.string().uuid(), answer: text(2000) });
export const assignSchema = z.object({ intent: z.literal('assign'), email: z.string({ required_error: 'v.required' }).trim().email('v.email').max(200) });
export const roundMoveSchema = z.object({ intent: z.enum(['open', 'close', 'cancel']) });

export const projectListQuery = z.object({
  state: z.enum(projectStates).optional().catch(undefined),
  category: z.enum(serviceCategories).optional().catch(undefined),
  place: z.string().uuid().optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

export const roundListQuery = z.object({
  status: z.enum(roundStatuses).optional().catch(undefined),
  place: z.string().uuid().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

/** A date typed as YYYY-MM-DD means midnight starting that day in China (opening) or ending it (closing). */
export const chinaDayStart = (date: string) => new Date(`${date}T00:00:00+08:00`);
export const chinaDayEnd = (date: string) => new Date(new Date(`${date}T00:00:00+08:00`).getTime() + 86_400_000);
