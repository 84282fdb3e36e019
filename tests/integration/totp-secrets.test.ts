// Two-factor secrets are encrypted at rest: what the database (or a backup of it) holds is not the key of anyone's
// authenticator app; sign-in still works; an altered row is refused with a message, not an error page; a key rotation
// re-encrypts everything and codes keep working; rows from before encryption are sealed at start.
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn } from '../../app/auth/accounts.server';
import { DEVELOPMENT_KEY, DEVELOPMENT_KEY_ID, keyIdOf, keyringOf } from '../../app/auth/secret-box.server';
import { base32Decode, totpAt } from '../../app/auth/totp';
import { keyringFromEnv, openTotpSecret, rotateTotpSecrets, sealTotpSecretsAtStart, setTotpKeyring } from '../../app/auth/totp-secrets.server';
import { confirmEnrolment, enrolWithSecret, startEnrolment, verifySecondFactor } from '../../app/auth/two-factor.server';
import { DEMO_TOTP_SECRET } from '../../app/auth/two-factor-rules';
import { gatherPersonalData } from '../../app/exports/personal.server';
import { getPrincipal } from '../../app/permissions/permissions.server';
import * as loginTwoFactor from '../../app/routes/login_.two-factor';
import * as tokensRoute from '../../app/routes/api.v1.tokens';
import { db } from '../../db/client';
import { auditEvents, totpCredentials } from '../../db/schema';
import { useTestDatabase } from '../helpers/db';
import { createPlace, createUser } from '../helpers/factories';
import { callRoute, errorsOf, locationOf, statusOf } from '../helpers/routes';

useTestDatabase();

const storedOf = async (userId: string) => (await db().select().from(totpCredentials).where(eq(totpCredentials.userId, userId)))[0]?.secret;
const login = async (email: string, password: string) => {
  const result = await logIn(new Request('http://localhost/login', { method: 'POST' }), { email, password }, '10.9.8.7');
  if (!result.ok) throw new Error('login failed');
  return result.cookie.split(';')[0];
};
const signedIn = async (cookie: string) => (await getPrincipal(new Request('http://localhost/', { headers: { Cookie: cookie } })))?.user.id;
const typeCode = (cookie: string, code: string) => callRoute(loginTwoFactor.action, '/login/two-factor', { cookie, form: { code, redirectTo: '/needs' } });
const key = () => randomBytes(32);

let communityId: string;
beforeAll(async () => {
  communityId = (await createPlace({ type: 'community' })).id;
});
afterAll(() => setTotpKeyring(undefined));

/** A treasurer who enrolled through the page's service: the key shown to them, and their recovery codes. */
async function enrolledTreasurer() {
  const person = await createUser({ roles: [{ role: 'treasurer', placeId: communityId }] });
  const { secret } = await startEnrolment(person.id);
  const confirmed = await confirmEnrolment(person.id, null, totpAt(secret, Date.now()));
  if (!confirmed.ok) throw new Error('enrolment failed');
  return { ...person, secret, recoveryCodes: confirmed.recoveryCodes };
}

