// Opens the process's database from the environment and brings its schema up to date.
import { resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Env } from '../app/utils/env.server';
import { openDatabase, setDatabase, type DatabaseHandle } from './client';
import { migrate } from './migrate';

export async function bootDatabase(env: Env): Promise<DatabaseHandle> {
  let handle: DatabaseHandle;
  if (env.DATABASE_URL) {
    handle = await openDatabase({ url: env.DATABASE_URL });
  } else {
    const dir = env.DATA_DIR === 'memory://' ? 'memory://' : resolve(env.DATA_DIR, 'pglite');
    if (dir !== 'memory://') mkdirSync(dir, { recursive: true });
    handle = await openDatabase({ dataDir: dir });
  }
  setDatabase(handle);
  await migrate(handle);
  return handle;
}
