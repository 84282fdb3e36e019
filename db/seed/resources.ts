// Demo resources: 120 volunteers (volunteer001…volunteer120@fivefold.test) with skills, hours and background
// checks, 8 teams, 10 social organisations and 20 offers (venues, goods, services, in-kind gifts) across the
// demo street. Batched inserts: the whole seed stays well under a second or two.
import { asc, inArray } from 'drizzle-orm';
import { categoriesOfSkills, languages, skills, type Skill, type WeeklyWindow } from '../../app/resources/values';
import type { Tx } from '../client';
import {
  backgroundChecks,
  offerDetails,
  organisationProfiles,
  places,
  resourceMembers,
  resources,
  roleAssignments,
  teamProfiles,
  users,
  venueBookings,
  volunteerProfiles,
} from '../schema';
import { chineseName, type Random } from './random';

const DAY = 86_400_000;
const COMMUNITY_ORDER = ['锦华苑社区', '老槐树社区', '新安家园社区'];
const GRID_ORDER = ['第一网格', '第二网格', '第三网格', '第四网格'];
const PARTS: [number, number][] = [
  [8 * 60, 12 * 60],
  [13 * 60, 17 * 60],
  [18 * 60, 21 * 60],
];

interface Area {
  community: { id: string; path: string };
  grids: { id: string; path: string }[];
  buildings: { id: string; path: string; gridId: string }[];
}

async function loadAreas(tx: Tx): Promise<{ street: { id: string; path: string }; areas: Area[] }> {
  const all = await tx.select({ id: places.id, type: places.type, path: places.path, parentId: places.parentId, nameZh: places.nameZh }).from(places).orderBy(asc(places.depth), asc(places.createdAt));
  const street = all.find((p) => p.type === 'street')!;
  // Rows made in one transaction share created_at: order by the demo's own names, so community 1 is 锦华苑.
  const rank = (name: string, order: string[]) => (order.indexOf(name) + 1 || order.length + 1);
  const names = new Map(all.map((p) => [p.id, p.nameZh]));
  const areas = all
    .filter((p) => p.type === 'community')
    .sort((a, b) => rank(names.get(a.id)!, COMMUNITY_ORDER) - rank(names.get(b.id)!, COMMUNITY_ORDER))
    .map((c) => {
      const grids = all.filter((p) => p.type === 'grid' && p.parentId === c.id).sort((a, b) => rank(names.get(a.id)!, GRID_ORDER) - rank(names.get(b.id)!, GRID_ORDER));
      const buildings = all
        .filter((p) => p.type === 'building' && p.path.startsWith(c.path))
        .map((b) => ({ id: b.id, path: b.path, gridId: grids.find((g) => b.path.startsWith(g.path))!.id }));
      return { community: { id: c.id, path: c.path }, grids, buildings };
    });
  return { street, areas };
}

function availabilityOf(r: Random): WeeklyWindow[] {
  const out: WeeklyWindow[] = [];
  for (let day = 0; day < 7; day++) for (const [start, end] of PARTS) if (r.chance(day >= 5 ? 0.35 : 0.2)) out.push({ day, start, end });
  return out.length ? out : [{ day: 5, start: PARTS[0][0], end: PARTS[0][1] }];
}

function skillsOf(r: Random): Skill[] {
  const set = new Set<Skill>();
  const n = r.int(1, 3);
  while (set.size < n) set.add(r.pick(skills));
  return [...set];
}

const TEAMS = [
  { name: '锦华苑助老送餐队', skills: ['meal_delivery', 'elder_companionship'] as Skill[], community: 0 },
  { name: '锦华苑四点半课堂辅导队', skills: ['tutoring', 'childcare'] as Skill[], community: 0 },
  { name: '老槐树平安巡逻队', skills: ['patrol', 'first_aid'] as Skill[], community: 1 },
  { name: '老槐树便民维修队', skills: ['electrical_repair', 'plumbing', 'carpentry'] as Skill[], community: 1 },
  { name: '老槐树银龄互助队', skills: ['elder_companionship', 'cleaning'] as Skill[], community: 1 },
  { name: '新安家园环保志愿队', skills: ['gardening', 'cleaning'] as Skill[], community: 2 },
  { name: '新安家园文体志愿队', skills: ['sports_coaching', 'arts_crafts', 'photography'] as Skill[], community: 2 },
  { name: '新安家园就业帮扶队', skills: ['job_coaching', 'it_help'] as Skill[], community: 2 },
];

