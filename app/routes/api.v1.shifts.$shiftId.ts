import type { LoaderFunctionArgs } from '@remix-run/node';
import { apiError, handleApi } from '../api/errors.server';
import { getPrincipal } from '../permissions/permissions.server';
import { shiftJson } from '../shifts/json';
import { getPublicShift } from '../shifts/shifts.server';
import { mySignup } from '../shifts/signups.server';
import { isUuid } from '../utils/http.server';

// One shift's public side; a signed-in caller also sees their own sign-up. The roster is never in the API.
export function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(async () => {
    if (!isUuid(params.shiftId)) return apiError(404, 'not_found', 'Not found.');
    const shift = await getPublicShift(params.shiftId.toLowerCase());
    if (!shift) return apiError(404, 'not_found', 'Not found.');
    const principal = await getPrincipal(request);
    const mine = principal ? await mySignup(principal.user.id, shift.id) : null;
    return Response.json({
      ...shiftJson(shift),
      ...(principal ? { my_signup: mine ? { id: mine.id, status: mine.status, position: mine.position, confirmed: Boolean(mine.confirmedAt), checked_in_at: mine.checkedInAt?.toISOString() ?? null, checked_out_at: mine.checkedOutAt?.toISOString() ?? null } : null } : {}),
    });
  });
}

export const action = () => apiError(405, 'method_not_allowed', 'Use GET.', undefined, { Allow: 'GET' });
