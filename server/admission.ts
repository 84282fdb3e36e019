// Admission control: a server that takes every request it is sent falls over under a spike — each request waits
// behind all the others, answers start arriving after their clients have given up, and from then on the server only
// renders pages nobody reads (bench:load on a loaded machine showed exactly that: zero answers in time). So at most
// `concurrency` requests run at once; the next ones wait in line, up to `queueLimit` of them and for at most
// `maxWaitMs` each; beyond that a request is refused at once with 503 and Retry-After, which browsers, API clients
// and Stripe's webhook retries all understand. Whoever is still answered is answered at the server's real speed.
//
// Requests that change something (POST and the rest: a need being raised, a sign-up, a payment webhook) go ahead of
// waiting page views, and when the line is full a waiting page view gives its place up to one of them. A request
// whose client hangs up while it waits is dropped without running.
//
// A burst and a backlog need different patience (CoDel's insight, as in "Fail at Scale"'s adaptive queue timeout).
// In a burst the line empties again within moments, so a request is worth its wait. When more arrives than the
// server can answer for a while, the line never empties, and a full line of 256 at ~75 answers a second means every
// page view served waited over three seconds (bench:giving-day at twice the capacity: browsing p50 3.2 s). So once
// the line has not been empty for `backlogAfterMs`, a page view that has waited `backlogWaitMs` is refused instead of
// run: those still served are served in about that time, and the server does as much work as before. Changes keep
// their full patience. As soon as the line empties, the backlog is over.
import type express from 'express';
import { apiErrorBody } from '../app/api/errors.server';

export interface AdmissionOptions {
  /** Requests handled at once (0: no limit). */
  concurrency: number;
  /** Requests that may wait for a turn. */
  queueLimit: number;
  /** How long a request may wait before it is refused. */
  maxWaitMs: number;
  /** A line that has not emptied for this long is a backlog, not a burst (default 2000 ms). */
  backlogAfterMs?: number;
  /** During a backlog, how long a page view may wait before it is refused (default 500 ms; 0: no backlog rule). */
  backlogWaitMs?: number;
  /** The clock, in ms (tests). */
  now?: () => number;
}

export const BUSY_MESSAGE_EN = 'The service is busy; try again in a few seconds.';

const BUSY_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>访问人数过多 · Too busy</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.6">
<h1>访问人数过多</h1><p>现在访问的人很多，请几秒钟后刷新页面再试。您填写的内容没有提交，返回上一页即可重新提交。</p>
<h2 lang="en">Too busy right now</h2><p lang="en">Many people are using the site at this moment; reload the page in a few seconds. If you were sending a form, it was not sent: go back and send it again.</p>
</body></html>`;

interface Waiter {
  admit: () => void;
  refuse: () => void;
  timer: NodeJS.Timeout;
  done: boolean;
  /** When it joined the line. */
  since: number;
}

export interface Admission extends express.RequestHandler {
  /** Requests running and waiting now, and refused so far (for operators and tests). */
  stats(): { running: number; waiting: number; refused: number; backlog: boolean };
}

/** Paths that never wait: the health check must say the process is alive even when it is busy. */
const exempt = (path: string) => path === '/healthz';

const changes = (method: string) => method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';

export function admissionControl(options: AdmissionOptions): Admission {
  const { concurrency, queueLimit, maxWaitMs, backlogAfterMs = 2000, backlogWaitMs = 500 } = options;
  const now = options.now ?? (() => performance.now());
  let running = 0;
  let refused = 0;
  // Two lines: changes first, page views after; each first come, first served.
  const urgent: Waiter[] = [];
  const normal: Waiter[] = [];
  // When the line last went from empty to waiting: while anyone waits, it has not been empty since then.
  let standingSince = 0;
  const empty = () => urgent.length === 0 && normal.length === 0;
  const backlog = (t: number) => backlogWaitMs > 0 && !empty() && t - standingSince >= backlogAfterMs;

  const take = (w: Waiter) => {
    w.done = true;
    clearTimeout(w.timer);
  };
  const next = () => {
    while (running < concurrency) {
      let w = urgent.shift();
      if (!w) {
        // In a backlog, the page views that have waited too long are refused rather than answered late.
        const t = now();
        if (backlog(t)) {
          while (normal.length > 0 && t - normal[0].since >= backlogWaitMs) {
            const late = normal.shift()!;
            take(late);
            late.refuse();
          }
        }
        w = normal.shift();
      }
      if (!w) return;
      take(w);
      w.admit();
    }
  };
  const refuse = (req: express.Request, res: express.Response) => {
    refused++;
    if (res.headersSent || res.writableEnded) return;
    res.status(503).setHeader('Retry-After', '2');
    res.setHeader('Cache-Control', 'no-store');
    if (req.path.startsWith('/api/')) res.json(apiErrorBody('unavailable', BUSY_MESSAGE_EN));
    else res.type('html').send(BUSY_PAGE);
  };

  const handler = ((req, res, proceed) => {
    if (concurrency <= 0 || exempt(req.path)) return proceed();
    const run = () => {
      running++;
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        running--;
        next();
      };
      res.once('finish', release);
      res.once('close', release);
      proceed();
    };
    if (running < concurrency && empty()) return run();

    const line = changes(req.method) ? urgent : normal;
    if (urgent.length + normal.length >= queueLimit) {
      // Full: a change takes the place of the page view that has waited longest; a page view is refused.
      const evicted = line === urgent ? normal.shift() : undefined;
      if (!evicted) return refuse(req, res);
      take(evicted);
      evicted.refuse();
    }
    const waiter: Waiter = {
      admit: run,
      refuse: () => refuse(req, res),
      timer: setTimeout(() => {
        if (waiter.done) return;
        remove(waiter);
        waiter.refuse();
      }, maxWaitMs),
      done: false,
      since: now(),
    };
    const remove = (w: Waiter) => {
      take(w);
      for (const l of [urgent, normal]) {
        const i = l.indexOf(w);
        if (i >= 0) l.splice(i, 1);
      }
    };
    // The client hung up while waiting: nobody will read the answer, so never run it.
    res.once('close', () => {
      if (!waiter.done) remove(waiter);
    });
    if (empty()) standingSince = waiter.since;
    line.push(waiter);
  }) as Admission;

  handler.stats = () => ({ running, waiting: urgent.length + normal.length, refused, backlog: backlog(now()) });
  return handler;
}
