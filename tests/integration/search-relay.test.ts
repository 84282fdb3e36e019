// Feeding the search index from the outbox, and rebuilding it: a test-only list of projects in a table of the
// test's own, with its document loader, stands in for the real lists.
import { sql } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { db, rows } from '../../db/client';
import { relayOutbox } from '../../app/outbox/relay.server';
import type { SearchDocument, SearchEngine } from '../../search/engine';
import { registerDocumentLoader } from '../../search/loaders';
import { PostgresSearchEngine } from '../../search/postgres-engine';
import { queueSearchDelete, queueSearchUpsert, registerSearchRelay } from '../../search/relay';
import { reindexAll, type ReindexProgress } from '../../search/reindex';
import { useTestDatabase } from '../helpers/db';

useTestDatabase();

afterEach(() => {
  vi.useRealTimers();
});

interface Row {
  id: string;
  title: string;
  secret_note: string;
  public: boolean;
  created_at: string | Date;
}

/** The test list's mapper: public fields only (secret_note never leaves the table). */
const toDocument = (r: Row): SearchDocument => ({
  id: r.id, list: 'projects', title: r.title, body: '', tags: [], category: null, community: null, grid: null, status: 'active',
  urgency: null, kind: 'project', createdAt: new Date(r.created_at), deadline: null, locale: null,
});

let loaderDelayMs = 0;
beforeAll(async () => {
  await db().execute(sql`CREATE TABLE test_projects (id text PRIMARY KEY, title text NOT NULL, secret_note text NOT NULL DEFAULT '',
    public boolean NOT NULL DEFAULT true, deleted boolean NOT NULL DEFAULT false, created_at timestamptz NOT NULL DEFAULT now())`);
  registerDocumentLoader(
    'projects',
    async (ids) => {
      if (loaderDelayMs) await new Promise((r) => setTimeout(r, loaderDelayMs));
      const found = await rows<Row>(db(), sql`SELECT * FROM test_projects WHERE public AND NOT deleted AND id IN (${sql.join(ids.map((i) => sql`${i}`), sql`, `)})`);
      return found.map(toDocument);
    },
    {
      ids: async (after, limit) =>
        (await rows<{ id: string }>(db(), sql`SELECT id FROM test_projects WHERE ${after === null ? sql`true` : sql`id > ${after}`} ORDER BY id LIMIT ${limit}`)).map((r) => r.id),
      count: async () => Number((await rows<{ n: number }>(db(), sql`SELECT count(*)::int AS n FROM test_projects`))[0].n),
    },
  );
});

/** Writes a project and queues its search message in the same transaction, as a real service does. */
async function saveProject(id: string, title: string, extra: { public?: boolean; secret?: string } = {}) {
  await db().transaction(async (tx) => {
    await tx.execute(sql`INSERT INTO test_projects (id, title, public, secret_note) VALUES (${id}, ${title}, ${extra.public ?? true}, ${extra.secret ?? ''})
      ON CONFLICT (id) DO UPDATE SET title = excluded.title, public = excluded.public, secret_note = excluded.secret_note`);
    await queueSearchUpsert(tx, 'projects', id);
  });
}

async function deleteProject(id: string) {
  await db().transaction(async (tx) => {
    await tx.execute(sql`UPDATE test_projects SET deleted = true WHERE id = ${id}`);
    await queueSearchDelete(tx, 'projects', id);
  });
}

/** What the index holds for the list, and what the database says it should hold. */
async function indexAndDatabase(engine: SearchEngine) {
  const result = await engine.search({ lists: ['projects'], sort: 'newest', perPage: 100 });
  const indexed = Object.fromEntries(result.hits.map((h) => [h.id, h.title]));
  const expected = Object.fromEntries(
    (await rows<Row>(db(), sql`SELECT id, title FROM test_projects WHERE public AND NOT deleted`)).map((r) => [r.id, r.title]),
  );
  return { indexed, expected };
}

