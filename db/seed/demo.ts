// The demo: an invented street (云溪街道) with three communities of different types, their grids, compounds,
// buildings and about 300 households, and one login per role. Seeded only into an empty database.
import { forgetPlaceReads } from '../../app/places/place-reads.server';
import { count } from 'drizzle-orm';
import { hashPassword } from '../../app/auth/password.server';
import { DEMO_TOTP_SECRET, twoFactorRoles } from '../../app/auth/two-factor-rules';
import { sealTotpSecret } from '../../app/auth/totp-secrets.server';
import { childPath } from '../../app/places/rules';
import { db, type Tx } from '../client';
import { householdMembers, households, places, representatives, roleAssignments, totpCredentials, users, type CommunityType, type PlaceType, type Role } from '../schema';
import { seedFair } from './fair';
import { seedDeliberation } from './deliberation';
import { linkDispatchesToResources, seedNeeds } from './needs';
import { seedProjects } from './projects';
import { chineseName, pickSurname, seededRandom, type Random } from './random';
import { seedLedger } from './ledger';
import { seedMatchingFunds } from './matching-funds';
import { seedResources } from './resources';
import { seedShifts } from './shifts';
import { indexDemo } from './search-index';

export const DEMO_PASSWORD = 'fivefold-demo';

type Scope = 'street' | 'district' | 'community1' | 'community2' | 'grid1' | 'everywhere';

export const DEMO_LOGINS: { email: string; name: string; role: Role; scope: Scope; label: string }[] = [
  { email: 'resident@fivefold.test', name: '李晓梅', role: 'resident', scope: 'community1', label: 'resident (锦华苑社区)' },
  { email: 'volunteer@fivefold.test', name: '陈志强', role: 'volunteer', scope: 'community1', label: 'volunteer (锦华苑社区)' },
  { email: 'teamlead@fivefold.test', name: '周海燕', role: 'team_leader', scope: 'community1', label: 'team leader (锦华苑社区)' },
  { email: 'org@fivefold.test', name: '黄德明', role: 'org_member', scope: 'street', label: 'social-organisation member (云溪街道)' },
  { email: 'socialworker@fivefold.test', name: '刘静', role: 'social_worker', scope: 'community1', label: 'social worker (锦华苑社区)' },
  { email: 'gridworker@fivefold.test', name: '赵磊', role: 'grid_worker', scope: 'grid1', label: 'grid worker (锦华苑 第一网格)' },
  { email: 'staff@fivefold.test', name: '王丽华', role: 'community_staff', scope: 'community1', label: 'community staff (锦华苑社区)' },
  { email: 'staff2@fivefold.test', name: '孙建华', role: 'community_staff', scope: 'community2', label: 'community staff (老槐树社区)' },
  { email: 'streetstaff@fivefold.test', name: '郑国强', role: 'street_staff', scope: 'street', label: 'street staff (云溪街道)' },
  { email: 'treasurer@fivefold.test', name: '何淑珍', role: 'treasurer', scope: 'street', label: 'treasurer (云溪街道)' },
  { email: 'donor@fivefold.test', name: '林晓东', role: 'donor', scope: 'street', label: 'donor' },
  { email: 'funder@fivefold.test', name: '高玉兰', role: 'funder', scope: 'district', label: 'funder (青川区)' },
  { email: 'evaluator@fivefold.test', name: '罗俊杰', role: 'evaluator', scope: 'street', label: 'evaluator (云溪街道)' },
  { email: 'admin@fivefold.test', name: '系统管理员', role: 'admin', scope: 'everywhere', label: 'administrator' },
];

interface CommunityPlan {
  nameZh: string;
  nameEn: string;
  type: CommunityType;
  grids: number;
  compounds: { zh: string; en: string }[];
  households: number;
}

