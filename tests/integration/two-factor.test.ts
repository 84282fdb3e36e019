// Two-factor sign-in as staff meet it: sent to set it up after the password, a QR code and key, the first code,
// recovery codes once; later the code after the password, a used code refused, wrong codes limited; switching it
// off needs password and code; every step in the audit trail.
import { and, eq, like } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { logIn } from '../../app/auth/accounts.server';
import { totpAt } from '../../app/auth/totp';
import { openTotpSecret } from '../../app/auth/totp-secrets.server';
import { confirmEnrolment, disableTwoFactor, pendingSecondFactor, startEnrolment, verifySecondFactor } from '../../app/auth/two-factor.server';
import { getPrincipal } from '../../app/permissions/permissions.server';
import * as accountTwoFactor from '../../app/routes/account.two-factor';
import * as loginRoute from '../../app/routes/login';
import * as loginTwoFactor from '../../app/routes/login_.two-factor';
import * as triage from '../../app/routes/staff.triage';
import * as placePage from '../../app/routes/admin.places.$placeId._index';
import * as tokensRoute from '../../app/routes/api.v1.tokens';
import { db } from '../../db/client';
import { auditEvents, recoveryCodes, totpCredentials } from '../../db/schema';
import { useTestDatabase } from '../helpers/db';
import { createPlace, createUser, sessionCookieFor } from '../helpers/factories';
import { callRoute, locationOf, statusOf } from '../helpers/routes';

useTestDatabase();

const login = async (email: string, password: string) => {
  const result = await logIn(new Request('http://localhost/login', { method: 'POST' }), { email, password }, '10.1.2.3');
  if (!result.ok) throw new Error('login failed');
  return { cookie: result.cookie.split(';')[0], next: result.next, userId: result.userId };
};
const principalOf = (cookie: string) => getPrincipal(new Request('http://localhost/', { headers: { Cookie: cookie } }));
const actionsOf = async (userId: string) =>
  (await db().select({ action: auditEvents.action }).from(auditEvents).where(and(eq(auditEvents.subjectId, userId), like(auditEvents.action, 'two_factor.%')))).map((r) => r.action);

/** The key in the person's authenticator app: what the database holds, decrypted. */
const appKeyOf = async (userId: string) => {
  const [row] = await db().select().from(totpCredentials).where(eq(totpCredentials.userId, userId));
  return openTotpSecret(userId, row.secret);
};

let staff: Awaited<ReturnType<typeof createUser>>;
let communityId: string;

beforeAll(async () => {
  const community = await createPlace({ type: 'community' });
  communityId = community.id;
  staff = await createUser({ roles: [{ role: 'community_staff', placeId: community.id }] });
});

