// Refunding a matched card gift through Stripe's signed webhook hands its match back to the pool in the same
// transaction: in full, in proportion to a partial refund, once under replays; the headroom under every cap comes
// back for later gifts; a refund that takes a project back below its seed leaves other donors' matches alone.
// On the PostgreSQL server, refunds race gifts at the cap and no cap is passed.
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db, rows } from '../../db/client';
import { donations, programmeMatches } from '../../db/schema';
import { recordOfflineDonation } from '../../app/funds/donations.server';
import { listMovements } from '../../app/funds/ledger.server';
import { projectFunding } from '../../app/matching-funds/project-funding.server';
import { getProgramme, matchedByProject } from '../../app/matching-funds/programmes.server';
import { useTestDatabase } from '../helpers/db';
import { balanceOf, expectLedgerWhole } from '../helpers/ledger';
import { baseProgramme, checkoutCompleted, createProjectWithFund, launchProgramme, useMatchingWorld } from '../helpers/matching-funds';

useTestDatabase();

const world = useMatchingWorld('whsec_fivefold_refund_test');
const deliver = async (event: unknown) => (await world.deliver(event)).status;

let seq = 0;
const now = () => Math.floor(Date.now() / 1000);
const tag = () => `${process.pid}_${++seq}`;

/** A card gift paid through Checkout (a session made for the fund), posted and matched by the webhook. */
async function cardGift(fundId: string, amountMinor: number, email: string, source: 'resident' | 'business' | 'other' = 'resident') {
  const t = tag();
  const event = checkoutCompleted({ eventId: `evt_pay_${t}`, sessionId: `cs_${t}`, amountMinor, paymentIntent: `pi_${t}`, metadata: { fund_id: fundId, source, donor_name: 'Card donor', visibility: 'public' }, email });
  expect(await deliver(event)).toBe(200);
  const [donation] = await db().select().from(donations).where(eq(donations.externalId, `cs_${t}`));
  return { donation, paymentIntent: `pi_${t}`, charge: `ch_${t}` };
}

/** Stripe's charge.refunded: amount_refunded is what has been refunded of the charge in all. */
const refundEvent = (gift: { paymentIntent: string; charge: string }, amountRefunded: number, amount: number) => ({
  id: `evt_refund_${tag()}`,
  object: 'event',
  type: 'charge.refunded',
  created: now(),
  api_version: '2025-01-01',
  livemode: false,
  data: { object: { object: 'charge', id: gift.charge, currency: 'cny', amount, amount_refunded: amountRefunded, refunded: amountRefunded >= amount, payment_intent: gift.paymentIntent, metadata: {} } },
});

const cash = (fundId: string, amountMinor: number, donorName: string) => world.cash(fundId, amountMinor, { donorName });

const decisionOf = async (programmeId: string, donationId: string) => (await db().select().from(programmeMatches).where(and(eq(programmeMatches.programmeId, programmeId), eq(programmeMatches.donationId, donationId))))[0];
const active = () => ({ startsAt: new Date(Date.now() - 86_400_000), endsAt: new Date(Date.now() + 30 * 86_400_000) });

