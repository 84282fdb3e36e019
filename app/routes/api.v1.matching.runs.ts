import type { ActionFunctionArgs } from '@remix-run/node';
import { apiError, handleApi, methodNotAllowed, readJson } from '../api/errors.server';
import { runJson } from '../matching/api.server';
import { createRun, getRun, MatchRunError } from '../matching/runs.server';
import { runSchema } from '../matching/schemas';
import { camelBody, snakeFields } from '../needs/api.server';
import { requireUser } from '../permissions/permissions.server';
import { canAnywhere } from '../permissions/rules';

// POST /api/v1/matching/runs {place_id}: runs batch matching over a community or street the caller looks after
// and returns the stored proposal (201). Nothing is dispatched until it is approved.
export function action({ request }: ActionFunctionArgs) {
  return handleApi(async () => {
    if (request.method !== 'POST') return methodNotAllowed(['POST']);
    const principal = await requireUser(request);
    if (!canAnywhere(principal.roles, 'need.match')) return apiError(403, 'forbidden', 'You do not have permission to do this.');
    const parsed = runSchema.safeParse(camelBody(await readJson(request)));
    if (!parsed.success) return apiError(400, 'validation_failed', 'The request is not valid.', snakeFields(parsed.error));
    try {
      const run = await createRun(principal, parsed.data.placeId);
      return Response.json(runJson(await getRun(principal, run.id)), { status: 201 });
    } catch (error) {
      if (!(error instanceof MatchRunError)) throw error;
      return apiError(400, 'validation_failed', 'The request is not valid.', { place_id: error.fields.placeId ?? ['v.invalid'] });
    }
  });
}
