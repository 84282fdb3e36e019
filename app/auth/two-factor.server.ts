// Two-factor sign-in with TOTP: enrolment (secret, QR, first code, recovery codes), the code after the password,
// and switching it off with password and code. Every step is audited; codes are single use.
import { randomBytes } from 'node:crypto';
import { and, eq, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import QRCode from 'qrcode';
import { db, type DbOrTx } from '../../db/client';
import { rateLimits, recoveryCodes, roleAssignments, sessions, totpCredentials, users, type Role } from '../../db/schema';
import { requiresTwoFactor, twoFactorRoles } from './two-factor-rules';
import { recordAudit } from '../audit/audit.server';
import { hitLimit, type Limit } from '../utils/rate-limit.server';
import { keyedHash, sha256 } from './crypto.server';
import { verifyPassword } from './password.server';
import { findLiveSession } from './session.server';
import { base32Encode, matchingStep, newTotpSecret, otpauthUri } from './totp';
import { openTotpSecret, SealedSecretError, sealTotpSecret } from './totp-secrets.server';

export { requiresTwoFactor, twoFactorRoles };

export const RECOVERY_CODE_COUNT = 10;
/** Wrong codes allowed per person: a 6-digit code cannot be guessed in 10 tries a quarter-hour (odds 3 in 100 000). */
export const verifyLimit: Limit = { action: 'two_factor.verify', max: 10, windowSeconds: 900 };

const ISSUER = 'Fivefold';

/**
 * Only wrong codes count against the limit (people sign in many times a day): this reads the count that
 * hitLimit (rate-limit.server.ts) keeps for the current window, without adding to it.
 */
async function wrongCodesLeft(userId: string, now: number): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
  const windowMs = verifyLimit.windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now / windowMs) * windowMs);
  const [row] = await db()
    .select({ hits: rateLimits.hits })
    .from(rateLimits)
    .where(and(eq(rateLimits.key, `${verifyLimit.action}:${keyedHash(userId)}`), eq(rateLimits.windowStart, windowStart)))
    .limit(1);
  if (!row || row.hits < verifyLimit.max) return { ok: true };
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now) / 1000)) };
}

/** A recovery code: 10 base32 characters (50 bits) shown as two groups of five. */
function newRecoveryCode() {
  const raw = base32Encode(randomBytes(7)).slice(0, 10);
  return `${raw.slice(0, 5)}-${raw.slice(5)}`;
}
const normaliseRecovery = (code: string) => code.toUpperCase().replace(/[^A-Z2-7]/g, '');
const hashRecovery = (code: string) => sha256(`recovery:${normaliseRecovery(code)}`);

/** Counts a wrong code against the limit once its transaction has ended (the counter has its own connection). */
async function countWrong<T extends { ok: boolean; reason?: string }>(userId: string, now: number, outcome: Promise<T>): Promise<T> {
  const result = await outcome;
  if (!result.ok && (result.reason === 'wrong_code' || result.reason === 'replayed' || result.reason === 'unreadable_secret'))
    await hitLimit(verifyLimit, userId, new Date(now));
  return result;
}

/**
 * The base32 secret of a credential, or null when it cannot be opened (altered in the database, or sealed under a key
 * this process lacks): said in the log for the operator, by owner and key id, never with the value.
 */
function readSecret(cred: { userId: string; secret: string }): string | null {
  try {
    return openTotpSecret(cred.userId, cred.secret);
  } catch (error) {
    if (!(error instanceof SealedSecretError)) throw error;
    console.warn(`Two-factor secret of user ${cred.userId} cannot be opened: ${error.message}.`);
    return null;
  }
}

async function credentialOf(tx: DbOrTx, userId: string) {
  const [row] = await tx.select().from(totpCredentials).where(eq(totpCredentials.userId, userId)).limit(1);
  return row ?? null;
}

export async function isEnrolled(userId: string) {
  const row = await credentialOf(db(), userId);
  return Boolean(row?.confirmedAt);
}

