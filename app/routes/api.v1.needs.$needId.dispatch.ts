import { z } from 'zod';
import { needStepResponse } from '../needs/api-respond.server';
import { stepAction } from '../needs/api.server';
import { dispatchSchema } from '../needs/schemas';
import { dispatchNeed } from '../needs/transitions.server';
import { dispatchToResource } from '../matching/suggestions.server';

/** Dispatch to a resource-list entry by its id: the entry's kind, name and responsible person come from the list. */
const toResourceSchema = z.object({
  intent: z.literal('dispatch').optional(),
  assigneeResourceId: z.string({ required_error: 'v.required', invalid_type_error: 'v.invalid' }).uuid('v.invalid'),
  note: z.string().trim().max(1000, 'v.tooLong').optional(),
});

type Input = z.infer<typeof dispatchSchema> | z.infer<typeof toResourceSchema>;

export const action = stepAction(
  (body) => (body.assigneeResourceId !== undefined ? toResourceSchema : dispatchSchema) as z.ZodType<Input>,
  (a) => a.can('need.dispatch'),
  (principal, needId, input: Input) =>
    'assigneeResourceId' in input ? dispatchToResource(principal, needId, input.assigneeResourceId, input.note) : dispatchNeed(principal, needId, input),
  needStepResponse,
);
