// Searching the three lists for the search page and the API: the engine's answer with the names of the places
// it mentions, and a link for every hit. Routes reach search/ only through here.
import { inArray } from 'drizzle-orm';
import { db } from '../../db/client';
import { places } from '../../db/schema';
import { facetFields, type SearchHit, type SearchList, type SearchResult } from '../../search/engine';
import { getSearchEngine, searchNotice } from '../../search/index';
import type { SearchParams } from './query';

export const hitPath = (hit: Pick<SearchHit, 'list' | 'id'>) => `/${hit.list}/${hit.id}`;

export interface SearchAnswer extends SearchResult {
  /** Matches per list whatever the list filter, for the tabs. */
  listCounts: Partial<Record<SearchList, number>>;
  /** Names of the communities and grids in the hits and facets. */
  placeNames: Record<string, { zh: string; en: string }>;
  /** Set while Meilisearch is configured but unreachable and PostgreSQL answers. */
  fallback: boolean;
}

export async function searchLists(p: SearchParams): Promise<SearchAnswer> {
  const engine = await getSearchEngine();
  const filters = { category: p.category, community: p.community, grid: p.grid, status: p.status, urgency: p.urgency, kind: p.kind };
  const result = await engine.search({ q: p.q, lists: p.lists, filters, facets: [...facetFields], sort: p.sort, page: p.page, perPage: p.per_page, highlight: true });
  // The list facet of a query limited to some lists counts only those; the tabs want every list's count.
  const listCounts = p.lists.length
    ? ((await engine.search({ q: p.q, filters, facets: ['list'], perPage: 1 })).facets.list ?? {})
    : (result.facets.list ?? {});
  const ids = new Set<string>();
  for (const h of result.hits) for (const id of [h.community, h.grid]) if (id) ids.add(id);
  for (const f of ['community', 'grid'] as const) for (const id of Object.keys(result.facets[f] ?? {})) ids.add(id);
  for (const id of [...p.community, ...p.grid]) ids.add(id);
  const named = ids.size ? await db().select({ id: places.id, zh: places.nameZh, en: places.nameEn }).from(places).where(inArray(places.id, [...ids])) : [];
  return { ...result, listCounts, placeNames: Object.fromEntries(named.map((n) => [n.id, { zh: n.zh, en: n.en }])), fallback: searchNotice() !== null };
}
