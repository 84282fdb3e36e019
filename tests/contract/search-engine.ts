// The search contract: every engine gets the same documents, the same queries, and must give the same hits and
// facet counts. Run it from an integration test with a factory for the engine under test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSearchSettings, type HighlightPart, type SearchDocument, type SearchEngine, type SearchQuery } from '../../search/engine';

const day = (d: string) => new Date(`${d}T08:00:00Z`);

function doc(p: Partial<SearchDocument> & Pick<SearchDocument, 'id' | 'list' | 'title' | 'body' | 'createdAt'>): SearchDocument {
  return { tags: [], category: null, community: null, grid: null, status: null, urgency: null, kind: null, deadline: null, locale: 'zh-CN', ...p };
}

export const contractDocuments: SearchDocument[] = [
  doc({
    id: 'n1', list: 'needs', title: '为独居老人送餐上门', body: '王奶奶腿脚不便，需要志愿者每天中午把午饭送到家里。', tags: ['助老'],
    category: 'meals', community: 'c-east', grid: 'g-1', status: 'open', urgency: 'high', kind: 'service',
    createdAt: day('2026-01-05'), deadline: day('2026-02-01'),
  }),
  doc({
    id: 'n2', list: 'needs', title: '四点半课堂需要作业辅导志愿者', body: '放学后小学生在四点半课堂写作业，需要志愿者辅导数学和英语。', tags: ['教育', '儿童'],
    category: 'education', community: 'c-east', grid: 'g-2', status: 'open', urgency: 'normal', kind: 'service',
    createdAt: day('2026-01-10'), deadline: day('2026-01-20'),
  }),
  doc({
    id: 'n3', list: 'needs', title: '法律援助：租房合同纠纷咨询', body: '一位老人遇到房东不退押金，想找律师咨询。', tags: ['法律'],
    category: 'legal', community: 'c-west', grid: 'g-3', status: 'in_progress', urgency: 'high', kind: 'service',
    createdAt: day('2026-01-12'),
  }),
  doc({
    id: 'n4', list: 'needs', title: 'Bicycle repair for a delivery rider', body: "A delivery rider's bike needs new brakes before Monday.",
    tags: ['repair'], category: 'repair', community: 'c-west', grid: 'g-3', status: 'open', urgency: 'urgent', kind: 'service',
    createdAt: day('2026-01-15'), deadline: day('2026-01-18'), locale: 'en',
  }),
  doc({
    id: 'n5', list: 'needs', title: '楼道灯坏了需要维修', body: '3号楼二单元楼道灯不亮，老人晚上上下楼不安全。', tags: ['维修'],
    category: 'repair', community: 'c-east', grid: 'g-1', status: 'closed', urgency: 'normal', kind: 'service',
    createdAt: day('2026-01-02'),
  }),
  doc({
    id: 'r1', list: 'resources', title: 'Legal aid clinic every Saturday', body: 'Volunteer lawyers answer questions about tenancy and labour disputes. 每周六免费法律援助。',
    tags: ['lawyers', '法律'], category: 'legal', community: 'c-west', grid: 'g-3', status: 'available', kind: 'skill',
    createdAt: day('2026-01-03'), locale: 'en',
  }),
  doc({
    id: 'r2', list: 'resources', title: '社区食堂老人助餐点', body: '为六十岁以上居民提供午餐，行动不便的可以送餐到家。', tags: ['助餐'],
    category: 'meals', community: 'c-east', grid: 'g-1', status: 'available', kind: 'venue',
    createdAt: day('2026-01-08'),
  }),
  doc({
    id: 'r3', list: 'resources', title: 'Repair café: bikes, lamps and small appliances', body: 'Bring broken things and volunteers fix them with you.',
    tags: ['维修'], category: 'repair', community: 'c-east', grid: 'g-2', status: 'available', kind: 'skill',
    createdAt: day('2026-01-11'), locale: 'en',
  }),
  doc({
    id: 'r4', list: 'resources', title: '四点半课堂教室（社区活动中心二楼）', body: '工作日下午开放，可容纳二十名学生。', tags: ['教室'],
    category: 'education', community: 'c-east', grid: 'g-2', status: 'available', kind: 'venue',
    createdAt: day('2026-01-14'),
  }),
  doc({
    id: 'p1', list: 'projects', title: '老人送餐计划 Meals for elders', body: 'Hot meals for elders living alone, 与社区食堂合作。', tags: ['助老'],
    category: 'meals', community: 'c-east', grid: 'g-1', status: 'active', kind: 'project',
    createdAt: day('2026-01-09'), deadline: day('2026-03-01'),
  }),
  doc({
    id: 'p2', list: 'projects', title: 'Tenant rights workshops', body: 'Evening workshops about leases and deposits, with a legal expert.',
    tags: ['workshop'], category: 'legal', community: 'c-west', grid: 'g-3', status: 'active', kind: 'project',
    createdAt: day('2026-01-07'), locale: 'en',
  }),
];

