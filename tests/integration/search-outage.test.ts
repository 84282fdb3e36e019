// A search outage: Meilisearch is configured (MEILI_HOST) but nothing answers on its port. Searches still answer,
// from the PostgreSQL engine, and say so: the search page carries the notice and the API a `fallback: true` flag.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:net';
import { loader as apiLoader } from '../../app/routes/api.v1.search';
import { loader as pageLoader } from '../../app/routes/search';
import { translator } from '../../app/i18n/messages';
import type { SearchDocument } from '../../search/engine';
import { getPostgresEngine, resetSearchEngines } from '../../search/index';
import { useTestDatabase } from '../helpers/db';
import { resetEnvCache } from '../helpers/ledger';

useTestDatabase();

const saved = { MEILI_HOST: process.env.MEILI_HOST, MEILI_KEY: process.env.MEILI_KEY };
function setMeili(host: string | undefined) {
  if (host === undefined) delete process.env.MEILI_HOST;
  else process.env.MEILI_HOST = host;
  delete process.env.MEILI_KEY;
  resetEnvCache();
  resetSearchEngines();
}

/** A port on this machine where nothing listens: bound once to learn a free port, then closed. */
async function closedPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const doc: SearchDocument = {
  id: '00000000-0000-4000-8000-000000000777', list: 'projects', title: 'Stairwell lights 楼道照明', body: '', tags: [], category: null, community: null, grid: null,
  status: 'active', urgency: null, kind: 'project', createdAt: new Date('2026-01-01T00:00:00Z'), deadline: null, locale: null,
};

beforeAll(async () => {
  setMeili(undefined);
  await (await getPostgresEngine()).index([doc]);
});
afterAll(() => {
  setMeili(saved.MEILI_HOST);
  if (saved.MEILI_KEY) process.env.MEILI_KEY = saved.MEILI_KEY;
});

const page = async () => (await pageLoader({ request: new Request('http://localhost/search?q=照明'), params: {}, context: {} })) as { fallback: boolean; hits: { id: string }[] };
const api = async () => {
  const res = (await apiLoader({ request: new Request('http://localhost/api/v1/search?q=照明'), params: {}, context: {} })) as Response;
  expect(res.status).toBe(200);
  return (await res.json()) as { fallback: boolean; hits: { id: string }[] };
};

describe('a search outage', () => {
  it('answers from PostgreSQL with no notice when Meilisearch is not configured', async () => {
    expect(await page()).toMatchObject({ fallback: false, hits: [{ id: doc.id }] });
    expect(await api()).toMatchObject({ fallback: false, hits: [{ id: doc.id }] });
  });

  it('falls back to PostgreSQL, quickly, with a notice on the page and a flag in the API, while Meilisearch does not answer', async () => {
    setMeili(`http://127.0.0.1:${await closedPort()}`);
    const started = Date.now();
    expect(await page()).toMatchObject({ fallback: true, hits: [{ id: doc.id }] });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await api()).toMatchObject({ fallback: true, hits: [{ id: doc.id }] });
    // What the page then shows, in both languages.
    expect(translator('zh-CN')('search.fallback')).toMatch(/主搜索服务暂时无法连接/);
    expect(translator('en')('search.fallback')).toMatch(/cannot be reached/);
  });
});
