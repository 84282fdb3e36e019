// The API of matching programmes, pledges and household shares: readable by all, creatable by the right roles,
// field errors in the one error shape, and a valid OpenAPI document that describes them.
import { Validator } from '@seriousme/openapi-schema-validator';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../app/api/tokens.server';
import { openApiDocument } from '../../app/api/openapi';
import * as programmesRoute from '../../app/routes/api.v1.matching-programmes._index';
import * as programmeRoute from '../../app/routes/api.v1.matching-programmes.$programmeId';
import * as pledgesRoute from '../../app/routes/api.v1.pledges';
import * as sharesRoute from '../../app/routes/api.v1.projects.$projectId.household-shares';
import { useTestDatabase } from '../helpers/db';
import { createPlace, createStreetWithCommunities, createUser } from '../helpers/factories';
import { expectLedgerWhole } from '../helpers/ledger';
import { createHouseholds, createProjectWithFund } from '../helpers/matching-funds';

useTestDatabase();

let street: { id: string; path: string };
let community: { id: string; path: string };
let building: { id: string };
let funderToken: string;
let residentToken: string;
let staffToken: string;
let staff2Token: string;
beforeAll(async () => {
  const made = await createStreetWithCommunities();
  street = made.street;
  community = made.community;
  building = await createPlace({ type: 'building', parentId: (await createPlace({ type: 'compound', parentId: community.id })).id });
  const token = async (roles: { role: 'funder' | 'resident' | 'community_staff'; placeId: string | null }[]) => {
    const u = await createUser({ roles });
    return (await createApiToken({ userId: u.id }, 'test')).token;
  };
  funderToken = await token([{ role: 'funder', placeId: street.id }]);
  residentToken = await token([{ role: 'resident', placeId: null }]);
  staffToken = await token([{ role: 'community_staff', placeId: community.id }]);
  staff2Token = await token([{ role: 'community_staff', placeId: made.otherCommunity.id }]);
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

const programme = (over: Record<string, unknown> = {}) => ({
  place_id: street.id,
  name_zh: '测试配捐',
  name_en: 'Test matching',
  funder_zh: '区民政局',
  funder_en: 'District bureau',
  pool_minor: 500_000,
  tiers: [{ from_minor: 0, num: 1, den: 1 }],
  seed_minor: 10_000,
  per_project_cap_minor: 200_000,
  starts_at: '2026-01-01T00:00:00+08:00',
  ends_at: '2027-01-01T00:00:00+08:00',
  ...over,
});

describe('matching programmes API', () => {
  it('lets a funder post a draft (201) that only they see until launched; others get 403; bad rules get field errors', async () => {
    const created = await call(programmesRoute, 'POST', '/matching-programmes', { token: funderToken, body: programme() });
    expect(created.status).toBe(201);
    const body = await created.json();
    expect(body).toMatchObject({ status: 'draft', pool_balance_minor: 500_000, matched_minor: 0, seed_minor: 10_000, per_donor_cap_minor: null, exhaustion: 'stop' });
    expect(body.explanation.join(' ')).toContain('For every 1 yuan you give, the programme adds 1 yuan.');
    expect((await call(programmeRoute, 'GET', `/matching-programmes/${body.id}`, { params: { programmeId: body.id } })).status).toBe(404);
    expect((await call(programmeRoute, 'GET', `/matching-programmes/${body.id}`, { token: funderToken, params: { programmeId: body.id } })).status).toBe(200);
    const list = await (await call(programmesRoute, 'GET', '/matching-programmes')).json();
    expect(list.items.map((p: { id: string }) => p.id)).not.toContain(body.id);

    expect((await call(programmesRoute, 'POST', '/matching-programmes', { token: residentToken, body: programme() })).status).toBe(403);
    expect((await call(programmesRoute, 'POST', '/matching-programmes', { body: programme() })).status).toBe(401);
    const bad = await call(programmesRoute, 'POST', '/matching-programmes', { token: funderToken, body: programme({ tiers: [{ from_minor: 100, num: 1, den: 0 }], ends_at: '2025-01-01T00:00:00Z', pool_minor: 1.5, extra: 1 }) });
    expect(bad.status).toBe(400);
    const error = (await bad.json()).error;
    expect(error.code).toBe('validation_failed');
    expect(Object.keys(error.fields).sort()).toEqual(expect.arrayContaining(['pool_minor']));
    const badDates = await call(programmesRoute, 'POST', '/matching-programmes', { token: funderToken, body: programme({ ends_at: '2025-01-01T00:00:00Z', tiers: [{ from_minor: 5, num: 1, den: 1 }] }) });
    expect((await badDates.json()).error.fields).toMatchObject({ ends_at: ['must be after starts_at'], tiers: ['the first tier must start at 0'] });
    await expectLedgerWhole();
  });
});

describe('pledges and household shares API', () => {
  it('pledges for the signed-in, lists them without emails, and checks the query', async () => {
    const staff = await createUser({ roles: [{ role: 'community_staff', placeId: community.id }] });
    const { project, fund } = await createProjectWithFund(community, staff.id);
    const due = new Date(Date.now() + 7 * 86_400_000).toISOString();
    expect((await call(pledgesRoute, 'POST', '/pledges', { body: { fund_id: fund.id, amount_minor: 100, pledger_name: 'x', due_at: due } })).status).toBe(401);
    const made = await call(pledgesRoute, 'POST', '/pledges', { token: residentToken, body: { fund_id: fund.id, project_id: project.id, amount_minor: 50_000, pledger_name: 'Mr Zhao', pledger_email: 'zhao@example.test', due_at: due } });
    expect(made.status).toBe(201);
    expect(await made.json()).toMatchObject({ pledger_name: 'Mr Zhao', amount_minor: 50_000, paid_minor: 0, status: 'open' });
    const past = await call(pledgesRoute, 'POST', '/pledges', { token: residentToken, body: { fund_id: fund.id, amount_minor: 100, pledger_name: 'x', due_at: '2020-01-01T00:00:00Z' } });
    expect(past.status).toBe(400);
    expect((await past.json()).error.fields).toEqual({ due_at: ['must be in the future'] });
    const listed = await call(pledgesRoute, 'GET', `/pledges?project_id=${project.id}`);
    const text = await listed.text();
    expect(JSON.parse(text).items).toHaveLength(1);
    expect(text).not.toContain('zhao@example.test');
    expect((await call(pledgesRoute, 'GET', '/pledges')).status).toBe(400);
    expect((await call(pledgesRoute, 'GET', '/pledges?fund_id=nope')).status).toBe(400);
  });

  it('sets up household shares for staff of the place only, and shows counts to anyone', async () => {
    const staff = await createUser({ roles: [{ role: 'community_staff', placeId: community.id }] });
    const { project } = await createProjectWithFund(community, staff.id);
    await createHouseholds(building.id, 4);
    const params = { projectId: project.id };
    expect(await (await call(sharesRoute, 'GET', `/projects/${project.id}/household-shares`, { params })).json()).toEqual({ household_shares: null });
    const due = new Date(Date.now() + 20 * 86_400_000).toISOString();
    expect((await call(sharesRoute, 'POST', `/projects/${project.id}/household-shares`, { token: staff2Token, params, body: { place_id: building.id, due_at: due } })).status).toBe(404);
    expect((await call(sharesRoute, 'POST', `/projects/${project.id}/household-shares`, { token: staffToken, params, body: { place_id: street.id, due_at: due } })).status).toBe(400);
    const made = await call(sharesRoute, 'POST', `/projects/${project.id}/household-shares`, { token: staffToken, params, body: { place_id: building.id, due_at: due } });
    expect(made.status).toBe(201);
    expect((await made.json()).household_shares).toMatchObject({ share_minor: 20_000, households: 4, pledged: 0, paid: 0, target_minor: 80_000 });
    expect((await call(sharesRoute, 'POST', `/projects/${project.id}/household-shares`, { token: staffToken, params, body: { place_id: building.id, due_at: due } })).status).toBe(409);
    expect((await call(sharesRoute, 'GET', '/projects/nope/household-shares', { params: { projectId: 'nope' } })).status).toBe(404);
  });

  it('is described by a valid OpenAPI document', async () => {
    const doc = openApiDocument();
    const result = await new Validator().validate(doc as never);
    expect(result.errors ?? []).toEqual([]);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/matching-programmes', '/matching-programmes/{programmeId}', '/pledges', '/projects/{projectId}/household-shares']));
  });
});
