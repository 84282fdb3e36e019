// Giving-day benchmark (npm run bench:giving-day): 20 card donations a second completed through the real Stripe
// webhook (POST /api/v1/webhooks/stripe, signed with the app's STRIPE_WEBHOOK_SECRET by the official stripe
// library), 5% of them delivered a second time as Stripe does on retries, alongside 200 requests a second of
// browsing, open-loop, for 5 minutes, on the production build and the PostgreSQL server. Afterwards every ledger
// invariant is checked and, once every event not answered 200 has been delivered again (as Stripe does), the donations
// recorded are counted against the events accepted. Then the same arrivals
// against a bare Remix page and the ratio of the p95s.
//
//   npm run bench:giving-day -- [--duration 300] [--donations 20] [--browse 200] [--bare-duration 120] [--no-build] [--keep]
//
// Stripe's API is out of reach here, so the checkouts the webhooks complete are started as the tests start them:
// startCardDonation (pending donation + Checkout Session request) against a local server standing in for api.stripe.com.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
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
  STRIPE_KEY,
  WEBHOOK_SECRET,
  type Req,
  type Server,
  startServer,
  summarise,
} from './load-kit';
import { prepareData } from './load-data';

const DURATION = option('duration', 300);
const DONATIONS = option('donations', 20);
const BROWSE = option('browse', 200);
const BARE_DURATION = option('bare-duration', Math.min(DURATION, 120));
const REDELIVER = 0.05;
const DB_NAME = 'fivefold_bench_giving';

