import type { ActionFunctionArgs } from '@remix-run/node';
import { apiError, handleApi, methodNotAllowed } from '../api/errors.server';
import { requireUser } from '../permissions/permissions.server';
import { refusalFields } from '../shifts/json';
import { ShiftError } from '../shifts/shifts.server';
import { signUp } from '../shifts/signups.server';
import { isUuid } from '../utils/http.server';

// The caller signs up: 201 with a spot ("booked") or a waitlist place ("waitlisted", with the position); 409 with the
// reason when refused (full, clash, missing_check, already_signed_up, started, closed, no_profile).
export function action({ request, params }: ActionFunctionArgs) {
  return handleApi(async () => {
    if (request.method !== 'POST') return methodNotAllowed(['POST']);
    const principal = await requireUser(request);
    if (!isUuid(params.shiftId)) return apiError(404, 'not_found', 'Not found.');
    try {
      const result = await signUp({ userId: principal.user.id, onBehalfOfUserId: principal.actingFor?.id ?? null }, params.shiftId.toLowerCase());
      if (result.outcome === 'refused' && result.reason === 'no_profile') return apiError(403, 'forbidden', 'Register as a volunteer first (POST /resources with kind volunteer).', { reason: ['no_profile'] });
      if (result.outcome === 'refused') {
        const { message, fields } = refusalFields(result);
        return apiError(409, 'conflict', message, fields);
      }
      return Response.json({ outcome: result.outcome, signup_id: result.signupId, position: result.outcome === 'waitlisted' ? (result.position ?? null) : null }, { status: 201 });
    } catch (error) {
      if (error instanceof ShiftError && error.code === 'not_found') return apiError(404, 'not_found', 'Not found.');
      throw error;
    }
  });
}

export const loader = () => apiError(405, 'method_not_allowed', 'Use POST.', undefined, { Allow: 'POST' });
