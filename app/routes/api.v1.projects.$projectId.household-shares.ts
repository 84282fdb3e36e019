import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { apiError, handleApi, methodNotAllowed, readJson, zodFields } from '../api/errors.server';
import { shareSummaryJson } from '../matching-funds/serialize';
import { apiSharePlanSchema } from '../matching-funds/schemas';
import { setUpHouseholdShares, shareSummary } from '../pledges/household-shares.server';
import { actorOf } from '../permissions/principal.server';
import { getPrincipal, requirePermission, requireUser } from '../permissions/permissions.server';
import { getProject, projectPlace } from '../projects/projects.server';
import { isUuid } from '../utils/http.server';

// GET: a project's household shares as counts (never which household). POST: staff of its place ask the households.
export function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const project = isUuid(params.projectId) ? await getProject(await getPrincipal(request), params.projectId) : null;
    if (!project) return apiError(404, 'not_found', 'Not found.');
    return Response.json({ household_shares: shareSummaryJson(project.id, await shareSummary(project.id)) });
  });
}

export function action({ request, params }: ActionFunctionArgs) {
  return handleApi(async () => {
    if (request.method !== 'POST') return methodNotAllowed(['GET', 'POST']);
    await requireUser(request);
    const place = isUuid(params.projectId) ? await projectPlace(params.projectId) : null;
    if (!place) return apiError(404, 'not_found', 'Not found.');
    const principal = await requirePermission(request, 'project.manage', place, { hideExistence: true });
    const parsed = apiSharePlanSchema.safeParse(await readJson(request));
    if (!parsed.success) return apiError(400, 'validation_failed', 'The household shares are not valid.', zodFields(parsed.error));
    const v = parsed.data;
    const result = await setUpHouseholdShares({ ...actorOf(principal), userId: principal.user.id }, params.projectId!, { placeId: v.place_id, shareMinor: v.share_minor ?? null, dueAt: new Date(v.due_at) });
    if (!result.ok && result.reason === 'exists') return apiError(409, 'conflict', 'Households are already asked for this project.');
    if (!result.ok && result.reason === 'no_fund') return apiError(409, 'conflict', 'The project has no fund yet.');
    if (!result.ok) return apiError(400, 'validation_failed', 'The household shares are not valid.', { place_id: [result.reason === 'no_households' ? 'has no registered households' : 'must be a place within the project'] });
    return Response.json({ household_shares: shareSummaryJson(params.projectId!, await shareSummary(params.projectId!)) }, { status: 201 });
  });
}