describe('feeding the index from the outbox', () => {
  it('indexes what was committed, follows changes, and removes what is deleted or no longer public', async () => {
    const engine = new PostgresSearchEngine();
    registerSearchRelay(async () => [engine]);
    await db().execute(sql`DELETE FROM test_projects`);

    await saveProject('a1', 'Community garden 社区花园');
    await saveProject('a2', 'Repair café');
    await saveProject('a3', 'Tool library', { secret: 'key under the mat' });
    await relayOutbox();
    let state = await indexAndDatabase(engine);
    expect(state.indexed).toEqual(state.expected);
    expect(Object.keys(state.indexed).sort()).toEqual(['a1', 'a2', 'a3']);
    expect((await engine.search({ q: '花园' })).hits.map((h) => h.id)).toEqual(['a1']);
    expect((await engine.search({ q: 'mat' })).hits).toEqual([]);

    await saveProject('a2', 'Repair café at the library');
    await saveProject('a3', 'Tool library', { public: false });
    await deleteProject('a1');
    await relayOutbox();
    state = await indexAndDatabase(engine);
    expect(state.indexed).toEqual(state.expected);
    expect(state.indexed).toEqual({ a2: 'Repair café at the library' });

    // Re-delivery (the same messages again, out of order) changes nothing.
    await db().transaction(async (tx) => {
      await queueSearchUpsert(tx, 'projects', 'a2');
      await queueSearchUpsert(tx, 'projects', 'a1');
      await queueSearchDelete(tx, 'projects', 'a2');
      await queueSearchUpsert(tx, 'projects', 'a2');
    });
    expect(await relayOutbox()).toEqual({ delivered: 4, failed: 0 });
    state = await indexAndDatabase(engine);
    expect(state.indexed).toEqual({ a2: 'Repair café at the library' });
  });

  it('after the relay is killed between commit and indexing and restarted, the index equals the database', async () => {
    const healthy = new PostgresSearchEngine();
    await db().execute(sql`DELETE FROM test_projects`);
    await healthy.delete((await healthy.search({ lists: ['projects'], perPage: 100 })).hits.map((h) => ({ list: 'projects' as const, id: h.id })));

    // The first relay process indexes two items, then dies inside the third delivery.
    let reachedCrash!: () => void;
    const crashed = new Promise<void>((resolve) => (reachedCrash = resolve));
    let calls = 0;
    const dying: SearchEngine = Object.assign(Object.create(healthy) as SearchEngine, {
      async index(docs: SearchDocument[]) {
        if (++calls === 3) {
          reachedCrash();
          await new Promise(() => {}); // never returns: the process is gone
        }
        return healthy.index(docs);
      },
    });
    registerSearchRelay(async () => [dying]);
    for (let i = 1; i <= 6; i++) await saveProject(`k${i}`, `Bench repair ${i}`);
    void relayOutbox({ batchSize: 10 });
    await crashed;

    let state = await indexAndDatabase(healthy);
    expect(Object.keys(state.indexed).sort()).toEqual(['k1', 'k2']);

    // More writes happen while no relay runs.
    await saveProject('k2', 'Bench repair two, renamed');
    await deleteProject('k5');

    // A new relay process starts; the dead one's claimed rows come back once their lease has run out.
    registerSearchRelay(async () => [healthy]);
    await relayOutbox();
    state = await indexAndDatabase(healthy);
    expect(state.indexed).not.toEqual(state.expected); // k3, k4, k6 are still held by the dead relay's lease

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 61_000);
    await relayOutbox();
    state = await indexAndDatabase(healthy);
    expect(state.indexed).toEqual(state.expected);
    expect(Object.keys(state.indexed).sort()).toEqual(['k1', 'k2', 'k3', 'k4', 'k6']);
    expect(state.indexed.k2).toBe('Bench repair two, renamed');
  });
});

describe('search:reindex', () => {
  it('rebuilds the list into a new generation with progress while searches keep answering, then swaps', async () => {
    const engine = new PostgresSearchEngine();
    await db().execute(sql`DELETE FROM test_projects`);
    await db().execute(sql`INSERT INTO test_projects (id, title, created_at)
      SELECT 'g' || lpad(i::text, 4, '0'), 'Garden plot ' || i, now() - i * interval '1 minute' FROM generate_series(1, 600) AS i`);
    await reindexAll({ engines: [engine], batchSize: 200 });
    expect((await engine.search({ q: 'garden', lists: ['projects'] })).total).toBe(600);

    await db().execute(sql`UPDATE test_projects SET title = replace(title, 'Garden', 'Orchard')`);
    const progress: ReindexProgress[] = [];
    const during: Array<{ total: number; titles: Set<string> }> = [];
    loaderDelayMs = 20;
    const running = reindexAll({
      engines: [engine],
      batchSize: 100,
      onProgress: (p) => progress.push({ ...p }),
    });
    let finished = false;
    void running.finally(() => (finished = true));
    // Searches while the new generation fills and swaps: always complete, from one generation or the other.
    while (!finished) {
      const r = await engine.search({ lists: ['projects'], facets: ['list'], perPage: 100 });
      if (!finished) during.push({ total: r.total, titles: new Set(r.hits.map((h) => h.title.split(' ')[0])) });
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const report = await running;
    loaderDelayMs = 0;

    expect(report.lists.projects).toBe(600);
    expect(during.length).toBeGreaterThan(0);
    for (const d of during) {
      expect(d.total).toBe(600);
      expect(d.titles.size).toBe(1);
    }
    // The old generation answered while the new one was being filled.
    expect([...during[0].titles]).toEqual(['Garden']);
    expect(progress[0]).toEqual({ list: 'projects', done: 0, total: 600 });
    expect(progress.at(-1)).toEqual({ list: 'projects', done: 600, total: 600 });
    expect(progress.map((p) => p.done)).toEqual([0, 100, 200, 300, 400, 500, 600]);

    expect((await engine.search({ q: 'garden', lists: ['projects'] })).total).toBe(0);
    expect((await engine.search({ q: 'orchard', lists: ['projects'] })).total).toBe(600);
    expect(await engine.count()).toBe(600);
    // The old generation is gone.
    const [left] = await rows<{ n: number }>(db(), sql`SELECT count(DISTINCT generation)::int AS n FROM search_documents`);
    expect(Number(left.n)).toBe(1);
  });

  it('leaves the live index untouched when the rebuild fails', async () => {
    const engine = new PostgresSearchEngine();
    const before = await engine.count();
    const failing = Object.assign(Object.create(engine) as SearchEngine, {
      async fillGeneration() {
        throw new Error('disk full');
      },
    });
    await expect(reindexAll({ engines: [failing] })).rejects.toThrow('disk full');
    expect(await engine.count()).toBe(before);
    expect((await engine.search({ q: 'orchard' })).total).toBe(before);
    const [state] = await rows<{ building_generation: number | null }>(db(), sql`SELECT building_generation FROM search_state WHERE engine = 'postgres'`);
    expect(state.building_generation).toBeNull();
  });
});
