import { needStepResponse } from '../needs/api-respond.server';
import { stepAction } from '../needs/api.server';
import { mergeSchema } from '../needs/schemas';
import { mergeNeed } from '../needs/transitions.server';

export const action = stepAction(mergeSchema, (a) => a.can('need.triage'), mergeNeed, needStepResponse);
