import { needStepResponse } from '../needs/api-respond.server';
import { stepAction } from '../needs/api.server';
import { dispatchSchema } from '../needs/schemas';
import { dispatchNeed } from '../needs/transitions.server';

export const action = stepAction(dispatchSchema, (a) => a.can('need.dispatch'), dispatchNeed, needStepResponse);