const ORGS = [
  { name: '云溪社工服务中心', status: 'registered', categories: ['elderly_care', 'child_care', 'disability'], community: null, verified: true },
  { name: '江临市乐龄养老服务中心', status: 'registered', categories: ['elderly_care', 'meals', 'health'], community: 0, verified: true },
  { name: '青川区阳光助残服务社', status: 'registered', categories: ['disability', 'employment'], community: null, verified: true },
  { name: '云溪法律援助工作站', status: 'filed', categories: ['legal_aid'], community: null, verified: true },
  { name: '老槐树邻里互助会', status: 'informal', categories: ['elderly_care', 'repairs'], community: 1, verified: true },
  { name: '锦华苑亲子阅读会', status: 'informal', categories: ['child_care', 'culture_education'], community: 0, verified: true },
  { name: '青川区心理健康服务中心', status: 'registered', categories: ['health'], community: null, verified: true },
  { name: '新安家园新市民服务站', status: 'filed', categories: ['employment', 'culture_education'], community: 2, verified: true },
  { name: '云溪绿色家园环保协会', status: 'filed', categories: ['environment'], community: null, verified: false },
  { name: '桃源广场舞队', status: 'informal', categories: ['culture_education'], community: 2, verified: false },
] as const;

type OfferSeed = {
  kind: 'offer' | 'venue' | 'goods';
  offerType: 'service' | 'venue' | 'goods' | 'in_kind';
  name: string;
  provider: string;
  providerType: 'business' | 'agency' | 'resident' | 'organisation';
  categories: string[];
  community: number;
  capacity?: number;
  quantity?: number;
  goodsMode?: 'lendable' | 'consumable';
  valueMinor?: number;
  slotMinutes?: number;
  hours?: WeeklyWindow[];
};

const weekdays = (start: number, end: number) => [0, 1, 2, 3, 4].map((day) => ({ day, start, end }));
const everyDay = (start: number, end: number) => [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start, end }));

