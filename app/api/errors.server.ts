// The API's one error shape: {"error":{"code","message","fields"}} with the right status.
import type { ZodError } from 'zod';
import { reportDatabaseError } from '../../db/availability';

export type ApiErrorCode =
  | 'bad_request'
  | 'validation_failed'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'unsupported_media_type'
  | 'too_many_requests'
  | 'unavailable'
  | 'internal';

/** The JSON body of an API error, for the few places outside Remix (server/app.ts) that answer one themselves. */
export const apiErrorBody = (code: ApiErrorCode, message: string, fields?: Record<string, string[]>) => ({ error: { code, message, fields: fields ?? {} } });

export function apiError(status: number, code: ApiErrorCode, message: string, fields?: Record<string, string[]>, headers?: HeadersInit) {
  return Response.json(apiErrorBody(code, message, fields), { status, headers });
}

/** A rate limit reached: 429 with Retry-After. */
export const tooManyRequests = (message: string, retryAfterSeconds: number) =>
  apiError(429, 'too_many_requests', message, undefined, { 'Retry-After': String(retryAfterSeconds) });

export function zodFields(error: ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

export const DATABASE_UNAVAILABLE_EN = 'The database is unavailable for a moment; try again in a few seconds.';

const byStatus: Record<number, [ApiErrorCode, string]> = {
  400: ['bad_request', 'The request is not valid.'],
  401: ['unauthorized', 'A valid bearer token is required.'],
  403: ['forbidden', 'You do not have permission to do this.'],
  404: ['not_found', 'Not found.'],
  405: ['method_not_allowed', 'Method not allowed.'],
  409: ['conflict', 'This conflicts with the current state.'],
  415: ['unsupported_media_type', 'Send a JSON body with Content-Type: application/json.'],
  429: ['too_many_requests', 'Too many requests.'],
};

/**
 * Runs an API handler: thrown guard Responses (403, 404, redirects meant for pages) become API errors,
 * and anything unexpected becomes a 500 without leaking internals.
 */
export async function handleApi(fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (thrown) {
    if (thrown instanceof Response) {
      if (thrown.headers.get('Content-Type')?.includes('application/json')) return thrown;
      const status = thrown.status >= 300 && thrown.status < 400 ? 401 : thrown.status;
      const [code, message] = byStatus[status] ?? ['bad_request', 'The request could not be handled.'];
      return apiError(status, code, message);
    }
    // The database went away mid-request: say so (503, try again shortly) rather than blame the request.
    if (reportDatabaseError(thrown)) return apiError(503, 'unavailable', DATABASE_UNAVAILABLE_EN, undefined, { 'Retry-After': '5' });
    console.error('API handler failed', thrown);
    return apiError(500, 'internal', 'An unexpected error happened.');
  }
}

/** Reads a JSON object body, or throws a 400/415 API error. */
export async function readJson(request: Request): Promise<unknown> {
  if (!request.headers.get('Content-Type')?.includes('application/json')) {
    throw apiError(415, 'unsupported_media_type', byStatus[415][1]);
  }
  try {
    return await request.json();
  } catch {
    throw apiError(400, 'bad_request', 'The body is not valid JSON.');
  }
}

export const methodNotAllowed = (allowed: string[]) =>
  apiError(405, 'method_not_allowed', `Use ${allowed.join(' or ')}.`, undefined, { Allow: allowed.join(', ') });
