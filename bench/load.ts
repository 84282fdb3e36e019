// Load benchmark (npm run bench:load): Fivefold's production build on the PostgreSQL server under a mixed workload —
// 70% browsing (lists and detail pages of needs, resources and projects), 20% search, 10% posts by signed-in
// volunteers (raising a need, signing up for a shift) — at 100 requests a second, open-loop, for 10 minutes. Prints
// p50/p95/p99, errors, throughput and the server's memory over time; then the same arrivals against a bare Remix
// page (bench/bare-remix, same Remix version, served by express the same way) and the ratio of the p95s.
//
//   npm run bench:load -- [--duration 600] [--rate 100] [--bare-duration 120] [--extra-years 4] [--no-build] [--keep]
//
// Targets (issue 13): p95 < 500 ms, < 0.1% errors, flat memory. Figures: docs/benchmarks/load.md.
import {
  APP_BUILD_DIR,
  APP_PORT,
  BARE_BUILD_DIR,
  BARE_PORT,
  browser,
  browseTargets,
  buildBoth,
  createDatabase,
  flag,
  fmtInt,
  fmtMs,
  log,
  openLoop,
  option,
  printMemory,
  printTable,
  productionEnv,
  WEB_PROCESSES,
  sampleMemory,
  type Req,
  type Server,
  startServer,
} from './load-kit';
import { prepareData } from './load-data';

const DURATION = option('duration', 600);
const RATE = option('rate', 100);
const BARE_DURATION = option('bare-duration', Math.min(DURATION, 120));
const EXTRA_YEARS = option('extra-years', 4);
const DB_NAME = 'fivefold_bench_load';

const SEARCH_TERMS = ['送餐', '老人', '维修', '助浴', '陪诊', '四点半课堂', '志愿者', '理发', 'meal', 'repair', '水管', '心理', '法律援助', '社区', '巡逻', '作业辅导'];

/**
 * What the n-th search asks for: half of them one of the 16 common terms, three in ten a common term on one list's tab
 * or on the second page (64 questions), one in five two terms together (256 pairs, each asked about once a minute).
 * Web processes keep answers 10 s (app/search/search.server.ts), so a repeated question costs less than a new one;
 * with two web processes about half the searches find a kept answer (a simulation of this mix), the rest search.
 */
function searchPath(n: number): string {
  const terms = SEARCH_TERMS;
  const pick = (n * 7919) % 100;
  const term = terms[n % terms.length];
  if (pick < 50) return `/search?q=${encodeURIComponent(term)}`;
  if (pick < 80) {
    const variant = ['lists=needs', 'lists=resources', 'lists=projects', 'page=2'][Math.floor(n / terms.length) % 4];
    return `/search?q=${encodeURIComponent(term)}&${variant}`;
  }
  const other = terms[Math.floor(n / terms.length) % terms.length];
  return `/search?q=${encodeURIComponent(`${term} ${other}`)}`;
}

