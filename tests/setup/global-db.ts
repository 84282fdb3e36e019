// With DATABASE_URL, the whole run gets a fresh template database (migrated once); each test file clones it
// and every database this run made is dropped at the end. Without it, each file uses an in-memory PGlite.
import type { TestProject } from 'vitest/node';
import postgres from 'postgres';
import { openDatabase } from '../../db/client';
import { migrate } from '../../db/migrate';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string | null;
    runId: string;
  }
}

let cleanup: (() => Promise<void>) | undefined;

export async function setup(project: TestProject) {
  const runId = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  project.provide('runId', runId);
  const url = process.env.DATABASE_URL;
  if (!url) {
    project.provide('templateDatabase', null);
    return;
  }
  const template = `fivefold_test_${runId}_tmpl`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE "${template}"`);
  const u = new URL(url);
  u.pathname = `/${template}`;
  const handle = await openDatabase({ url: u.toString(), max: 1 });
  await migrate(handle);
  await handle.close();
  project.provide('templateDatabase', template);
  console.info(`Tests run on PostgreSQL at ${u.host}: template database ${template}`);
  cleanup = async () => {
    const dbs = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${`fivefold_test_${runId}_%`}`;
    for (const { datname } of dbs) await admin.unsafe(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await admin.end();
  };
}

export async function teardown() {
  await cleanup?.();
}
