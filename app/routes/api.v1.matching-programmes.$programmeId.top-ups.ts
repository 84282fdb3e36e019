import type { ActionFunctionArgs } from '@remix-run/node';
import { apiError, handleApi, methodNotAllowed, readJson, zodFields } from '../api/errors.server';
import { explanationFor } from '../matching-funds/explain.server';
import { getProgramme, topUpProgramme } from '../matching-funds/programmes.server';
import { apiTopUpSchema } from '../matching-funds/schemas';
import { programmeJson } from '../matching-funds/serialize';
import { actorOf } from '../permissions/principal.server';
import { requirePermission } from '../permissions/permissions.server';

// POST: add money to a programme's pool (funders and treasurers of its place), once per reference.
export function action({ request, params }: ActionFunctionArgs) {
  return handleApi(async () => {
    if (request.method !== 'POST') return methodNotAllowed(['POST']);
    const programme = await getProgramme(params.programmeId ?? '');
    if (!programme) return apiError(404, 'not_found', 'Not found.');
    const principal = await requirePermission(request, 'matching.top_up', { id: programme.placeId, path: programme.placePath, type: 'place' });
    const parsed = apiTopUpSchema.safeParse(await readJson(request));
    if (!parsed.success) return apiError(400, 'validation_failed', 'The top-up is not valid.', zodFields(parsed.error));
    const result = await topUpProgramme({ ...actorOf(principal), userId: principal.user.id }, programme.id, { amountMinor: parsed.data.amount_minor, reference: parsed.data.reference, raiseCap: parsed.data.raise_cap });
    if (!result.ok && result.reason === 'duplicate') return apiError(409, 'conflict', 'A top-up with this reference is already recorded.', { reference: ['is already recorded'] });
    if (!result.ok && result.reason === 'closed') return apiError(409, 'conflict', 'The programme is closed.');
    if (!result.ok) return apiError(404, 'not_found', 'Not found.');
    const view = (await getProgramme(programme.id))!;
    return Response.json({ ledger_group_id: result.groupId, programme: programmeJson(view, explanationFor(request, view.explanation, view.currency)) }, { status: 201 });
  });
}
