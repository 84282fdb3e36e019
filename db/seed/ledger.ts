// Demo money: a year of donations (cash, bank, card, in kind), a matching programme and disbursements across the
// demo street's funds. Written in batches, replaying the year in order so no fund ever goes below zero; the
// ledger's invariants hold afterwards (tested).
import { inArray } from 'drizzle-orm';
import type { Tx } from '../client';
import { disbursements, donations, funds, ledgerAccounts, ledgerEntries, ledgerGroups, places, users } from '../schema';
import { openFundAccounts } from '../../app/funds/funds.server';
import { mainAccountKind } from '../../app/funds/rules';
import type { AccountKind, DonorVisibility, FundKind, GroupKind } from '../../app/funds/values';
import { chineseName, seededRandom } from './random';

interface FundPlan {
  key: string;
  kind: FundKind;
  place: string;
  nameZh: string;
  nameEn: string;
  holderZh: string;
  holderEn: string;
  descriptionZh: string;
  descriptionEn: string;
  projectName?: string;
  /** Typical donations a month and their range in yuan. */
  monthly: [number, number];
  range: [number, number];
  payees: { name: string; project: string; kind: 'project' | 'organisation' }[];
}

const FUNDS: FundPlan[] = [
  {
    key: 'jinhua',
    kind: 'community',
    place: '锦华苑社区',
    nameZh: '锦华苑社区基金',
    nameEn: 'Jinhuayuan Community Fund',
    holderZh: '锦华苑社区居民委员会',
    holderEn: "Jinhuayuan Residents' Committee",
    descriptionZh: '居民、商户和辖区单位共同出资，用于社区微项目和困难家庭帮扶。',
    descriptionEn: 'Residents, shops and local employers give together for micro-projects and families in hardship.',
    monthly: [8, 14],
    range: [50, 2000],
    payees: [
      { name: '幸福里社工服务中心', project: '四点半课堂', kind: 'organisation' },
      { name: '锦华苑志愿者服务队', project: '楼道微更新', kind: 'project' },
    ],
  },
  {
    key: 'laohuai',
    kind: 'community',
    place: '老槐树社区',
    nameZh: '老槐树友邻基金',
    nameEn: 'Old Locust Tree Neighbours Fund',
    holderZh: '老槐树社区居民委员会',
    holderEn: "Old Locust Tree Residents' Committee",
    descriptionZh: '老街坊的互助基金：独居老人探访、应急救助、邻里节。',
    descriptionEn: 'Old neighbours helping each other: visits to elders living alone, emergency help, the neighbours’ festival.',
    monthly: [5, 10],
    range: [20, 800],
    payees: [{ name: '夕阳红助老服务社', project: '独居老人探访', kind: 'organisation' }],
  },
  {
    key: 'xinan',
    kind: 'community',
    place: '新安家园社区',
    nameZh: '新安家园社区基金',
    nameEn: "Xin'an Homes Community Fund",
    holderZh: '新安家园社区居民委员会',
    holderEn: "Xin'an Homes Residents' Committee",
    descriptionZh: '帮助新市民融入：儿童托管、技能培训、文化活动。',
    descriptionEn: 'Helping newcomers settle: childcare, skills training, cultural events.',
    monthly: [4, 9],
    range: [30, 1200],
    payees: [{ name: '新安家园儿童之家', project: '暑期托管班', kind: 'project' }],
  },
  {
    key: 'venture',
    kind: 'venture',
    place: '云溪街道',
    nameZh: '云溪街道公益创投基金',
    nameEn: 'Yunxi Street Venture Philanthropy Fund',
    holderZh: '云溪街道社会组织联合会',
    holderEn: 'Yunxi Street Federation of Social Organisations',
    descriptionZh: '每年一轮公益创投，资助社会组织和居民团队的社区项目。',
    descriptionEn: "One venture-philanthropy round a year, funding social organisations' and resident teams' community projects.",
    monthly: [2, 5],
    range: [1000, 20000],
    payees: [
      { name: '云溪社区发展中心', project: '社区花园', kind: 'organisation' },
      { name: '青川心理援助协会', project: '长者心理关怀', kind: 'organisation' },
      { name: '乐龄学堂', project: '长者智能手机课', kind: 'organisation' },
    ],
  },
  {
    key: 'meals',
    kind: 'project',
    place: '锦华苑社区',
    nameZh: '长者助餐送餐项目基金',
    nameEn: 'Elder Meal Delivery Project Fund',
    holderZh: '锦华苑社区居民委员会',
    holderEn: "Jinhuayuan Residents' Committee",
    descriptionZh: '为高龄独居老人每周送餐，匹配区民政局配捐。',
    descriptionEn: 'Weekly meals delivered to elders living alone, matched by the district civil-affairs bureau.',
    projectName: '长者助餐送餐',
    monthly: [6, 12],
    range: [20, 500],
    payees: [{ name: '福满堂长者食堂', project: '长者助餐送餐', kind: 'project' }],
  },
  {
    key: 'lane',
    kind: 'project',
    place: '老槐树社区',
    nameZh: '槐荫里巷道铺路项目基金',
    nameEn: 'Huaiyin Lane Paving Project Fund',
    holderZh: '老槐树社区居民委员会',
    holderEn: "Old Locust Tree Residents' Committee",
    descriptionZh: '每户自筹 200 元，区政府按 1:1 配捐，铺好槐荫里的巷道。',
    descriptionEn: 'Each household gives ¥200 and the district matches 1:1 to pave Huaiyin Lane.',
    projectName: '槐荫里巷道铺路',
    monthly: [3, 8],
    range: [200, 200],
    payees: [{ name: '青川市政工程队', project: '槐荫里巷道铺路', kind: 'project' }],
  },
];

