// A year of needs across the demo communities: realistic categories and channels, most answered and rated,
// some rejected, referred or merged, a few still open and overdue (and escalated), and fresh ones awaiting triage.
import { and, eq, inArray } from 'drizzle-orm';
import { deadlinesFor, deadlineState, defaultServiceLevels, escalationTarget } from '../../app/needs/deadlines';
import { sanitiseSummary } from '../../app/needs/sanitise';
import type { EscalationLevel, NeedStatus, Urgency } from '../../app/needs/values';
import type { Tx } from '../client';
import { needDispatches, needEscalations, needEvents, needPrivateDetails, needProgress, needRatings, needs, places, resources, users } from '../schema';
import { chineseName, seededRandom, type Random } from './random';

type Template = { title: string; description: string; quantity?: [number, string]; recurrence?: 'once' | 'weekly' | 'daily' | 'monthly'; beneficiary?: 'person' | 'household' | 'building' | 'community' };

const TEMPLATES: Record<string, Template[]> = {
  elderly_care: [
    { title: '独居老人需要定期上门探访', description: '老人八十多岁，子女在外地，希望每周有人上门看看、陪聊天。', quantity: [1, '次'], recurrence: 'weekly' },
    { title: '失能老人需要助浴服务', description: '老人卧床，家属一人无法帮助洗澡。', quantity: [2, '次'], recurrence: 'monthly' },
    { title: '老人需要陪同就医', description: '下周要去区医院复查，行动不便，需要有人陪同。', quantity: [1, '次'] },
  ],
  meals: [
    { title: '高龄老人需要送餐上门', description: '长者食堂的饭菜老人很喜欢，但腿脚不便，需要有人送餐。', quantity: [5, '餐'], recurrence: 'weekly' },
    { title: '术后居民需要短期送餐', description: '刚做完手术，家中无人做饭，需要两周的午餐。', quantity: [14, '餐'] },
  ],
  child_care: [
    { title: '双职工家庭孩子放学后无人照看', description: '希望参加四点半课堂，辅导作业。', quantity: [5, '次'], recurrence: 'weekly' },
    { title: '暑期需要少儿托管班', description: '外来务工家庭，暑假孩子无人看管。', beneficiary: 'household' },
  ],
  disability: [
    { title: '轮椅使用者出行需要无障碍坡道', description: '单元门口台阶过高，轮椅无法通过。', beneficiary: 'building' },
    { title: '视障居民需要读信和办事协助', description: '每月需要有人帮忙读信件、缴费。', quantity: [2, '次'], recurrence: 'monthly' },
  ],
  health: [
    { title: '慢病老人需要定期测血压', description: '希望社区医生或志愿者每周上门测量。', quantity: [1, '次'], recurrence: 'weekly' },
    { title: '需要心理疏导', description: '家中变故后情绪低落，希望社工上门谈谈。' },
  ],
  legal_aid: [
    { title: '邻里漏水纠纷需要调解', description: '楼上漏水多次，沟通无果。', beneficiary: 'household' },
    { title: '拖欠工资需要法律咨询', description: '务工人员被拖欠三个月工资。' },
  ],
  repairs: [
    { title: '楼道路灯损坏', description: '三楼到五楼的声控灯都不亮了，晚上上下楼很危险。', beneficiary: 'building' },
    { title: '老旧小区屋顶漏雨', description: '顶楼住户每逢下雨屋内漏水。', beneficiary: 'building' },
    { title: '独居老人家中水龙头需要维修', description: '水龙头一直滴水，老人自己修不了。' },
  ],
  environment: [
    { title: '小区垃圾分类点需要清理', description: '分类点周边堆放杂物，气味很大。', beneficiary: 'community' },
    { title: '希望把闲置空地改成口袋公园', description: '小区东侧有块空地，居民希望建小游园。', beneficiary: 'community' },
  ],
  safety: [
    { title: '楼道堆放杂物有消防隐患', description: '楼道内堆放纸箱和电动车。', beneficiary: 'building' },
    { title: '小区门口需要增设监控', description: '近期电动车被盗多起。', beneficiary: 'community' },
  ],
  culture_education: [
    { title: '希望开设老年智能手机课', description: '不会用手机挂号、付款，希望有人教。', quantity: [4, '课时'] },
    { title: '社区需要阅读角', description: '孩子们放学后希望有地方看书。', beneficiary: 'community' },
  ],
  employment: [
    { title: '失业居民需要再就业培训', description: '四十多岁，希望学习家政或养老护理技能。' },
    { title: '残疾人需要就业推荐', description: '能做手工和简单的文字工作。' },
  ],
  other: [{ title: '希望社区组织邻里节活动', description: '新搬来的居民多，希望大家多认识。', beneficiary: 'community' }],
};

