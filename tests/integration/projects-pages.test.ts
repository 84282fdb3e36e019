// The project list's pages and API as people use them: public lists with no drafts or bids; staff close the demo
// micro-grant round; the evaluator — who belongs to the resident team that bid — never sees or scores that bid,
// through the workspace page or the API; staff rank, trim and award through the round page; the API creates
// projects, rounds and bids with its one error shape, and the OpenAPI document describes it.
import { and, count, eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import { db } from '../../db/client';
import { awards, bidAttachments, bidScores, bids, fundingRounds, needs, places, projects, resourceMembers, users } from '../../db/schema';
import { seedDemo } from '../../db/seed/demo';
import { createApiToken } from '../../app/api/tokens.server';
import * as projectList from '../../app/routes/projects._index';
import * as projectPage from '../../app/routes/projects.$projectId';
import * as newProject from '../../app/routes/projects.new';
import * as roundList from '../../app/routes/rounds._index';
import * as roundPage from '../../app/routes/rounds.$roundId._index';
import * as evaluatePage from '../../app/routes/rounds.$roundId.evaluate';
import * as attachmentRoute from '../../app/routes/bids.$bidId.attachments.$attachmentId';
import * as apiProjects from '../../app/routes/api.v1.projects';
import * as apiProject from '../../app/routes/api.v1.projects.$projectId';
import * as apiRounds from '../../app/routes/api.v1.rounds';
import * as apiBids from '../../app/routes/api.v1.rounds.$roundId.bids';
import * as openapiRoute from '../../app/routes/api.v1.openapi[.json]';
import { useTestDatabase } from '../helpers/db';
import { requestWith, sessionCookieFor } from '../helpers/factories';

useTestDatabase();

const cookies = new Map<string, string>();
const tokens = new Map<string, string>();
const ids = new Map<string, string>();
let micro: string;
let teamBid: string;
let residentBid: string;
let draftProject: string;
let apiRound: string;
let apiProjectId: string;

beforeAll(async () => {
  await seedDemo();
  for (const who of ['resident', 'staff', 'staff2', 'evaluator', 'org', 'teamlead']) {
    const [u] = await db().select({ id: users.id }).from(users).where(eq(users.email, `${who}@fivefold.test`));
    ids.set(who, u.id);
    cookies.set(who, await sessionCookieFor(u.id));
    tokens.set(who, (await createApiToken({ userId: u.id }, 'test')).token);
  }
  [{ id: micro }] = await db().select({ id: fundingRounds.id }).from(fundingRounds).where(eq(fundingRounds.title, '2027年锦华苑社区微创投'));
  const roundBids = await db().select().from(bids).where(eq(bids.roundId, micro));
  const team = roundBids.find((b) => b.applicantType === 'resident_team')!;
  teamBid = team.id;
  residentBid = roundBids.find((b) => b.applicantType === 'individual')!.id;
  // The evaluator is a member of the resident team that bid.
  await db().insert(resourceMembers).values({ resourceId: team.applicantResourceId!, userId: ids.get('evaluator')!, role: 'member', status: 'active' });
  [{ id: draftProject }] = await db().select({ id: projects.id }).from(projects).where(eq(projects.state, 'draft'));
});

async function run(fn: (args: never) => unknown, path: string, who?: string, form?: Record<string, string>, params: Record<string, string> = {}) {
  const init: RequestInit = form ? { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) } : {};
  try {
    const result = await fn({ request: requestWith(who ? cookies.get(who) : null, path, init), params, context: {} } as never);
    if (result instanceof Response) return { status: result.status, location: result.headers.get('Location'), body: await result.text() };
    return { status: 200, location: null, body: JSON.stringify(result) };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get('Location'), body: await thrown.text() };
    throw thrown;
  }
}

async function api(fn: (args: never) => Promise<Response>, path: string, opts: { who?: string; body?: unknown; params?: Record<string, string> } = {}) {
  const headers: Record<string, string> = {};
  if (opts.who) headers.Authorization = `Bearer ${tokens.get(opts.who)}`;
  const init: RequestInit = opts.body === undefined ? { headers } : { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify(opts.body) };
  const res = await fn({ request: new Request(`http://localhost${path}`, init), params: opts.params ?? {}, context: {} } as never);
  return { status: res.status, json: await res.json() };
}

