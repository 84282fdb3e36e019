// Acceptance of search on the demo street: the queries people type find the right items in the top five, and
// no private detail of any demo need or volunteer reaches the index. The index is built the way a first start
// builds it (indexDemo after the seed), through the real document loaders of the needs and resource lists.
import { eq, inArray, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db, rows } from '../../db/client';
import { needPrivateDetails, needs, organisationProfiles, places, resources, users, volunteerProfiles } from '../../db/schema';
import { seedDemo } from '../../db/seed/demo';
import { indexDemo } from '../../db/seed/search-index';
import type { SearchHit } from '../../search/engine';
import { getPostgresEngine, resetSearchEngines } from '../../search/index';
import { useTestDatabase } from '../helpers/db';

useTestDatabase();

beforeAll(async () => {
  resetSearchEngines();
  await seedDemo();
  await indexDemo();
}, 120_000);

const search = async (q: string) => (await getPostgresEngine()).search({ q, perPage: 5, highlight: true });

/** The categories a hit belongs to as its page shows them: a need's category, all of a resource's. */
async function categoriesOf(hit: SearchHit): Promise<string[]> {
  if (hit.list === 'needs') return (await db().select({ c: needs.category }).from(needs).where(eq(needs.id, hit.id))).map((r) => r.c);
  if (hit.list === 'projects') return (await rows<{ c: string }>(db(), sql`select category as c from projects where id = ${hit.id}`)).map((r) => r.c);
  return (await db().select({ c: resources.categories }).from(resources).where(eq(resources.id, hit.id)))[0]?.c ?? [];
}

