// One database handle per process: embedded PGlite in ./data by default, a PostgreSQL server when DATABASE_URL is set.
// The handle lives on globalThis so the Remix server bundle and the code started by tsx share it.
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import postgres from 'postgres';
import * as schema from './schema/index';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface SqlResult {
  rows: Record<string, unknown>[];
  rowCount: number;
}

export interface DatabaseHandle {
  db: Db;
  driver: 'pglite' | 'postgres';
  /** Raw SQL for tools that bring their own queries (pg-boss, migrations, tests). */
  executeSql(text: string, values?: unknown[]): Promise<SqlResult>;
  /**
   * Runs `fn` while this process holds a PostgreSQL session advisory lock, so work like migrations runs in one
   * process at a time when several start together. The embedded engine has one connection and one process.
   */
  exclusively<T>(key: number, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres:// URL of a server; when absent the embedded engine is used. */
  url?: string;
  /** Directory for the embedded engine; `memory://` keeps it in memory. */
  dataDir?: string;
  /** Connections in the server pool. */
  max?: number;
}

export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  if (options.url) {
    const max = options.max ?? 10;
    const client = postgres(options.url, {
      max,
      onnotice: () => {},
      connect_timeout: 5,
      idle_timeout: 30,
      // Every statement the app runs is short: JIT compilation (on by default) would cost more than it saves.
      connection: { jit: 'off' },
    });
    const db = drizzlePostgres(client, { schema }) as unknown as Db;
    return {
      db,
      driver: 'postgres',
      async executeSql(text, values = []) {
        const result = (values.length
          ? await client.unsafe(text, values as postgres.ParameterOrJSON<never>[])
          : await client.unsafe(text).simple()) as unknown as postgres.RowList<Record<string, unknown>[]> | postgres.RowList<Record<string, unknown>[]>[];
        // A multi-statement simple query yields one result per statement: keep the last.
        const last = (result.length > 0 && Array.isArray(result[0]) ? result[result.length - 1] : result) as postgres.RowList<Record<string, unknown>[]>;
        return { rows: [...last], rowCount: last.count ?? last.length };
      },
      async exclusively(key, fn) {
        // The lock lives on one reserved connection; the work uses the rest of the pool (a pool of one cannot
        // spare a connection, and such pools belong to single-purpose tools that run alone).
        if (max < 2) return fn();
        const held = await client.reserve();
        try {
          await held`select pg_advisory_lock(${key})`;
          return await fn();
        } finally {
          await held`select pg_advisory_unlock(${key})`.catch(() => undefined);
          held.release();
        }
      },
      async close() {
        await client.end({ timeout: 5 });
      },
    };
  }
  const pglite = new PGlite(options.dataDir ?? 'memory://', { extensions: { pg_trgm } });
  await pglite.waitReady;
  const db = drizzlePglite(pglite, { schema }) as unknown as Db;
  return {
    db,
    driver: 'pglite',
    async executeSql(text, values = []) {
      if (values.length) {
        const r = await pglite.query<Record<string, unknown>>(text, values);
        return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
      }
      const results = await pglite.exec(text);
      const last = results[results.length - 1];
      return { rows: (last?.rows ?? []) as Record<string, unknown>[], rowCount: last?.affectedRows ?? last?.rows.length ?? 0 };
    },
    exclusively: (_key, fn) => fn(),
    async close() {
      if (!pglite.closed) await pglite.close();
    },
  };
}

const KEY = Symbol.for('fivefold.database');
type Registry = { [KEY]?: DatabaseHandle };

export function setDatabase(handle: DatabaseHandle | undefined) {
  (globalThis as Registry)[KEY] = handle;
}

export function getDatabase(): DatabaseHandle {
  const handle = (globalThis as Registry)[KEY];
  if (!handle) throw new Error('The database is not open: call openDatabase() and setDatabase() at start-up.');
  return handle;
}

/** The drizzle database of this process. */
export function db(): Db {
  return getDatabase().db;
}

/** Rows of a raw SQL query, the same shape on both drivers. */
export async function rows<T = Record<string, unknown>>(dbOrTx: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await dbOrTx.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows: T[] }).rows ?? []) as T[];
}
