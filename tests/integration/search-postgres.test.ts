// The PostgreSQL engine passes the search contract on whichever driver this run uses (PGlite, or the server
// named by DATABASE_URL).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db, rows } from '../../db/client';
import { defaultSearchSettings, type SearchDocument, type SearchQuery } from '../../search/engine';
import { PostgresSearchEngine } from '../../search/postgres-engine';
import { searchEngineContract } from '../contract/search-engine';
import { useTestDatabase } from '../helpers/db';

useTestDatabase();

searchEngineContract(`postgres (${process.env.DATABASE_URL ? 'server' : 'PGlite'})`, {
  makeEngine: async () => new PostgresSearchEngine(),
});

describe('postgres engine: the recent window', () => {
  const engine = new PostgresSearchEngine();
  const now = new Date('2026-12-01T04:00:00Z');
  const monthsAgo = (m: number, d = 0) => new Date(now.getTime() - m * 30.4 * 86_400_000 - d * 86_400_000);
  // 24 documents with 手风琴 over three years, and 4 with 口琴, all older than a year (fewer than the cap of 5).
  const docs: SearchDocument[] = [
    ...Array.from({ length: 24 }, (_, i) => ({
      id: `acc-${i}`, list: (['needs', 'resources', 'projects'] as const)[i % 3], title: i % 4 === 0 ? `手风琴课 ${i}` : `社区活动 ${i}`,
      body: `周末有居民教手风琴，第 ${i} 期。`, tags: [], category: i % 2 ? 'culture' : 'education', categories: undefined,
      community: i % 3 ? 'c-east' : 'c-west', grid: null, status: 'open', urgency: null, kind: null,
      createdAt: monthsAgo(i * 1.5), deadline: i % 5 ? null : monthsAgo(-i), locale: 'zh-CN',
    })),
    ...Array.from({ length: 4 }, (_, i) => ({
      id: `harm-${i}`, list: 'needs' as const, title: `口琴兴趣小组 ${i}`, body: '老人想学口琴。', tags: [], category: 'culture',
      community: 'c-east', grid: null, status: 'open', urgency: null, kind: null, createdAt: monthsAgo(14 + i), deadline: null, locale: 'zh-CN',
    })),
  ].map((d) => ({ ...d, categories: undefined }) as unknown as SearchDocument);
  const queries: SearchQuery[] = [
    { q: '手风琴', facets: ['list', 'community', 'category'] },
    { q: '手风琴', sort: 'newest', facets: ['list'] },
    { q: '手风琴', sort: 'deadline' },
    { q: '手风琴', filters: { community: 'c-east' }, facets: ['list'] },
    { q: '手风琴 课', facets: ['list'] },
    { q: '口琴', facets: ['list'] },
    { q: '', sort: 'newest', lists: ['needs'], facets: ['list'] },
  ];
  const answer = async (q: SearchQuery) => {
    const r = await engine.search({ perPage: 50, ...q });
    return { ids: r.hits.map((h) => h.id), total: r.total, capped: r.totalCapped, facets: r.facets, facetsCapped: r.facetsCapped };
  };
  const recentIds = async () =>
    (await rows<{ doc_id: string }>(db(), sql`SELECT doc_id FROM search_documents WHERE recent AND (doc_id LIKE 'acc-%' OR doc_id LIKE 'harm-%') ORDER BY doc_id`)).map((r) => r.doc_id);

  beforeAll(async () => {
    await engine.configure({ candidateCap: 5 });
    await engine.index(docs);
  });
  afterAll(async () => {
    await engine.configure({ candidateCap: defaultSearchSettings.candidateCap });
  });

  it('answers exactly as without the window, whether the recent documents hold more matches than the cap or fewer', async () => {
    const before = await Promise.all(queries.map(answer));
    expect(before[0].capped).toBe(true);
    expect(before[5]).toMatchObject({ total: 4, capped: false });

    const moved = await engine.refreshRecentWindow(now);
    expect(moved?.since.toISOString()).toBe('2025-12-01T00:00:00.000Z');
    // Every document created on or after the window's start is flagged, and no other.
    const expected = docs.filter((d) => d.createdAt >= moved!.since).map((d) => d.id).sort();
    expect(expected.length).toBeGreaterThan(5);
    expect(await recentIds()).toEqual(expected);

    const after = await Promise.all(queries.map(answer));
    expect(after).toEqual(before);
    expect(after[1].ids).toEqual(docs.filter((d) => d.id.startsWith('acc-')).sort((a, b) => +b.createdAt - +a.createdAt).slice(0, 5).map((d) => d.id));
  });

  it('flags new documents as they are indexed, and moves the window only a week or more at a time', async () => {
    await engine.refreshRecentWindow(now);
    await engine.index([
      { ...docs[0], id: 'acc-new', createdAt: new Date(now.getTime() + 3_600_000) },
      { ...docs[0], id: 'acc-old', createdAt: monthsAgo(30) },
    ]);
    const flagged = await recentIds();
    expect(flagged).toContain('acc-new');
    expect(flagged).not.toContain('acc-old');

    expect(await engine.refreshRecentWindow(new Date(now.getTime() + 3 * 86_400_000))).toBeNull();
    const later = new Date(now.getTime() + 60 * 86_400_000);
    const moved = await engine.refreshRecentWindow(later);
    expect(moved?.changed).toBeGreaterThan(0);
    const all = [...docs, { ...docs[0], id: 'acc-new', createdAt: new Date(now.getTime() + 3_600_000) }];
    expect(await recentIds()).toEqual(all.filter((d) => d.createdAt >= moved!.since).map((d) => d.id).sort());
    expect((await answer({ q: '手风琴', sort: 'newest' })).ids.slice(0, 2)).toEqual(['acc-new', 'acc-0']);
  });
});
