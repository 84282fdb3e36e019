// Staff manage councils and evaluation panels through their pages, on both drivers: a council with reserved seats,
// members refused a reserved seat outside their group or once the seats are held, memberships ended; a panel set up
// for a topic with outcomes and members, members scoring, results published. Staff of another community are refused.
import { and, eq, isNull } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../db/client';
import { auditEvents, councilMembers, councilReservedSeats, councils, evaluationPanels, panelCriteria, panelMembers } from '../../db/schema';
import * as councilPage from '../../app/routes/councils.$councilId';
import * as newCouncil from '../../app/routes/councils.new';
import * as newPanel from '../../app/routes/panels.new';
import * as panelPage from '../../app/routes/panels.$panelId';
import { seatProblem } from '../../app/deliberation/councils.server';
import { createTopic } from '../../app/deliberation/topics.server';
import { useTestDatabase } from '../helpers/db';
import { deliberationWorld } from '../helpers/deliberation';
import { createUser, sessionCookieFor } from '../helpers/factories';
import { callRoute, errorsOf, locationOf, statusOf } from '../helpers/routes';

useTestDatabase();

let world: Awaited<ReturnType<typeof deliberationWorld>>;
let staff: string;
let otherStaff: string;
beforeAll(async () => {
  world = await deliberationWorld();
  staff = await sessionCookieFor(world.staff.id);
  otherStaff = await sessionCookieFor(world.otherStaff.id);
});

/** Field errors from an action's answer, whether a plain reply or a JSON Response with a 4xx status. */
const errs = async (r: unknown): Promise<Record<string, string[]>> => (r instanceof Response ? ((await r.clone().json()).error ?? {}) : errorsOf(r));
const idFrom = (r: unknown, prefix: string) => locationOf(r)!.split('?')[0].replace(prefix, '');

