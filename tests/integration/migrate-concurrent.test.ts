// Several web and worker processes starting at once against one PostgreSQL server: exactly one applies the
// migrations, the others wait and then find nothing to do — never a half-applied schema or a failed start.
// Needs a server (DATABASE_URL); the embedded engine has one process and one connection, so there is no race.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { migrate, migrationsFolder } from '../../db/migrate';

const base = process.env.DATABASE_URL;
if (!base) console.info('migrate-concurrent: skipped — it needs a PostgreSQL server (set DATABASE_URL); the embedded engine has no concurrent starts.');

describe.skipIf(!base)('migrations when several processes start together', () => {
  it('five processes migrate one empty database: all start, each migration is applied once', async () => {
    const name = `fivefold_migrate_race_${Math.random().toString(36).slice(2, 10)}`;
    const admin = await openDatabase({ url: base!, max: 1 });
    await admin.executeSql(`CREATE DATABASE "${name}"`);
    const u = new URL(base!);
    u.pathname = `/${name}`;
    const handles = await Promise.all(Array.from({ length: 5 }, () => openDatabase({ url: u.toString(), max: 3 })));
    try {
      const results = await Promise.allSettled(handles.map((h) => migrate(h)));
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      const files = readdirSync(migrationsFolder).filter((f) => f.endsWith('.sql'));
      const { rows } = await handles[0].executeSql('select count(*)::int as n, count(distinct hash)::int as distinct_hashes from drizzle.__drizzle_migrations');
      expect(rows[0]).toEqual({ n: files.length, distinct_hashes: files.length });
      // The schema is whole: a table from the last migrations is there.
      const { rows: tables } = await handles[0].executeSql("select count(*)::int as n from information_schema.tables where table_name in ('needs', 'ledger_entries', 'audit_events')");
      expect(tables[0].n).toBe(3);
    } finally {
      await Promise.all(handles.map((h) => h.close()));
      await admin.executeSql(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.close();
    }
  }, 120_000);
});
