// How many times this process has changed a search index: answers kept for a few seconds (app/search/search.server.ts)
// are dropped as soon as it moves. On globalThis, so that the relay and reindex started by tsx (WORKER_IN_PROCESS)
// and the search page in the Remix build, two copies of this module, count together.
const KEY = Symbol.for('fivefold.search.changes');
type Registry = { [KEY]?: number };

/** Call after a write to an index (documents added or removed, a generation swapped in, settings changed). */
export function noteSearchChange() {
  const g = globalThis as Registry;
  g[KEY] = (g[KEY] ?? 0) + 1;
}

/** The changes so far in this process. */
export function searchChanges(): number {
  return (globalThis as Registry)[KEY] ?? 0;
}
