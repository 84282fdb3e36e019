// API handlers shared by the programme routes: launch and close, and PATCH (a draft fully, a launched programme only
// where no donor can lose by it).
import { apiError, handleApi, methodNotAllowed, readJson, zodFields } from '../api/errors.server';
import { actorOf } from '../permissions/principal.server';
import { requirePermission } from '../permissions/permissions.server';
import { explanationFor } from './explain.server';
import { amendLaunchedProgramme, changeProgrammeStatus, getProgramme, updateProgramme, type ProgrammeView } from './programmes.server';
import { apiProgrammePatchSchema, apiProgrammeSchema, apiRules, launchedEditableFields } from './schemas';
import { programmeJson } from './serialize';

const placeOf = (p: ProgrammeView) => ({ id: p.placeId, path: p.placePath, type: 'place' });

async function answer(request: Request, id: string, status = 200) {
  const view = (await getProgramme(id))!;
  return Response.json(programmeJson(view, explanationFor(request, view.explanation, view.currency)), { status });
}

export function programmeStatusAction(request: Request, programmeId: string, step: 'launch' | 'close') {
  return handleApi(async () => {
    if (request.method !== 'POST') return methodNotAllowed(['POST']);
    const programme = await getProgramme(programmeId);
    if (!programme) return apiError(404, 'not_found', 'Not found.');
    const principal = await requirePermission(request, 'matching.manage', placeOf(programme));
    const result = await changeProgrammeStatus(actorOf(principal), programme.id, step);
    if (!result.ok && result.reason === 'not_draft') return apiError(409, 'conflict', step === 'launch' ? `Only a draft can be launched; this programme is ${programme.status}.` : 'The programme is already closed.');
    if (!result.ok) return apiError(404, 'not_found', 'Not found.');
    return answer(request, programme.id);
  });
}

export function programmePatchAction(request: Request, programmeId: string) {
  return handleApi(async () => {
    if (request.method !== 'PATCH') return methodNotAllowed(['GET', 'PATCH']);
    const programme = await getProgramme(programmeId);
    if (!programme) return apiError(404, 'not_found', 'Not found.');
    const principal = await requirePermission(request, 'matching.manage', placeOf(programme));
    const parsed = apiProgrammePatchSchema.safeParse(await readJson(request));
    if (!parsed.success) return apiError(400, 'validation_failed', 'The change is not valid.', zodFields(parsed.error));
    const patch = parsed.data;
    const actor = { ...actorOf(principal), userId: principal.user.id };
    const current = programmeJson(programme, []);
    if (programme.status === 'closed') return apiError(409, 'conflict', 'A closed programme cannot be changed.');
    if (programme.status === 'draft') {
      // A draft is fully editable: the change is laid over what it says now and checked as a whole.
      const { id: _id, status: _status, currency: _currency, pool_fund_id: _pool, pool_balance_minor: _balance, matched_minor: _matched, explanation: _explanation, ...rules } = current;
      const merged = apiProgrammeSchema.safeParse({ ...rules, ...patch, place_id: programme.placeId, pool_minor: 0 });
      if (!merged.success) return apiError(400, 'validation_failed', 'The change is not valid.', zodFields(merged.error));
      const v = merged.data;
      const result = await updateProgramme(actor, programme.id, { nameZh: v.name_zh, nameEn: v.name_en, funderZh: v.funder_zh, funderEn: v.funder_en, ...apiRules(v) });
      if (!result.ok && result.reason === 'project_outside_place') return apiError(400, 'validation_failed', 'The change is not valid.', { project_ids: ['must be projects within the place'] });
      if (!result.ok && result.reason === 'not_draft') return apiError(409, 'conflict', 'The programme was launched meanwhile: send only a later ends_at or more project_ids.');
      if (!result.ok) return apiError(404, 'not_found', 'Not found.');
      return answer(request, programme.id);
    }
    // Launched: a field sent with the value it already has is fine; any other change is refused with its name.
    const fixed = Object.entries(patch)
      .filter(([key, value]) => !(launchedEditableFields as readonly string[]).includes(key) && JSON.stringify(value) !== JSON.stringify(current[key as keyof typeof current]))
      .map(([key]) => key);
    if (fixed.length) return apiError(409, 'conflict', 'Once launched, a programme’s rules stay as donors read them: only a later ends_at and more project_ids may be sent.', Object.fromEntries(fixed.map((k) => [k, ['cannot change once the programme is launched']])));
    const removed = patch.project_ids ? programme.projectIds.filter((id) => !patch.project_ids!.includes(id)) : [];
    if (removed.length) return apiError(409, 'conflict', 'Projects cannot be taken off a launched programme.', { project_ids: ['must keep every project already named'] });
    const result = await amendLaunchedProgramme(actor, programme.id, { endsAt: patch.ends_at ? new Date(patch.ends_at) : undefined, addProjectIds: patch.project_ids });
    if (!result.ok) {
      if (result.reason === 'shortens') return apiError(409, 'conflict', 'A launched programme’s end can only move later.', { ends_at: ['must not be earlier than the current end'] });
      if (result.reason === 'open_to_all') return apiError(409, 'conflict', 'This programme matches every project of its place; naming projects now would narrow it.', { project_ids: ['cannot be named on a programme open to every project'] });
      if (result.reason === 'project_outside_place') return apiError(400, 'validation_failed', 'The change is not valid.', { project_ids: ['must be projects within the place'] });
      if (result.reason === 'closed' || result.reason === 'draft') return apiError(409, 'conflict', 'The programme changed meanwhile; read it again.');
      return apiError(404, 'not_found', 'Not found.');
    }
    return answer(request, programme.id);
  });
}
