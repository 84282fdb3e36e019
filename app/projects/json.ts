// The project list's JSON for the API: snake_case, money in integer minor units, public fields only (bids only to
// those entitled, through the services).
import { z } from 'zod';
import { serviceCategories, skills } from '../resources/values';
import type { ProjectDetail, ProjectSummary } from './projects.server';
import type { RoundDetail, RoundSummary } from './rounds.server';
import { applicantTypes, projectStates, roundStatuses, scoreMax } from './values';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function projectSummaryJson(p: ProjectSummary) {
  return {
    id: p.id,
    title: p.title,
    summary: p.summary,
    category: p.category,
    state: p.state,
    budget_minor: p.budgetMinor,
    currency: p.currency,
    place: { id: p.placeId, name_zh: p.placeZh, name_en: p.placeEn },
    deliverer_name: p.delivererName,
    created_at: iso(p.createdAt),
    updated_at: iso(p.updatedAt),
  };
}

export function projectJson(p: ProjectDetail) {
  return {
    ...projectSummaryJson(p),
    goals: p.goals,
    deliverables: p.deliverables,
    beneficiaries: p.beneficiaries,
    beneficiary_count: p.beneficiaryCount,
    required_skills: p.requiredSkills,
    starts_on: p.startsOn,
    ends_on: p.endsOn,
    needs: p.needs.map((n) => ({ id: n.id, summary: n.summary, category: n.category, status: n.status })),
    budget_lines: p.budgetLines.map((l) => ({ label: l.label, amount_minor: l.amountMinor })),
    milestones: p.milestones.map((m) => ({ id: m.id, title: m.title, due_on: m.dueOn, amount_minor: m.amountMinor })),
    history: p.history.map((h) => ({ kind: h.kind, from_state: h.fromState, to_state: h.toState, at: iso(h.createdAt) })),
  };
}

export function roundSummaryJson(r: RoundSummary) {
  return {
    id: r.id,
    title: r.title,
    call_text: r.callText,
    status: r.status,
    budget_minor: r.budgetMinor,
    currency: r.currency,
    eligible_categories: r.eligibleCategories,
    applicant_types: r.applicantTypes,
    micro_grant: r.microGrant,
    opens_at: iso(r.opensAt),
    closes_at: iso(r.closesAt),
    notice_days: r.noticeDays,
    place: { id: r.placeId, name_zh: r.placeZh, name_en: r.placeEn },
    project_count: r.projectCount,
    bid_count: r.bidCount,
  };
}

export function roundJson(r: RoundDetail) {
  return {
    ...roundSummaryJson(r),
    criteria: r.criteria.map((c) => ({ id: c.id, name_zh: c.nameZh, name_en: c.nameEn, weight: c.weight })),
    projects: r.projects.map((p) => ({ id: p.id, title: p.title, category: p.category, state: p.state, budget_minor: p.budgetMinor })),
  };
}

export interface BidJsonInput {
  id: string;
  projectId: string;
  applicantType: string;
  applicantName: string;
  plan: string;
  budgetLines: { label: string; amountMinor: number }[];
  requestedMinor: number;
  currency: string;
  staff: { name: string; role: string }[];
  schedule: { title: string; dueOn: string }[];
  status: string;
  createdAt: Date;
  updatedAt: Date;
}

export function bidJson(b: BidJsonInput, extra: { score?: number | null } = {}) {
  return {
    id: b.id,
    project_id: b.projectId,
    applicant_type: b.applicantType,
    applicant_name: b.applicantName,
    plan: b.plan,
    budget_lines: b.budgetLines.map((l) => ({ label: l.label, amount_minor: l.amountMinor })),
    requested_minor: b.requestedMinor,
    currency: b.currency,
    staff: b.staff,
    schedule: b.schedule.map((s) => ({ title: s.title, due_on: s.dueOn })),
    status: b.status,
    created_at: iso(b.createdAt),
    updated_at: iso(b.updatedAt),
    ...('score' in extra ? { score: extra.score ?? null } : {}),
  };
}

// ——— request bodies ———
const str = (max: number) => z.string({ required_error: 'is required', invalid_type_error: 'must be a string' }).trim().min(1, 'is required').max(max, 'is too long');
const minor = z.number({ required_error: 'is required', invalid_type_error: 'must be an integer number of minor units (fen)' }).int('must be an integer number of minor units (fen)').min(0, 'must not be negative').max(100_000_000_00, 'is too large');
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const line = z.object({ label: str(80), amount_minor: minor }).strict();

