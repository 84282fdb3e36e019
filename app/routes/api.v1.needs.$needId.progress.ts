import { needStepResponse } from '../needs/api-respond.server';
import { stepAction } from '../needs/api.server';
import { progressSchema } from '../needs/schemas';
import { reportProgress } from '../needs/transitions.server';

export const action = stepAction(progressSchema, (a) => a.isAssignee || a.can('need.dispatch'), reportProgress, needStepResponse);