const OFFERS: OfferSeed[] = [
  { kind: 'venue', offerType: 'venue', name: '锦华苑党群服务中心多功能厅', provider: '锦华苑社区居委会', providerType: 'agency', categories: ['culture_education', 'elderly_care'], community: 0, capacity: 60, slotMinutes: 120, hours: everyDay(8 * 60, 20 * 60) },
  { kind: 'venue', offerType: 'venue', name: '滨江壹号会所活动室', provider: '滨江物业服务有限公司', providerType: 'business', categories: ['culture_education'], community: 0, capacity: 30, slotMinutes: 60, hours: weekdays(9 * 60, 18 * 60) },
  { kind: 'venue', offerType: 'venue', name: '老槐树社区老年活动室', provider: '老槐树社区居委会', providerType: 'agency', categories: ['elderly_care', 'culture_education'], community: 1, capacity: 25, slotMinutes: 60, hours: everyDay(8 * 60, 17 * 60) },
  { kind: 'venue', offerType: 'venue', name: '纺织厂旧礼堂', provider: '江临纺织集团', providerType: 'business', categories: ['culture_education'], community: 1, capacity: 200, slotMinutes: 180, hours: [5, 6].map((day) => ({ day, start: 9 * 60, end: 18 * 60 })) },
  { kind: 'venue', offerType: 'venue', name: '新安家园四点半课堂教室', provider: '新安小学', providerType: 'agency', categories: ['child_care', 'culture_education'], community: 2, capacity: 40, slotMinutes: 90, hours: weekdays(16 * 60 + 30, 19 * 60 + 30) },
  { kind: 'venue', offerType: 'venue', name: '桃源新村篮球场', provider: '新安家园社区居委会', providerType: 'agency', categories: ['culture_education'], community: 2, capacity: 50, slotMinutes: 60, hours: everyDay(7 * 60, 21 * 60) },
  { kind: 'goods', offerType: 'goods', name: '轮椅（可借用）', provider: '锦华苑社区卫生服务站', providerType: 'agency', categories: ['disability', 'health', 'elderly_care'], community: 0, quantity: 4, goodsMode: 'lendable' },
  { kind: 'goods', offerType: 'goods', name: '便民工具箱', provider: '老槐树五金店', providerType: 'business', categories: ['repairs'], community: 1, quantity: 6, goodsMode: 'lendable' },
  { kind: 'goods', offerType: 'goods', name: '防暑降温包', provider: '云溪超市', providerType: 'business', categories: ['health', 'elderly_care'], community: 1, quantity: 200, goodsMode: 'consumable' },
  { kind: 'goods', offerType: 'goods', name: '儿童绘本', provider: '锦华苑亲子阅读会', providerType: 'organisation', categories: ['child_care', 'culture_education'], community: 0, quantity: 150, goodsMode: 'lendable' },
  { kind: 'goods', offerType: 'goods', name: '爱心米面油', provider: '新安粮油批发部', providerType: 'business', categories: ['meals'], community: 2, quantity: 80, goodsMode: 'consumable' },
  { kind: 'goods', offerType: 'goods', name: '折叠桌椅（活动用）', provider: '新安家园社区居委会', providerType: 'agency', categories: ['culture_education'], community: 2, quantity: 30, goodsMode: 'lendable' },
  { kind: 'offer', offerType: 'service', name: '每周义诊（血压血糖测量）', provider: '云溪社区卫生服务中心', providerType: 'agency', categories: ['health', 'elderly_care'], community: 0, capacity: 40, hours: [{ day: 2, start: 9 * 60, end: 11 * 60 + 30 }] },
  { kind: 'offer', offerType: 'service', name: '免费理发（老人）', provider: '阿芳理发店', providerType: 'business', categories: ['elderly_care'], community: 1, capacity: 10, hours: [{ day: 0, start: 14 * 60, end: 17 * 60 }] },
  { kind: 'offer', offerType: 'service', name: '家电义务维修', provider: '老槐树家电维修部', providerType: 'business', categories: ['repairs'], community: 1, capacity: 8, hours: [{ day: 5, start: 9 * 60, end: 12 * 60 }] },
  { kind: 'offer', offerType: 'service', name: '长者助餐（堂食与送餐）', provider: '乐龄长者食堂', providerType: 'organisation', categories: ['meals', 'elderly_care'], community: 0, capacity: 80, hours: everyDay(11 * 60, 13 * 60) },
  { kind: 'offer', offerType: 'service', name: '法律咨询（每月第一个周六）', provider: '江临明德律师事务所', providerType: 'business', categories: ['legal_aid'], community: 2, capacity: 12, hours: [{ day: 5, start: 9 * 60, end: 12 * 60 }] },
  { kind: 'offer', offerType: 'service', name: '新市民技能培训', provider: '青川区人社局', providerType: 'agency', categories: ['employment'], community: 2, capacity: 30, hours: [{ day: 3, start: 19 * 60, end: 21 * 60 }] },
  { kind: 'offer', offerType: 'in_kind', name: '冬季棉被捐赠', provider: '江临纺织集团', providerType: 'business', categories: ['elderly_care'], community: 1, quantity: 50, valueMinor: 50 * 12_000 },
  { kind: 'offer', offerType: 'in_kind', name: '社区微花园绿植', provider: '云溪花卉市场', providerType: 'business', categories: ['environment'], community: 2, valueMinor: 3_500_00 },
];