describe('councils managed by staff', () => {
  it('sets up a council with reserved seats; a reserved seat goes only to its group and only while seats are open', async () => {
    const refused = await callRoute(newCouncil.action, '/councils/new', {
      cookie: otherStaff,
      form: { placeId: world.community.id, nameZh: '议事会', nameEn: 'Council', termStartsOn: '2026-01-01', termEndsOn: '2028-12-31' },
    });
    expect((await errs(refused)).placeId).toEqual(['v.invalid']);

    const badTerm = await callRoute(newCouncil.action, '/councils/new', {
      cookie: staff,
      form: { placeId: world.community.id, nameZh: '议事会', nameEn: 'Council', termStartsOn: '2026-01-01', termEndsOn: '2025-12-31' },
    });
    expect((await errs(badTerm)).termEndsOn).toEqual(['council.v.termOrder']);

    const created = await callRoute(newCouncil.action, '/councils/new', {
      cookie: staff,
      form: {
        placeId: world.community.id,
        nameZh: '测试社区居民议事会',
        nameEn: 'Test residents’ council',
        termStartsOn: '2026-01-01',
        termEndsOn: '2028-12-31',
        'seats.migrant_workers': '1',
        'seats.local_residents': '2',
      },
    });
    expect(statusOf(created)).toBe(302);
    const councilId = idFrom(created, '/councils/');
    const seats = await db().select().from(councilReservedSeats).where(eq(councilReservedSeats.councilId, councilId));
    expect(Object.fromEntries(seats.map((s) => [s.seatGroup, s.seats]))).toEqual({ migrant_workers: 1, local_residents: 2 });

    const member = (fields: Record<string, string | string[]>, cookie = staff) =>
      callRoute(councilPage.action, `/councils/${councilId}`, {
        cookie,
        params: { councilId },
        form: { intent: 'member', name: '张敏', role: 'member', seatGroup: 'general', termStartsOn: '2026-01-01', termEndsOn: '2028-12-31', ...fields },
      });
    // Someone not recorded as a migrant worker cannot take the migrant workers' seat.
    const outside = await member({ seatGroup: 'migrant_workers', groups: ['local_residents'] });
    expect(statusOf(outside)).toBe(400);
    expect((await errs(outside)).seatGroup).toEqual(['council.v.outsideGroup']);
    expect(statusOf(await member({ seatGroup: 'migrant_workers', groups: ['migrant_workers'], name: '李强' }))).toBe(302);
    const full = await member({ seatGroup: 'migrant_workers', groups: ['migrant_workers'], name: '王兵' });
    expect((await errs(full)).seatGroup).toEqual(['council.v.seatsFull']);
    expect((await errs(await member({ termEndsOn: '2029-06-30' }))).termEndsOn).toEqual(['council.v.withinTerm']);
    expect(statusOf(await member({ role: 'supervisor', name: '赵监督' }))).toBe(302);
    // Staff of another community change nothing.
    expect(statusOf(await member({ name: '外人' }, otherStaff))).toBe(403);

    let page = (await callRoute(councilPage.loader, `/councils/${councilId}`, { cookie: staff, params: { councilId } })) as Awaited<ReturnType<typeof councilPage.loader>>;
    expect(page.council.members.map((m) => [m.name, m.role, m.seatGroup])).toEqual(
      expect.arrayContaining([
        ['李强', 'member', 'migrant_workers'],
        ['赵监督', 'supervisor', 'general'],
      ]),
    );
    expect(page.council.reserved.find((r) => r.seatGroup === 'migrant_workers')).toMatchObject({ seats: 1, filled: 1 });
    expect(page.council.reserved.find((r) => r.seatGroup === 'local_residents')).toMatchObject({ seats: 2, filled: 0 });
    // The public sees seats, not the groups staff recorded.
    const publicPage = (await callRoute(councilPage.loader, `/councils/${councilId}`, { params: { councilId } })) as typeof page;
    expect(publicPage.council.members.every((m) => m.groups.length === 0)).toBe(true);
    expect(publicPage.canManage).toBe(false);

    // Fewer seats than members hold is refused; ending the membership frees the seat, kept in the record.
    const fewer = await callRoute(councilPage.action, `/councils/${councilId}`, { cookie: staff, params: { councilId }, form: { intent: 'seats', 'seats.migrant_workers': '0' } });
    expect((await errs(fewer))['seats.migrant_workers']).toEqual(['council.v.fewerThanHeld']);
    const li = page.council.members.find((m) => m.name === '李强')!;
    expect(statusOf(await callRoute(councilPage.action, `/councils/${councilId}`, { cookie: otherStaff, params: { councilId }, form: { intent: 'endMember', memberId: li.id } }))).toBe(403);
    expect(statusOf(await callRoute(councilPage.action, `/councils/${councilId}`, { cookie: staff, params: { councilId }, form: { intent: 'endMember', memberId: li.id } }))).toBe(302);
    const [ended] = await db().select().from(councilMembers).where(eq(councilMembers.id, li.id));
    expect(ended.endedAt).not.toBeNull();
    expect(statusOf(await member({ seatGroup: 'migrant_workers', groups: ['migrant_workers'], name: '王兵' }))).toBe(302);
    page = (await callRoute(councilPage.loader, `/councils/${councilId}`, { cookie: staff, params: { councilId } })) as typeof page;
    expect(page.council.members.map((m) => m.name)).not.toContain('李强');

    const audit = await db().select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.placeId, world.community.id));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['council.create', 'council.member_add', 'council.member_end']));
    const [c] = await db().select().from(councils).where(eq(councils.id, councilId));
    expect(c.placeId).toBe(world.community.id);
    const active = await db().select().from(councilMembers).where(and(eq(councilMembers.councilId, councilId), isNull(councilMembers.endedAt)));
    expect(active).toHaveLength(2);
  });

  it('seat rules: supervisors hold no seat; unknown reserved groups are refused', () => {
    const reserved = new Map([['elderly', 1]] as const);
    expect(seatProblem({ role: 'supervisor', seatGroup: 'elderly', groups: ['elderly'] }, reserved, new Map())).toBe('council.v.supervisorSeat');
    expect(seatProblem({ role: 'member', seatGroup: 'youth', groups: ['youth'] }, reserved, new Map())).toBe('council.v.noSuchSeat');
    expect(seatProblem({ role: 'member', seatGroup: 'elderly', groups: ['elderly'] }, reserved, new Map())).toBeNull();
    expect(seatProblem({ role: 'member', seatGroup: 'general', groups: [] }, reserved, new Map())).toBeNull();
  });

  it('staff of another community cannot open the set-up page for a place of theirs that is not theirs, nor residents at all', async () => {
    const resident = await createUser();
    expect(statusOf(await callRoute(newCouncil.loader, '/councils/new', { cookie: await sessionCookieFor(resident.id) }))).toBe(403);
    const mine = (await callRoute(newCouncil.loader, '/councils/new', { cookie: otherStaff })) as Awaited<ReturnType<typeof newCouncil.loader>>;
    expect(mine.places.map((p) => p.id)).not.toContain(world.community.id);
  });
});