const COMMUNITIES: CommunityPlan[] = [
  {
    nameZh: '锦华苑社区',
    nameEn: 'Jinhuayuan Community',
    type: 'urban_commercial_estate',
    grids: 3,
    compounds: [
      { zh: '锦华苑一期', en: 'Jinhuayuan Phase I' },
      { zh: '锦华苑二期', en: 'Jinhuayuan Phase II' },
      { zh: '滨江壹号', en: 'Riverside No. 1' },
    ],
    households: 110,
  },
  {
    nameZh: '老槐树社区',
    nameEn: 'Old Locust Tree Community',
    type: 'old_estate',
    grids: 3,
    compounds: [
      { zh: '纺织厂宿舍', en: 'Textile Mill Dormitory' },
      { zh: '槐荫里', en: 'Huaiyin Lane' },
      { zh: '粮站家属院', en: 'Grain Depot Family Compound' },
    ],
    households: 100,
  },
  {
    nameZh: '新安家园社区',
    nameEn: "Xin'an Homes Community",
    type: 'mixed_resettlement',
    grids: 3,
    compounds: [
      { zh: '新安家园A区', en: "Xin'an Homes Zone A" },
      { zh: '新安家园B区', en: "Xin'an Homes Zone B" },
      { zh: '桃源新村', en: 'Taoyuan New Village' },
    ],
    households: 95,
  },
];

const GRID_ZH = ['第一网格', '第二网格', '第三网格', '第四网格'];
const GRID_EN = ['Grid 1', 'Grid 2', 'Grid 3', 'Grid 4'];

async function insertPlace(
  tx: Tx,
  parent: { id: string; path: string; depth: number } | null,
  type: PlaceType,
  nameZh: string,
  nameEn: string,
  communityType?: CommunityType,
) {
  const id = crypto.randomUUID();
  const row = {
    id,
    type,
    parentId: parent?.id ?? null,
    nameZh,
    nameEn,
    path: childPath(parent?.path ?? null, id),
    depth: (parent?.depth ?? -1) + 1,
    communityType: communityType ?? null,
  };
  await tx.insert(places).values(row);
  return row;
}

async function seedHouseholds(tx: Tx, r: Random, buildingIds: string[], total: number) {
  const thisYear = new Date().getFullYear();
  const hhRows: { id: string; placeId: string; unit: string }[] = [];
  const memberRows: (typeof householdMembers.$inferInsert)[] = [];
  for (let i = 0; i < total; i++) {
    const placeId = buildingIds[i % buildingIds.length];
    const floor = 1 + Math.floor(i / buildingIds.length / 2);
    const unit = `${1 + (i % 2)}单元 ${floor}0${1 + (i % 3)}`;
    const id = crypto.randomUUID();
    hhRows.push({ id, placeId, unit });
    const surname = pickSurname(r);
    const headAge = r.int(28, 88);
    memberRows.push({ householdId: id, name: chineseName(r, surname), relation: 'head', birthYear: thisYear - headAge, isAdult: true, votesForHousehold: true, phone: `13${r.int(0, 9)}${String(r.int(0, 99999999)).padStart(8, '0')}` });
    if (r.chance(0.75)) memberRows.push({ householdId: id, name: chineseName(r), relation: 'spouse', birthYear: thisYear - headAge + r.int(-4, 4), isAdult: true });
    const children = headAge < 60 ? r.int(0, 2) : 0;
    for (let c = 0; c < children; c++) {
      const age = r.int(1, 25);
      memberRows.push({ householdId: id, name: chineseName(r, surname), relation: 'child', birthYear: thisYear - age, isAdult: age >= 18 });
    }
    if (headAge < 55 && r.chance(0.2)) memberRows.push({ householdId: id, name: chineseName(r, surname), relation: 'parent', birthYear: thisYear - headAge - r.int(22, 30), isAdult: true });
  }
  await tx.insert(households).values(hhRows);
  for (let i = 0; i < memberRows.length; i += 200) await tx.insert(householdMembers).values(memberRows.slice(i, i + 200));
  return hhRows;
}

