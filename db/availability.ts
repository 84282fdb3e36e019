// Whether the PostgreSQL server answers. When a query fails because the connection is gone (the server restarts,
// the network drops), the process marks the database unavailable and probes it with `select 1` every half second;
// meanwhile the HTTP layer answers 503 at once instead of letting each request wait for a connection it will not
// get. The first probe that succeeds lets requests through again. The embedded engine never goes away, so it never
// trips. State lives on globalThis so the Remix server bundle and the server that loads it share it.
import { getDatabase } from './client';

/** postgres.js client error codes and SQLSTATEs that mean the connection, not the query, failed. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  '08000', // connection_exception
  '08001', // sqlclient_unable_to_establish_sqlconnection
  '08003', // connection_does_not_exist
  '08004', // sqlserver_rejected_establishment_of_sqlconnection
  '08006', // connection_failure
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up)
]);

const PROBE_EVERY_MS = 500;
const PROBE_TIMEOUT_MS = 2_000;

interface State {
  downSince: number | null;
  probing: boolean;
}

const KEY = Symbol.for('fivefold.database.availability');
type Registry = { [KEY]?: State };

function state(): State {
  const g = globalThis as Registry;
  g[KEY] ??= { downSince: null, probing: false };
  return g[KEY];
}

/** True when the error (or one it wraps, as drizzle does) says the database connection failed. */
export function isConnectionError(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
  }
  return false;
}

/** Since when (ms epoch) the database has been unavailable, or null when it answers. */
export function databaseDownSince(): number | null {
  return state().downSince;
}

/**
 * Reports an error a request met. A connection failure marks the database unavailable and starts probing;
 * anything else is left alone. Returns whether it was a connection failure.
 */
export function reportDatabaseError(error: unknown): boolean {
  if (!isConnectionError(error)) return false;
  const s = state();
  s.downSince ??= Date.now();
  if (!s.probing) {
    s.probing = true;
    void probeUntilBack(s);
  }
  return true;
}

async function probeUntilBack(s: State) {
  try {
    for (;;) {
      await new Promise((r) => setTimeout(r, PROBE_EVERY_MS).unref?.());
      let handle;
      try {
        handle = getDatabase();
      } catch {
        break; // The process closed its database (shutting down): nothing to wait for.
      }
      const ok = await Promise.race([
        handle.executeSql('select 1').then(
          () => true,
          () => false,
        ),
        new Promise<boolean>((r) => setTimeout(() => r(false), PROBE_TIMEOUT_MS).unref?.()),
      ]);
      if (ok) break;
    }
  } finally {
    s.downSince = null;
    s.probing = false;
  }
}