export async function seedResources(tx: Tx, r: Random, passwordHash: string) {
  const now = Date.now();
  const { street, areas } = await loadAreas(tx);
  const demo = await tx
    .select({ id: users.id, email: users.email, name: users.name, homePlaceId: users.homePlaceId })
    .from(users)
    .where(inArray(users.email, ['volunteer@fivefold.test', 'teamlead@fivefold.test', 'org@fivefold.test', 'streetstaff@fivefold.test', 'staff@fivefold.test', 'resident@fivefold.test']));
  const byEmail = (e: string) => demo.find((u) => u.email === e)!;

  // ---- volunteers: the 120 numbered logins plus the demo volunteer and team leader
  const people: { id: string; name: string; building: Area['buildings'][number]; areaIndex: number }[] = [];
  const userRows: (typeof users.$inferInsert)[] = [];
  for (let i = 1; i <= 120; i++) {
    const areaIndex = (i - 1) % areas.length;
    const building = r.pick(areas[areaIndex].buildings);
    const id = crypto.randomUUID();
    const name = chineseName(r);
    userRows.push({ id, email: `volunteer${String(i).padStart(3, '0')}@fivefold.test`, name, passwordHash, locale: 'zh-CN', homePlaceId: building.id, emailVerifiedAt: new Date(), phone: `13${r.int(0, 9)}${String(r.int(0, 99999999)).padStart(8, '0')}` });
    people.push({ id, name, building, areaIndex });
  }
  await tx.insert(users).values(userRows);
  await tx.insert(roleAssignments).values(people.flatMap((p) => [
    { userId: p.id, role: 'volunteer' as const, placeId: areas[p.areaIndex].community.id },
    { userId: p.id, role: 'resident' as const, placeId: p.building.id },
  ]));
  for (const email of ['volunteer@fivefold.test', 'teamlead@fivefold.test']) {
    const u = byEmail(email);
    const building = areas[0].buildings.find((b) => b.id === u.homePlaceId) ?? areas[0].buildings[0];
    people.push({ id: u.id, name: u.name, building, areaIndex: 0 });
  }

  const volunteerIds = new Map<string, string>();
  const resourceRows: (typeof resources.$inferInsert)[] = [];
  const profileRows: (typeof volunteerProfiles.$inferInsert)[] = [];
  const checkRows: (typeof backgroundChecks.$inferInsert)[] = [];
  for (const [i, p] of people.entries()) {
    const id = crypto.randomUUID();
    volunteerIds.set(p.id, id);
    const isDemo = i >= 120;
    const sk: Skill[] = isDemo ? (i === 120 ? ['meal_delivery', 'elder_companionship', 'driving'] : ['tutoring', 'first_aid']) : skillsOf(r);
    const area = areas[p.areaIndex];
    resourceRows.push({ id, kind: 'volunteer', name: `${p.name.slice(0, 1)}${r.pick(['师傅', '老师', '阿姨', '大哥', '同学'])}·${i + 1}`, description: '', categories: categoriesOfSkills(sk), placeId: p.building.id, placePath: p.building.path, communityId: area.community.id, gridId: p.building.gridId, ownerUserId: p.id });
    profileRows.push({
      resourceId: id,
      userId: p.id,
      skills: sk,
      tags: r.chance(0.2) ? [r.pick(['会修自行车', '熟悉医保政策', '会包饺子', '懂智能手机'])] : [],
      languages: r.chance(0.15) ? ['zh', r.pick(languages.filter((l) => l !== 'zh'))] : ['zh'],
      availability: availabilityOf(r),
      exceptions: r.chance(0.1) ? [{ from: new Date(now + 20 * DAY).toISOString().slice(0, 10), to: new Date(now + 27 * DAY).toISOString().slice(0, 10), note: '外出' }] : [],
      travelRadius: r.pick(['grid', 'community', 'community', 'street'] as const),
      maxHoursPerWeek: r.pick([2, 4, 4, 6, 8, 10]),
      consentToContact: r.chance(0.85),
    });
    // Background checks: most verified for a year or more, some expiring within the month (the job warns),
    // one lapsed (the job marks it expired), some waiting for staff.
    const roll = r.next();
    const verifier = byEmail(area.community.id === areas[0].community.id ? 'staff@fivefold.test' : 'streetstaff@fivefold.test').id;
    if (isDemo || roll < 0.5) {
      checkRows.push({ volunteerId: id, type: 'no_criminal_record', issuer: '江临市公安局青川分局', status: 'verified', verifiedBy: verifier, verifiedAt: new Date(now - 60 * DAY), expiresAt: new Date(now + r.int(120, 700) * DAY) });
    } else if (roll < 0.6) {
      checkRows.push({ volunteerId: id, type: 'no_criminal_record', issuer: '江临市公安局青川分局', status: 'verified', verifiedBy: verifier, verifiedAt: new Date(now - 340 * DAY), expiresAt: new Date(now + r.int(3, 28) * DAY) });
    } else if (roll < 0.63) {
      checkRows.push({ volunteerId: id, type: 'no_criminal_record', issuer: '江临市公安局青川分局', status: 'verified', verifiedBy: verifier, verifiedAt: new Date(now - 400 * DAY), expiresAt: new Date(now - r.int(1, 20) * DAY) });
    } else if (roll < 0.7) {
      checkRows.push({ volunteerId: id, type: 'no_criminal_record', issuer: '江临市公安局青川分局', reference: `QC${r.int(100000, 999999)}`, status: 'pending' });
    }
    if (sk.some((s) => s === 'tutoring' || s === 'childcare') && r.chance(0.7)) {
      checkRows.push({ volunteerId: id, type: 'child_safeguarding', issuer: '青川区妇联', status: 'verified', verifiedBy: verifier, verifiedAt: new Date(now - 30 * DAY), expiresAt: new Date(now + 335 * DAY) });
    }
    if (sk.includes('nursing') || sk.includes('first_aid')) {
      checkRows.push({ volunteerId: id, type: 'first_aid_certificate', issuer: '江临市红十字会', status: 'verified', verifiedBy: verifier, verifiedAt: new Date(now - 100 * DAY), expiresAt: new Date(now + 600 * DAY) });
    }
  }

  // ---- teams, organisations and offers share the resources table
  const memberRows: (typeof resourceMembers.$inferInsert)[] = [];
  const teamRows: (typeof teamProfiles.$inferInsert)[] = [];
  const teamLeader = byEmail('teamlead@fivefold.test').id;
  for (const [t, team] of TEAMS.entries()) {
    const id = crypto.randomUUID();
    const area = areas[team.community];
    const grid = area.grids[t % area.grids.length];
    resourceRows.push({ id, kind: 'team', name: team.name, description: `${team.name}：由社区志愿者组成，常年服务。`, categories: categoriesOfSkills(team.skills), placeId: grid.id, placePath: grid.path, communityId: area.community.id, gridId: grid.id, ownerUserId: null });
    teamRows.push({ resourceId: id, skills: team.skills, serviceAreaIds: [area.community.id] });
    const pool = people.filter((p) => p.areaIndex === team.community && p.id !== teamLeader);
    const leader = t === 0 ? teamLeader : pool[t % pool.length].id;
    memberRows.push({ resourceId: id, userId: leader, role: 'leader', status: 'active', decidedBy: leader, decidedAt: new Date(now - 90 * DAY) });
    const size = r.int(6, 12);
    const members = new Set<string>();
    for (let k = 0; k < size; k++) members.add(pool[(t * 7 + k * 3) % pool.length].id);
    members.delete(leader);
    for (const m of members) memberRows.push({ resourceId: id, userId: m, role: 'member', status: 'active', decidedBy: leader, decidedAt: new Date(now - r.int(5, 80) * DAY) });
    // One open join request per team, for the leader to answer.
    const asker = pool.find((p) => !members.has(p.id) && p.id !== leader);
    if (asker) memberRows.push({ resourceId: id, userId: asker.id, role: 'member', status: 'requested' });
    if (t === 0) resourceRows[resourceRows.length - 1].ownerUserId = teamLeader;
  }
  // The demo volunteer belongs to the first team.
  const firstTeam = resourceRows.find((x) => x.kind === 'team')!.id!;
  const demoVolunteer = byEmail('volunteer@fivefold.test').id;
  if (!memberRows.some((m) => m.resourceId === firstTeam && m.userId === demoVolunteer)) {
    memberRows.push({ resourceId: firstTeam, userId: demoVolunteer, role: 'member', status: 'active', decidedBy: teamLeader, decidedAt: new Date(now - 20 * DAY) });
  }

  const orgRows: (typeof organisationProfiles.$inferInsert)[] = [];
  const streetStaff = byEmail('streetstaff@fivefold.test').id;
  const orgMember = byEmail('org@fivefold.test').id;
  for (const [o, org] of ORGS.entries()) {
    const id = crypto.randomUUID();
    const base = org.community === null ? { id: street.id, path: street.path, communityId: null } : { ...areas[org.community].community, communityId: areas[org.community].community.id };
    const leader = o === 0 ? orgMember : people[(o * 11) % 120].id;
    resourceRows.push({ id, kind: 'organisation', name: org.name, description: `${org.name}扎根云溪街道，提供${org.categories.length}类服务。`, categories: [...org.categories], placeId: base.id, placePath: base.path, communityId: base.communityId, gridId: null, ownerUserId: leader });
    orgRows.push({
      resourceId: id,
      registrationStatus: org.status,
      registrationNumber: org.status === 'registered' ? `52330100MJ${String(r.int(1000000, 9999999))}X` : org.status === 'filed' ? `云溪备字〔2025〕${o + 1}号` : null,
      serviceAreaIds: org.community === null ? areas.map((a) => a.community.id) : [base.id],
      contactName: chineseName(r),
      contactPhone: `0571-8${String(r.int(0, 9999999)).padStart(7, '0')}`,
      verification: org.verified ? 'verified' : 'unverified',
      verifiedBy: org.verified ? streetStaff : null,
      verifiedAt: org.verified ? new Date(now - r.int(10, 200) * DAY) : null,
    });
    memberRows.push({ resourceId: id, userId: leader, role: 'leader', status: 'active', decidedBy: leader, decidedAt: new Date(now - 100 * DAY) });
    for (let k = 1; k <= 3; k++) memberRows.push({ resourceId: id, userId: people[(o * 11 + k * 5) % 120].id, role: 'member', status: 'active', decidedBy: leader, decidedAt: new Date(now - 50 * DAY) });
  }

  const offerRows: (typeof offerDetails.$inferInsert)[] = [];
  const venueIds: string[] = [];
  const poster = byEmail('staff@fivefold.test').id;
  for (const [k, offer] of OFFERS.entries()) {
    const id = crypto.randomUUID();
    const area = areas[offer.community];
    const building = area.buildings[(k * 5) % area.buildings.length];
    resourceRows.push({ id, kind: offer.kind, name: offer.name, description: `${offer.provider}提供。`, categories: offer.categories, placeId: building.id, placePath: building.path, communityId: area.community.id, gridId: building.gridId, ownerUserId: poster });
    offerRows.push({
      resourceId: id,
      offerType: offer.offerType,
      providerType: offer.providerType,
      providerName: offer.provider,
      capacity: offer.capacity ?? null,
      quantity: offer.quantity ?? null,
      goodsMode: offer.goodsMode ?? null,
      valueMinor: offer.valueMinor ?? null,
      availability: offer.hours ?? [],
      slotMinutes: offer.slotMinutes ?? null,
    });
    if (offer.kind === 'venue') venueIds.push(id);
  }

  for (let i = 0; i < resourceRows.length; i += 200) await tx.insert(resources).values(resourceRows.slice(i, i + 200));
  await tx.insert(volunteerProfiles).values(profileRows);
  await tx.insert(backgroundChecks).values(checkRows);
  await tx.insert(teamProfiles).values(teamRows);
  await tx.insert(organisationProfiles).values(orgRows);
  await tx.insert(offerDetails).values(offerRows);
  for (let i = 0; i < memberRows.length; i += 300) await tx.insert(resourceMembers).values(memberRows.slice(i, i + 300));

  // A couple of bookings of the first venue next week, so the schedule shows taken slots.
  const resident = byEmail('resident@fivefold.test').id;
  const nextMonday = new Date(now + ((8 - new Date(now + 8 * 3_600_000).getUTCDay()) % 7 || 7) * DAY);
  const date = new Date(nextMonday.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  await tx.insert(venueBookings).values([
    { venueId: venueIds[0], slotStart: new Date(`${date}T10:00:00+08:00`), slotEnd: new Date(`${date}T12:00:00+08:00`), bookedBy: resident, purpose: '老年合唱团排练', attendees: 25 },
    { venueId: venueIds[0], slotStart: new Date(`${date}T14:00:00+08:00`), slotEnd: new Date(`${date}T16:00:00+08:00`), bookedBy: teamLeader, purpose: '志愿者培训', attendees: 30 },
  ]);
  return { volunteers: people.length, teams: TEAMS.length, organisations: ORGS.length, offers: OFFERS.length };
}

