// Which engine answers: PostgreSQL by default; with MEILI_HOST set but the server unreachable, searches fall back
// to PostgreSQL with a notice, and indexing still reaches PostgreSQL while the Meilisearch write is retried.
import { afterEach, describe, expect, it } from 'vitest';
import type { SearchDocument } from '../../search/engine';
import { getFeedEngines, getSearchEngine, resetSearchEngines, searchNotice } from '../../search/index';
import { registerDocumentLoader } from '../../search/loaders';
import { syncDocument } from '../../search/relay';
import { useTestDatabase } from '../helpers/db';

useTestDatabase();

const ENV_KEY = Symbol.for('fivefold.env');
function setEnv(vars: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  delete (globalThis as Record<symbol, unknown>)[ENV_KEY];
  resetSearchEngines();
}

const saved = { MEILI_HOST: process.env.MEILI_HOST, MEILI_KEY: process.env.MEILI_KEY };
afterEach(() => setEnv(saved));

const doc: SearchDocument = {
  id: 'q1', list: 'projects', title: 'Quilting circle 拼布小组', body: '', tags: [], category: null, community: null, grid: null,
  status: 'active', urgency: null, kind: 'project', createdAt: new Date('2026-01-01T00:00:00Z'), deadline: null, locale: null,
};

describe('choosing the search engine', () => {
  it('uses PostgreSQL, with no notice, when MEILI_HOST is not set', async () => {
    setEnv({ MEILI_HOST: undefined, MEILI_KEY: undefined });
    expect((await getSearchEngine()).name).toBe('postgres');
    expect((await getFeedEngines()).map((e) => e.name)).toEqual(['postgres']);
    expect(searchNotice()).toBeNull();
  });

  it('falls back to PostgreSQL with a notice when Meilisearch does not answer, and keeps PostgreSQL fed', async () => {
    setEnv({ MEILI_HOST: 'http://127.0.0.1:9', MEILI_KEY: undefined });
    const engine = await getSearchEngine();
    expect(engine.name).toBe('postgres');
    expect(searchNotice()).toMatchObject({ kind: 'meilisearch_unreachable', host: 'http://127.0.0.1:9' });

    registerDocumentLoader('projects', async (ids) => (ids.includes('q1') ? [doc] : []), { ids: async () => [] });
    const engines = await getFeedEngines();
    expect(engines.map((e) => e.name)).toEqual(['postgres', 'meilisearch']);
    // The delivery fails (so the outbox will retry it) but PostgreSQL has the document already.
    await expect(syncDocument(engines, { list: 'projects', id: 'q1' })).rejects.toThrow(/meilisearch/);
    expect((await engine.search({ q: '拼布' })).hits.map((h) => h.id)).toEqual(['q1']);
  });
});