const WEIGHTS: Record<string, number> = { elderly_care: 16, meals: 14, child_care: 9, disability: 5, health: 8, legal_aid: 6, repairs: 15, environment: 8, safety: 6, culture_education: 6, employment: 4, other: 3 };
const categoryBag = Object.entries(WEIGHTS).flatMap(([k, w]) => Array<string>(w).fill(k));
const URGENCY_BAG: Urgency[] = ['low', 'normal', 'normal', 'normal', 'normal', 'high', 'high', 'critical'];
const STAFF_CHANNELS = ['door_to_door', 'yard_meeting', 'hotline', 'walk_in', 'import'] as const;
const TEAMS = ['助老服务队', '青年志愿服务队', '巾帼志愿服务队', '党员先锋队'];
// Organisations of the demo's resource list (db/seed/resources.ts), so their ratings reach their profiles.
const ORGS = ['云溪社工服务中心', '江临市乐龄养老服务中心', '青川区阳光助残服务社'];
const DEPARTMENTS = ['街道城管科', '街道民政科', '区住建局物业科', '派出所社区警务室', '街道司法所'];
const DAY = 86_400_000;
const HOUR = 3_600_000;

const stars = (r: Random) => {
  const x = r.next();
  return x < 0.5 ? 5 : x < 0.8 ? 4 : x < 0.92 ? 3 : x < 0.97 ? 2 : 1;
};

