// Rate limits on what anyone can do cheaply: signing up and raising needs. One address gets a few, the next is
// refused with a message (or 429 with Retry-After in the API) and nothing is stored; another address is not
// affected; staff logging needs for residents are not limited; racing requests cannot slip past the count.
import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../db/client';
import { needs, places, users } from '../../db/schema';
import { seedDemo } from '../../db/seed/demo';
import { createApiToken } from '../../app/api/tokens.server';
import * as newNeed from '../../app/routes/needs.new';
import * as signup from '../../app/routes/signup';
import * as needsApi from '../../app/routes/api.v1.needs';
import { hitLimit, limits } from '../../app/utils/rate-limit.server';
import { useTestDatabase } from '../helpers/db';
import { sessionCookieFor } from '../helpers/factories';

useTestDatabase();

let building: string;
beforeAll(async () => {
  await seedDemo();
  [{ id: building }] = await db().select({ id: places.id }).from(places).where(eq(places.nameZh, '2号楼'));
});

function post(fn: (args: never) => unknown, path: string, address: string, form: Record<string, string>, cookie?: string) {
  const headers = new Headers({ 'Content-Type': 'application/x-www-form-urlencoded', 'x-fivefold-client-address': address });
  if (cookie) headers.set('Cookie', cookie);
  return Promise.resolve(fn({ request: new Request(`http://localhost${path}`, { method: 'POST', headers, body: new URLSearchParams(form) }), params: {}, context: {} } as never)).catch((e: unknown) => e);
}
const isRedirect = (r: unknown) => r instanceof Response && r.status === 302;
const formErrors = (r: unknown) => (r as { error?: Record<string, string[]> }).error?.[''] ?? [];
const needCount = async () => Number((await db().select({ n: count() }).from(needs))[0].n);
const need = (i: number) => ({ placeId: building, title: `路灯不亮 ${i}`, description: '晚上很黑', category: 'repairs', urgency: 'normal', beneficiary: 'building', recurrence: 'once', phone: '13800001111' });

describe('rate limits', () => {
  it('an address may raise five needs anonymously an hour; the sixth is refused and not stored; another address may', async () => {
    for (let i = 0; i < limits.raiseAnonymous.max; i++) expect(isRedirect(await post(newNeed.action, '/needs/new', '10.1.1.1', need(i)))).toBe(true);
    const before = await needCount();
    const sixth = await post(newNeed.action, '/needs/new', '10.1.1.1', need(99));
    expect(formErrors(sixth)).toEqual(['limits.tooMany']);
    expect(await needCount()).toBe(before);
    expect(isRedirect(await post(newNeed.action, '/needs/new', '10.1.1.2', need(100)))).toBe(true);
  });

  it('staff logging needs for residents are not limited', async () => {
    const [staff] = await db().select({ id: users.id }).from(users).where(eq(users.email, 'staff@fivefold.test'));
    const cookie = await sessionCookieFor(staff.id);
    for (let i = 0; i < limits.raiseSignedIn.max + 2; i++) {
      expect(isRedirect(await post(newNeed.action, '/needs/new', '10.1.1.3', { ...need(i), channel: 'yard_meeting' }, cookie))).toBe(true);
    }
  });

  it('the API answers 429 with Retry-After once a resident has raised too many', async () => {
    const [resident] = await db().select({ id: users.id }).from(users).where(eq(users.email, 'resident@fivefold.test'));
    const { token } = await createApiToken({ userId: resident.id }, 'test');
    const call = () =>
      needsApi.action({
        request: new Request('http://localhost/api/v1/needs', {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'x-fivefold-client-address': '10.1.1.4' },
          body: JSON.stringify({ place_id: building, title: '楼道堆物', description: '', category: 'safety', urgency: 'normal' }),
        }),
        params: {},
        context: {},
      } as never);
    const statuses: number[] = [];
    for (let i = 0; i < limits.raiseSignedIn.max + 1; i++) statuses.push((await call()).status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(limits.raiseSignedIn.max);
    const refused = await call();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('too_many_requests');
  });

  it('sign-up: ten accounts an hour from one address', async () => {
    const form = (i: number) => ({ name: `居民${i}`, email: `new${i}@example.test`, password: 'a good long password', passwordRepeat: 'a good long password' });
    for (let i = 0; i < limits.signup.max; i++) expect(isRedirect(await post(signup.action, '/signup', '10.2.2.2', form(i)))).toBe(true);
    const refused = await post(signup.action, '/signup', '10.2.2.2', form(99));
    expect(formErrors(refused)).toEqual(['limits.tooMany']);
    expect(await db().select().from(users).where(eq(users.email, 'new99@example.test'))).toHaveLength(0);
  });

  it('racing requests cannot pass the count together', async () => {
    const limit = { action: 'test.race', max: 5, windowSeconds: 60 };
    const results = await Promise.all(Array.from({ length: 40 }, () => hitLimit(limit, '10.9.9.9')));
    expect(results.filter((r) => r.ok)).toHaveLength(5);
  });
});
