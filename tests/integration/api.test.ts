// The JSON API as an integrating system sees it: tokens, /me, /places, errors and the OpenAPI document.
import { Validator } from '@seriousme/openapi-schema-validator';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../db/client';
import { apiTokens, householdMembers } from '../../db/schema';
import { seedDemo } from '../../db/seed/demo';
import * as tokensRoute from '../../app/routes/api.v1.tokens';
import { totpAt } from '../../app/auth/totp';
import { DEMO_TOTP_SECRET } from '../../app/auth/two-factor-rules';
import * as meRoute from '../../app/routes/api.v1.me';
import * as placesRoute from '../../app/routes/api.v1.places';
import * as openapiRoute from '../../app/routes/api.v1.openapi[.json]';
import * as catchAll from '../../app/routes/api.v1.$';
import { useTestDatabase } from '../helpers/db';

useTestDatabase();
beforeAll(() => seedDemo());

const args = (request: Request) => ({ request, params: {}, context: {} });

function postToken(body: unknown, contentType = 'application/json') {
  return tokensRoute.action(
    args(new Request('http://localhost/api/v1/tokens', { method: 'POST', headers: { 'Content-Type': contentType, 'x-fivefold-client-address': '10.9.9.9' }, body: typeof body === 'string' ? body : JSON.stringify(body) })),
  );
}

const me = (token?: string) => meRoute.loader(args(new Request('http://localhost/api/v1/me', { headers: token ? { Authorization: `Bearer ${token}` } : {} })));

describe('POST /api/v1/tokens', () => {
  it('exchanges a demo login for a token that /me accepts', async () => {
    // Staff sign in with two factors: the token request carries the authenticator's code.
    const noCode = await postToken({ email: 'staff@fivefold.test', password: 'fivefold-demo', name: 'city sync' });
    expect(noCode.status).toBe(401);
    expect((await noCode.json()).error.fields.code).toEqual(['is required']);
    const code = totpAt(DEMO_TOTP_SECRET, Date.now());
    const res = await postToken({ email: 'staff@fivefold.test', password: 'fivefold-demo', name: 'city sync', code });
    expect(res.status).toBe(201);
    // The same code again is refused.
    expect((await postToken({ email: 'staff@fivefold.test', password: 'fivefold-demo', code })).status).toBe(401);
    const body = await res.json();
    expect(body.token).toMatch(/^ff_/);
    expect(body.name).toBe('city sync');
    const who = await me(body.token);
    expect(who.status).toBe(200);
    const data = await who.json();
    expect(data.user.email).toBe('staff@fivefold.test');
    expect(data.roles).toContainEqual({ role: 'community_staff', place: expect.objectContaining({ name_zh: '锦华苑社区', name_en: 'Jinhuayuan Community' }) });
    // Only a hash is stored.
    const stored = await db().select().from(apiTokens).where(eq(apiTokens.id, body.id));
    expect(stored[0].tokenHash).not.toContain(body.token);
  });

  it('refuses a wrong password with 401 and the error shape', async () => {
    const res = await postToken({ email: 'staff@fivefold.test', password: 'wrong-password' });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'unauthorized', message: expect.any(String), fields: {} } });
  });

  it('names each bad field', async () => {
    const res = await postToken({ email: 'not-an-email' });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('validation_failed');
    expect(Object.keys(body.error.fields).sort()).toEqual(['email', 'password']);
  });

  it('answers 415 to a body that is not JSON and 400 to broken JSON', async () => {
    expect((await postToken('email=a', 'application/x-www-form-urlencoded')).status).toBe(415);
    expect((await postToken('{"email":', 'application/json')).status).toBe(400);
  });

  it('stops guessing with 429 after repeated failures from one address', async () => {
    for (let i = 0; i < 5; i++) await postToken({ email: 'donor@fivefold.test', password: `guess-${i}-guess` });
    const res = await postToken({ email: 'donor@fivefold.test', password: 'fivefold-demo' });
    expect(res.status).toBe(429);
    expect(res.headers.get('Retry-After')).toBe('900');
  });
});

describe('GET /api/v1/me', () => {
  it('answers 401 in the error shape without a token, and with a revoked or made-up one', async () => {
    for (const token of [undefined, 'ff_madeup', 'nonsense']) {
      const res = await me(token);
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe('unauthorized');
    }
    const created = await (await postToken({ email: 'resident@fivefold.test', password: 'fivefold-demo' })).json();
    expect((await me(created.token)).status).toBe(200);
    await db().update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, created.id));
    expect((await me(created.token)).status).toBe(401);
  });
});

describe('GET /api/v1/places', () => {
  const list = (qs: string) => placesRoute.loader(args(new Request(`http://localhost/api/v1/places${qs}`)));

  it('lists the three demo communities by type, and a community\'s grids by parent', async () => {
    const res = await list('?type=community');
    const body = await res.json();
    expect(body.total).toBe(3);
    expect(body.data.map((p: { name_zh: string }) => p.name_zh).sort()).toEqual(['新安家园社区', '老槐树社区', '锦华苑社区'].sort());
    const c1 = body.data.find((p: { name_zh: string }) => p.name_zh === '锦华苑社区');
    expect(c1.community_type).toBe('urban_commercial_estate');
    const grids = await (await list(`?parent=${c1.id}`)).json();
    expect(grids.data.map((g: { type: string }) => g.type)).toEqual(['grid', 'grid', 'grid']);
  });

  it('pages', async () => {
    const page1 = await (await list('?type=building&per_page=5&page=1')).json();
    const page2 = await (await list('?type=building&per_page=5&page=2')).json();
    expect(page1.data).toHaveLength(5);
    expect(page1.total).toBe(page2.total);
    expect(page1.data[0].id).not.toBe(page2.data[0].id);
  });

  it('rejects bad filters with field errors', async () => {
    const res = await list('?type=planet&parent=42&per_page=1000');
    expect(res.status).toBe(400);
    expect(Object.keys((await res.json()).error.fields).sort()).toEqual(['parent', 'per_page', 'type']);
  });

  it('never includes households or people', async () => {
    const body = await (await list('?per_page=200')).json();
    const text = JSON.stringify(body);
    const members = await db().select({ name: householdMembers.name, phone: householdMembers.phone }).from(householdMembers);
    expect(members.length).toBeGreaterThan(300);
    const leaked = members.filter((m) => text.includes(m.name) || (m.phone && text.includes(m.phone)));
    expect(leaked).toEqual([]);
    expect(body.total).toBe(54);
    expect(Object.keys(body.data[0]).sort()).toEqual(['community_type', 'id', 'name_en', 'name_zh', 'parent_id', 'type']);
  });
});

describe('the API surface', () => {
  it('publishes a valid OpenAPI 3 document naming every endpoint', async () => {
    const doc = await (await openapiRoute.loader()).json();
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/tokens', '/me', '/places']));
  });

  it('answers unknown endpoints with a JSON 404', async () => {
    const res = await catchAll.loader();
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('not_found');
  });
});
