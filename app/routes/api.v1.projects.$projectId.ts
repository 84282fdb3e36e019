import type { LoaderFunctionArgs } from '@remix-run/node';
import { apiError, handleApi } from '../api/errors.server';
import { getPrincipal } from '../permissions/permissions.server';
import { finalizeDueAwards } from '../projects/awards.server';
import { projectJson } from '../projects/json';
import { getProject } from '../projects/projects.server';
import { isUuid } from '../utils/http.server';

// One project's public parts; a draft only for staff of its place (404 for anyone else).
export function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const id = params.projectId;
    if (!isUuid(id)) return apiError(404, 'not_found', 'Not found.');
    const principal = await getPrincipal(request);
    await finalizeDueAwards({ projectId: id });
    const project = await getProject(principal, id);
    if (!project) return apiError(404, 'not_found', 'Not found.');
    return Response.json(projectJson(project));
  });
}
