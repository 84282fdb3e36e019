// Calling a route's loader or action as a browser would: an optional session cookie, a urlencoded form (repeated
// fields for lists), route params. A thrown guard Response is returned like any other, so tests can assert on it.
import { eq } from 'drizzle-orm';
import { db } from '../../db/client';
import { users } from '../../db/schema';
import { sessionCookieFor } from './factories';

export interface RouteCall {
  cookie?: string | null;
  form?: Record<string, string | string[]>;
  params?: Record<string, string>;
}

export async function callRoute(fn: (args: never) => unknown, url: string, opts: RouteCall = {}): Promise<unknown> {
  const headers = new Headers();
  if (opts.cookie) headers.set('Cookie', opts.cookie);
  let body: URLSearchParams | undefined;
  if (opts.form) {
    body = new URLSearchParams();
    for (const [k, v] of Object.entries(opts.form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    headers.set('Content-Type', 'application/x-www-form-urlencoded');
  }
  const request = new Request(`http://localhost${url}`, { method: opts.form ? 'POST' : 'GET', headers, body });
  try {
    return (await fn({ request, params: opts.params ?? {}, context: {} } as never)) as unknown;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

const cookies = new Map<string, string>();

/** A signed-in session cookie for an existing account (e.g. a demo login), made once per test file. */
export async function cookieOf(email: string) {
  if (!cookies.has(email)) {
    const [u] = await db().select({ id: users.id }).from(users).where(eq(users.email, email));
    cookies.set(email, await sessionCookieFor(u.id));
  }
  return cookies.get(email)!;
}

export const statusOf = (r: unknown) => (r instanceof Response ? r.status : 200);
export const locationOf = (r: unknown) => (r instanceof Response ? r.headers.get('Location') : null);
export const errorsOf = (r: unknown) => (r as { error?: Record<string, string[]> }).error ?? {};
