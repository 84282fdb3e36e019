// Where the index gets its documents: each list (needs, resources, projects) registers a loader that maps its
// entities to public SearchDocuments (see the warning on SearchDocument in search/engine.ts).
import type { SearchDocument, SearchList } from './engine';

/** Current public documents for these ids. An id missing from the answer is not (or no longer) public: it is removed from the index. */
export type DocumentLoader = (ids: string[]) => Promise<SearchDocument[]>;

export interface DocumentSource {
  load: DocumentLoader;
  /** Ids of the list in ascending order, after `after` (exclusive), at most `limit`: how a reindex walks the list. */
  ids(after: string | null, limit: number): Promise<string[]>;
  /** How many ids the walk will see, for progress. */
  count?(): Promise<number>;
}

const KEY = Symbol.for('fivefold.search.loaders');
type Registry = { [KEY]?: Map<SearchList, DocumentSource> };

function sources(): Map<SearchList, DocumentSource> {
  const g = globalThis as Registry;
  g[KEY] ??= new Map();
  return g[KEY];
}

/** Registers (or replaces) the loader of a list. */
export function registerDocumentLoader(list: SearchList, load: DocumentLoader, walk: Omit<DocumentSource, 'load'>) {
  sources().set(list, { load, ...walk });
}

export function unregisterDocumentLoader(list: SearchList) {
  sources().delete(list);
}

export function documentSource(list: SearchList): DocumentSource | undefined {
  return sources().get(list);
}

export function registeredLists(): SearchList[] {
  return [...sources().keys()];
}
