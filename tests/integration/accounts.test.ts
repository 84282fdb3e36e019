// The account life cycle through its services: sign-up, login and its throttle, password reset, email change.
import { and, count, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../../db/client';
import { auditEvents, emailTokens, loginAttempts, roleAssignments, sessions, users } from '../../db/schema';
import { keyedHash } from '../../app/auth/crypto.server';
import {
  changePassword,
  confirmEmailChange,
  logIn,
  logOut,
  requestEmailChange,
  requestPasswordReset,
  resetPassword,
  resetTokenValid,
  signUp,
} from '../../app/auth/accounts.server';
import { getPrincipal } from '../../app/permissions/permissions.server';
import { useTestDatabase } from '../helpers/db';
import { cookieFrom, createUser, deliveredMailTo, linkIn, requestWith } from '../helpers/factories';

const database = useTestDatabase();

const ORIGIN = 'http://localhost';
const anonymous = () => requestWith(null, '/login', { method: 'POST' });

/** Who the app thinks is signed in with this cookie (a fresh request each time, as a browser makes). */
async function whoIs(cookie: string | null) {
  const principal = await getPrincipal(requestWith(cookie, '/'));
  return principal?.user.id ?? null;
}

async function countRows(table: typeof users | typeof roleAssignments | typeof sessions) {
  const [{ n }] = await db().select({ n: count() }).from(table);
  return Number(n);
}

async function auditActions(userId: string) {
  const rows = await db().select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.actorUserId, userId));
  return rows.map((r) => r.action);
}