describe('two-factor sign-in', () => {
  it('sends staff who have not set it up to enrolment, and keeps staff pages from them until they do', async () => {
    const res = await callRoute(loginRoute.action, '/login', { form: { email: staff.email, password: staff.password, redirectTo: '/staff/triage' } });
    expect(statusOf(res)).toBe(302);
    expect(locationOf(res)).toBe('/account/two-factor?redirectTo=%2Fstaff%2Ftriage');
    const { cookie } = await login(staff.email, staff.password);
    const principal = await principalOf(cookie);
    expect(principal?.mustEnrolSecondFactor).toBe(true);
    expect(principal?.roles.map((r) => r.role)).not.toContain('community_staff');
    // Pages guarded by place send them to enrolment; pages that check a role anywhere refuse.
    const page = await callRoute(placePage.loader, `/admin/places/${communityId}`, { cookie, params: { placeId: communityId } });
    expect(statusOf(page)).toBe(302);
    expect(locationOf(page)).toBe(`/account/two-factor?redirectTo=${encodeURIComponent(`/admin/places/${communityId}`)}`);
    expect(statusOf(await callRoute(triage.loader, '/staff/triage', { cookie }))).toBe(403);
    // An API token would carry the full role: refused until enrolment.
    const token = await tokensRoute.action({ request: new Request('http://localhost/api/v1/tokens', { method: 'POST', headers: { 'Content-Type': 'application/json', 'x-fivefold-client-address': '10.1.2.3' }, body: JSON.stringify({ email: staff.email, password: staff.password }) }), params: {}, context: {} } as never);
    expect((token as Response).status).toBe(403);
  });

  it('enrols with the QR code or the key and a first code, showing recovery codes once', async () => {
    const { cookie } = await login(staff.email, staff.password);
    const page = (await callRoute(accountTwoFactor.loader, '/account/two-factor', { cookie })) as { enrolled: boolean; secret: string; qr: string; mustEnrol: boolean };
    expect(page.enrolled).toBe(false);
    expect(page.mustEnrol).toBe(true);
    expect(page.qr).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(page.qr.split(',')[1], 'base64').toString()).toContain('<svg');
    const secret = page.secret.replace(/ /g, '');
    // Reloading keeps the same key.
    expect((await startEnrolment(staff.id)).secret).toBe(secret);

    const wrong = await callRoute(accountTwoFactor.action, '/account/two-factor', { cookie, form: { intent: 'confirm', code: '000000' === totpAt(secret, Date.now()) ? '111111' : '000000' } });
    expect((wrong as { recoveryCodes: unknown }).recoveryCodes).toBeNull();
    const done = (await callRoute(accountTwoFactor.action, '/account/two-factor', { cookie, form: { intent: 'confirm', code: totpAt(secret, Date.now()) } })) as { recoveryCodes: string[] };
    expect(done.recoveryCodes).toHaveLength(10);
    expect(new Set(done.recoveryCodes).size).toBe(10);
    for (const c of done.recoveryCodes) expect(c).toMatch(/^[A-Z2-7]{5}-[A-Z2-7]{5}$/);
    // Only hashes are kept.
    const stored = await db().select().from(recoveryCodes).where(eq(recoveryCodes.userId, staff.id));
    expect(stored.map((r) => r.codeHash)).not.toContain(done.recoveryCodes[0]);
    // This session has passed the second factor now: the staff role is back.
    const principal = await principalOf(cookie);
    expect(principal?.mustEnrolSecondFactor).toBeUndefined();
    expect(principal?.roles.map((r) => r.role)).toContain('community_staff');
    (globalThis as { recovery?: string[] }).recovery = done.recoveryCodes;
    expect(await confirmEnrolment(staff.id, null, totpAt(secret, Date.now()))).toEqual({ ok: false, reason: 'not_started' });
  });

  it('asks for the code after the password: signed out until it is typed, a used code refused', async () => {
    const secret = await appKeyOf(staff.id);
    const res = await callRoute(loginRoute.action, '/login', { form: { email: staff.email, password: staff.password, redirectTo: '/needs' } });
    expect(locationOf(res)).toBe('/login/two-factor?redirectTo=%2Fneeds');

    const first = await login(staff.email, staff.password);
    expect(first.next).toBe('verify');
    expect(await principalOf(first.cookie)).toBeNull();
    expect(statusOf(await callRoute(loginTwoFactor.loader, '/login/two-factor', { cookie: first.cookie }))).toBe(200);
    const wrong = await callRoute(loginTwoFactor.action, '/login/two-factor', { cookie: first.cookie, form: { code: '12345x' } });
    expect(statusOf(wrong)).toBe(200);
    expect(await principalOf(first.cookie)).toBeNull();
    // The step after the current one: the step of the enrolment code may be this one.
    const code = totpAt(secret, Date.now() + 30_000);
    const ok = await callRoute(loginTwoFactor.action, '/login/two-factor', { cookie: first.cookie, form: { code, redirectTo: '/needs' } });
    expect(locationOf(ok)).toBe('/needs');
    expect((await principalOf(first.cookie))?.user.id).toBe(staff.id);

    const second = await login(staff.email, staff.password);
    const pending = await pendingSecondFactor(new Request('http://localhost/', { headers: { Cookie: second.cookie } }));
    expect(await verifySecondFactor(staff.id, pending!.sessionId, code)).toEqual({ ok: false, reason: 'replayed' });
    expect(await principalOf(second.cookie)).toBeNull();

    // A recovery code works once.
    const recovery = (globalThis as { recovery?: string[] }).recovery!;
    expect(await verifySecondFactor(staff.id, pending!.sessionId, recovery[0].toLowerCase())).toEqual({ ok: true, method: 'recovery' });
    expect((await principalOf(second.cookie))?.user.id).toBe(staff.id);
    const third = await login(staff.email, staff.password);
    const pending3 = await pendingSecondFactor(new Request('http://localhost/', { headers: { Cookie: third.cookie } }));
    expect((await verifySecondFactor(staff.id, pending3!.sessionId, recovery[0])).ok).toBe(false);
  });

  it('limits wrong codes', async () => {
    const other = await createUser({ roles: [{ role: 'treasurer', placeId: communityId }] });
    const pendingSecret = (await startEnrolment(other.id)).secret;
    expect((await confirmEnrolment(other.id, null, totpAt(pendingSecret, Date.now()))).ok).toBe(true);
    const { cookie } = await login(other.email, other.password);
    const pending = await pendingSecondFactor(new Request('http://localhost/', { headers: { Cookie: cookie } }));
    const near = new Set([-1, 0, 1].map((d) => totpAt(pendingSecret, Date.now() + d * 30_000)));
    const wrongCodes = ['000000', '111111', '222222', '333333', '444444', '555555', '666666', '777777', '888888', '999999', '123456', '654321'].filter((c) => !near.has(c)).slice(0, 10);
    for (const c of wrongCodes) expect((await verifySecondFactor(other.id, pending!.sessionId, c)).ok).toBe(false);
    const blocked = await verifySecondFactor(other.id, pending!.sessionId, totpAt(pendingSecret, Date.now() + 30_000));
    expect(blocked).toMatchObject({ ok: false, reason: 'throttled' });
    expect(await principalOf(cookie)).toBeNull();
  });

  it('switches off only with the password and a code, and every step is audited', async () => {
    const secret = await appKeyOf(staff.id);
    const recovery = (globalThis as { recovery?: string[] }).recovery!;
    expect(await disableTwoFactor(staff.id, 'not the password', recovery[1])).toEqual({ ok: false, reason: 'wrong_password' });
    expect(await disableTwoFactor(staff.id, staff.password, '000000' === totpAt(secret, Date.now()) ? '111111' : '000000')).toMatchObject({ ok: false });
    expect(await disableTwoFactor(staff.id, staff.password, recovery[1])).toEqual({ ok: true });
    expect(await db().select().from(totpCredentials).where(eq(totpCredentials.userId, staff.id))).toEqual([]);
    expect((await login(staff.email, staff.password)).next).toBe('enrol');
    expect(await actionsOf(staff.id)).toEqual(
      expect.arrayContaining(['two_factor.enrolment_started', 'two_factor.enrolment_failed', 'two_factor.enabled', 'two_factor.verified', 'two_factor.failed', 'two_factor.disable_failed', 'two_factor.disabled']),
    );
  });

  it('leaves residents alone, and test sessions made with sessionCookieFor count as complete sign-ins', async () => {
    const resident = await createUser();
    expect((await login(resident.email, resident.password)).next).toBe('done');
    const staff3 = await createUser({ roles: [{ role: 'admin', placeId: null }] });
    const principal = await principalOf(await sessionCookieFor(staff3.id));
    expect(principal?.roles.map((r) => r.role)).toContain('admin');
    expect(principal?.mustEnrolSecondFactor).toBeUndefined();
  });
});
