// Shared parts of the load benchmarks (bench/load.ts, bench/giving-day.ts, bench/js.ts): a database of their own on
// the PostgreSQL server, the production build of Fivefold and of the bare Remix app (bench/bare-remix), the servers,
// an open-loop load generator, latency statistics and the server's memory sampled over time.
//
// The benchmark process itself uses the app's modules (seeding, sessions) against the same database, so it runs
// with the same NODE_ENV=production and SESSION_SECRET as the server it starts: its session cookies are the ones
// the server expects.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import postgres from 'postgres';

// ---------------------------------------------------------------- options

export const args = process.argv.slice(2);
export const flag = (name: string) => args.includes(`--${name}`);
export function option(name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(args[i + 1]);
  if (!Number.isFinite(v) || v < 0) throw new Error(`--${name} wants a number ≥ 0, got ${args[i + 1]}`);
  return v;
}

export const ROOT = resolve(import.meta.dirname, '..');
export const APP_PORT = option('port', 3107);
export const BARE_PORT = option('bare-port', 3117);
export const APP_BUILD_DIR = '.builds/load';
export const BARE_BUILD_DIR = '.builds/load-bare';
export const SERVER_URL = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
export const WEBHOOK_SECRET = `whsec_bench_${randomBytes(12).toString('hex')}`;
export const STRIPE_KEY = 'sk_test_fivefold_bench';
const SESSION_SECRET = randomBytes(32).toString('hex');
const TOTP_ENCRYPTION_KEY = randomBytes(32).toString('base64');

/** The environment of the benchmark process and the app server: production, a fresh session secret and TOTP key. */
/** Web processes the server runs (WEB_PROCESSES): `--web-processes N`, by default one per CPU core, as the operator guide advises. */
export const WEB_PROCESSES = option('web-processes', availableParallelism());

export function productionEnv(databaseUrl: string, extra: Record<string, string> = {}) {
  return {
    NODE_ENV: 'production',
    SESSION_SECRET,
    TOTP_ENCRYPTION_KEY,
    DATABASE_URL: databaseUrl,
    WEB_PROCESSES: String(WEB_PROCESSES),
    ...extra,
  };
}

// ---------------------------------------------------------------- formatting

export const fmtMs = (x: number) => (Number.isFinite(x) ? `${x.toFixed(x < 10 ? 1 : 0)} ms` : '—');
export const fmtInt = (x: number) => x.toLocaleString('en-US');
export const fmtMb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
export const log = (s: string) => console.log(s);

// ---------------------------------------------------------------- database

export interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** Creates (or re-creates) a database of the bench's own on the server; `drop` removes it. */
export async function createDatabase(name: string): Promise<BenchDatabase> {
  const admin = postgres(SERVER_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  const u = new URL(SERVER_URL);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch((e) => console.warn(`could not drop ${name}: ${e.message}`));
      await admin.end();
    },
  };
}

// ---------------------------------------------------------------- builds and servers

