// Headers every page carries. Pages show people's data after login, so nothing is cached by shared caches.
// The Content-Security-Policy is set once, with the response's nonce, by the HTTP layer (server/app.ts).
import { isProduction } from './env.server';

export function securityHeaders(headers: Headers) {
  headers.set('X-Content-Type-Options', 'nosniff');
  headers.set('Referrer-Policy', 'same-origin');
  headers.set('X-Frame-Options', 'DENY');
  if (!headers.has('Cache-Control')) headers.set('Cache-Control', 'private, no-store');
  if (isProduction()) headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
}
