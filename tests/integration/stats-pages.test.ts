// The dashboard, the transparency page and GET /api/v1/stats: who sees what, filters, field errors, nothing private in public.
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db, rows } from '../../db/client';
import { places, users } from '../../db/schema';
import { seedDemo } from '../../db/seed/demo';
import { createApiToken } from '../../app/api/tokens.server';
import { loader as dashboardLoader } from '../../app/routes/dashboard';
import { loader as transparencyLoader } from '../../app/routes/places.$placeId.transparency';
import { loader as statsApi } from '../../app/routes/api.v1.stats';
import { openApiDocument } from '../../app/api/openapi';
import { callRoute, cookieOf, statusOf } from '../helpers/routes';
import { useTestDatabase } from '../helpers/db';

useTestDatabase();

type Dash = Awaited<ReturnType<typeof dashboardLoader>>;
type Public = Awaited<ReturnType<typeof transparencyLoader>>;

let street: string;
let c1: string;
let c2: string;
let gridOfC1: string;

beforeAll(async () => {
  await seedDemo();
  const byName = async (name: string) => (await db().select({ id: places.id }).from(places).where(eq(places.nameZh, name)))[0].id;
  street = await byName('云溪街道');
  c1 = await byName('锦华苑社区');
  c2 = await byName('老槐树社区');
  const [g] = await rows<{ id: string }>(db(), sql`select p.id from places p join places c on c.id = ${c1} where p.type = 'grid' and p.path like c.path || '%' order by (select count(*) from needs n where n.grid_id = p.id) desc limit 1`);
  gridOfC1 = g.id;
});

describe('the staff dashboard', () => {
  it('opens on the community of community staff, with the export link for the chosen grid', async () => {
    const cookie = await cookieOf('staff@fivefold.test');
    const all = (await callRoute(dashboardLoader, '/dashboard', { cookie })) as Dash;
    expect(all.places.map((p) => p.id)).toEqual([c1]);
    expect(all.view?.place.id).toBe(c1);
    expect(all.view!.figures.needs.total).toBeGreaterThan(0);
    const one = (await callRoute(dashboardLoader, `/dashboard?place=${c1}&grid=${gridOfC1}`, { cookie })) as Dash;
    expect(one.view?.grid?.id).toBe(gridOfC1);
    expect(one.view!.figures.needs.total).toBeLessThan(all.view!.figures.needs.total);
    expect(one.view!.exportHref).toBe(`/exports/needs?format=xlsx&community=${c1}&grid=${gridOfC1}&overdue=overdue&queue=staff`);
    expect(one.view!.overdue.length).toBeGreaterThan(0);
  });

  it('offers street staff the street and its communities, and counts the whole street', async () => {
    const cookie = await cookieOf('streetstaff@fivefold.test');
    const r = (await callRoute(dashboardLoader, '/dashboard', { cookie })) as Dash;
    expect(r.places[0].id).toBe(street);
    expect(r.places.map((p) => p.id)).toEqual(expect.arrayContaining([c1, c2]));
    const [{ n }] = await rows<{ n: number }>(db(), sql`select count(*)::int as n from needs where status <> 'merged' and raised_at >= ${new Date(`${r.period.from}T00:00:00+08:00`).toISOString()}::timestamptz`);
    expect(r.view!.figures.needs.total).toBe(n);
  });

  it('keeps staff to their own places: another community is a 404, residents get a 403, visitors log in', async () => {
    expect(statusOf(await callRoute(dashboardLoader, `/dashboard?place=${c1}`, { cookie: await cookieOf('staff2@fivefold.test') }))).toBe(404);
    expect(statusOf(await callRoute(dashboardLoader, `/dashboard?place=${street}`, { cookie: await cookieOf('staff@fivefold.test') }))).toBe(404);
    expect(statusOf(await callRoute(dashboardLoader, '/dashboard', { cookie: await cookieOf('resident@fivefold.test') }))).toBe(403);
    const anonymous = await callRoute(dashboardLoader, '/dashboard');
    expect(statusOf(anonymous)).toBe(302);
  });

  it('answers bad filters with field messages and the figures for the rest', async () => {
    const cookie = await cookieOf('staff@fivefold.test');
    const r = (await callRoute(dashboardLoader, `/dashboard?place=${c1}&from=2026-13-01&to=2026-02-30&interval=year&grid=${c2}`, { cookie })) as Dash;
    expect(r.errors.from).toEqual(['stats.v.date']);
    expect(r.errors.to).toEqual(['stats.v.date']);
    expect(r.errors.interval).toEqual(['stats.v.interval']);
    expect(r.errors.grid).toEqual(['stats.v.grid']);
    expect(r.view?.grid).toBeNull();
    expect(r.period.interval).toBe('month');
    const reversed = (await callRoute(dashboardLoader, `/dashboard?place=${c1}&from=2026-05-01&to=2026-04-01`, { cookie })) as Dash;
    expect(reversed.errors.to).toEqual(['stats.v.order']);
  });
});

