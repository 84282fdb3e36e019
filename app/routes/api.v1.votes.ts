import type { LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { apiError, handleApi, zodFields } from '../api/errors.server';
import { listVotes } from '../deliberation/votes.server';

const querySchema = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20), offset: z.coerce.number().int().min(0).max(100_000).default(0) });

// Public: open and closed votes, newest first.
export function loader({ request }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const q = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!q.success) return apiError(400, 'validation_failed', 'The query is not valid.', zodFields(q.error));
    const { rows, total } = await listVotes(q.data);
    return Response.json({
      data: rows.map((v) => ({
        id: v.id,
        question: v.question,
        status: v.status,
        unit: v.unit,
        binding: v.binding,
        opens_at: v.opensAt.toISOString(),
        closes_at: v.closesAt.toISOString(),
        topic_id: v.topicId,
        threshold_permille: v.thresholdPermille,
        eligible: v.eligibleCount,
        place: { name_zh: v.placeZh, name_en: v.placeEn },
      })),
      total,
      limit: q.data.limit,
      offset: q.data.offset,
    });
  });
}
