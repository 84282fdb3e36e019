import type { ActionFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { apiError, handleApi, methodNotAllowed, readJson } from '../api/errors.server';
import { actorOf } from '../permissions/principal.server';
import { requireUser } from '../permissions/permissions.server';
import { attendanceRole, checkInWithCode, checkOutSelf, organiserAttendance } from '../shifts/attendance.server';
import { apiFields } from '../shifts/json';
import { ShiftError } from '../shifts/shifts.server';
import { isUuid } from '../utils/http.server';

// Check-in and check-out. A volunteer sends {"code"} (the code shown at the place) to check in and {"action":"out"}
// to check out; the organiser sends {"signup_id","action":"in"|"out"} from the roster.
const body = z.union([
  z.object({ code: z.string().regex(/^\d{6}$/, 'must be the six-digit code'), action: z.literal('in').optional() }),
  z.object({ action: z.literal('out'), signup_id: z.undefined().optional() }),
  z.object({ signup_id: z.string().uuid('must be a sign-up id (UUID)'), action: z.enum(['in', 'out']) }),
]);

const errors: Record<string, [number, 'not_found' | 'conflict' | 'validation_failed', string, Record<string, string[]>?]> = {
  not_found: [404, 'not_found', 'No such sign-up on this shift for you.'],
  code: [400, 'validation_failed', 'The code is not right.', { code: ['is not the code of this shift'] }],
  not_open: [409, 'conflict', 'Check-in is not open now (from 30 minutes before the start to the end).'],
  conflict: [409, 'conflict', 'Not checked in, or already done.'],
};

export function action({ request, params }: ActionFunctionArgs) {
  return handleApi(async () => {
    if (request.method !== 'POST') return methodNotAllowed(['POST']);
    const principal = await requireUser(request);
    if (!isUuid(params.shiftId)) return apiError(404, 'not_found', 'Not found.');
    const shiftId = params.shiftId.toLowerCase();
    // Nobody learns anything about a shift's attendance unless they run it or hold a spot on it.
    if (!(await attendanceRole(principal, shiftId))) return apiError(404, 'not_found', 'Not found.');
    const parsed = body.safeParse(await readJson(request));
    if (!parsed.success) return apiError(400, 'validation_failed', 'The request body is not valid.', apiFields(parsed.error));
    const actor = { ...actorOf(principal), userId: principal.user.id };
    try {
      const b = parsed.data;
      if ('signup_id' in b && b.signup_id) {
        const r = await organiserAttendance(principal, actor, shiftId, b.signup_id, b.action);
        return Response.json({ signup_id: b.signup_id, action: b.action, already: r.already, hours: r.halfHours / 2 }, { status: r.already ? 200 : 201 });
      }
      if ('code' in b) {
        const r = await checkInWithCode(actor, shiftId, b.code);
        return Response.json({ signup_id: r.signupId, action: 'in', checked_in_at: r.checkedInAt.toISOString(), already: r.already }, { status: r.already ? 200 : 201 });
      }
      const r = await checkOutSelf(actor, shiftId);
      return Response.json({ action: 'out', hours: r.halfHours / 2 }, { status: 201 });
    } catch (error) {
      if (error instanceof ShiftError && error.code === 'too_many') {
        return apiError(429, 'too_many_requests', 'Too many check-in attempts on this shift; wait and try again.', { code: ['too many attempts'] }, { 'Retry-After': String(error.retryAfterSeconds ?? 900) });
      }
      if (error instanceof ShiftError && errors[error.code]) {
        const [status, code, message, fields] = errors[error.code];
        return apiError(status, code, message, fields);
      }
      throw error;
    }
  });
}

export const loader = () => apiError(405, 'method_not_allowed', 'Use POST.', undefined, { Allow: 'POST' });
