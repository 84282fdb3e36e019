import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { apiError, handleApi, methodNotAllowed, readJson, zodFields } from '../api/errors.server';
import { explanationFor } from '../matching-funds/explain.server';
import { createProgramme, getProgramme, listProgrammes } from '../matching-funds/programmes.server';
import { apiProgrammeSchema, apiRules } from '../matching-funds/schemas';
import { programmeJson } from '../matching-funds/serialize';
import { actorOf } from '../permissions/principal.server';
import { requirePermission, requireUser } from '../permissions/permissions.server';

// GET: launched and closed programmes, public. POST: a funder posts a programme (a draft) with its pool.
export function loader({ request }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const list = (await listProgrammes()).filter((p) => p.status !== 'draft');
    return Response.json({ items: list.map((p) => programmeJson(p, explanationFor(request, p.explanation, p.currency))) });
  });
}

export function action({ request }: ActionFunctionArgs) {
  return handleApi(async () => {
    if (request.method !== 'POST') return methodNotAllowed(['GET', 'POST']);
    await requireUser(request);
    const parsed = apiProgrammeSchema.safeParse(await readJson(request));
    if (!parsed.success) return apiError(400, 'validation_failed', 'The programme is not valid.', zodFields(parsed.error));
    const v = parsed.data;
    const principal = await requirePermission(request, 'matching.manage', v.place_id);
    const result = await createProgramme({ ...actorOf(principal), userId: principal.user.id }, { placeId: v.place_id, nameZh: v.name_zh, nameEn: v.name_en, funderZh: v.funder_zh, funderEn: v.funder_en, ...apiRules(v) }, v.pool_minor);
    if (!result.ok && result.reason === 'project_outside_place') return apiError(400, 'validation_failed', 'The programme is not valid.', { project_ids: ['must be projects within the place'] });
    if (!result.ok) return apiError(400, 'validation_failed', 'The programme is not valid.', { place_id: ['is not a place'] });
    const view = (await getProgramme(result.programme.id))!;
    return Response.json(programmeJson(view, explanationFor(request, view.explanation, view.currency)), { status: 201 });
  });
}
