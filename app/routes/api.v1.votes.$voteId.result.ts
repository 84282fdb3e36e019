import type { LoaderFunctionArgs } from '@remix-run/node';
import { apiError, handleApi } from '../api/errors.server';
import { tallyJson } from '../deliberation/serialize';
import { getVote } from '../deliberation/votes.server';
import { isUuid } from '../utils/http.server';

// Public: the published result of a closed vote, with turnout and ballots per channel; 409 while it is open.
export function loader({ params }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const id = params.voteId;
    const vote = isUuid(id) ? await getVote(id) : null;
    if (!vote || vote.status === 'draft') return apiError(404, 'not_found', 'There is no such vote.');
    if (vote.status !== 'closed') return apiError(409, 'conflict', 'The vote has no published result yet.');
    return Response.json({
      vote_id: vote.id,
      binding: vote.binding,
      closed_at: vote.closedAt?.toISOString() ?? null,
      participants: vote.participants,
      channels: vote.channels,
      result: tallyJson(vote.tally),
    });
  });
}
