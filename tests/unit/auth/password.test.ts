import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../../app/auth/password.server';

describe('password hashing', () => {
  it('verifies the password it hashed and refuses a wrong one', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('stores the scheme, cost parameters and a per-hash salt in the hash, never the password', async () => {
    const [a, b] = await Promise.all([hashPassword('same password'), hashPassword('same password')]);
    expect(a).toMatch(/^scrypt\$65536\$8\$2\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('same password');
  });

  it('verifies a hash made with other parameters, so the cost can be raised later', async () => {
    const salt = randomBytes(16);
    const key = scryptSync('older password', salt, 32, { N: 2 ** 14, r: 8, p: 1 });
    const old = `scrypt$16384$8$1$${salt.toString('base64url')}$${key.toString('base64url')}`;
    expect(await verifyPassword('older password', old)).toBe(true);
    expect(await verifyPassword('other password', old)).toBe(false);
  });

  it('accepts a password typed with full-width characters (a Chinese input method) as the same password', async () => {
    const hash = await hashPassword('Secret12345');
    expect(await verifyPassword('Ｓｅｃｒｅｔ１２３４５', hash)).toBe(true);
  });

  it('refuses when there is no hash or it is of an unknown scheme', async () => {
    expect(await verifyPassword('anything at all', null)).toBe(false);
    expect(await verifyPassword('anything at all', 'bcrypt$2b$10$abcdefghijklmnopqrstuv')).toBe(false);
  });
});
