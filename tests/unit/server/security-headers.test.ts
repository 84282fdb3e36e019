// Every response carries the security headers; pages for a signed-in person are never cached; HSTS only in production.
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { securityHeaders } from '../../../server/app';

function serve(production: boolean) {
  const app = express();
  app.use(securityHeaders(production));
  app.get('/page', (_req, res) => res.send('<p>hello</p>'));
  app.get('/nonce', (_req, res) => res.send(String(res.locals.cspNonce)));
  app.get('/cached', (_req, res) => res.set('Cache-Control', 'public, max-age=60').send('ok'));
  return new Promise<{ url: string; close: () => Promise<void> }>((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

describe('security headers', () => {
  let dev: Awaited<ReturnType<typeof serve>>;
  let prod: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    [dev, prod] = await Promise.all([serve(false), serve(true)]);
  });
  afterAll(async () => {
    await Promise.all([dev.close(), prod.close()]);
  });

  it('forbids sniffing and framing and keeps full URLs to this site', async () => {
    const res = await fetch(`${dev.url}/page`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(res.headers.get('strict-transport-security')).toBeNull();
    expect((await fetch(`${prod.url}/page`)).headers.get('strict-transport-security')).toContain('max-age=31536000');
  });

  it('never lets a signed-in page or an API answer be stored; anonymous public pages keep their own caching', async () => {
    expect((await fetch(`${dev.url}/page`, { headers: { Cookie: 'ff_session=abc' } })).headers.get('cache-control')).toBe('private, no-store');
    expect((await fetch(`${prod.url}/page`, { headers: { Cookie: 'lang=en; __Host-ff_session=abc' } })).headers.get('cache-control')).toBe('private, no-store');
    expect((await fetch(`${dev.url}/page`, { headers: { Authorization: 'Bearer ff_x' } })).headers.get('cache-control')).toBe('private, no-store');
    expect((await fetch(`${dev.url}/cached`)).headers.get('cache-control')).toBe('public, max-age=60');
    expect((await fetch(`${dev.url}/page`, { headers: { Cookie: 'lang=en' } })).headers.get('cache-control')).not.toBe('private, no-store');
  });

  it('lets scripts run only from this site or with the response\'s own nonce, fresh for every response', async () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${dev.url}/nonce`);
      const csp = res.headers.get('content-security-policy') ?? '';
      const nonce = await res.text();
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      const directives = Object.fromEntries(csp.split(/;\s*/).map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
      expect(directives['script-src']).toBe(`'self' 'nonce-${nonce}'`);
      expect(directives['default-src']).toBe("'self'");
      expect(directives['style-src']).toBe("'self'");
      expect(directives['img-src']).toBe("'self' data: blob:");
      expect(directives['connect-src']).toBe("'self'");
      expect(directives['object-src']).toBe("'none'");
      expect(csp).not.toContain('unsafe-eval');
      // The card donation form redirects to Stripe Checkout, which a form-action rule would block.
      expect(directives['form-action']).toBeUndefined();
      expect(res.headers.get('content-security-policy')?.split(',')).toHaveLength(1);
      nonces.add(nonce);
    }
    expect(nonces.size).toBe(5);
  });
});
