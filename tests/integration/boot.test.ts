// Starting Fivefold as an operator does: a bad variable stops it with a message naming the variable, and a
// second start on the same embedded data reuses it instead of seeding again.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { setDatabase } from '../../db/client';
import { bootDatabase } from '../../db/boot';
import { seedDemoIfEmpty } from '../../db/seed/demo';
import { places, users } from '../../db/schema';
import { parseEnv } from '../../app/utils/env.server';

const start = (env: Partial<NodeJS.ProcessEnv>) =>
  spawnSync('npx', ['tsx', 'server/start.ts'], { env: { PATH: process.env.PATH!, HOME: process.env.HOME!, NODE_ENV: 'development', ...env }, encoding: 'utf8', timeout: 60_000 });

describe('starting the server', () => {
  it('stops with a message naming a bad PORT', () => {
    const run = start({ PORT: 'eighty', DATA_DIR: 'memory://' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('PORT must be a whole number between 1 and 65535 (got "eighty")');
  });

  it('refuses a production start without SESSION_SECRET, naming it', () => {
    const run = start({ NODE_ENV: 'production', DATA_DIR: 'memory://' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('SESSION_SECRET is required in production');
  });

  it('refuses a production start without TOTP_ENCRYPTION_KEY, naming it', () => {
    const run = start({ NODE_ENV: 'production', DATA_DIR: 'memory://', SESSION_SECRET: 's'.repeat(40) });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('TOTP_ENCRYPTION_KEY is required in production');
    expect(run.stderr).not.toContain('SESSION_SECRET');
  });

  it('names a DATABASE_URL that is not a PostgreSQL URL without echoing it', () => {
    const run = start({ DATABASE_URL: 'mysql://root:hunter2@db/x', DATA_DIR: 'memory://' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('DATABASE_URL must be a URL starting with postgres:// or postgresql://');
    expect(run.stderr).not.toContain('hunter2');
  });
});

describe('the embedded database on disk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fivefold-boot-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is created and seeded on the first start and reused on the second', async () => {
    const env = parseEnv({ NODE_ENV: 'test', DATA_DIR: dir });
    const first = await bootDatabase(env);
    expect(await seedDemoIfEmpty()).toBe(true);
    const [p1] = await first.db.select({ n: count() }).from(places);
    const [u1] = await first.db.select({ n: count() }).from(users);
    await first.close();
    setDatabase(undefined);

    const second = await bootDatabase(env);
    expect(await seedDemoIfEmpty()).toBe(false);
    const [p2] = await second.db.select({ n: count() }).from(places);
    const [u2] = await second.db.select({ n: count() }).from(users);
    expect([Number(p2.n), Number(u2.n)]).toEqual([Number(p1.n), Number(u1.n)]);
    expect(Number(p1.n)).toBeGreaterThan(50);
    await second.close();
    setDatabase(undefined);
  });
});
