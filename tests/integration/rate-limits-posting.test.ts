// Rate limits on posting and searching: topics (20 an hour), comments (60 an hour), invitations (30 an hour) and
// searches (120 a minute) are counted per person when signed in and per address otherwise. The next one is refused —
// 429 with Retry-After in the API, a message in the page's language on pages — and nothing is stored; another person
// is not affected. The clock is fixed inside one window so a window boundary cannot reset a count mid-test.
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '../../db/client';
import { topicComments, topics, users } from '../../db/schema';
import { seedDemo } from '../../db/seed/demo';
import { createApiToken } from '../../app/api/tokens.server';
import * as newTopic from '../../app/routes/topics.new';
import * as topicPage from '../../app/routes/topics.$topicId';
import * as topicsApi from '../../app/routes/api.v1.topics';
import * as searchPage from '../../app/routes/search';
import * as searchApi from '../../app/routes/api.v1.search';
import * as myTeam from '../../app/routes/my.team';
import { limits } from '../../app/utils/rate-limit.server';
import { useTestDatabase } from '../helpers/db';
import { renderPage } from '../helpers/render';
import { callRoute as call, cookieOf, locationOf } from '../helpers/routes';

useTestDatabase();

beforeAll(async () => {
  // Two minutes into an hour: every window below (a minute, an hour) stays the same for the whole file.
  const hour = 3_600_000;
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(Math.ceil(Date.now() / hour) * hour + 120_000));
  await seedDemo();
});
afterAll(() => {
  vi.useRealTimers();
});

/** What a loader or action answered when it set a status with data(): the value and the status. */
function unwrap(r: unknown): { value: Record<string, unknown>; status: number } {
  if (r && typeof r === 'object' && (r as { type?: string }).type === 'DataWithResponseInit') {
    const d = r as { data: Record<string, unknown>; init: { status?: number } | null };
    return { value: d.data, status: d.init?.status ?? 200 };
  }
  if (r instanceof Response) return { value: {}, status: r.status };
  return { value: r as Record<string, unknown>, status: 200 };
}
const formErrorsOf = (r: unknown) => ((unwrap(r).value as { error?: Record<string, string[]> }).error?.[''] ?? []) as string[];
const topicCount = async () => Number((await db().select({ n: count() }).from(topics))[0].n);

