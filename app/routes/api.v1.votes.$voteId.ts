import type { LoaderFunctionArgs } from '@remix-run/node';
import { apiError, handleApi } from '../api/errors.server';
import { voteJson } from '../deliberation/serialize';
import { getVote } from '../deliberation/votes.server';
import { isUuid } from '../utils/http.server';

// Public: one vote (not a draft) with its options and live progress toward the threshold.
export function loader({ params }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const id = params.voteId;
    const vote = isUuid(id) ? await getVote(id) : null;
    if (!vote || vote.status === 'draft') return apiError(404, 'not_found', 'There is no such vote.');
    return Response.json(voteJson(vote));
  });
}
