// The ledger under pressure: balanced groups only, replays post once, the database refuses what code might let
// through, and 500 payments at once from a fund that can afford 100 leave it at exactly zero.
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db, getDatabase, rows } from '../../db/client';
import { accountFor } from '../../db/ledger/accounts';
import { UnbalancedGroupError } from '../../db/ledger/errors';
import { checkLedgerInvariants } from '../../db/ledger/invariants';
import { postGroup } from '../../db/ledger/post';
import { disbursements, ledgerEntries, ledgerGroups } from '../../db/schema';
import { payDisbursement } from '../../app/funds/disbursements.server';
import { recordOfflineDonation } from '../../app/funds/donations.server';
import { useTestDatabase } from '../helpers/db';
import { createStreetWithCommunities, createUser } from '../helpers/factories';
import { balanceOf, createTestFund, expectLedgerWhole } from '../helpers/ledger';

useTestDatabase();

let placeId: string;
let treasurer: { userId: string };
beforeAll(async () => {
  const { community } = await createStreetWithCommunities();
  placeId = community.id;
  const t = await createUser({ roles: [{ role: 'treasurer', placeId }] });
  treasurer = { userId: t.id };
});

describe('postGroup', () => {
  it('posts a balanced group once, however often its external id is replayed, even at the same moment', async () => {
    const fund = await createTestFund(placeId);
    const from = await accountFor(db(), fund.id, 'donations', 'CNY');
    const to = await accountFor(db(), fund.id, 'fund', 'CNY');
    const post = () =>
      db().transaction((tx) =>
        postGroup(tx, { kind: 'donation', externalId: `replay-${fund.id}`, fundId: fund.id, entries: [{ accountId: to, amountMinor: 500, currency: 'CNY' }, { accountId: from, amountMinor: -500, currency: 'CNY' }] }),
      );
    const results = await Promise.all(Array.from({ length: 8 }, post));
    expect(results.filter((r) => r.status === 'posted')).toHaveLength(1);
    expect(new Set(results.map((r) => r.groupId)).size).toBe(1);
    expect((await balanceOf(fund.id)).balanceMinor).toBe(500);
    await expectLedgerWhole();
  });

  it('refuses an unbalanced group and stores nothing', async () => {
    const fund = await createTestFund(placeId);
    const to = await accountFor(db(), fund.id, 'fund', 'CNY');
    const from = await accountFor(db(), fund.id, 'donations', 'CNY');
    await expect(
      db().transaction((tx) => postGroup(tx, { kind: 'donation', externalId: `bad-${fund.id}`, entries: [{ accountId: to, amountMinor: 500, currency: 'CNY' }, { accountId: from, amountMinor: -400, currency: 'CNY' }] })),
    ).rejects.toThrow(UnbalancedGroupError);
    const found = await db().select().from(ledgerGroups).where(eq(ledgerGroups.externalId, `bad-${fund.id}`));
    expect(found).toEqual([]);
    await expectLedgerWhole();
  });

  it('has the database refuse, at commit, entries that bypass the code and do not balance', async () => {
    const fund = await createTestFund(placeId);
    const to = await accountFor(db(), fund.id, 'fund', 'CNY');
    await expect(
      db().transaction(async (tx) => {
        const [g] = await tx.insert(ledgerGroups).values({ kind: 'donation', externalId: `raw-${fund.id}`, occurredAt: new Date() }).returning();
        await tx.insert(ledgerEntries).values({ groupId: g.id, accountId: to, amountMinor: 999, currency: 'CNY' });
      }),
    ).rejects.toThrow();
    expect((await balanceOf(fund.id)).balanceMinor).toBe(0);
    await expectLedgerWhole();
  });

  it('keeps entries and groups append-only', async () => {
    const fund = await createTestFund(placeId);
    await recordOfflineDonation(treasurer, fund.id, { method: 'cash', amountMinor: 1000, donorName: '王先生', visibility: 'public', receiptNumber: `AO-${fund.id}` });
    await expect(db().execute(sql`update ledger_entries set amount_minor = amount_minor * 2`)).rejects.toThrow();
    await expect(db().execute(sql`delete from ledger_groups`)).rejects.toThrow();
    expect((await balanceOf(fund.id)).balanceMinor).toBe(1000);
    await expectLedgerWhole();
  });
});

