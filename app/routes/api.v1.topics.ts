import type { LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { apiError, handleApi, zodFields } from '../api/errors.server';
import { topicSummaryJson } from '../deliberation/serialize';
import { listTopics } from '../deliberation/topics.server';
import { topicStages } from '../deliberation/values';

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
