import type { ActionFunctionArgs } from '@remix-run/node';
import { apiError, handleApi, methodNotAllowed, readJson } from '../api/errors.server';
import { runJson } from '../matching/api.server';
import { approveRun, getRun, MatchRunError } from '../matching/runs.server';
import { approveSchema } from '../matching/schemas';
import { camelBody, snakeFields } from '../needs/api.server';
import { requireUser } from '../permissions/permissions.server';
import { isUuid } from '../utils/http.server';

// POST /api/v1/matching/runs/{id}/approve {all: true} or {pair_ids: [...]}: writes the approved dispatches in one
// transaction; pairs out of date are reported and left alone; approving again writes nothing again.
export function action({ request, params }: ActionFunctionArgs) {
  return handleApi(async () => {
    if (request.method !== 'POST') return methodNotAllowed(['POST']);
    const principal = await requireUser(request);
    if (!isUuid(params.runId)) return apiError(404, 'not_found', 'Not found.');
    const runId = params.runId.toLowerCase();
    try {
      // The guard first: another place's run is not known to exist.
      await getRun(principal, runId);
      const parsed = approveSchema.safeParse(camelBody(await readJson(request)));
      if (!parsed.success) return apiError(400, 'validation_failed', 'The request is not valid.', snakeFields(parsed.error));
      const result = await approveRun(principal, runId, parsed.data);
      return Response.json({
        written: result.written.map((w) => ({ pair_id: w.pairId, dispatch_id: w.dispatchId })),
        stale: result.stale.map((s) => ({ pair_id: s.pairId, reason: s.reason })),
        run: runJson(await getRun(principal, runId)),
      });
    } catch (error) {
      if (!(error instanceof MatchRunError)) throw error;
      if (error.code === 'not_found') return apiError(404, 'not_found', 'Not found.');
      return apiError(400, 'validation_failed', 'The request is not valid.', { pair_ids: error.fields.pairIds ?? ['v.invalid'] });
    }
  });
}
