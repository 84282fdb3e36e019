// Daily: moves the PostgreSQL search engine's recent window (the last twelve months, which have a GIN index of their
// own so that the newest matches of a common word are found without visiting every older one). The first run after
// an upgrade flags the documents of the last twelve months; later runs move the window a week or more at a time.
import { getPostgresEngine } from '../search/index';
import { runJob } from './runner';

export const SEARCH_RECENT_WINDOW = 'search-recent-window';

export const searchRecentWindowJob = () =>
  runJob(SEARCH_RECENT_WINDOW, 30 * 60_000, async () => {
    const engine = await getPostgresEngine();
    const moved = await engine.refreshRecentWindow();
    if (moved) console.info(`[worker] search recent window from ${moved.since.toISOString()}: ${moved.changed} documents changed`);
  });