describe('A refunded card gift hands its match back', () => {
  it('in full, once however often Stripe replays the refund, and the public ledger says so', async () => {
    const { project, fund, programme } = await world.projectInProgramme({ tiers: [{ fromMinor: 0, num: 2, den: 1 }] }, 100_000);
    const gift = await cardGift(fund.id, 12_345, 'full@example.test');
    expect((await balanceOf(programme.poolFundId)).balanceMinor).toBe(100_000 - 24_690);
    const refund = refundEvent(gift, 12_345, 12_345);
    for (let i = 0; i < 3; i++) expect(await deliver(refund)).toBe(200);
    // The same refund told again under a new event id changes nothing either.
    expect(await deliver({ ...refund, id: `evt_again_${tag()}` })).toBe(200);
    expect((await balanceOf(programme.poolFundId)).balanceMinor).toBe(100_000);
    expect((await balanceOf(fund.id)).balanceMinor).toBe(0);
    expect((await getProgramme(programme.id))!.matchedMinor).toBe(0);
    expect((await matchedByProject(programme.id))[0]).toMatchObject({ projectId: project.id, matchedMinor: 0, gifts: 1 });
    expect((await projectFunding(project)).raised).toMatchObject({ residentsMinor: 0, matchingMinor: 0, totalMinor: 0 });
    const [reversals] = await rows<{ n: number; sum: string }>(db(), sql`select count(distinct g.id)::int as n, sum(e.amount_minor)::text as sum from ledger_groups g join ledger_entries e on e.group_id = g.id join ledger_accounts a on a.id = e.account_id where g.kind = 'match_reversal' and g.donation_id = ${gift.donation.id} and a.fund_id = ${programme.poolFundId}`);
    expect({ n: Number(reversals.n), sum: Number(reversals.sum) }).toEqual({ n: 1, sum: 24_690 });
    const { rows: moves } = await listMovements({ fundId: fund.id });
    expect(moves.find((m) => m.kind === 'match_reversal')).toMatchObject({ counterpart: expect.stringContaining('配捐资金池'), anonymous: false, description: '街道配捐计划 / Street matching programme' });
    expect(moves.map((m) => [m.kind, m.amountMinor])).toEqual(expect.arrayContaining([['match_reversal', -24_690], ['match', 24_690], ['refund', -12_345], ['donation', 12_345]]));
    const [audit] = await rows<{ n: number }>(db(), sql`select count(*)::int as n from audit_events where action = 'matching.reverse' and subject_id = ${gift.donation.id}`);
    expect(Number(audit.n)).toBe(1);
    await expectLedgerWhole();
  });

  it('in proportion to partial refunds, in whole fen rounded toward the pool, the parts adding up to the whole', async () => {
    const { fund, programme } = await world.projectInProgramme({ tiers: [{ fromMinor: 0, num: 1, den: 3 }] }, 50_000);
    const gift = await cardGift(fund.id, 10_000, 'partial@example.test');
    expect((await balanceOf(programme.poolFundId)).balanceMinor).toBe(50_000 - 3_333);
    // 1,234 refunded: the project keeps floor(3,333 × 8,766 / 10,000) = 2,921; 412 goes back.
    expect(await deliver(refundEvent(gift, 1_234, 10_000))).toBe(200);
    expect(await deliver(refundEvent(gift, 1_234, 10_000))).toBe(200);
    expect((await balanceOf(programme.poolFundId)).balanceMinor).toBe(50_000 - 3_333 + 412);
    expect((await balanceOf(fund.id)).balanceMinor).toBe(10_000 - 1_234 + 2_921);
    // A later event that arrives first (cumulative 5,000), then the older one again: only ever toward the total.
    expect(await deliver(refundEvent(gift, 5_000, 10_000))).toBe(200);
    expect(await deliver(refundEvent(gift, 1_234, 10_000))).toBe(200);
    expect((await balanceOf(programme.poolFundId)).balanceMinor).toBe(50_000 - 3_333 + 1_667);
    expect(await deliver(refundEvent(gift, 10_000, 10_000))).toBe(200);
    expect((await balanceOf(programme.poolFundId)).balanceMinor).toBe(50_000);
    expect((await balanceOf(fund.id)).balanceMinor).toBe(0);
    const [donation] = await db().select().from(donations).where(eq(donations.id, gift.donation.id));
    expect(donation.status).toBe('refunded');
    await expectLedgerWhole();
  });
});

