// TOTP against the test vectors of RFC 6238 (Appendix B) and RFC 4226 (Appendix D), and the drift window.
import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, matchingStep, newTotpSecret, otpauthUri, stepAt, totpAt } from '../../../app/auth/totp';

const seed20 = Buffer.from('12345678901234567890', 'ascii');
const seed32 = Buffer.from('12345678901234567890123456789012', 'ascii');
const seed64 = Buffer.from('1234567890123456789012345678901234567890123456789012345678901234', 'ascii');

describe('HOTP (RFC 4226 Appendix D)', () => {
  it('gives the ten published values', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    expect(expected.map((_, i) => hotp(seed20, i))).toEqual(expected);
  });
});

describe('TOTP (RFC 6238 Appendix B, 8 digits)', () => {
  const vectors: [number, string, string, string][] = [
    [59, '94287082', '46119246', '90693936'],
    [1111111109, '07081804', '68084774', '25091201'],
    [1111111111, '14050471', '67062674', '99943326'],
    [1234567890, '89005924', '91819424', '93441116'],
    [2000000000, '69279037', '90698825', '38618901'],
    [20000000000, '65353130', '77737706', '47863826'],
  ];
  it.each(vectors)('at %i s', (seconds, sha1, sha256, sha512) => {
    const step = stepAt(seconds * 1000);
    expect(hotp(seed20, step, 8, 'sha1')).toBe(sha1);
    expect(hotp(seed32, step, 8, 'sha256')).toBe(sha256);
    expect(hotp(seed64, step, 8, 'sha512')).toBe(sha512);
  });
  it('gives the 6-digit code authenticator apps show for a base32 secret', () => {
    const secret = base32Encode(seed20);
    expect(secret).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(totpAt(secret, 59_000)).toBe('287082');
    expect(totpAt(secret, 1111111109_000)).toBe('081804');
  });
});

describe('checking a typed code', () => {
  const secret = newTotpSecret();
  const now = 1_800_000_000_000;
  it('accepts the current code and one step either side, telling which step it was', () => {
    expect(matchingStep(secret, totpAt(secret, now), now)).toBe(stepAt(now));
    expect(matchingStep(secret, totpAt(secret, now - 30_000), now)).toBe(stepAt(now) - 1);
    expect(matchingStep(secret, totpAt(secret, now + 30_000), now)).toBe(stepAt(now) + 1);
    expect(matchingStep(secret, ` ${totpAt(secret, now).slice(0, 3)} ${totpAt(secret, now).slice(3)} `, now)).toBe(stepAt(now));
  });
  it('refuses codes from further away, wrong codes and anything not six digits', () => {
    const old = totpAt(secret, now - 90_000);
    const near = [-1, 0, 1].map((d) => totpAt(secret, now + d * 30_000));
    if (!near.includes(old)) expect(matchingStep(secret, old, now)).toBeNull();
    const wrong = String((Number(totpAt(secret, now)) + 1) % 1_000_000).padStart(6, '0');
    if (!near.includes(wrong)) expect(matchingStep(secret, wrong, now)).toBeNull();
    expect(matchingStep(secret, '12345', now)).toBeNull();
    expect(matchingStep(secret, 'abcdef', now)).toBeNull();
    expect(matchingStep(secret, '', now)).toBeNull();
  });
  it('round-trips base32 and makes 160-bit secrets, different each time', () => {
    const s = newTotpSecret();
    expect(s).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(s)).toHaveLength(20);
    expect(base32Encode(base32Decode(s))).toBe(s);
    expect(newTotpSecret()).not.toBe(s);
  });
  it('writes the otpauth URI apps read from the QR code', () => {
    const uri = new URL(otpauthUri('JBSWY3DPEHPK3PXP', 'staff@fivefold.test', 'Fivefold'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Fivefold:staff@fivefold.test');
    expect(uri.searchParams.get('secret')).toBe('JBSWY3DPEHPK3PXP');
    expect(uri.searchParams.get('issuer')).toBe('Fivefold');
    expect(uri.searchParams.get('period')).toBe('30');
  });
});
