import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { apiError, handleApi, methodNotAllowed, readJson, tooManyRequests, zodFields } from '../api/errors.server';
import { proposeTopic } from '../deliberation/propose.server';
import { topicSchema } from '../deliberation/schemas';
import { translator } from '../i18n/messages';
import { requireUser } from '../permissions/permissions.server';
import { topicSummaryJson } from '../deliberation/serialize';
import { listTopics } from '../deliberation/topics.server';
import { topicStages } from '../deliberation/values';
import { hitLimitFor, limits } from '../utils/rate-limit.server';

const querySchema = z.object({
  stage: z.enum(topicStages).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

// Public: topics of every council, newest step first.
export function loader({ request }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const q = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!q.success) return apiError(400, 'validation_failed', 'The query is not valid.', zodFields(q.error));
    const { rows, total } = await listTopics(q.data);
    return Response.json({ data: rows.map(topicSummaryJson), total, limit: q.data.limit, offset: q.data.offset });
  });
}

const snake: Record<string, string> = { placeId: 'place_id', needId: 'need_id' };
const bodySchema = z.object({ title: z.unknown(), problem: z.unknown(), suggestion: z.unknown(), place_id: z.unknown(), need_id: z.unknown() }).partial();

/** Fields' message keys as English sentences, under snake_case names. */
function apiFields(fields: Record<string, string[] | null | undefined>) {
  const en = translator('en');
  return Object.fromEntries(Object.entries(fields).map(([k, keys]) => [snake[k] ?? k, (keys ?? []).map((m) => en(m))]));
}

// Propose a topic: residents in their home community; staff with topic.manage in a community of theirs (place_id)
// or from a need (need_id). The same rules as the page.
export function action({ request }: ActionFunctionArgs) {
  return handleApi(async () => {
    if (request.method !== 'POST') return methodNotAllowed(['GET', 'POST']);
    const principal = await requireUser(request);
    const raw = bodySchema.safeParse(await readJson(request));
    if (!raw.success) return apiError(400, 'bad_request', 'The body must be a JSON object.');
    const { place_id, need_id, ...rest } = raw.data;
    const parsed = topicSchema.safeParse({ ...rest, placeId: place_id, needId: need_id });
    if (!parsed.success) return apiError(422, 'validation_failed', 'The topic is not valid.', apiFields(parsed.error.flatten().fieldErrors));
    const limited = await hitLimitFor(limits.proposeTopic, request, principal);
    if (!limited.ok) return tooManyRequests('Too many topics proposed in a short time: try again later.', limited.retryAfterSeconds);
    const outcome = await proposeTopic(principal, parsed.data);
    if (outcome.ok) {
      const { rows } = await listTopics({ limit: 1, offset: 0, id: outcome.topicId });
      return Response.json(topicSummaryJson(rows[0]), { status: 201, headers: { Location: `/api/v1/topics/${outcome.topicId}` } });
    }
    if (outcome.status === 404) return apiError(404, 'not_found', 'There is no such need.');
    if (outcome.status === 403) return apiError(403, 'forbidden', 'You may not raise topics from needs of this community.');
    return apiError(422, 'validation_failed', outcome.formErrors ? translator('en')(outcome.formErrors[0]) : 'The topic is not valid.', apiFields(outcome.fields));
  });
}