describe('the public transparency page', () => {
  it('shows a community’s totals to anyone, without names of residents or of those responsible', async () => {
    const r = (await callRoute(transparencyLoader, `/places/${c1}/transparency`, { params: { placeId: c1 } })) as Public;
    expect(r.figures.needs.total).toBeGreaterThan(0);
    const text = JSON.stringify(r);
    const people = await rows<{ name: string }>(db(), sql`select distinct u.name from users u join needs n on n.requester_user_id = u.id or n.responsible_user_id = u.id where n.community_id = ${c1}`);
    expect(people.length).toBeGreaterThan(0);
    for (const p of people) expect(text).not.toContain(`"${p.name}"`);
    const addresses = await rows<{ address: string }>(db(), sql`select d.address from need_private_details d join needs n on n.id = d.need_id where n.community_id = ${c1} and d.address is not null`);
    for (const a of addresses) expect(text).not.toContain(a.address);
    expect(text).not.toContain('responsibleName');
  });

  it('is a 404 for a street, a grid or an unknown id', async () => {
    for (const id of [street, gridOfC1, '00000000-0000-4000-8000-000000000000', 'nope']) {
      expect(statusOf(await callRoute(transparencyLoader, `/places/${id}/transparency`, { params: { placeId: id } }))).toBe(404);
    }
  });
});

describe('GET /api/v1/stats', () => {
  const get = async (query: string, token?: string) => {
    const headers = token ? { Authorization: `Bearer ${token}` } : undefined;
    const res = (await statsApi({ request: new Request(`http://localhost/api/v1/stats?${query}`, { headers }), params: {}, context: {} })) as Response;
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };

  it('gives anyone a community’s public figures in snake_case, the same as the page', async () => {
    const { status, body } = await get(`place=${c1}&from=2026-01-01&to=2026-06-30`);
    expect(status).toBe(200);
    expect(body.data.visibility).toBe('public');
    expect(body.data.overdue_needs).toBeUndefined();
    const page = (await callRoute(transparencyLoader, `/places/${c1}/transparency?from=2026-01-01&to=2026-06-30`, { params: { placeId: c1 } })) as Public;
    expect(body.data.needs.total).toBe(page.figures.needs.total);
    expect(body.data.needs.median_first_response_hours).toBe(page.figures.needs.medianFirstResponseHours);
    expect(body.data.money.disbursed_minor).toBe(page.figures.money.disbursedMinor);
    expect(body.data.trend).toHaveLength(6);
  });

  it('gives staff of the place the overdue needs; a street is for its staff only', async () => {
    const staff = (await db().select({ id: users.id }).from(users).where(eq(users.email, 'streetstaff@fivefold.test')))[0];
    const other = (await db().select({ id: users.id }).from(users).where(eq(users.email, 'staff2@fivefold.test')))[0];
    const { token } = await createApiToken({ userId: staff.id }, 'dashboard');
    const { token: staff2Token } = await createApiToken({ userId: other.id }, 'dashboard');
    const own = await get(`place=${street}`, token);
    expect(own.status).toBe(200);
    expect(own.body.data.visibility).toBe('staff');
    expect(own.body.data.overdue_needs.length).toBeGreaterThan(0);
    expect((await get(`place=${street}`)).status).toBe(401);
    expect((await get(`place=${street}`, staff2Token)).status).toBe(403);
    const notTheirs = await get(`place=${c1}&grid=${gridOfC1}`, staff2Token);
    expect(notTheirs.body.data.visibility).toBe('public');
    expect(notTheirs.body.data.overdue_needs).toBeUndefined();
  });

  it('answers bad queries with 400 and field messages, unknown places with 404', async () => {
    const missing = await get('');
    expect(missing.status).toBe(400);
    expect(Object.keys(missing.body.error.fields)).toEqual(['place']);
    const bad = await get(`place=${c1}&from=yesterday&interval=day`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['from', 'interval']);
    expect(bad.body.error.fields.from[0]).toMatch(/YYYY-MM-DD/);
    expect((await get(`place=${c1}&grid=${c2}`)).status).toBe(400);
    expect((await get('place=00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('is in the OpenAPI document', () => {
    const doc = openApiDocument() as { paths: Record<string, { get?: { operationId?: string } }> };
    expect(doc.paths['/stats']?.get?.operationId).toBe('getStats');
  });
});