describe('sign-up', () => {
  it('creates a signed-in resident with a lower-cased email, audited', async () => {
    const result = await signUp(anonymous(), { email: '  Mei.Li@Example.TEST ', password: 'a long password 1', name: ' 李晓梅 ', locale: 'zh-CN' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [user] = await db().select().from(users).where(eq(users.id, result.userId));
    expect(user).toMatchObject({ email: 'mei.li@example.test', name: '李晓梅', locale: 'zh-CN' });
    expect(user.passwordHash).toMatch(/^scrypt\$/);
    const roles = await db().select().from(roleAssignments).where(eq(roleAssignments.userId, result.userId));
    expect(roles.map((r) => r.role)).toEqual(['resident']);
    expect(await whoIs(cookieFrom(result.cookie))).toBe(result.userId);
    expect(await auditActions(result.userId)).toContain('user.sign_up');
  });

  it('refuses a second sign-up with the same email in any letter case and writes nothing', async () => {
    const first = await signUp(anonymous(), { email: 'twice@example.test', password: 'a long password 1', name: 'First', locale: 'en' });
    expect(first.ok).toBe(true);
    const before = { users: await countRows(users), roles: await countRows(roleAssignments), sessions: await countRows(sessions) };
    const [{ n: auditsBefore }] = await db().select({ n: count() }).from(auditEvents);

    const second = await signUp(anonymous(), { email: 'TWICE@Example.Test', password: 'another password 2', name: 'Second', locale: 'en' });
    expect(second).toEqual({ ok: false, reason: 'email_taken' });
    expect({ users: await countRows(users), roles: await countRows(roleAssignments), sessions: await countRows(sessions) }).toEqual(before);
    const [{ n: auditsAfter }] = await db().select({ n: count() }).from(auditEvents);
    expect(auditsAfter).toBe(auditsBefore);
    const [kept] = await db().select({ name: users.name }).from(users).where(eq(users.email, 'twice@example.test'));
    expect(kept.name).toBe('First');
  });

  it('lets exactly one of two simultaneous sign-ups with the same email through', async () => {
    const results = await Promise.all([
      signUp(anonymous(), { email: 'race@example.test', password: 'a long password 1', name: 'A', locale: 'en' }),
      signUp(anonymous(), { email: 'Race@Example.test', password: 'a long password 2', name: 'B', locale: 'en' }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: 'email_taken' }]);
    const [{ n }] = await db().select({ n: count() }).from(users).where(eq(users.email, 'race@example.test'));
    expect(Number(n)).toBe(1);
  });

  it('leaves no user behind when a later step of sign-up fails', async () => {
    // Make the audit insert fail for sign-ups only: the user and role rows written before it must roll back.
    await database.handle.executeSql(`
      CREATE FUNCTION test_fail_sign_up() RETURNS trigger AS $$
      BEGIN
        IF NEW.action = 'user.sign_up' THEN RAISE EXCEPTION 'simulated failure'; END IF;
        RETURN NEW;
      END; $$ LANGUAGE plpgsql;
      CREATE TRIGGER test_fail_sign_up BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION test_fail_sign_up();
    `);
    try {
      const before = { users: await countRows(users), roles: await countRows(roleAssignments), sessions: await countRows(sessions) };
      await expect(
        signUp(anonymous(), { email: 'half@example.test', password: 'a long password 1', name: 'Half', locale: 'en' }),
      ).rejects.toThrow();
      expect({ users: await countRows(users), roles: await countRows(roleAssignments), sessions: await countRows(sessions) }).toEqual(before);
    } finally {
      await database.handle.executeSql('DROP TRIGGER test_fail_sign_up ON audit_events; DROP FUNCTION test_fail_sign_up();');
    }
  });
});

describe('login', () => {
  it('signs in with the right password, in any letter case of the email', async () => {
    const user = await createUser();
    const result = await logIn(anonymous(), { email: user.email.toUpperCase(), password: user.password }, '10.0.0.1');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.userId).toBe(user.id);
    expect(cookieFrom(result.cookie)).toMatch(/^ff_session=/);
    expect(result.cookie).toMatch(/HttpOnly/i);
    expect(result.cookie).toMatch(/SameSite=Lax/i);
    expect(await whoIs(cookieFrom(result.cookie))).toBe(user.id);
    expect(await auditActions(user.id)).toContain('session.login');
  });

  it('refuses a wrong password and an unknown email with the same answer', async () => {
    const user = await createUser();
    expect(await logIn(anonymous(), { email: user.email, password: 'wrong password' }, '10.0.0.2')).toEqual({ ok: false, reason: 'invalid' });
    expect(await logIn(anonymous(), { email: 'nobody@example.test', password: user.password }, '10.0.0.2')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses a disabled account even with the right password, and ends its live sessions’ access', async () => {
    const user = await createUser();
    const before = await logIn(anonymous(), { email: user.email, password: user.password }, '10.0.0.3');
    expect(before.ok).toBe(true);
    await db().update(users).set({ disabledAt: new Date() }).where(eq(users.id, user.id));
    expect(await logIn(anonymous(), { email: user.email, password: user.password }, '10.0.0.3')).toEqual({ ok: false, reason: 'invalid' });
    if (before.ok) expect(await whoIs(cookieFrom(before.cookie))).toBeNull();
  });

  it('rotates the session: the cookie from before login no longer works afterwards', async () => {
    const user = await createUser();
    const first = await logIn(anonymous(), { email: user.email, password: user.password }, '10.0.0.4');
    if (!first.ok) throw new Error('first login failed');
    const oldCookie = cookieFrom(first.cookie);

    const second = await logIn(requestWith(oldCookie, '/login', { method: 'POST' }), { email: user.email, password: user.password }, '10.0.0.4');
    if (!second.ok) throw new Error('second login failed');
    const newCookie = cookieFrom(second.cookie);

    expect(newCookie).not.toBe(oldCookie);
    expect(await whoIs(oldCookie)).toBeNull();
    expect(await whoIs(newCookie)).toBe(user.id);
  });

  it('logout ends the session for good', async () => {
    const user = await createUser();
    const login = await logIn(anonymous(), { email: user.email, password: user.password }, '10.0.0.5');
    if (!login.ok) throw new Error('login failed');
    const cookie = cookieFrom(login.cookie);
    await logOut(requestWith(cookie, '/logout', { method: 'POST' }), user.id);
    expect(await whoIs(cookie)).toBeNull();
    expect(await auditActions(user.id)).toContain('session.logout');
  });

  it('does not accept a cookie whose signature was tampered with', async () => {
    const user = await createUser();
    const login = await logIn(anonymous(), { email: user.email, password: user.password }, '10.0.0.6');
    if (!login.ok) throw new Error('login failed');
    const cookie = cookieFrom(login.cookie);
    const tampered = cookie.slice(0, -3) + (cookie.endsWith('AAA') ? 'BBB' : 'AAA');
    expect(await whoIs(tampered)).toBeNull();
  });
});

describe('login throttling', () => {
  const fail = (email: string, address: string) => logIn(anonymous(), { email, password: 'not the password' }, address);

  it('blocks an address after 5 failures for an account, while the owner still logs in from elsewhere', async () => {
    const victim = await createUser();
    for (let i = 0; i < 5; i++) expect(await fail(victim.email, '203.0.113.7')).toEqual({ ok: false, reason: 'invalid' });

    // The guesser's address is stopped, even with the right password...
    const blocked = await logIn(anonymous(), { email: victim.email, password: victim.password }, '203.0.113.7');
    expect(blocked).toMatchObject({ ok: false, reason: 'throttled' });
    // ...the owner at home is not, and the same address may still sign in to other accounts.
    const owner = await logIn(anonymous(), { email: victim.email, password: victim.password }, '198.51.100.20');
    expect(owner.ok).toBe(true);
    const neighbour = await createUser();
    expect((await logIn(anonymous(), { email: neighbour.email, password: neighbour.password }, '203.0.113.7')).ok).toBe(true);
  });

  it('counts failures for accounts that do not exist, and blocks an address after 30 failures across emails', async () => {
    const someone = await createUser();
    const address = '203.0.113.99';
    // 25 earlier failures for 25 different emails, written directly to spare 25 scrypt runs...
    await db()
      .insert(loginAttempts)
      .values(Array.from({ length: 25 }, (_, i) => ({ email: `spray-${i}@example.test`, addressHash: keyedHash(address), succeeded: false })));
    expect((await logIn(anonymous(), { email: someone.email, password: someone.password }, address)).ok).toBe(true);
    // ...and the last five through logIn, for emails with no account: they must count too.
    for (let i = 25; i < 30; i++) expect(await fail(`spray-${i}@example.test`, address)).toEqual({ ok: false, reason: 'invalid' });

    expect(await logIn(anonymous(), { email: someone.email, password: someone.password }, address)).toMatchObject({ ok: false, reason: 'throttled' });
    expect((await logIn(anonymous(), { email: someone.email, password: someone.password }, '198.51.100.30')).ok).toBe(true);
  });

  it('cannot be outrun by sending many guesses at once', async () => {
    const victim = await createUser();
    const results = await Promise.all(Array.from({ length: 12 }, () => fail(victim.email, '203.0.113.50')));
    expect(results.filter((r) => !r.ok && r.reason === 'invalid')).toHaveLength(5);
    expect(results.filter((r) => !r.ok && r.reason === 'throttled')).toHaveLength(7);
    expect((await logIn(anonymous(), { email: victim.email, password: victim.password }, '198.51.100.50')).ok).toBe(true);
  });

  it('stores only a keyed hash of the address', async () => {
    const user = await createUser();
    await fail(user.email, '192.0.2.123');
    const rows = await db().execute(sql`select address_hash from login_attempts where address_hash like '%192.0.2.123%'`);
    const list = Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows;
    expect(list).toHaveLength(0);
  });
});

describe('password reset', () => {
  it('mails a link that sets a new password once, signs in, and ends every other session', async () => {
    const user = await createUser({ email: 'reset.me@example.test', locale: 'en' });
    const laptop = await logIn(anonymous(), { email: user.email, password: user.password }, '10.1.0.1');
    const phone = await logIn(anonymous(), { email: user.email, password: user.password }, '10.1.0.2');
    if (!laptop.ok || !phone.ok) throw new Error('login failed');

    await requestPasswordReset('Reset.Me@example.test', ORIGIN);
    const mail = await deliveredMailTo(user.email);
    expect(mail).toHaveLength(1);
    expect(mail[0].subject).toBe('Fivefold: reset your password');
    const link = linkIn(mail[0].text);
    expect(link).toMatch(/^http:\/\/localhost\/reset-password\/[\w-]{40,}$/);
    const token = link.split('/').pop()!;
    expect(await resetTokenValid(token)).toBe(true);

    const reset = await resetPassword(anonymous(), token, 'a brand new password');
    expect(reset.ok).toBe(true);
    if (!reset.ok) return;
    expect(await whoIs(cookieFrom(reset.cookie))).toBe(user.id);
    expect(await whoIs(cookieFrom(laptop.cookie))).toBeNull();
    expect(await whoIs(cookieFrom(phone.cookie))).toBeNull();

    expect((await logIn(anonymous(), { email: user.email, password: user.password }, '10.1.0.3')).ok).toBe(false);
    expect((await logIn(anonymous(), { email: user.email, password: 'a brand new password' }, '10.1.0.3')).ok).toBe(true);

    // The link works once.
    expect(await resetTokenValid(token)).toBe(false);
    expect(await resetPassword(anonymous(), token, 'yet another password')).toEqual({ ok: false });
    expect((await logIn(anonymous(), { email: user.email, password: 'yet another password' }, '10.1.0.3')).ok).toBe(false);

    // And the owner is told their password changed.
    const after = await deliveredMailTo(user.email);
    expect(after.map((m) => m.subject)).toContain('Fivefold: your password was changed');
    expect(await auditActions(user.id)).toEqual(expect.arrayContaining(['password.reset_requested', 'password.reset']));
  });

  it('kills every other outstanding reset link once the password is reset', async () => {
    const user = await createUser({ email: 'two.links@example.test' });
    await requestPasswordReset(user.email, ORIGIN);
    await requestPasswordReset(user.email, ORIGIN);
    const [first, second] = (await deliveredMailTo(user.email)).map((m) => linkIn(m.text).split('/').pop()!);
    expect((await resetPassword(anonymous(), second, 'a brand new password')).ok).toBe(true);
    expect(await resetTokenValid(first)).toBe(false);
    expect(await resetPassword(anonymous(), first, 'the attackers password')).toEqual({ ok: false });
  });

  it('kills outstanding reset links when the password is changed from the account page', async () => {
    const user = await createUser({ email: 'pending.link@example.test' });
    await requestPasswordReset(user.email, ORIGIN);
    const [mail] = await deliveredMailTo(user.email);
    const token = linkIn(mail.text).split('/').pop()!;
    expect(await changePassword(user.id, null, user.password, 'a brand new password')).toEqual({ ok: true });
    expect(await resetPassword(anonymous(), token, 'the attackers password')).toEqual({ ok: false });
  });

  it('kills reset links mailed to the old address once the email address has changed', async () => {
    const user = await createUser({ email: 'leaving.old@example.test' });
    await requestPasswordReset(user.email, ORIGIN);
    const [resetMail] = await deliveredMailTo(user.email);
    const token = linkIn(resetMail.text).split('/').pop()!;
    await requestEmailChange(user.id, user.password, 'arrived.new@example.test', ORIGIN);
    const [confirm] = await deliveredMailTo('arrived.new@example.test');
    expect((await confirmEmailChange(linkIn(confirm.text).split('/').pop()!)).ok).toBe(true);
    expect(await resetPassword(anonymous(), token, 'the attackers password')).toEqual({ ok: false });
  });

  it('refuses an expired link', async () => {
    const user = await createUser({ email: 'expired@example.test' });
    await requestPasswordReset(user.email, ORIGIN);
    const [mail] = await deliveredMailTo(user.email);
    const token = linkIn(mail.text).split('/').pop()!;
    await db().update(emailTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(emailTokens.userId, user.id));
    expect(await resetTokenValid(token)).toBe(false);
    expect(await resetPassword(anonymous(), token, 'a brand new password')).toEqual({ ok: false });
    expect((await logIn(anonymous(), { email: user.email, password: user.password }, '10.1.0.9')).ok).toBe(true);
  });

  it('refuses a made-up token and an email-change token', async () => {
    const user = await createUser();
    expect(await resetPassword(anonymous(), 'x'.repeat(43), 'a brand new password')).toEqual({ ok: false });
    const change = await requestEmailChange(user.id, user.password, 'elsewhere@example.test', ORIGIN);
    expect(change.ok).toBe(true);
    const [mail] = await deliveredMailTo('elsewhere@example.test');
    const token = linkIn(mail.text).split('/').pop()!;
    expect(await resetPassword(anonymous(), token, 'a brand new password')).toEqual({ ok: false });
  });

  it('answers the same for an unknown address and sends nothing, and nothing to a disabled account', async () => {
    await expect(requestPasswordReset('nobody-here@example.test', ORIGIN)).resolves.toBeUndefined();
    expect(await deliveredMailTo('nobody-here@example.test')).toEqual([]);
    const disabled = await createUser({ email: 'gone@example.test' });
    await db().update(users).set({ disabledAt: new Date() }).where(eq(users.id, disabled.id));
    await requestPasswordReset(disabled.email, ORIGIN);
    expect(await deliveredMailTo(disabled.email)).toEqual([]);
  });
});

describe('email change', () => {
  it('needs the current password', async () => {
    const user = await createUser();
    expect(await requestEmailChange(user.id, 'not my password', 'new@example.test', ORIGIN)).toEqual({ ok: false, reason: 'wrong_password' });
    expect(await deliveredMailTo('new@example.test')).toEqual([]);
  });

  it('refuses an address another account uses', async () => {
    const user = await createUser();
    const other = await createUser();
    expect(await requestEmailChange(user.id, user.password, other.email.toUpperCase(), ORIGIN)).toEqual({ ok: false, reason: 'email_taken' });
  });

  it('changes the address only once the link mailed to it is opened, and tells the old address', async () => {
    const user = await createUser({ email: 'old.address@example.test' });
    const requested = await requestEmailChange(user.id, user.password, 'New.Address@Example.test', ORIGIN);
    expect(requested).toEqual({ ok: true, email: 'new.address@example.test' });

    // Nothing changes until the new address is confirmed.
    const [still] = await db().select({ email: users.email }).from(users).where(eq(users.id, user.id));
    expect(still.email).toBe('old.address@example.test');

    const [confirm] = await deliveredMailTo('new.address@example.test');
    expect(confirm.subject).toBe('Fivefold: confirm your new email address');
    const token = linkIn(confirm.text).split('/').pop()!;
    expect(linkIn(confirm.text)).toBe(`${ORIGIN}/account/confirm-email/${token}`);

    expect(await confirmEmailChange(token)).toEqual({ ok: true, email: 'new.address@example.test' });
    const [changed] = await db().select({ email: users.email, verified: users.emailVerifiedAt }).from(users).where(eq(users.id, user.id));
    expect(changed.email).toBe('new.address@example.test');
    expect(changed.verified).toBeInstanceOf(Date);

    const notices = await deliveredMailTo('old.address@example.test');
    expect(notices.map((m) => m.subject)).toEqual(['Fivefold: your email address was changed']);
    expect(notices[0].text).toContain('new.address@example.test');

    expect(await confirmEmailChange(token)).toEqual({ ok: false });
    expect((await logIn(anonymous(), { email: 'new.address@example.test', password: user.password }, '10.2.0.1')).ok).toBe(true);
    expect((await logIn(anonymous(), { email: 'old.address@example.test', password: user.password }, '10.2.0.1')).ok).toBe(false);
  });

  it('refuses the link if someone took the address in the meantime', async () => {
    const user = await createUser();
    await requestEmailChange(user.id, user.password, 'contested@example.test', ORIGIN);
    const [confirm] = await deliveredMailTo('contested@example.test');
    await createUser({ email: 'contested@example.test' });
    expect(await confirmEmailChange(linkIn(confirm.text).split('/').pop()!)).toEqual({ ok: false });
    const [kept] = await db().select({ email: users.email }).from(users).where(eq(users.id, user.id));
    expect(kept.email).toBe(user.email);
  });
});

describe('password change', () => {
  it('needs the current password, then ends every other session but the current one', async () => {
    const user = await createUser({ email: 'changer@example.test' });
    const here = await logIn(anonymous(), { email: user.email, password: user.password }, '10.3.0.1');
    const there = await logIn(anonymous(), { email: user.email, password: user.password }, '10.3.0.2');
    if (!here.ok || !there.ok) throw new Error('login failed');
    const principal = await getPrincipal(requestWith(cookieFrom(here.cookie)));

    expect(await changePassword(user.id, principal!.sessionId, 'not my password', 'a brand new password')).toEqual({ ok: false, reason: 'wrong_password' });
    expect(await whoIs(cookieFrom(there.cookie))).toBe(user.id);

    expect(await changePassword(user.id, principal!.sessionId, user.password, 'a brand new password')).toEqual({ ok: true });
    expect(await whoIs(cookieFrom(here.cookie))).toBe(user.id);
    expect(await whoIs(cookieFrom(there.cookie))).toBeNull();
    expect((await logIn(anonymous(), { email: user.email, password: 'a brand new password' }, '10.3.0.3')).ok).toBe(true);

    const mail = await deliveredMailTo(user.email);
    expect(mail.map((m) => m.subject)).toContain('Fivefold: your password was changed');
    const live = await db()
      .select({ n: count() })
      .from(sessions)
      .where(and(eq(sessions.userId, user.id), sql`${sessions.endedAt} is null`));
    expect(Number(live[0].n)).toBe(2);
  });
});