describe('public pages', () => {
  it('list the demo round of 35 projects and the open round, never a draft', async () => {
    const list = await run(projectList.loader, '/projects?state=completed');
    expect(list.body).toContain('"total":20');
    const anon = await run(projectPage.loader, `/projects/${draftProject}`, undefined, undefined, { projectId: draftProject });
    expect(anon.status).toBe(404);
    const otherStaff = await run(projectPage.loader, `/projects/${draftProject}`, 'staff2', undefined, { projectId: draftProject });
    expect(otherStaff.status).toBe(404);
    const own = await run(projectPage.loader, `/projects/${draftProject}`, 'staff', undefined, { projectId: draftProject });
    expect(own.status).toBe(200);
    const rounds = await run(roundList.loader, '/rounds');
    expect(rounds.body).toContain('2026年云溪街道社区公益创投');
    // A round's public page shows the call and the awards under notice, never the bids' plans.
    const page = await run(roundPage.loader, `/rounds/${micro}`, 'resident', undefined, { roundId: micro });
    expect(page.body).toContain('友邻微创投');
    expect(page.body).not.toContain('亲子共读');
  });

  it('let staff create a project from two needs, with field errors for bad input', async () => {
    const [c1] = await db().select().from(places).where(eq(places.nameZh, '锦华苑社区'));
    const open = await db().select({ id: needs.id }).from(needs).where(and(eq(needs.communityId, c1.id), inArray(needs.status, ['triaged', 'dispatched', 'in_progress']))).limit(8);
    const bad = await run(newProject.action, '/projects/new', 'staff', { title: '', category: 'meals' });
    expect(bad.body).toContain('projects.v.needsRequired');
    const form = new URLSearchParams({ title: '锦华苑助浴服务', summary: '为失能老人上门助浴', goals: '每月两次', deliverables: '服务记录', beneficiaries: '失能老人', category: 'elderly_care', 'budgetLines[0].label': '助浴设备', 'budgetLines[0].amount': '8,000' });
    form.append('needIds', open[6].id);
    form.append('needIds', open[7].id);
    const res = await run(newProject.action, '/projects/new', 'staff', Object.fromEntries(form));
    // URLSearchParams → object keeps only one needIds; post the real form body instead.
    expect([302, 200]).toContain(res.status);
    const request = requestWith(cookies.get('staff'), '/projects/new', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form });
    const created = (await newProject.action({ request, params: {}, context: {} } as never)) as Response;
    expect(created.status).toBe(302);
    const id = created.headers.get('Location')!.match(/\/projects\/([0-9a-f-]{36})/)![1];
    const [row] = await db().select().from(projects).where(eq(projects.id, id));
    expect(row).toMatchObject({ state: 'draft', budgetMinor: 800_000 });
    const refused = await run(newProject.loader, '/projects/new', 'resident');
    expect(refused.status).toBe(403);
  });
});

