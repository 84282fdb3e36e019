import { needStepResponse } from '../needs/api-respond.server';
import { stepAction } from '../needs/api.server';
import { closeSchema } from '../needs/schemas';
import { closeNeed } from '../needs/transitions.server';

export const action = stepAction(closeSchema, (a) => a.isRequester || a.can('need.triage'), closeNeed, needStepResponse);
