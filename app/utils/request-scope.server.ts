// What the loaders of one HTTP request share. Remix hands each loader a copy of the Request (it strips its own
// search parameters), so a memo keyed on the Request object is computed once per loader, not once per request.
// server/app.ts opens a scope for every request it passes to Remix; outside one (tests calling a loader directly,
// jobs) nothing is shared.
import { AsyncLocalStorage } from 'node:async_hooks';

// One instance per process, whoever imports this: the server (server/app.ts, run by node) and the Remix build (which
// bundles its own copy of this module) must meet in the same storage.
const slot = Symbol.for('fivefold.requestScope');
const scope: AsyncLocalStorage<Map<string, unknown>> = ((globalThis as Record<symbol, unknown>)[slot] ??= new AsyncLocalStorage()) as AsyncLocalStorage<Map<string, unknown>>;

/** Runs `fn` (and everything it awaits) in a fresh request scope. */
export function inRequestScope<T>(fn: () => T): T {
  return scope.run(new Map(), fn);
}

/**
 * The value computed for `key` earlier in this request's scope, or `compute()` remembered under it. Without a scope,
 * `compute()` every time.
 */
export function sharedInRequest<T>(key: string, compute: () => T): T {
  const store = scope.getStore();
  if (!store) return compute();
  if (store.has(key)) return store.get(key) as T;
  const value = compute();
  store.set(key, value);
  return value;
}
