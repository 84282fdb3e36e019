// WEB_PROCESSES: an operator starts several web processes with one command, as the operator guide says. They share
// the port and answer pages; one that dies is replaced while the others go on answering; SIGTERM stops them all.
// Needs a PostgreSQL server (the embedded database belongs to one process) and a build of the app, made here.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/db';
import { until } from '../helpers/wait';

const server = Boolean(process.env.DATABASE_URL);
if (!server) {
  console.info(
    'web-processes: SKIPPED because DATABASE_URL is not set: several web processes need a PostgreSQL server (the embedded PGlite database belongs to one process). Run with DATABASE_URL=postgres://… to run it.',
  );
}

const BUILD_DIR = '.builds/web-processes-test';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** The status of a GET on a new connection (0 if it fails): fetch would reuse a kept-alive socket, and one held by a
 *  killed process is reset, which is not what a browser opening the page afterwards sees. */
function statusOnNewConnection(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = get(url, { agent: false, headers: { Connection: 'close' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.setTimeout(10_000, () => req.destroy());
  });
}

/** The live child processes of a process (Linux /proc). */
function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

describe.skipIf(!server)('several web processes (WEB_PROCESSES)', () => {
  const database = useTestDatabase();
  let primary: ChildProcess;
  let output = '';
  let base = '';

  beforeAll(async () => {
    execFileSync('npx', ['remix', 'build'], { env: { ...process.env, FIVEFOLD_BUILD_DIR: BUILD_DIR, NODE_ENV: 'production', VITE_CJS_IGNORE_WARNING: 'true' }, stdio: 'pipe', timeout: 240_000 });
    expect(existsSync(`${BUILD_DIR}/index.js`)).toBe(true);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    primary = spawn(process.execPath, ['--import', 'tsx', 'server/start.ts'], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'development', PORT: String(port), DATABASE_URL: database.url, WEB_PROCESSES: '2', FIVEFOLD_BUILD_DIR: BUILD_DIR },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    primary.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    primary.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    await until('the server to say it is serving', 120_000, () => (/Fivefold is serving .*2 web processes/.test(output) ? true : undefined));
  }, 300_000);

  afterAll(() => {
    if (primary && primary.exitCode === null) primary.kill('SIGKILL');
    rmSync(BUILD_DIR, { recursive: true, force: true });
  });

  it('answers pages from two processes on one port', async () => {
    expect(childrenOf(primary.pid!)).toHaveLength(2);
    const answers = await Promise.all(Array.from({ length: 12 }, () => fetch(`${base}/healthz`)));
    expect(answers.map((r) => r.status)).toEqual(Array(12).fill(200));
    const page = await fetch(`${base}/needs`, { headers: { 'Accept-Language': 'en' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
  });

  it('replaces a web process that dies, answering meanwhile', async () => {
    const [victim, survivor] = childrenOf(primary.pid!);
    process.kill(victim, 'SIGKILL');
    // The primary says so on stderr as it forks the replacement. A connection it hands out in the instant before it
    // learns of the death goes to the dead process and is lost (Node's cluster), so the checks start from its report.
    await until('the primary to report the death', 10_000, () => (new RegExp(`Web process ${victim} ended \\(SIGKILL\\)`).test(output) ? true : undefined));
    // Answering meanwhile: while the replacement starts, every new connection is answered by the survivor.
    const meanwhile = await Promise.all(Array.from({ length: 6 }, () => statusOnNewConnection(`${base}/healthz`)));
    expect(meanwhile).toEqual(Array(6).fill(200));
    const replaced = await until('a new web process', 60_000, () => {
      const now = childrenOf(primary.pid!);
      return now.length === 2 && !now.includes(victim) ? now : undefined;
    });
    expect(replaced).toContain(survivor);
    await until('the new process to answer', 60_000, async () => {
      const answers = await Promise.all(Array.from({ length: 6 }, () => statusOnNewConnection(`${base}/healthz`)));
      return answers.every((s) => s === 200) ? true : undefined;
    });
  }, 120_000);

  it('stops every web process on SIGTERM', async () => {
    const workers = childrenOf(primary.pid!);
    const exited = new Promise<number | null>((resolve) => primary.once('exit', (code) => resolve(code)));
    primary.kill('SIGTERM');
    expect(await exited).toBe(0);
    for (const pid of workers) expect(existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ')).toBe(false);
  }, 60_000);
});
