// Applies the committed SQL migrations in db/migrations, on either driver.
import { fileURLToPath } from 'node:url';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import type { DatabaseHandle } from './client';

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** Any fixed number: the advisory lock under which one process at a time migrates a server database. */
const MIGRATION_LOCK = 5_150_505;

export async function migrate(handle: DatabaseHandle) {
  if (handle.driver === 'pglite') {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder });
  } else {
    // Several web and worker processes may start at once: the first migrates, the others wait, then find nothing to do.
    await handle.exclusively(MIGRATION_LOCK, async () => {
      await handle.executeSql('SET client_min_messages = warning');
      await migratePostgres(handle.db as unknown as PostgresJsDatabase, { migrationsFolder });
    });
  }
}