function run(cmd: string, argv: string[], env: Record<string, string>, cwd = ROOT) {
  const r = spawnSync(cmd, argv, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
}

/** `npm run build` into .builds/load (unless --no-build and a build is there) and the bare app into .builds/load-bare. */
export function buildBoth() {
  const t0 = performance.now();
  if (!(flag('no-build') && existsSync(resolve(ROOT, APP_BUILD_DIR, 'index.js')))) {
    run('npm', ['run', 'build', '--silent'], { FIVEFOLD_BUILD_DIR: APP_BUILD_DIR, NODE_ENV: 'production' });
  }
  if (!(flag('no-build') && existsSync(resolve(ROOT, BARE_BUILD_DIR, 'index.js')))) {
    run(resolve(ROOT, 'node_modules/.bin/remix'), ['build'], { BARE_BUILD_DIR: resolve(ROOT, BARE_BUILD_DIR), NODE_ENV: 'production', VITE_CJS_IGNORE_WARNING: 'true' }, resolve(ROOT, 'bench/bare-remix'));
  }
  log(`builds ready in ${((performance.now() - t0) / 1000).toFixed(0)} s (Fivefold: ${APP_BUILD_DIR}, bare Remix: ${BARE_BUILD_DIR})`);
}

export interface Server {
  name: string;
  url: string;
  pid: number;
  child: ChildProcess;
  /** Lines the server wrote to stderr (errors, warnings). */
  stderr: string[];
  stop(): Promise<void>;
}

/** Starts a server with node (not through a wrapper, so the pid is the server's own) and waits until it answers. */
export async function startServer(name: string, script: string, port: number, env: Record<string, string>, probe = '/'): Promise<Server> {
  // --profile: a V8 CPU profile of each server, written to .builds/profiles when it stops (open it in Chrome's DevTools).
  // (One file per thread: the largest is the server's main thread; the others are tsx's module loader.)
  const profile = flag('profile') ? ['--cpu-prof', `--cpu-prof-dir=${resolve(ROOT, '.builds/profiles', name.replace(/\W+/g, '-'))}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', script], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stdout!.on('data', () => {});
  child.stderr!.on('data', (d: Buffer) => {
    for (const line of d.toString().split('\n')) if (line.trim()) stderr.push(line);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${stderr.join('\n')}`);
    try {
      const res = await fetch(url + probe, { redirect: 'manual' });
      await res.arrayBuffer();
      if (res.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${name} did not answer on ${url} within 120 s:\n${stderr.join('\n')}`);
    await sleep(300);
  }
  return {
    name,
    url,
    pid: child.pid!,
    child,
    stderr,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(10_000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- memory

/** The live child processes of a process (Linux /proc). */
function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** The resident memory of a process and all its descendants (a server started with WEB_PROCESSES > 1 has children). */
export function rssOf(pid: number): number | null {
  let own: number;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    if (!m) return null;
    own = Number(m[1]) * 1024;
  } catch {
    return null;
  }
  return own + childrenOf(pid).reduce((sum, child) => sum + (rssOf(child) ?? 0), 0);
}

/** CPU seconds (user + system) used so far by a process and its live descendants (clock ticks of 1/100 s on Linux). */
export function cpuSecondsOf(pid: number): number {
  let own = 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    own = (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
  return own + childrenOf(pid).reduce((sum, child) => sum + cpuSecondsOf(child), 0);
}

function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return [stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), ...stat.slice(stat.lastIndexOf(')') + 2).split(' ')];
  } catch {
    return null;
  }
}

/**
 * CPU seconds used so far by the PostgreSQL server on this machine: the postmaster, its live processes, and the
 * backends that have ended (their time is added to the postmaster's children's time when it reaps them). Null when
 * no server runs here. Every database's work counts: run on a quiet machine.
 */
export function postgresCpuSeconds(): number | null {
  // fields: [comm, state, ppid, …]; utime, stime, cutime, cstime are the 12th to 15th after the name.
  const all = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
  const postgres = all.map((pid) => ({ pid, f: statFields(pid) })).filter((p) => p.f && p.f[0] === 'postgres');
  const pids = new Set(postgres.map((p) => p.pid));
  const postmaster = postgres.find((p) => !pids.has(Number(p.f![2])));
  if (!postmaster) return null;
  const ticks = (f: string[], from: number, to: number) => f.slice(from, to + 1).reduce((a, x) => a + Number(x), 0);
  let total = ticks(postmaster.f!, 12, 15);
  for (const p of postgres) if (p !== postmaster) total += ticks(p.f!, 12, 13);
  return total / 100;
}

export interface MemorySampler {
  stop(): {
    samples: { t: number; rss: number }[];
    start: number;
    end: number;
    max: number;
    slopeMbPerMin: number;
    growthPct: number;
    cpuSeconds: number;
    /** PostgreSQL's CPU over the same time (postgresCpuSeconds), or null. */
    postgresCpuSeconds: number | null;
  };
}

/** Samples a process's RSS every `everyMs`; the slope is a least-squares fit over the run, leaving out the first 10%. */
export function sampleMemory(pid: number, everyMs = 2000): MemorySampler {
  const t0 = Date.now();
  const cpu0 = cpuSecondsOf(pid);
  const pg0 = postgresCpuSeconds();
  const samples: { t: number; rss: number }[] = [];
  const take = () => {
    const rss = rssOf(pid);
    if (rss !== null) samples.push({ t: (Date.now() - t0) / 1000, rss });
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      const warm = samples.filter((s) => s.t >= samples[samples.length - 1].t * 0.1);
      const n = warm.length;
      const mt = warm.reduce((a, s) => a + s.t, 0) / n;
      const mr = warm.reduce((a, s) => a + s.rss, 0) / n;
      const cov = warm.reduce((a, s) => a + (s.t - mt) * (s.rss - mr), 0);
      const vt = warm.reduce((a, s) => a + (s.t - mt) ** 2, 0);
      const slope = vt > 0 ? cov / vt : 0; // bytes per second
      const start = samples[0].rss;
      const end = samples[samples.length - 1].rss;
      const max = Math.max(...samples.map((s) => s.rss));
      const span = warm.length ? warm[warm.length - 1].t - warm[0].t : 0;
      const cpuSeconds = cpuSecondsOf(pid) - cpu0;
      const pg1 = postgresCpuSeconds();
      const postgresCpu = pg0 !== null && pg1 !== null ? pg1 - pg0 : null;
      return { samples, start, end, max, slopeMbPerMin: (slope * 60) / 1024 / 1024, growthPct: mr > 0 ? ((slope * span) / mr) * 100 : 0, cpuSeconds, postgresCpuSeconds: postgresCpu };
    },
  };
}

// ---------------------------------------------------------------- open-loop load

export interface Req {
  /** Label for the per-kind table, e.g. 'browse', 'search', 'post'. */
  kind: string;
  method?: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string | FormData;
  /** Statuses that count as success (default: 2xx and 3xx). */
  ok?: (status: number, body: string) => boolean;
  /** Called with the answer, e.g. to count webhook outcomes. */
  after?: (status: number, body: string) => void;
}

export interface Sample {
  kind: string;
  ms: number;
  ok: boolean;
  status: number;
}

export interface LoadResult {
  samples: Sample[];
  sent: number;
  seconds: number;
  /** First few failures, for the report. */
  failures: string[];
  /** Largest lag of the generator behind its schedule: a big figure means the generator itself could not keep up. */
  maxLagMs: number;
}

/**
 * Open-loop load: requests leave on a fixed schedule (`rate` a second, Poisson arrivals) whether or not earlier
 * ones have been answered, so a slow server meets a queue rather than a politely waiting client. Latency counts from
 * the scheduled departure (no coordinated omission).
 */
export async function openLoop(base: string, streams: { rate: number; next: () => Req }[], seconds: number, label: string): Promise<LoadResult> {
  const samples: Sample[] = [];
  const failures: string[] = [];
  const inFlight = new Set<Promise<void>>();
  let sent = 0;
  let maxLagMs = 0;
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  // Each stream's arrivals: exponential gaps with mean 1/rate (a seeded generator keeps runs comparable).
  let seed = 20261123;
  const rand = () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return (seed + 0.5) / 2 ** 32;
  };
  const nextAt = streams.map(() => t0);
  let lastReport = t0;
  while (performance.now() < end) {
    const now = performance.now();
    for (let s = 0; s < streams.length; s++) {
      while (nextAt[s] <= now && nextAt[s] < end) {
        const scheduled = nextAt[s];
        maxLagMs = Math.max(maxLagMs, now - scheduled);
        nextAt[s] += (-Math.log(rand()) / streams[s].rate) * 1000;
        const req = streams[s].next();
        sent++;
        const p = send(base, req, scheduled, samples, failures).finally(() => inFlight.delete(p));
        inFlight.add(p);
      }
    }
    if (now - lastReport > 30_000) {
      lastReport = now;
      const recent = samples.slice(-2000);
      process.stdout.write(
        `  ${label}: ${Math.round((now - t0) / 1000)} s, ${fmtInt(sent)} sent, ${inFlight.size} in flight, recent p95 ${fmtMs(percentile(recent.map((x) => x.ms), 95))}\n`,
      );
    }
    const wait = Math.min(...nextAt) - performance.now();
    await sleep(Math.max(0, Math.min(wait, 5)));
  }
  await Promise.all(inFlight);
  return { samples, sent, seconds: (performance.now() - t0) / 1000, failures, maxLagMs };
}

async function send(base: string, req: Req, scheduled: number, samples: Sample[], failures: string[]) {
  let status = 0;
  let body = '';
  let ok = false;
  try {
    const res = await fetch(base + req.path, {
      method: req.method ?? 'GET',
      headers: req.headers,
      body: req.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(30_000),
    });
    body = await res.text();
    status = res.status;
    ok = req.ok ? req.ok(status, body) : status >= 200 && status < 400;
    req.after?.(status, body);
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    body = error instanceof Error ? `${error.message}${cause}` : String(error);
  }
  const ms = performance.now() - scheduled;
  samples.push({ kind: req.kind, ms, ok, status });
  if (!ok && failures.length < 10) failures.push(`${req.method ?? 'GET'} ${req.path} → ${status || 'no answer'} ${body.replace(/\s+/g, ' ').slice(0, 160)}`);
}

// ---------------------------------------------------------------- statistics

export function percentile(xs: number[], p: number) {
  if (!xs.length) return NaN;
  const s = Float64Array.from(xs).sort();
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  errorPct: number;
  throughput: number;
}

export function summarise(samples: Sample[], seconds: number): Summary {
  const ms = samples.map((s) => s.ms);
  const errors = samples.filter((s) => !s.ok).length;
  return {
    n: samples.length,
    p50: percentile(ms, 50),
    p95: percentile(ms, 95),
    p99: percentile(ms, 99),
    max: ms.reduce((a, b) => Math.max(a, b), 0),
    errors,
    errorPct: samples.length ? (errors / samples.length) * 100 : 0,
    throughput: samples.filter((s) => s.ok).length / seconds,
  };
}

export function printTable(title: string, result: LoadResult) {
  log(`\n${title} — ${fmtInt(result.sent)} requests in ${result.seconds.toFixed(0)} s (generator's largest lag behind schedule ${fmtMs(result.maxLagMs)})`);
  log(`  ${'kind'.padEnd(14)} ${'count'.padStart(8)} ${'p50'.padStart(9)} ${'p95'.padStart(9)} ${'p99'.padStart(9)} ${'max'.padStart(9)} ${'errors'.padStart(14)} ${'ok/s'.padStart(7)}`);
  const kinds = [...new Set(result.samples.map((s) => s.kind))];
  const row = (name: string, s: Summary) =>
    log(`  ${name.padEnd(14)} ${fmtInt(s.n).padStart(8)} ${fmtMs(s.p50).padStart(9)} ${fmtMs(s.p95).padStart(9)} ${fmtMs(s.p99).padStart(9)} ${fmtMs(s.max).padStart(9)} ${`${s.errors} (${s.errorPct.toFixed(3)}%)`.padStart(14)} ${s.throughput.toFixed(1).padStart(7)}`);
  for (const k of kinds) row(k, summarise(result.samples.filter((s) => s.kind === k), result.seconds));
  const all = summarise(result.samples, result.seconds);
  row('all', all);
  if (result.failures.length) {
    log('  first failures:');
    for (const f of result.failures) log(`    ${f}`);
  }
  return all;
}

export function printMemory(name: string, m: ReturnType<MemorySampler['stop']>, requests?: number) {
  // CPU per request answered: a measure of cost that the machine's other load hardly moves (unlike latency).
  const perRequest = (seconds: number) => (requests ? `, ${((seconds * 1000) / requests).toFixed(2)} ms per request` : '');
  log(`  ${name} CPU (user + system, all its processes): ${m.cpuSeconds.toFixed(1)} s${perRequest(m.cpuSeconds)}`);
  // The database's share of the cost, when it runs on this machine (every database's work counts: a quiet machine).
  if (m.postgresCpuSeconds !== null && m.postgresCpuSeconds >= 0.1) log(`  PostgreSQL CPU meanwhile (all its processes): ${m.postgresCpuSeconds.toFixed(1)} s${perRequest(m.postgresCpuSeconds)}`);
  log(
    `  ${name} RSS: start ${fmtMb(m.start)}, end ${fmtMb(m.end)}, max ${fmtMb(m.max)}; slope after warm-up ${m.slopeMbPerMin.toFixed(2)} MB/min ` +
      `(${m.growthPct.toFixed(1)}% of the mean over the run; ${m.samples.length} samples)`,
  );
  // A coarse profile: ten points across the run.
  const step = Math.max(1, Math.floor(m.samples.length / 10));
  log(`  ${name} RSS over time: ${m.samples.filter((_, i) => i % step === 0).map((s) => `${s.t.toFixed(0)}s ${fmtMb(s.rss)}`).join(', ')}`);
}

// ---------------------------------------------------------------- pages to browse

/** Links of the form /prefix/<uuid> found in a page. */
export function idsIn(html: string, prefix: string) {
  const re = new RegExp(`href="/${prefix}/([0-9a-f-]{36})"`, 'g');
  return [...new Set([...html.matchAll(re)].map((m) => m[1]))];
}

export async function getText(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers, redirect: 'manual' });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}`);
  return text;
}

/** Lists a visitor browses, and the detail pages their first three pages link to. */
export async function browseTargets(origin: string, lists = ['/needs', '/resources', '/projects']) {
  const details: string[] = [];
  for (const list of lists) {
    for (const page of [1, 2, 3]) {
      const html = await getText(`${origin}${list}?page=${page}`);
      for (const id of idsIn(html, list.slice(1))) details.push(`${list}/${id}`);
    }
  }
  const uniq = [...new Set(details)];
  log(`browsing: ${lists.join(', ')} (pages 1–3) and ${fmtInt(uniq.length)} detail pages found on them`);
  if (uniq.length < 20) throw new Error('too few detail pages found to browse');
  return { lists, details: uniq };
}

/** A browsing request: one in three a list page (pages 1–3), the rest detail pages, spread over all of them. */
export function browser(targets: { lists: string[]; details: string[] }) {
  let n = 0;
  return (): Req => {
    n++;
    if (n % 3 === 0) return { kind: 'browse list', path: `${targets.lists[n % targets.lists.length]}?page=${1 + (Math.floor(n / 3) % 3)}` };
    return { kind: 'browse detail', path: targets.details[(n * 7919) % targets.details.length] };
  };
}
