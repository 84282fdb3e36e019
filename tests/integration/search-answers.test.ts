// Search answers kept per web process for a few seconds: a repeated search is answered without searching again, but
// never with what an index change made through this process has made stale, and a change made by another process
// shows once the kept answer is older than the max age.
import { sql } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { searchQuerySchema } from '../../app/search/query.server';
import { forgetSearchAnswers, SEARCH_ANSWERS_KEPT, SEARCH_ANSWERS_MAX_AGE_MS, searchLists } from '../../app/search/search.server';
import { db } from '../../db/client';
import type { SearchDocument } from '../../search/engine';
import { getPostgresEngine, resetSearchEngines } from '../../search/index';
import type { PostgresSearchEngine } from '../../search/postgres-engine';
import { useTestDatabase } from '../helpers/db';

useTestDatabase();

const doc = (n: number, title: string): SearchDocument => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, list: 'projects', title, body: '', tags: [], category: null, community: null,
  grid: null, status: 'active', urgency: null, kind: 'project', createdAt: new Date(Date.UTC(2026, 0, n)), deadline: null, locale: null,
});
const query = (q: string, more: Record<string, unknown> = {}) => searchQuerySchema.parse({ q, ...more });
const ids = async (q: string, more: Record<string, unknown> = {}) => (await searchLists(query(q, more))).hits.map((h) => h.id).sort();

let engine: PostgresSearchEngine;
beforeAll(async () => {
  resetSearchEngines();
  engine = await getPostgresEngine();
  await engine.index([doc(1, 'Stairwell lights 楼道照明'), doc(2, 'Garden lights 花园照明'), doc(3, 'Lane repaving 小巷铺路')]);
});

const realNow = Date.now;
afterEach(() => {
  Date.now = realNow;
  vi.restoreAllMocks();
  forgetSearchAnswers();
});

describe('search answers kept per process', () => {
  it('answers a repeated search without searching again; another query, filter or page is searched', async () => {
    const searches = vi.spyOn(engine, 'search');
    const first = await searchLists(query('照明'));
    expect(first.hits.map((h) => h.id).sort()).toEqual([doc(1, '').id, doc(2, '').id]);
    expect(await searchLists(query('照明'))).toEqual(first);
    expect(searches).toHaveBeenCalledTimes(1);
    await searchLists(query('照明', { page: 2 }));
    await searchLists(query('照明', { sort: 'newest' }));
    await searchLists(query('铺路'));
    // A search limited to one list searches once more for the other lists' counts (the tabs).
    await searchLists(query('照明', { lists: ['projects'] }));
    expect(searches).toHaveBeenCalledTimes(6);
  });

  it('runs identical searches that arrive together once', async () => {
    const searches = vi.spyOn(engine, 'search');
    const answers = await Promise.all(Array.from({ length: 5 }, () => searchLists(query('lights'))));
    expect(searches).toHaveBeenCalledTimes(1);
    for (const a of answers) expect(a.hits).toHaveLength(2);
  });

  it('finds at once what this process has just indexed, and no longer what it has just removed', async () => {
    expect(await ids('照明')).toEqual([doc(1, '').id, doc(2, '').id]);
    await engine.index([doc(4, 'Courtyard lights 院子照明')]);
    expect(await ids('照明')).toEqual([doc(1, '').id, doc(2, '').id, doc(4, '').id]);
    await engine.delete([{ list: 'projects', id: doc(4, '').id }]);
    expect(await ids('照明')).toEqual([doc(1, '').id, doc(2, '').id]);
  });

  it('shows a change made by another process once the kept answer is older than the max age', async () => {
    expect(await ids('铺路')).toEqual([doc(3, '').id]);
    // Another process's relay removes the document: this process sees only the row go.
    await db().execute(sql`DELETE FROM search_documents WHERE doc_id = ${doc(3, '').id}`);
    expect(await ids('铺路')).toEqual([doc(3, '').id]);
    Date.now = () => realNow() + SEARCH_ANSWERS_MAX_AGE_MS + 1;
    expect(await ids('铺路')).toEqual([]);
    await engine.index([doc(3, 'Lane repaving 小巷铺路')]);
  });

  it('does not keep a failed search: the next one searches again', async () => {
    const searches = vi.spyOn(engine, 'search').mockRejectedValueOnce(new Error('connection lost'));
    await expect(searchLists(query('花园'))).rejects.toThrow('connection lost');
    expect(await ids('花园')).toEqual([doc(2, '').id]);
    expect(searches).toHaveBeenCalledTimes(2);
  });

  it(`keeps at most ${SEARCH_ANSWERS_KEPT} answers, dropping the least recently used`, async () => {
    const searches = vi.spyOn(engine, 'search');
    await searchLists(query('照明'));
    await searchLists(query('铺路'));
    // Full: these two and KEPT - 2 more.
    for (let i = 0; i < SEARCH_ANSWERS_KEPT - 2; i++) await searchLists(query(`word${i}`));
    await searchLists(query('照明')); // still kept; now the most recently used
    await searchLists(query('word-last')); // one too many: the least recently used, 铺路, goes
    expect(searches).toHaveBeenCalledTimes(SEARCH_ANSWERS_KEPT + 1);
    await searchLists(query('照明'));
    expect(searches).toHaveBeenCalledTimes(SEARCH_ANSWERS_KEPT + 1);
    await searchLists(query('铺路'));
    expect(searches).toHaveBeenCalledTimes(SEARCH_ANSWERS_KEPT + 2);
  });
});