describe('checkLedgerInvariants', () => {
  it('reports a negative fund balance and an empty group', async () => {
    const fund = await createTestFund(placeId);
    const to = await accountFor(db(), fund.id, 'fund', 'CNY');
    const from = await accountFor(db(), fund.id, 'donations', 'CNY');
    // Written around postGroup (as a buggy caller might): balanced, but overdraws the fund.
    await db().transaction(async (tx) => {
      const [g] = await tx.insert(ledgerGroups).values({ kind: 'refund', externalId: `overdraw-${fund.id}`, occurredAt: new Date(), fundId: fund.id }).returning();
      await tx.insert(ledgerEntries).values([
        { groupId: g.id, accountId: to, amountMinor: -300, currency: 'CNY' },
        { groupId: g.id, accountId: from, amountMinor: 300, currency: 'CNY' },
      ]);
      await tx.insert(ledgerGroups).values({ kind: 'donation', externalId: `empty-${fund.id}`, occurredAt: new Date() });
    });
    const report = await checkLedgerInvariants(db());
    expect(report.ok).toBe(false);
    expect(report.problems.join('\n')).toContain('balance on the wrong side of zero');
    expect(report.problems.join('\n')).toContain('fewer than two entries');
    // Append-only: the damage stays in this test's database; later tests use their own.
    await getDatabase().executeSql(`ALTER TABLE ledger_groups DISABLE TRIGGER ledger_groups_append_only`);
    await getDatabase().executeSql(`ALTER TABLE ledger_entries DISABLE TRIGGER ledger_entries_append_only`);
    await getDatabase().executeSql(`DELETE FROM ledger_entries WHERE group_id IN (SELECT id FROM ledger_groups WHERE external_id IN ('overdraw-${fund.id}', 'empty-${fund.id}'))`);
    await getDatabase().executeSql(`DELETE FROM ledger_groups WHERE external_id IN ('overdraw-${fund.id}', 'empty-${fund.id}')`);
    await getDatabase().executeSql(`ALTER TABLE ledger_groups ENABLE TRIGGER ledger_groups_append_only`);
    await getDatabase().executeSql(`ALTER TABLE ledger_entries ENABLE TRIGGER ledger_entries_append_only`);
    await expectLedgerWhole();
  });
});

describe('500 concurrent disbursements against a fund that can afford 100', () => {
  it('lets exactly 100 through and the balance ends at zero, never below', async () => {
    const fund = await createTestFund(placeId, { nameEn: 'Concurrency fund' });
    const approver = await createUser({ roles: [{ role: 'community_staff', placeId }] });
    const r = await recordOfflineDonation(treasurer, fund.id, { method: 'bank_transfer', amountMinor: 100 * 1234, donorName: '云溪商会', visibility: 'public', receiptNumber: `C500-${fund.id}` });
    expect(r.ok).toBe(true);
    // ¥1,234 is below the default ¥5,000 threshold, so it is posted at once.
    expect((await balanceOf(fund.id)).balanceMinor).toBe(123_400);
    const requests = await db()
      .insert(disbursements)
      .values(Array.from({ length: 500 }, (_, i) => ({ fundId: fund.id, payeeKind: 'organisation' as const, payeeName: `Org ${i}`, purpose: 'meals', amountMinor: 1234, currency: 'CNY', status: 'approved' as const, requestedBy: treasurer.userId, decidedBy: approver.id })))
      .returning({ id: disbursements.id });

    let lowest = Infinity;
    let running = true;
    const sampler = (async () => {
      while (running) {
        lowest = Math.min(lowest, (await balanceOf(fund.id)).balanceMinor);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    const results = await Promise.all(requests.map((d) => payDisbursement(treasurer, d.id, `INV-${d.id.slice(0, 8)}`)));
    running = false;
    await sampler;

    expect(results.filter((x) => x.ok)).toHaveLength(100);
    expect(results.filter((x) => !x.ok && x.reason === 'insufficient_funds')).toHaveLength(400);
    const totals = await balanceOf(fund.id);
    expect(totals.balanceMinor).toBe(0);
    expect(totals.outMinor).toBe(123_400);
    expect(lowest).toBeGreaterThanOrEqual(0);
    const [paid] = await rows<{ n: number }>(db(), sql`select count(*)::int as n from disbursements where fund_id = ${fund.id} and status = 'paid'`);
    expect(Number(paid.n)).toBe(100);
    await expectLedgerWhole();
  });
});
