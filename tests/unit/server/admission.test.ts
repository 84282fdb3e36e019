// Admission control (server/admission.ts) on a real express server over real sockets: at most N requests run at
// once, a bounded line waits, and beyond it the server answers 503 at once instead of falling over.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { admissionControl, type AdmissionOptions } from '../../../server/admission';

interface Harness {
  url: string;
  /** Requests the handler has started, in order. */
  started: string[];
  maxRunning: number;
  /** Lets every request the handler holds answer. */
  releaseAll(): void;
  stats(): { running: number; waiting: number; refused: number; backlog: boolean };
  close(): Promise<void>;
}

let open: Harness | null = null;
afterEach(async () => {
  await open?.close();
  open = null;
});

async function serve(options: AdmissionOptions): Promise<Harness> {
  const app = express();
  const admission = admissionControl(options);
  const held: Array<() => void> = [];
  const started: string[] = [];
  let running = 0;
  let maxRunning = 0;
  app.use(admission);
  app.all('*', (req, res) => {
    started.push(`${req.method} ${req.path}`);
    running++;
    maxRunning = Math.max(maxRunning, running);
    const answer = () => {
      running--;
      res.type('text').send(`done ${req.path}`);
    };
    if (req.query.hold) held.push(answer);
    else answer();
  });
  const server = app.listen(0);
  await new Promise((r) => server.once('listening', r));
  const h: Harness = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    started,
    get maxRunning() {
      return maxRunning;
    },
    releaseAll: () => held.splice(0).forEach((f) => f()),
    stats: () => admission.stats(),
    close: () =>
      new Promise<void>((r) => {
        held.splice(0).forEach((f) => f());
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
  open = h;
  return h;
}

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(cond()).toBe(true);
};

describe('admission control', () => {
  it('runs at most the limit at once and lets the others through in turn', async () => {
    const h = await serve({ concurrency: 2, queueLimit: 10, maxWaitMs: 5000 });
    const answers = Array.from({ length: 6 }, (_, i) => fetch(`${h.url}/p${i}?hold=1`));
    await until(() => h.stats().waiting === 4);
    expect(h.started).toHaveLength(2);
    const drain = setInterval(() => h.releaseAll(), 20);
    const responses = await Promise.all(answers);
    clearInterval(drain);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(h.maxRunning).toBe(2);
    expect(h.started).toHaveLength(6);
  });

  it('refuses at once with 503, Retry-After and a page in both languages when the line is full', async () => {
    const h = await serve({ concurrency: 1, queueLimit: 2, maxWaitMs: 5000 });
    const held = [0, 1, 2].map((i) => fetch(`${h.url}/p${i}?hold=1`));
    await until(() => h.stats().waiting === 2);
    const t0 = Date.now();
    const refused = await fetch(`${h.url}/needs`);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('2');
    const page = await refused.text();
    expect(page).toContain('访问人数过多');
    expect(page).toContain('Too busy right now');
    const api = await fetch(`${h.url}/api/v1/needs`);
    expect(api.status).toBe(503);
    expect(await api.json()).toEqual({ error: { code: 'unavailable', message: 'The service is busy; try again in a few seconds.', fields: {} } });
    expect(h.stats().refused).toBe(2);
    h.releaseAll();
    const drain = setInterval(() => h.releaseAll(), 20);
    expect((await Promise.all(held)).map((r) => r.status)).toEqual([200, 200, 200]);
    clearInterval(drain);
  });

  it('refuses a request that waited too long, and answers the health check without waiting', async () => {
    const h = await serve({ concurrency: 1, queueLimit: 5, maxWaitMs: 150 });
    const first = fetch(`${h.url}/slow?hold=1`);
    await until(() => h.stats().running === 1);
    const health = await fetch(`${h.url}/healthz`);
    expect(health.status).toBe(200);
    const waited = await fetch(`${h.url}/needs`);
    expect(waited.status).toBe(503);
    expect(h.started).toEqual(['GET /slow', 'GET /healthz']);
    h.releaseAll();
    expect((await first).status).toBe(200);
  });

  it('lets a change go ahead of waiting page views, taking the place of one when the line is full', async () => {
    const h = await serve({ concurrency: 1, queueLimit: 2, maxWaitMs: 5000 });
    const first = fetch(`${h.url}/running?hold=1`);
    await until(() => h.stats().running === 1);
    const views = [fetch(`${h.url}/view1`), fetch(`${h.url}/view2`)];
    await until(() => h.stats().waiting === 2);
    const post = fetch(`${h.url}/needs/new`, { method: 'POST', body: 'title=x', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    // The page view that waited longest gave up its place.
    expect((await views[0]).status).toBe(503);
    h.releaseAll();
    expect((await post).status).toBe(200);
    expect((await views[1]).status).toBe(200);
    expect((await first).status).toBe(200);
    expect(h.started).toEqual(['GET /running', 'POST /needs/new', 'GET /view2']);
  });

  it('never runs a request whose client hung up while it waited', async () => {
    const h = await serve({ concurrency: 1, queueLimit: 5, maxWaitMs: 5000 });
    const first = fetch(`${h.url}/running?hold=1`);
    await until(() => h.stats().running === 1);
    const gone = http.get(`${h.url}/abandoned`);
    gone.on('error', () => {});
    await until(() => h.stats().waiting === 1);
    gone.destroy();
    await until(() => h.stats().waiting === 0);
    h.releaseAll();
    expect((await first).status).toBe(200);
    expect((await fetch(`${h.url}/after`)).status).toBe(200);
    expect(h.started).toEqual(['GET /running', 'GET /after']);
  });

  it('keeps its patience in a burst: a line that empties again soon is not a backlog', async () => {
    let clock = 0;
    const h = await serve({ concurrency: 1, queueLimit: 10, maxWaitMs: 5000, backlogAfterMs: 1000, backlogWaitMs: 400, now: () => clock });
    const first = fetch(`${h.url}/running?hold=1`);
    await until(() => h.stats().running === 1);
    const view = fetch(`${h.url}/view?hold=1`);
    await until(() => h.stats().waiting === 1);
    clock = 600; // waited longer than the backlog's patience, but the line has stood for less than a backlog
    expect(h.stats().backlog).toBe(false);
    h.releaseAll();
    await until(() => h.started.length === 2);
    // The line emptied at 600: from then on it is measured afresh.
    const later = fetch(`${h.url}/later`);
    await until(() => h.stats().waiting === 1);
    clock = 1500;
    expect(h.stats().backlog).toBe(false);
    const drain = setInterval(() => h.releaseAll(), 20);
    expect([(await first).status, (await view).status, (await later).status]).toEqual([200, 200, 200]);
    clearInterval(drain);
    expect(h.stats().refused).toBe(0);
  });

  it('in a backlog refuses the page views that waited too long, serves the recent ones, and keeps changes', async () => {
    let clock = 0;
    const h = await serve({ concurrency: 1, queueLimit: 10, maxWaitMs: 5000, backlogAfterMs: 1000, backlogWaitMs: 400, now: () => clock });
    const first = fetch(`${h.url}/running?hold=1`);
    await until(() => h.stats().running === 1);
    const old = [fetch(`${h.url}/old1`), fetch(`${h.url}/old2`)];
    const post = fetch(`${h.url}/needs/new`, { method: 'POST', body: 'title=x', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    await until(() => h.stats().waiting === 3);
    clock = 1200;
    const recent = fetch(`${h.url}/recent`);
    await until(() => h.stats().waiting === 4);
    clock = 1300;
    expect(h.stats().backlog).toBe(true);
    h.releaseAll();
    const [o1, o2] = await Promise.all(old);
    expect([o1.status, o2.status]).toEqual([503, 503]);
    expect(await o1.text()).toContain('Too busy right now');
    expect(o1.headers.get('retry-after')).toBe('2');
    expect((await post).status).toBe(200); // a change waited 1.3 s, and still ran
    expect((await recent).status).toBe(200);
    expect((await first).status).toBe(200);
    expect(h.started).toEqual(['GET /running', 'POST /needs/new', 'GET /recent']);
    expect(h.stats()).toMatchObject({ waiting: 0, refused: 2, backlog: false });
  });

  it('has no backlog rule when its wait is 0', async () => {
    let clock = 0;
    const h = await serve({ concurrency: 1, queueLimit: 10, maxWaitMs: 5000, backlogAfterMs: 1000, backlogWaitMs: 0, now: () => clock });
    const first = fetch(`${h.url}/running?hold=1`);
    await until(() => h.stats().running === 1);
    const view = fetch(`${h.url}/view`);
    await until(() => h.stats().waiting === 1);
    clock = 3000;
    expect(h.stats().backlog).toBe(false);
    h.releaseAll();
    expect([(await first).status, (await view).status]).toEqual([200, 200]);
  });

  it('does nothing when the limit is 0', async () => {
    const h = await serve({ concurrency: 0, queueLimit: 0, maxWaitMs: 1 });
    const answers = Array.from({ length: 5 }, (_, i) => fetch(`${h.url}/p${i}?hold=1`));
    await until(() => h.started.length === 5);
    h.releaseAll();
    expect((await Promise.all(answers)).every((r) => r.status === 200)).toBe(true);
  });
});
