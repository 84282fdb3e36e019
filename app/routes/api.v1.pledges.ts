import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { apiError, handleApi, methodNotAllowed, readJson, zodFields } from '../api/errors.server';
import { pledgeJson } from '../matching-funds/serialize';
import { apiPledgeSchema } from '../matching-funds/schemas';
import { createPledge, listPublicPledges } from '../pledges/pledges.server';
import { resolveLocale } from '../i18n/locale';
import { actorOf } from '../permissions/principal.server';
import { requireUser } from '../permissions/permissions.server';
import { isUuid } from '../utils/http.server';

// GET ?fund_id= or ?project_id=: pledges as their pledgers chose to appear. POST: the signed-in person pledges.
export function loader({ request }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const url = new URL(request.url);
    const fundId = url.searchParams.get('fund_id') ?? undefined;
    const projectId = url.searchParams.get('project_id') ?? undefined;
    const fields: Record<string, string[]> = {};
    if (fundId && !isUuid(fundId)) fields.fund_id = ['must be a fund id (UUID)'];
    if (projectId && !isUuid(projectId)) fields.project_id = ['must be a project id (UUID)'];
    if (!fundId && !projectId) fields.fund_id = ['give fund_id or project_id'];
    if (Object.keys(fields).length) return apiError(400, 'validation_failed', 'The query is not valid.', fields);
    return Response.json({ items: (await listPublicPledges({ fundId, projectId })).map(pledgeJson) });
  });
}

export function action({ request }: ActionFunctionArgs) {
  return handleApi(async () => {
    if (request.method !== 'POST') return methodNotAllowed(['GET', 'POST']);
    const principal = await requireUser(request);
    const parsed = apiPledgeSchema.safeParse(await readJson(request));
    if (!parsed.success) return apiError(400, 'validation_failed', 'The pledge is not valid.', zodFields(parsed.error));
    const v = parsed.data;
    const result = await createPledge(actorOf(principal), { fundId: v.fund_id, projectId: v.project_id ?? null, pledgerName: v.pledger_name, pledgerEmail: v.pledger_email ?? principal.user.email, locale: resolveLocale(request), visibility: v.visibility, source: v.source, amountMinor: v.amount_minor, dueAt: new Date(v.due_at) });
    if (!result.ok && result.reason === 'due_in_past') return apiError(400, 'validation_failed', 'The pledge is not valid.', { due_at: ['must be in the future'] });
    if (!result.ok && result.reason === 'no_fund') return apiError(400, 'validation_failed', 'The pledge is not valid.', { fund_id: ['is not a fund'] });
    if (!result.ok) return apiError(409, 'conflict', 'The fund takes no pledges.', { fund_id: ['is closed'] });
    const [created] = (await listPublicPledges({ fundId: v.fund_id }, 500)).filter((p) => p.id === result.pledge.id);
    return Response.json(pledgeJson(created), { status: 201 });
  });
}
