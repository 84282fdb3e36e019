// Searching the three lists for the search page and the API: the engine's answer with the names of the places
// it mentions, and a link for every hit. Routes reach search/ only through here.
import { eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { db, getDatabase, type DatabaseHandle } from '../../db/client';
import { places } from '../../db/schema';
import { searchChanges } from '../../search/changes';
import { facetFields, type SearchEngine, type SearchHit, type SearchList, type SearchResult } from '../../search/engine';
import { getSearchEngine, searchNotice } from '../../search/index';
import { listAreas } from '../resources/resources.server';
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

/** The answer shown instead when a search was refused (its rate limit reached): nothing found, nothing searched. */
export const noAnswer = (p: SearchParams): SearchAnswer => ({
  hits: [],
  facets: {},
  facetsCapped: false,
  total: 0,
  totalCapped: false,
  page: p.page,
  perPage: p.per_page,
  tookMs: 0,
  engine: 'none',
  listCounts: {},
  placeNames: {},
  fallback: false,
});

// Answers kept per web process for a few seconds. Searches repeat — the same word typed by many residents, the same
// category searched again on going back, the pages of one result — and a search is the costliest statement a page
// runs. The index is already behind the lists by the moment the outbox takes to feed it; a change to an index made
// through this process (the relay, a reindex, new settings) drops every kept answer at once, and one made elsewhere
// shows within SEARCH_ANSWERS_MAX_AGE_MS. Only the public index is searched, so an answer is the same for everyone.
export const SEARCH_ANSWERS_MAX_AGE_MS = 10_000;
/** At most this many answers are kept (the least recently used goes first). */
export const SEARCH_ANSWERS_KEPT = 300;

type Answer = Omit<SearchAnswer, 'fallback'>;
interface KeptAnswer {
  at: number;
  changes: number;
  value: Promise<Answer>;
}
const kept = new WeakMap<DatabaseHandle, Map<string, KeptAnswer>>();

/** Drops this process's kept answers (tests). */
export function forgetSearchAnswers() {
  kept.delete(getDatabase());
}

export async function searchLists(p: SearchParams): Promise<SearchAnswer> {
  const engine = await getSearchEngine();
  const key = JSON.stringify([engine.name, p.q, p.lists, p.category, p.community, p.grid, p.status, p.urgency, p.kind, p.sort, p.page, p.per_page]);
  const handle = getDatabase();
  let answers = kept.get(handle);
  if (!answers) kept.set(handle, (answers = new Map()));
  const now = Date.now();
  const changes = searchChanges();
  let held = answers.get(key);
  if (held && held.changes === changes && now - held.at <= SEARCH_ANSWERS_MAX_AGE_MS) {
    answers.delete(key); // to the back of the line: the least recently used answers leave first
    answers.set(key, held);
  } else {
    const entry: KeptAnswer = { at: now, changes, value: answer(engine, p) };
    answers.set(key, entry);
    if (answers.size > SEARCH_ANSWERS_KEPT) answers.delete(answers.keys().next().value!);
    // A failed search is not kept: the next request searches again.
    const map = answers;
    entry.value.catch(() => {
      if (map.get(key) === entry) map.delete(key);
    });
    held = entry;
  }
  return { ...(await held.value), fallback: searchNotice() !== null };
}

async function answer(engine: SearchEngine, p: SearchParams): Promise<Answer> {
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
  // Named from the public areas each process keeps (streets, communities, grids); a place not among them, or whose
  // parent is not (archived since it was indexed), is looked up.
  const areas = ids.size ? new Map((await listAreas()).map((a) => [a.id, a])) : new Map<string, Awaited<ReturnType<typeof listAreas>>[number]>();
  const named: { id: string; type: string; zh: string; en: string; parentZh: string | null; parentEn: string | null }[] = [];
  const unknown: string[] = [];
  for (const id of ids) {
    const area = areas.get(id);
    const parentArea = area?.parentId ? areas.get(area.parentId) : undefined;
    if (!area || (area.parentId && !parentArea)) {
      unknown.push(id);
      continue;
    }
    named.push({ id, type: area.type, zh: area.nameZh, en: area.nameEn, parentZh: parentArea?.nameZh ?? null, parentEn: parentArea?.nameEn ?? null });
  }
  if (unknown.length) {
    const parent = alias(places, 'parent');
    named.push(
      ...(await db()
        .select({ id: places.id, type: places.type, zh: places.nameZh, en: places.nameEn, parentZh: parent.nameZh, parentEn: parent.nameEn })
        .from(places)
        .leftJoin(parent, eq(parent.id, places.parentId))
        .where(inArray(places.id, unknown))),
    );
  }
  // Grids are named with their community (every community has a 第一网格).
  const placeNames = Object.fromEntries(
    named.map((n) => [n.id, n.type === 'grid' && n.parentZh ? { zh: `${n.parentZh} · ${n.zh}`, en: `${n.parentEn} · ${n.en}` } : { zh: n.zh, en: n.en }]),
  );
  return { ...result, listCounts, placeNames };
}
