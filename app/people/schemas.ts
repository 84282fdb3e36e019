import { z } from 'zod';
import { roles } from '../../db/schema/values';
import { representativeRelations } from '../../db/schema/values';
import { email, personName } from '../auth/schemas';

export const grantSchema = z.object({
  intent: z.literal('grant'),
  role: z.enum(roles, { errorMap: () => ({ message: 'v.invalid' }) }),
  placeId: z.string({ required_error: 'v.required' }).uuid('v.uuid'),
});
export const revokeSchema = z.object({ intent: z.literal('revoke'), assignmentId: z.string().uuid() });
export const representativeSchema = z.object({
  intent: z.literal('representative'),
  email,
  relation: z.enum(representativeRelations),
});
export const newResidentSchema = z.object({
  name: personName,
  homePlaceId: z.string({ required_error: 'v.required' }).uuid('v.uuid'),
  phone: z.string().trim().max(30, 'v.tooLong').regex(/^[0-9+\- ()]*$/, 'v.invalid').optional(),
});
