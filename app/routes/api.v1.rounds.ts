import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { apiError, handleApi, methodNotAllowed, readJson, zodFields } from '../api/errors.server';
import { actorOf } from '../permissions/principal.server';
import { getPrincipal, requireUser } from '../permissions/permissions.server';
import { apiProjectError } from '../projects/api.server';
import { apiRoundQuery, apiRoundSchema, roundJson, roundSummaryJson } from '../projects/json';
import { createRound, getRound, listRounds } from '../projects/rounds.server';

// Funding rounds: all but drafts for everyone; drafts too for staff of their places.
export function loader({ request }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const parsed = apiRoundQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) return apiError(400, 'validation_failed', 'The query is not valid.', zodFields(parsed.error));
    const { status, place, page, per_page } = parsed.data;
    const principal = await getPrincipal(request);
    const { rows, total } = await listRounds(principal, { status, placeId: place }, { limit: per_page, offset: (page - 1) * per_page });
    return Response.json({ data: rows.map(roundSummaryJson), page, per_page, total });
  });
}

/** Staff create a round (a draft) with its criteria and projects. */
export function action({ request }: ActionFunctionArgs) {
  return handleApi(async () => {
    if (request.method !== 'POST') return methodNotAllowed(['GET', 'POST']);
    const principal = await requireUser(request);
    const parsed = apiRoundSchema.safeParse(await readJson(request));
    if (!parsed.success) return apiError(400, 'validation_failed', 'The request body is not valid.', zodFields(parsed.error));
    const b = parsed.data;
    try {
      const round = await createRound(principal, actorOf(principal), {
        placeId: b.place_id,
        title: b.title,
        callText: b.call_text,
        budgetMinor: b.budget_minor,
        eligibleCategories: b.eligible_categories,
        applicantTypes: b.applicant_types,
        microGrant: b.micro_grant,
        opensAt: new Date(b.opens_at),
        closesAt: new Date(b.closes_at),
        noticeDays: b.notice_days,
        criteria: b.criteria.map((c) => ({ nameZh: c.name_zh, nameEn: c.name_en, weight: c.weight })),
        projectIds: b.project_ids,
      });
      return Response.json(roundJson((await getRound(principal, round.id))!), { status: 201, headers: { Location: `/api/v1/rounds/${round.id}` } });
    } catch (error) {
      return apiProjectError(error);
    }
  });
}
