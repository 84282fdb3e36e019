// After the demo is seeded (straight into the tables, not through the services and their outbox messages), the
// search index is rebuilt from it, so a first `npm start` has working search.
import { getFeedEngines, getPostgresEngine } from '../../search/index';
import { reindexAll } from '../../search/reindex';
import '../../search/sources';

export async function indexDemo() {
  try {
    // The recent window first, so that the documents are flagged as they are indexed (search/postgres-engine.ts).
    await (await getPostgresEngine()).refreshRecentWindow();
    const report = await reindexAll({ engines: await getFeedEngines() });
    return report.documents;
  } catch (error) {
    // The data is there either way; `npm run search:reindex` rebuilds the index later.
    console.warn(`[seed] The search index was not built: ${error instanceof Error ? error.message : String(error)}`);
    return 0;
  }
}
