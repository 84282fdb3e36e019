// Input schemas of shifts and hours, shared by pages (form fields) and the API (JSON bodies, snake_case turned camelCase).
// Messages are message keys, translated where shown.
import { z } from 'zod';
import { localInstant, parseHm } from '../resources/rules';
import { checkTypes, skills } from '../resources/values';
import { cancelReasons, goalKinds, shiftRecurrences, shiftTimings } from './values';

const text = (max: number) => z.string({ required_error: 'v.required', invalid_type_error: 'v.invalid' }).trim().min(1, 'v.required').max(max, 'v.tooLong');
const optionalText = (max: number) => z.string({ invalid_type_error: 'v.invalid' }).trim().max(max, 'v.tooLong').optional().default('');
const uuid = z.string({ required_error: 'v.required' }).uuid('v.uuid');
const optionalUuid = z.preprocess((v) => (v === '' || v === null ? undefined : v), uuid.optional());
const enumOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { errorMap: () => ({ message: 'v.invalid' }) });
const listOf = <T extends z.ZodTypeAny>(item: T, max = 30) =>
  z.preprocess((v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(item).max(max, 'resources.v.tooMany'));
const date = z.string({ required_error: 'v.required' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'resources.v.date');
const int = (min: number, max: number) => z.coerce.number({ invalid_type_error: 'v.number' }).int('v.number').min(min, 'resources.v.range').max(max, 'resources.v.range');
const withDefault = <T extends z.ZodTypeAny>(schema: T, value: number) => z.preprocess((v) => (v === '' || v === null || v === undefined ? value : v), schema);
const flag = z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean());
const time = z.string({ required_error: 'v.required' }).refine((v) => parseHm(v) !== null, 'shifts.v.time');

export const shiftInput = z
  .object({
    title: text(120),
    description: optionalText(2000),
    role: text(60),
    spots: int(1, 500),
    waitlistLimit: withDefault(int(0, 500), 20),
    skills: listOf(enumOf(skills as [string, ...string[]])),
    requiredChecks: listOf(enumOf(checkTypes)),
    placeId: uuid,
    location: optionalText(200),
    needId: optionalUuid,
    projectId: optionalUuid,
    organisationId: optionalUuid,
    timing: enumOf(shiftTimings).default('fixed'),
    date,
    startTime: time,
    /** Fixed: the end time that day. Window: the end time of the window's last day. */
    endTime: time,
    /** Window shifts: the last day of the window (defaults to the first). */
    endDate: z.preprocess((v) => (v === '' || v === null ? undefined : v), date.optional()),
    durationMinutes: z.preprocess((v) => (v === '' || v === null ? undefined : v), int(30, 1440).optional()),
    recurrence: enumOf(shiftRecurrences).default('once'),
    weeks: withDefault(int(1, 26), 1),
    teamsAllowed: flag,
    cancelCutoffHours: withDefault(int(0, 168), 12),
    autoCheckoutMinutes: withDefault(int(30, 720), 120),
  })
  .transform((v, ctx) => {
    const startsAt = localInstant(v.date, parseHm(v.startTime)!);
    const endsAt = localInstant(v.timing === 'window' ? (v.endDate ?? v.date) : v.date, parseHm(v.endTime)!);
    if (endsAt.getTime() <= startsAt.getTime()) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['endTime'], message: 'shifts.v.endBeforeStart' });
      return z.NEVER;
    }
    if (v.timing === 'fixed' && endsAt.getTime() - startsAt.getTime() > 24 * 3_600_000) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['endTime'], message: 'shifts.v.tooLong' });
      return z.NEVER;
    }
    if (v.timing === 'window' && v.durationMinutes && v.durationMinutes > (endsAt.getTime() - startsAt.getTime()) / 60_000) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['durationMinutes'], message: 'shifts.v.durationOverWindow' });
      return z.NEVER;
    }
    const weeks = v.recurrence === 'weekly' ? v.weeks : 1;
    return { ...v, weeks, startsAt, endsAt, durationMinutes: v.timing === 'window' ? (v.durationMinutes ?? null) : null };
  });
export type ShiftInput = z.output<typeof shiftInput>;

export const cancelInput = z.object({
  reason: enumOf(cancelReasons),
  note: optionalText(300),
});

export const codeInput = z.object({ code: z.string({ required_error: 'v.required' }).trim().regex(/^\d{6}$/, 'shifts.v.code') });

export const logHoursInput = z
  .object({
    shiftId: optionalUuid,
    placeId: optionalUuid,
    organisationId: optionalUuid,
    servedOn: date,
    hours: z.coerce
      .number({ invalid_type_error: 'v.number' })
      .min(0.5, 'shifts.v.hours')
      .max(24, 'shifts.v.hours')
      .refine((h) => Number.isInteger(h * 2), 'shifts.v.halfHours'),
    description: text(300),
  })
  .refine((v) => v.shiftId || v.placeId, { path: ['placeId'], message: 'v.required' });
export type LogHoursInput = z.output<typeof logHoursInput>;

export const goalInput = z.object({
  kind: enumOf(goalKinds),
  hours: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.coerce.number({ invalid_type_error: 'v.number' }).min(0.5, 'shifts.v.hours').max(1000, 'shifts.v.hours').refine((h) => Number.isInteger(h * 2), 'shifts.v.halfHours').optional()),
});

export const teamSignupInput = z.object({ teamId: uuid, memberIds: listOf(uuid, 100).refine((l) => l.length > 0, 'shifts.v.pickMembers') });

/** The shifts list's filters (the page, and its exports). */
export const shiftListQuery = z.object({
  view: z.enum(['list', 'calendar']).catch('list'),
  community: z.string().uuid().optional().catch(undefined),
  skill: z.enum(skills as [string, ...string[]]).optional().catch(undefined),
  open: z.literal('1').optional().catch(undefined),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1000).catch(1),
});