describe('Headroom handed back', () => {
  it('under the per-project cap goes to the next gift', async () => {
    const { fund, programme } = await world.projectInProgramme({ perProjectCapMinor: 10_000 }, 100_000);
    const gift = await cardGift(fund.id, 10_000, 'cap-a@example.test');
    const blocked = await cash(fund.id, 4_000, 'Blocked');
    if (!blocked.ok) throw new Error('not recorded');
    expect((await decisionOf(programme.id, blocked.donation.id)).reason).toBe('project_cap_reached');
    expect(await deliver(refundEvent(gift, 6_000, 10_000))).toBe(200);
    // 6,000 of 10,000 refunded: 6,000 of the match is back under the cap; the next gift takes 5,000 of it.
    const next = await cash(fund.id, 5_000, 'Next');
    if (!next.ok) throw new Error('not recorded');
    expect((await decisionOf(programme.id, next.donation.id)).reason).toBe('matched');
    const later = await cash(fund.id, 5_000, 'Later');
    if (!later.ok) throw new Error('not recorded');
    expect((await decisionOf(programme.id, later.donation.id)).reason).toBe('capped_by_project');
    expect((await matchedByProject(programme.id))[0].matchedMinor).toBe(10_000);
    expect((await balanceOf(programme.poolFundId)).balanceMinor).toBe(90_000);
    await expectLedgerWhole();
  });

  it('under the per-donor and programme caps goes to the next gifts', async () => {
    const a = await createProjectWithFund(world.community, world.treasurer.userId);
    const b = await createProjectWithFund(world.community, world.treasurer.userId);
    const programme = await launchProgramme(world.funderId, baseProgramme(world.community.id, { perDonorCapMinor: 3_000, programmeCapMinor: 5_000, projectIds: [a.project.id, b.project.id], ...active() }), 100_000);
    const first = await cardGift(a.fund.id, 3_000, 'donor-cap@example.test');
    const again = await cardGift(b.fund.id, 2_000, 'donor-cap@example.test');
    expect((await decisionOf(programme.id, again.donation.id)).reason).toBe('donor_cap_reached');
    const other = await cardGift(b.fund.id, 4_000, 'other-donor@example.test');
    expect((await decisionOf(programme.id, other.donation.id)).reason).toBe('capped_by_programme');
    expect((await getProgramme(programme.id))!.matchedMinor).toBe(5_000);
    // Half the first gift refunded: 1,500 back under the donor's cap and the programme's.
    expect(await deliver(refundEvent(first, 1_500, 3_000))).toBe(200);
    expect((await getProgramme(programme.id))!.matchedMinor).toBe(3_500);
    const third = await cardGift(b.fund.id, 2_000, 'donor-cap@example.test');
    const decided = await decisionOf(programme.id, third.donation.id);
    expect(decided.reason).toBe('capped_by_donor');
    expect((await getProgramme(programme.id))!.matchedMinor).toBe(5_000);
    expect((await balanceOf(programme.poolFundId)).balanceMinor).toBe(95_000);
    await expectLedgerWhole();
  });
});

describe('A refund that takes the project back below its seed', () => {
  it('leaves other donors’ matches as they were; matching resumes once the seed is raised again', async () => {
    const { fund, programme } = await world.projectInProgramme({ seedMinor: 10_000 }, 100_000);
    const seed = await cardGift(fund.id, 10_000, 'seed@example.test');
    expect((await decisionOf(programme.id, seed.donation.id)).reason).toBe('below_seed');
    const matched = await cash(fund.id, 4_000, 'Matched neighbour');
    if (!matched.ok) throw new Error('not recorded');
    expect((await decisionOf(programme.id, matched.donation.id)).reason).toBe('matched');
    expect(await deliver(refundEvent(seed, 10_000, 10_000))).toBe(200);
    // The neighbour's match stays; the seed raised is now 4,000, so the next 6,000 from residents refill it.
    expect((await matchedByProject(programme.id))[0].matchedMinor).toBe(4_000);
    const refill = await cash(fund.id, 3_000, 'Refill');
    if (!refill.ok) throw new Error('not recorded');
    expect((await decisionOf(programme.id, refill.donation.id)).reason).toBe('below_seed');
    const crossing = await cash(fund.id, 5_000, 'Crossing');
    if (!crossing.ok) throw new Error('not recorded');
    const crossed = await decisionOf(programme.id, crossing.donation.id);
    expect(crossed.reason).toBe('partly_below_seed');
    expect((await matchedByProject(programme.id))[0].matchedMinor).toBe(4_000 + 2_000);
    await expectLedgerWhole();
  });
});