async function main() {
  log(`Fivefold giving-day benchmark — ${new Date().toISOString()}`);
  log(`node ${process.version}; ${DONATIONS} donations/s through signed Stripe webhooks (${REDELIVER * 100}% delivered twice) + ${BROWSE} browsing req/s, open-loop, for ${DURATION} s (bare Remix: ${BARE_DURATION} s); Fivefold with WEB_PROCESSES=${WEB_PROCESSES} (bare Remix: one process)`);
  buildBoth();
  const database = await createDatabase(DB_NAME);
  const env = productionEnv(database.url, { STRIPE_SECRET_KEY: STRIPE_KEY, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET });
  Object.assign(process.env, env);
  let app: Server | null = null;
  let bare: Server | null = null;
  let data: Awaited<ReturnType<typeof prepareData>> | null = null;
  const fakeStripe = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const id = `cs_bench_${new URLSearchParams(body).get('metadata[donation_id]')}`;
      res.writeHead(200, { 'Content-Type': 'application/json', 'Request-Id': 'req_bench' });
      res.end(JSON.stringify({ id, object: 'checkout.session', url: `https://checkout.stripe.com/c/pay/${id}` }));
    });
  });
  try {
    data = await prepareData(database.url, { extraYears: option('extra-years', 2), shifts: 1 });
    const { db, rows } = await import('../db/client');
    const { inArray, sql } = await import('drizzle-orm');
    const { donations } = await import('../db/schema');
    const { startCardDonation } = await import('../app/funds/card.server');
    const { setStripeEndpoint } = await import('../app/funds/stripe.server');
    const { checkLedgerInvariants } = await import('../db/ledger/invariants');

    // The checkouts donors start on the day, before their payments complete: pending donations with their sessions.
    await new Promise<void>((r) => fakeStripe.listen(0, '127.0.0.1', r));
    setStripeEndpoint({ host: '127.0.0.1', port: (fakeStripe.address() as AddressInfo).port, protocol: 'http' });
    const funds = await rows<{ id: string }>(db(), sql`select id from funds where status = 'active' and kind in ('community', 'project') order by created_at`);
    const wanted = Math.ceil(DONATIONS * DURATION * 1.1) + 50;
    const checkouts: { donationId: string; fundId: string; session: string; amount: number }[] = [];
    const t0 = performance.now();
    let k = 0;
    const starter = async () => {
      while (k < wanted) {
        const n = k++;
        const fundId = funds[n % funds.length].id;
        const amount = 100 * (10 + ((n * 37) % 491)); // ¥10–¥500
        const started = await startCardDonation({ fundId, amountMinor: amount, donorName: `捐赠人${n}`, donorEmail: `donor${n}@example.test`, visibility: n % 3 ? 'public' : 'anonymous', donorUserId: null, origin: 'https://fivefold.example' });
        if (!started.ok) throw new Error(`checkout ${n} failed: ${started.reason}`);
        checkouts.push({ donationId: started.donationId, fundId, session: `cs_bench_${started.donationId}`, amount });
      }
    };
    await Promise.all(Array.from({ length: 6 }, starter));
    log(`${fmtInt(checkouts.length)} checkouts started (pending donations across ${funds.length} funds) in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

    app = await startServer('Fivefold', 'server/start.ts', APP_PORT, { ...env, FIVEFOLD_BUILD_DIR: APP_BUILD_DIR }, '/healthz');
    const origin = app.url;
    const targets = await browseTargets(origin, ['/needs', '/resources', '/projects', '/funds']);
    const browse = browser(targets);
    let b = 0;
    const giving = ['/funds', '/ledger', ...funds.map((f) => `/funds/${f.id}`)];
    // On a giving day the fund pages and the public ledger get a good share of the visits.
    const visit = (): Req => (b++ % 4 === 0 ? { kind: 'browse funds', path: giving[b % giving.length] } : browse());

    const signer = new Stripe(STRIPE_KEY);
    const outcomes: Record<string, number> = {};
    const accepted = new Map<string, number>(); // donation id → amount, for each webhook answered "posted"
    const delivered: number[] = [];
    let next = 0;
    let calls = 0;
    const webhook = (): Req => {
      calls++;
      let n: number;
      if (delivered.length > 20 && (calls * 7919) % 100 < REDELIVER * 100) n = delivered[(calls * 31) % delivered.length];
      else {
        n = next++;
        if (n >= checkouts.length) throw new Error('ran out of checkouts: raise the count made up front');
        delivered.push(n);
      }
      return eventFor(n);
    };
    // Events answered 200 (posted or duplicate): what Stripe counts as delivered. Others it delivers again later.
    const acknowledged = new Set<number>();
    const delivery = (n: number) => {
      const c = checkouts[n];
      const event = {
        id: `evt_bench_${n}`,
        object: 'event',
        type: 'checkout.session.completed',
        created: Math.floor(Date.now() / 1000),
        api_version: '2025-01-01',
        livemode: false,
        data: { object: { id: c.session, object: 'checkout.session', payment_status: 'paid', currency: 'cny', amount_total: c.amount, payment_intent: `pi_bench_${n}`, client_reference_id: c.donationId, metadata: { donation_id: c.donationId, fund_id: c.fundId }, customer_details: { email: `donor${n}@example.test` } } },
      };
      const payload = JSON.stringify(event);
      return { payload, headers: { 'Content-Type': 'application/json', 'Stripe-Signature': signer.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET }) } };
    };
    const answered = (n: number, s: number, body: string) => {
      const outcome = s === 200 ? (/"outcome":"(\w+)"/.exec(body)?.[1] ?? '?') : `HTTP ${s}`;
      if (outcome === 'posted' || outcome === 'duplicate') acknowledged.add(n);
      return outcome;
    };
    function eventFor(n: number): Req {
      const { payload, headers } = delivery(n);
      return {
        kind: 'webhook',
        method: 'POST',
        path: '/api/v1/webhooks/stripe',
        headers,
        body: payload,
        ok: (s, body) => s === 200 && /"outcome":"(posted|duplicate)"/.test(body),
        after: (s, body) => {
          const outcome = answered(n, s, body);
          outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
          if (outcome === 'posted') accepted.set(checkouts[n].donationId, checkouts[n].amount);
        },
      };
    }

    await openLoop(origin, [{ rate: Math.min(50, BROWSE), next: visit }], 10, 'warm-up');
    const [{ before }] = await rows<{ before: string }>(db(), sql`select count(*)::text as before from donations where status = 'posted'`);
    const memory = sampleMemory(app.pid);
    const result = await openLoop(origin, [{ rate: BROWSE, next: visit }, { rate: DONATIONS, next: webhook }], DURATION, 'giving day');
    const mem = memory.stop();
    const all = printTable(`Fivefold giving day: ${DONATIONS} donations/s + ${BROWSE} browsing req/s`, result);
    const hooks = summarise(result.samples.filter((s) => s.kind === 'webhook'), result.seconds);
    const browsing = summarise(result.samples.filter((s) => s.kind !== 'webhook'), result.seconds);
    printMemory('Fivefold', mem, result.samples.length);
    log(`  webhook answers: ${Object.entries(outcomes).map(([k, v]) => `${k} ${fmtInt(v)}`).join(', ')}`);
    log(`  server stderr: ${app.stderr.length} lines${app.stderr.length ? `, e.g. ${app.stderr[0].slice(0, 200)}` : ''}`);

    // Stripe delivers again every event not answered 200 (here: at once, sixteen at a time, up to five tries each).
    const distinct = [...new Set(delivered)];
    const unanswered = distinct.filter((n) => !acknowledged.has(n));
    const retried: Record<string, number> = {};
    const t1 = performance.now();
    let r = 0;
    const retrier = async () => {
      while (r < unanswered.length) {
        const n = unanswered[r++];
        for (let attempt = 0; attempt < 5 && !acknowledged.has(n); attempt++) {
          const { payload, headers } = delivery(n);
          let outcome: string;
          try {
            const res = await fetch(`${origin}/api/v1/webhooks/stripe`, { method: 'POST', headers, body: payload, signal: AbortSignal.timeout(60_000) });
            outcome = answered(n, res.status, await res.text());
          } catch {
            outcome = 'no answer';
          }
          retried[outcome] = (retried[outcome] ?? 0) + 1;
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, retrier));
    if (unanswered.length) log(`  redelivered the ${fmtInt(unanswered.length)} events not answered 200 in ${((performance.now() - t1) / 1000).toFixed(0)} s: ${Object.entries(retried).map(([k, v]) => `${k} ${fmtInt(v)}`).join(', ')}`);
    await app.stop();
    app = null;

    // The books after the day.
    const report = await checkLedgerInvariants(db());
    const ids = [...checkouts.map((c) => c.donationId)];
    const [recorded] = await rows<{ posted: string; sum: string; total: string }>(
      db(),
      sql`select count(*) filter (where status = 'posted')::text as posted, coalesce(sum(amount_minor) filter (where status = 'posted'), 0)::text as sum,
            (select count(*) from donations where status = 'posted')::text as total
          from donations where ${inArray(donations.id, ids)}`,
    );
    const expectedSum = [...acknowledged].reduce((a, n) => a + checkouts[n].amount, 0);
    const added = Number(recorded.total) - Number(before);
    const countOk = Number(recorded.posted) === acknowledged.size && added === acknowledged.size && distinct.length === acknowledged.size;
    const sumOk = Number(recorded.sum) === expectedSum;
    log(`\nLedger after the day`);
    log(`  invariants: ${report.problems.length === 0 ? 'all hold' : `${report.problems.length} BROKEN: ${report.problems.slice(0, 5).join('; ')}`}`);
    log(`  events sent ${fmtInt(distinct.length)} (${fmtInt(accepted.size)} answered "posted" during the spike), accepted in the end ${fmtInt(acknowledged.size)}; donations recorded ${fmtInt(Number(recorded.posted))} (all posted donations: +${fmtInt(added)}): ${countOk ? 'equal' : 'NOT EQUAL'}`);
    log(`  amount recorded ¥${(Number(recorded.sum) / 100).toFixed(2)} vs events accepted ¥${(expectedSum / 100).toFixed(2)}: ${sumOk ? 'equal' : 'NOT EQUAL'}`);

    bare = await startServer('bare Remix', 'bench/bare-remix/server.ts', BARE_PORT, { NODE_ENV: 'production', BARE_BUILD_DIR });
    const page = (): Req => ({ kind: 'page', path: '/' });
    await openLoop(bare.url, [{ rate: Math.min(50, BROWSE), next: page }], 10, 'warm-up');
    const bareResult = await openLoop(bare.url, [{ rate: BROWSE + DONATIONS, next: page }], BARE_DURATION, 'bare Remix');
    const bareAll = printTable(`Bare Remix page at ${BROWSE + DONATIONS} req/s`, bareResult);

    log(`\nSummary`);
    log(`  webhooks: p50 ${fmtMs(hooks.p50)}, p95 ${fmtMs(hooks.p95)}, p99 ${fmtMs(hooks.p99)}; ${hooks.errors} failed of ${fmtInt(hooks.n)} (${hooks.errorPct.toFixed(3)}%); ${hooks.throughput.toFixed(1)} accepted/s`);
    log(`  browsing: p50 ${fmtMs(browsing.p50)}, p95 ${fmtMs(browsing.p95)}, p99 ${fmtMs(browsing.p99)}; ${browsing.errors} failed of ${fmtInt(browsing.n)} (${browsing.errorPct.toFixed(3)}%)`);
    log(`  ledger: invariants ${report.problems.length === 0 ? 'hold' : 'BROKEN'}; recorded = accepted: ${countOk && sumOk ? 'yes' : 'NO'}`);
    log(`  p95 ratio Fivefold (all requests) / bare Remix page: ${(all.p95 / bareAll.p95).toFixed(1)}× (${fmtMs(all.p95)} / ${fmtMs(bareAll.p95)})`);
    if (report.problems.length || !countOk || !sumOk) process.exitCode = 1;
  } finally {
    await app?.stop();
    await bare?.stop();
    fakeStripe.close();
    await data?.close();
    if (flag('keep')) log(`kept database ${DB_NAME}`);
    else await database.drop();
  }
}

main()
  .then(() => process.exit(process.exitCode ?? 0))
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
