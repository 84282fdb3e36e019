import type { ActionFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { apiError, handleApi, methodNotAllowed, readJson, zodFields } from '../api/errors.server';
import { castBallot, VoteError } from '../deliberation/votes.server';
import { actorOf } from '../permissions/principal.server';
import { requireUser } from '../permissions/permissions.server';
import { isUuid } from '../utils/http.server';

const bodySchema = z.object({ option_id: z.string({ required_error: 'required' }).uuid('must be a UUID') }).strict();

export const loader = () => methodNotAllowed(['POST']);

// POST a ballot as the signed-in resident (bearer token). 201 once; 409 already_voted for any repeat, however concurrent.
export function action({ request, params }: ActionFunctionArgs) {
  return handleApi(async () => {
    if (request.method !== 'POST') return methodNotAllowed(['POST']);
    const principal = await requireUser(request);
    const voteId = params.voteId;
    if (!isUuid(voteId)) return apiError(404, 'not_found', 'There is no such vote.');
    const body = bodySchema.safeParse(await readJson(request));
    if (!body.success) return apiError(400, 'validation_failed', 'The ballot is not valid.', zodFields(body.error));
    try {
      await castBallot(actorOf(principal), principal.actingFor?.id ?? principal.user.id, voteId, body.data.option_id);
    } catch (e) {
      if (!(e instanceof VoteError)) throw e;
      if (e.code === 'not_found') return apiError(404, 'not_found', 'There is no such vote.');
      if (e.code === 'invalid') return apiError(400, 'validation_failed', 'The ballot is not valid.', { option_id: ['not an option of this vote'] });
      if (e.code === 'not_open') return apiError(409, 'conflict', 'The vote is not taking ballots now.');
      if (e.code === 'already_voted') return apiError(409, 'conflict', 'This household (or person) has already voted.', { option_id: ['already_voted'] });
      if (e.code === 'not_eligible') return apiError(403, 'forbidden', 'You are not on the register for this vote.');
      throw e;
    }
    return Response.json({ vote_id: voteId, status: 'counted' }, { status: 201 });
  });
}
