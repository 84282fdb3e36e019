// Story: a lane-paving project raises its seed from 30 household gifts, matching starts, then 500 gifts arrive at
// once and run into the project cap. The total matched must equal the cap to the fen and the ledger stay whole.
// On the PostgreSQL server the 500 gifts are truly concurrent (a pool of connections); on PGlite they queue.
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db, rows } from '../../db/client';
import { programmeMatches } from '../../db/schema';
import { recordOfflineDonation } from '../../app/funds/donations.server';
import { simulate, type StreamGift } from '../../app/matching-funds/simulate';
import { donorKeyOf, rulesOf } from '../../app/matching-funds/posting.server';
import { useTestDatabase } from '../helpers/db';
import { createPlace, createStreetWithCommunities, createUser } from '../helpers/factories';
import { balanceOf, expectLedgerWhole } from '../helpers/ledger';
import { baseProgramme, createHouseholds, createProjectWithFund, launchProgramme } from '../helpers/matching-funds';

useTestDatabase();

let community: { id: string; path: string };
let building: { id: string };
let treasurer: { userId: string };
let funderId: string;
beforeAll(async () => {
  const made = await createStreetWithCommunities();
  community = made.community;
  const compound = await createPlace({ type: 'compound', parentId: community.id });
  building = await createPlace({ type: 'building', parentId: compound.id });
  treasurer = { userId: (await createUser({ roles: [{ role: 'treasurer', placeId: community.id }] })).id };
  funderId = (await createUser({ roles: [{ role: 'funder', placeId: made.street.id }] })).id;
});

let receipt = 0;
const give = (fundId: string, amountMinor: number, donorName: string, origin: { source: 'resident' | 'business' | 'other'; householdId?: string }, receivedAt = new Date('2026-06-01T08:00:00Z')) =>
  recordOfflineDonation(treasurer, fundId, { method: 'cash', amountMinor, donorName, visibility: 'public', receiptNumber: `MF-${process.pid}-${++receipt}`, receivedAt, origin });

async function matchedInto(poolFundId: string, fundId: string) {
  const [r] = await rows<{ n: string }>(
    db(),
    sql`select coalesce(sum(e.amount_minor), 0)::text as n from ledger_entries e join ledger_groups g on g.id = e.group_id join ledger_accounts a on a.id = e.account_id
        where g.kind = 'match' and a.fund_id = ${fundId} and a.kind = 'fund' and exists (select 1 from ledger_entries e2 join ledger_accounts a2 on a2.id = e2.account_id where e2.group_id = g.id and a2.fund_id = ${poolFundId})`,
  );
  return Number(r.n);
}

describe('Story: household seed, then 500 gifts at once into the project cap', () => {
  it('matches nothing until 30 households have raised the seed, then matches to exactly the cap', { timeout: 600_000 }, async () => {
    const { project, fund } = await createProjectWithFund(community, treasurer.userId);
    const programme = await launchProgramme(
      funderId,
      baseProgramme(community.id, { seedMinor: 30 * 20_000, perProjectCapMinor: 1_234_567, perDonorCapMinor: 50_000, projectIds: [project.id] }),
      5_000_000,
    );
    const homes = await createHouseholds(building.id, 30);
    for (const h of homes) {
      const r = await give(fund.id, 20_000, `户 ${h.unit}`, { source: 'resident', householdId: h.id });
      expect(r.ok).toBe(true);
    }
    // Exactly the seed: the 30th share filled it to the fen and nothing beyond it was matched.
    expect(await matchedInto(programme.poolFundId, fund.id)).toBe(0);
    expect((await balanceOf(fund.id)).balanceMinor).toBe(600_000);

    // Matching starts: the next resident's gift is matched 1:1.
    expect((await give(fund.id, 10_000, 'first matched', { source: 'business' })).ok).toBe(true);
    expect(await matchedInto(programme.poolFundId, fund.id)).toBe(10_000);

    const started = Date.now();
    const amounts = Array.from({ length: 500 }, (_, i) => 1_000 + ((i * 7919) % 4_000) + (i % 97));
    const results = await Promise.all(amounts.map((a, i) => give(fund.id, a, `donor ${i % 120}`, { source: i % 5 === 0 ? 'business' : 'resident' })));
    const seconds = (Date.now() - started) / 1000;
    console.info(`[story] 500 concurrent gifts posted and matched in ${seconds.toFixed(1)} s`);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(amounts.reduce((a, b) => a + b, 0)).toBeGreaterThan(1_234_567);

    expect(await matchedInto(programme.poolFundId, fund.id)).toBe(1_234_567);
    expect((await balanceOf(programme.poolFundId)).balanceMinor).toBe(5_000_000 - 1_234_567);
    const sumGifts = 600_000 + 10_000 + amounts.reduce((a, b) => a + b, 0);
    expect((await balanceOf(fund.id)).balanceMinor).toBe(sumGifts + 1_234_567);

    // Every gift has the programme's decision; no donor above the per-donor cap.
    const decisions = await db().select().from(programmeMatches).where(eq(programmeMatches.programmeId, programme.id));
    expect(decisions).toHaveLength(531);
    const perDonor = await rows<{ donor_key: string; n: string }>(
      db(),
      sql`select pm.donor_key, sum(e.amount_minor)::text as n from programme_matches pm join ledger_entries e on e.group_id = pm.ledger_group_id join ledger_accounts a on a.id = e.account_id and a.kind = 'fund'
          where pm.programme_id = ${programme.id} group by pm.donor_key`,
    );
    for (const d of perDonor) expect(Number(d.n)).toBeLessThanOrEqual(50_000);
    expect(decisions.filter((d) => d.reason === 'capped_by_project')).toHaveLength(1);
    await expectLedgerWhole();
  });
});

