// Thrown Responses for guards and lookups, the way Remix expects errors to leave a loader or action.

export function invariantResponse(condition: unknown, message: string, init: ResponseInit = { status: 400 }): asserts condition {
  if (!condition) throw new Response(message, { ...init, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...init.headers } });
}

export const notFound = (message = 'Not found') => new Response(message, { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
export const forbidden = (message = 'Forbidden') => new Response(message, { status: 403, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** A route parameter that must be a UUID; anything else is a 404, never a database error. */
export function uuidParam(params: Record<string, string | undefined>, name: string): string {
  const value = params[name];
  if (!isUuid(value)) throw notFound();
  return value.toLowerCase();
}

/** Only same-site relative paths may be redirect targets. */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = '/'): string {
  if (typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//')) return fallback;
  // Browsers drop tabs and newlines and read backslashes as slashes: "/\t/evil.example" would leave the site.
  if (/[\u0000-\u001f\u007f\\]/.test(to)) return fallback;
  return to;
}

export function clientAddress(request: Request): string {
  // Set by server/app.ts from the socket (or a trusted proxy); a client cannot choose it.
  return request.headers.get('x-fivefold-client-address') ?? 'unknown';
}
