import { needStepResponse } from '../needs/api-respond.server';
import { stepAction } from '../needs/api.server';
import { rateSchema } from '../needs/schemas';
import { rateNeed } from '../needs/transitions.server';

export const action = stepAction(rateSchema, (a) => a.isRequester, rateNeed, needStepResponse);
