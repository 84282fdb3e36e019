import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { apiError, handleApi } from '../api/errors.server';
import { programmePatchAction } from '../matching-funds/api.server';
import { explanationFor } from '../matching-funds/explain.server';
import { getProgramme, matchedByProject } from '../matching-funds/programmes.server';
import { programmeJson } from '../matching-funds/serialize';
import { getPrincipal, hasPermission } from '../permissions/permissions.server';

// One programme with what it matched per project; a draft only for those who manage or simulate it.
export function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const programme = await getProgramme(params.programmeId ?? '');
    if (!programme) return apiError(404, 'not_found', 'Not found.');
    if (programme.status === 'draft') {
      const principal = await getPrincipal(request);
      const place = { id: programme.placeId, path: programme.placePath, type: 'place' };
      if (!principal || !(hasPermission(principal, 'matching.manage', place) || hasPermission(principal, 'matching.simulate', place))) return apiError(404, 'not_found', 'Not found.');
    }
    const projects = await matchedByProject(programme.id);
    return Response.json({ ...programmeJson(programme, explanationFor(request, programme.explanation, programme.currency)), projects: projects.map((p) => ({ project_id: p.projectId, title: p.title, gifts: p.gifts, matched_minor: p.matchedMinor })) });
  });
}

// PATCH: edit a draft (any field), or a launched programme (a later ends_at, more project_ids only); funders.
export function action({ request, params }: ActionFunctionArgs) {
  return programmePatchAction(request, params.programmeId ?? '');
}
