// Demo matching (配捐): the street's matching programme (1:1 after a ¥2,000 seed, capped), the Huaiyin Lane paving
// project with household shares of ¥200, gifts posted and matched through the real posting code, and a few pledges.
import { and, asc, eq, inArray, like } from 'drizzle-orm';
import type { Tx } from '../client';
import { donations, funds, householdSharePlans, households, matchingProgrammes, places, pledgePayments, pledges, projects, users } from '../schema';
import { openFundAccounts } from '../../app/funds/funds.server';
import { postDonation, postGrant } from '../../app/funds/postings.server';
import { matchGift, recordGiftOrigin } from '../../app/matching-funds/posting.server';

const DAY = 86_400_000;

export async function seedMatchingFunds(tx: Tx) {
  const now = Date.now();
  const [street] = await tx.select().from(places).where(eq(places.nameZh, '云溪街道'));
  const [c2] = await tx.select().from(places).where(eq(places.nameZh, '老槐树社区'));
  const [lane] = await tx.select().from(places).where(and(eq(places.nameZh, '槐荫里'), like(places.path, `${c2.path}%`)));
  const who = new Map((await tx.select({ id: users.id, email: users.email, name: users.name }).from(users).where(inArray(users.email, ['funder@fivefold.test', 'treasurer@fivefold.test', 'staff2@fivefold.test', 'donor@fivefold.test']))).map((u) => [u.email!, u]));
  const funder = who.get('funder@fivefold.test')!;
  const treasurer = who.get('treasurer@fivefold.test')!;
  const donor = who.get('donor@fivefold.test')!;

  // The lane project, with its own fund.
  const [project] = await tx
    .insert(projects)
    .values({ placeId: c2.id, placePath: c2.path, title: '槐荫里巷道铺路', summary: '每户自筹 200 元，配捐和区里的资助补足其余，铺好槐荫里坑洼的巷道。', goals: '雨季前铺好 180 米巷道', deliverables: '完工验收与照片', beneficiaries: '槐荫里全体住户', category: 'environment', state: 'in_progress', budgetMinor: 60_000_00, createdBy: who.get('staff2@fivefold.test')!.id, createdAt: new Date(now - 40 * DAY) })
    .returning();
  const [fund] = await tx.insert(funds).values({ kind: 'project', placeId: c2.id, nameZh: '槐荫里巷道铺路众筹基金', nameEn: 'Huaiyin Lane paving crowdfund', holderZh: '老槐树社区居民委员会', holderEn: "Old Locust Tree Residents' Committee", projectName: project.title, currency: 'CNY' }).returning();
  await openFundAccounts(tx, fund);
  await tx.update(projects).set({ fundId: fund.id }).where(eq(projects.id, project.id));
  await postGrant(tx, fund, 20_000_00, `demo:lane-grant`, '老槐树社区惠民资金', new Date(now - 35 * DAY), treasurer.id);

  // The street's programme, funded by the district, launched a month ago.
  const [pool] = await tx.insert(funds).values({ kind: 'matching', placeId: street.id, nameZh: '云溪街道微项目配捐资金池', nameEn: 'Yunxi micro-project matching pool', holderZh: '青川区民政局', holderEn: 'Qingchuan District Civil Affairs Bureau', currency: 'CNY', createdBy: funder.id }).returning();
  await openFundAccounts(tx, pool);
  const [programme] = await tx
    .insert(matchingProgrammes)
    .values({
      placeId: street.id,
      placePath: street.path,
      poolFundId: pool.id,
      nameZh: '云溪街道微项目配捐',
      nameEn: 'Yunxi micro-project matching',
      funderZh: '青川区民政局',
      funderEn: 'Qingchuan District Civil Affairs Bureau',
      status: 'active',
      tiers: [{ fromMinor: 0, num: 1, den: 1 }],
      seedMinor: 2_000_00,
      minGiftMinor: 10_00,
      perDonorCapMinor: 1_000_00,
      perProjectCapMinor: 20_000_00,
      programmeCapMinor: null,
      matchedSources: ['resident', 'business'],
      exhaustion: 'stop',
      startsAt: new Date(now - 30 * DAY),
      endsAt: new Date(now + 90 * DAY),
      createdBy: funder.id,
    })
    .returning();
  await postGrant(tx, pool, 100_000_00, `programme:${programme.id}:grant`, '青川区民政局 / Qingchuan District Civil Affairs Bureau', new Date(now - 30 * DAY), funder.id);

  // Household shares on the lane: ¥200 from each household of 槐荫里, due in three weeks.
  const homes = await tx.select({ id: households.id, unit: households.unit }).from(households).innerJoin(places, eq(places.id, households.placeId)).where(like(places.path, `${lane.path}%`)).orderBy(asc(households.unit), asc(households.id));
  await tx.insert(householdSharePlans).values({ projectId: project.id, placeId: lane.id, shareMinor: 200_00, currency: 'CNY', householdCount: homes.length, dueAt: new Date(now + 21 * DAY), createdBy: who.get('staff2@fivefold.test')!.id });

  // Gifts, oldest first: 14 households pay their share (the seed fills at the 10th), then neighbours and shops give.
  let n = 0;
  const give = async (amountMinor: number, donorName: string, source: 'resident' | 'business', daysAgo: number, householdId?: string, pledgeId?: string) => {
    const [d] = await tx
      .insert(donations)
      .values({ fundId: fund.id, method: 'cash', status: 'posted', amountMinor, currency: 'CNY', donorName, visibility: householdId ? 'anonymous' : 'public', receiptNumber: `MF-DEMO-${String(++n).padStart(4, '0')}`, receivedAt: new Date(now - daysAgo * DAY), recordedBy: treasurer.id })
      .returning();
    await recordGiftOrigin(tx, d, { source, householdId });
    if (pledgeId) await tx.insert(pledgePayments).values({ pledgeId, donationId: d.id });
    await postDonation(tx, fund, d, `receipt:${d.receiptNumber}`, treasurer.id);
    await matchGift(tx, fund, d, treasurer.id);
  };
  const paying = homes.slice(0, 14);
  for (const [i, h] of paying.entries()) await give(200_00, `住户 ${h.unit}`, 'resident', 25 - i, h.id);
  await give(1_500_00, '老王面馆', 'business', 9);
  await give(300_00, '周建国', 'resident', 7);
  await give(800_00, '云溪药房', 'business', 5);
  await give(2_000_00, '好邻居便利店', 'business', 3);

  // Pledges: a household's share, the demo donor's pledge partly paid, and one due in two days (for the reminder).
  const shareHome = homes[14];
  const [sharePledge] = await tx.insert(pledges).values({ fundId: fund.id, projectId: project.id, householdId: shareHome.id, pledgerName: `住户 ${shareHome.unit}`, locale: 'zh-CN', visibility: 'anonymous', source: 'resident', amountMinor: 200_00, currency: 'CNY', dueAt: new Date(now + 21 * DAY) }).returning();
  void sharePledge;
  const [donorPledge] = await tx.insert(pledges).values({ fundId: fund.id, projectId: project.id, userId: donor.id, pledgerName: donor.name, pledgerEmail: donor.email, locale: 'zh-CN', visibility: 'public', source: 'resident', amountMinor: 1_000_00, currency: 'CNY', dueAt: new Date(now + 14 * DAY) }).returning();
  await give(400_00, donor.name, 'resident', 1, undefined, donorPledge.id);
  await tx.insert(pledges).values({ fundId: fund.id, projectId: project.id, pledgerName: '新安五金店', pledgerEmail: 'hardware@example.cn', locale: 'zh-CN', visibility: 'public', source: 'business', amountMinor: 3_000_00, currency: 'CNY', dueAt: new Date(now + 2 * DAY) });
  return { programmeId: programme.id, projectId: project.id };
}
