// The Meilisearch engine passes the same search contract. It needs a Meilisearch server (MEILI_HOST, and
// MEILI_KEY when the server has a master key); none can be installed on the development machines, so without
// MEILI_HOST the suite is skipped and says so.
import { describe } from 'vitest';
import { MeilisearchEngine } from '../../search/meilisearch-engine';
import { searchEngineContract } from '../contract/search-engine';
import { useTestDatabase } from '../helpers/db';

const host = process.env.MEILI_HOST;

if (!host) {
  console.info('search-meilisearch: SKIPPED the Meilisearch contract suite because MEILI_HOST is not set (no Meilisearch server here). Set MEILI_HOST (and MEILI_KEY) to run it.');
}

describe.skipIf(!host)('Meilisearch engine', () => {
  useTestDatabase();
  searchEngineContract(`meilisearch (${host})`, {
    makeEngine: async () =>
      new MeilisearchEngine({ host: host!, apiKey: process.env.MEILI_KEY, indexUid: `fivefold_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}` }),
    cleanup: async (engine) => {
      await (engine as MeilisearchEngine).destroy();
    },
  });
});
