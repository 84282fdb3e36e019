// GET /api/v1/search on the demo street: the documented shape in snake_case, filters and facets, paging, and
// field errors for bad parameters.
import { Validator } from '@seriousme/openapi-schema-validator';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as openapiRoute from '../../app/routes/api.v1.openapi[.json]';
import * as searchRoute from '../../app/routes/api.v1.search';
import * as searchPage from '../../app/routes/search';
import { db } from '../../db/client';
import { places } from '../../db/schema';
import { seedDemo } from '../../db/seed/demo';
import { indexDemo } from '../../db/seed/search-index';
import { resetSearchEngines } from '../../search/index';
import { useTestDatabase } from '../helpers/db';

useTestDatabase();

beforeAll(async () => {
  resetSearchEngines();
  await seedDemo();
  await indexDemo();
}, 120_000);

async function get(query: string) {
  const res = await searchRoute.loader({ request: new Request(`http://localhost/api/v1/search?${query}`), params: {}, context: {} });
  return { status: res.status, body: await res.json() };
}

describe('GET /api/v1/search', () => {
  it('answers {hits, facets, total, took_ms} in snake_case with links and highlights', async () => {
    const { status, body } = await get(`q=${encodeURIComponent('送餐')}`);
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(['facets', 'facets_capped', 'fallback', 'hits', 'page', 'per_page', 'took_ms', 'total', 'total_capped']);
    expect(body.fallback).toBe(false);
    expect(body.total).toBeGreaterThan(5);
    expect(typeof body.took_ms).toBe('number');
    const hit = body.hits[0];
    expect(Object.keys(hit).sort()).toEqual(['category', 'community', 'created_at', 'deadline', 'grid', 'highlights', 'id', 'kind', 'list', 'score', 'status', 'title', 'urgency', 'url']);
    expect(hit.url).toBe(`/${hit.list}/${hit.id}`);
    expect(hit.highlights.title.some((p: { match: boolean; text: string }) => p.match && p.text === '送餐')).toBe(true);
    expect(Object.keys(body.facets).sort()).toEqual(['category', 'community', 'grid', 'kind', 'list', 'status', 'urgency']);
    expect(Object.values(body.facets.list as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(body.total);
  });

  it('filters by lists, category and community, and the facets count what matched', async () => {
    const [community] = await db().select({ id: places.id }).from(places).where(eq(places.nameZh, '老槐树社区'));
    const { status, body } = await get(`q=&lists=needs&category=repairs,legal_aid&community=${community.id}&per_page=50`);
    expect(status).toBe(200);
    expect(body.total).toBeGreaterThan(0);
    for (const h of body.hits) {
      expect(h.list).toBe('needs');
      expect(['repairs', 'legal_aid']).toContain(h.category);
      expect(h.community).toBe(community.id);
    }
    expect(Object.keys(body.facets.list)).toEqual(['needs']);
    expect((body.facets.category.repairs ?? 0) + (body.facets.category.legal_aid ?? 0)).toBe(body.total);
  });

  it('pages without repeats', async () => {
    const first = await get('lists=resources&per_page=10&sort=newest');
    const second = await get('lists=resources&per_page=10&sort=newest&page=2');
    expect(first.body.hits).toHaveLength(10);
    expect(second.body.page).toBe(2);
    const ids = [...first.body.hits, ...second.body.hits].map((h: { id: string }) => h.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('searches one list alone', async () => {
    const { status, body } = await get('lists=projects&per_page=50');
    expect(status).toBe(200);
    expect(Object.keys(body.facets.list ?? {})).toEqual(body.total ? ['projects'] : []);
    for (const h of body.hits) expect(h.url).toBe(`/projects/${h.id}`);
  });

  it('rejects bad parameters with 400 and the fields that are wrong', async () => {
    const { status, body } = await get('lists=needs,people&page=0&community=not-a-uuid&sort=loudest&urgency=extreme');
    expect(status).toBe(400);
    expect(body.error.code).toBe('validation_failed');
    expect(Object.keys(body.error.fields).sort()).toEqual(['community', 'lists', 'page', 'sort', 'urgency']);
    expect(body.error.fields.page[0]).toMatch(/page number/);
    expect((await get(`q=${'x'.repeat(201)}`)).body.error.fields.q).toBeDefined();
  });

  it('is described in the OpenAPI document, which stays valid', async () => {
    const doc = await (await openapiRoute.loader()).json();
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(doc.paths['/search'].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['q', 'lists', 'category', 'community', 'status', 'page']));
  });
});

describe('the search page loader', () => {
  const load = (query: string) => searchPage.loader({ request: new Request(`http://localhost/search?${query}`), params: {}, context: {} });

  it('names the communities and grids it shows, grids with their community', async () => {
    const data = await load(`q=${encodeURIComponent('老人')}&lists=needs`);
    expect(data.invalid).toBe(false);
    expect(data.hits.length).toBeGreaterThan(0);
    for (const h of data.hits) {
      expect(h.url).toBe(`/needs/${h.id}`);
      if (h.grid) expect(data.placeNames[h.grid].zh).toMatch(/社区 · 第.网格$/);
    }
    // Tabs count every list whatever tab is open.
    expect(data.listCounts.needs).toBe(data.total);
    expect(data.listCounts.resources ?? 0).toBeGreaterThan(0);
  });

  it('leaves out what is not valid, says so, and searches with the rest', async () => {
    const data = await load(`q=${encodeURIComponent('送餐')}&sort=loudest&page=-3&lists=needs`);
    expect(data.invalid).toBe(true);
    expect(data.query).toMatchObject({ q: '送餐', sort: 'relevance', page: 1, lists: ['needs'] });
    expect(data.hits.length).toBeGreaterThan(0);
  });
});
