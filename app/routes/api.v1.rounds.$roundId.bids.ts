import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { apiError, handleApi, methodNotAllowed, readJson, zodFields } from '../api/errors.server';
import { actorOf } from '../permissions/principal.server';
import { requireUser } from '../permissions/permissions.server';
import { apiProjectError } from '../projects/api.server';
import { myBids, submitBid } from '../projects/bids.server';
import { bidsForEvaluator, mayReadEvaluation, roundRanking } from '../projects/evaluation.server';
import { apiBidSchema, bidJson } from '../projects/json';
import { getRound } from '../projects/rounds.server';
import { isUuid } from '../utils/http.server';

/**
 * A round's bids as the caller may see them: staff and funders of its place see every bid (once bidding has closed)
 * with its weighted score; an assigned evaluator sees only the bids they may score — never one from their own
 * organisation or team; anyone else sees their own bids.
 */
export function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const principal = await requireUser(request);
    const roundId = params.roundId;
    const round = isUuid(roundId) ? await getRound(principal, roundId) : null;
    if (!round) return apiError(404, 'not_found', 'Not found.');
    if (mayReadEvaluation(principal, round.placePath) && round.status !== 'open' && round.status !== 'draft') {
      const ranking = await roundRanking(round.id);
      const data = ranking.flatMap((p) => p.bids.map((b) => bidJson(b.bid, { score: b.total })));
      return Response.json({ view: 'all', data });
    }
    const evaluator = await bidsForEvaluator(principal, round.id);
    if (evaluator) return Response.json({ view: 'evaluator', declared: !!evaluator.ctx.declaredAt, data: evaluator.bids.map((b) => bidJson(b)) });
    const mine = await myBids(principal, round.id);
    return Response.json({ view: 'own', data: mine.map((b) => bidJson(b)) });
  });
}

/** Submits a bid, or edits the caller's bid for the same project and applicant until the deadline. */
export function action({ request, params }: ActionFunctionArgs) {
  return handleApi(async () => {
    if (request.method !== 'POST') return methodNotAllowed(['GET', 'POST']);
    const principal = await requireUser(request);
    const roundId = params.roundId;
    if (!isUuid(roundId) || !(await getRound(principal, roundId))) return apiError(404, 'not_found', 'Not found.');
    const parsed = apiBidSchema.safeParse(await readJson(request));
    if (!parsed.success) return apiError(400, 'validation_failed', 'The request body is not valid.', zodFields(parsed.error));
    const b = parsed.data;
    try {
      const result = await submitBid(principal, actorOf(principal), roundId, {
        projectId: b.project_id,
        applicantType: b.applicant_type,
        resourceId: b.applicant_type === 'individual' ? null : b.resource_id,
        plan: b.plan,
        budgetLines: b.budget_lines.map((l) => ({ label: l.label, amountMinor: l.amount_minor })),
        staff: b.staff,
        schedule: b.schedule.map((s) => ({ title: s.title, dueOn: s.due_on })),
      });
      const [bid] = (await myBids(principal, roundId)).filter((x) => x.id === result.id);
      return Response.json(bidJson(bid), { status: result.created ? 201 : 200 });
    } catch (error) {
      return apiProjectError(error);
    }
  });
}
