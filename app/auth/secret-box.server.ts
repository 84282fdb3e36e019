// Sealing a secret the server must read back (a TOTP key) with AES-256-GCM. The key's id travels with each
// ciphertext, so a keyring of the current key plus old ones opens everything sealed before a rotation. No I/O.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

export interface Keyring {
  /** The id of the key new values are sealed under. */
  currentId: string;
  /** Every key that may open a value, by id (the current one included). */
  keys: ReadonlyMap<string, Buffer>;
}

export type OpenFailure = 'malformed' | 'unknown_key' | 'tampered';

/** A value that could not be opened; its message names the reason and the key id, never the value. */
export class SealedSecretError extends Error {
  constructor(public readonly reason: OpenFailure, public readonly keyId: string | null) {
    super(
      reason === 'unknown_key'
        ? `sealed under key ${keyId}, which is not in TOTP_ENCRYPTION_KEY or TOTP_ENCRYPTION_OLD_KEYS`
        : reason === 'tampered'
        ? `sealed under key ${keyId} but does not authenticate: it was altered, copied from another row, or the key under that id is a different one`
        : 'not a sealed value',
    );
    this.name = 'SealedSecretError';
  }
}

const VERSION = 'v1';
const IV_BYTES = 12;

/** 32 bytes written as 64 hex characters or as base64/base64url (43 or 44 characters); null if it is neither. */
export function parseKeyMaterial(text: string): Buffer | null {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(t)) {
    const bytes = Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    return bytes.length === 32 ? bytes : null;
  }
  return null;
}

/** A key's id: a short hash of it, so ids never clash by mistake and reveal nothing usable about the key. */
export const keyIdOf = (key: Buffer) => createHash('sha256').update('fivefold secret-box key id\0').update(key).digest('hex').slice(0, 8);

/**
 * The key of development, test and demo starts when TOTP_ENCRYPTION_KEY is unset. It is written here, so it protects
 * nothing: production never accepts it (env.server.ts refuses it as TOTP_ENCRYPTION_KEY and never adds it).
 */
export const DEVELOPMENT_KEY = createHash('sha256').update('fivefold development TOTP key: published in the source, not secret').digest();
export const DEVELOPMENT_KEY_ID = keyIdOf(DEVELOPMENT_KEY);

export function keyringOf(current: Buffer, old: readonly Buffer[] = []): Keyring {
  const keys = new Map<string, Buffer>();
  for (const key of [current, ...old]) keys.set(keyIdOf(key), key);
  return { currentId: keyIdOf(current), keys };
}

export const isSealed = (stored: string) => stored.startsWith(`${VERSION}.`);

/** The id of the key a stored value was sealed under, or null for a value that is not sealed. */
export const sealedKeyId = (stored: string) => (isSealed(stored) ? stored.split('.')[1] ?? null : null);

const b64 = (b: Buffer) => b.toString('base64url');

/**
 * `v1.<key id>.<iv>.<ciphertext>.<tag>` (base64url). `context` (e.g. the row's owner) is authenticated but not
 * stored: a value copied into another row does not open there.
 */
export function seal(keyring: Keyring, plaintext: string, context: string): string {
  const key = keyring.keys.get(keyring.currentId)!;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, keyring.currentId, b64(iv), b64(body), b64(cipher.getAuthTag())].join('.');
}

/** The plaintext of a sealed value; throws SealedSecretError when it is malformed, its key is unknown or it was altered. */
export function open(keyring: Keyring, stored: string, context: string): string {
  const parts = stored.split('.');
  if (parts.length !== 5 || parts[0] !== VERSION) throw new SealedSecretError('malformed', null);
  const [, keyId, iv, body, tag] = parts;
  const key = keyring.keys.get(keyId);
  if (!key) throw new SealedSecretError('unknown_key', keyId);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), { authTagLength: 16 });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new SealedSecretError('tampered', keyId);
  }
}