/** Seeds about 110 needs per demo community, inside the demo's transaction. */
export async function seedNeeds(tx: Tx) {
  const r = seededRandom(3_2026);
  const now = Date.now();
  const communities = await tx.select().from(places).where(eq(places.type, 'community')).orderBy(places.createdAt);
  const emails = ['resident', 'volunteer', 'teamlead', 'org', 'socialworker', 'gridworker', 'staff', 'staff2', 'streetstaff'].map((e) => `${e}@fivefold.test`);
  const people = await tx.select({ id: users.id, email: users.email, name: users.name }).from(users).where(inArray(users.email, emails));
  const who = (e: string) => people.find((p) => p.email === `${e}@fivefold.test`)?.id ?? null;
  const [elder] = await tx.select({ id: users.id }).from(users).where(and(eq(users.name, '王秀英')));

  const needRows: (typeof needs.$inferInsert)[] = [];
  const privateRows: (typeof needPrivateDetails.$inferInsert)[] = [];
  const eventRows: (typeof needEvents.$inferInsert)[] = [];
  const dispatchRows: (typeof needDispatches.$inferInsert)[] = [];
  const progressRows: (typeof needProgress.$inferInsert)[] = [];
  const ratingRows: (typeof needRatings.$inferInsert)[] = [];
  const escalationRows: (typeof needEscalations.$inferInsert)[] = [];

  for (const [ci, community] of communities.entries()) {
    const grids = await tx.select().from(places).where(and(eq(places.parentId, community.id), eq(places.type, 'grid')));
    const buildingsByGrid = new Map<string, string[]>();
    for (const g of grids) {
      const inGrid = await tx.select({ id: places.id, path: places.path, type: places.type }).from(places).where(eq(places.type, 'building'));
      buildingsByGrid.set(g.id, inGrid.filter((b) => b.path.startsWith(g.path)).map((b) => b.id));
    }
    const first = ci === 0;
    const staffId = first ? who('staff') : ci === 1 ? who('staff2') : who('streetstaff');
    const doers = first
      ? [who('volunteer'), who('teamlead'), who('socialworker'), who('gridworker'), who('org')]
      : [who('org'), staffId, who('streetstaff')];
    const count = 110;
    const kept: { id: string; category: string }[] = [];
    for (let i = 0; i < count; i++) {
      const id = crypto.randomUUID();
      // The first few of the first community are fresh and unverified: the triage queue and "my needs" have work.
      const ageDays = first && i < 4 ? r.int(0, 1) : r.int(0, 365);
      const raisedAt = new Date(now - ageDays * DAY - r.int(0, 20) * HOUR);
      const category = r.pick(categoryBag);
      const template = r.pick(TEMPLATES[category]);
      const urgency = r.pick(URGENCY_BAG);
      const grid = r.pick(grids);
      const beneficiary = template.beneficiary ?? 'person';
      const placeId = beneficiary === 'community' ? community.id : r.pick(buildingsByGrid.get(grid.id)!);
      const gridId = beneficiary === 'community' ? null : grid.id;
      const level = deadlinesFor(raisedAt, defaultServiceLevels[urgency]);

      let requesterUserId: string | null = null;
      let channel: (typeof needs.$inferInsert)['channel'];
      if (first && i % 9 === 0) {
        requesterUserId = who('resident');
        channel = 'online';
      } else if (first && i % 13 === 1 && elder) {
        requesterUserId = elder.id;
        channel = 'online';
      } else if (r.chance(0.15)) channel = 'anonymous';
      else channel = r.pick(STAFF_CHANNELS);
      const contact = chineseName(r);
      const raisedBy = channel === 'online' ? requesterUserId : channel === 'anonymous' ? null : r.pick([staffId, first ? who('gridworker') : staffId, first ? who('socialworker') : staffId]);

      // Where the need stands now, by its age.
      let status: NeedStatus;
      const x = r.next();
      if (first && i < 4) status = i < 3 ? 'raised' : 'triaged';
      else if (ageDays > 30) status = x < 0.66 ? 'rated' : x < 0.78 ? 'closed' : x < 0.84 ? 'rejected' : x < 0.89 ? 'out_of_scope' : x < 0.93 && kept.some((k) => k.category === category) ? 'merged' : x < 0.97 ? 'in_progress' : 'rated';
      else if (ageDays > 7) status = x < 0.25 ? 'rated' : x < 0.4 ? 'closed' : x < 0.55 ? 'resolved' : x < 0.8 ? 'in_progress' : x < 0.92 ? 'dispatched' : 'triaged';
      else status = x < 0.35 ? 'raised' : x < 0.6 ? 'triaged' : x < 0.85 ? 'dispatched' : 'in_progress';

      const quantity = template.quantity?.[0] ?? null;
      const events: (typeof needEvents.$inferInsert)[] = [];
      let t = raisedAt.getTime();
      const later = (minH: number, maxH: number) => (t = Math.min(now - 60_000, t + r.int(minH, maxH) * HOUR));
      const ev = (kind: (typeof needEvents.$inferInsert)['kind'], actorUserId: string | null, actorRole: string, toStatus: NeedStatus | null, data: Record<string, unknown> = {}, note: string | null = null) =>
        events.push({ needId: id, kind, actorUserId, actorRole, toStatus, data, note, createdAt: new Date(t) });
      ev('raised', raisedBy, channel === 'online' ? 'resident' : channel === 'anonymous' ? 'anonymous' : first && raisedBy === who('gridworker') ? 'grid_worker' : 'community_staff', 'raised', { channel });

      let firstRespondedAt: Date | null = null;
      let resolvedAt: Date | null = null;
      let closedAt: Date | null = null;
      let reply: string | null = null;
      let mergedIntoId: string | null = null;
      let needType: (typeof needs.$inferInsert)['needType'] = null;
      let responsibleUserId: string | null = first && gridId === grids[0].id ? who('gridworker') : staffId;
      const staffRole = ci === 2 ? 'street_staff' : 'community_staff';

      if (status !== 'raised') {
        later(1, urgency === 'critical' ? 2 : 40);
        firstRespondedAt = new Date(t);
        if (status === 'rejected') {
          reply = '经核实，该问题已由物业公司按合同处理，不再另行立案。';
          ev('rejected', staffId, staffRole, 'rejected', { reason: reply });
          resolvedAt = new Date(t);
        } else if (status === 'out_of_scope') {
          reply = '该事项属区级部门职责（如学位、户籍），已告知办理渠道和咨询电话，并转交街道跟进。';
          ev('out_of_scope', staffId, staffRole, 'out_of_scope', { reply });
          resolvedAt = new Date(t);
        } else if (status === 'merged') {
          mergedIntoId = r.pick(kept.filter((k) => k.category === category)).id;
          ev('merged', staffId, staffRole, 'merged', { intoNeedId: mergedIntoId });
        } else {
          needType = urgency === 'critical' ? 'urgent' : category === 'legal_aid' || category === 'health' ? 'specialist' : r.chance(0.1) ? 'hard' : 'routine';
          ev('triaged', staffId, staffRole, 'triaged', { category, urgency, needType });
          if (status !== 'triaged') {
            later(2, 30);
            const doer = r.pick(doers)!;
            const kind = r.pick(['person', 'person', 'team', 'organisation', 'department'] as const);
            const assigneeName = kind === 'team' ? `${community.nameZh.replace('社区', '')}${r.pick(TEAMS)}` : kind === 'organisation' ? r.pick(ORGS) : kind === 'department' ? r.pick(DEPARTMENTS) : null;
            const dispatchId = crypto.randomUUID();
            dispatchRows.push({ id: dispatchId, needId: id, assigneeType: kind, assigneeUserId: kind === 'person' ? doer : null, assigneeName, responsibleUserId: doer, quantity, dispatchedByUserId: staffId, createdAt: new Date(t) });
            responsibleUserId = doer;
            ev('dispatched', staffId, staffRole, 'dispatched', { dispatchId, assigneeType: kind, ...(assigneeName ? { assigneeName } : {}), quantity });
            const doerRole = doer === who('volunteer') ? 'volunteer' : doer === who('teamlead') ? 'team_leader' : doer === who('org') ? 'org_member' : doer === who('socialworker') ? 'social_worker' : doer === who('gridworker') ? 'grid_worker' : staffRole;
            if (status !== 'dispatched') {
              const reports = r.int(1, 3);
              for (let k = 0; k < reports; k++) {
                later(12, 72);
                const q = quantity ? Math.max(1, Math.floor(quantity / reports)) : 0;
                progressRows.push({ needId: id, dispatchId, quantity: q, note: r.pick(['已上门了解情况', '本周服务已完成', '已联系相关部门，等待材料', '已完成部分维修']), reportedByUserId: doer, createdAt: new Date(t) });
                ev('progress', doer, doerRole, 'in_progress', { quantity: q });
              }
              if (['resolved', 'closed', 'rated'].includes(status)) {
                later(2, 48);
                resolvedAt = new Date(t);
                ev('resolved', doer, doerRole, 'resolved', { quantity: 0 });
              }
              if (['closed', 'rated'].includes(status)) {
                later(4, 72);
                closedAt = new Date(t);
                const byRequester = Boolean(requesterUserId);
                ev('closed', byRequester ? requesterUserId : staffId, byRequester ? 'resident' : staffRole, 'closed', { forRequester: !byRequester });
              }
              if (status === 'rated') {
                later(1, 48);
                const s = stars(r);
                ratingRows.push({ needId: id, stars: s, comment: s >= 4 ? r.pick(['很及时，谢谢志愿者', '服务很贴心', '问题解决了，满意']) : r.pick(['等得有点久', '只解决了一部分']), ratedByUserId: requesterUserId ?? staffId, onBehalfOfUserId: requesterUserId ? null : null, createdAt: new Date(t) });
                ev('rated', requesterUserId ?? staffId, requesterUserId ? 'resident' : staffRole, 'rated', { stars: s });
              }
            }
          }
        }
      }

      // Open needs past their deadline were escalated by the job: grid → community → street.
      let escalationLevel: EscalationLevel = gridId ? 'grid' : 'community';
      const state = deadlineState({ status, raisedAt, ...level }, new Date(now));
      const target = escalationTarget(state, escalationLevel);
      if (target !== escalationLevel) {
        const escalatedTo = target === 'street' ? who('streetstaff') : staffId;
        escalationRows.push({ needId: id, fromLevel: escalationLevel, toLevel: target, responsibleUserId: escalatedTo });
        t = Math.min(now - 60_000, Math.max(t, level.resolutionDueAt.getTime() + HOUR));
        ev('escalated', null, 'system', status, { from: escalationLevel, to: target });
        escalationLevel = target;
        responsibleUserId = escalatedTo;
      }

      needRows.push({
        id,
        communityId: community.id,
        gridId,
        placeId,
        title: template.title,
        description: template.description,
        publicSummary: sanitiseSummary(template.title),
        category,
        beneficiary,
        quantity,
        quantityUnit: template.quantity?.[1] ?? null,
        recurrence: template.recurrence ?? 'once',
        urgency,
        needType,
        status,
        channel,
        requesterUserId,
        raisedByUserId: raisedBy,
        mergedIntoId,
        reply,
        escalationLevel,
        responsibleUserId,
        raisedAt,
        ...level,
        firstRespondedAt,
        resolvedAt,
        closedAt,
        createdAt: raisedAt,
      });
      if (!requesterUserId) {
        privateRows.push({
          needId: id,
          contactName: contact,
          phone: `13${r.int(0, 9)}${String(r.int(0, 99_999_999)).padStart(8, '0')}`,
          address: beneficiary === 'community' ? null : `${r.int(1, 3)}单元${r.int(1, 6)}0${r.int(1, 4)}`,
          healthNotes: category === 'elderly_care' || category === 'health' || category === 'disability' ? r.pick(['高血压，行动不便', '轻度认知障碍', '下肢残疾，使用轮椅', '糖尿病']) : null,
        });
      }
      eventRows.push(...events);
      if (['triaged', 'dispatched', 'in_progress'].includes(status)) kept.push({ id, category });
    }
  }

  const CHUNK = 200;
  for (let k = 0; k < needRows.length; k += CHUNK) await tx.insert(needs).values(needRows.slice(k, k + CHUNK));
  for (let k = 0; k < privateRows.length; k += CHUNK) await tx.insert(needPrivateDetails).values(privateRows.slice(k, k + CHUNK));
  for (let k = 0; k < dispatchRows.length; k += CHUNK) await tx.insert(needDispatches).values(dispatchRows.slice(k, k + CHUNK));
  for (let k = 0; k < progressRows.length; k += CHUNK) await tx.insert(needProgress).values(progressRows.slice(k, k + CHUNK));
  for (let k = 0; k < ratingRows.length; k += CHUNK) await tx.insert(needRatings).values(ratingRows.slice(k, k + CHUNK));
  for (let k = 0; k < escalationRows.length; k += CHUNK) await tx.insert(needEscalations).values(escalationRows.slice(k, k + CHUNK));
  for (let k = 0; k < eventRows.length; k += CHUNK) await tx.insert(needEvents).values(eventRows.slice(k, k + CHUNK));
}

/**
 * Links the demo's dispatches to organisations to their resource-list entries (seeded after the needs), as dispatching
 * from the list does: the ratings of those needs then roll up to the organisations' satisfaction.
 */
export async function linkDispatchesToResources(tx: Tx) {
  const orgs = await tx.select({ id: resources.id, name: resources.name }).from(resources).where(and(eq(resources.kind, 'organisation'), inArray(resources.name, ORGS)));
  for (const o of orgs) {
    await tx
      .update(needDispatches)
      .set({ assigneeResourceId: o.id })
      .where(and(eq(needDispatches.assigneeType, 'organisation'), eq(needDispatches.assigneeName, o.name)));
  }
}
