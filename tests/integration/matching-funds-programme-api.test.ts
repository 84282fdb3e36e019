// Launching, closing, editing and topping up a programme through the API and the programme page: role checks,
// what a launched programme may still change (a later end, more projects) and the 409 for the rest, a top-up that
// posts once per reference and makes a programme whose pool ran dry match again.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db, rows } from '../../db/client';
import { createApiToken } from '../../app/api/tokens.server';
import { recordOfflineDonation } from '../../app/funds/donations.server';
import * as programmesRoute from '../../app/routes/api.v1.matching-programmes._index';
import * as programmeRoute from '../../app/routes/api.v1.matching-programmes.$programmeId';
import * as launchRoute from '../../app/routes/api.v1.matching-programmes.$programmeId.launch';
import * as closeRoute from '../../app/routes/api.v1.matching-programmes.$programmeId.close';
import * as topUpRoute from '../../app/routes/api.v1.matching-programmes.$programmeId.top-ups';
import * as programmePage from '../../app/routes/matching-programmes.$programmeId';
import { useTestDatabase } from '../helpers/db';
import { createStreetWithCommunities, createUser, sessionCookieFor } from '../helpers/factories';
import { balanceOf, expectLedgerWhole } from '../helpers/ledger';
import { callRoute, errorsOf, locationOf, statusOf } from '../helpers/routes';
import { createProjectWithFund } from '../helpers/matching-funds';

useTestDatabase();

let street: { id: string; path: string };
let community: { id: string; path: string };
let funder: { id: string; token: string };
let treasurer: { id: string; token: string };
let staffToken: string;
let residentToken: string;
beforeAll(async () => {
  const made = await createStreetWithCommunities();
  street = made.street;
  community = made.community;
  const make = async (roles: { role: 'funder' | 'treasurer' | 'community_staff' | 'resident'; placeId: string | null }[]) => {
    const u = await createUser({ roles });
    return { id: u.id, token: (await createApiToken({ userId: u.id }, 'test')).token };
  };
  funder = await make([{ role: 'funder', placeId: street.id }]);
  treasurer = await make([{ role: 'treasurer', placeId: street.id }]);
  staffToken = (await make([{ role: 'community_staff', placeId: community.id }])).token;
  residentToken = (await make([{ role: 'resident', placeId: null }])).token;
});

const call = (route: { loader?: (a: never) => unknown; action?: (a: never) => unknown }, method: string, path: string, opts: { token?: string; body?: unknown; params?: Record<string, string> } = {}) => {
  const request = new Request(`http://localhost/api/v1${path}`, {
    method,
    headers: { ...(opts.token ? { Authorization: `Bearer ${opts.token}` } : {}), ...(opts.body !== undefined ? { 'Content-Type': 'application/json' } : {}), 'Accept-Language': 'en' },
    body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
  });
  const fn = method === 'GET' ? route.loader! : route.action!;
  return fn({ request, params: opts.params ?? {}, context: {} } as never) as Promise<Response>;
};