function apiRequest(url: string, opts: { token?: string; address?: string; body?: unknown } = {}) {
  const headers = new Headers({ 'x-fivefold-client-address': opts.address ?? '10.0.0.1' });
  if (opts.token) headers.set('Authorization', `Bearer ${opts.token}`);
  if (opts.body !== undefined) headers.set('Content-Type', 'application/json');
  return new Request(`http://localhost${url}`, { method: opts.body === undefined ? 'GET' : 'POST', headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
}
async function tokenOf(email: string) {
  const [u] = await db().select({ id: users.id }).from(users).where(eq(users.email, email));
  return (await createApiToken({ userId: u.id }, 'rate-limit test')).token;
}

describe('proposing topics', () => {
  it(`a person may propose ${limits.proposeTopic.max} topics an hour; the next is refused with a message and not stored; another person may`, async () => {
    const cookie = await cookieOf('resident@fivefold.test');
    for (let i = 0; i < limits.proposeTopic.max; i++) {
      expect(locationOf(await call(newTopic.action, '/topics/new', { cookie, form: { title: `议题 ${i}`, problem: '楼道太暗' } }))).toMatch(/^\/topics\//);
    }
    const before = await topicCount();
    const refused = await call(newTopic.action, '/topics/new', { cookie, form: { title: '议题 多余', problem: '楼道太暗' } });
    expect(unwrap(refused).status).toBe(429);
    expect(formErrorsOf(refused)).toEqual(['limits.tooMany']);
    expect(await topicCount()).toBe(before);
    const other = await call(newTopic.action, '/topics/new', { cookie: await cookieOf('volunteer@fivefold.test'), form: { title: '别人的议题', problem: '路灯' } });
    expect(locationOf(other)).toMatch(/^\/topics\//);
  });

  it('the API answers 429 with Retry-After and the error shape once a person has proposed too many', async () => {
    const token = await tokenOf('teamlead@fivefold.test');
    const propose = (i: number) => topicsApi.action({ request: apiRequest('/api/v1/topics', { token, body: { title: `API 议题 ${i}`, problem: '噪音' } }), params: {}, context: {} } as never);
    for (let i = 0; i < limits.proposeTopic.max; i++) expect((await propose(i)).status).toBe(201);
    const refused = await propose(99);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
    const body = (await refused.json()) as { error: { code: string; message: string; fields: object } };
    expect(body.error).toMatchObject({ code: 'too_many_requests', fields: {} });
    expect(body.error.message).toMatch(/too many/i);
    expect(await db().select().from(topics).where(eq(topics.title, 'API 议题 99'))).toHaveLength(0);
  });
});

describe('commenting', () => {
  it(`a person may comment ${limits.comment.max} times an hour; the next is refused with 429 and not stored; another person may`, async () => {
    const cookie = await cookieOf('gridworker@fivefold.test');
    const [topic] = await db().select({ id: topics.id }).from(topics).where(eq(topics.title, '议题 0'));
    const comment = (c: string, body: string) => call(topicPage.action, `/topics/${topic.id}`, { cookie: c, params: { topicId: topic.id }, form: { intent: 'comment', body } });
    for (let i = 0; i < limits.comment.max; i++) expect(locationOf(await comment(cookie, `评论 ${i}`))).toMatch(/^\/topics\//);
    const refused = await comment(cookie, '评论 多余');
    expect(refused).toBeInstanceOf(Response);
    expect((refused as Response).status).toBe(429);
    expect(((await (refused as Response).json()) as { error: Record<string, string[]> }).error['']).toEqual(['limits.tooMany']);
    expect(await db().select().from(topicComments).where(eq(topicComments.body, '评论 多余'))).toHaveLength(0);
    expect(locationOf(await comment(await cookieOf('socialworker@fivefold.test'), '我也同意'))).toMatch(/^\/topics\//);
  });
});

describe('inviting people to a group', () => {
  it(`a person may send ${limits.invite.max} invitations an hour; the next is refused with a message`, async () => {
    const cookie = await cookieOf('teamlead@fivefold.test');
    const invite = () => call(myTeam.action, '/my/team', { cookie, form: { intent: 'invite', groupId: '00000000-0000-4000-8000-000000000000', email: 'nobody@example.test' } });
    // The group does not exist, so each invitation is refused on its merits; every one still counts.
    for (let i = 0; i < limits.invite.max; i++) expect((unwrap(await invite()).value as { error?: Record<string, string[]> }).error?.email ?? []).not.toContain('limits.tooMany');
    expect((unwrap(await invite()).value as { error?: Record<string, string[]> }).error?.email).toEqual(['limits.tooMany']);
  });
});

describe('searching', () => {
  const search = (address: string, cookie?: string) => {
    const headers = new Headers({ 'x-fivefold-client-address': address });
    if (cookie) headers.set('Cookie', cookie);
    return searchPage.loader({ request: new Request('http://localhost/search?q=%E9%80%81%E9%A4%90', { headers }), params: {}, context: {} } as never);
  };

  it(`an address may search ${limits.search.max} times a minute; the page then says so in both languages, with 429; another address may`, async () => {
    for (let i = 0; i < limits.search.max; i++) expect(unwrap(await search('10.3.3.3')).status).toBe(200);
    const refused = unwrap(await search('10.3.3.3'));
    expect(refused.status).toBe(429);
    expect(refused.value).toMatchObject({ limited: true, hits: [], total: 0 });
    expect(unwrap(await search('10.3.3.4')).value).toMatchObject({ limited: false });

    const route = [{ id: 'routes/search', path: 'search', module: searchPage }];
    const zh = await renderPage(route, '/search?q=x', null, { 'x-fivefold-client-address': '10.3.3.3', 'Accept-Language': 'zh-CN' });
    expect(zh.status).toBe(429);
    expect(zh.html).toContain('一分钟内搜索次数过多');
    const en = await renderPage(route, '/search?q=x', null, { 'x-fivefold-client-address': '10.3.3.3', 'Accept-Language': 'en' });
    expect(en.html).toContain('You have searched very often');
  });

  it('a signed-in person is counted as themselves, from whichever address', async () => {
    const cookie = await cookieOf('donor@fivefold.test');
    for (let i = 0; i < limits.search.max; i++) expect(unwrap(await search(`10.4.0.${i % 250}`, cookie)).status).toBe(200);
    expect(unwrap(await search('10.4.9.9', cookie)).status).toBe(429);
    // Someone else at one of those addresses is not affected.
    expect(unwrap(await search('10.4.0.1', await cookieOf('evaluator@fivefold.test'))).status).toBe(200);
  });

  it('the search API answers 429 with Retry-After and the error shape', async () => {
    const get = (address: string) => searchApi.loader({ request: apiRequest('/api/v1/search?q=%E9%80%81%E9%A4%90', { address }), params: {}, context: {} } as never);
    for (let i = 0; i < limits.search.max; i++) expect((await get('10.5.5.5')).status).toBe(200);
    const refused = await get('10.5.5.5');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('too_many_requests');
    expect((await get('10.5.5.6')).status).toBe(200);
  });
});
