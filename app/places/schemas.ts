// Input schemas of the place and household forms.
import { z } from 'zod';
import { communityTypes, placeTypes } from '../../db/schema/values';
import { memberRelations } from '../../db/schema/values';

const name = z.string({ required_error: 'v.required' }).trim().min(1, 'v.required').max(100, 'v.tooLong');

export const placeFieldsSchema = z.object({
  nameZh: name,
  nameEn: name,
  communityType: z.enum(communityTypes).optional(),
});

export const newPlaceSchema = placeFieldsSchema.extend({ type: z.enum(placeTypes, { errorMap: () => ({ message: 'v.invalid' }) }) });

const intField = (min: number, max: number) => z.coerce.number({ invalid_type_error: 'v.number' }).int('v.number').min(min, 'v.invalid').max(max, 'v.invalid');

export const updatePlaceSchema = placeFieldsSchema.extend({
  intent: z.literal('update'),
  voteUnit: z.enum(['household', 'adult']).optional(),
  voteThresholdPercent: intField(1, 100).optional(),
  householdShareYuan: intField(0, 1_000_000).optional(),
  socialWorkerRatio: intField(1, 100_000).optional(),
});

export const householdSchema = z.object({
  unit: z.string({ required_error: 'v.required' }).trim().min(1, 'v.required').max(40, 'v.tooLong'),
  note: z.string().trim().max(500, 'v.tooLong').optional(),
});

const thisYear = new Date().getFullYear();
export const memberSchema = z.object({
  intent: z.literal('addMember'),
  name,
  relation: z.enum(memberRelations),
  birthYear: z.coerce.number({ invalid_type_error: 'v.year' }).int('v.year').min(1900, 'v.year').max(thisYear, 'v.year').optional(),
  isAdult: z
    .string()
    .optional()
    .transform((v) => v === 'on' || v === 'true'),
  phone: z
    .string()
    .trim()
    .max(30, 'v.tooLong')
    .regex(/^[0-9+\- ()]*$/, 'v.invalid')
    .optional(),
});
