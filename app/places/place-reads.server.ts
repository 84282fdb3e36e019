// Public reads of the place tree kept per web process for a few seconds. Every list page offers its communities and
// grids as filters and every page names the communities' own categories; places change a few times a year, pages
// are read many times a second. A change made through this process (a place created, renamed or archived, a
// community's needs settings saved) drops every copy once its transaction has committed; other web processes see
// it within PLACE_READS_MAX_AGE_MS. Only public fields belong here.

export const PLACE_READS_MAX_AGE_MS = 5_000;

const copies = new Map<string, { readAt: number; value: Promise<unknown> }>();

/** The copy of `key` read less than PLACE_READS_MAX_AGE_MS ago, or a fresh `read()`. Callers must not mutate it. */
export function placeRead<T>(key: string, read: () => PromiseLike<T>): Promise<T> {
  const now = Date.now();
  const held = copies.get(key);
  if (held && now - held.readAt <= PLACE_READS_MAX_AGE_MS) return held.value as Promise<T>;
  // A query builder runs its query each time it is awaited: settle it once, into a promise that keeps the rows.
  const value = Promise.resolve(read());
  const copy = { readAt: now, value };
  copies.set(key, copy);
  // A failed read is not kept: the next request reads again.
  value.catch(() => {
    if (copies.get(key) === copy) copies.delete(key);
  });
  return value;
}

/** Drops this process's copies: call after a transaction that changed places or their settings commits. */
export function forgetPlaceReads() {
  copies.clear();
}
