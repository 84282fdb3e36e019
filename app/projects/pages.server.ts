// Page-side helpers for the project routes: service errors as the answers a form or a guard gives.
import type { SubmissionResult } from '@conform-to/react';
import { data } from '@remix-run/node';
import { forbidden, notFound } from '../utils/http.server';
import { ProjectError } from './projects.server';

type Reply = (opts: { formErrors?: string[]; fieldErrors?: Record<string, string[]> }) => SubmissionResult<string[]>;

/** Turns a ProjectError into a form reply (400/409) or throws the guard Response (403/404). */
export function replyToProjectError(error: unknown, reply: Reply) {
  if (!(error instanceof ProjectError)) throw error;
  if (error.code === 'not_found') throw notFound();
  if (error.code === 'forbidden') throw forbidden();
  if (error.code === 'wrong_state' || error.code === 'conflict') return data(reply({ formErrors: [`projects.error.${error.code}`] }), { status: 409 });
  return data(reply({ fieldErrors: error.fields }), { status: 400 });
}