describe('searching the demo street', () => {
  it('indexes every public need and resource, and nothing else', async () => {
    const engine = await getPostgresEngine();
    const [{ n: publicNeeds }] = await rows<{ n: number }>(db(), sql`select count(*)::int as n from needs where status <> 'raised'`);
    const [{ n: publicResources }] = await rows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from resources r where r.status = 'active' and (r.kind <> 'organisation' or exists (select 1 from organisation_profiles op where op.resource_id = r.id and op.verification = 'verified'))`,
    );
    // Counted per list: the projects list has its own loader and tests.
    const { facets } = await engine.search({ facets: ['list'], perPage: 1 });
    expect(facets.list?.needs).toBe(Number(publicNeeds));
    expect(facets.list?.resources).toBe(Number(publicResources));
    const unverified = await db().select({ id: resources.id }).from(resources).innerJoin(organisationProfiles, eq(organisationProfiles.resourceId, resources.id)).where(eq(organisationProfiles.verification, 'unverified'));
    expect(unverified.length).toBeGreaterThan(0);
    const found = await engine.search({ lists: ['resources'], filters: { kind: 'organisation' }, perPage: 100 });
    for (const u of unverified) expect(found.hits.map((h) => h.id)).not.toContain(u.id);
  });

  it('送餐 finds meal delivery', async () => {
    const { hits } = await search('送餐');
    expect(hits).toHaveLength(5);
    for (const h of hits) expect(h.highlights!.title.some((p) => p.match) || (await categoriesOf(h)).includes('meals')).toBe(true);
    expect(hits.some((h) => h.title.includes('送餐'))).toBe(true);
  });

  it('老人 finds needs of elders', async () => {
    const { hits, total } = await search('老人');
    expect(total).toBeGreaterThan(5);
    expect(hits).toHaveLength(5);
    for (const h of hits) expect(h.title).toContain('老人');
  });

  it('四点半课堂 finds the after-school class team and classroom', async () => {
    const { hits } = await search('四点半课堂');
    const titles = hits.map((h) => h.title);
    expect(titles.some((t) => t.includes('四点半课堂') && t.includes('队'))).toBe(true);
    expect(titles.some((t) => t.includes('四点半课堂') && t.includes('教室'))).toBe(true);
  });

  it('法律援助 and "legal aid" find legal aid in both languages', async () => {
    for (const q of ['法律援助', 'legal aid']) {
      const { hits } = await search(q);
      expect(hits.length, q).toBe(5);
      // About legal aid: in that category, or saying so in its title (a project named 法律援助进社区).
      for (const h of hits) expect((await categoriesOf(h)).includes('legal_aid') || h.title.includes('法律援助'), `${q}: ${h.title}`).toBe(true);
    }
    expect((await search('法律援助')).hits.map((h) => h.title)).toContain('云溪法律援助工作站');
  });

  it('the misspelling "repiar" still finds repairs', async () => {
    const { hits } = await search('repiar');
    expect(hits).toHaveLength(5);
    for (const h of hits) expect(await categoriesOf(h), h.title).toContain('repairs');
    // The needs list too: their category is "Repairs and housing", found through the corrected prefix.
    const needsOnly = await (await getPostgresEngine()).search({ q: 'repiar', lists: ['needs'], perPage: 5 });
    expect(needsOnly.hits).toHaveLength(5);
    for (const h of needsOnly.hits) expect(await categoriesOf(h), h.title).toEqual(['repairs']);
  });

  it('filters resources by any of their categories, as the resource list does', async () => {
    const engine = await getPostgresEngine();
    for (const category of ['legal_aid', 'repairs', 'meals']) {
      const [{ n }] = await rows<{ n: number }>(
        db(),
        sql`select count(*)::int as n from resources r where ${category} = any(r.categories) and r.status = 'active' and (r.kind <> 'organisation' or exists (select 1 from organisation_profiles op where op.resource_id = r.id and op.verification = 'verified'))`,
      );
      const found = await engine.search({ lists: ['resources'], filters: { category }, facets: ['category'] });
      expect(found.total, category).toBe(Number(n));
      expect(found.facets.category?.[category], category).toBe(Number(n));
    }
  });

  it('a query that matches nothing finds nothing', async () => {
    expect((await search('zzqxj')).total).toBe(0);
  });
});

describe('privacy of the index', () => {
  it('holds no private detail of any demo need or volunteer', async () => {
    const docs = await rows<{ list: string; doc_id: string; text: string }>(
      db(),
      sql`select d.list, d.doc_id, concat_ws(' ', d.title, d.body, array_to_string(d.tags, ' '), d.category, d.community, d.grid, d.status, d.urgency, d.kind) as text
          from search_documents d where d.generation = (select live_generation from search_state where engine = 'postgres')`,
    );
    expect(docs.length).toBeGreaterThan(300);
    const all = docs.map((d) => d.text).join('\n');

    const secrets = new Set<string>();
    // Needs: the private details table, and the requester's own words.
    for (const p of await db().select().from(needPrivateDetails)) for (const v of [p.phone, p.email, p.address, p.healthNotes, p.contactName]) if (v) secrets.add(v);
    const needRows = await db().select({ id: needs.id, title: needs.title, description: needs.description, placeId: needs.placeId, summary: needs.publicSummary }).from(needs);
    // Descriptions are what the requester wrote and never public (titles are public only as their sanitised summary).
    for (const n of needRows) if (n.description) secrets.add(n.description);
    // Volunteers: account name, email and phones; organisations: their contact person.
    const vols = await db()
      .select({ name: users.name, email: users.email, phone: users.phone, contactPhone: volunteerProfiles.contactPhone })
      .from(volunteerProfiles)
      .innerJoin(users, eq(users.id, volunteerProfiles.userId));
    expect(vols.length).toBeGreaterThan(100);
    for (const v of vols) for (const x of [v.name, v.email, v.phone, v.contactPhone]) if (x) secrets.add(x);
    for (const o of await db().select().from(organisationProfiles)) for (const x of [o.contactName, o.contactPhone, o.contactEmail]) if (x) secrets.add(x);
    expect(secrets.size).toBeGreaterThan(500);

    // Short values (two-character names) can occur by chance inside public words; what is checked is whole private values.
    const leaked = [...secrets].filter((s) => s.length >= 3 && all.includes(s));
    expect(leaked).toEqual([]);

    // Nobody's door: a need's or volunteer's own place below grid level never appears in its document.
    const byDoc = new Map(docs.map((d) => [`${d.list}:${d.doc_id}`, d.text]));
    const buildingNames = new Map((await db().select({ id: places.id, zh: places.nameZh, en: places.nameEn }).from(places).where(inArray(places.type, ['building', 'compound']))).map((p) => [p.id, p]));
    for (const n of needRows) {
      const text = byDoc.get(`needs:${n.id}`);
      const place = buildingNames.get(n.placeId);
      if (text && place) expect(text.includes(place.zh) || text.includes(place.en), n.id).toBe(false);
    }
    const volunteerPlaces = await db().select({ id: resources.id, placeId: resources.placeId }).from(resources).where(eq(resources.kind, 'volunteer'));
    for (const v of volunteerPlaces) {
      const text = byDoc.get(`resources:${v.id}`);
      const place = buildingNames.get(v.placeId);
      expect(text, v.id).toBeDefined();
      if (place) expect(text!.includes(place.zh) || text!.includes(place.en), v.id).toBe(false);
    }
  });
});
