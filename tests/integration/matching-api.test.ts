// Matching in the JSON API with bearer tokens: suggestions for a need, a batch run proposed and approved once,
// the error shape and status for bad input and for staff of another community, and the OpenAPI document.
import { and, eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import { db } from '../../db/client';
import { needDispatches, needs, places, users } from '../../db/schema';
import { seedDemo } from '../../db/seed/demo';
import { createApiToken } from '../../app/api/tokens.server';
import * as suggestionsRoute from '../../app/routes/api.v1.needs.$needId.suggestions';
import * as runsRoute from '../../app/routes/api.v1.matching.runs';
import * as approveRoute from '../../app/routes/api.v1.matching.runs.$runId.approve';
import * as openapiRoute from '../../app/routes/api.v1.openapi[.json]';
import * as dispatchRoute from '../../app/routes/api.v1.needs.$needId.dispatch';
import { useTestDatabase } from '../helpers/db';

useTestDatabase();

const tokens = new Map<string, string>();
let c1: typeof places.$inferSelect;

beforeAll(async () => {
  await seedDemo();
  for (const who of ['resident', 'staff', 'staff2', 'streetstaff']) {
    const [u] = await db().select({ id: users.id }).from(users).where(eq(users.email, `${who}@fivefold.test`));
    tokens.set(who, (await createApiToken({ userId: u.id }, 'test')).token);
  }
  [c1] = await db().select().from(places).where(eq(places.nameZh, '锦华苑社区'));
});

async function call(fn: (args: never) => Promise<Response>, url: string, init: { who?: string; body?: unknown; raw?: string; params?: Record<string, string> } = {}) {
  const hasBody = init.body !== undefined || init.raw !== undefined;
  const request = new Request(`http://localhost${url}`, {
    method: hasBody ? 'POST' : 'GET',
    headers: { ...(init.who ? { Authorization: `Bearer ${tokens.get(init.who)}` } : {}), ...(hasBody ? { 'Content-Type': 'application/json' } : {}) },
    body: init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
  });
  const response = await fn({ request, params: init.params ?? {}, context: {} } as never);
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

describe('matching API', () => {
  it('GET /needs/{id}/suggestions ranks candidates with parts, facts and reasons in both languages', async () => {
    const [need] = await db().select({ id: needs.id }).from(needs).where(and(eq(needs.communityId, c1.id), eq(needs.category, 'meals'), eq(needs.status, 'triaged'))).limit(1);
    const r = await call(suggestionsRoute.loader, `/api/v1/needs/${need.id}/suggestions`, { who: 'staff', params: { needId: need.id } });
    expect(r.status).toBe(200);
    expect(r.body.need_id).toBe(need.id);
    const top = r.body.suggestions[0];
    expect(top).toMatchObject({ rank: 1, kind: expect.stringMatching(/^(volunteer|team)$/) });
    expect(top.facts.fit_skills).toContain('meal_delivery');
    expect(top.reasons.en[0]).toMatch(/^Can help with Meals: .*Meal delivery/);
    expect(top.reasons.zh[0]).toContain('送餐');
    expect(Object.keys(top.parts).sort()).toEqual(['distance', 'language', 'load', 'rating', 'skill', 'time']);

    expect((await call(suggestionsRoute.loader, `/api/v1/needs/${need.id}/suggestions`, { params: { needId: need.id } })).status).toBe(401);
    expect((await call(suggestionsRoute.loader, `/api/v1/needs/${need.id}/suggestions`, { who: 'resident', params: { needId: need.id } })).status).toBe(403);
    const other = await call(suggestionsRoute.loader, `/api/v1/needs/${need.id}/suggestions`, { who: 'staff2', params: { needId: need.id } });
    expect([403, 404]).toContain(other.status);
    expect(other.body.error.code).toMatch(/forbidden|not_found/);
    const bad = await call(suggestionsRoute.loader, `/api/v1/needs/${need.id}/suggestions?per_kind=0`, { who: 'staff', params: { needId: need.id } });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'validation_failed', fields: { per_kind: ['v.invalid'] } } } });
  });

  it('POST /needs/{id}/dispatch with assignee_resource_id dispatches to that resource-list entry once, with its responsible person', async () => {
    const [need] = await db().select({ id: needs.id }).from(needs).where(and(eq(needs.communityId, c1.id), eq(needs.category, 'meals'), eq(needs.status, 'triaged'))).limit(1);
    const params = { needId: need.id };
    const url = `/api/v1/needs/${need.id}/dispatch`;
    const top = (await call(suggestionsRoute.loader, `/api/v1/needs/${need.id}/suggestions`, { who: 'staff', params })).body.suggestions[0];

    // A triaged need is public, so staff of another community may know of it (403) but never dispatch it.
    expect([403, 404]).toContain((await call(dispatchRoute.action, url, { who: 'staff2', body: { assignee_resource_id: top.id }, params })).status);
    expect((await call(dispatchRoute.action, url, { who: 'resident', body: { assignee_resource_id: top.id }, params })).status).toBe(403);
    const unknown = await call(dispatchRoute.action, url, { who: 'staff', body: { assignee_resource_id: '00000000-0000-4000-8000-000000000000' }, params });
    expect(unknown).toMatchObject({ status: 400, body: { error: { code: 'validation_failed', fields: { assignee_resource_id: ['matching.v.candidate'] } } } });
    const malformed = await call(dispatchRoute.action, url, { who: 'staff', body: { assignee_resource_id: 'nope' }, params });
    expect(malformed).toMatchObject({ status: 400, body: { error: { fields: { assignee_resource_id: ['v.invalid'] } } } });

    const done = await call(dispatchRoute.action, url, { who: 'staff', body: { assignee_resource_id: top.id, note: '王阿姨中午送到' }, params });
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('dispatched');
    const rows = await db().select().from(needDispatches).where(and(eq(needDispatches.needId, need.id), eq(needDispatches.assigneeResourceId, top.id)));
    expect(rows).toHaveLength(1);
    expect(rows[0].responsibleUserId).toBeTruthy();

    const twice = await call(dispatchRoute.action, url, { who: 'staff', body: { assignee_resource_id: top.id }, params });
    expect(twice).toMatchObject({ status: 400, body: { error: { fields: { assignee_resource_id: ['matching.v.already'] } } } });
    expect(await db().select().from(needDispatches).where(and(eq(needDispatches.needId, need.id), eq(needDispatches.assigneeResourceId, top.id)))).toHaveLength(1);
  });

  it('POST /matching/runs proposes; /approve writes the dispatches once; errors have the one shape', async () => {
    const bad = await call(runsRoute.action, '/api/v1/matching/runs', { who: 'staff', body: { place_id: 'nope' } });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'validation_failed', fields: { place_id: expect.any(Array) } } } });
    const [c2] = await db().select().from(places).where(eq(places.nameZh, '老槐树社区'));
    expect((await call(runsRoute.action, '/api/v1/matching/runs', { who: 'staff', body: { place_id: c2.id } })).body.error.fields).toHaveProperty('place_id');
    expect((await call(runsRoute.action, '/api/v1/matching/runs', { who: 'resident', body: { place_id: c1.id } })).status).toBe(403);

    const created = await call(runsRoute.action, '/api/v1/matching/runs', { who: 'staff', body: { place_id: c1.id } });
    expect(created.status).toBe(201);
    const run = created.body;
    expect(run).toMatchObject({ status: 'proposed', place_id: c1.id });
    expect(run.pairs.length).toBeGreaterThan(0);
    expect(run.pairs[0].reasons.en.length).toBeGreaterThan(3);

    const params = { runId: run.id };
    expect((await call(approveRoute.action, `/api/v1/matching/runs/${run.id}/approve`, { who: 'staff2', body: { all: true }, params })).status).toBe(404);
    const empty = await call(approveRoute.action, `/api/v1/matching/runs/${run.id}/approve`, { who: 'staff', body: {}, params });
    expect(empty).toMatchObject({ status: 400, body: { error: { code: 'validation_failed', fields: { pair_ids: ['matching.v.pairs'] } } } });

    const first = run.pairs[0];
    const some = await call(approveRoute.action, `/api/v1/matching/runs/${run.id}/approve`, { who: 'staff', body: { pair_ids: [first.id] }, params });
    expect(some.status).toBe(200);
    expect(some.body.written).toHaveLength(1);
    expect(some.body.run.status).toBe(run.pairs.length > 1 ? 'proposed' : 'approved');
    const again = await call(approveRoute.action, `/api/v1/matching/runs/${run.id}/approve`, { who: 'staff', body: { pair_ids: [first.id] }, params });
    expect(again.body.written).toHaveLength(0);
    const rest = await call(approveRoute.action, `/api/v1/matching/runs/${run.id}/approve`, { who: 'staff', body: { all: true }, params });
    expect(rest.body.written.length + rest.body.stale.length).toBe(run.pairs.length - 1);
    expect(rest.body.run.status).toBe('approved');
    const dispatchIds = [...some.body.written, ...rest.body.written].map((w: { dispatch_id: string }) => w.dispatch_id);
    expect(await db().select().from(needDispatches).where(inArray(needDispatches.id, dispatchIds))).toHaveLength(dispatchIds.length);
  });

  it('documents the three operations in a valid OpenAPI document', async () => {
    const doc = await (await openapiRoute.loader()).json();
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.paths['/needs/{id}/suggestions'].get.operationId).toBe('suggestForNeed');
    expect(doc.paths['/matching/runs'].post.operationId).toBe('createMatchRun');
    expect(doc.paths['/matching/runs/{id}/approve'].post.operationId).toBe('approveMatchRun');
  });
});
