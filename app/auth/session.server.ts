// Database-backed sessions: the cookie carries a random token, the table its hash; rotated at login, ended at logout.
import { createCookie } from '@remix-run/node';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { db, type DbOrTx } from '../../db/client';
import { notifications, places, roleAssignments, sessions, totpCredentials, users, type Role } from '../../db/schema';
import type { PrincipalRole } from '../permissions/principal.server';
import { privilegedRoles } from '../permissions/rules';
import { env, isProduction } from '../utils/env.server';
import { randomToken, sha256 } from './crypto.server';
import { sessionSecret } from './secret.server';
import { needsTouch, sessionAlive, sessionLimits } from './session-rules';

function sessionCookie() {
  const production = isProduction();
  return createCookie(production ? '__Host-ff_session' : 'ff_session', {
    httpOnly: true,
    sameSite: 'lax',
    secure: production,
    path: '/',
    secrets: [sessionSecret()],
  });
}

export async function readSessionToken(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get('Cookie'));
  return typeof value === 'string' && value.length > 20 ? value : null;
}

/** Starts a new session; the caller ends any previous one (rotation). Returns the Set-Cookie header. */
export async function startSession(tx: DbOrTx, userId: string, privileged: boolean, opts: { secondFactorPassed?: boolean } = {}) {
  const token = randomToken();
  const now = new Date();
  const limits = sessionLimits(privileged);
  await tx.insert(sessions).values({
    id: sha256(token),
    userId,
    createdAt: now,
    lastSeenAt: now,
    secondFactorAt: opts.secondFactorPassed ? now : null,
    expiresAt: new Date(now.getTime() + limits.absoluteMs),
  });
  return sessionCookie().serialize(token, { maxAge: Math.floor(limits.absoluteMs / 1000) });
}

export async function clearSessionCookie() {
  return sessionCookie().serialize('', { maxAge: 0 });
}

export interface LiveSession {
  id: string;
  userId: string;
  actingForUserId: string | null;
  /** When the session passed the second factor, or null. */
  secondFactorAt: Date | null;
  /** The person, read with the session (null if the row is gone). */
  user: { id: string; name: string; email: string | null; locale: 'zh-CN' | 'en'; disabledAt: Date | null } | null;
  /** Their roles, as loadRoles reads them. */
  roles: PrincipalRole[];
  /** Whether the person has confirmed a second factor (an authenticator app). */
  enrolled: boolean;
  /** How many of their notifications are unread (every page's header shows it). */
  unreadNotifications: number;
}

type SessionRole = { role: Role; placeId: string | null; placePath: string | null; placeNameZh: string | null; placeNameEn: string | null };

/**
 * The live session of a request, or null; expired sessions are ended on the way. One statement reads the session,
 * its person, their roles (some make sessions shorter), whether they have a second factor and how many notifications
 * wait unread: every signed-in request starts here.
 */
export async function findLiveSession(request: Request): Promise<LiveSession | null> {
  const token = await readSessionToken(request);
  if (!token) return null;
  const id = sha256(token);
  const [row] = await db()
    .select({
      session: sessions,
      user: { id: users.id, name: users.name, email: users.email, locale: users.locale, disabledAt: users.disabledAt },
      roles: sql<SessionRole[]>`(select coalesce(json_agg(json_build_object('role', ra.role, 'placeId', ra.place_id, 'placePath', p.path, 'placeNameZh', p.name_zh, 'placeNameEn', p.name_en)), '[]'::json)
        from ${roleAssignments} ra left join ${places} p on p.id = ra.place_id where ra.user_id = ${sessions.userId} and ra.revoked_at is null)`,
      enrolled: sql<boolean>`exists (select 1 from ${totpCredentials} where ${totpCredentials.userId} = ${sessions.userId} and ${totpCredentials.confirmedAt} is not null)`,
      unread: sql<number>`(select count(*)::int from ${notifications} n where n.user_id = ${sessions.userId} and n.read_at is null)`,
    })
    .from(sessions)
    .leftJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id))
    .limit(1);
  if (!row || row.session.endedAt) return null;
  const session = row.session;
  const now = new Date();
  const roles: PrincipalRole[] = (typeof row.roles === 'string' ? (JSON.parse(row.roles) as SessionRole[]) : row.roles).map((r) => ({
    role: r.role,
    placeId: r.placeId,
    placePath: r.placeId ? r.placePath : null,
    placeNameZh: r.placeNameZh,
    placeNameEn: r.placeNameEn,
  }));
  const limits = sessionLimits(roles.some((r) => privilegedRoles.includes(r.role)));
  if (!sessionAlive(session, limits, now)) {
    await db().update(sessions).set({ endedAt: now }).where(and(eq(sessions.id, id), isNull(sessions.endedAt)));
    return null;
  }
  if (needsTouch(session.lastSeenAt, now)) {
    await db().update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
  }
  return {
    id,
    userId: session.userId,
    actingForUserId: session.actingForUserId,
    secondFactorAt: session.secondFactorAt,
    user: row.user,
    roles,
    enrolled: Boolean(row.enrolled),
    unreadNotifications: Number(row.unread),
  };
}

export async function endSessionById(tx: DbOrTx, id: string) {
  await tx.update(sessions).set({ endedAt: new Date() }).where(and(eq(sessions.id, id), isNull(sessions.endedAt)));
}

export async function endSessionOfRequest(tx: DbOrTx, request: Request) {
  const token = await readSessionToken(request);
  if (token) await endSessionById(tx, sha256(token));
}

/** Ends every session of a user, e.g. after a password change (optionally keeping the current one). */
export async function endAllSessions(tx: DbOrTx, userId: string, keepId?: string) {
  const live = await tx
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.endedAt)));
  for (const s of live) if (s.id !== keepId) await endSessionById(tx, s.id);
}

export async function setActingFor(tx: DbOrTx, sessionId: string, principalUserId: string | null) {
  await tx.update(sessions).set({ actingForUserId: principalUserId }).where(eq(sessions.id, sessionId));
}

export const sessionCookieName = () => (env().NODE_ENV === 'production' ? '__Host-ff_session' : 'ff_session');