describe('Simulation equals the real posting code', () => {
  it('gives the same totals, per project and per gift, as replaying the recorded stream through recordOfflineDonation', { timeout: 600_000 }, async () => {
    const a = await createProjectWithFund(community, treasurer.userId, { category: 'environment' });
    const b = await createProjectWithFund(community, treasurer.userId, { category: 'elderly' });
    const c = await createProjectWithFund(community, treasurer.userId, { category: 'children' });
    const input = baseProgramme(community.id, {
      tiers: [{ fromMinor: 0, num: 1, den: 3 }, { fromMinor: 5_000, num: 2, den: 1 }],
      seedMinor: 40_000,
      minGiftMinor: 500,
      perDonorCapMinor: 30_000,
      perProjectCapMinor: 150_000,
      programmeCapMinor: 320_000,
      matchedSources: ['resident', 'business', 'other'],
      exhaustion: 'stop',
      categories: ['environment', 'elderly'],
      projectIds: [a.project.id, b.project.id, c.project.id],
    });
    const pool = 300_000;
    const programme = await launchProgramme(funderId, input, pool);
    // A recorded stream: deterministic, mixed sources and sizes, some gifts before the start date.
    const targets = [a, b, c];
    const sources = ['resident', 'resident', 'business', 'other'] as const;
    const stream: (StreamGift & { fundId: string; donorName: string })[] = Array.from({ length: 160 }, (_, i) => {
      const t = targets[(i * 7) % 3];
      const donorName = `sim donor ${(i * 13) % 17}`;
      return {
        amountMinor: 100 + ((i * 104_729) % 12_000),
        source: sources[i % 4],
        projectId: t.project.id,
        category: t.project.category,
        at: new Date(Date.parse('2025-12-31T20:00:00Z') + i * 3_600_000),
        donorKey: donorKeyOf({ donorName }),
        fundId: t.fund.id,
        donorName,
      };
    });
    const simulated = simulate(rulesOf(programme, input.projectIds), pool, stream);
    expect(simulated.totalMatchedMinor).toBeGreaterThan(0);

    for (const g of stream) expect((await give(g.fundId, g.amountMinor, g.donorName, { source: g.source }, g.at)).ok).toBe(true);

    for (const t of targets) expect(await matchedInto(programme.poolFundId, t.fund.id)).toBe(simulated.projects.find((p) => p.projectId === t.project.id)?.matchedMinor ?? 0);
    expect((await balanceOf(programme.poolFundId)).balanceMinor).toBe(simulated.poolEndMinor);
    const decisions = await rows<{ reason: string; n: number }>(db(), sql`select reason, count(*)::int as n from programme_matches where programme_id = ${programme.id} group by reason order by reason`);
    const expected = new Map<string, number>();
    for (const g of simulated.gifts) expected.set(g.reason, (expected.get(g.reason) ?? 0) + 1);
    expect(Object.fromEntries(decisions.map((d) => [d.reason, Number(d.n)]))).toEqual(Object.fromEntries(expected));
    await expectLedgerWhole();
  });
});