export async function seedDemo() {
  const r = seededRandom(20261123);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db().transaction(async (tx) => {
    const city = await insertPlace(tx, null, 'city', '江临市', 'Jianglin City');
    const district = await insertPlace(tx, city, 'district', '青川区', 'Qingchuan District');
    const street = await insertPlace(tx, district, 'street', '云溪街道', 'Yunxi Street');
    const scopes: Record<Scope, string | null> = { street: street.id, district: district.id, community1: null, community2: null, grid1: null, everywhere: null };
    let firstBuildingOfCommunity1: string | null = null;
    let firstHouseholdOfCommunity1: string | null = null;

    for (const [ci, plan] of COMMUNITIES.entries()) {
      const community = await insertPlace(tx, street, 'community', plan.nameZh, plan.nameEn, plan.type);
      if (ci === 0) scopes.community1 = community.id;
      if (ci === 1) scopes.community2 = community.id;
      const buildingIds: string[] = [];
      for (let g = 0; g < plan.grids; g++) {
        const grid = await insertPlace(tx, community, 'grid', GRID_ZH[g], GRID_EN[g]);
        if (ci === 0 && g === 0) scopes.grid1 = grid.id;
        const compound = await insertPlace(tx, grid, 'compound', plan.compounds[g].zh, plan.compounds[g].en);
        const buildings = plan.type === 'old_estate' ? 4 : 3;
        for (let b = 1; b <= buildings; b++) {
          const building = await insertPlace(tx, compound, 'building', `${b + g * buildings}号楼`, `Building ${b + g * buildings}`);
          buildingIds.push(building.id);
        }
      }
      const hh = await seedHouseholds(tx, r, buildingIds, plan.households);
      if (ci === 0) {
        firstBuildingOfCommunity1 = buildingIds[0];
        firstHouseholdOfCommunity1 = hh[0].id;
      }
    }

    const ids = new Map<string, string>();
    for (const login of DEMO_LOGINS) {
      const home = ['community1', 'grid1'].includes(login.scope) ? firstBuildingOfCommunity1 : null;
      const [u] = await tx
        .insert(users)
        .values({ email: login.email, name: login.name, passwordHash, locale: 'zh-CN', homePlaceId: home, emailVerifiedAt: new Date(), phone: `139${String(r.int(0, 99999999)).padStart(8, '0')}` })
        .returning({ id: users.id });
      ids.set(login.email, u.id);
      await tx.insert(roleAssignments).values({ userId: u.id, role: login.role, placeId: scopes[login.scope] });
      if (login.role !== 'resident') await tx.insert(roleAssignments).values({ userId: u.id, role: 'resident', placeId: home });
      // Staff roles sign in with a second factor; the demo accounts come with it set up, using the README's key.
      if (twoFactorRoles.includes(login.role)) await tx.insert(totpCredentials).values({ userId: u.id, secret: sealTotpSecret(u.id, DEMO_TOTP_SECRET), confirmedAt: new Date() });
    }

    // An elder without a phone: her daughter (the demo resident) and the community's staff act for her.
    const [elder] = await tx
      .insert(users)
      .values({ name: '王秀英', homePlaceId: firstBuildingOfCommunity1, phone: null, locale: 'zh-CN' })
      .returning({ id: users.id });
    await tx.insert(roleAssignments).values({ userId: elder.id, role: 'resident', placeId: firstBuildingOfCommunity1 });
    await tx.insert(representatives).values({ principalUserId: elder.id, representativeUserId: ids.get('resident@fivefold.test')!, relation: 'family', registeredBy: ids.get('staff@fivefold.test')! });
    await tx.insert(householdMembers).values([
      { householdId: firstHouseholdOfCommunity1!, name: '王秀英', relation: 'parent', birthYear: new Date().getFullYear() - 84, isAdult: true, userId: elder.id },
      { householdId: firstHouseholdOfCommunity1!, name: '李晓梅', relation: 'child', birthYear: new Date().getFullYear() - 52, isAdult: true, userId: ids.get('resident@fivefold.test')! },
    ]);

    await seedNeeds(tx);
    await seedLedger(tx);

    await seedResources(tx, r, passwordHash);
    await linkDispatchesToResources(tx);
    await seedShifts(tx, r);
    await seedDeliberation(tx);
    await seedFair(tx);
    await seedProjects(tx);
    await seedMatchingFunds(tx);
  });
  // Its communities and their own categories were written directly: pages read them afresh.
  forgetPlaceReads();
}

/** Seeds the demo when the database has no places yet; returns whether it did. */
export async function seedDemoIfEmpty() {
  const [{ n }] = await db().select({ n: count() }).from(places);
  if (Number(n) > 0) return false;
  await seedDemo();
  await indexDemo();
  return true;
}