describe('In-kind gifts', () => {
  it('are never matched, and the explanation donors read says only money gifts are', async () => {
    const { fund, programme } = await world.projectInProgramme({}, 100_000);
    const goods = await recordOfflineDonation(world.treasurer, fund.id, { method: 'in_kind', amountMinor: 50_000, inKindDescription: '200 bags of cement', donorName: 'Builders Ltd', visibility: 'public', receiptNumber: `MFR-IK-${process.pid}`, origin: { source: 'business' } });
    expect(goods.ok).toBe(true);
    if (!goods.ok) return;
    expect(await decisionOf(programme.id, goods.donation.id)).toBeUndefined();
    expect((await balanceOf(programme.poolFundId)).balanceMinor).toBe(100_000);
    expect((await balanceOf(fund.id)).inKindMinor).toBe(50_000);
    const view = (await getProgramme(programme.id))!;
    expect(view.explanation.map((l) => l.key)).toContain('mf.x.money_only');
    await expectLedgerWhole();
  });
});

describe('Refunds racing gifts at the cap', () => {
  it('never pass the project, donor or programme cap, and the freed headroom is used to the fen', { timeout: 600_000 }, async () => {
    const cap = 60_000;
    const { fund, programme } = await world.projectInProgramme({ perProjectCapMinor: cap, perDonorCapMinor: 9_000 }, 1_000_000);
    // Twelve card gifts of 5,000 from twelve donors fill the cap exactly.
    const paid = [];
    for (let i = 0; i < 12; i++) paid.push(await cardGift(fund.id, 5_000, `race-${i}@example.test`));
    expect((await matchedByProject(programme.id))[0].matchedMinor).toBe(cap);
    // At once: eight of them refunded (four in full, four by 1,001) while 80 new gifts arrive, from 20 donors.
    const refunds = paid.slice(0, 8).map((g, i) => deliver(refundEvent(g, i < 4 ? 5_000 : 1_001, 5_000)));
    const gifts = Array.from({ length: 80 }, (_, i) => cash(fund.id, 700 + ((i * 131) % 2_300), `racer ${i % 20}`));
    const [refunded, given] = await Promise.all([Promise.all(refunds), Promise.all(gifts)]);
    expect(refunded.every((s) => s === 200)).toBe(true);
    expect(given.every((g) => g.ok)).toBe(true);
    const check = async () => {
      const [project_] = await rows<{ matched: string }>(db(), sql`select coalesce(sum(e.amount_minor), 0)::text as matched from ledger_entries e join ledger_groups g on g.id = e.group_id join ledger_accounts a on a.id = e.account_id where a.fund_id = ${fund.id} and g.kind in ('match', 'match_reversal')`);
      const perDonor = await rows<{ donor_key: string; matched: string }>(
        db(),
        sql`select pm.donor_key, (-sum(e.amount_minor))::text as matched from programme_matches pm join ledger_groups g on g.id = pm.ledger_group_id or (g.kind = 'match_reversal' and g.donation_id = pm.donation_id)
            join ledger_entries e on e.group_id = g.id join ledger_accounts a on a.id = e.account_id and a.fund_id = ${programme.poolFundId} where pm.programme_id = ${programme.id} group by pm.donor_key`,
      );
      for (const d of perDonor) expect(Number(d.matched)).toBeLessThanOrEqual(9_000);
      return Number(project_.matched);
    };
    expect(await check()).toBeLessThanOrEqual(cap);
    // Each refunded gift handed back exactly what the rule says: all of 5,000, or 1,001 of 5,000 (rounded up: 1,001).
    const [back] = await rows<{ sum: string }>(db(), sql`select coalesce(sum(e.amount_minor), 0)::text as sum from ledger_entries e join ledger_groups g on g.id = e.group_id join ledger_accounts a on a.id = e.account_id where g.kind = 'match_reversal' and a.fund_id = ${programme.poolFundId}`);
    expect(Number(back.sum)).toBe(4 * 5_000 + 4 * 1_001);
    // What is still free under the cap (at most 24,004) goes, to the fen, to the next gifts (9,000 each at most).
    for (let i = 0; i < 4; i++) expect((await cash(fund.id, 10_000, `late donor ${i}`)).ok).toBe(true);
    expect(await check()).toBe(cap);
    expect((await balanceOf(programme.poolFundId)).balanceMinor).toBe(1_000_000 - cap);
    await expectLedgerWhole();
  });
});
