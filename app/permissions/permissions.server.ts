// Guards for loaders, actions and API handlers. They run before any input is parsed and throw Responses.
import { redirect } from '@remix-run/node';
import { eq } from 'drizzle-orm';
import { db } from '../../db/client';
import { places } from '../../db/schema';
import { bearerPrincipal } from '../api/tokens.server';
import { findLiveSession } from '../auth/session.server';
import { secondFactorDueGiven, twoFactorRoles } from '../auth/two-factor.server';
import { forbidden, isUuid, notFound } from '../utils/http.server';
import { sharedInRequest } from '../utils/request-scope.server';
import { loadPrincipal, type Principal } from './principal.server';
import { can, type Permission } from './rules';

const cache = new WeakMap<Request, Promise<Principal | null>>();

/**
 * The signed-in caller (session cookie or bearer token), or null. Memoised per request: a page's loaders (the root's
 * and the route's each get their own copy of the Request) read it once. Only reads share it across copies: after an
 * action, which may sign someone in or out or change their roles, each copy reads afresh.
 */
export function getPrincipal(request: Request): Promise<Principal | null> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return principalOf(request);
  const credentials = `principal\n${request.headers.get('Cookie') ?? ''}\n${request.headers.get('Authorization') ?? ''}`;
  return sharedInRequest(credentials, () => principalOf(request));
}

function principalOf(request: Request): Promise<Principal | null> {
  let found = cache.get(request);
  if (!found) {
    found = (async () => {
      if (request.headers.get('Authorization')?.startsWith('Bearer ')) return bearerPrincipal(request);
      const session = await findLiveSession(request);
      if (!session) return null;
      const principal = await loadPrincipal(session.userId, { sessionId: session.id, actingForUserId: session.actingForUserId, via: 'session', user: session.user, roles: session.roles, unreadNotifications: session.unreadNotifications });
      if (!principal || session.secondFactorAt) return principal;
      // A session that has not passed the second factor: signed out until the code is typed, if the person enrolled;
      // without the roles that require it, if they must enrol first.
      const due = secondFactorDueGiven(session.enrolled, principal.roles);
      if (due === 'verify') return null;
      if (due === 'enrol') return { ...principal, roles: principal.roles.filter((r) => !twoFactorRoles.includes(r.role)), mustEnrolSecondFactor: true };
      return principal;
    })();
    cache.set(request, found);
  }
  return found;
}

function isApi(request: Request) {
  return new URL(request.url).pathname.startsWith('/api/');
}

/** The caller, or a redirect to the login page (401 for the API). */
export async function requireUser(request: Request): Promise<Principal> {
  const principal = await getPrincipal(request);
  if (principal) return principal;
  if (isApi(request)) throw new Response('Unauthorized', { status: 401 });
  const url = new URL(request.url);
  const back = request.method === 'GET' ? url.pathname + url.search : url.pathname;
  throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
}

/** The two-factor enrolment page, coming back here afterwards. */
export function enrolmentPath(request: Request) {
  const url = new URL(request.url);
  const back = request.method === 'GET' ? url.pathname + url.search : url.pathname;
  return `/account/two-factor?redirectTo=${encodeURIComponent(back)}`;
}

export async function requireAnonymous(request: Request) {
  if (await getPrincipal(request)) throw redirect('/');
}

export interface ScopedPlace {
  id: string;
  path: string;
  type: string;
}

export async function findPlace(placeId: string): Promise<ScopedPlace | null> {
  if (!isUuid(placeId)) return null;
  const [place] = await db().select({ id: places.id, path: places.path, type: places.type }).from(places).where(eq(places.id, placeId)).limit(1);
  return place ?? null;
}

/**
 * The caller, if they hold `permission` at the place; otherwise a 403 — or a 404 when `hideExistence`
 * is set, for records whose very existence is private. A missing place is always a 404.
 */
export async function requirePermission(
  request: Request,
  permission: Permission,
  place: string | ScopedPlace,
  opts: { hideExistence?: boolean } = {},
): Promise<Principal & { place: ScopedPlace }> {
  const principal = await requireUser(request);
  const scoped = typeof place === 'string' ? await findPlace(place) : place;
  if (!scoped) throw notFound();
  if (!can(principal.roles, permission, scoped.path)) {
    if (principal.mustEnrolSecondFactor && !isApi(request)) throw redirect(enrolmentPath(request));
    throw opts.hideExistence ? notFound() : forbidden();
  }
  return { ...principal, place: scoped };
}

export function hasPermission(principal: Principal, permission: Permission, place: ScopedPlace) {
  return can(principal.roles, permission, place.path);
}
