// Database-backed sessions: the cookie carries a random token, the table its hash; rotated at login, ended at logout.
import { createCookie } from '@remix-run/node';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { db, type DbOrTx } from '../../db/client';
import { roleAssignments, sessions, totpCredentials, users, type Role } from '../../db/schema';
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
  /** Whether the person has confirmed a second factor (an authenticator app). */
  enrolled: boolean;
}

/**
 * The live session of a request, or null; expired sessions are ended on the way. One statement reads the session,
 * its person, whether they hold a role whose sessions are shorter, and whether they have a second factor: every
 * signed-in request starts here.
 */
export async function findLiveSession(request: Request): Promise<LiveSession | null> {
  const token = await readSessionToken(request);
  if (!token) return null;
  const id = sha256(token);
  const [row] = await db()
    .select({
      session: sessions,
      user: { id: users.id, name: users.name, email: users.email, locale: users.locale, disabledAt: users.disabledAt },
      privileged: sql<boolean>`exists (select 1 from ${roleAssignments} where ${roleAssignments.userId} = ${sessions.userId} and ${roleAssignments.revokedAt} is null and ${inArray(roleAssignments.role, privilegedRoles as Role[])})`,
      enrolled: sql<boolean>`exists (select 1 from ${totpCredentials} where ${totpCredentials.userId} = ${sessions.userId} and ${totpCredentials.confirmedAt} is not null)`,
    })
    .from(sessions)
    .leftJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id))
    .limit(1);
  if (!row || row.session.endedAt) return null;
  const session = row.session;
  const now = new Date();
  const limits = sessionLimits(Boolean(row.privileged));
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
    enrolled: Boolean(row.enrolled),
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
