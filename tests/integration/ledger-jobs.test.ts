// The ledger's scheduled jobs: the invariant check passes on a whole ledger and fails loudly on a broken one;
// reconciliation finds the charges Stripe has that the ledger lacks (and the reverse); both are scheduled.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db, getDatabase } from '../../db/client';
import { accountFor } from '../../db/ledger/accounts';
import { donations, ledgerEntries, ledgerGroups } from '../../db/schema';
import { recordOfflineDonation } from '../../app/funds/donations.server';
import { handleStripeEvent } from '../../app/funds/card.server';
import { reconcileStripe } from '../../app/funds/reconcile.server';
import { setStripeEndpoint } from '../../app/funds/stripe.server';
import { LedgerInvariantError, ledgerInvariantsJob } from '../../jobs/ledger-invariants';
import { startWorker } from '../../jobs/start-worker';
import type Stripe from 'stripe';
import { useTestDatabase } from '../helpers/db';
import { createStreetWithCommunities, createUser } from '../helpers/factories';
import { createTestFund, resetEnvCache } from '../helpers/ledger';

const database = useTestDatabase();
let placeId: string;
let server: Server;
let requested: string[] = [];
let listing: unknown[] = [];

beforeAll(async () => {
  placeId = (await createStreetWithCommunities()).community.id;
  server = createServer((req, res) => {
    requested.push(req.url!);
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ object: 'list', url: '/v1/balance_transactions', has_more: false, data: listing }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  delete process.env.STRIPE_SECRET_KEY;
  delete process.env.STRIPE_WEBHOOK_SECRET;
  resetEnvCache();
  setStripeEndpoint(null);
  await new Promise((resolve) => server.close(resolve));
});

describe('ledger-invariants job', () => {
  it('passes on a whole ledger and fails naming the problem when a group is broken', async () => {
    const fund = await createTestFund(placeId);
    const t = await createUser({ roles: [{ role: 'treasurer', placeId }] });
    await recordOfflineDonation({ userId: t.id }, fund.id, { method: 'cash', amountMinor: 5000, donorName: '甲', visibility: 'public', receiptNumber: 'J-1' });
    const report = await ledgerInvariantsJob();
    expect(report.ok).toBe(true);
    expect(report.groups).toBe(1);

    // A buggy writer that skips postGroup and the deferred trigger: the job must notice.
    const fundAccount = await accountFor(db(), fund.id, 'fund', 'CNY');
    await getDatabase().executeSql('ALTER TABLE ledger_entries DISABLE TRIGGER ledger_entries_balanced');
    await db().transaction(async (tx) => {
      const [g] = await tx.insert(ledgerGroups).values({ kind: 'donation', externalId: 'broken-1', occurredAt: new Date(), fundId: fund.id }).returning();
      await tx.insert(ledgerEntries).values([
        { groupId: g.id, accountId: fundAccount, amountMinor: 700, currency: 'CNY' },
        { groupId: g.id, accountId: await accountFor(tx, fund.id, 'donations', 'CNY'), amountMinor: -600, currency: 'CNY' },
      ]);
    });
    await getDatabase().executeSql('ALTER TABLE ledger_entries ENABLE TRIGGER ledger_entries_balanced');
    const warn = console.warn;
    console.warn = () => {};
    const failed = await ledgerInvariantsJob()
      .catch((e: unknown) => e)
      .finally(() => (console.warn = warn));
    expect(failed).toBeInstanceOf(LedgerInvariantError);
    expect((failed as LedgerInvariantError).message).toContain('group does not balance');
  });
});

describe('stripe reconciliation', () => {
  it('does nothing without Stripe keys', async () => {
    expect(await reconcileStripe(new Date(0))).toEqual({ skipped: true, charges: 0, feesMinor: 0, gaps: [] });
  });

  it("reports Stripe's charges missing from the ledger, the ledger's missing at Stripe, and differing amounts", async () => {
    process.env.STRIPE_SECRET_KEY = 'sk_test_reconcile';
    process.env.STRIPE_WEBHOOK_SECRET = 'whsec_reconcile';
    resetEnvCache();
    setStripeEndpoint({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, protocol: 'http' });
    const fund = await createTestFund(placeId);
    const paid = (id: string, amount: number) =>
      handleStripeEvent({ id: `evt_${id}`, object: 'event', type: 'checkout.session.completed', created: Math.floor(Date.now() / 1000), data: { object: { id: `cs_${id}`, object: 'checkout.session', payment_status: 'paid', amount_total: amount, currency: 'cny', payment_intent: `pi_${id}`, metadata: { fund_id: fund.id } } } } as unknown as Stripe.Event);
    await paid('ok', 1000);
    await paid('differs', 2000);
    await paid('only_ledger', 3000);
    const bt = (charge: string, intent: string, amount: number) => ({ id: `txn_${charge}`, object: 'balance_transaction', type: 'charge', amount, fee: 40, created: Math.floor(Date.now() / 1000), source: { id: charge, object: 'charge', payment_intent: intent } });
    listing = [bt('ch_ok', 'pi_ok', 1000), bt('ch_differs', 'pi_differs', 2500), bt('ch_lost', 'pi_lost', 4000)];
    requested = [];
    const report = await reconcileStripe(new Date(Date.now() - 86_400_000));
    expect(requested[0]).toMatch(/^\/v1\/balance_transactions\?/);
    expect(decodeURIComponent(requested[0])).toContain('expand[0]=data.source');
    expect(report.charges).toBe(3);
    expect(report.feesMinor).toBe(120);
    const [onlyLedger] = await db().select({ id: donations.id }).from(donations).where(eq(donations.paymentRef, 'pi_only_ledger'));
    expect(report.gaps).toEqual(
      expect.arrayContaining([
        { kind: 'amount_differs', reference: 'ch_differs', stripeMinor: 2500, ledgerMinor: 2000 },
        { kind: 'missing_in_ledger', reference: 'ch_lost', stripeMinor: 4000 },
        { kind: 'missing_at_stripe', reference: onlyLedger.id, ledgerMinor: 3000 },
      ]),
    );
    expect(report.gaps).toHaveLength(3);
  });
});

describe('the worker', () => {
  it('schedules the invariant check and the reconciliation', async () => {
    const worker = await startWorker(database.handle, database.url);
    try {
      const { rows } = await database.handle.executeSql(`select name, cron from pgboss.schedule order by name`);
      expect(rows).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'ledger-invariants', cron: '7 * * * *' }), expect.objectContaining({ name: 'stripe-reconcile' })]));
    } finally {
      await worker.stop();
    }
  });
});
