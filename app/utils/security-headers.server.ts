// Headers every page carries. Pages show people's data after login, so nothing is cached by shared caches.
import { isProduction } from './env.server';

export function securityHeaders(headers: Headers) {
  headers.set('X-Content-Type-Options', 'nosniff');
  headers.set('Referrer-Policy', 'same-origin');
  headers.set('X-Frame-Options', 'DENY');
  headers.set(
    'Content-Security-Policy',
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'",
  );
  if (!headers.has('Cache-Control')) headers.set('Cache-Control', 'private, no-store');
  if (isProduction()) headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
}
