// The steps of a need's life that its page offers: each step's form schema, who may take it, and the service that
// takes it. Server only: the page's JavaScript needs none of it (the forms are checked here, their errors shown as sent).
import { parseWithZod } from '@conform-to/zod';
import type { z } from 'zod';
import type { Principal } from '../permissions/principal.server';
import type { NeedAccess } from './needs.server';
import { closeSchema, dispatchSchema, mergeSchema, outOfScopeSchema, progressSchema, rateSchema, rejectSchema, triageSchema } from './schemas';
import type { Transition } from './status';
import { closeNeed, dispatchNeed, markOutOfScope, mergeNeed, rateNeed, rejectNeed, reportProgress, triageNeed } from './transitions.server';

export type Intent = 'triage' | 'out_of_scope' | 'reject' | 'merge' | 'dispatch' | 'progress' | 'close' | 'rate';
interface Step {
  schema: z.ZodTypeAny;
  step: Transition;
  allowed: (a: NeedAccess) => boolean;
  run: (p: Principal, id: string, v: never) => Promise<unknown>;
}
export const steps: Record<Intent, Step> = {
  triage: { schema: triageSchema, step: 'triage', allowed: (a) => a.can('need.triage'), run: triageNeed },
  out_of_scope: { schema: outOfScopeSchema, step: 'out_of_scope', allowed: (a) => a.can('need.triage'), run: markOutOfScope },
  reject: { schema: rejectSchema, step: 'reject', allowed: (a) => a.can('need.triage'), run: rejectNeed },
  merge: { schema: mergeSchema, step: 'merge', allowed: (a) => a.can('need.triage'), run: mergeNeed },
  dispatch: { schema: dispatchSchema, step: 'dispatch', allowed: (a) => a.can('need.dispatch'), run: dispatchNeed },
  progress: { schema: progressSchema, step: 'progress', allowed: (a) => a.isAssignee || a.can('need.dispatch'), run: reportProgress },
  close: { schema: closeSchema, step: 'close', allowed: (a) => a.isRequester || a.can('need.triage'), run: closeNeed },
  rate: { schema: rateSchema, step: 'rate', allowed: (a) => a.isRequester, run: rateNeed },
};
export const isIntent = (v: unknown): v is Intent => typeof v === 'string' && v in steps;

/** A step's form, parsed with its schema: Conform's submission, whose reply the page shows. */
export function parseStep(intent: Intent, formData: FormData) {
  return parseWithZod(formData, { schema: steps[intent].schema });
}
