// The life of a need through the JSON API, as an integrating system and the people in it see it.
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../db/client';
import { auditEvents, needFollowers, needs, notifications, places, users } from '../../db/schema';
import { seedDemo } from '../../db/seed/demo';
import { createApiToken } from '../../app/api/tokens.server';
import * as listRoute from '../../app/routes/api.v1.needs';
import * as oneRoute from '../../app/routes/api.v1.needs.$needId';
import * as triageRoute from '../../app/routes/api.v1.needs.$needId.triage';
import * as dispatchRoute from '../../app/routes/api.v1.needs.$needId.dispatch';
import * as progressRoute from '../../app/routes/api.v1.needs.$needId.progress';
import * as closeRoute from '../../app/routes/api.v1.needs.$needId.close';
import * as rateRoute from '../../app/routes/api.v1.needs.$needId.rate';
import * as mergeRoute from '../../app/routes/api.v1.needs.$needId.merge';
import * as rejectRoute from '../../app/routes/api.v1.needs.$needId.reject';
import * as openapiRoute from '../../app/routes/api.v1.openapi[.json]';
import { Validator } from '@seriousme/openapi-schema-validator';
import { useTestDatabase } from '../helpers/db';

useTestDatabase();

const tokens = new Map<string, string>();
const ids = new Map<string, string>();
let grid1: string;
let building1: string;

beforeAll(async () => {
  await seedDemo();
  for (const who of ['resident', 'volunteer', 'staff', 'staff2', 'streetstaff', 'socialworker', 'teamlead']) {
    const email = `${who}@fivefold.test`;
    const [u] = await db().select({ id: users.id }).from(users).where(eq(users.email, email));
    ids.set(who, u.id);
    tokens.set(who, (await createApiToken({ userId: u.id }, 'test')).token);
  }
  const [c1] = await db().select().from(places).where(eq(places.nameZh, '锦华苑社区'));
  const [g] = await db().select().from(places).where(and(eq(places.parentId, c1.id), eq(places.type, 'grid')));
  grid1 = g.id;
  const [b] = await db().select().from(places).where(eq(places.nameZh, '1号楼'));
  building1 = b.id;
});

const headers = (who?: string): Record<string, string> => (who ? { Authorization: `Bearer ${tokens.get(who)}` } : {});

