// pg-boss on the same PostgreSQL: its own pool on a server, or the embedded PGlite through executeSql.
import PgBoss from 'pg-boss';
import type { DatabaseHandle } from '../db/client';

export function createBoss(handle: DatabaseHandle, url: string | undefined) {
  const options: PgBoss.ConstructorOptions = handle.driver === 'postgres' && url
    ? { connectionString: url, max: 4 }
    : { db: { executeSql: (text: string, values?: unknown[]) => handle.executeSql(text, values ?? []) } };
  return new PgBoss({ ...options, schema: 'pgboss' });
}
