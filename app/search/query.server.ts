// The one search query schema, shared by the search page's loader and GET /api/v1/search: URL parameters in, a
// checked query out. Several values for a filter come as repeated parameters (a form's checkboxes) or comma-separated
// (the API); both mean "any of them". Server only: building it calls zod, which would otherwise ship with the page.
import { z } from 'zod';
import { searchLists, searchSorts } from '../../search/engine';
import { urgencies } from '../needs/values';
import { filterFields, SEARCH_MAX_PAGE, SEARCH_PER_PAGE } from './query';

const slug = z.string().regex(/^[a-z0-9_]{1,40}$/, 'search.v.value');
const placeId = z.string().uuid('search.v.place');
const many = <T extends z.ZodTypeAny>(item: T) => z.array(item).max(20, 'search.v.tooMany');

export const searchQuerySchema = z.object({
  q: z.string().trim().max(200, 'search.v.tooLong').default(''),
  lists: many(z.enum(searchLists, { errorMap: () => ({ message: 'search.v.list' }) })).default([]),
  category: many(slug).default([]),
  community: many(placeId).default([]),
  grid: many(placeId).default([]),
  status: many(slug).default([]),
  urgency: many(z.enum(urgencies, { errorMap: () => ({ message: 'search.v.value' }) })).default([]),
  kind: many(slug).default([]),
  sort: z.enum(searchSorts, { errorMap: () => ({ message: 'search.v.sort' }) }).default('relevance'),
  page: z.coerce.number({ invalid_type_error: 'search.v.page' }).int('search.v.page').min(1, 'search.v.page').max(SEARCH_MAX_PAGE, 'search.v.page').default(1),
  per_page: z.coerce.number({ invalid_type_error: 'search.v.perPage' }).int('search.v.perPage').min(1, 'search.v.perPage').max(50, 'search.v.perPage').default(SEARCH_PER_PAGE),
});

export type SearchParams = z.infer<typeof searchQuerySchema>;

const arrayFields = new Set(['lists', ...filterFields]);

/** URL parameters as the schema's input: repeated or comma-separated values become arrays, empty ones are dropped. */
export function searchInput(params: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    if (arrayFields.has(key)) {
      out[key] = values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
    } else {
      const last = values[values.length - 1]?.trim();
      if (last) out[key] = last;
    }
  }
  return out;
}

export const parseSearchParams = (params: URLSearchParams) => searchQuerySchema.safeParse(searchInput(params));