async function call(fn: (args: never) => Promise<Response>, url: string, init: { who?: string; body?: unknown; params?: Record<string, string> } = {}) {
  const request = new Request(`http://localhost${url}`, {
    method: init.body === undefined ? 'GET' : 'POST',
    headers: { ...headers(init.who), ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const res = await fn({ request, params: init.params ?? {}, context: {} } as never);
  const text = await res.text();
  return { status: res.status, text, json: text ? JSON.parse(text) : null };
}

const step = (route: { action: (args: never) => Promise<Response> }, name: string, needId: string, who: string | undefined, body: unknown) =>
  call(route.action, `/api/v1/needs/${needId}/${name}`, { who, body, params: { needId } });
const getNeed = (needId: string, who?: string, query = '') => call(oneRoute.loader, `/api/v1/needs/${needId}${query}`, { who, params: { needId } });

const PRIVATE = {
  title: '王秀英奶奶独居需要每周送餐',
  description: '老人腿脚不便，住3单元502，糖尿病饮食',
  contact_name: '李晓梅',
  phone: '13912345678',
  address: '锦华苑一期1号楼3单元502',
  health_notes: '二型糖尿病，行走需拐杖',
};

async function raise(who = 'resident', extra: Record<string, unknown> = {}) {
  const res = await call(listRoute.action, '/api/v1/needs', {
    who,
    body: { place_id: building1, category: 'meals', urgency: 'high', beneficiary: 'person', quantity: 5, quantity_unit: '餐', recurrence: 'weekly', ...PRIVATE, ...extra },
  });
  expect(res.status, res.text).toBe(201);
  return res.json as { id: string; status: string; summary: string };
}

function expectNoPrivate(text: string) {
  for (const [field, value] of Object.entries(PRIVATE)) expect(text, `${field} leaked`).not.toContain(value);
  expect(text).not.toContain('13912345678');
  expect(text).not.toContain('糖尿病');
}

describe('the life of a need through the API', () => {
  it('goes raised → triaged → dispatched → in progress → resolved → closed → rated, with a timeline of every step', async () => {
    const need = await raise();
    expect(need.status).toBe('raised');
    // The public summary never carries the door number.
    expect(need.summary).not.toContain('502');

    // Unverified: nobody but the requester and the staff of the place know it exists.
    expect((await getNeed(need.id)).status).toBe(404);
    expect((await getNeed(need.id, 'staff2')).status).toBe(404);
    expect((await getNeed(need.id, 'resident')).status).toBe(200);

    // Wrong role → 403, wrong state → 409.
    expect((await step(triageRoute, 'triage', need.id, 'resident', { category: 'meals', urgency: 'high', need_type: 'routine', public_summary: '送餐服务' })).status).toBe(403);
    expect((await step(closeRoute, 'close', need.id, 'resident', {})).status).toBe(409);
    const bad = await step(triageRoute, 'triage', need.id, 'staff', { category: 'nonsense', urgency: 'soon', need_type: 'routine', public_summary: '送餐服务' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json.error.fields)).toContain('urgency');

    const triaged = await step(triageRoute, 'triage', need.id, 'staff', { category: 'meals', urgency: 'high', need_type: 'urgent', public_summary: '独居老人每周送餐 (3单元502)' });
    expect(triaged.status, triaged.text).toBe(200);
    expect(triaged.json.status).toBe('triaged');
    expect(triaged.json.summary).not.toContain('502');
    expect((await getNeed(need.id)).status).toBe(200);

    // A partial claim: 3 of 5 meals a week to the volunteer, then the other 2 to a team; a sixth is refused.
    const d1 = await step(dispatchRoute, 'dispatch', need.id, 'staff', { assignee_type: 'person', assignee_user_id: ids.get('volunteer'), responsible_user_id: ids.get('volunteer'), quantity: 3 });
    expect(d1.status, d1.text).toBe(200);
    expect(d1.json.fulfilment.covered).toBe(3);
    const over = await step(dispatchRoute, 'dispatch', need.id, 'staff', { assignee_type: 'team', assignee_name: '锦华苑助老服务队', responsible_user_id: ids.get('teamlead'), quantity: 3 });
    expect(over.status).toBe(400);
    expect(over.json.error.fields.quantity).toEqual(['needs.v.overClaimed']);
    const d2 = await step(dispatchRoute, 'dispatch', need.id, 'staff', { assignee_type: 'team', assignee_name: '锦华苑助老服务队', responsible_user_id: ids.get('teamlead'), quantity: 2 });
    expect(d2.json.fulfilment.covered).toBe(5);

    // The volunteer, once assigned, sees the contact details; their progress counts in quantities.
    const seen = await getNeed(need.id, 'volunteer', '?include=private');
    expect(seen.status).toBe(200);
    expect(seen.json.private.contact.phone).toBe(PRIVATE.phone);
    const p1 = await step(progressRoute, 'progress', need.id, 'volunteer', { quantity: 3, note: '本周已送3餐' });
    expect(p1.json.status).toBe('in_progress');
    expect(p1.json.fulfilment.delivered).toBe(3);
    expect((await step(progressRoute, 'progress', need.id, 'staff2', { quantity: 1, note: 'x' })).status).toBe(403);
    const done = await step(progressRoute, 'progress', need.id, 'teamlead', { quantity: 2, note: '另外2餐已送到', resolved: true });
    expect(done.json.status).toBe('resolved');

    // Only the requester (or staff for them) closes; only the requester rates, once, 1–5.
    expect((await step(closeRoute, 'close', need.id, 'volunteer', {})).status).toBe(403);
    expect((await step(closeRoute, 'close', need.id, 'resident', { note: '都收到了，谢谢' })).json.status).toBe('closed');
    expect((await step(rateRoute, 'rate', need.id, 'volunteer', { stars: 5 })).status).toBe(403);
    expect((await step(rateRoute, 'rate', need.id, 'resident', { stars: 9 })).status).toBe(400);
    const rated = await step(rateRoute, 'rate', need.id, 'resident', { stars: 5, comment: '很及时' });
    expect(rated.json.status).toBe('rated');
    expect(rated.json.rating).toBe(5);
    expect((await step(rateRoute, 'rate', need.id, 'resident', { stars: 1 })).status).toBe(409);

    const pub = await getNeed(need.id);
    expect(pub.json.timeline.map((e: { kind: string }) => e.kind)).toEqual(['raised', 'triaged', 'dispatched', 'dispatched', 'progress', 'resolved', 'closed', 'rated']);
    expect(pub.json.timeline.map((e: { role: string }) => e.role)).toEqual(['resident', 'community_staff', 'community_staff', 'community_staff', 'volunteer', 'team_leader', 'resident', 'resident']);
    expectNoPrivate(pub.text);
    expect(pub.text).not.toContain('很及时');
    expect(pub.text).not.toContain('本周已送3餐');

    // The requester heard of every step someone else took.
    const told = await db().select({ key: notifications.messageKey }).from(notifications).where(eq(notifications.userId, ids.get('resident')!));
    expect(told.map((t) => t.key)).toEqual(expect.arrayContaining(['needs.notify.triaged', 'needs.notify.dispatched', 'needs.notify.progress', 'needs.notify.resolved']));
    expect(told.map((t) => t.key)).not.toContain('needs.notify.closed');
  });

  it('never shows a private field to a caller who is not entitled, in the list or the record', async () => {
    const need = await raise();
    await step(triageRoute, 'triage', need.id, 'staff', { category: 'meals', urgency: 'high', need_type: 'routine', public_summary: '王秀英奶奶需要每周送餐，电话13912345678' });
    for (const who of [undefined, 'staff2', 'volunteer', 'teamlead']) {
      const list = await call(listRoute.loader, '/api/v1/needs?per_page=200', { who });
      expect(list.status).toBe(200);
      expect(list.json.data.some((n: { id: string }) => n.id === need.id)).toBe(true);
      expectNoPrivate(list.text);
      const one = await getNeed(need.id, who);
      expect(one.status).toBe(200);
      expectNoPrivate(one.text);
      const asked = await getNeed(need.id, who, '?include=private');
      expect([401, 403]).toContain(asked.status);
      expectNoPrivate(asked.text);
    }
  });

  it('audits every read of private details', async () => {
    const need = await raise();
    const before = await db().select().from(auditEvents).where(and(eq(auditEvents.action, 'need.read_private'), eq(auditEvents.subjectId, need.id)));
    const res = await getNeed(need.id, 'staff', '?include=private');
    expect(res.json.private.health_notes).toBe(PRIVATE.health_notes);
    const after = await db().select().from(auditEvents).where(and(eq(auditEvents.action, 'need.read_private'), eq(auditEvents.subjectId, need.id)));
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1)!.actorUserId).toBe(ids.get('staff'));
  });

  it('lets staff of the street act and refuses staff of another community every step', async () => {
    const need = await raise();
    for (const [route, name, body] of [
      [triageRoute, 'triage', { category: 'meals', urgency: 'high', need_type: 'routine', public_summary: '送餐服务' }],
      [dispatchRoute, 'dispatch', { assignee_type: 'department', assignee_name: '街道民政科', responsible_user_id: ids.get('staff') }],
      [mergeRoute, 'merge', { into_need_id: need.id }],
      [rejectRoute, 'reject', { reason: 'x' }],
      [closeRoute, 'close', {}],
      [rateRoute, 'rate', { stars: 1 }],
      [progressRoute, 'progress', { note: 'x' }],
    ] as const) {
      expect([403, 404], `${name}`).toContain((await step(route, name, need.id, 'staff2', body)).status);
    }
    expect((await step(triageRoute, 'triage', need.id, 'streetstaff', { category: 'meals', urgency: 'normal', need_type: 'routine', public_summary: '送餐服务' })).status).toBe(200);
    // Now public, staff2 sees it but still may not act: 403.
    expect((await step(rejectRoute, 'reject', need.id, 'staff2', { reason: 'x' })).status).toBe(403);
    const [row] = await db().select().from(needs).where(eq(needs.id, need.id));
    expect(row.status).toBe('triaged');
  });

  it('rejects with a public reason, and marks out of scope with an honest reply', async () => {
    const a = await raise();
    const r = await step(rejectRoute, 'reject', a.id, 'staff', { reason: '重复登记，已在其他需求中处理' });
    expect(r.json.status).toBe('rejected');
    expect(r.json.reply).toBe('重复登记，已在其他需求中处理');
    const b = await raise();
    const o = await step(triageRoute, 'triage', b.id, 'staff', { decision: 'out_of_scope', reply: '学位分配由区教育局负责，已告知咨询电话' });
    expect(o.json.status).toBe('out_of_scope');
    expect((await step(dispatchRoute, 'dispatch', b.id, 'staff', { assignee_type: 'department', assignee_name: 'x', responsible_user_id: ids.get('staff') })).status).toBe(409);
  });

  it('merges duplicates: the merged need points to the kept one and its requester keeps being told', async () => {
    const kept = await raise();
    const dup = await raise('socialworker', { channel: 'hotline', contact_name: '张大爷', phone: '13800001111' });
    const m = await step(mergeRoute, 'merge', dup.id, 'staff', { into_need_id: kept.id });
    expect(m.json.status).toBe('merged');
    expect(m.json.merged_into_id).toBe(kept.id);
    expect((await step(mergeRoute, 'merge', kept.id, 'staff', { into_need_id: kept.id })).status).toBe(400);
    // A follower of the merged need hears about the kept one.
    const follower = ids.get('teamlead')!;
    await db().insert(needFollowers).values({ needId: dup.id, userId: follower });
    await step(triageRoute, 'triage', kept.id, 'staff', { category: 'meals', urgency: 'high', need_type: 'routine', public_summary: '送餐服务' });
    const told = await db().select().from(notifications).where(and(eq(notifications.userId, follower), eq(notifications.subjectId, kept.id)));
    expect(told.map((t) => t.messageKey)).toContain('needs.notify.triaged');
  });

  it('does not let anyone rate work they did themselves', async () => {
    const need = await raise('volunteer');
    await step(triageRoute, 'triage', need.id, 'staff', { category: 'meals', urgency: 'high', need_type: 'routine', public_summary: '送餐' });
    expect((await step(dispatchRoute, 'dispatch', need.id, 'staff', { assignee_type: 'person', assignee_user_id: ids.get('volunteer'), responsible_user_id: ids.get('staff') })).status).toBe(200);
    expect((await step(progressRoute, 'progress', need.id, 'volunteer', { quantity: 5, note: '自己解决了', resolved: true })).status).toBe(200);
    expect((await step(closeRoute, 'close', need.id, 'volunteer', {})).status).toBe(200);
    expect((await step(rateRoute, 'rate', need.id, 'volunteer', { stars: 5 })).status).toBe(403);
  });

  it('answers 401 without a token and 400 with field names for bad input', async () => {
    const anon = await call(listRoute.action, '/api/v1/needs', { body: { title: 'x' } });
    expect(anon.status).toBe(401);
    const bad = await call(listRoute.action, '/api/v1/needs', { who: 'resident', body: { place_id: 'nope', title: '', urgency: 'soon' } });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json.error.fields).sort()).toEqual(expect.arrayContaining(['place_id', 'title', 'urgency']));
    const wrongPlace = await call(listRoute.action, '/api/v1/needs', { who: 'resident', body: { place_id: grid1, title: 'x', category: 'nope' } });
    expect(wrongPlace.json.error.fields).toEqual({ category: ['needs.v.category'] });
    const filtered = await call(listRoute.loader, '/api/v1/needs?status=sideways');
    expect(filtered.status).toBe(400);
  });

  it('is described in the OpenAPI document, every step included', async () => {
    const doc = await (await openapiRoute.loader()).json();
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    const steps = ['triage', 'dispatch', 'progress', 'close', 'rate', 'merge', 'reject'];
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/needs', '/needs/{id}', ...steps.map((s) => `/needs/{id}/${s}`)]));
    for (const s of steps) expect(Object.keys(doc.paths[`/needs/{id}/${s}`].post.responses)).toEqual(expect.arrayContaining(['200', '403', '404', '409']));
  });
});
