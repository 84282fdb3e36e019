// Sign-up, login, password reset and email change: the account life cycle, each step audited.
import { and, count, eq, gt, isNull, sql } from 'drizzle-orm';
import { db, type DbOrTx } from '../../db/client';
import { emailTokens, loginAttempts, roleAssignments, users } from '../../db/schema';
import { recordAudit } from '../audit/audit.server';
import type { Locale } from '../i18n/locale';
import { queueEmail } from '../mail/mail.server';
import { isPrivileged, loadRoles } from '../permissions/principal.server';
import { keyedHash, randomToken, sha256 } from './crypto.server';
import { decideLogin, WINDOW_MINUTES } from './login-throttle';
import { hashPassword, verifyPassword } from './password.server';
import { endAllSessions, endSessionOfRequest, startSession } from './session.server';
import { secondFactorDue } from './two-factor.server';

const TOKEN_TTL_MS = 60 * 60 * 1000;

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export async function emailTaken(email: string) {
  const [row] = await db().select({ id: users.id }).from(users).where(eq(users.email, normaliseEmail(email))).limit(1);
  return Boolean(row);
}

export async function signUp(
  request: Request,
  input: { email: string; password: string; name: string; locale: Locale },
): Promise<{ ok: true; cookie: string; userId: string } | { ok: false; reason: 'email_taken' }> {
  const passwordHash = await hashPassword(input.password);
  const email = normaliseEmail(input.email);
  return db().transaction(async (tx) => {
    const inserted = await tx
      .insert(users)
      .values({ email, name: input.name.trim(), passwordHash, locale: input.locale })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (!inserted.length) return { ok: false as const, reason: 'email_taken' as const };
    const userId = inserted[0].id;
    await tx.insert(roleAssignments).values({ userId, role: 'resident', placeId: null });
    await recordAudit(tx, { userId }, { action: 'user.sign_up', subjectType: 'user', subjectId: userId, after: { email } });
    await endSessionOfRequest(tx, request);
    const cookie = await startSession(tx, userId, false);
    return { ok: true as const, cookie, userId };
  });
}

export type CredentialResult =
  | { ok: true; userId: string }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; retryAfterMinutes: number };