export async function hasTwoFactorRole(userId: string) {
  const rows = await db()
    .select({ role: roleAssignments.role })
    .from(roleAssignments)
    .where(and(eq(roleAssignments.userId, userId), isNull(roleAssignments.revokedAt)));
  return requiresTwoFactor(rows);
}

/**
 * What a session that has not passed the second factor still owes: 'verify' (the person enrolled: the code is due
 * before anything else), 'enrol' (their role requires it and they have not set it up) or nothing.
 */
export async function secondFactorDue(userId: string, roles: readonly { role: Role }[]): Promise<'verify' | 'enrol' | null> {
  return secondFactorDueGiven(await isEnrolled(userId), roles);
}

/** What a session that has not passed the second factor owes: the code if the person enrolled, else enrolment if a role requires it. */
export function secondFactorDueGiven(enrolled: boolean, roles: readonly { role: Role }[]): 'verify' | 'enrol' | null {
  if (enrolled) return 'verify';
  return requiresTwoFactor(roles) ? 'enrol' : null;
}

export interface TwoFactorOverview {
  enrolled: boolean;
  recoveryCodesLeft: number;
  /** While enrolling: the secret to type in and the QR code (SVG) with the same thing. */
  pending: { secret: string; qrSvg: string; uri: string } | null;
}

export async function twoFactorOverview(userId: string): Promise<TwoFactorOverview> {
  const cred = await credentialOf(db(), userId);
  if (cred?.confirmedAt) {
    const [{ n }] = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
    return { enrolled: true, recoveryCodesLeft: Number(n), pending: null };
  }
  return { enrolled: false, recoveryCodesLeft: 0, pending: null };
}

/** Starts (or resumes) enrolment: the same secret until it is confirmed, so reloading the page keeps the QR code. */
export async function startEnrolment(userId: string): Promise<NonNullable<TwoFactorOverview['pending']>> {
  const { secret, email } = await db().transaction(async (tx) => {
    const [user] = await tx.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, userId)).limit(1);
    const email = user?.email ?? user?.name ?? userId;
    const existing = await credentialOf(tx, userId);
    if (existing?.confirmedAt) throw new Error('already enrolled');
    const pending = existing && readSecret(existing);
    if (pending) return { secret: pending, email };
    const fresh = newTotpSecret();
    if (existing) {
      // A pending key that no longer opens was never confirmed: nothing is lost by offering a new one.
      await tx
        .update(totpCredentials)
        .set({ secret: sealTotpSecret(userId, fresh) })
        .where(eq(totpCredentials.userId, userId));
      await recordAudit(
        tx,
        { userId },
        { action: 'two_factor.enrolment_started', subjectType: 'user', subjectId: userId, after: { replacedUnreadable: true } },
      );
      return { secret: fresh, email };
    }
    const inserted = await tx
      .insert(totpCredentials)
      .values({ userId, secret: sealTotpSecret(userId, fresh) })
      .onConflictDoNothing()
      .returning({ userId: totpCredentials.userId });
    if (inserted.length) {
      await recordAudit(tx, { userId }, { action: 'two_factor.enrolment_started', subjectType: 'user', subjectId: userId });
      return { secret: fresh, email };
    }
    // Another request started it a moment ago: show the same key.
    const raced = await credentialOf(tx, userId);
    const secret = raced && readSecret(raced);
    if (!secret) throw new Error('two-factor enrolment raced with an unreadable key');
    return { secret, email };
  });
  const uri = otpauthUri(secret, email, ISSUER);
  const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret, qrSvg, uri };
}

async function markSession(tx: DbOrTx, sessionId: string | null) {
  if (sessionId) await tx.update(sessions).set({ secondFactorAt: new Date() }).where(eq(sessions.id, sessionId));
}

async function newRecoveryCodes(tx: DbOrTx, userId: string) {
  await tx
    .update(recoveryCodes)
    .set({ usedAt: new Date() })
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await tx.insert(recoveryCodes).values(codes.map((c) => ({ userId, codeHash: hashRecovery(c) })));
  return codes;
}

