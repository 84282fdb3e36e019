// TOTP secrets at rest: sealed (secret-box.server.ts) under TOTP_ENCRYPTION_KEY and bound to their owner's id, opened
// only to check a code or to show the key while enrolling. Also the passes over the table: sealing rows written before
// encryption (every start) and re-sealing everything under the current key (`npm run totp:rotate`).
import { and, eq, notLike, sql } from 'drizzle-orm';
import { db } from '../../db/client';
import { totpCredentials } from '../../db/schema';
import { recordAudit } from '../audit/audit.server';
import { env, type Env } from '../utils/env.server';
import { DEVELOPMENT_KEY, isSealed, keyringOf, open, parseKeyMaterial, seal, sealedKeyId, SealedSecretError, type Keyring } from './secret-box.server';

export { SealedSecretError };

type KeyEnv = Pick<Env, 'NODE_ENV' | 'TOTP_ENCRYPTION_KEY' | 'TOTP_ENCRYPTION_OLD_KEYS'>;

/**
 * The keyring of an environment. Outside production an unset key means the development key, and the development key
 * always opens (a demo database keeps working once a real key is set); production never holds it (env.server.ts).
 */
export function keyringFromEnv(e: KeyEnv): Keyring {
  if (e.NODE_ENV === 'production' && !e.TOTP_ENCRYPTION_KEY) throw new Error('TOTP_ENCRYPTION_KEY is required in production');
  const current = e.TOTP_ENCRYPTION_KEY ? parseKeyMaterial(e.TOTP_ENCRYPTION_KEY) : DEVELOPMENT_KEY;
  const old = (e.TOTP_ENCRYPTION_OLD_KEYS?.split(',') ?? []).map((k) => parseKeyMaterial(k));
  if (!current || old.some((k) => !k)) throw new Error('TOTP_ENCRYPTION_KEY or TOTP_ENCRYPTION_OLD_KEYS is malformed');
  if (e.NODE_ENV !== 'production') old.push(DEVELOPMENT_KEY);
  return keyringOf(current, old as Buffer[]);
}

const KEY = Symbol.for('fivefold.totpKeyring');
type Registry = { [KEY]?: Keyring };

export function totpKeyring(): Keyring {
  const registry = globalThis as Registry;
  registry[KEY] ??= keyringFromEnv(env());
  return registry[KEY];
}

/** Replaces the process's keyring (tests; undefined goes back to the environment's). */
export function setTotpKeyring(keyring: Keyring | undefined) {
  (globalThis as Registry)[KEY] = keyring;
}

const contextOf = (userId: string) => `totp_credentials.secret:${userId}`;
const PLAIN_BASE32 = /^[A-Z2-7]+=*$/;

export const sealTotpSecret = (userId: string, secret: string) => seal(totpKeyring(), secret, contextOf(userId));

/**
 * The base32 secret of a stored value. A plain base32 value (written before encryption, or by an older process during
 * a rolling upgrade) still opens until the next start or rotation seals it. Throws SealedSecretError otherwise.
 */
export function openTotpSecret(userId: string, stored: string): string {
  if (!isSealed(stored)) {
    if (PLAIN_BASE32.test(stored)) return stored;
    throw new SealedSecretError('malformed', null);
  }
  return open(totpKeyring(), stored, contextOf(userId));
}

export interface ResealReport {
  /** Rows re-sealed under the current key by this pass. */
  resealed: number;
  /** Rows already under the current key. */
  current: number;
  /** Rows that could not be opened: their owner's id, the key id they name and why (never the value). */
  unreadable: { userId: string; keyId: string | null; reason: string }[];
}

async function reseal(rows: { userId: string; secret: string }[], keyring: Keyring): Promise<ResealReport> {
  const report: ResealReport = { resealed: 0, current: 0, unreadable: [] };
  for (const row of rows) {
    const from = sealedKeyId(row.secret);
    if (from === keyring.currentId) {
      report.current += 1;
      continue;
    }
    let plain: string;
    try {
      plain = openTotpSecret(row.userId, row.secret);
    } catch (error) {
      if (!(error instanceof SealedSecretError)) throw error;
      report.unreadable.push({ userId: row.userId, keyId: error.keyId, reason: error.reason });
      continue;
    }
    const next = seal(keyring, plain, contextOf(row.userId));
    // Only if the row still holds what was read: an enrolment or switch-off in between wins.
    report.resealed += await db().transaction(async (tx) => {
      const moved = await tx
        .update(totpCredentials)
        .set({ secret: next })
        .where(and(eq(totpCredentials.userId, row.userId), eq(totpCredentials.secret, row.secret)))
        .returning({ userId: totpCredentials.userId });
      if (moved.length) {
        await recordAudit(
          tx,
          { userId: null },
          { action: 'two_factor.secret_resealed', subjectType: 'user', subjectId: row.userId, after: { from: from ?? 'plain', to: keyring.currentId } },
        );
      }
      return moved.length;
    });
  }
  return report;
}

/** `npm run totp:rotate`: every secret not under the current key (plain ones too) re-sealed under it. */
export async function rotateTotpSecrets(keyring = totpKeyring()): Promise<ResealReport> {
  const rows = await db().select({ userId: totpCredentials.userId, secret: totpCredentials.secret }).from(totpCredentials);
  return reseal(rows, keyring);
}

export interface StartReport {
  /** Plain secrets sealed by this start. */
  sealed: number;
  /** Secrets under a key id this process does not hold, by key id: their owners cannot use their app until it is added. */
  unknownKeys: Record<string, number>;
}

/** At every start, before serving: seals secrets stored plain, and counts those no configured key opens. */
export async function sealTotpSecretsAtStart(keyring = totpKeyring()): Promise<StartReport> {
  const plain = await db()
    .select({ userId: totpCredentials.userId, secret: totpCredentials.secret })
    .from(totpCredentials)
    .where(notLike(totpCredentials.secret, 'v1.%'));
  const { resealed } = await reseal(plain, keyring);
  const byKey = await db()
    .select({ keyId: sql<string>`split_part(${totpCredentials.secret}, '.', 2)`, n: sql<number>`count(*)::int` })
    .from(totpCredentials)
    .where(sql`${totpCredentials.secret} like 'v1.%'`)
    .groupBy(sql`1`);
  const unknownKeys: Record<string, number> = {};
  for (const { keyId, n } of byKey) if (!keyring.keys.has(keyId)) unknownKeys[keyId] = Number(n);
  return { sealed: resealed, unknownKeys };
}