const day = 86_400_000;
async function draft(over: Record<string, unknown> = {}) {
  const res = await call(programmesRoute, 'POST', '/matching-programmes', {
    token: funder.token,
    body: { place_id: street.id, name_zh: '测试配捐', name_en: 'Test matching', funder_zh: '区民政局', funder_en: 'District bureau', pool_minor: 100_000, tiers: [{ from_minor: 0, num: 1, den: 1 }], starts_at: new Date(Date.now() - day).toISOString(), ends_at: new Date(Date.now() + 10 * day).toISOString(), ...over },
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; ends_at: string; project_ids: string[]; pool_balance_minor: number; programme_cap_minor: number | null; status: string };
}

describe('Launch, close and edit through the API', () => {
  it('lets the funder edit a draft fully, launch it, then only extend it and add projects; everything else is a 409 naming the field', async () => {
    const a = await createProjectWithFund(community, funder.id);
    const b = await createProjectWithFund(community, funder.id);
    const p = await draft({ project_ids: [a.project.id] });
    const params = { programmeId: p.id };
    // A draft: any field, checked as a whole.
    let res = await call(programmeRoute, 'PATCH', `/matching-programmes/${p.id}`, { token: funder.token, params, body: { tiers: [{ from_minor: 0, num: 2, den: 1 }], seed_minor: 5_000 } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ tiers: [{ from_minor: 0, num: 2, den: 1 }], seed_minor: 5_000, status: 'draft' });
    res = await call(programmeRoute, 'PATCH', `/matching-programmes/${p.id}`, { token: funder.token, params, body: { ends_at: '2020-01-01T00:00:00Z' } });
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields).toHaveProperty('ends_at');
    res = await call(programmeRoute, 'PATCH', `/matching-programmes/${p.id}`, { token: funder.token, params, body: { pool_minor: 5 } });
    expect(res.status).toBe(400);
    // Only funders of the place.
    expect((await call(launchRoute, 'POST', `/matching-programmes/${p.id}/launch`, { token: staffToken, params })).status).toBe(403);
    expect((await call(launchRoute, 'POST', `/matching-programmes/${p.id}/launch`, { params })).status).toBe(401);
    expect((await call(programmeRoute, 'PATCH', `/matching-programmes/${p.id}`, { token: residentToken, params, body: { seed_minor: 0 } })).status).toBe(403);
    res = await call(launchRoute, 'POST', `/matching-programmes/${p.id}/launch`, { token: funder.token, params });
    expect(res.status).toBe(200);
    expect((await res.json()).status).toBe('active');
    expect((await call(launchRoute, 'POST', `/matching-programmes/${p.id}/launch`, { token: funder.token, params })).status).toBe(409);

    // Launched: rules stay as donors read them.
    res = await call(programmeRoute, 'PATCH', `/matching-programmes/${p.id}`, { token: funder.token, params, body: { seed_minor: 0, tiers: [{ from_minor: 0, num: 2, den: 1 }] } });
    expect(res.status).toBe(409);
    const refused = (await res.json()).error;
    expect(Object.keys(refused.fields)).toEqual(['seed_minor']);
    const later = new Date(Date.parse(p.ends_at) + 30 * day).toISOString();
    res = await call(programmeRoute, 'PATCH', `/matching-programmes/${p.id}`, { token: funder.token, params, body: { ends_at: new Date(Date.parse(p.ends_at) - day).toISOString() } });
    expect(res.status).toBe(409);
    expect((await res.json()).error.fields).toHaveProperty('ends_at');
    res = await call(programmeRoute, 'PATCH', `/matching-programmes/${p.id}`, { token: funder.token, params, body: { project_ids: [b.project.id] } });
    expect(res.status).toBe(409);
    res = await call(programmeRoute, 'PATCH', `/matching-programmes/${p.id}`, { token: funder.token, params, body: { ends_at: later, project_ids: [a.project.id, b.project.id] } });
    expect(res.status).toBe(200);
    const amended = await res.json();
    expect(amended.ends_at).toBe(later);
    expect([...amended.project_ids].sort()).toEqual([a.project.id, b.project.id].sort());
    const [audit] = await rows<{ n: number }>(db(), sql`select count(*)::int as n from audit_events where action = 'matching.amend' and subject_id = ${p.id}`);
    expect(Number(audit.n)).toBe(1);

    res = await call(closeRoute, 'POST', `/matching-programmes/${p.id}/close`, { token: funder.token, params });
    expect(res.status).toBe(200);
    expect((await res.json()).status).toBe('closed');
    expect((await call(closeRoute, 'POST', `/matching-programmes/${p.id}/close`, { token: funder.token, params })).status).toBe(409);
    expect((await call(programmeRoute, 'PATCH', `/matching-programmes/${p.id}`, { token: funder.token, params, body: { ends_at: later } })).status).toBe(409);
  });

  it('refuses to name projects on a launched programme open to every project of its place', async () => {
    const a = await createProjectWithFund(community, funder.id);
    const p = await draft();
    const params = { programmeId: p.id };
    expect((await call(launchRoute, 'POST', `/matching-programmes/${p.id}/launch`, { token: funder.token, params })).status).toBe(200);
    const res = await call(programmeRoute, 'PATCH', `/matching-programmes/${p.id}`, { token: funder.token, params, body: { project_ids: [a.project.id] } });
    expect(res.status).toBe(409);
    expect((await res.json()).error.fields).toHaveProperty('project_ids');
  });
});

