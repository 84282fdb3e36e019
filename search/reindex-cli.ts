// `npm run search:reindex`: rebuilds every search index from the database without downtime, showing progress.
import { EnvError, parseEnv } from '../app/utils/env.server';
import { bootDatabase } from '../db/boot';
import { getFeedEngines, getPostgresEngine } from './index';
import { registeredLists } from './loaders';
import { reindexAll } from './reindex';
import './sources';

let handle;
try {
  handle = await bootDatabase(parseEnv(process.env));
} catch (error) {
  console.error(error instanceof EnvError ? error.message : error);
  process.exit(1);
}
try {
  if (!registeredLists().length) {
    console.error('No search document loaders are registered (search/sources.ts): nothing to rebuild the index from; the index was left as it is.');
    process.exitCode = 1;
  } else {
    const engines = await getFeedEngines();
    // The recent window first (a no-op when it moved within the week), so the new generation is flagged as it fills.
    await (await getPostgresEngine()).refreshRecentWindow();
    console.log(`Rebuilding the search index on ${engines.map((e) => e.name).join(' and ')}: ${registeredLists().join(', ')}`);
    const report = await reindexAll({
      engines,
      onProgress: ({ list, done, total }) => {
        const pct = total ? ` (${Math.round((100 * done) / Math.max(total, 1))}%)` : '';
        process.stdout.write(`\r  ${list}: ${done.toLocaleString('en')}${total !== null ? ` / ${total.toLocaleString('en')}` : ''}${pct}   `);
        if (total !== null && done >= total) process.stdout.write('\n');
      },
    });
    console.log(`\nDone: ${report.documents.toLocaleString('en')} documents in ${(report.ms / 1000).toFixed(1)} s; the new index is live.`);
  }
} catch (error) {
  console.error(`Reindex failed, the live index is unchanged: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await handle.close();
}