/** Checks an email and password under the failed-login limits, recording the attempt. Used by login and the API. */
export async function verifyCredentials(input: { email: string; password: string }, address: string): Promise<CredentialResult> {
  const email = normaliseEmail(input.email);
  const addressHash = keyedHash(address);
  const since = new Date(Date.now() - WINDOW_MINUTES * 60_000);
  // Check the limits and record this attempt (as a failure until the password proves otherwise) in one step, serialised
  // per address and per account: otherwise guesses sent in parallel all pass the check before any of them is counted.
  const attemptId = await db().transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(1, hashtext(${addressHash}))`);
    await tx.execute(sql`select pg_advisory_xact_lock(2, hashtext(${email}))`);
    const failures = (where: ReturnType<typeof and>) =>
      tx.select({ n: count() }).from(loginAttempts).where(and(where, eq(loginAttempts.succeeded, false), gt(loginAttempts.createdAt, since)));
    const [[pair], [fromAddress], [forAccount], [known]] = await Promise.all([
      failures(and(eq(loginAttempts.email, email), eq(loginAttempts.addressHash, addressHash))),
      failures(eq(loginAttempts.addressHash, addressHash)),
      failures(eq(loginAttempts.email, email)),
      tx
        .select({ n: count() })
        .from(loginAttempts)
        .where(and(eq(loginAttempts.email, email), eq(loginAttempts.addressHash, addressHash), eq(loginAttempts.succeeded, true))),
    ]);
    const decision = decideLogin({
      accountAddressFailures: Number(pair.n),
      addressFailures: Number(fromAddress.n),
      accountFailures: Number(forAccount.n),
      knownAddress: Number(known.n) > 0,
    });
    if (!decision.allowed) return null;
    const [attempt] = await tx.insert(loginAttempts).values({ email, addressHash, succeeded: false }).returning({ id: loginAttempts.id });
    return attempt.id;
  });
  if (attemptId === null) return { ok: false, reason: 'throttled', retryAfterMinutes: WINDOW_MINUTES };

  const [user] = await db()
    .select({ id: users.id, passwordHash: users.passwordHash, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.email, email))
    .limit(1);
  const valid = (await verifyPassword(input.password, user?.passwordHash)) && user && !user.disabledAt;
  if (!valid || !user) return { ok: false, reason: 'invalid' };
  await db().update(loginAttempts).set({ succeeded: true }).where(eq(loginAttempts.id, attemptId));
  return { ok: true, userId: user.id };
}

/** After the password: 'done', or the second factor still to pass ('verify') or to set up ('enrol'). */
export type LoginResult = { ok: true; cookie: string; userId: string; next: 'done' | 'verify' | 'enrol' } | Exclude<CredentialResult, { ok: true }>;

export async function logIn(request: Request, input: { email: string; password: string }, address: string): Promise<LoginResult> {
  const checked = await verifyCredentials(input, address);
  if (!checked.ok) return checked;
  const userId = checked.userId;
  const privileged = await isPrivileged(userId);
  const cookie = await db().transaction(async (tx) => {
    await recordAudit(tx, { userId }, { action: 'session.login', subjectType: 'user', subjectId: userId });
    // Rotation: whatever session the browser carried before is ended; a new id is issued.
    await endSessionOfRequest(tx, request);
    return startSession(tx, userId, privileged);
  });
  const due = await secondFactorDue(userId, await loadRoles(userId));
  return { ok: true, cookie, userId, next: due ?? 'done' };
}

export async function logOut(request: Request, userId: string | null) {
  await db().transaction(async (tx) => {
    await endSessionOfRequest(tx, request);
    if (userId) await recordAudit(tx, { userId }, { action: 'session.logout', subjectType: 'user', subjectId: userId });
  });
}

/** Always behaves the same whether or not the address has an account, so nobody can probe for accounts. */
export async function requestPasswordReset(email: string, origin: string) {
  const [user] = await db()
    .select({ id: users.id, name: users.name, locale: users.locale, email: users.email })
    .from(users)
    .where(and(eq(users.email, normaliseEmail(email)), isNull(users.disabledAt)))
    .limit(1);
  if (!user?.email) return;
  const token = randomToken();
  await db().transaction(async (tx) => {
    await tx.insert(emailTokens).values({
      userId: user.id,
      purpose: 'password_reset',
      tokenHash: sha256(token),
      expiresAt: new Date(Date.now() + TOKEN_TTL_MS),
    });
    await queueEmail(tx, user.email!, user.locale, { kind: 'password_reset', name: user.name, link: `${origin}/reset-password/${token}` });
    await recordAudit(tx, { userId: user.id }, { action: 'password.reset_requested', subjectType: 'user', subjectId: user.id });
  });
}

/** The token's row if it is of the purpose, unused and unexpired. */
async function liveToken(token: string, purpose: 'password_reset' | 'email_change') {
  const [row] = await db()
    .select()
    .from(emailTokens)
    .where(
      and(
        eq(emailTokens.tokenHash, sha256(token)),
        eq(emailTokens.purpose, purpose),
        isNull(emailTokens.usedAt),
        gt(emailTokens.expiresAt, new Date()),
      ),
    )
    .limit(1);
  return row ?? null;
}

export const resetTokenValid = async (token: string) => Boolean(await liveToken(token, 'password_reset'));

export async function resetPassword(request: Request, token: string, password: string): Promise<{ ok: true; cookie: string } | { ok: false }> {
  const row = await liveToken(token, 'password_reset');
  if (!row) return { ok: false };
  const passwordHash = await hashPassword(password);
  const privileged = await isPrivileged(row.userId);
  return db().transaction(async (tx) => {
    // Single use even when the link is opened twice at once: only one UPDATE can claim it.
    const claimed = await tx
      .update(emailTokens)
      .set({ usedAt: new Date() })
      .where(and(eq(emailTokens.id, row.id), isNull(emailTokens.usedAt)))
      .returning({ id: emailTokens.id });
    if (!claimed.length) return { ok: false as const };
    const [user] = await tx.update(users).set({ passwordHash }).where(eq(users.id, row.userId)).returning({ name: users.name, email: users.email, locale: users.locale });
    await endAllSessions(tx, row.userId);
    await expireResetLinks(tx, row.userId);
    await recordAudit(tx, { userId: row.userId }, { action: 'password.reset', subjectType: 'user', subjectId: row.userId });
    if (user.email) await queueEmail(tx, user.email, user.locale, { kind: 'password_changed', name: user.name });
    await endSessionOfRequest(tx, request);
    const cookie = await startSession(tx, row.userId, privileged);
    return { ok: true as const, cookie };
  });
}

/** Outstanding reset links die once the password, or the address they were mailed to, has changed. */
async function expireResetLinks(tx: DbOrTx, userId: string) {
  await tx
    .update(emailTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(emailTokens.userId, userId), eq(emailTokens.purpose, 'password_reset'), isNull(emailTokens.usedAt)));
}

async function checkPassword(userId: string, password: string) {
  const [user] = await db().select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)).limit(1);
  return verifyPassword(password, user?.passwordHash);
}

export async function changePassword(userId: string, sessionId: string | null, current: string, next: string) {
  if (!(await checkPassword(userId, current))) return { ok: false as const, reason: 'wrong_password' as const };
  const passwordHash = await hashPassword(next);
  await db().transaction(async (tx) => {
    const [user] = await tx.update(users).set({ passwordHash }).where(eq(users.id, userId)).returning({ name: users.name, email: users.email, locale: users.locale });
    await endAllSessions(tx, userId, sessionId ?? undefined);
    await expireResetLinks(tx, userId);
    await recordAudit(tx, { userId }, { action: 'password.change', subjectType: 'user', subjectId: userId });
    if (user.email) await queueEmail(tx, user.email, user.locale, { kind: 'password_changed', name: user.name });
  });
  return { ok: true as const };
}

/** Re-authenticates with the current password, then mails a confirmation link to the new address. */
export async function requestEmailChange(userId: string, password: string, newEmail: string, origin: string) {
  if (!(await checkPassword(userId, password))) return { ok: false as const, reason: 'wrong_password' as const };
  const email = normaliseEmail(newEmail);
  if (await emailTaken(email)) return { ok: false as const, reason: 'email_taken' as const };
  const token = randomToken();
  await db().transaction(async (tx) => {
    const [user] = await tx.select({ name: users.name, locale: users.locale }).from(users).where(eq(users.id, userId));
    await tx.insert(emailTokens).values({ userId, purpose: 'email_change', tokenHash: sha256(token), newEmail: email, expiresAt: new Date(Date.now() + TOKEN_TTL_MS) });
    await queueEmail(tx, email, user.locale, { kind: 'email_change_confirm', name: user.name, newEmail: email, link: `${origin}/account/confirm-email/${token}` });
    await recordAudit(tx, { userId }, { action: 'email.change_requested', subjectType: 'user', subjectId: userId });
  });
  return { ok: true as const, email };
}

export async function confirmEmailChange(token: string) {
  const row = await liveToken(token, 'email_change');
  if (!row?.newEmail) return { ok: false as const };
  return db().transaction(async (tx) => {
    const claimed = await tx
      .update(emailTokens)
      .set({ usedAt: new Date() })
      .where(and(eq(emailTokens.id, row.id), isNull(emailTokens.usedAt)))
      .returning({ id: emailTokens.id });
    if (!claimed.length) return { ok: false as const };
    const taken = await tx.select({ id: users.id }).from(users).where(eq(users.email, row.newEmail!)).limit(1);
    if (taken.length) return { ok: false as const };
    const [before] = await tx.select({ email: users.email, name: users.name, locale: users.locale }).from(users).where(eq(users.id, row.userId));
    await tx.update(users).set({ email: row.newEmail, emailVerifiedAt: new Date() }).where(eq(users.id, row.userId));
    await expireResetLinks(tx, row.userId);
    await recordAudit(tx, { userId: row.userId }, { action: 'email.change', subjectType: 'user', subjectId: row.userId, before: { email: before.email }, after: { email: row.newEmail } });
    if (before.email) await queueEmail(tx, before.email, before.locale, { kind: 'email_change_notice', name: before.name, newEmail: row.newEmail! });
    return { ok: true as const, email: row.newEmail! };
  });
}

export async function updateProfile(userId: string, input: { name: string; locale: Locale }) {
  await db().transaction(async (tx) => {
    const [before] = await tx.select({ name: users.name, locale: users.locale }).from(users).where(eq(users.id, userId));
    await tx.update(users).set({ name: input.name.trim(), locale: input.locale }).where(eq(users.id, userId));
    await recordAudit(tx, { userId }, { action: 'user.update', subjectType: 'user', subjectId: userId, before, after: input });
  });
}

/** Old login attempts are only needed for the throttle window; the cleanup job keeps a day. */
export async function pruneLoginAttempts() {
  await db().delete(loginAttempts).where(sql`${loginAttempts.createdAt} < now() - interval '1 day'`);
}