async function main() {
  log(`Fivefold load benchmark — ${new Date().toISOString()}`);
  log(`node ${process.version}; ${RATE} req/s open-loop for ${DURATION} s (bare Remix: ${BARE_DURATION} s); 70% browse, 20% search, 10% posts; Fivefold with WEB_PROCESSES=${WEB_PROCESSES} (bare Remix: one process)`);
  buildBoth();
  const database = await createDatabase(DB_NAME);
  const env = productionEnv(database.url);
  Object.assign(process.env, env);
  let app: Server | null = null;
  let bare: Server | null = null;
  let data: Awaited<ReturnType<typeof prepareData>> | null = null;
  try {
    data = await prepareData(database.url, { extraYears: EXTRA_YEARS, shifts: 90 });
    app = await startServer('Fivefold', 'server/start.ts', APP_PORT, { ...env, FIVEFOLD_BUILD_DIR: APP_BUILD_DIR }, '/healthz');
    const origin = app.url;

    const targets = await browseTargets(origin);
    const browse = browser(targets);
    let n = 0;
    // Each volunteer signs up for the shifts in turn, so no sign-up repeats one already made.
    const nextShift = new Map<string, number>();
    let raised = 0;
    let searches = 0;
    let signups = 0;
    const mix = (): Req => {
      const r = n++ % 20; // 14 browse : 4 search : 2 post, interleaved
      if (r < 14) return browse();
      // Searches come from the volunteers in turn: one address searching 20 times a second would meet the search
      // limit (120 a minute per person or address, docs/security.md); 120 people search about 10 times a minute each.
      if (r < 18) return { kind: 'search', path: searchPath(searches++), headers: { Cookie: data!.volunteers[n % data!.volunteers.length].cookie } };
      const v = data!.volunteers[Math.floor(n / 20) % data!.volunteers.length];
      const headers = { Cookie: v.cookie, Origin: origin };
      if (r === 18) {
        // A need raised by a signed-in volunteer (30 an hour each are allowed; 120 volunteers share these).
        const form = new FormData();
        form.set('title', `楼道灯坏了需要维修 ${n}`);
        form.set('description', '晚上楼道很黑，老人上下楼不方便，希望尽快修好。');
        form.set('category', data!.categories[n % data!.categories.length]);
        form.set('placeId', data!.placeIds[n % data!.placeIds.length]);
        form.set('urgency', 'normal');
        raised++;
        return { kind: 'post need', method: 'POST', path: '/needs/new', headers, body: form, ok: (s) => s === 302 || s === 303 };
      }
      const k = nextShift.get(v.userId) ?? 0;
      nextShift.set(v.userId, k + 1);
      const shiftId = data!.shiftIds[k % data!.shiftIds.length];
      signups++;
      return {
        kind: 'post signup',
        method: 'POST',
        path: `/shifts/${shiftId}`,
        headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ intent: 'signup' }).toString(),
        ok: (s) => s === 302 || s === 303,
      };
    };

    // A short warm-up (JIT, connection pool) that is not counted.
    await openLoop(origin, [{ rate: RATE, next: mix }], 10, 'warm-up');
    const memory = sampleMemory(app.pid);
    const result = await openLoop(origin, [{ rate: RATE, next: mix }], DURATION, 'Fivefold');
    const mem = memory.stop();
    const appAll = printTable(`Fivefold (production build, PostgreSQL) at ${RATE} req/s`, result);
    log(`  posts: ${fmtInt(raised)} needs raised, ${fmtInt(signups)} shift sign-ups`);
    printMemory('Fivefold', mem, result.samples.length);
    const serverErrors = app.stderr.filter((l) => /error/i.test(l));
    log(`  server stderr: ${app.stderr.length} lines${serverErrors.length ? `, ${serverErrors.length} mentioning errors, e.g. ${serverErrors[0].slice(0, 200)}` : ''}`);
    await app.stop();
    app = null;

    bare = await startServer('bare Remix', 'bench/bare-remix/server.ts', BARE_PORT, { NODE_ENV: 'production', BARE_BUILD_DIR });
    await openLoop(bare.url, [{ rate: RATE, next: () => ({ kind: 'page', path: '/' }) }], 10, 'warm-up');
    const bareMemory = sampleMemory(bare.pid);
    const bareResult = await openLoop(bare.url, [{ rate: RATE, next: () => ({ kind: 'page', path: '/' }) }], BARE_DURATION, 'bare Remix');
    const bareMem = bareMemory.stop();
    const bareAll = printTable(`Bare Remix page at ${RATE} req/s`, bareResult);
    printMemory('bare Remix', bareMem, bareResult.samples.length);

    const ratio = appAll.p95 / bareAll.p95;
    const flat = Math.abs(mem.growthPct) < 10;
    log(`\nSummary`);
    log(`  p95 ${fmtMs(appAll.p95)} (target < 500 ms: ${appAll.p95 < 500 ? 'met' : 'NOT met'}); p50 ${fmtMs(appAll.p50)}, p99 ${fmtMs(appAll.p99)}`);
    log(`  errors ${appAll.errors} of ${fmtInt(appAll.n)} = ${appAll.errorPct.toFixed(3)}% (target < 0.1%: ${appAll.errorPct < 0.1 ? 'met' : 'NOT met'}); throughput ${appAll.throughput.toFixed(1)} req/s`);
    log(`  memory ${flat ? 'flat' : 'NOT flat'}: ${mem.slopeMbPerMin.toFixed(2)} MB/min after warm-up, ${mem.growthPct.toFixed(1)}% over the run (flat = under 10%)`);
    log(`  p95 ratio Fivefold / bare Remix page: ${ratio.toFixed(1)}× (${fmtMs(appAll.p95)} / ${fmtMs(bareAll.p95)})`);
  } finally {
    await app?.stop();
    await bare?.stop();
    await data?.close();
    if (flag('keep')) log(`kept database ${DB_NAME}`);
    else await database.drop();
  }
}

main().then(() => process.exit(0)).catch((e) => {
  console.error(e);
  process.exit(1);
});