export const apiProjectSchema = z
  .object({
    need_ids: z.array(z.string().uuid('must be need ids (UUIDs)'), { required_error: 'is required' }).min(1, 'needs at least one need').max(20, 'at most 20 needs'),
    title: str(120),
    summary: str(1000),
    goals: str(2000),
    deliverables: str(2000),
    beneficiaries: str(500),
    beneficiary_count: z.number().int().min(0).max(1_000_000).optional(),
    category: z.enum(serviceCategories, { errorMap: () => ({ message: `must be one of ${serviceCategories.join(', ')}` }) }),
    required_skills: z.array(z.enum(skills as [string, ...string[]], { errorMap: () => ({ message: 'must be skills of the taxonomy' }) })).default([]),
    budget_lines: z.array(line, { required_error: 'is required' }).min(1, 'needs at least one line').max(20),
    milestones: z.array(z.object({ title: str(120), due_on: date.optional(), amount_minor: minor }).strict()).max(12).default([]),
    starts_on: date.optional(),
    ends_on: date.optional(),
  })
  .strict();

export const apiRoundSchema = z
  .object({
    place_id: z.string({ required_error: 'is required' }).uuid('must be a place id (UUID)'),
    title: str(120),
    call_text: str(5000),
    budget_minor: minor.refine((v) => v > 0, 'must be more than 0'),
    eligible_categories: z.array(z.enum(serviceCategories)).default([]),
    applicant_types: z.array(z.enum(applicantTypes, { errorMap: () => ({ message: `must be among ${applicantTypes.join(', ')}` }) })).min(1, 'needs at least one').default(['registered_org']),
    micro_grant: z.boolean().default(false),
    opens_at: z.string({ required_error: 'is required' }).datetime({ offset: true, message: 'must be a date-time' }),
    closes_at: z.string({ required_error: 'is required' }).datetime({ offset: true, message: 'must be a date-time' }),
    notice_days: z.number().int().min(0, 'must be 0 to 60').max(60, 'must be 0 to 60').default(5),
    criteria: z.array(z.object({ name_zh: str(60), name_en: str(60), weight: z.number().int().min(1, 'must be 1 to 100').max(100, 'must be 1 to 100') }).strict()).min(1, 'needs at least one criterion').max(10),
    project_ids: z.array(z.string().uuid('must be project ids (UUIDs)')).default([]),
  })
  .strict()
  .refine((v) => Date.parse(v.closes_at) > Date.parse(v.opens_at), { path: ['closes_at'], message: 'must be after opens_at' });

export const apiBidSchema = z
  .object({
    project_id: z.string({ required_error: 'is required' }).uuid('must be a project id (UUID)'),
    applicant_type: z.enum(applicantTypes, { errorMap: () => ({ message: `must be one of ${applicantTypes.join(', ')}` }) }),
    resource_id: z.string().uuid('must be an organisation or team id (UUID)').optional(),
    plan: str(5000),
    budget_lines: z.array(line, { required_error: 'is required' }).min(1, 'needs at least one line').max(20),
    staff: z.array(z.object({ name: str(60), role: str(60) }).strict()).max(20).default([]),
    schedule: z.array(z.object({ title: str(120), due_on: date }).strict()).max(20).default([]),
  })
  .strict()
  .refine((v) => v.applicant_type === 'individual' || !!v.resource_id, { path: ['resource_id'], message: 'is required unless applicant_type is individual' });

export const apiProjectQuery = z.object({
  state: z.enum(projectStates, { errorMap: () => ({ message: `must be one of ${projectStates.join(', ')}` }) }).optional(),
  category: z.enum(serviceCategories, { errorMap: () => ({ message: `must be one of ${serviceCategories.join(', ')}` }) }).optional(),
  place: z.string().uuid('must be a place id (UUID)').optional(),
  q: z.string().trim().max(100, 'must be at most 100 characters').optional(),
  page: z.coerce.number().int().min(1, 'must be 1 or more').default(1),
  per_page: z.coerce.number().int().min(1).max(200, 'must be at most 200').default(50),
});

export const apiRoundQuery = z.object({
  status: z.enum(roundStatuses, { errorMap: () => ({ message: `must be one of ${roundStatuses.join(', ')}` }) }).optional(),
  place: z.string().uuid('must be a place id (UUID)').optional(),
  page: z.coerce.number().int().min(1, 'must be 1 or more').default(1),
  per_page: z.coerce.number().int().min(1).max(200, 'must be at most 200').default(50),
});

export const maxScore = scoreMax;
