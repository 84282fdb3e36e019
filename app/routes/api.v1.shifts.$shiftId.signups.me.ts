import type { ActionFunctionArgs } from '@remix-run/node';
import { apiError, handleApi, methodNotAllowed } from '../api/errors.server';
import { actorOf } from '../permissions/principal.server';
import { requireUser } from '../permissions/permissions.server';
import { apiFields } from '../shifts/json';
import { cancelInput } from '../shifts/schemas';
import { ShiftError } from '../shifts/shifts.server';
import { cancelSignup } from '../shifts/signups.server';
import { isUuid } from '../utils/http.server';

// The caller cancels their own sign-up, with a reason (JSON body {"reason","note"} or ?reason=). A freed spot goes
// to the first on the waitlist. After the cut-off volunteers must ask the organiser (409).
export function action({ request, params }: ActionFunctionArgs) {
  return handleApi(async () => {
    if (request.method !== 'DELETE') return methodNotAllowed(['DELETE']);
    const principal = await requireUser(request);
    if (!isUuid(params.shiftId)) return apiError(404, 'not_found', 'Not found.');
    let body: Record<string, unknown> = Object.fromEntries(new URL(request.url).searchParams);
    if (request.headers.get('Content-Type')?.includes('application/json')) {
      try {
        const parsedBody: unknown = await request.json();
        if (parsedBody && typeof parsedBody === 'object') body = { ...body, ...(parsedBody as Record<string, unknown>) };
      } catch {
        return apiError(400, 'bad_request', 'The body is not valid JSON.');
      }
    }
    const parsed = cancelInput.safeParse({ reason: 'other', ...body });
    if (!parsed.success) return apiError(400, 'validation_failed', 'The request is not valid.', apiFields(parsed.error));
    try {
      const result = await cancelSignup(principal, actorOf(principal), params.shiftId.toLowerCase(), {}, parsed.data);
      return Response.json({ cancelled: true, signup_id: result.cancelled });
    } catch (error) {
      if (error instanceof ShiftError && error.code === 'not_found') return apiError(404, 'not_found', 'You have no sign-up on this shift.');
      if (error instanceof ShiftError && error.code === 'cutoff') return apiError(409, 'conflict', 'It is too late to cancel online: tell the organiser.', { reason: ['cutoff'] });
      if (error instanceof ShiftError && error.code === 'conflict') return apiError(409, 'conflict', 'You are already checked in.', { reason: ['checked_in'] });
      throw error;
    }
  });
}

export const loader = () => apiError(405, 'method_not_allowed', 'Use DELETE.', undefined, { Allow: 'DELETE' });
