// Page-side helpers for the needs routes: service errors as the answers a form or a guard gives.
import type { SubmissionResult } from '@conform-to/react';
import { forbidden, notFound } from '../utils/http.server';
import { NeedError } from './needs.server';

/** Turns a NeedError into a form reply (400/409) or throws the guard Response (403/404). */
export function replyToNeedError(error: unknown, reply: (opts: { formErrors?: string[]; fieldErrors?: Record<string, string[]> }) => SubmissionResult<string[]>) {
  if (!(error instanceof NeedError)) throw error;
  if (error.code === 'not_found') throw notFound();
  if (error.code === 'forbidden') throw forbidden();
  if (error.code === 'wrong_state') return { result: reply({ formErrors: ['needs.error.wrong_state'] }), status: 409 };
  return { result: reply({ fieldErrors: error.fields }), status: 400 };
}
