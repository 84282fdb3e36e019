// Demo venture philanthropy (公益创投): last year's street-wide round of 35 projects worth about ¥1.7M — bids from
// the street's organisations, three evaluators' weighted scores, trimmed budgets, awards made final after public
// notice (one objection answered) — and this year's open micro-grant round in 锦华苑 with three projects and two
// bids, plus a draft project staff are still shaping. Written directly in the seeding transaction.
import { and, asc, eq, inArray, like } from 'drizzle-orm';
import type { Tx } from '../client';
import {
  awardObjections,
  awards,
  bidScores,
  bids,
  evaluatorAssignments,
  fundingRounds,
  needs,
  organisationProfiles,
  places,
  projectBudgetLines,
  projectEvents,
  projectMilestones,
  projectNeeds,
  projects,
  resourceMembers,
  resources,
  roleAssignments,
  roundCriteria,
  roundProjects,
  users,
} from '../schema';
import { rankBids } from '../../app/projects/rules';
import { seededRandom } from './random';

const DAY = 86_400_000;

const THEMES: { title: string; category: string; yuan: number }[] = [
  { title: '高龄老人助餐送餐', category: 'meals', yuan: 68_000 },
  { title: '四点半课堂', category: 'child_care', yuan: 52_000 },
  { title: '独居老人探访关爱', category: 'elderly_care', yuan: 45_000 },
  { title: '残疾人康复与就业辅导', category: 'disability', yuan: 60_000 },
  { title: '社区健康小屋', category: 'health', yuan: 40_000 },
  { title: '法律明白人培训', category: 'legal_aid', yuan: 30_000 },
  { title: '老旧楼道微改造', category: 'repairs', yuan: 75_000 },
  { title: '垃圾分类督导', category: 'environment', yuan: 38_000 },
  { title: '平安巡防', category: 'safety', yuan: 32_000 },
  { title: '新市民融入课堂', category: 'culture_education', yuan: 42_000 },
  { title: '灵活就业技能培训', category: 'employment', yuan: 55_000 },
  { title: '长者智能手机课', category: 'culture_education', yuan: 28_000 },
];

const CUT_REASONS = ['场地由社区无偿提供', '宣传印刷费用偏高，核减', '设备可向街道借用', '人员费用超出标准，按标准核定'];

/** Money in fen, rounded to whole hundreds of yuan. */
const fen = (yuan: number) => Math.round(yuan / 100) * 100 * 100;

