// Demo project fair (项目相亲会): a 锦华苑 micro-project round of 12 projects that the street's 10 social organisations
// met at a fair ten days ago. Both sides' rankings, the stable proposal (organisations proposing) and its pairs, most
// signed by both sides and so awarded; the pair of org@'s organisation still waits for its signature. One awarded
// project is already in delivery: milestone progress, a public report and a paid milestone disbursement.
import { and, asc, eq, inArray } from 'drizzle-orm';
import { createFairAward } from '../../app/projects/fair-awards.server';
import { stableMatching } from '../../matching/stable';
import type { Tx } from '../client';
import {
  awards,
  disbursements,
  fairPairs,
  fairParticipants,
  fairProposals,
  fairs,
  fundingRounds,
  funds,
  milestoneDisbursements,
  milestoneUpdates,
  places,
  projectEvents,
  projectMilestones,
  projectReports,
  projects,
  resources,
  roundProjects,
  users,
} from '../schema';
import { postDisbursement } from '../../app/funds/postings.server';
import { seededRandom } from './random';

const DAY = 86_400_000;

const PROJECTS: { title: string; category: string; budget: number; summary: string }[] = [
  { title: '高龄独居老人助餐送餐', category: 'meals', budget: 48_000, summary: '每周五天为 40 位高龄独居老人送餐上门。' },
  { title: '四点半课堂', category: 'child_care', budget: 36_000, summary: '放学后为双职工家庭的孩子提供作业辅导。' },
  { title: '楼道微更新', category: 'environment', budget: 25_000, summary: '老旧楼道清理、刷新和照明更换。' },
  { title: '长者智能手机课', category: 'culture_education', budget: 12_000, summary: '教长者用手机挂号、支付和视频通话。' },
  { title: '残障人士就业辅导', category: 'employment', budget: 30_000, summary: '一对一求职辅导和岗位对接。' },
  { title: '社区心理关怀热线', category: 'health', budget: 28_000, summary: '为独居和失独老人开设每周两次的关怀热线。' },
  { title: '邻里节', category: 'culture_education', budget: 15_000, summary: '一年一度的邻里节：百家宴和才艺展示。' },
  { title: '社区花园', category: 'environment', budget: 22_000, summary: '把闲置空地改造成居民共建的花园。' },
  { title: '新市民融入课堂', category: 'culture_education', budget: 18_000, summary: '为新搬来的家庭介绍社区资源和办事流程。' },
  { title: '失能老人居家照护培训', category: 'elderly_care', budget: 40_000, summary: '教家属居家照护技能：翻身、喂食、防褥疮。' },
  { title: '暑期儿童托管班', category: 'child_care', budget: 35_000, summary: '暑假六周的日间托管和兴趣课。' },
  { title: '法律援助进社区', category: 'legal_aid', budget: 16_000, summary: '每月两次律师坐诊，解答租房、继承和劳动纠纷。' },
];

