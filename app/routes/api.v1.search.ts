import type { LoaderFunctionArgs } from '@remix-run/node';
import type { z } from 'zod';
import { apiError, handleApi, tooManyRequests } from '../api/errors.server';
import { translator } from '../i18n/messages';
import { parseSearchParams } from '../search/query.server';
import { getPrincipal } from '../permissions/permissions.server';
import { hitPath, searchLists } from '../search/search.server';
import { hitLimitFor, limits } from '../utils/rate-limit.server';

// Search across the needs, resources and projects lists: public documents only, for anyone (no token needed).
const en = translator('en');

function fieldsOf(error: z.ZodError) {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) (fields[String(issue.path[0] ?? '_')] ??= []).push(en(issue.message));
  return fields;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function loader({ request }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const parsed = parseSearchParams(new URL(request.url).searchParams);
    if (!parsed.success) return apiError(400, 'validation_failed', 'The query is not valid.', fieldsOf(parsed.error));
    const limited = await hitLimitFor(limits.search, request, await getPrincipal(request));
    if (!limited.ok) return tooManyRequests('Too many searches in a short time: try again in a minute.', limited.retryAfterSeconds);
    const r = await searchLists(parsed.data);
    return Response.json({
      hits: r.hits.map((h) => ({
        id: h.id,
        list: h.list,
        title: h.title,
        url: hitPath(h),
        score: h.score,
        category: h.category,
        community: h.community,
        grid: h.grid,
        status: h.status,
        urgency: h.urgency,
        kind: h.kind,
        created_at: iso(h.createdAt),
        deadline: iso(h.deadline),
        highlights: h.highlights ?? null,
      })),
      facets: r.facets,
      facets_capped: r.facetsCapped,
      total: r.total,
      total_capped: r.totalCapped,
      page: r.page,
      per_page: r.perPage,
      took_ms: r.tookMs,
      fallback: r.fallback,
    });
  });
}
