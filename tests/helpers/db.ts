// A database of one's own for a test file: call useTestDatabase() at the top of the file.
import { afterAll, beforeAll, inject } from 'vitest';
import { openDatabase, setDatabase, type DatabaseHandle } from '../../db/client';
import { migrate } from '../../db/migrate';

export interface TestDatabase {
  handle: DatabaseHandle;
  /** A postgres:// URL when the run uses a server, else undefined. */
  url: string | undefined;
}

export async function createTestDatabase(): Promise<TestDatabase & { drop(): Promise<void> }> {
  const template = inject('templateDatabase');
  const base = process.env.DATABASE_URL;
  if (template && base) {
    const name = `fivefold_test_${inject('runId')}_${Math.random().toString(36).slice(2, 10)}`;
    const admin = await openDatabase({ url: base, max: 1 });
    await admin.executeSql(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    await admin.close();
    const u = new URL(base);
    u.pathname = `/${name}`;
    const handle = await openDatabase({ url: u.toString(), max: 10 });
    return {
      handle,
      url: u.toString(),
      async drop() {
        await handle.close();
        const again = await openDatabase({ url: base, max: 1 });
        await again.executeSql(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await again.close();
      },
    };
  }
  const handle = await openDatabase({ dataDir: 'memory://' });
  await migrate(handle);
  return { handle, url: undefined, drop: () => handle.close() };
}

/** Opens a fresh database before the file's tests, makes it the process's database, drops it after. */
export function useTestDatabase(): TestDatabase {
  const ref = {} as TestDatabase;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const created = await createTestDatabase();
    ref.handle = created.handle;
    ref.url = created.url;
    drop = created.drop;
    setDatabase(created.handle);
  });
  afterAll(async () => {
    setDatabase(undefined);
    await drop?.();
  });
  return ref;
}