const POOL = {
  kind: 'matching' as const,
  place: '青川区',
  nameZh: '青川区民政局配捐池',
  nameEn: 'Qingchuan District Matching Pool',
  holderZh: '青川区民政局',
  holderEn: 'Qingchuan District Civil Affairs Bureau',
  descriptionZh: '居民为项目筹款后，区民政局按 1:1 配捐，每个项目每季度最多 2 万元；配捐池用完即止。',
  descriptionEn: 'Once residents raise money for a project, the district matches 1:1, up to ¥20,000 per project per quarter; when the pool is empty, matching stops.',
};

const SHOPS = ['锦华超市', '老王面馆', '云溪药房', '好邻居便利店', '新安五金店', '青川农商银行云溪支行'];
const GOODS = ['大米 20 袋', '食用油 10 桶', '冬衣 30 件', '轮椅 2 台', '图书 120 册', '电暖器 5 台'];

export async function seedLedger(tx: Tx) {
  const r = seededRandom(88_2026);
  const placeRows = await tx.select({ id: places.id, nameZh: places.nameZh }).from(places).where(inArray(places.nameZh, [...new Set([...FUNDS.map((f) => f.place), POOL.place])]));
  const placeId = (name: string) => placeRows.find((p) => p.nameZh === name)!.id;
  const people = await tx.select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, ['treasurer@fivefold.test', 'staff@fivefold.test', 'staff2@fivefold.test', 'streetstaff@fivefold.test', 'donor@fivefold.test']));
  const who = (email: string) => people.find((p) => p.email === email)!.id;
  const treasurer = who('treasurer@fivefold.test');
  const approverFor = (place: string) => (place === '老槐树社区' ? who('staff2@fivefold.test') : place === '锦华苑社区' ? who('staff@fivefold.test') : who('streetstaff@fivefold.test'));

  const created = await tx
    .insert(funds)
    .values([...FUNDS, POOL].map((f) => ({ kind: f.kind, placeId: placeId(f.place), nameZh: f.nameZh, nameEn: f.nameEn, holderZh: f.holderZh, holderEn: f.holderEn, descriptionZh: f.descriptionZh, descriptionEn: f.descriptionEn, projectName: 'projectName' in f ? (f.projectName ?? null) : null, createdBy: who('streetstaff@fivefold.test') })))
    .returning();
  for (const f of created) await openFundAccounts(tx, f);
  const accounts = await tx.select().from(ledgerAccounts).where(inArray(ledgerAccounts.fundId, created.map((f) => f.id)));
  const account = (fundId: string, kind: AccountKind) => accounts.find((a) => a.fundId === fundId && a.kind === kind)!.id;
  const fundOf = (key: string) => created[FUNDS.findIndex((f) => f.key === key)];
  const pool = created[created.length - 1];

  const balance = new Map<string, number>(created.map((f) => [f.id, 0]));
  const donationRows: (typeof donations.$inferInsert)[] = [];
  const disbursementRows: (typeof disbursements.$inferInsert)[] = [];
  const groupRows: (typeof ledgerGroups.$inferInsert)[] = [];
  const entryRows: (typeof ledgerEntries.$inferInsert)[] = [];
  let receipt = 0;

  const group = (kind: GroupKind, at: Date, fundId: string, legs: [string, number][], extra: Partial<typeof ledgerGroups.$inferInsert> = {}) => {
    const id = crypto.randomUUID();
    groupRows.push({ id, kind, occurredAt: at, fundId, externalId: extra.externalId ?? `demo:${id}`, memo: extra.memo ?? '', donationId: extra.donationId ?? null, disbursementId: extra.disbursementId ?? null, createdBy: extra.createdBy ?? treasurer });
    for (const [accountId, amountMinor] of legs) entryRows.push({ groupId: id, accountId, amountMinor, currency: 'CNY' });
  };

  const now = new Date();
  const start = new Date(now.getTime() - 365 * 86_400_000);
  // The pool's grant arrives first.
  const grant = 300_000_00;
  group('grant', start, pool.id, [[account(pool.id, 'matching_pool'), grant], [account(pool.id, 'grants'), -grant]], { memo: '青川区民政局 年度配捐拨款', createdBy: who('streetstaff@fivefold.test') });
  balance.set(pool.id, grant);

  for (let month = 0; month < 12; month++) {
    const monthStart = start.getTime() + month * 30 * 86_400_000;
    const raisedThisQuarter = new Map<string, number>();
    for (const [i, plan] of FUNDS.entries()) {
      const fund = created[i];
      const count = r.int(plan.monthly[0], plan.monthly[1]);
      for (let k = 0; k < count; k++) {
        const at = new Date(monthStart + r.int(0, 29 * 86_400) * 1000);
        const inKind = plan.kind === 'community' && r.chance(0.05);
        const card = !inKind && r.chance(0.25);
        const fromShop = r.chance(0.15);
        const amount = inKind ? r.int(5, 60) * 10000 : plan.range[0] === plan.range[1] ? plan.range[0] * 100 : r.int(plan.range[0], plan.range[1]) * 100;
        const visibility: DonorVisibility = r.chance(0.2) ? 'anonymous' : r.chance(0.1) ? 'hidden_amount' : 'public';
        const id = crypto.randomUUID();
        const number = card ? `C-DEMO-${String(++receipt).padStart(5, '0')}` : `YX-${String(++receipt).padStart(6, '0')}`;
        donationRows.push({
          id,
          fundId: fund.id,
          method: inKind ? 'in_kind' : card ? 'card' : r.chance(0.5) ? 'cash' : 'bank_transfer',
          status: 'posted',
          amountMinor: amount,
          currency: 'CNY',
          inKindDescription: inKind ? r.pick(GOODS) : null,
          donorName: fromShop ? r.pick(SHOPS) : chineseName(r),
          // Private: for receipts only; never on a public page or export.
          donorEmail: card || r.chance(0.3) ? `donor${receipt + 1}@example.cn` : null,
          visibility,
          receiptNumber: number,
          externalId: card ? `demo_cs_${id.slice(0, 12)}` : null,
          receivedAt: at,
          recordedBy: card ? null : treasurer,
        });
        if (inKind) group('in_kind', at, fund.id, [[account(fund.id, 'in_kind'), amount], [account(fund.id, 'in_kind_gifts'), -amount]], { donationId: id, externalId: `receipt:${number}`, memo: '' });
        else {
          group('donation', at, fund.id, [[account(fund.id, mainAccountKind(fund.kind)), amount], [account(fund.id, 'donations'), -amount]], { donationId: id, externalId: card ? `stripe:demo_cs_${id.slice(0, 12)}` : `receipt:${number}`, createdBy: card ? null : treasurer });
          balance.set(fund.id, balance.get(fund.id)! + amount);
          raisedThisQuarter.set(fund.id, (raisedThisQuarter.get(fund.id) ?? 0) + amount);
        }
      }
    }
    // Matching: the project funds get 1:1 on what residents raised this month, capped, while the pool lasts.
    for (const key of ['meals', 'lane']) {
      const fund = fundOf(key);
      const want = Math.min(raisedThisQuarter.get(fund.id) ?? 0, 20_000_00 / 3);
      const give = Math.min(Math.floor(want), balance.get(pool.id)!);
      if (give <= 0) continue;
      const at = new Date(monthStart + 29 * 86_400_000 + 3_600_000);
      group('match', at, fund.id, [[account(pool.id, 'matching_pool'), -give], [account(fund.id, 'fund'), give]], { memo: `${POOL.nameZh} 1:1 配捐`, createdBy: who('streetstaff@fivefold.test') });
      balance.set(pool.id, balance.get(pool.id)! - give);
      balance.set(fund.id, balance.get(fund.id)! + give);
    }
    // Disbursements: paid from what the fund holds, against approved requests with receipts.
    for (const [i, plan] of FUNDS.entries()) {
      const fund = created[i];
      if (!r.chance(0.7)) continue;
      const available = balance.get(fund.id)!;
      const amount = Math.floor((available * r.int(30, 70)) / 100 / 100) * 100;
      if (amount < 100_00) continue;
      const payee = r.pick(plan.payees);
      // After the month's gifts and matches, so the fund never dips below zero in date order either.
      const at = new Date(monthStart + 29 * 86_400_000 + r.int(2, 20) * 3_600_000);
      const id = crypto.randomUUID();
      const requestedBy = treasurer;
      disbursementRows.push({ id, fundId: fund.id, payeeKind: payee.kind, payeeName: payee.name, projectName: payee.project, purpose: `${payee.project}：第 ${month + 1} 期经费`, amountMinor: amount, currency: 'CNY', status: 'paid', requestedBy, decidedBy: approverFor(plan.place), decidedAt: at, receiptRef: `FP-${month + 1}-${id.slice(0, 6).toUpperCase()}`, paidBy: treasurer, paidAt: at, createdAt: at });
      group('disbursement', at, fund.id, [[account(fund.id, 'fund'), -amount], [account(fund.id, 'disbursed'), amount]], { disbursementId: id, externalId: `disbursement:${id}`, memo: `${payee.project}：第 ${month + 1} 期经费` });
      balance.set(fund.id, available - amount);
    }
  }

  // Work in progress for the demo logins: a request to approve, one approved to pay, a large gift to confirm.
  const jinhua = fundOf('jinhua');
  disbursementRows.push(
    { fundId: jinhua.id, payeeKind: 'organisation', payeeName: '幸福里社工服务中心', projectName: '四点半课堂', purpose: '下学期教材和文具', amountMinor: 3_200_00, currency: 'CNY', status: 'requested', requestedBy: treasurer },
    { fundId: jinhua.id, payeeKind: 'project', payeeName: '锦华苑志愿者服务队', projectName: '楼道微更新', purpose: '3 号楼楼道灯具', amountMinor: 1_850_00, currency: 'CNY', status: 'approved', requestedBy: treasurer, decidedBy: who('staff@fivefold.test'), decidedAt: now },
  );
  donationRows.push({ fundId: jinhua.id, method: 'bank_transfer', status: 'awaiting_confirmation', amountMinor: 50_000_00, currency: 'CNY', donorName: '青川农商银行云溪支行', visibility: 'public', receiptNumber: `YX-${String(++receipt).padStart(6, '0')}`, receivedAt: now, recordedBy: treasurer });

  for (let i = 0; i < donationRows.length; i += 500) await tx.insert(donations).values(donationRows.slice(i, i + 500));
  for (let i = 0; i < disbursementRows.length; i += 500) await tx.insert(disbursements).values(disbursementRows.slice(i, i + 500));
  for (let i = 0; i < groupRows.length; i += 500) await tx.insert(ledgerGroups).values(groupRows.slice(i, i + 500));
  for (let i = 0; i < entryRows.length; i += 1000) await tx.insert(ledgerEntries).values(entryRows.slice(i, i + 1000));
  return { funds: created.length, groups: groupRows.length };
}
