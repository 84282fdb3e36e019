import type { LoaderFunctionArgs } from '@remix-run/node';
import { apiError, handleApi } from '../api/errors.server';
import { suggestionsJson } from '../matching/api.server';
import { suggestionsForNeed } from '../matching/suggestions.server';
import { needErrorResponse } from '../needs/api.server';
import { requireUser } from '../permissions/permissions.server';
import { isUuid } from '../utils/http.server';

// GET /api/v1/needs/{id}/suggestions: the best candidates of each kind with their scores and reasons, for staff
// who may dispatch the need (404 for a need the caller may not know of, 403 for anyone else).
export function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const principal = await requireUser(request);
    if (!isUuid(params.needId)) return apiError(404, 'not_found', 'Not found.');
    const perKind = Number(new URL(request.url).searchParams.get('per_kind') ?? 3);
    if (!Number.isInteger(perKind) || perKind < 1 || perKind > 50) return apiError(400, 'validation_failed', 'The request is not valid.', { per_kind: ['v.invalid'] });
    try {
      return Response.json(suggestionsJson(await suggestionsForNeed(principal, params.needId.toLowerCase(), { perKind })));
    } catch (error) {
      return needErrorResponse(error);
    }
  });
}