export type ConfirmResult = { ok: true; recoveryCodes: string[] } | { ok: false; reason: 'wrong_code' | 'not_started' | 'throttled' };

/** Confirms enrolment with the first code from the app; returns the recovery codes, shown this once. */
export async function confirmEnrolment(userId: string, sessionId: string | null, code: string, now = Date.now()): Promise<ConfirmResult> {
  if (!(await wrongCodesLeft(userId, now)).ok) return { ok: false, reason: 'throttled' };
  return countWrong(
    userId,
    now,
    db().transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(3, hashtext(${userId}))`);
      const cred = await credentialOf(tx, userId);
      const secret = cred && !cred.confirmedAt ? readSecret(cred) : null;
      if (!cred || !secret) return { ok: false as const, reason: 'not_started' as const };
      const step = matchingStep(secret, code, now);
      if (step === null) {
        await recordAudit(tx, { userId }, { action: 'two_factor.enrolment_failed', subjectType: 'user', subjectId: userId });
        return { ok: false as const, reason: 'wrong_code' as const };
      }
      await tx
        .update(totpCredentials)
        .set({ confirmedAt: new Date(now), lastStep: step })
        .where(eq(totpCredentials.userId, userId));
      const codes = await newRecoveryCodes(tx, userId);
      await markSession(tx, sessionId);
      await recordAudit(tx, { userId }, { action: 'two_factor.enabled', subjectType: 'user', subjectId: userId });
      return { ok: true as const, recoveryCodes: codes };
    }),
  );
}

export type VerifyResult =
  | { ok: true; method: 'totp' | 'recovery' }
  | { ok: false; reason: 'wrong_code' | 'replayed' | 'not_enrolled' | 'unreadable_secret' }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number };

/**
 * Checks a TOTP or recovery code of an enrolled person and consumes it: a TOTP code's step must be later than the
 * last one accepted (the same code twice is refused), a recovery code is marked used. Wrong codes are counted.
 */
async function consumeCode(tx: DbOrTx, userId: string, code: string, now: number): Promise<VerifyResult> {
  const cred = await credentialOf(tx, userId);
  if (!cred?.confirmedAt) return { ok: false, reason: 'not_enrolled' };
  // An unreadable key refuses every app code, but recovery codes (hashes, no key needed) still work.
  const secret = readSecret(cred);
  const step = secret === null ? null : matchingStep(secret, code, now);
  if (step !== null) {
    const moved = await tx
      .update(totpCredentials)
      .set({ lastStep: step })
      .where(and(eq(totpCredentials.userId, userId), isNotNull(totpCredentials.confirmedAt), lt(totpCredentials.lastStep, step)))
      .returning({ userId: totpCredentials.userId });
    return moved.length ? { ok: true, method: 'totp' } : { ok: false, reason: 'replayed' };
  }
  if (normaliseRecovery(code).length === 10) {
    const used = await tx
      .update(recoveryCodes)
      .set({ usedAt: new Date(now) })
      .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, hashRecovery(code)), isNull(recoveryCodes.usedAt)))
      .returning({ id: recoveryCodes.id });
    if (used.length) return { ok: true, method: 'recovery' };
  }
  return { ok: false, reason: secret === null ? 'unreadable_secret' : 'wrong_code' };
}

/** The code after the password: on success the session counts as having passed the second factor. */
export async function verifySecondFactor(userId: string, sessionId: string, code: string, now = Date.now()): Promise<VerifyResult> {
  const limited = await wrongCodesLeft(userId, now);
  if (!limited.ok) {
    await db().transaction((tx) => recordAudit(tx, { userId }, { action: 'two_factor.throttled', subjectType: 'user', subjectId: userId }));
    return { ok: false, reason: 'throttled', retryAfterSeconds: limited.retryAfterSeconds };
  }
  return countWrong(
    userId,
    now,
    db().transaction(async (tx) => {
      const result = await consumeCode(tx, userId, code, now);
      if (result.ok) {
        await markSession(tx, sessionId);
        await recordAudit(tx, { userId }, { action: 'two_factor.verified', subjectType: 'user', subjectId: userId, after: { method: result.method } });
      } else {
        await recordAudit(tx, { userId }, { action: 'two_factor.failed', subjectType: 'user', subjectId: userId, after: { reason: result.reason } });
      }
      return result;
    }),
  );
}

/** The code given with a request for an API token (no session to mark). */
export async function verifyTokenSecondFactor(userId: string, code: string, now = Date.now()): Promise<VerifyResult> {
  const limited = await wrongCodesLeft(userId, now);
  if (!limited.ok) return { ok: false, reason: 'throttled', retryAfterSeconds: limited.retryAfterSeconds };
  return countWrong(
    userId,
    now,
    db().transaction(async (tx) => {
      const result = await consumeCode(tx, userId, code, now);
      await recordAudit(
        tx,
        { userId },
        {
          action: result.ok ? 'two_factor.verified' : 'two_factor.failed',
          subjectType: 'user',
          subjectId: userId,
          after: result.ok ? { method: result.method, for: 'api_token' } : { reason: result.reason, for: 'api_token' },
        },
      );
      return result;
    }),
  );
}

export type DisableResult =
  | { ok: true }
  | { ok: false; reason: 'wrong_password' | 'wrong_code' | 'replayed' | 'not_enrolled' | 'throttled' | 'unreadable_secret' };

/** Switches two-factor off: the password and a current code (or a recovery code) both, so a stolen session cannot. */
export async function disableTwoFactor(userId: string, password: string, code: string, now = Date.now()): Promise<DisableResult> {
  if (!(await wrongCodesLeft(userId, now)).ok) return { ok: false, reason: 'throttled' };
  const [user] = await db().select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)).limit(1);
  if (!(await verifyPassword(password, user?.passwordHash))) {
    await hitLimit(verifyLimit, userId, new Date(now));
    await db().transaction((tx) =>
      recordAudit(tx, { userId }, { action: 'two_factor.disable_failed', subjectType: 'user', subjectId: userId, after: { reason: 'wrong_password' } }),
    );
    return { ok: false, reason: 'wrong_password' };
  }
  return countWrong(
    userId,
    now,
    db().transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(3, hashtext(${userId}))`);
      const checked = await consumeCode(tx, userId, code, now);
      if (!checked.ok) {
        await recordAudit(tx, { userId }, { action: 'two_factor.disable_failed', subjectType: 'user', subjectId: userId, after: { reason: checked.reason } });
        return { ok: false as const, reason: checked.reason === 'throttled' ? 'wrong_code' : checked.reason };
      }
      await tx.delete(totpCredentials).where(eq(totpCredentials.userId, userId));
      await tx
        .update(recoveryCodes)
        .set({ usedAt: new Date(now) })
        .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
      await recordAudit(tx, { userId }, { action: 'two_factor.disabled', subjectType: 'user', subjectId: userId });
      return { ok: true as const };
    }),
  );
}

/** For the demo street and tests: an already confirmed credential with a known secret (no recovery codes). */
export async function enrolWithSecret(tx: DbOrTx, userId: string, secret: string) {
  const sealed = sealTotpSecret(userId, secret);
  await tx
    .insert(totpCredentials)
    .values({ userId, secret: sealed, confirmedAt: new Date() })
    .onConflictDoUpdate({ target: totpCredentials.userId, set: { secret: sealed, confirmedAt: new Date(), lastStep: 0 } });
}

/** The session of a request that passed the password but still owes the code of an enrolled person, or null. */
export async function pendingSecondFactor(request: Request): Promise<{ sessionId: string; userId: string } | null> {
  const session = await findLiveSession(request);
  if (!session || session.secondFactorAt || !session.enrolled) return null;
  return { sessionId: session.id, userId: session.userId };
}