describe('evaluation panels managed by staff', () => {
  it('sets up a panel for a topic with outcomes and members; members score; staff publish', async () => {
    const topic = await createTopic({ userId: world.staff.id }, { title: '助餐点', problem: '老人吃饭难', suggestion: '', place: world.community, origin: 'staff', proposedByUserId: world.staff.id });
    const a = await createUser();
    const b = await createUser();
    const late = await createUser();
    const form = { placeId: world.community.id, title: '助餐点评估', subject: `topic:${topic.id}`, criteria: '按时供餐\n老人满意', maxScore: '10', members: `${a.email}\n${b.email}` };
    const unknown = await callRoute(newPanel.action, '/panels/new', { cookie: staff, form: { ...form, members: 'nobody@example.test' } });
    expect((await errs(unknown)).members).toEqual(['panel.v.unknownEmails']);
    // Another community's staff cannot aim a panel at this community's topic.
    const foreign = await callRoute(newPanel.action, '/panels/new', { cookie: otherStaff, form: { ...form, placeId: world.other.id } });
    expect((await errs(foreign)).subject).toEqual(['panel.v.subject']);

    const created = await callRoute(newPanel.action, '/panels/new', { cookie: staff, form });
    expect(statusOf(created)).toBe(302);
    const panelId = idFrom(created, '/panels/');
    const criteria = await db().select().from(panelCriteria).where(eq(panelCriteria.panelId, panelId));
    expect(criteria.map((c) => [c.outcome, c.maxScore]).sort()).toEqual([
      ['按时供餐', 10],
      ['老人满意', 10],
    ]);
    const act = (cookie: string, f: Record<string, string | string[]>) => callRoute(panelPage.action, `/panels/${panelId}`, { cookie, params: { panelId }, form: f });
    expect(statusOf(await act(otherStaff, { intent: 'addMember', email: late.email }))).toBe(403);
    expect(statusOf(await act(staff, { intent: 'addMember', email: late.email }))).toBe(302);
    expect((await errs(await act(staff, { intent: 'addMember', email: late.email }))).email).toEqual(['panel.v.alreadyMember']);
    expect(await db().select().from(panelMembers).where(eq(panelMembers.panelId, panelId))).toHaveLength(3);

    const aCookie = await sessionCookieFor(a.id);
    const scores = (cookie: string, s1: string, s2: string) =>
      act(cookie, { intent: 'score', criterionId: criteria.map((c) => c.id), [`score.${criteria[0].id}`]: s1, [`score.${criteria[1].id}`]: s2 });
    expect(statusOf(await scores(aCookie, '8', '6'))).toBe(302);
    expect(statusOf(await scores(await sessionCookieFor(b.id), '10', '9'))).toBe(302);
    const [aMember] = await db().select().from(panelMembers).where(and(eq(panelMembers.panelId, panelId), eq(panelMembers.userId, a.id)));
    expect((await errs(await act(staff, { intent: 'removeMember', memberId: aMember.id })))['']).toEqual(['panel.v.memberScored']);
    const [lateMember] = await db().select().from(panelMembers).where(and(eq(panelMembers.panelId, panelId), eq(panelMembers.userId, late.id)));
    expect(statusOf(await act(staff, { intent: 'removeMember', memberId: lateMember.id }))).toBe(302);

    expect(statusOf(await act(otherStaff, { intent: 'publish' }))).toBe(403);
    expect(statusOf(await act(staff, { intent: 'publish' }))).toBe(302);
    const page = (await callRoute(panelPage.loader, `/panels/${panelId}`, { params: { panelId } })) as Awaited<ReturnType<typeof panelPage.loader>>;
    const byOutcome = Object.fromEntries(page.panel.result!.criteria.map((c) => [c.outcome, c.averageHundredths]));
    expect(byOutcome).toEqual({ 按时供餐: 900, 老人满意: 750 });
    expect(page.panel.result).toMatchObject({ members: 2, scored: 2 });
    const [p] = await db().select().from(evaluationPanels).where(eq(evaluationPanels.id, panelId));
    expect(p.topicId).toBe(topic.id);
  });
});
