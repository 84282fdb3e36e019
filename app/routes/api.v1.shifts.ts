import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { apiError, handleApi, methodNotAllowed, readJson } from '../api/errors.server';
import { actorOf } from '../permissions/principal.server';
import { requireUser } from '../permissions/permissions.server';
import { camelKeys, camelToSnake } from '../resources/json';
import { skills } from '../resources/values';
import { apiFields, shiftJson } from '../shifts/json';
import { shiftInput } from '../shifts/schemas';
import { createShift, getPublicShift, listShifts, ShiftError } from '../shifts/shifts.server';

// The public list of upcoming shifts: what, where (community level and a meeting point), when, spots left. Never who signed up.
const query = z.object({
  community: z.string().uuid('must be a place id (UUID)').optional(),
  skill: z.enum(skills as [string, ...string[]], { errorMap: () => ({ message: 'must be a skill of the taxonomy' }) }).optional(),
  need: z.string().uuid('must be a need id (UUID)').optional(),
  project: z.string().uuid('must be a project id (UUID)').optional(),
  from: z.string().datetime({ offset: true, message: 'must be an ISO date-time' }).optional(),
  to: z.string().datetime({ offset: true, message: 'must be an ISO date-time' }).optional(),
  open_only: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1, 'must be 1 or more').default(1),
  per_page: z.coerce.number().int().min(1).max(200, 'must be at most 200').default(50),
});

export function loader({ request }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) return apiError(400, 'validation_failed', 'The query is not valid.', apiFields(parsed.error));
    const q = parsed.data;
    const { rows, total } = await listShifts({ communityId: q.community, skill: q.skill, needId: q.need, projectId: q.project, from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined, openOnly: q.open_only === 'true', limit: q.per_page, offset: (q.page - 1) * q.per_page });
    return Response.json({ data: rows.map(shiftJson), page: q.page, per_page: q.per_page, total });
  });
}

export function action({ request }: ActionFunctionArgs) {
  return handleApi(async () => {
    if (request.method !== 'POST') return methodNotAllowed(['GET', 'POST']);
    const principal = await requireUser(request);
    const parsed = shiftInput.safeParse(camelKeys(await readJson(request)));
    if (!parsed.success) return apiError(400, 'validation_failed', 'The request body is not valid.', apiFields(parsed.error));
    try {
      const created = await createShift(principal, actorOf(principal), parsed.data);
      const first = await getPublicShift(created[0].id);
      return Response.json({ ...shiftJson(first!), occurrences: created.map((c) => ({ id: c.id, starts_at: c.startsAt.toISOString() })) }, { status: 201, headers: { Location: `/api/v1/shifts/${created[0].id}` } });
    } catch (error) {
      if (error instanceof ShiftError && error.code === 'forbidden') return apiError(403, 'forbidden', 'You may not publish shifts at this place.');
      if (error instanceof ShiftError && error.field) return apiError(400, 'validation_failed', 'The request body is not valid.', { [camelToSnake(error.field)]: ['no such record'] });
      if (error instanceof Error && 'field' in error && (error as { field?: string }).field === 'placeId') return apiError(400, 'validation_failed', 'The request body is not valid.', { place_id: ['must be a street or a place inside one'] });
      throw error;
    }
  });
}
