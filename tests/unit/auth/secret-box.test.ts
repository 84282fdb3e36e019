// Sealing with AES-256-GCM: a round trip, the key id in the clear, and every way a stored value can fail to open.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keyIdOf, keyringOf, open, parseKeyMaterial, seal, sealedKeyId, SealedSecretError } from '../../../app/auth/secret-box.server';

const failure = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SealedSecretError);
    return (error as SealedSecretError).reason;
  }
  throw new Error('opened');
};

describe('secret box', () => {
  const a = randomBytes(32);
  const b = randomBytes(32);

  it('opens what it sealed, under the key named in the value, with a fresh IV each time', () => {
    const ring = keyringOf(a);
    const one = seal(ring, 'JBSWY3DPEHPK3PXP', 'user-1');
    expect(sealedKeyId(one)).toBe(keyIdOf(a));
    expect(one).not.toContain('JBSWY3DPEHPK3PXP');
    expect(seal(ring, 'JBSWY3DPEHPK3PXP', 'user-1')).not.toBe(one);
    expect(open(ring, one, 'user-1')).toBe('JBSWY3DPEHPK3PXP');
    // After a rotation: sealed under the new key, the old one still opens old values.
    const rotated = keyringOf(b, [a]);
    expect(open(rotated, one, 'user-1')).toBe('JBSWY3DPEHPK3PXP');
    expect(sealedKeyId(seal(rotated, 'X', 'user-1'))).toBe(keyIdOf(b));
  });

  it('refuses a value for another owner, an altered one, an unknown key and garbage', () => {
    const ring = keyringOf(a);
    const sealed = seal(ring, 'JBSWY3DPEHPK3PXP', 'user-1');
    expect(failure(() => open(ring, sealed, 'user-2'))).toBe('tampered');
    const parts = sealed.split('.');
    const tag = Buffer.from(parts[4], 'base64url');
    tag[3] ^= 0x40;
    expect(failure(() => open(ring, [...parts.slice(0, 4), tag.toString('base64url')].join('.'), 'user-1'))).toBe('tampered');
    expect(failure(() => open(ring, [...parts.slice(0, 4), ''].join('.'), 'user-1'))).toBe('tampered');
    expect(failure(() => open(keyringOf(b), sealed, 'user-1'))).toBe('unknown_key');
    // A key swapped under the same id (someone edited the id) does not authenticate either.
    expect(failure(() => open(keyringOf(b), sealed.replace(keyIdOf(a), keyIdOf(b)), 'user-1'))).toBe('tampered');
    expect(failure(() => open(ring, 'JBSWY3DPEHPK3PXP', 'user-1'))).toBe('malformed');
    expect(failure(() => open(ring, 'v1.x.y', 'user-1'))).toBe('malformed');
  });

  it('reads keys as 64 hex characters or base64, and nothing shorter or longer', () => {
    const k = randomBytes(32);
    expect(parseKeyMaterial(k.toString('hex'))?.equals(k)).toBe(true);
    expect(parseKeyMaterial(k.toString('base64'))?.equals(k)).toBe(true);
    expect(parseKeyMaterial(` ${k.toString('base64url')} `)?.equals(k)).toBe(true);
    expect(parseKeyMaterial(randomBytes(16).toString('hex'))).toBeNull();
    expect(parseKeyMaterial(randomBytes(33).toString('base64'))).toBeNull();
    expect(parseKeyMaterial('correct horse battery staple correct horse b')).toBeNull();
  });
});