const ids = (r: { hits: { id: string }[] }) => r.hits.map((h) => h.id);
const sorted = (a: string[]) => [...a].sort();
const matched = (parts: HighlightPart[] | undefined) => (parts ?? []).filter((p) => p.match).map((p) => p.text.toLowerCase());

export interface ContractOptions {
  /** Makes an engine over an empty index of its own. */
  makeEngine: () => Promise<SearchEngine>;
  /** Called after the suite, e.g. to remove a remote index. */
  cleanup?: (engine: SearchEngine) => Promise<void>;
}

export function searchEngineContract(label: string, options: ContractOptions) {
  describe(`search engine contract: ${label}`, () => {
    let engine: SearchEngine;
    const search = (q: SearchQuery) => engine.search({ perPage: 20, ...q });

    beforeAll(async () => {
      engine = await options.makeEngine();
      await engine.configure();
      await engine.index(contractDocuments);
    });
    afterAll(async () => {
      if (engine && options.cleanup) await options.cleanup(engine);
    });

    it('finds a Chinese word the dictionary splits (送餐) in titles and bodies of every list', async () => {
      const r = await search({ q: '送餐' });
      expect(sorted(ids(r))).toEqual(['n1', 'p1', 'r2']);
      expect(r.total).toBe(3);
    });

    it('finds 老人 everywhere and ranks title matches above body-only ones', async () => {
      const r = await search({ q: '老人' });
      expect(sorted(ids(r))).toEqual(['n1', 'n3', 'n5', 'p1', 'r2']);
      expect(sorted(ids(r).slice(0, 3))).toEqual(['n1', 'p1', 'r2']);
    });

    it('finds 四点半课堂, and its substring 四点半', async () => {
      expect(sorted(ids(await search({ q: '四点半课堂' })))).toEqual(['n2', 'r4']);
      expect(sorted(ids(await search({ q: '四点半' })))).toEqual(['n2', 'r4']);
    });

    it('finds 法律援助 in a title and in a mixed-language body', async () => {
      const r = await search({ q: '法律援助' });
      expect(sorted(ids(r))).toEqual(['n3', 'r1']);
      expect(ids(r)[0]).toBe('n3');
    });

    it('finds "legal aid" only where both words are, and full-width letters are the same words', async () => {
      expect(ids(await search({ q: 'legal aid' }))).toEqual(['r1']);
      expect(ids(await search({ q: 'ＬＥＧＡＬ　ａｉｄ' }))).toEqual(['r1']);
    });

    it('corrects the misspelling "repiar" to repair', async () => {
      const r = await search({ q: 'repiar' });
      expect(sorted(ids(r))).toEqual(['n4', 'r3']);
    });

    it('treats the last word as a prefix while typing', async () => {
      expect(ids(await search({ q: 'bicy' }))).toEqual(['n4']);
      expect(sorted(ids(await search({ q: 'work' })))).toEqual(['p2']);
    });

    it('finds nothing for a word that is nowhere', async () => {
      const r = await search({ q: 'zebra 斑马' });
      expect(r.hits).toEqual([]);
      expect(r.total).toBe(0);
    });

    it('filters by list and fields, several values meaning any of them', async () => {
      expect(sorted(ids(await search({ lists: ['needs'], filters: { category: 'repair' } })))).toEqual(['n4', 'n5']);
      expect(sorted(ids(await search({ q: '老人', lists: ['needs', 'projects'] })))).toEqual(['n1', 'n3', 'n5', 'p1']);
      expect(sorted(ids(await search({ filters: { category: ['legal', 'education'], community: 'c-west' } })))).toEqual(['n3', 'p2', 'r1']);
      expect(sorted(ids(await search({ q: '老人', filters: { status: 'open', urgency: 'high' } })))).toEqual(['n1']);
    });

    it('counts facet values over the matches', async () => {
      const r = await search({ q: '老人', facets: ['list', 'category', 'community', 'status'] });
      expect(r.facets.list).toEqual({ needs: 3, resources: 1, projects: 1 });
      expect(r.facets.category).toEqual({ meals: 3, legal: 1, repair: 1 });
      expect(r.facets.community).toEqual({ 'c-east': 4, 'c-west': 1 });
      expect(r.facets.status).toEqual({ open: 1, in_progress: 1, closed: 1, available: 1, active: 1 });
      expect(r.facetsCapped).toBe(false);

      const all = await search({ facets: ['list', 'kind', 'grid'] });
      expect(all.total).toBe(contractDocuments.length);
      expect(all.facets.list).toEqual({ needs: 5, resources: 4, projects: 2 });
      expect(all.facets.kind).toEqual({ service: 5, skill: 2, venue: 2, project: 2 });
      expect(all.facets.grid).toEqual({ 'g-1': 4, 'g-2': 3, 'g-3': 4 });

      const filtered = await search({ lists: ['resources'], filters: { community: 'c-east' }, facets: ['category'] });
      expect(filtered.facets.category).toEqual({ meals: 1, repair: 1, education: 1 });
    });

    it('matches and counts an item in several categories under each of them', async () => {
      const several = doc({
        id: 'r9', list: 'resources', title: '长者食堂志愿送餐队', body: '送餐、陪聊、代买药品。', category: 'meals', categories: ['meals', 'health'],
        community: 'c-west', grid: 'g-3', status: 'available', kind: 'team', createdAt: day('2026-01-16'),
      });
      await engine.index([several]);
      try {
        expect(sorted(ids(await search({ filters: { category: 'health' } })))).toEqual(['r9']);
        expect(sorted(ids(await search({ lists: ['resources'], filters: { category: ['meals', 'legal'] } })))).toEqual(['r1', 'r2', 'r9']);
        const r = await search({ q: '送餐', lists: ['resources'], facets: ['category'] });
        expect(r.facets.category).toEqual({ meals: 2, health: 1 });
        // A hit shows its first category.
        expect(r.hits.find((h) => h.id === 'r9')?.category).toBe('meals');
      } finally {
        await engine.delete([{ list: 'resources', id: 'r9' }]);
      }
    });

    it('says when a total and facet counts stop at the candidate cap, and counts exactly below it', async () => {
      // 老人 has five matches; with room for four candidates the engine must say the total is a lower bound, and
      // either count facets exactly or say they were counted over the candidates it kept.
      await engine.configure({ candidateCap: 4 });
      try {
        const r = await search({ q: '老人', facets: ['list', 'community'] });
        expect(r.totalCapped).toBe(true);
        expect(r.total).toBe(4);
        expect(r.hits.length).toBeLessThanOrEqual(4);
        expect(r.hits.length).toBeGreaterThan(0);
        for (const id of ids(r)) expect(['n1', 'n3', 'n5', 'p1', 'r2']).toContain(id);
        const counted = Object.values(r.facets.list ?? {}).reduce((a, b) => a + b, 0);
        if (r.facetsCapped) {
          expect(counted).toBe(r.total);
          expect(Object.values(r.facets.community ?? {}).reduce((a, b) => a + b, 0)).toBe(r.total);
        } else {
          expect(r.facets.list).toEqual({ needs: 3, resources: 1, projects: 1 });
          expect(r.facets.community).toEqual({ 'c-east': 4, 'c-west': 1 });
        }

        const few = await search({ q: '送餐', facets: ['list'] });
        expect(few.totalCapped).toBe(false);
        expect(few.facetsCapped).toBe(false);
        expect(few.total).toBe(3);
        expect(few.facets.list).toEqual({ needs: 1, resources: 1, projects: 1 });
      } finally {
        await engine.configure({ candidateCap: defaultSearchSettings.candidateCap });
      }
    });

    it('sorts by newest and by nearest deadline (items without one last)', async () => {
      expect(ids(await search({ lists: ['needs'], sort: 'newest' }))).toEqual(['n4', 'n3', 'n2', 'n1', 'n5']);
      const byDeadline = ids(await search({ lists: ['needs'], sort: 'deadline' }));
      expect(byDeadline.slice(0, 3)).toEqual(['n4', 'n2', 'n1']);
      expect(sorted(byDeadline.slice(3))).toEqual(['n3', 'n5']);
      expect(ids(await search({ q: '老人', sort: 'newest' }))).toEqual(['n3', 'p1', 'r2', 'n1', 'n5']);
    });

    it('pages through everything without repeats or gaps', async () => {
      const seen: string[] = [];
      for (let page = 1; page <= 3; page++) {
        const r = await search({ sort: 'newest', page, perPage: 4 });
        expect(r.total).toBe(11);
        expect(r.page).toBe(page);
        expect(r.hits.length).toBe(page < 3 ? 4 : 3);
        seen.push(...ids(r));
      }
      expect(sorted(seen)).toEqual(sorted(contractDocuments.map((d) => d.id)));
      expect((await search({ sort: 'newest', page: 4, perPage: 4 })).hits).toEqual([]);
    });

    it('highlights the matched words in the title and a snippet of the body', async () => {
      const r = await search({ q: '送餐', highlight: true });
      const n1 = r.hits.find((h) => h.id === 'n1')!;
      expect(matched(n1.highlights?.title)).toEqual(['送餐']);
      expect(n1.highlights?.title.map((p) => p.text).join('')).toBe('为独居老人送餐上门');
      const r2 = r.hits.find((h) => h.id === 'r2')!;
      expect(matched(r2.highlights?.snippet)).toContain('送餐');

      const legal = await search({ q: 'legal aid', highlight: true });
      expect(matched(legal.hits[0].highlights?.title)).toEqual(['legal', 'aid']);
      const typo = await search({ q: 'repiar', highlight: true });
      for (const hit of typo.hits) expect(matched(hit.highlights?.title)).toContain('repair');
    });

    it('returns the public fields of each hit', async () => {
      const [hit] = (await search({ q: 'bicycle' })).hits;
      expect(hit).toMatchObject({
        id: 'n4', list: 'needs', title: 'Bicycle repair for a delivery rider', category: 'repair', community: 'c-west',
        grid: 'g-3', status: 'open', urgency: 'urgent', kind: 'service',
      });
      expect(hit.createdAt.toISOString()).toBe('2026-01-15T08:00:00.000Z');
      expect(hit.deadline?.toISOString()).toBe('2026-01-18T08:00:00.000Z');
    });

    it('replaces a document on re-index, idempotently, and forgets a deleted one', async () => {
      const before = await engine.count();
      const changed = { ...contractDocuments.find((d) => d.id === 'r3')!, title: 'Repair café moves to the library', body: '图书馆二楼，每月第一个周六。' };
      await engine.index([changed]);
      await engine.index([changed]);
      expect(await engine.count()).toBe(before);
      expect(ids(await search({ q: 'library' }))).toEqual(['r3']);
      expect(ids(await search({ q: 'appliances' }))).toEqual([]);

      await engine.delete([{ list: 'resources', id: 'r3' }]);
      await engine.delete([{ list: 'resources', id: 'r3' }]);
      expect(await engine.count()).toBe(before - 1);
      expect(ids(await search({ q: 'library' }))).toEqual([]);

      await engine.index([contractDocuments.find((d) => d.id === 'r3')!]);
      expect(await engine.count()).toBe(before);
    });

    it('reindexes into a new generation while searches keep answering from the old one, then swaps', async () => {
      const generation = await engine.beginGeneration();
      const kept = contractDocuments.filter((d) => d.id !== 'n4');
      await engine.fillGeneration(generation, kept.slice(0, 5));
      // Searches still answer from the live generation while the new one fills.
      expect(ids(await search({ q: 'bicycle' }))).toEqual(['n4']);
      await engine.fillGeneration(generation, kept.slice(5));
      // A write during the reindex reaches both generations; the loader's older copy does not overwrite it.
      const renamed = { ...contractDocuments.find((d) => d.id === 'p2')!, title: 'Tenant rights evening classes' };
      await engine.index([renamed]);
      await engine.fillGeneration(generation, [contractDocuments.find((d) => d.id === 'p2')!]);
      expect(ids(await search({ q: 'classes' }))).toEqual(['p2']);
      await engine.swapGeneration(generation);

      expect(await engine.count()).toBe(contractDocuments.length - 1);
      expect(ids(await search({ q: 'bicycle' }))).toEqual([]);
      expect(ids(await search({ q: 'classes' }))).toEqual(['p2']);
      expect(sorted(ids(await search({ q: '送餐' })))).toEqual(['n1', 'p1', 'r2']);

      // Put the contract's documents back as they were.
      await engine.index(contractDocuments);
      expect(await engine.count()).toBe(contractDocuments.length);
    });

    it('does not bring back a document deleted while a reindex was filling', async () => {
      const generation = await engine.beginGeneration();
      const n5 = contractDocuments.find((d) => d.id === 'n5')!;
      await engine.delete([{ list: 'needs', id: 'n5' }]);
      await engine.fillGeneration(generation, contractDocuments); // the loader read n5 before it was deleted
      await engine.swapGeneration(generation);
      expect(ids(await search({ q: '楼道灯' }))).toEqual([]);
      expect(await engine.count()).toBe(contractDocuments.length - 1);
      await engine.index([n5]);
    });
  });
}
