// Projects and a funding round end to end through the services: a project from two needs, a round, bids (one per
// applicant under double clicks), an evaluator who never sees their own organisation's bid, weighted ranking,
// a trimmed and granted award, an objection in the notice period, and the award becoming final.
import { and, count, eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../db/client';
import { auditEvents, awards, bids, needDispatches, needs, places, projects, resourceMembers, resources, users } from '../../db/schema';
import { seedDemo } from '../../db/seed/demo';
import { loadPrincipal, actorOf, type Principal } from '../../app/permissions/principal.server';
import { createProject, getProject, listProjects, projectsOfNeed, ProjectError } from '../../app/projects/projects.server';
import { createRound, getRound, moveRound } from '../../app/projects/rounds.server';
import { submitBid, withdrawBid } from '../../app/projects/bids.server';
import { assignEvaluator, bidForEvaluator, bidsForEvaluator, declareInterests, roundRanking, scoreBid } from '../../app/projects/evaluation.server';
import { answerObjection, finalizeDueAwards, grantAward, objectToAward, proposeAward, publicAwards } from '../../app/projects/awards.server';
import { useTestDatabase } from '../helpers/db';

useTestDatabase();

const who = new Map<string, Principal>();
const as = (name: string) => who.get(name)!;
let community1: { id: string; path: string };
let needIds: string[];
let orgA: string;
let orgB: string;
let orgBLeader: string;
let projectId: string;
let roundId: string;
const DAY = 86_400_000;

async function principal(email: string) {
  const [u] = await db().select({ id: users.id }).from(users).where(eq(users.email, email));
  return (await loadPrincipal(u.id, { sessionId: null, actingForUserId: null, via: 'session' }))!;
}

async function expectError(p: Promise<unknown>, code: ProjectError['code']) {
  await expect(p).rejects.toMatchObject({ code });
}

beforeAll(async () => {
  await seedDemo();
  for (const name of ['staff', 'staff2', 'org', 'evaluator', 'resident', 'funder']) who.set(name, await principal(`${name}@fivefold.test`));
  [community1] = await db().select({ id: places.id, path: places.path }).from(places).where(eq(places.nameZh, '锦华苑社区'));
  const open = await db().select({ id: needs.id }).from(needs).where(and(eq(needs.communityId, community1.id), eq(needs.status, 'triaged'))).limit(2);
  needIds = open.map((n) => n.id);
  [{ id: orgA }] = await db().select({ id: resources.id }).from(resources).where(eq(resources.name, '云溪社工服务中心'));
  [{ id: orgB }] = await db().select({ id: resources.id }).from(resources).where(eq(resources.name, '江临市乐龄养老服务中心'));
  [{ userId: orgBLeader }] = await db().select({ userId: resourceMembers.userId }).from(resourceMembers).where(and(eq(resourceMembers.resourceId, orgB), eq(resourceMembers.role, 'leader')));
  // The evaluator belongs to organisation B: they must never see or score its bid.
  await db().insert(resourceMembers).values({ resourceId: orgB, userId: as('evaluator').user.id, role: 'member', status: 'active' });
  who.set('orgB', (await loadPrincipal(orgBLeader, { sessionId: null, actingForUserId: null, via: 'session' }))!);
});

describe('a project from needs', () => {
  it('is created by staff of the needs\' community, as a draft only they see', async () => {
    const input = {
      needIds,
      title: '锦华苑长者助餐送餐服务',
      summary: '为行动不便的长者每周送餐',
      goals: '每周五天送餐',
      deliverables: '送餐记录',
      beneficiaries: '40位长者',
      beneficiaryCount: 40,
      category: 'meals',
      requiredSkills: ['meal_delivery'],
      budgetLines: [
        { label: '餐费补贴', amountMinor: 6_000_000 },
        { label: '保温箱', amountMinor: 400_000 },
      ],
      milestones: [{ title: '启动', dueOn: '2027-01-10', amountMinor: 3_000_000 }],
    };
    await expectError(createProject(as('staff2'), actorOf(as('staff2')), input), 'forbidden');
    await expectError(createProject(as('staff'), actorOf(as('staff')), { ...input, needIds: [] }), 'invalid');
    const project = await createProject(as('staff'), actorOf(as('staff')), input);
    projectId = project.id;
    expect(project).toMatchObject({ state: 'draft', placeId: community1.id, budgetMinor: 6_400_000 });
    expect(await getProject(null, projectId)).toBeNull();
    expect(await getProject(as('staff2'), projectId)).toBeNull();
    const mine = await getProject(as('staff'), projectId);
    expect(mine!.needs.map((n) => n.id).sort()).toEqual([...needIds].sort());
    expect(mine!.history.map((h) => h.kind)).toEqual(['created']);
    const [{ n }] = await db().select({ n: count() }).from(auditEvents).where(and(eq(auditEvents.subjectId, projectId), eq(auditEvents.action, 'project.created')));
    expect(Number(n)).toBe(1);
  });
});

describe('a funding round', () => {
  it('opens and puts its projects up for bids', async () => {
    const now = Date.now();
    const round = await createRound(as('staff'), actorOf(as('staff')), {
      placeId: community1.id,
      title: '2027年锦华苑公益创投',
      callText: '面向社会组织征集为老服务项目',
      budgetMinor: 20_000_000,
      eligibleCategories: ['meals', 'elderly_care'],
      applicantTypes: ['registered_org', 'individual'],
      microGrant: false,
      opensAt: new Date(now - DAY),
      closesAt: new Date(now + 10 * DAY),
      noticeDays: 5,
      criteria: [
        { nameZh: '需求契合度', nameEn: 'Fit to the need', weight: 40 },
        { nameZh: '方案可行性', nameEn: 'Feasibility', weight: 60 },
      ],
      projectIds: [projectId],
    });
    roundId = round.id;
    // Not a micro-grant round: individuals are dropped from the applicant types.
    expect(round.applicantTypes).toEqual(['registered_org']);
    await moveRound(as('staff'), actorOf(as('staff')), roundId, 'open');
    expect((await getProject(null, projectId))!.state).toBe('open_for_bids');
    expect((await listProjects(null, { state: 'open_for_bids' }, { limit: 50, offset: 0 })).rows.map((r) => r.id)).toContain(projectId);
  });

  it('takes one bid per applicant per project, however many clicks', async () => {
    const bid = { projectId, applicantType: 'registered_org' as const, resourceId: orgA, plan: '每日由专职社工统筹配送', budgetLines: [{ label: '餐费', amountMinor: 6_000_000 }], staff: [{ name: '张社工', role: '项目主管' }], schedule: [{ title: '启动', dueOn: '2027-01-10' }] };
    const results = await Promise.allSettled(Array.from({ length: 4 }, () => submitBid(as('org'), actorOf(as('org')), roundId, bid)));
    const ok = results.filter((r) => r.status === 'fulfilled');
    // Concurrent upserts on the same key: all succeed or wait; never two rows.
    expect(ok.length).toBeGreaterThan(0);
    const [{ n }] = await db().select({ n: count() }).from(bids).where(and(eq(bids.roundId, roundId), eq(bids.applicantKey, `resource:${orgA}`)));
    expect(Number(n)).toBe(1);
    // Editing until the deadline changes the one bid.
    const edited = await submitBid(as('org'), actorOf(as('org')), roundId, { ...bid, budgetLines: [{ label: '餐费', amountMinor: 5_000_000 }, { label: '交通', amountMinor: 500_000 }] });
    expect(edited.created).toBe(false);
    const [row] = await db().select().from(bids).where(eq(bids.id, edited.id));
    expect(row.requestedMinor).toBe(5_500_000);
    // Someone bidding for an organisation they do not belong to, or as a type the round does not take, is refused.
    await expectError(submitBid(as('resident'), actorOf(as('resident')), roundId, bid), 'invalid');
    await expectError(submitBid(as('resident'), actorOf(as('resident')), roundId, { ...bid, applicantType: 'individual', resourceId: null }), 'invalid');
    await submitBid(as('orgB'), actorOf(as('orgB')), roundId, { ...bid, resourceId: orgB, plan: '乐龄中心自有厨房配送' });
  });
});

describe('evaluation', () => {
  it('hides a bid from the evaluator\'s own organisation, in lists and by id, and refuses its scoring', async () => {
    await expectError(assignEvaluator(as('staff'), actorOf(as('staff')), roundId, 'resident@fivefold.test'), 'invalid');
    await assignEvaluator(as('staff'), actorOf(as('staff')), roundId, 'evaluator@fivefold.test');
    await moveRound(as('staff'), actorOf(as('staff')), roundId, 'evaluating');
    const before = await bidsForEvaluator(as('evaluator'), roundId);
    expect(before!.bids).toEqual([]); // nothing before declaring interests
    await declareInterests(as('evaluator'), actorOf(as('evaluator')), roundId, { conflictKeys: [], note: null });
    const seen = await bidsForEvaluator(as('evaluator'), roundId);
    expect(seen!.bids.map((b) => b.applicantName)).toEqual(['云溪社工服务中心']);
    const [own] = await db().select({ id: bids.id }).from(bids).where(and(eq(bids.roundId, roundId), eq(bids.applicantKey, `resource:${orgB}`)));
    expect(await bidForEvaluator(as('evaluator'), own.id)).toBeNull();
    const round = (await getRound(as('evaluator'), roundId))!;
    const scores = round.criteria.map((c) => ({ criterionId: c.id, score: 9, comment: '好' }));
    await expectError(scoreBid(as('evaluator'), actorOf(as('evaluator')), own.id, scores), 'not_found');
    // Someone not assigned sees nothing at all.
    expect(await bidsForEvaluator(as('funder'), roundId)).toBeNull();
  });

  it('scores each criterion with comments and ranks by weight', async () => {
    const round = (await getRound(as('evaluator'), roundId))!;
    const [a] = (await bidsForEvaluator(as('evaluator'), roundId))!.bids;
    await expectError(scoreBid(as('evaluator'), actorOf(as('evaluator')), a.id, [{ criterionId: round.criteria[0].id, score: 5, comment: '' }]), 'invalid');
    await scoreBid(as('evaluator'), actorOf(as('evaluator')), a.id, [
      { criterionId: round.criteria[0].id, score: 8, comment: '契合' },
      { criterionId: round.criteria[1].id, score: 6, comment: '人手偏紧' },
    ]);
    const [ranking] = await roundRanking(roundId);
    // (8×40 + 6×60) / 100 = 6.8 of 10 → 68; the unscored bid comes last.
    expect(ranking.bids.map((b) => [b.bid.applicantName, b.total])).toEqual([
      ['云溪社工服务中心', 68],
      ['江临市乐龄养老服务中心', null],
    ]);
  });
});

describe('award and public notice', () => {
  let awardId: string;
  it('a double click on "award" leaves one live award', async () => {
    const [a] = (await bidsForEvaluator(as('evaluator'), roundId))!.bids;
    await Promise.all([1, 2].map(() => proposeAward(as('staff'), actorOf(as('staff')), a.id, { amountMinor: a.requestedMinor })));
    const live = await db().select().from(awards).where(and(eq(awards.roundId, roundId), inArray(awards.status, ['requested', 'cut', 'granted', 'final'])));
    expect(live).toHaveLength(1);
  });

  it('trims the budget only with a reason, then grants and publishes it', async () => {
    const [a] = (await bidsForEvaluator(as('evaluator'), roundId))!.bids;
    await expectError(proposeAward(as('staff2'), actorOf(as('staff2')), a.id, { amountMinor: 5_000_000 }), 'forbidden');
    await expectError(proposeAward(as('staff'), actorOf(as('staff')), a.id, { amountMinor: 5_000_000 }), 'invalid');
    const award = await proposeAward(as('staff'), actorOf(as('staff')), a.id, { amountMinor: 5_000_000, reason: '交通费由社区车辆解决' });
    expect(award).toMatchObject({ status: 'cut', requestedMinor: 5_500_000, cutMinor: 5_000_000 });
    awardId = award.id;
    await grantAward(as('staff'), actorOf(as('staff')), awardId);
    expect((await getProject(null, projectId))!).toMatchObject({ state: 'awarded', delivererName: '云溪社工服务中心' });
    const [published] = await publicAwards(roundId);
    expect(published).toMatchObject({ status: 'granted', grantedMinor: 5_000_000, cutReason: '交通费由社区车辆解决' });
  });

  it('becomes final only after the notice period with every objection answered', async () => {
    const objection = await objectToAward(as('resident'), actorOf(as('resident')), awardId, '该机构去年项目延期');
    expect((await finalizeDueAwards({ roundId }, new Date())).finalised).toBe(0);
    const later = new Date(Date.now() + 6 * DAY);
    expect((await finalizeDueAwards({ roundId }, later)).finalised).toBe(0);
    await expectError(objectToAward(as('resident'), actorOf(as('resident')), awardId, 'late', later), 'wrong_state');
    await expectError(answerObjection(as('staff2'), actorOf(as('staff2')), objection.id, '不行'), 'forbidden');
    await answerObjection(as('staff', ), actorOf(as('staff')), objection.id, '已核实：延期系疫情原因，已整改');
    const [first, second] = await Promise.all([finalizeDueAwards({ projectId }, later), finalizeDueAwards({ roundId }, later)]);
    expect(first.finalised + second.finalised).toBe(1);
    const [award] = await db().select().from(awards).where(eq(awards.id, awardId));
    expect(award.status).toBe('final');
    expect((await getProject(null, projectId))!.state).toBe('in_progress');
    // Its needs show it and were dispatched to it.
    for (const needId of needIds) {
      expect((await projectsOfNeed(needId)).map((p) => p.id)).toEqual([projectId]);
      const [d] = await db().select().from(needDispatches).where(and(eq(needDispatches.needId, needId), eq(needDispatches.projectId, projectId)));
      expect(d.assigneeType).toBe('project');
    }
    const statuses = await db().select({ status: needs.status }).from(needs).where(inArray(needs.id, needIds));
    expect(statuses.every((s) => s.status === 'dispatched')).toBe(true);
    const [project] = await db().select().from(projects).where(eq(projects.id, projectId));
    expect(project.delivererResourceId).toBe(orgA);
    expect((await getRound(null, roundId))!.status).toBe('completed');
  });
});

describe('a micro-grant round', () => {
  it('takes a resident\'s own bid, which she may withdraw until the deadline but not change after it', async () => {
    const now = Date.now();
    const project = await createProject(as('staff'), actorOf(as('staff')), {
      needIds: needIds.slice(0, 1),
      title: '楼道读书角',
      summary: '居民自建读书角',
      goals: '建成读书角',
      deliverables: '照片',
      beneficiaries: '楼里的孩子',
      category: 'culture_education',
      requiredSkills: [],
      budgetLines: [{ label: '书架', amountMinor: 300_000 }],
      milestones: [],
    });
    const round = await createRound(as('staff'), actorOf(as('staff')), {
      placeId: community1.id,
      title: '友邻微创投',
      callText: '居民可以个人名义投标',
      budgetMinor: 1_000_000,
      eligibleCategories: [],
      applicantTypes: ['registered_org', 'resident_team', 'individual'],
      microGrant: true,
      opensAt: new Date(now - DAY),
      closesAt: new Date(now + DAY),
      noticeDays: 5,
      criteria: [{ nameZh: '可行', nameEn: 'Feasible', weight: 1 }],
      projectIds: [project.id],
    });
    expect(round.applicantTypes).toEqual(['registered_org', 'resident_team', 'individual']);
    await moveRound(as('staff'), actorOf(as('staff')), round.id, 'open');
    const bid = { projectId: project.id, applicantType: 'individual' as const, resourceId: null, plan: '我来搭书架', budgetLines: [{ label: '书架', amountMinor: 250_000 }], staff: [], schedule: [] };
    const mine = await submitBid(as('resident'), actorOf(as('resident')), round.id, bid);
    expect(mine.created).toBe(true);
    await expectError(submitBid(as('resident'), actorOf(as('resident')), round.id, bid, [], new Date(now + 2 * DAY)), 'wrong_state');
    await expectError(withdrawBid(as('org'), actorOf(as('org')), mine.id), 'not_found');
    await withdrawBid(as('resident'), actorOf(as('resident')), mine.id);
    const [row] = await db().select().from(bids).where(eq(bids.id, mine.id));
    expect(row.status).toBe('withdrawn');
  });
});