export async function seedProjects(tx: Tx) {
  const r = seededRandom(17_000_035);
  const now = Date.now();
  const [street] = await tx.select().from(places).where(eq(places.nameZh, '云溪街道'));
  const communities = await tx.select().from(places).where(and(eq(places.type, 'community'), like(places.path, `${street.path}%`))).orderBy(asc(places.nameZh));
  const c1 = communities.find((c) => c.nameZh === '锦华苑社区')!;
  const logins = new Map(
    (await tx.select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, ['staff@fivefold.test', 'streetstaff@fivefold.test', 'evaluator@fivefold.test', 'resident@fivefold.test', 'org@fivefold.test', 'teamlead@fivefold.test']))).map((u) => [u.email!, u.id]),
  );
  const streetStaff = logins.get('streetstaff@fivefold.test')!;
  const staff = logins.get('staff@fivefold.test')!;
  // Two residents join the demo evaluator on the street's evaluation panel (评估团).
  const panel = await tx
    .select({ id: users.id })
    .from(users)
    .innerJoin(roleAssignments, eq(roleAssignments.userId, users.id))
    .where(and(eq(roleAssignments.role, 'volunteer')))
    .orderBy(asc(users.createdAt), asc(users.id))
    .limit(40);
  const extraEvaluators = [panel[7].id, panel[23].id];
  await tx.insert(roleAssignments).values(extraEvaluators.map((userId) => ({ userId, role: 'evaluator' as const, placeId: street.id })));
  const evaluators = [logins.get('evaluator@fivefold.test')!, ...extraEvaluators];

  const orgs = await tx
    .select({ id: resources.id, name: resources.name, status: organisationProfiles.registrationStatus })
    .from(resources)
    .innerJoin(organisationProfiles, eq(organisationProfiles.resourceId, resources.id))
    .where(inArray(organisationProfiles.registrationStatus, ['registered', 'filed']))
    .orderBy(asc(resources.name));
  const leaders = new Map(
    (await tx.select({ resourceId: resourceMembers.resourceId, userId: resourceMembers.userId }).from(resourceMembers).where(and(eq(resourceMembers.role, 'leader'), eq(resourceMembers.status, 'active')))).map((m) => [m.resourceId, m.userId]),
  );

  // ——— last year's completed round ———
  const opened = new Date(now - 300 * DAY);
  const closed = new Date(now - 260 * DAY);
  const granted = new Date(now - 240 * DAY);
  const [round] = await tx
    .insert(fundingRounds)
    .values({
      placeId: street.id,
      placePath: street.path,
      title: '2026年云溪街道社区公益创投',
      callText: '面向辖区登记注册的社会组织征集35个社区服务项目，资助总额约170万元。项目须回应需求清单中的需求，实施期一年。',
      budgetMinor: fen(1_750_000),
      eligibleCategories: [],
      applicantTypes: ['registered_org'],
      opensAt: opened,
      closesAt: closed,
      noticeDays: 5,
      status: 'completed',
      createdBy: streetStaff,
      createdAt: new Date(opened.getTime() - 10 * DAY),
    })
    .returning();
  const criteria = await tx
    .insert(roundCriteria)
    .values([
      { roundId: round.id, nameZh: '需求契合度', nameEn: 'Fit to the needs', weight: 30, position: 0 },
      { roundId: round.id, nameZh: '方案可行性', nameEn: 'Feasibility of the plan', weight: 30, position: 1 },
      { roundId: round.id, nameZh: '团队能力', nameEn: 'Team capacity', weight: 20, position: 2 },
      { roundId: round.id, nameZh: '预算合理性', nameEn: 'Value for money', weight: 20, position: 3 },
    ])
    .returning();
  await tx.insert(evaluatorAssignments).values(evaluators.map((evaluatorUserId) => ({ roundId: round.id, evaluatorUserId, assignedBy: streetStaff, declaredAt: new Date(closed.getTime() + DAY), declarationNote: '无利益冲突' })));

  const oldNeeds = await tx
    .select({ id: needs.id, communityId: needs.communityId, category: needs.category })
    .from(needs)
    .where(inArray(needs.status, ['closed', 'rated', 'resolved', 'in_progress']))
    .orderBy(asc(needs.raisedAt), asc(needs.id));
  let awardedTotal = 0;
  for (let k = 0; k < 35; k++) {
    const theme = THEMES[k % THEMES.length];
    const community = communities[k % communities.length];
    const budgetMinor = fen(theme.yuan * (0.8 + r.next() * 0.4));
    const state = k < 20 ? 'completed' : k < 25 ? 'evaluated' : 'in_progress';
    const candidates = orgs.filter((_, i) => (i + k) % 3 !== 0);
    const bidders = [candidates[k % candidates.length], candidates[(k + 2) % candidates.length], candidates[(k + 4) % candidates.length]].filter((o, i, all) => all.findIndex((x) => x.id === o.id) === i).slice(0, 1 + (k % 3));
    const [project] = await tx
      .insert(projects)
      .values({
        placeId: community.id,
        placePath: community.path,
        title: `${community.nameZh.replace('社区', '')}${theme.title}`,
        summary: `${community.nameZh}${theme.title}项目，回应居民在需求清单中提出的需求。`,
        goals: `一年内持续提供${theme.title}服务，覆盖有需要的居民。`,
        deliverables: '服务记录、季度报告、居民满意度调查',
        beneficiaries: `${community.nameZh}有需要的居民`,
        beneficiaryCount: r.int(30, 200),
        category: theme.category,
        state,
        budgetMinor,
        createdBy: streetStaff,
        createdAt: new Date(opened.getTime() - 20 * DAY),
      })
      .returning();
    const mine = oldNeeds.filter((n) => n.communityId === community.id && n.category === theme.category).slice(k % 2, (k % 2) + 2);
    if (mine.length) await tx.insert(projectNeeds).values(mine.map((n) => ({ projectId: project.id, needId: n.id, linkedBy: streetStaff, createdAt: project.createdAt })));
    await tx.insert(projectBudgetLines).values([
      { projectId: project.id, label: '人员费用', amountMinor: Math.round(budgetMinor * 0.5), position: 0 },
      { projectId: project.id, label: '活动物资', amountMinor: budgetMinor - Math.round(budgetMinor * 0.5), position: 1 },
    ]);
    await tx.insert(projectMilestones).values([
      { projectId: project.id, title: '项目启动', dueOn: new Date(granted.getTime() + 20 * DAY).toISOString().slice(0, 10), amountMinor: Math.round(budgetMinor * 0.4), position: 0 },
      { projectId: project.id, title: '中期评估', dueOn: new Date(granted.getTime() + 180 * DAY).toISOString().slice(0, 10), amountMinor: Math.round(budgetMinor * 0.3), position: 1 },
      { projectId: project.id, title: '结项验收', dueOn: new Date(granted.getTime() + 350 * DAY).toISOString().slice(0, 10), amountMinor: budgetMinor - Math.round(budgetMinor * 0.4) - Math.round(budgetMinor * 0.3), position: 2 },
    ]);
    await tx.insert(roundProjects).values({ roundId: round.id, projectId: project.id, addedBy: streetStaff, createdAt: project.createdAt });
    const bidRows = await tx
      .insert(bids)
      .values(
        bidders.map((o, i) => {
          const requested = fen((budgetMinor / 100) * (0.95 + 0.1 * r.next()));
          return {
            roundId: round.id,
            projectId: project.id,
            applicantType: 'registered_org' as const,
            applicantResourceId: o.id,
            applicantKey: `resource:${o.id}`,
            applicantName: o.name,
            submittedBy: leaders.get(o.id) ?? streetStaff,
            plan: `${o.name}将组建专职团队实施，按月开展服务并公开进展。`,
            budgetLines: [
              { label: '人员费用', amountMinor: Math.round(requested * 0.55) },
              { label: '活动物资', amountMinor: requested - Math.round(requested * 0.55) },
            ],
            requestedMinor: requested,
            staff: [{ name: `项目主管${i + 1}`, role: '项目主管' }],
            schedule: [{ title: '启动', dueOn: new Date(granted.getTime() + 20 * DAY).toISOString().slice(0, 10) }],
            status: 'not_awarded' as const,
            createdAt: new Date(opened.getTime() + r.int(1, 30) * DAY),
          };
        }),
      )
      .returning();
    const scoreRows = bidRows.flatMap((b) => evaluators.flatMap((e) => criteria.map((c) => ({ bidId: b.id, criterionId: c.id, evaluatorUserId: e, score: r.int(5, 10), comment: r.pick(['方案清晰', '团队经验丰富', '预算略高', '与需求高度契合', '执行风险可控']), createdAt: new Date(closed.getTime() + 3 * DAY) }))));
    await tx.insert(bidScores).values(scoreRows);
    const [best] = rankBids(bidRows.map((b) => b.id), criteria, scoreRows);
    const winner = bidRows.find((b) => b.id === best.bidId)!;
    await tx.update(bids).set({ status: 'awarded' }).where(eq(bids.id, winner.id));
    const cut = k % 4 === 1;
    const grantedMinor = cut ? fen((winner.requestedMinor / 100) * 0.85) : winner.requestedMinor;
    awardedTotal += grantedMinor;
    const [award] = await tx
      .insert(awards)
      .values({
        roundId: round.id,
        projectId: project.id,
        bidId: winner.id,
        status: 'final',
        requestedMinor: winner.requestedMinor,
        cutMinor: cut ? grantedMinor : null,
        cutReason: cut ? CUT_REASONS[k % CUT_REASONS.length] : null,
        grantedMinor,
        noticeStartsAt: granted,
        noticeEndsAt: new Date(granted.getTime() + 5 * DAY),
        finalAt: new Date(granted.getTime() + 5 * DAY),
        decidedBy: streetStaff,
        createdAt: new Date(closed.getTime() + 10 * DAY),
      })
      .returning();
    if (k === 3) {
      await tx.insert(awardObjections).values({
        awardId: award.id,
        userId: logins.get('resident@fivefold.test')!,
        body: '该机构去年在本社区的项目有延期，请说明。',
        answer: '经核实，去年延期系场地装修所致，已按期补足服务；本次方案已明确场地。',
        answeredBy: streetStaff,
        answeredAt: new Date(granted.getTime() + 3 * DAY),
        createdAt: new Date(granted.getTime() + DAY),
      });
    }
    await tx.update(projects).set({ delivererResourceId: winner.applicantResourceId, delivererName: winner.applicantName, startsOn: new Date(granted.getTime() + 10 * DAY).toISOString().slice(0, 10) }).where(eq(projects.id, project.id));
    const steps: (typeof projectEvents.$inferInsert)[] = [
      { projectId: project.id, kind: 'created', toState: 'draft', actorUserId: streetStaff, createdAt: project.createdAt },
      { projectId: project.id, kind: 'state_changed', fromState: 'draft', toState: 'open_for_bids', actorUserId: streetStaff, createdAt: opened },
      { projectId: project.id, kind: 'state_changed', fromState: 'open_for_bids', toState: 'awarded', actorUserId: streetStaff, data: { awardId: award.id, applicantName: winner.applicantName, grantedMinor }, createdAt: granted },
      { projectId: project.id, kind: 'state_changed', fromState: 'awarded', toState: 'in_progress', actorUserId: null, data: { awardId: award.id }, createdAt: new Date(granted.getTime() + 5 * DAY) },
      { projectId: project.id, kind: 'award_final', actorUserId: null, data: { awardId: award.id, grantedMinor }, createdAt: new Date(granted.getTime() + 5 * DAY) },
    ];
    if (state !== 'in_progress') steps.push({ projectId: project.id, kind: 'state_changed', fromState: 'in_progress', toState: 'completed', actorUserId: streetStaff, createdAt: new Date(now - 20 * DAY) });
    if (state === 'evaluated') steps.push({ projectId: project.id, kind: 'state_changed', fromState: 'completed', toState: 'evaluated', actorUserId: streetStaff, createdAt: new Date(now - 5 * DAY) });
    await tx.insert(projectEvents).values(steps);
  }

  // ——— this year's open micro-grant round in 锦华苑 ———
  const openNeeds = await tx
    .select({ id: needs.id, category: needs.category, summary: needs.publicSummary })
    .from(needs)
    .where(and(eq(needs.communityId, c1.id), inArray(needs.status, ['triaged', 'dispatched', 'in_progress'])))
    .orderBy(asc(needs.raisedAt), asc(needs.id));
  const [micro] = await tx
    .insert(fundingRounds)
    .values({
      placeId: c1.id,
      placePath: c1.path,
      title: '2027年锦华苑社区微创投',
      callText: '锦华苑社区友邻微创投：社会组织、居民团队和个人均可为以下微项目投标，单个项目不超过2万元。',
      budgetMinor: fen(60_000),
      eligibleCategories: [],
      applicantTypes: ['registered_org', 'resident_team', 'individual'],
      microGrant: true,
      opensAt: new Date(now - 7 * DAY),
      closesAt: new Date(now + 21 * DAY),
      noticeDays: 5,
      status: 'open',
      createdBy: staff,
      createdAt: new Date(now - 10 * DAY),
    })
    .returning();
  await tx.insert(roundCriteria).values([
    { roundId: micro.id, nameZh: '居民参与度', nameEn: 'Resident involvement', weight: 40, position: 0 },
    { roundId: micro.id, nameZh: '方案可行性', nameEn: 'Feasibility', weight: 40, position: 1 },
    { roundId: micro.id, nameZh: '预算合理性', nameEn: 'Value for money', weight: 20, position: 2 },
  ]);
  await tx.insert(evaluatorAssignments).values({ roundId: micro.id, evaluatorUserId: logins.get('evaluator@fivefold.test')!, assignedBy: staff });
  const microProjects = [
    { title: '锦华苑楼道读书角', category: 'culture_education', yuan: 8_000 },
    { title: '锦华苑长者理发日', category: 'elderly_care', yuan: 6_000 },
    { title: '锦华苑口袋花园', category: 'environment', yuan: 15_000 },
  ];
  const microIds: string[] = [];
  for (const [i, m] of microProjects.entries()) {
    const [project] = await tx
      .insert(projects)
      .values({ placeId: c1.id, placePath: c1.path, title: m.title, summary: `${m.title}：居民提出、居民参与的微项目。`, goals: '三个月内建成并持续运营', deliverables: '活动记录与照片', beneficiaries: '锦华苑居民', category: m.category, state: 'open_for_bids', budgetMinor: fen(m.yuan), createdBy: staff, createdAt: new Date(now - 12 * DAY) })
      .returning();
    microIds.push(project.id);
    const linked = openNeeds.filter((n) => n.category === m.category).slice(0, 1);
    const fallback = linked.length ? linked : openNeeds.slice(i, i + 1);
    if (fallback.length) await tx.insert(projectNeeds).values(fallback.map((n) => ({ projectId: project.id, needId: n.id, linkedBy: staff })));
    await tx.insert(projectBudgetLines).values({ projectId: project.id, label: '物资与活动', amountMinor: fen(m.yuan), position: 0 });
    await tx.insert(projectMilestones).values({ projectId: project.id, title: '建成', amountMinor: fen(m.yuan), position: 0 });
    await tx.insert(roundProjects).values({ roundId: micro.id, projectId: project.id, addedBy: staff });
    await tx.insert(projectEvents).values([
      { projectId: project.id, kind: 'created', toState: 'draft', actorUserId: staff, createdAt: new Date(now - 12 * DAY) },
      { projectId: project.id, kind: 'round_joined', actorUserId: staff, data: { roundId: micro.id }, createdAt: new Date(now - 10 * DAY) },
      { projectId: project.id, kind: 'state_changed', fromState: 'draft', toState: 'open_for_bids', actorUserId: staff, createdAt: new Date(now - 7 * DAY) },
    ]);
  }
  // Two bids so far: a resident team for the reading corner, and a resident on her own for the barber day.
  const [team] = await tx
    .select({ id: resources.id, name: resources.name })
    .from(resources)
    .innerJoin(resourceMembers, eq(resourceMembers.resourceId, resources.id))
    .where(and(eq(resources.kind, 'team'), eq(resourceMembers.userId, logins.get('teamlead@fivefold.test')!), eq(resourceMembers.role, 'leader')))
    .limit(1);
  const resident = logins.get('resident@fivefold.test')!;
  await tx.insert(bids).values([
    ...(team
      ? [{ roundId: micro.id, projectId: microIds[0], applicantType: 'resident_team' as const, applicantResourceId: team.id, applicantKey: `resource:${team.id}`, applicantName: team.name, submittedBy: logins.get('teamlead@fivefold.test')!, plan: '团队志愿者每周末值守读书角，组织亲子共读。', budgetLines: [{ label: '书架与图书', amountMinor: fen(6_000) }], requestedMinor: fen(6_000), staff: [{ name: '周海燕', role: '负责人' }], schedule: [], createdAt: new Date(now - 3 * DAY) }]
      : []),
    { roundId: micro.id, projectId: microIds[1], applicantType: 'individual' as const, applicantUserId: resident, applicantKey: `user:${resident}`, applicantName: '李晓梅', submittedBy: resident, plan: '每月第一个周六请两位理发师为长者义剪。', budgetLines: [{ label: '理发师交通与耗材', amountMinor: fen(4_800) }], requestedMinor: fen(4_800), staff: [], schedule: [], createdAt: new Date(now - 2 * DAY) },
  ]);

  // A draft project staff are still shaping (only they see it).
  {
    const [draft] = await tx
      .insert(projects)
      .values({ placeId: c1.id, placePath: c1.path, title: '锦华苑失能老人喘息服务', summary: '为照护失能老人的家属提供每月两天的喘息服务。', goals: '20户家庭每月两天喘息', deliverables: '服务记录', beneficiaries: '照护失能老人的家庭', category: 'elderly_care', state: 'draft', budgetMinor: fen(50_000), createdBy: staff })
      .returning();
    await tx.insert(projectNeeds).values(openNeeds.slice(3, 5).map((n) => ({ projectId: draft.id, needId: n.id, linkedBy: staff })));
    await tx.insert(projectEvents).values({ projectId: draft.id, kind: 'created', toState: 'draft', actorUserId: staff });
  }
  return { projects: 35 + microProjects.length, awardedMinor: awardedTotal };
}