export async function seedFair(tx: Tx) {
  const r = seededRandom(9_106_034);
  const now = Date.now();
  const byEmail = new Map((await tx.select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, ['staff@fivefold.test', 'org@fivefold.test', 'treasurer@fivefold.test', 'streetstaff@fivefold.test']))).map((u) => [u.email!, u.id]));
  const staff = byEmail.get('staff@fivefold.test')!;
  const orgUser = byEmail.get('org@fivefold.test')!;
  const [community] = await tx.select().from(places).where(eq(places.nameZh, '锦华苑社区'));
  const [fund] = await tx.select().from(funds).where(and(eq(funds.placeId, community.id), eq(funds.kind, 'community')));
  const orgs = await tx.select({ id: resources.id, name: resources.name, ownerUserId: resources.ownerUserId, categories: resources.categories }).from(resources).where(eq(resources.kind, 'organisation')).orderBy(asc(resources.createdAt), asc(resources.name));
  // org@'s organisation first, as the resource seed made it.
  orgs.sort((a, b) => Number(b.ownerUserId === orgUser) - Number(a.ownerUserId === orgUser));

  const [round] = await tx
    .insert(fundingRounds)
    .values({
      placeId: community.id,
      placePath: community.path,
      title: '2026 锦华苑社区微项目相亲会专场',
      callText: '锦华苑社区 12 个微项目，通过项目相亲会与社会组织双向选择。',
      budgetMinor: PROJECTS.reduce((s, p) => s + p.budget, 0) * 100,
      eligibleCategories: [],
      applicantTypes: ['registered_org'],
      opensAt: new Date(now - 30 * DAY),
      closesAt: new Date(now + 20 * DAY),
      noticeDays: 5,
      status: 'open',
      fundId: fund?.id ?? null,
      createdBy: staff,
    })
    .returning();
  const projectRows = await tx
    .insert(projects)
    .values(PROJECTS.map((p) => ({ placeId: community.id, placePath: community.path, title: p.title, summary: p.summary, category: p.category, state: 'open_for_bids' as const, budgetMinor: p.budget * 100, createdBy: staff })))
    .returning();
  await tx.insert(roundProjects).values(projectRows.map((p) => ({ roundId: round.id, projectId: p.id, addedBy: staff })));
  const milestoneRows = await tx
    .insert(projectMilestones)
    .values(projectRows.flatMap((p) => [
      { projectId: p.id, title: '启动与招募', amountMinor: Math.round(p.budgetMinor * 0.4), position: 0, dueOn: new Date(now + 30 * DAY).toISOString().slice(0, 10) },
      { projectId: p.id, title: '服务与结项', amountMinor: p.budgetMinor - Math.round(p.budgetMinor * 0.4), position: 1, dueOn: new Date(now + 120 * DAY).toISOString().slice(0, 10) },
    ]))
    .returning();
  await tx.insert(projectEvents).values(projectRows.map((p) => ({ projectId: p.id, kind: 'created', toState: 'open_for_bids' as const, actorUserId: staff, data: {}, createdAt: new Date(now - 30 * DAY) })));

  const [fair] = await tx
    .insert(fairs)
    .values({ roundId: round.id, placeId: community.id, placePath: community.path, title: '锦华苑社区项目相亲会', heldOn: new Date(now - 10 * DAY).toISOString().slice(0, 10), preferencesCloseAt: new Date(now - 11 * DAY), status: 'proposed', createdBy: staff, createdAt: new Date(now - 25 * DAY) })
    .returning();
  const projectParts = await tx
    .insert(fairParticipants)
    .values(projectRows.map((p) => ({ fairId: fair.id, side: 'project' as const, projectId: p.id, name: p.title, capacity: 1, addedBy: staff })))
    .returning();
  const orgParts = await tx
    .insert(fairParticipants)
    .values(orgs.map((o, i) => ({ fairId: fair.id, side: 'applicant' as const, resourceId: o.id, name: o.name, capacity: i % 3 === 0 ? 2 : 1, addedBy: o.ownerUserId ?? staff })))
    .returning();

  // Rankings that follow fit (an organisation working in the project's category ranks it high) with some taste.
  const fit = (o: (typeof orgs)[number], p: (typeof PROJECTS)[number]) => (o.categories.includes(p.category) ? 3 : 0) + r.next() * 2.5;
  const rankedBy = new Map<string, string[]>();
  orgParts.forEach((op, i) => {
    const scored = projectParts.map((pp, j) => ({ id: pp.id, s: fit(orgs[i], PROJECTS[j]) })).sort((a, b) => b.s - a.s);
    rankedBy.set(op.id, scored.slice(0, r.int(4, 7)).map((x) => x.id));
  });
  projectParts.forEach((pp, j) => {
    const scored = orgParts.map((op, i) => ({ id: op.id, s: fit(orgs[i], PROJECTS[j]) })).sort((a, b) => b.s - a.s);
    rankedBy.set(pp.id, scored.slice(0, r.int(3, 6)).map((x) => x.id));
  });
  for (const part of [...projectParts, ...orgParts]) {
    await tx.update(fairParticipants).set({ ranking: rankedBy.get(part.id)!, rankedBy: part.side === 'project' ? staff : (orgs.find((o) => o.id === part.resourceId)?.ownerUserId ?? staff), rankedAt: new Date(now - 14 * DAY) }).where(eq(fairParticipants.id, part.id));
  }
  const matching = stableMatching(
    {
      projects: projectParts.map((p) => ({ id: p.id, capacity: 1, ranking: rankedBy.get(p.id)! })),
      applicants: orgParts.map((p) => ({ id: p.id, capacity: p.capacity, ranking: rankedBy.get(p.id)! })),
    },
    'applicant',
  );
  const [proposal] = await tx
    .insert(fairProposals)
    .values({ fairId: fair.id, proposing: 'applicant', outcomes: Object.fromEntries([...matching.projects, ...matching.applicants].map((o) => [o.id, o])), createdBy: staff, createdAt: new Date(now - 10 * DAY) })
    .returning();
  const pairRows = await tx
    .insert(fairPairs)
    .values(matching.pairs.map((p) => ({ proposalId: proposal.id, fairId: fair.id, projectParticipantId: p.projectId, applicantParticipantId: p.applicantId, projectRank: p.projectRank, applicantRank: p.applicantRank })))
    .returning();

  // Every pair signed by the project side; all but org@'s organisation's signed by the organisation too, and awarded.
  const signedAt = new Date(now - 10 * DAY);
  const awarded: { projectId: string; awardId: string; ownerUserId: string }[] = [];
  for (const pair of pairRows) {
    const op = orgParts.find((o) => o.id === pair.applicantParticipantId)!;
    const org = orgs.find((o) => o.id === op.resourceId)!;
    const pp = projectParts.find((p) => p.id === pair.projectParticipantId)!;
    const orgSigns = org.ownerUserId !== orgUser && org.ownerUserId;
    await tx
      .update(fairPairs)
      .set({ projectSignedBy: staff, projectSignedAt: signedAt, ...(orgSigns ? { applicantSignedBy: org.ownerUserId, applicantSignedAt: signedAt } : {}) })
      .where(eq(fairPairs.id, pair.id));
    if (!orgSigns) continue;
    const award = await createFairAward(tx, { userId: staff }, { fair, projectId: pp.projectId!, resourceId: org.id, applicantName: org.name, submittedBy: org.ownerUserId! }, signedAt);
    if (!award.ok) throw new Error(`demo fair award: ${award.reason}`);
    await tx.update(fairPairs).set({ awardId: award.awardId }).where(eq(fairPairs.id, pair.id));
    // Signed at the fair, not when the seed ran.
    await tx.update(projectEvents).set({ createdAt: signedAt }).where(and(eq(projectEvents.projectId, pp.projectId!), eq(projectEvents.kind, 'state_changed'), eq(projectEvents.toState, 'awarded')));
    awarded.push({ projectId: pp.projectId!, awardId: award.awardId, ownerUserId: org.ownerUserId! });
  }

  // The first award's notice is over: final, and the project in delivery with progress, a report and a payment.
  const first = awarded[0];
  if (!first) return;
  const finalAt = new Date(now - 5 * DAY);
  await tx.update(awards).set({ status: 'final', finalAt }).where(eq(awards.id, first.awardId));
  await tx.update(projects).set({ state: 'in_progress' }).where(eq(projects.id, first.projectId));
  await tx.insert(projectEvents).values([
    { projectId: first.projectId, kind: 'award_final', actorUserId: null, data: { awardId: first.awardId }, createdAt: finalAt },
    { projectId: first.projectId, kind: 'state_changed', fromState: 'awarded', toState: 'in_progress', actorUserId: null, data: {}, createdAt: finalAt },
  ]);
  const [m1, m2] = milestoneRows.filter((m) => m.projectId === first.projectId);
  await tx.insert(milestoneUpdates).values([
    { milestoneId: m1.id, projectId: first.projectId, percent: 60, note: '已招募 12 名志愿者', createdBy: first.ownerUserId, createdAt: new Date(now - 4 * DAY) },
    { milestoneId: m1.id, projectId: first.projectId, percent: 100, note: '启动会已召开', createdBy: first.ownerUserId, createdAt: new Date(now - 2 * DAY) },
    { milestoneId: m2.id, projectId: first.projectId, percent: 15, note: '', createdBy: first.ownerUserId, createdAt: new Date(now - 1 * DAY) },
  ]);
  await tx.insert(projectEvents).values([
    { projectId: first.projectId, kind: 'milestone_progress', actorUserId: first.ownerUserId, data: { milestoneId: m1.id, title: m1.title, percent: 100 }, createdAt: new Date(now - 2 * DAY) },
    { projectId: first.projectId, kind: 'milestone_progress', actorUserId: first.ownerUserId, data: { milestoneId: m2.id, title: m2.title, percent: 15 }, createdAt: new Date(now - 1 * DAY) },
  ]);
  const [report] = await tx
    .insert(projectReports)
    .values({ projectId: first.projectId, milestoneId: m1.id, kind: 'progress', body: '项目启动：招募志愿者 12 名，完成培训两次，服务对象名单已与社区核对。', isPublic: true, createdBy: first.ownerUserId, createdAt: new Date(now - 2 * DAY) })
    .returning();
  await tx.insert(projectEvents).values({ projectId: first.projectId, kind: 'report', actorUserId: first.ownerUserId, data: { reportId: report.id, milestoneId: m1.id, milestoneTitle: m1.title, photos: 0 }, createdAt: new Date(now - 2 * DAY) });
  if (!fund) return;
  // A modest first payment against milestone 1, approved by staff and paid by the treasurer through the ledger.
  const [project] = await tx.select().from(projects).where(eq(projects.id, first.projectId));
  const amountMinor = 80_000;
  const [d] = await tx
    .insert(disbursements)
    .values({
      fundId: fund.id,
      payeeKind: 'project',
      payeeName: project.delivererName ?? project.title,
      projectName: project.title,
      purpose: `${m1.title}（首付款）`,
      amountMinor,
      currency: fund.currency,
      status: 'paid',
      requestedBy: first.ownerUserId,
      decidedBy: staff,
      decidedAt: new Date(now - 1.5 * DAY),
      receiptRef: 'FP-2026-0117',
      paidBy: byEmail.get('treasurer@fivefold.test')!,
      paidAt: new Date(now - 1 * DAY),
      createdAt: new Date(now - 2 * DAY),
    })
    .returning();
  await postDisbursement(tx, fund, d, byEmail.get('treasurer@fivefold.test')!);
  await tx.insert(milestoneDisbursements).values({ disbursementId: d.id, milestoneId: m1.id, projectId: first.projectId });
  await tx.insert(projectEvents).values({ projectId: first.projectId, kind: 'disbursement_requested', actorUserId: first.ownerUserId, data: { milestoneId: m1.id, title: m1.title, amountMinor, currency: fund.currency }, createdAt: new Date(now - 2 * DAY) });
}
