// API-side helpers: service errors in the API's one error shape, field names in snake_case, messages in English.
import { apiError } from '../api/errors.server';
import { translator } from '../i18n/messages';
import { ProjectError } from './projects.server';

const en = translator('en');
const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export function apiProjectError(error: unknown): Response {
  if (!(error instanceof ProjectError)) throw error;
  if (error.code === 'not_found') return apiError(404, 'not_found', 'Not found.');
  if (error.code === 'forbidden') return apiError(403, 'forbidden', 'You do not have permission to do this.');
  if (error.code === 'wrong_state') return apiError(409, 'conflict', 'This cannot be done in the current state.');
  if (error.code === 'conflict') return apiError(409, 'conflict', en('projects.error.conflict'));
  const fields = Object.fromEntries(Object.entries(error.fields).map(([k, v]) => [snake(k), v.map((m) => en(m))]));
  return apiError(400, 'validation_failed', 'The request body is not valid.', fields);
}