describe('TOTP secrets at rest', () => {
  it('stores neither the key nor any spelling of it, and sign-in with a code still works', async () => {
    const t = await enrolledTreasurer();
    const stored = await storedOf(t.id);
    const raw = base32Decode(t.secret);
    expect(stored).toMatch(/^v1\.[0-9a-f]{8}\.[\w-]+\.[\w-]+\.[\w-]+$/);
    for (const spelling of [t.secret, t.secret.toLowerCase(), raw.toString('hex'), raw.toString('base64'), raw.toString('base64url')])
      expect(stored).not.toContain(spelling);
    // Two people with the same key do not get the same stored value (a fresh IV each time).
    const other = await createUser();
    await db().transaction((tx) => enrolWithSecret(tx, other.id, t.secret));
    expect(await storedOf(other.id)).not.toBe(stored);

    const cookie = await login(t.email, t.password);
    expect(await signedIn(cookie)).toBeUndefined();
    const res = await typeCode(cookie, totpAt(t.secret, Date.now() + 30_000));
    expect(locationOf(res)).toBe('/needs');
    expect(await signedIn(cookie)).toBe(t.id);
  });

  it('refuses an altered or moved secret with a message saying to use a recovery code, and recovery codes still work', async () => {
    const t = await enrolledTreasurer();
    const stored = (await storedOf(t.id))!;
    const parts = stored.split('.');
    const body = Buffer.from(parts[3], 'base64url');
    body[0] ^= 1;
    await db()
      .update(totpCredentials)
      .set({ secret: [...parts.slice(0, 3), body.toString('base64url'), parts[4]].join('.') })
      .where(eq(totpCredentials.userId, t.id));

    const cookie = await login(t.email, t.password);
    const res = await typeCode(cookie, totpAt(t.secret, Date.now() + 30_000));
    expect(statusOf(res)).toBe(200);
    expect(errorsOf(res).code).toEqual(['twoFactor.unreadableSecret']);
    expect(await signedIn(cookie)).toBeUndefined();
    const failed = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'two_factor.failed'), eq(auditEvents.subjectId, t.id)));
    expect(failed.map((a) => a.after)).toContainEqual({ reason: 'unreadable_secret' });

    // The API says the same in words, with the usual error shape.
    const api = (await tokensRoute.action({
      request: new Request('http://localhost/api/v1/tokens', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'x-fivefold-client-address': '10.9.8.7' },
        body: JSON.stringify({ email: t.email, password: t.password, code: totpAt(t.secret, Date.now()) }),
      }),
      params: {},
      context: {},
    } as never)) as Response;
    expect(api.status).toBe(401);
    expect((await api.json()).error.message).toContain('cannot be read on this server');

    expect(locationOf(await typeCode(cookie, t.recoveryCodes[0]))).toBe('/needs');
    expect(await signedIn(cookie)).toBe(t.id);

    // Another person's ciphertext copied into this row does not open either: it is bound to its owner.
    const other = await enrolledTreasurer();
    await db()
      .update(totpCredentials)
      .set({ secret: (await storedOf(other.id))! })
      .where(eq(totpCredentials.userId, t.id));
    expect(() => openTotpSecret(t.id, (stored as string).replace(parts[3], body.toString('base64url')))).toThrow(/does not authenticate/);
    const cookie2 = await login(t.email, t.password);
    expect(errorsOf(await typeCode(cookie2, totpAt(other.secret, Date.now() + 30_000))).code).toEqual(['twoFactor.unreadableSecret']);
  });

  it('a rotation re-encrypts every secret under the new key, and codes keep working once the old key is gone', async () => {
    const first = key();
    setTotpKeyring(keyringOf(first));
    const t = await enrolledTreasurer();
    expect((await storedOf(t.id))!.split('.')[1]).toBe(keyIdOf(first));

    const second = key();
    setTotpKeyring(keyringOf(second, [first]));
    // Before the rotation the old key still opens what it sealed.
    expect(openTotpSecret(t.id, (await storedOf(t.id))!)).toBe(t.secret);

    const report = await rotateTotpSecrets();
    expect(report.unreadable.filter((u) => u.keyId === keyIdOf(first))).toEqual([]);
    expect(report.resealed).toBeGreaterThan(0);
    expect((await storedOf(t.id))!.split('.')[1]).toBe(keyIdOf(second));
    const audit = await db().select().from(auditEvents).where(eq(auditEvents.action, 'two_factor.secret_resealed'));
    expect(audit.some((a) => a.subjectId === t.id)).toBe(true);
    // A second run finds nothing left to do under the old key.
    expect((await rotateTotpSecrets()).resealed).toBe(0);

    setTotpKeyring(keyringOf(second));
    const after = await login(t.email, t.password);
    expect(locationOf(await typeCode(after, totpAt(t.secret, Date.now() + 30_000)))).toBe('/needs');
    expect(await signedIn(after)).toBe(t.id);
  });

  it('reports, without changing them, secrets under a key that is not configured', async () => {
    const lost = key();
    setTotpKeyring(keyringOf(lost));
    const t = await enrolledTreasurer();
    const stored = await storedOf(t.id);
    setTotpKeyring(keyringOf(key()));
    const report = await rotateTotpSecrets();
    expect(report.unreadable).toContainEqual({ userId: t.id, keyId: keyIdOf(lost), reason: 'unknown_key' });
    expect(await storedOf(t.id)).toBe(stored);
    expect((await sealTotpSecretsAtStart()).unknownKeys[keyIdOf(lost)]).toBe(1);
  });

  it('seals secrets stored in plain text before encryption at start (the demo key among them), and they still sign in', async () => {
    setTotpKeyring(undefined);
    const t = await createUser({ roles: [{ role: 'treasurer', placeId: communityId }] });
    await db().insert(totpCredentials).values({ userId: t.id, secret: DEMO_TOTP_SECRET, confirmedAt: new Date() });
    const started = await sealTotpSecretsAtStart();
    expect(started.sealed).toBe(1);
    const stored = (await storedOf(t.id))!;
    expect(stored.startsWith(`v1.${DEVELOPMENT_KEY_ID}.`)).toBe(true);
    expect(stored).not.toContain(DEMO_TOTP_SECRET);
    expect((await sealTotpSecretsAtStart()).sealed).toBe(0);
    const cookie = await login(t.email, t.password);
    expect(locationOf(await typeCode(cookie, totpAt(DEMO_TOTP_SECRET, Date.now())))).toBe('/needs');
  });

  it('the development key opens outside production only, and is never the key of a production keyring', () => {
    const production = keyringFromEnv({
      NODE_ENV: 'production',
      TOTP_ENCRYPTION_KEY: key().toString('base64'),
      TOTP_ENCRYPTION_OLD_KEYS: key().toString('hex'),
    });
    expect(production.keys.has(DEVELOPMENT_KEY_ID)).toBe(false);
    expect(production.keys.size).toBe(2);
    expect(() => keyringFromEnv({ NODE_ENV: 'production', TOTP_ENCRYPTION_KEY: undefined, TOTP_ENCRYPTION_OLD_KEYS: undefined })).toThrow(
      /TOTP_ENCRYPTION_KEY/,
    );
    const development = keyringFromEnv({ NODE_ENV: 'development', TOTP_ENCRYPTION_KEY: undefined, TOTP_ENCRYPTION_OLD_KEYS: undefined });
    expect(development.currentId).toBe(keyIdOf(DEVELOPMENT_KEY));
  });

  it("leaves the secret out of the person's data download", async () => {
    setTotpKeyring(undefined);
    const t = await enrolledTreasurer();
    const stored = (await storedOf(t.id))!;
    const text = JSON.stringify(await gatherPersonalData(t.id));
    expect(text).not.toContain(stored);
    expect(text).not.toContain(t.secret);
    expect(await verifySecondFactor(t.id, '00000000-0000-0000-0000-000000000000', totpAt(t.secret, Date.now() + 30_000))).toEqual({ ok: true, method: 'totp' });
  });
});
