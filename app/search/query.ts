// What the search page's links and filters are made of: the filter fields and a query's URL. The schema that checks
// a query is query.server.ts (the page's loader and GET /api/v1/search), so that zod stays out of the page.
import type { SearchList, SearchSort } from '../../search/engine';
import type { SearchParams } from './query.server';

export const SEARCH_PER_PAGE = 20;
export const SEARCH_MAX_PAGE = 100;
export const filterFields = ['category', 'community', 'grid', 'status', 'urgency', 'kind'] as const;
export type FilterField = (typeof filterFields)[number];

export type { SearchParams };

/** The URL search string of a query, leaving out defaults (so links stay short). */
export function searchHref(p: Partial<SearchParams>, path = '/search') {
  const u = new URLSearchParams();
  if (p.q) u.set('q', p.q);
  if (p.lists?.length) u.set('lists', p.lists.join(','));
  for (const f of filterFields) for (const v of p[f] ?? []) u.append(f, v);
  if (p.sort && p.sort !== 'relevance') u.set('sort', p.sort);
  if (p.page && p.page > 1) u.set('page', String(p.page));
  const s = u.toString();
  return s ? `${path}?${s}` : path;
}

export type { SearchList, SearchSort };
