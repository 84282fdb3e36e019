// Input schemas of the resource list, shared by pages (form fields) and the API (JSON bodies).
// Messages are message keys (v.*), translated where shown; the API passes them through as they are.
import { z } from 'zod';
import { parseHm } from './rules';
import {
  checkTypes,
  goodsModes,
  languages,
  providerTypes,
  registrationStatuses,
  resourceKinds,
  serviceCategories,
  skills,
  travelRadii,
  type WeeklyWindow,
} from './values';

const text = (max: number) => z.string({ required_error: 'v.required', invalid_type_error: 'v.invalid' }).trim().min(1, 'v.required').max(max, 'v.tooLong');
const optionalText = (max: number) =>
  z
    .string({ invalid_type_error: 'v.invalid' })
    .trim()
    .max(max, 'v.tooLong')
    .optional()
    .transform((v) => (v ? v : null));
const phone = z
  .string()
  .trim()
  .max(30, 'v.tooLong')
  .regex(/^[0-9+\- ()]*$/, 'v.invalid')
  .optional()
  .transform((v) => (v ? v : null));
const uuid = z.string({ required_error: 'v.required' }).uuid('v.uuid');
const enumOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { errorMap: () => ({ message: 'v.invalid' }) });
/** A list from repeated form fields or a JSON array; a single value becomes a one-item list. */
const listOf = <T extends z.ZodTypeAny>(item: T, max = 30) =>
  z.preprocess((v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(item).max(max, 'resources.v.tooMany'));
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'resources.v.date');
const int = (min: number, max: number) => z.coerce.number({ invalid_type_error: 'v.number' }).int('v.number').min(min, 'resources.v.range').max(max, 'resources.v.range');
const optionalInt = (min: number, max: number) => z.preprocess((v) => (v === '' || v === null ? undefined : v), int(min, max).optional());

export const windowSchema = z
  .object({ day: z.coerce.number().int().min(0, 'v.invalid').max(6, 'v.invalid'), start: z.string(), end: z.string() })
  .transform((w, ctx): WeeklyWindow => {
    const start = parseHm(w.start);
    const end = parseHm(w.end);
    if (start === null || end === null || end <= start) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'resources.v.timeRange' });
      return z.NEVER;
    }
    return { day: w.day, start, end };
  });

export const exceptionSchema = z
  .object({ from: date, to: date, note: z.string().trim().max(100, 'v.tooLong').optional() })
  .refine((e) => e.from <= e.to, { message: 'resources.v.dateRange', path: ['to'] });

export const volunteerInput = z.object({
  displayName: text(40),
  description: z.string().trim().max(1000, 'v.tooLong').default(''),
  placeId: uuid,
  skills: listOf(enumOf(skills as [string, ...string[]])),
  tags: listOf(z.string().trim().min(1).max(20, 'v.tooLong'), 10),
  languages: listOf(enumOf(languages)),
  availability: listOf(windowSchema, 50),
  exceptions: listOf(exceptionSchema, 20),
  travelRadius: enumOf(travelRadii),
  maxHoursPerWeek: int(0, 168),
  consentToContact: z.boolean(),
  contactPhone: phone,
});
export type VolunteerInput = z.infer<typeof volunteerInput>;

export const teamInput = z.object({
  name: text(60),
  description: z.string().trim().max(1000, 'v.tooLong').default(''),
  placeId: uuid,
  skills: listOf(enumOf(skills as [string, ...string[]])),
  categories: listOf(enumOf(serviceCategories)),
  serviceAreaIds: listOf(uuid, 20),
});
export type TeamInput = z.infer<typeof teamInput>;

export const organisationInput = z
  .object({
    name: text(80),
    description: z.string().trim().max(2000, 'v.tooLong').default(''),
    placeId: uuid,
    registrationStatus: enumOf(registrationStatuses),
    registrationNumber: optionalText(40),
    categories: listOf(enumOf(serviceCategories)).refine((l) => l.length > 0, 'resources.v.chooseOne'),
    serviceAreaIds: listOf(uuid, 20),
    contactName: optionalText(40),
    contactPhone: phone,
    contactEmail: z
      .string()
      .trim()
      .max(254)
      .email('v.email')
      .optional()
      .or(z.literal('').transform(() => undefined))
      .transform((v) => v ?? null),
  })
  .refine((o) => o.registrationStatus === 'informal' || Boolean(o.registrationNumber), { message: 'resources.v.registrationNumber', path: ['registrationNumber'] });
export type OrganisationInput = z.infer<typeof organisationInput>;

/** Offers, venues and goods. The kind decides which fields are required. */
export const offerInput = z
  .object({
    kind: z.enum(['offer', 'venue', 'goods'], { errorMap: () => ({ message: 'v.invalid' }) }),
    offerType: z.enum(['service', 'in_kind'], { errorMap: () => ({ message: 'v.invalid' }) }).optional(),
    name: text(80),
    description: z.string().trim().max(2000, 'v.tooLong').default(''),
    placeId: uuid,
    categories: listOf(enumOf(serviceCategories)),
    providerType: enumOf(providerTypes),
    providerName: text(80),
    capacity: optionalInt(1, 100_000),
    quantity: optionalInt(1, 1_000_000),
    goodsMode: enumOf(goodsModes).optional(),
    /** Stated value of an in-kind gift, in yuan (pages) — the API sends value_minor. */
    valueMinor: optionalInt(0, 1_000_000_000),
    availability: listOf(windowSchema, 50),
    exceptions: listOf(exceptionSchema, 50),
    slotMinutes: optionalInt(15, 1440),
    availableUntil: date.optional(),
  })
  .superRefine((o, ctx) => {
    const need = (field: keyof typeof o, ok: boolean, message = 'v.required') => {
      if (!ok) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [field], message });
    };
    if (o.kind === 'offer') need('offerType', Boolean(o.offerType));
    if (o.kind === 'offer' && o.offerType === 'in_kind') need('valueMinor', o.valueMinor !== undefined);
    if (o.kind === 'venue') {
      need('capacity', o.capacity !== undefined);
      need('slotMinutes', o.slotMinutes !== undefined);
      need('availability', o.availability.length > 0, 'resources.v.openingHours');
    }
    if (o.kind === 'goods') {
      need('quantity', o.quantity !== undefined);
      need('goodsMode', Boolean(o.goodsMode));
    }
  });
export type OfferInput = z.infer<typeof offerInput>;

export const checkInput = z.object({
  type: enumOf(checkTypes),
  issuer: text(80),
  reference: optionalText(60),
  expiresAt: date.optional(),
});
export type CheckInput = z.infer<typeof checkInput>;

export const bookingInput = z.object({
  slotStart: z.string({ required_error: 'v.required' }).datetime({ offset: true, message: 'v.invalid' }),
  purpose: text(200),
  attendees: int(1, 100_000),
});

export const loanInput = z.object({
  kind: enumOf(['lend', 'give'] as const),
  quantity: int(1, 1_000_000),
  borrowerName: text(40),
  dueAt: date.optional(),
  note: optionalText(200),
});

/** The public resource list's filters (the page, and its exports). Unknown values are dropped rather than refused: a stale bookmark still shows the list. */
export const resourceListQuery = z.object({
  kind: z.enum(resourceKinds).optional().catch(undefined),
  category: z.enum(serviceCategories).optional().catch(undefined),
  skill: z.enum(skills as [string, ...string[]]).optional().catch(undefined),
  community: z.string().uuid().optional().catch(undefined),
  grid: z.string().uuid().optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