describe('Topping up the pool', () => {
  it('posts a grant once per reference, raises the cap if asked, is audited, and a programme stopped by an empty pool matches again', async () => {
    const { project, fund } = await createProjectWithFund(community, funder.id);
    const p = await draft({ pool_minor: 1_000, exhaustion: 'stop', programme_cap_minor: 1_500, project_ids: [project.id] });
    const params = { programmeId: p.id };
    expect((await call(launchRoute, 'POST', `/matching-programmes/${p.id}/launch`, { token: funder.token, params })).status).toBe(200);
    const treasurerActor = { userId: treasurer.id };
    let n = 0;
    const give = (amountMinor: number) => recordOfflineDonation(treasurerActor, fund.id, { method: 'cash', amountMinor, donorName: `Neighbour ${++n}`, visibility: 'public', receiptNumber: `TOPUP-${process.pid}-${n}`, origin: { source: 'resident' } });
    expect((await give(1_000)).ok).toBe(true);
    const [stopped] = await rows<{ reason: string }>(db(), sql`select reason from programme_matches where programme_id = ${p.id} order by created_at`);
    expect(stopped.reason).toBe('matched');
    const dry = await give(500);
    if (!dry.ok) throw new Error('not recorded');
    const [dryDecision] = await rows<{ reason: string }>(db(), sql`select reason from programme_matches where programme_id = ${p.id} and donation_id = ${dry.donation.id}`);
    expect(dryDecision.reason).toBe('pool_exhausted');

    // Roles: a resident and staff cannot; bad input is a 400 with fields.
    expect((await call(topUpRoute, 'POST', `/matching-programmes/${p.id}/top-ups`, { token: residentToken, params, body: { amount_minor: 5_000, reference: 'X' } })).status).toBe(403);
    expect((await call(topUpRoute, 'POST', `/matching-programmes/${p.id}/top-ups`, { token: staffToken, params, body: { amount_minor: 5_000, reference: 'X' } })).status).toBe(403);
    const bad = await call(topUpRoute, 'POST', `/matching-programmes/${p.id}/top-ups`, { token: funder.token, params, body: { amount_minor: 12.5, reference: '' } });
    expect(bad.status).toBe(400);
    expect(Object.keys((await bad.json()).error.fields).sort()).toEqual(['amount_minor', 'reference']);

    // The treasurer records the funder's transfer; the same reference twice (even at once) adds the money once.
    const body = { amount_minor: 50_000, reference: '区民政局拨〔2026〕12号', raise_cap: true };
    const [first, second] = await Promise.all([0, 1].map(() => call(topUpRoute, 'POST', `/matching-programmes/${p.id}/top-ups`, { token: treasurer.token, params, body })));
    expect([first.status, second.status].sort()).toEqual([201, 409]);
    const ok = first.status === 201 ? first : second;
    const topped = (await ok.json()).programme;
    expect(topped).toMatchObject({ pool_balance_minor: 50_000, programme_cap_minor: 51_500 });
    expect((await balanceOf(topped.pool_fund_id)).balanceMinor).toBe(50_000);
    expect((await (await call(programmeRoute, 'GET', `/matching-programmes/${p.id}`, { params })).json()).pool_balance_minor).toBe(50_000);
    const [audit] = await rows<{ n: number }>(db(), sql`select count(*)::int as n from audit_events where action = 'matching.top_up' and subject_id = ${p.id} and actor_user_id = ${treasurer.id}`);
    expect(Number(audit.n)).toBe(1);

    // Matching resumes with the next gift.
    const resumed = await give(2_000);
    if (!resumed.ok) throw new Error('not recorded');
    const [decision] = await rows<{ reason: string }>(db(), sql`select reason from programme_matches where programme_id = ${p.id} and donation_id = ${resumed.donation.id}`);
    expect(decision.reason).toBe('matched');
    expect((await balanceOf(topped.pool_fund_id)).balanceMinor).toBe(50_000 - 2_000);

    // Closed: no more top-ups.
    expect((await call(closeRoute, 'POST', `/matching-programmes/${p.id}/close`, { token: funder.token, params })).status).toBe(200);
    expect((await call(topUpRoute, 'POST', `/matching-programmes/${p.id}/top-ups`, { token: funder.token, params, body: { amount_minor: 1, reference: 'late' } })).status).toBe(409);
    await expectLedgerWhole();
  });

  it('works from the programme page form without JavaScript, with a field error for a reference used before', async () => {
    const p = await draft({ pool_minor: 10_000 });
    const cookie = await sessionCookieFor(funder.id);
    const form = { intent: 'top_up', amount: '123.45', reference: 'BANK-778899', raiseCap: 'on' };
    const res = await callRoute(programmePage.action, `/matching-programmes/${p.id}`, { params: { programmeId: p.id }, cookie, form });
    expect(statusOf(res)).toBe(302);
    expect(locationOf(res)).toContain('notice=mf.topUp.done');
    const page = (await callRoute(programmePage.loader, `/matching-programmes/${p.id}`, { params: { programmeId: p.id }, cookie })) as { programme: { poolBalanceMinor: number }; canTopUp: boolean };
    expect(page.programme.poolBalanceMinor).toBe(10_000 + 12_345);
    expect(page.canTopUp).toBe(true);
    const again = await callRoute(programmePage.action, `/matching-programmes/${p.id}`, { params: { programmeId: p.id }, cookie, form });
    expect(errorsOf(again)).toMatchObject({ reference: ['mf.topUp.duplicate'] });
    const staff = await createUser({ roles: [{ role: 'community_staff', placeId: community.id }] });
    const refused = await callRoute(programmePage.action, `/matching-programmes/${p.id}`, { params: { programmeId: p.id }, cookie: await sessionCookieFor(staff.id), form: { ...form, reference: 'OTHER' } });
    expect([403, 404]).toContain(statusOf(refused));
    await expectLedgerWhole();
  });
});