describe('an evaluator and a bid from their own team', () => {
  it('staff close the round to bids', async () => {
    const res = await run(roundPage.action, `/rounds/${micro}`, 'staff', { intent: 'close' }, { roundId: micro });
    expect(res.status).toBe(302);
    const notStaff = await run(roundPage.action, `/rounds/${micro}`, 'staff2', { intent: 'close' }, { roundId: micro });
    expect(notStaff.status).toBe(404);
  });

  it('the workspace page never shows it, and scoring it answers 404 and records nothing', async () => {
    const declare = await run(evaluatePage.action, `/rounds/${micro}/evaluate`, 'evaluator', { intent: 'declare' }, { roundId: micro });
    expect(declare.status).toBe(302);
    const page = await run(evaluatePage.loader, `/rounds/${micro}/evaluate`, 'evaluator', undefined, { roundId: micro });
    expect(page.status).toBe(200);
    expect(page.body).toContain(residentBid);
    expect(page.body).not.toContain(teamBid);
    expect(page.body).not.toContain('亲子共读');
    const [c1, c2, c3] = JSON.parse(page.body).round.criteria as { id: string }[];
    const scores = (bidId: string) => ({ intent: 'score', bidId, 'scores[0].criterionId': c1.id, 'scores[0].score': '9', 'scores[0].comment': '好', 'scores[1].criterionId': c2.id, 'scores[1].score': '8', 'scores[1].comment': '可行', 'scores[2].criterionId': c3.id, 'scores[2].score': '7', 'scores[2].comment': '合理' });
    const own = await run(evaluatePage.action, `/rounds/${micro}/evaluate`, 'evaluator', scores(teamBid), { roundId: micro });
    expect(own.status).toBe(404);
    const [{ n }] = await db().select({ n: count() }).from(bidScores).where(eq(bidScores.bidId, teamBid));
    expect(Number(n)).toBe(0);
    const ok = await run(evaluatePage.action, `/rounds/${micro}/evaluate`, 'evaluator', scores(residentBid), { roundId: micro });
    expect(ok.status).toBe(302);
    // Someone who is not an assigned evaluator has no workspace.
    expect((await run(evaluatePage.loader, `/rounds/${micro}/evaluate`, 'org', undefined, { roundId: micro })).status).toBe(404);
  });

  it('the API never lists it to the evaluator, while staff see every bid with its score', async () => {
    const asEvaluator = await api(apiBids.loader, `/api/v1/rounds/${micro}/bids`, { who: 'evaluator', params: { roundId: micro } });
    expect(asEvaluator.status).toBe(200);
    expect(asEvaluator.json.view).toBe('evaluator');
    expect(asEvaluator.json.data.map((b: { id: string }) => b.id)).toEqual([residentBid]);
    const asStaff = await api(apiBids.loader, `/api/v1/rounds/${micro}/bids`, { who: 'staff', params: { roundId: micro } });
    expect(asStaff.json.view).toBe('all');
    expect(asStaff.json.data.map((b: { id: string }) => b.id).sort()).toEqual([residentBid, teamBid].sort());
    // 9×40 + 8×40 + 7×20 = 820 → 8.2 of 10 → 82.
    expect(asStaff.json.data.find((b: { id: string }) => b.id === residentBid).score).toBe(82);
    const asResident = await api(apiBids.loader, `/api/v1/rounds/${micro}/bids`, { who: 'resident', params: { roundId: micro } });
    expect(asResident.json).toMatchObject({ view: 'own', data: [{ id: residentBid }] });
  });

  it('serves a bid\'s attachments only to those who may read the bid', async () => {
    const pdf = Buffer.from('%PDF-1.4 plan');
    const [own] = await db().insert(bidAttachments).values({ bidId: teamBid, fileName: '方案.pdf', contentType: 'application/pdf', size: pdf.length, bytes: pdf }).returning();
    const [other] = await db().insert(bidAttachments).values({ bidId: residentBid, fileName: 'plan.pdf', contentType: 'application/pdf', size: pdf.length, bytes: pdf }).returning();
    const get = (who: string | undefined, bidId: string, attachmentId: string) => run(attachmentRoute.loader, `/bids/${bidId}/attachments/${attachmentId}`, who, undefined, { bidId, attachmentId });
    // The evaluator may read the bid they score; anyone neither staff, evaluator of it nor applicant may not.
    expect((await get('evaluator', residentBid, other.id)).status).toBe(200);
    expect((await get('teamlead', residentBid, other.id)).status).toBe(404);
    expect((await get('teamlead', teamBid, own.id)).status).toBe(200);
    expect((await get('staff', teamBid, own.id)).status).toBe(200);
    expect((await get('org', teamBid, own.id)).status).toBe(404);
    expect((await get('staff2', teamBid, own.id)).status).toBe(404);
    // An attachment is looked up under its own bid only.
    expect((await get('evaluator', residentBid, own.id)).status).toBe(404);
  });

  it('staff trim with a reason and award through the round page; the award goes under public notice', async () => {
    const noReason = await run(roundPage.action, `/rounds/${micro}`, 'staff', { intent: 'propose', bidId: residentBid, amount: '4000' }, { roundId: micro });
    expect(noReason.body).toContain('projects.v.reasonRequired');
    const proposed = await run(roundPage.action, `/rounds/${micro}`, 'staff', { intent: 'propose', bidId: residentBid, amount: '4000', reason: '耗材由社区提供' }, { roundId: micro });
    expect(proposed.status).toBe(302);
    const [award] = await db().select().from(awards).where(eq(awards.bidId, residentBid));
    expect(award).toMatchObject({ status: 'cut', cutMinor: 400_000 });
    const grant = await run(roundPage.action, `/rounds/${micro}`, 'staff', { intent: 'grant', awardId: award.id }, { roundId: micro });
    expect(grant.status).toBe(302);
    const objection = await run(roundPage.action, `/rounds/${micro}`, 'org', { intent: 'object', awardId: award.id, body: '请公开评分细则' }, { roundId: micro });
    expect(objection.status).toBe(302);
    const anonymous = await run(roundPage.action, `/rounds/${micro}`, undefined, { intent: 'object', awardId: award.id, body: 'x' }, { roundId: micro });
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toContain('/login');
    const page = await run(roundPage.loader, `/rounds/${micro}`, undefined, undefined, { roundId: micro });
    expect(page.body).toContain('请公开评分细则');
    expect(page.body).not.toContain(ids.get('org')!);
  });
});

