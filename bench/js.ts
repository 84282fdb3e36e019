// JavaScript shipped per page (npm run bench:js): each main page of Fivefold's production build is loaded in
// Chromium and every script it loads is summed (entry, modulepreloaded chunks, route modules), raw and gzipped; the
// same for the page of the bare Remix app (bench/bare-remix, same Remix version and settings) in the same run; the
// ratio is printed per page. Target (issue 13): ≤ 1.5× the bare Remix app.
//
//   npm run bench:js -- [--no-build] [--keep] [--top 8]
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from '@playwright/test';
import {
  APP_BUILD_DIR,
  APP_PORT,
  BARE_BUILD_DIR,
  BARE_PORT,
  buildBoth,
  createDatabase,
  flag,
  getText,
  idsIn,
  log,
  option,
  productionEnv,
  type Server,
  startServer,
} from './load-kit';
import { prepareData } from './load-data';

const DB_NAME = 'fivefold_bench_js';
const kb = (b: number) => `${(b / 1024).toFixed(1)} kB`;

interface Shipped {
  raw: number;
  gzip: number;
  scripts: { url: string; raw: number; gzip: number }[];
}

/** Loads a page, waits until the network is quiet (hydrated), and sums the JavaScript it fetched. */
async function shippedBy(browser: Browser, url: string, locale = 'zh-CN'): Promise<Shipped> {
  const context = await browser.newContext({ locale });
  const page = await context.newPage();
  const scripts: { url: string; raw: number; gzip: number }[] = [];
  const pending: Promise<void>[] = [];
  page.on('response', (res) => {
    if (res.request().resourceType() !== 'script') return;
    pending.push(
      res.body().then((body) => {
        scripts.push({ url: new URL(res.url()).pathname, raw: body.length, gzip: gzipSync(body).length });
      }),
    );
  });
  const res = await page.goto(url, { waitUntil: 'networkidle' });
  if (!res || res.status() !== 200) throw new Error(`${url} answered ${res?.status()}`);
  await Promise.all(pending);
  await context.close();
  const sum = (k: 'raw' | 'gzip') => scripts.reduce((a, s) => a + s[k], 0);
  return { raw: sum('raw'), gzip: sum('gzip'), scripts: scripts.sort((a, b) => b.raw - a.raw) };
}

async function main() {
  log(`Fivefold JavaScript per page — ${new Date().toISOString()}`);
  buildBoth();
  const database = await createDatabase(DB_NAME);
  const env = productionEnv(database.url);
  Object.assign(process.env, env);
  let app: Server | null = null;
  let bare: Server | null = null;
  let data: Awaited<ReturnType<typeof prepareData>> | null = null;
  let browser: Browser | null = null;
  try {
    data = await prepareData(database.url, { extraYears: 0, shifts: 1 });
    app = await startServer('Fivefold', 'server/start.ts', APP_PORT, { ...env, FIVEFOLD_BUILD_DIR: APP_BUILD_DIR }, '/healthz');
    bare = await startServer('bare Remix', 'bench/bare-remix/server.ts', BARE_PORT, { NODE_ENV: 'production', BARE_BUILD_DIR });
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium' });

    const needId = idsIn(await getText(`${app.url}/needs`), 'needs')[0];
    // Pages in Chinese (the default language), and the largest one again in English: each page loads its language's
    // messages only, of the capabilities its routes declare (app/i18n/capabilities.ts, route-messages.ts).
    const pages: [string, string, string?][] = [
      ['home', '/'],
      ['needs list', '/needs'],
      ['need detail', `/needs/${needId}`],
      ['resources', '/resources'],
      ['projects', '/projects'],
      ['search', `/search?q=${encodeURIComponent('送餐')}`],
      ['shifts', '/shifts'],
      ['ledger', '/ledger'],
      ['need (en)', `/needs/${needId}`, 'en'],
    ];
    const base = await shippedBy(browser, `${bare.url}/`);
    log(`\nbare Remix page: ${kb(base.raw)} raw, ${kb(base.gzip)} gzip in ${base.scripts.length} scripts`);
    log(`\n  ${'page'.padEnd(12)} ${'scripts'.padStart(7)} ${'raw'.padStart(10)} ${'gzip'.padStart(10)} ${'× bare (gzip)'.padStart(14)} ${'× bare (raw)'.padStart(13)}`);
    const results: [string, Shipped][] = [];
    for (const [name, path, locale] of pages) {
      const s = await shippedBy(browser, app.url + path, locale);
      results.push([name, s]);
      log(`  ${name.padEnd(12)} ${String(s.scripts.length).padStart(7)} ${kb(s.raw).padStart(10)} ${kb(s.gzip).padStart(10)} ${`${(s.gzip / base.gzip).toFixed(2)}×`.padStart(14)} ${`${(s.raw / base.raw).toFixed(2)}×`.padStart(13)}`);
    }
    const worst = results.reduce((a, b) => (b[1].gzip > a[1].gzip ? b : a));
    log(`\nlargest: ${worst[0]}, ${(worst[1].gzip / base.gzip).toFixed(2)}× the bare page gzipped (target ≤ 1.5×: ${worst[1].gzip / base.gzip <= 1.5 ? 'met' : 'NOT met'})`);
    // Where the weight is: the largest scripts across the pages, and what every page shares.
    const top = option('top', 8);
    const all = new Map<string, { raw: number; gzip: number; pages: number }>();
    for (const [, s] of results) for (const x of s.scripts) all.set(x.url, { raw: x.raw, gzip: x.gzip, pages: (all.get(x.url)?.pages ?? 0) + 1 });
    log(`largest scripts (loaded by how many of the ${results.length} pages):`);
    for (const [url, x] of [...all].sort((a, b) => b[1].raw - a[1].raw).slice(0, top)) log(`  ${url.padEnd(52)} ${kb(x.raw).padStart(10)} ${kb(x.gzip).padStart(10)} gzip  ${x.pages} pages`);
    log(`bare Remix scripts: ${base.scripts.map((s) => `${s.url} ${kb(s.raw)}`).join(', ')}`);
  } finally {
    await browser?.close();
    await app?.stop();
    await bare?.stop();
    await data?.close();
    if (flag('keep')) log(`kept database ${DB_NAME}`);
    else await database.drop();
  }
}

main()
  .then(() => process.exit(0))
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
