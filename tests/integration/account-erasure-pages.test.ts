// The erasure pages: a person erases their own account (password and ERASE typed; wrong ones change nothing), is
// signed out, and cannot sign in; a platform administrator erases another account on request; nobody else may.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db, rows } from '../../db/client';
import { verifyCredentials } from '../../app/auth/accounts.server';
import { action as eraseOwn, loader as eraseOwnPage } from '../../app/routes/account.erase';
import { action as eraseOther, loader as eraseOtherPage } from '../../app/routes/admin.users.$userId.erase';
import { useTestDatabase } from '../helpers/db';
import { createUser, DEFAULT_PASSWORD, sessionCookieFor } from '../helpers/factories';
import { callRoute, locationOf, statusOf } from '../helpers/routes';

useTestDatabase();

let person: { id: string; email: string };
let cookie: string;
let admin: string;
let staff: string;

beforeAll(async () => {
  const u = await createUser({ email: 'erase-me@example.test', name: '拟注销居民' });
  person = { id: u.id, email: 'erase-me@example.test' };
  cookie = await sessionCookieFor(u.id);
  admin = await sessionCookieFor((await createUser({ roles: [{ role: 'admin', placeId: null }] })).id);
  staff = await sessionCookieFor((await createUser({ roles: [{ role: 'community_staff', placeId: null }] })).id);
});

const erasedAt = async (id: string) => (await rows<{ erased_at: unknown }>(db(), sql`select erased_at from users where id = ${id}`))[0].erased_at;

describe('erasing one\'s own account', () => {
  it('asks for the password and ERASE, and changes nothing when either is wrong', async () => {
    expect(statusOf(await callRoute(eraseOwnPage, '/account/erase', { cookie }))).toBe(200);
    const noWord = (await callRoute(eraseOwn, '/account/erase', { cookie, form: { password: DEFAULT_PASSWORD, confirm: 'yes' } })) as { error: Record<string, string[]> };
    expect(noWord.error.confirm).toEqual(['erase.wrongConfirm']);
    const badPassword = (await callRoute(eraseOwn, '/account/erase', { cookie, form: { password: 'wrong one', confirm: 'ERASE' } })) as { error: Record<string, string[]> };
    expect(badPassword.error.password).toEqual(['account.wrongPassword']);
    expect(await erasedAt(person.id)).toBeNull();
  });

  it('erases, signs out and cannot sign in again', async () => {
    const res = (await callRoute(eraseOwn, '/account/erase', { cookie, form: { password: DEFAULT_PASSWORD, confirm: 'ERASE' } })) as Response;
    expect(locationOf(res)).toBe('/?notice=erase.done');
    expect(res.headers.get('Set-Cookie')).toMatch(/Max-Age=0/i);
    expect(await erasedAt(person.id)).not.toBeNull();
    expect(locationOf(await callRoute(eraseOwnPage, '/account/erase', { cookie }))).toMatch(/^\/login/);
    expect(await verifyCredentials({ email: person.email, password: DEFAULT_PASSWORD }, '198.51.100.4')).toEqual({ ok: false, reason: 'invalid' });
  });
});

describe('an administrator erasing an account on request', () => {
  it('is refused to anyone but a platform administrator', async () => {
    const other = await createUser();
    expect(statusOf(await callRoute(eraseOtherPage, `/admin/users/${other.id}/erase`, { cookie: staff, params: { userId: other.id } }))).toBe(403);
    expect(statusOf(await callRoute(eraseOther, `/admin/users/${other.id}/erase`, { cookie: staff, params: { userId: other.id }, form: {} }))).toBe(403);
    expect(await erasedAt(other.id)).toBeNull();
  });

  it('erases it, audited as by an admin, and the page then says when', async () => {
    const other = await createUser({ name: '来信申请注销' });
    const res = await callRoute(eraseOther, `/admin/users/${other.id}/erase`, { cookie: admin, params: { userId: other.id }, form: {} });
    expect(locationOf(res)).toBe(`/admin/users/${other.id}/erase?notice=erase.adminDone`);
    const page = (await callRoute(eraseOtherPage, `/admin/users/${other.id}/erase`, { cookie: admin, params: { userId: other.id } })) as { person: { erasedAt: string | null; name: string } };
    expect(page.person.erasedAt).not.toBeNull();
    expect(page.person.name).toBe('已注销用户 / Erased account');
    const audit = await rows<{ after: unknown }>(db(), sql`select after from audit_events where action = 'account.erase' and subject_id = ${other.id}`);
    expect(audit).toEqual([{ after: { by: 'admin' } }]);
    const missing = '00000000-0000-4000-8000-000000000001';
    expect(statusOf(await callRoute(eraseOtherPage, `/admin/users/${missing}/erase`, { cookie: admin, params: { userId: missing } }))).toBe(404);
  });
});
