// Demo deliberation: a residents' council per community with reserved seats, supervisors and meetings; topics at
// different stages; a renovation decided by a household vote that reached its 60% threshold in the old estate
// (with paper ballots and signature sheets, realistic turnout); an open vote in 锦华苑; a finished evaluation.
import { asc, eq, like } from 'drizzle-orm';
import { tally } from '../../app/deliberation/rules';
import type { BallotChannel } from '../../app/deliberation/values';
import type { Tx } from '../client';
import {
  ballots,
  councilMeetings,
  councilMembers,
  councilReservedSeats,
  councils,
  evaluationPanels,
  households,
  panelCriteria,
  panelMembers,
  panelScores,
  places,
  projects,
  topicComments,
  topicEvents,
  topics,
  users,
  voteOptions,
  voteParticipations,
  votes,
} from '../schema';
import { chineseName, seededRandom } from './random';

const DAY = 86_400_000;

export async function seedDeliberation(tx: Tx) {
  const r = seededRandom(1111);
  const now = Date.now();
  const byEmail = async (email: string) => (await tx.select({ id: users.id }).from(users).where(eq(users.email, email)))[0].id;
  const staff = await byEmail('staff@fivefold.test');
  const staff2 = await byEmail('staff2@fivefold.test');
  const resident = await byEmail('resident@fivefold.test');
  const evaluator = await byEmail('evaluator@fivefold.test');
  const volunteer = await byEmail('volunteer@fivefold.test');
  const communities = await tx.select().from(places).where(eq(places.type, 'community')).orderBy(asc(places.createdAt));
  const [c1, c2] = [communities.find((c) => c.nameZh === '锦华苑社区')!, communities.find((c) => c.nameZh === '老槐树社区')!];
  const termStartsOn = `${new Date().getFullYear() - 1}-03-01`;
  const termEndsOn = `${new Date().getFullYear() + 2}-02-28`;

  const councilOf = new Map<string, string>();
  for (const c of communities) {
    const [council] = await tx
      .insert(councils)
      .values({ placeId: c.id, placePath: c.path, nameZh: `${c.nameZh}居民议事会`, nameEn: `${c.nameEn} Residents’ Council`, termStartsOn, termEndsOn })
      .returning();
    councilOf.set(c.id, council.id);
    await tx.insert(councilReservedSeats).values([
      { councilId: council.id, seatGroup: 'local_residents', seats: 3 },
      { councilId: council.id, seatGroup: 'migrant_workers', seats: 2 },
      { councilId: council.id, seatGroup: 'elderly', seats: 1 },
    ]);
    const seats = [
      'general',
      'general',
      'general',
      'local_residents',
      'local_residents',
      'local_residents',
      'migrant_workers',
      'migrant_workers',
      'elderly',
    ] as const;
    await tx
      .insert(councilMembers)
      .values([
        ...seats.map((seatGroup, i) => ({
          councilId: council.id,
          name: chineseName(r),
          role: i === 0 ? ('chair' as const) : i === 1 ? ('vice_chair' as const) : ('member' as const),
          seatGroup,
          // A reserved seat is held only by someone staff recorded as of its group (seatProblem checks the same).
          groups: seatGroup === 'general' ? [] : [seatGroup],
          termStartsOn,
          termEndsOn,
        })),
        { councilId: council.id, name: chineseName(r), role: 'supervisor' as const, seatGroup: 'general' as const, termStartsOn, termEndsOn },
        { councilId: council.id, name: chineseName(r), role: 'supervisor' as const, seatGroup: 'general' as const, termStartsOn, termEndsOn },
      ]);
  }

  const topic = async (
    c: typeof c1,
    input: {
      title: string;
      problem: string;
      suggestion: string;
      origin: 'resident' | 'staff';
      by: string | null;
      stages: string[];
      plan?: string;
      reply?: string;
      daysAgo: number;
      projectId?: string;
    },
  ) => {
    const stage = input.stages.at(-1) as (typeof topics.$inferInsert)['stage'];
    const [row] = await tx
      .insert(topics)
      .values({
        placeId: c.id,
        placePath: c.path,
        councilId: councilOf.get(c.id)!,
        title: input.title,
        problem: input.problem,
        suggestion: input.suggestion,
        origin: input.origin,
        proposedByUserId: input.by,
        stage,
        plan: input.plan ?? '',
        reply: input.reply ?? null,
        projectId: input.projectId ?? null,
        stageChangedAt: new Date(now - (input.daysAgo / input.stages.length) * DAY),
        createdAt: new Date(now - input.daysAgo * DAY),
      })
      .returning();
    let from: string | null = null;
    for (const [i, s] of input.stages.entries()) {
      await tx
        .insert(topicEvents)
        .values({
          topicId: row.id,
          fromStage: from as never,
          toStage: s as never,
          actorUserId: i === 0 ? input.by : c.id === c1.id ? staff : staff2,
          createdAt: new Date(now - input.daysAgo * DAY + i * (input.daysAgo / input.stages.length) * DAY),
        });
      from = s;
    }
    return row;
  };

  // 老槐树社区: the renovation of the old estate, decided by households (60% of households), now being carried out.
  const [renovation] = await tx
    .insert(projects)
    .values({
      placeId: c2.id,
      placePath: c2.path,
      title: '纺织厂宿舍老旧小区改造（雨污分流与外墙修缮）',
      summary: '按居民表决通过的方案实施：雨污分流、外墙修缮、增设晾晒区。',
      goals: '雨污分流、外墙修缮、增设晾晒区',
      category: 'repairs',
      state: 'in_progress',
      budgetMinor: 180_000_000,
      createdBy: staff2,
    })
    .returning();
  const reno = await topic(c2, {
    title: '纺织厂宿舍老旧小区改造方案',
    problem: '楼龄四十年，雨天污水倒灌，外墙脱落，没有晾晒的地方。',
    suggestion: '申请老旧小区改造资金，实施雨污分流、外墙修缮，并增设晾晒区。',
    origin: 'resident',
    by: null,
    stages: ['listed', 'chosen', 'notice', 'deliberation', 'plan', 'implementation'],
    plan: '一、雨污分流改造；二、外墙修缮；三、在3号楼北侧增设晾晒区。居民自筹部分每户不超过200元。',
    daysAgo: 120,
    projectId: renovation.id,
  });
  const c2Households = await tx
    .select({ id: households.id })
    .from(households)
    .innerJoin(places, eq(places.id, households.placeId))
    .where(like(places.path, `${c2.path}%`))
    .orderBy(asc(households.unit), asc(households.id));
  const closedAt = new Date(now - 40 * DAY);
  const [renoVote] = await tx
    .insert(votes)
    .values({
      topicId: reno.id,
      placeId: c2.id,
      placePath: c2.path,
      question: '是否同意按议定方案实施纺织厂宿舍改造？',
      description: '按户表决，同意户数达到全体住户的60%即通过。',
      unit: 'household',
      thresholdPermille: 600,
      quorumPermille: 500,
      abstentionsCountForQuorum: true,
      paperBallotsCount: true,
      binding: true,
      opensAt: new Date(now - 54 * DAY),
      closesAt: closedAt,
      status: 'closed',
      eligibleCount: c2Households.length,
      closedAt,
      createdByUserId: staff2,
    })
    .returning();
  const opts = await tx
    .insert(voteOptions)
    .values([
      { voteId: renoVote.id, position: 0, label: '同意', kind: 'choice' },
      { voteId: renoVote.id, position: 1, label: '不同意', kind: 'choice' },
      { voteId: renoVote.id, position: 2, label: '弃权', kind: 'abstain' },
    ])
    .returning();
  // 66 for, 14 against, 6 abstaining of the households; many elders voted on paper or signed the sheets.
  const plan: { option: number; channel: BallotChannel }[] = [
    ...Array.from({ length: 38 }, () => ({ option: 0, channel: 'online' as const })),
    ...Array.from({ length: 17 }, () => ({ option: 0, channel: 'paper' as const })),
    ...Array.from({ length: 11 }, () => ({ option: 0, channel: 'signature_sheet' as const })),
    ...Array.from({ length: 11 }, () => ({ option: 1, channel: 'online' as const })),
    ...Array.from({ length: 3 }, () => ({ option: 1, channel: 'paper' as const })),
    ...Array.from({ length: 6 }, () => ({ option: 2, channel: 'online' as const })),
  ].slice(0, Math.floor(c2Households.length * 0.86));
  await tx
    .insert(voteParticipations)
    .values(
      plan.map((p, i) => ({
        voteId: renoVote.id,
        householdId: c2Households[i].id,
        channel: p.channel,
        enteredByUserId: p.channel === 'online' ? null : staff2,
        paperReference:
          p.channel === 'paper'
            ? `纸质-${String(i + 1).padStart(3, '0')}`
            : p.channel === 'signature_sheet'
            ? `签名表${1 + Math.floor(i / 20)}-${(i % 20) + 1}`
            : null,
        createdAt: new Date(now - (54 - (i % 14)) * DAY),
      })),
    );
  await tx.insert(ballots).values(plan.map((p) => ({ voteId: renoVote.id, optionId: opts[p.option].id, channel: p.channel })));
  const counts = opts.map((o, i) => ({
    id: o.id,
    kind: o.kind,
    counts: plan
      .filter((p) => p.option === i)
      .reduce<Partial<Record<BallotChannel, number>>>((acc, p) => ({ ...acc, [p.channel]: (acc[p.channel] ?? 0) + 1 }), {}),
  }));
  const t = tally(
    { eligible: c2Households.length, thresholdPermille: 600, quorumPermille: 500, abstentionsCountForQuorum: true, paperBallotsCount: true },
    counts,
  );
  const channels = {
    online: plan.filter((p) => p.channel === 'online').length,
    paper: plan.filter((p) => p.channel === 'paper').length,
    signature_sheet: plan.filter((p) => p.channel === 'signature_sheet').length,
  };
  await tx
    .update(votes)
    .set({ result: { tally: t, channels, participants: plan.length } })
    .where(eq(votes.id, renoVote.id));
  await tx.insert(councilMeetings).values([
    {
      councilId: councilOf.get(c2.id)!,
      type: 'hearing',
      title: '老旧小区改造方案听证会',
      topicId: reno.id,
      startsAt: new Date(now - 70 * DAY),
      location: '社区党群服务中心二楼',
      agenda: '一、设计单位介绍方案；二、居民提问；三、收集意见。',
      minutes: '到会居民代表42人。主要意见：晾晒区位置、施工期间停水安排。设计单位将调整晾晒区位置。',
      status: 'held',
    },
    {
      councilId: councilOf.get(c2.id)!,
      type: 'consultation',
      title: '改造方案协商会',
      topicId: reno.id,
      startsAt: new Date(now - 60 * DAY),
      location: '社区议事厅',
      agenda: '一、确认修改后的方案；二、商定表决办法（按户，60%通过）。',
      minutes: '议事会成员一致同意提交全体住户表决，纸质选票由网格员入户发放。',
      status: 'held',
    },
  ]);

  // 锦华苑社区: an open vote on e-bike charging, a listed topic by the demo resident, a declined one, and a finished
  // topic with its evaluation panel's published result.
  const charging = await topic(c1, {
    title: '在小区增设电动自行车集中充电棚',
    problem: '居民把电瓶车推进楼道充电，存在火灾隐患。',
    suggestion: '在二期北门空地建设带智能充电桩的车棚。',
    origin: 'resident',
    by: resident,
    stages: ['listed', 'chosen', 'notice', 'deliberation'],
    daysAgo: 30,
  });
  const c1Households = await tx
    .select({ id: households.id })
    .from(households)
    .innerJoin(places, eq(places.id, households.placeId))
    .where(like(places.path, `${c1.path}%`))
    .orderBy(asc(households.unit), asc(households.id));
  const [openVote] = await tx
    .insert(votes)
    .values({
      topicId: charging.id,
      placeId: c1.id,
      placePath: c1.path,
      question: '是否同意在二期北门建设电动自行车充电棚？',
      description: '按户投票，同意户数达到全体住户的60%即通过。每户由登记的投票人投票；投票人没有账户的，可由家中其他成年人代投。',
      unit: 'household',
      thresholdPermille: 600,
      quorumPermille: 0,
      abstentionsCountForQuorum: true,
      paperBallotsCount: true,
      binding: true,
      opensAt: new Date(now - 3 * DAY),
      closesAt: new Date(now + 11 * DAY),
      status: 'open',
      eligibleCount: c1Households.length,
      createdByUserId: staff,
    })
    .returning();
  const openOpts = await tx
    .insert(voteOptions)
    .values([
      { voteId: openVote.id, position: 0, label: '同意', kind: 'choice' },
      { voteId: openVote.id, position: 1, label: '不同意', kind: 'choice' },
      { voteId: openVote.id, position: 2, label: '弃权', kind: 'abstain' },
    ])
    .returning();
  // The demo resident's household (the first one) has not voted; 40 others have.
  const voted = c1Households.filter((h, i) => i >= 5 && i < 45);
  await tx
    .insert(voteParticipations)
    .values(
      voted.map((h, i) => ({
        voteId: openVote.id,
        householdId: h.id,
        channel: i % 8 === 0 ? ('paper' as const) : ('online' as const),
        enteredByUserId: i % 8 === 0 ? staff : null,
        paperReference: i % 8 === 0 ? `纸质-${i}` : null,
      })),
    );
  await tx
    .insert(ballots)
    .values(
      voted.map((_, i) => ({
        voteId: openVote.id,
        optionId: openOpts[i % 5 === 4 ? 1 : i % 11 === 10 ? 2 : 0].id,
        channel: i % 8 === 0 ? ('paper' as const) : ('online' as const),
      })),
    );
  await tx.insert(topicComments).values([
    { topicId: charging.id, authorUserId: volunteer, body: '支持！楼道里充电太危险了，去年隔壁小区就出过事。', createdAt: new Date(now - 20 * DAY) },
    { topicId: charging.id, authorUserId: staff, body: '物业已确认北门空地可以使用，费用由社区微基金和充电收费分担。', createdAt: new Date(now - 18 * DAY) },
  ]);
  await topic(c1, {
    title: '增加小区夜间照明',
    problem: '一期3号楼到北门的小路晚上很黑，老人走路不安全。',
    suggestion: '加装太阳能路灯。',
    origin: 'resident',
    by: resident,
    stages: ['listed'],
    daysAgo: 4,
  });
  await topic(c1, {
    title: '把中心广场改成停车场',
    problem: '停车位不够。',
    suggestion: '把中心广场改成停车场。',
    origin: 'resident',
    by: null,
    stages: ['listed', 'declined'],
    reply: '广场是居民唯一的活动场地，议事会决定不采纳；停车问题另立议题，研究错时共享停车。',
    daysAgo: 60,
  });
  const canteen = await topic(c1, {
    title: '开设长者助餐点',
    problem: '社区高龄独居老人多，做饭困难。',
    suggestion: '在社区服务中心开设长者助餐点，提供午餐和送餐。',
    origin: 'staff',
    by: staff,
    stages: ['listed', 'chosen', 'notice', 'deliberation', 'plan', 'implementation', 'evaluation', 'done'],
    plan: '在社区服务中心一楼开设助餐点，每天供应午餐，80岁以上老人可申请送餐。',
    daysAgo: 300,
  });
  const [panel] = await tx
    .insert(evaluationPanels)
    .values({
      placeId: c1.id,
      placePath: c1.path,
      topicId: canteen.id,
      title: '长者助餐点运行一年评估',
      status: 'published',
      publishedAt: new Date(now - 10 * DAY),
      createdByUserId: staff,
    })
    .returning();
  const criteria = await tx
    .insert(panelCriteria)
    .values([
      { panelId: panel.id, position: 0, outcome: '每天按时供应午餐', maxScore: 5 },
      { panelId: panel.id, position: 1, outcome: '80岁以上老人可申请送餐', maxScore: 5 },
      { panelId: panel.id, position: 2, outcome: '饭菜质量与价格让老人满意', maxScore: 5 },
    ])
    .returning();
  const members = await tx
    .insert(panelMembers)
    .values([
      { panelId: panel.id, userId: evaluator },
      { panelId: panel.id, userId: resident },
      { panelId: panel.id, userId: volunteer },
    ])
    .returning();
  const marks = [
    [5, 4, 4],
    [4, 4, 3],
    [5, 5, 4],
  ];
  await tx
    .insert(panelScores)
    .values(members.flatMap((m, mi) => criteria.map((c, ci) => ({ panelId: panel.id, criterionId: c.id, memberId: m.id, score: marks[mi][ci], comment: '' }))));
  await tx
    .update(evaluationPanels)
    .set({
      result: {
        members: members.length,
        scored: members.length,
        criteria: criteria.map((c, ci) => ({
          id: c.id,
          outcome: c.outcome,
          maxScore: c.maxScore,
          averageHundredths: Math.round((marks.reduce((s, m) => s + m[ci], 0) * 100) / marks.length),
          scores: marks.length,
        })),
      },
    })
    .where(eq(evaluationPanels.id, panel.id));
  await tx.insert(councilMeetings).values([
    {
      councilId: councilOf.get(c1.id)!,
      type: 'consultation',
      title: '电动自行车充电棚协商会',
      topicId: charging.id,
      startsAt: new Date(now - 12 * DAY),
      location: '社区议事厅',
      agenda: '一、物业介绍选址；二、讨论收费办法；三、确定表决方式。',
      minutes: '同意按户表决，门槛为全体住户的60%。',
      status: 'held',
    },
    {
      councilId: councilOf.get(c1.id)!,
      type: 'evaluation',
      title: '长者助餐点评议会',
      topicId: canteen.id,
      startsAt: new Date(now - 14 * DAY),
      location: '社区服务中心',
      agenda: '评估团打分，听取老人意见。',
      minutes: '评估团三位成员打分，平均分均在4分左右；建议增加菜品种类。',
      status: 'held',
    },
    {
      councilId: councilOf.get(c1.id)!,
      type: 'coordination',
      title: '夜间照明协调会',
      startsAt: new Date(now + 5 * DAY),
      location: '社区议事厅',
      agenda: '一、讨论“增加小区夜间照明”议题；二、邀请物业和供电所参加。',
      status: 'scheduled',
    },
  ]);
  return { c1Topic: charging.id, openVote: openVote.id, renovationVote: renoVote.id, panel: panel.id };
}
