import { needStepResponse } from '../needs/api-respond.server';
import { stepAction } from '../needs/api.server';
import { rejectSchema } from '../needs/schemas';
import { rejectNeed } from '../needs/transitions.server';

export const action = stepAction(rejectSchema, (a) => a.can('need.triage'), rejectNeed, needStepResponse);