describe('the API', () => {
  it('creates projects and rounds for staff, with field errors in one shape', async () => {
    const [c1] = await db().select().from(places).where(eq(places.nameZh, '锦华苑社区'));
    const open = await db().select({ id: needs.id }).from(needs).where(and(eq(needs.communityId, c1.id), inArray(needs.status, ['triaged', 'dispatched', 'in_progress']))).limit(12);
    const body = { need_ids: [open[0].id, open[1].id], title: 'API 项目', summary: 's', goals: 'g', deliverables: 'd', beneficiaries: 'b', category: 'meals', budget_lines: [{ label: '餐费', amount_minor: 1_000_000 }] };
    const bad = await api(apiProjects.action, '/api/v1/projects', { who: 'staff', body: { ...body, budget_lines: [{ label: 'x', amount_minor: 1.5 }], extra: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('validation_failed');
    expect(Object.keys(bad.json.error.fields)).toEqual(expect.arrayContaining(['budget_lines.0.amount_minor']));
    const forbidden = await api(apiProjects.action, '/api/v1/projects', { who: 'staff2', body });
    expect(forbidden.status).toBe(403);
    const created = await api(apiProjects.action, '/api/v1/projects', { who: 'staff', body });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ state: 'draft', budget_minor: 1_000_000, needs: expect.any(Array) });
    const hidden = await api(apiProject.loader, `/api/v1/projects/${created.json.id}`, { params: { projectId: created.json.id } });
    expect(hidden.status).toBe(404);
    const round = await api(apiRounds.action, '/api/v1/rounds', {
      who: 'staff',
      body: { place_id: c1.id, title: 'API 创投', call_text: '征集', budget_minor: 5_000_000, opens_at: new Date().toISOString(), closes_at: new Date(Date.now() + 86_400_000).toISOString(), criteria: [{ name_zh: '可行', name_en: 'Feasible', weight: 10 }], project_ids: [created.json.id] },
    });
    expect(round.status).toBe(201);
    expect(round.json).toMatchObject({ status: 'draft', projects: [{ id: created.json.id }] });
    apiRound = round.json.id;
    apiProjectId = created.json.id;
    const list = await api(apiRounds.loader, '/api/v1/rounds');
    expect(list.json.data.map((r: { id: string }) => r.id)).not.toContain(round.json.id);
  });

  it('takes one bid per applicant, however often it is sent', async () => {
    const opened = await run(roundPage.action, `/rounds/${apiRound}`, 'staff', { intent: 'open' }, { roundId: apiRound });
    expect(opened.status).toBe(302);
    const target = { id: apiRound };
    const project = { id: apiProjectId };
    const [mine] = await db().select({ id: resourceMembers.resourceId }).from(resourceMembers).where(and(eq(resourceMembers.userId, ids.get('org')!), eq(resourceMembers.role, 'leader')));
    const body = { project_id: project.id, applicant_type: 'registered_org', resource_id: mine.id, plan: '由专职社工实施', budget_lines: [{ label: '人员', amount_minor: 2_000_000 }] };
    const missing = await api(apiBids.action, `/api/v1/rounds/${target.id}/bids`, { who: 'org', body: { ...body, resource_id: undefined }, params: { roundId: target.id } });
    expect(missing.status).toBe(400);
    expect(missing.json.error.fields.resource_id).toBeDefined();
    const results = await Promise.all([1, 2, 3].map(() => api(apiBids.action, `/api/v1/rounds/${target.id}/bids`, { who: 'org', body, params: { roundId: target.id } })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    const [{ n }] = await db().select({ n: count() }).from(bids).where(and(eq(bids.roundId, target.id), eq(bids.projectId, project.id), eq(bids.applicantKey, `resource:${mine.id}`)));
    expect(Number(n)).toBe(1);
    const notMember = await api(apiBids.action, `/api/v1/rounds/${target.id}/bids`, { who: 'resident', body, params: { roundId: target.id } });
    expect(notMember.status).toBe(400);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = await (await openapiRoute.loader()).json();
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/projects', '/projects/{id}', '/rounds', '/rounds/{id}/bids']));
  });
});
