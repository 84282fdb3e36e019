import type { z } from 'zod';
import { needStepResponse } from '../needs/api-respond.server';
import { stepAction } from '../needs/api.server';
import { outOfScopeSchema, triageSchema } from '../needs/schemas';
import { markOutOfScope, triageNeed } from '../needs/transitions.server';

// Verify and triage; with {"decision":"out_of_scope","reply":…} the need gets an honest out-of-scope answer instead.
type Input = z.infer<typeof triageSchema> | (z.infer<typeof outOfScopeSchema> & { decision: 'out_of_scope' });
const outOfScope = (body: Record<string, unknown>) => body.decision === 'out_of_scope';

export const action = stepAction(
  (body) => (outOfScope(body) ? outOfScopeSchema : triageSchema) as z.ZodType<Input>,
  (a) => a.can('need.triage'),
  (p, id, input) => ('reply' in input ? markOutOfScope(p, id, input) : triageNeed(p, id, input)),
  needStepResponse,
);
