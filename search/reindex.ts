// Rebuilds the index from the lists' document loaders without downtime: a new generation is filled batch by
// batch while the live one keeps answering (and keeps receiving the outbox's writes), then the two are swapped.
import type { IndexGeneration, SearchEngine, SearchList } from './engine';
import { documentSource, registeredLists } from './loaders';

export interface ReindexProgress {
  list: SearchList;
  done: number;
  /** Unknown when the list's loader cannot count. */
  total: number | null;
}

export interface ReindexReport {
  lists: Partial<Record<SearchList, number>>;
  documents: number;
  ms: number;
}

export interface ReindexOptions {
  engines: SearchEngine[];
  batchSize?: number;
  onProgress?: (progress: ReindexProgress) => void;
}

export async function reindexAll(options: ReindexOptions): Promise<ReindexReport> {
  const started = Date.now();
  const lists = registeredLists();
  if (!lists.length) throw new Error('No search document loaders are registered: nothing to rebuild the index from.');
  const batchSize = options.batchSize ?? 500;
  const generations: Array<[SearchEngine, IndexGeneration]> = [];
  const report: ReindexReport = { lists: {}, documents: 0, ms: 0 };
  try {
    for (const engine of options.engines) generations.push([engine, await engine.beginGeneration()]);
    for (const list of lists) {
      const source = documentSource(list)!;
      const total = source.count ? await source.count() : null;
      let done = 0;
      let indexed = 0;
      let after: string | null = null;
      options.onProgress?.({ list, done, total });
      for (;;) {
        const ids = await source.ids(after, batchSize);
        if (!ids.length) break;
        const docs = (await source.load(ids)).filter((d) => d.list === list);
        for (const [engine, generation] of generations) await engine.fillGeneration(generation, docs);
        done += ids.length;
        indexed += docs.length;
        after = ids[ids.length - 1];
        options.onProgress?.({ list, done, total });
      }
      report.lists[list] = indexed;
      report.documents += indexed;
    }
    for (const [engine, generation] of generations) await engine.swapGeneration(generation);
  } catch (error) {
    for (const [engine, generation] of generations) await engine.abandonGeneration(generation).catch(() => {});
    throw error;
  }
  report.ms = Date.now() - started;
  return report;
}
