// The HTTP layer: static files, a same-origin check for state-changing requests, and the Remix handler.
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import express from 'express';
import { createRequestHandler } from '@remix-run/express';
import type { ServerBuild } from '@remix-run/node';
import { apiErrorBody, DATABASE_UNAVAILABLE_EN } from '../app/api/errors.server';
import { databaseDownSince } from '../db/availability';
import { inRequestScope } from '../app/utils/request-scope.server';
import { admissionControl, type AdmissionOptions } from './admission';

function topLevelFiles(dir: string) {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((f) => f.isFile()).map((f) => f.name);
  } catch {
    return [];
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Browsers send Origin with every cross-site POST; a mismatch means another site is submitting a form. */
export function sameOriginOk(method: string, origin: string | undefined, host: string | undefined, hasBearer: boolean) {
  if (SAFE.has(method) || hasBearer) return true;
  if (!origin) return true; // non-browser clients; cookies are SameSite=Lax besides
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * The Content-Security-Policy of every response. Scripts run only from this site and, inline, only with this
 * response's nonce (Remix's hydration data and scroll restoration), so markup someone managed to inject cannot run.
 * No 'strict-dynamic': Remix inserts route-module preloads with script, and every script is served from this origin
 * anyway. Style elements and sheets from this site only; style attributes stay allowed (React renders a few, and an
 * attribute cannot run script). No form-action rule: the card donation form redirects to Stripe Checkout.
 */
export function contentSecurityPolicy(nonce: string) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join('; ');
}

/** A fresh, unguessable nonce for one response (128 bits, base64). */
export const newNonce = () => randomBytes(16).toString('base64');

/**
 * Headers every response carries: no MIME sniffing, no framing by other sites, no full URLs (with their reset tokens)
 * leaking to other origins, HTTPS pinned in production. Pages for a signed-in person or an API token are never
 * stored by browsers or proxies. The page's nonce waits in res.locals.cspNonce for the Remix handler.
 */
export function securityHeaders(production: boolean): express.RequestHandler {
  return (req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    const nonce = newNonce();
    res.locals.cspNonce = nonce;
    res.setHeader('Content-Security-Policy', contentSecurityPolicy(nonce));
    res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
    if (production) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    const cookie = req.get('cookie') ?? '';
    if (req.get('authorization') || /(?:^|;\s*)(?:__Host-)?ff_session=/.test(cookie)) res.setHeader('Cache-Control', 'private, no-store');
    next();
  };
}

const UNAVAILABLE_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>暂时无法服务 · Temporarily unavailable</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.6">
<h1>暂时无法服务</h1><p>数据库正在恢复，请几秒钟后刷新页面再试。</p>
<h2 lang="en">Temporarily unavailable</h2><p lang="en">The database is coming back; reload the page in a few seconds.</p>
</body></html>`;

/**
 * While the database is unavailable (db/availability.ts), requests fail at once with 503 and Retry-After instead of
 * each waiting for a connection; static files and the health check still answer. The gate opens again as soon as a
 * probe reaches the database.
 */
export function databaseGate(): express.RequestHandler {
  return (req, res, next) => {
    if (databaseDownSince() === null || req.path === '/healthz') return next();
    res.status(503).setHeader('Retry-After', '5');
    res.setHeader('Cache-Control', 'no-store');
    if (req.path.startsWith('/api/')) {
      res.json(apiErrorBody('unavailable', DATABASE_UNAVAILABLE_EN));
    } else {
      res.type('html').send(UNAVAILABLE_PAGE);
    }
  };
}

/** `admission`: how many requests run at once and how many may wait (server/admission.ts); none, no limit. */
export function createApp(build: ServerBuild, trustProxy = false, admission?: AdmissionOptions) {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', trustProxy);
  app.use(securityHeaders(process.env.NODE_ENV === 'production'));
  app.use(
    '/build',
    express.static(process.env.FIVEFOLD_BUILD_DIR ? `${process.env.FIVEFOLD_BUILD_DIR}/public` : 'public/build', { immutable: true, maxAge: '1y' }),
  );
  // The few files at the top of public/ (the icon), looked up by name: asking the file system about every page's path
  // would cost each request a failed stat.
  const publicFiles = new Set(topLevelFiles('public').map((name) => `/${name}`));
  const publicStatic = express.static('public', { maxAge: '1h', index: false });
  app.use((req, res, next) => (publicFiles.has(req.path) ? publicStatic(req, res, next) : next()));
  app.use((req, res, next) => {
    if (!sameOriginOk(req.method, req.get('origin'), req.get('host'), Boolean(req.get('authorization')?.startsWith('Bearer ')))) {
      res.status(403).type('text/plain').send('Cross-site request refused.');
      return;
    }
    // The client address reaches the app in one header we set ourselves, never one a client chose.
    req.headers['x-fivefold-client-address'] = req.ip ?? 'unknown';
    next();
  });
  app.use(databaseGate());
  if (admission) app.use(admissionControl(admission));
  // One scope per request: what its loaders share (the signed-in caller, read once).
  app.use((_req, _res, next) => inRequestScope(next));
  app.all('*', createRequestHandler({ build, mode: process.env.NODE_ENV, getLoadContext: (_req, res) => ({ cspNonce: String(res.locals.cspNonce ?? '') }) }));
  return app;
}
