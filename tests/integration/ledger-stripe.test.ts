// Card donations through Stripe as a donor and Stripe's servers see them: the Checkout request the official library
// sends (to a local server standing in for api.stripe.com), signed webhooks posting exactly once under replays, and
// refunds that never raise a balance.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { count, eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../db/client';
import { disbursements, donations } from '../../db/schema';
import { postDisbursement } from '../../app/funds/postings.server';
import { startCardDonation } from '../../app/funds/card.server';
import { setStripeEndpoint, stripeEnabled } from '../../app/funds/stripe.server';
import * as webhookRoute from '../../app/routes/api.v1.webhooks.stripe';
import { useTestDatabase } from '../helpers/db';
import { createStreetWithCommunities, createUser, deliveredMailTo } from '../helpers/factories';
import { balanceOf, createTestFund, expectLedgerWhole, resetEnvCache } from '../helpers/ledger';

useTestDatabase();

const SECRET_KEY = 'sk_test_fivefold_local';
const WEBHOOK_SECRET = 'whsec_fivefold_local_test_secret';
const signer = new Stripe(SECRET_KEY);

let placeId: string;
let server: Server;
let received: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[] = [];
let reply: { status: number; body: unknown } = { status: 200, body: {} };

beforeAll(async () => {
  process.env.STRIPE_SECRET_KEY = SECRET_KEY;
  process.env.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET;
  resetEnvCache();
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      res.writeHead(reply.status, { 'Content-Type': 'application/json', 'Request-Id': 'req_local' });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  setStripeEndpoint({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, protocol: 'http' });
  placeId = (await createStreetWithCommunities()).community.id;
});

afterAll(async () => {
  delete process.env.STRIPE_SECRET_KEY;
  delete process.env.STRIPE_WEBHOOK_SECRET;
  resetEnvCache();
  setStripeEndpoint(null);
  await new Promise((resolve) => server.close(resolve));
});

function sessionEvent(id: string, session: Partial<Stripe.Checkout.Session>, type = 'checkout.session.completed', created = Math.floor(Date.now() / 1000)) {
  return {
    id,
    object: 'event',
    type,
    created,
    api_version: '2025-01-01',
    livemode: false,
    data: { object: { object: 'checkout.session', payment_status: 'paid', currency: 'cny', ...session } },
  };
}

function chargeRefunded(id: string, charge: Partial<Stripe.Charge>) {
  return { id, object: 'event', type: 'charge.refunded', created: Math.floor(Date.now() / 1000), livemode: false, data: { object: { object: 'charge', currency: 'cny', ...charge } } };
}

function deliver(event: unknown, opts: { secret?: string; timestamp?: number; tamper?: boolean } = {}) {
  const payload = JSON.stringify(event);
  const header = signer.webhooks.generateTestHeaderString({ payload, secret: opts.secret ?? WEBHOOK_SECRET, timestamp: opts.timestamp });
  const body = opts.tamper ? payload.replace('"amount_total":', '"amount_total":9') : payload;
  return webhookRoute.action({ request: new Request('http://localhost/api/v1/webhooks/stripe', { method: 'POST', headers: { 'Stripe-Signature': header, 'Content-Type': 'application/json' }, body }), params: {}, context: {} });
}

describe('Checkout', () => {
  it('sends the request the library builds to the configured server and returns the hosted page', async () => {
    const fund = await createTestFund(placeId, { nameZh: '友邻基金', nameEn: 'Neighbours fund' });
    received = [];
    reply = { status: 200, body: { id: 'cs_test_local_1', object: 'checkout.session', url: 'https://checkout.stripe.com/c/pay/cs_test_local_1' } };
    const result = await startCardDonation({ fundId: fund.id, amountMinor: 8800, donorName: '林晓东', donorEmail: 'donor@example.test', visibility: 'public', donorUserId: null, origin: 'https://fivefold.example' });
    expect(result).toMatchObject({ ok: true, url: 'https://checkout.stripe.com/c/pay/cs_test_local_1' });
    expect(received).toHaveLength(1);
    const [req] = received;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/v1/checkout/sessions');
    expect(req.headers.authorization).toBe(`Bearer ${SECRET_KEY}`);
    const donationId = result.ok ? result.donationId : '';
    expect(req.headers['idempotency-key']).toBe(`checkout-${donationId}`);
    const form = new URLSearchParams(req.body);
    expect(form.get('mode')).toBe('payment');
    expect(form.get('line_items[0][price_data][unit_amount]')).toBe('8800');
    expect(form.get('line_items[0][price_data][currency]')).toBe('cny');
    expect(form.get('line_items[0][quantity]')).toBe('1');
    expect(form.get('metadata[donation_id]')).toBe(donationId);
    expect(form.get('metadata[fund_id]')).toBe(fund.id);
    expect(form.get('customer_email')).toBe('donor@example.test');
    expect(form.get('success_url')).toBe(`https://fivefold.example/donations/${donationId}/thanks`);
    expect(form.get('cancel_url')).toBe(`https://fivefold.example/funds/${fund.id}`);
    const [row] = await db().select().from(donations).where(eq(donations.id, donationId));
    expect(row).toMatchObject({ status: 'pending', externalId: 'cs_test_local_1', amountMinor: 8800 });
    // Nothing is in the fund until Stripe says it is paid.
    expect((await balanceOf(fund.id)).balanceMinor).toBe(0);

    const res = await deliver(sessionEvent('evt_local_1', { id: 'cs_test_local_1', amount_total: 8800, payment_intent: 'pi_local_1', metadata: { donation_id: donationId, fund_id: fund.id }, customer_details: { email: 'donor@example.test' } as Stripe.Checkout.Session.CustomerDetails }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: true, outcome: 'posted' });
    expect((await balanceOf(fund.id)).balanceMinor).toBe(8800);
    const mail = await deliveredMailTo('donor@example.test');
    expect(mail.at(-1)?.text).toContain(row.receiptNumber);
    await expectLedgerWhole();
  });

  it('stores a cancelled donation and no session when Stripe refuses', async () => {
    const fund = await createTestFund(placeId);
    reply = { status: 400, body: { error: { type: 'invalid_request_error', message: 'Invalid currency' } } };
    const warn = console.warn;
    console.warn = () => {};
    const result = await startCardDonation({ fundId: fund.id, amountMinor: 500, donorName: 'x', donorEmail: 'x@example.test', visibility: 'anonymous', donorUserId: null, origin: 'https://fivefold.example' }).finally(() => (console.warn = warn));
    expect(result).toEqual({ ok: false, reason: 'stripe_failed' });
    const rows = await db().select().from(donations).where(eq(donations.fundId, fund.id));
    expect(rows.map((r) => r.status)).toEqual(['cancelled']);
    expect((await balanceOf(fund.id)).balanceMinor).toBe(0);
  });
});

describe('POST /api/v1/webhooks/stripe', () => {
  it('refuses forged, altered and stale events with 400 and posts nothing', async () => {
    const fund = await createTestFund(placeId);
    const event = sessionEvent('evt_forged', { id: 'cs_forged', amount_total: 100000, metadata: { fund_id: fund.id } });
    expect((await deliver(event, { secret: 'whsec_someone_else' })).status).toBe(400);
    expect((await deliver(event, { tamper: true })).status).toBe(400);
    expect((await deliver(event, { timestamp: Math.floor(Date.now() / 1000) - 301 })).status).toBe(400);
    const unsigned = await webhookRoute.action({ request: new Request('http://localhost/api/v1/webhooks/stripe', { method: 'POST', body: JSON.stringify(event) }), params: {}, context: {} });
    expect(unsigned.status).toBe(400);
    expect((await unsigned.json()).error.code).toBe('bad_request');
    expect((await balanceOf(fund.id)).balanceMinor).toBe(0);
    // Within the 300-second tolerance it is accepted.
    expect((await deliver(event, { timestamp: Math.floor(Date.now() / 1000) - 250 })).status).toBe(200);
    expect((await balanceOf(fund.id)).balanceMinor).toBe(100000);
    await expectLedgerWhole();
  });

  it('posts 1,000 distinct events exactly once when each arrives three times at once in shuffled order', async () => {
    const fund = await createTestFund(placeId, { nameEn: 'Webhook storm fund' });
    const events = Array.from({ length: 1000 }, (_, i) =>
      sessionEvent(`evt_storm_${i}`, { id: `cs_storm_${i}`, amount_total: 100 + i, payment_intent: `pi_storm_${i}`, metadata: { fund_id: fund.id, donor_name: `Donor ${i}`, visibility: i % 3 === 0 ? 'anonymous' : 'public' } }),
    );
    const deliveries = events.flatMap((e) => [e, e, e]);
    for (let i = deliveries.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [deliveries[i], deliveries[j]] = [deliveries[j], deliveries[i]];
    }
    const responses = await Promise.all(deliveries.map((e) => deliver(e)));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    const outcomes = await Promise.all(responses.map(async (r) => (await r.json()).outcome));
    expect(outcomes.filter((o) => o === 'posted')).toHaveLength(1000);
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(2000);
    const [{ n }] = await db().select({ n: count() }).from(donations).where(eq(donations.fundId, fund.id));
    expect(Number(n)).toBe(1000);
    const expected = events.reduce((sum, _, i) => sum + 100 + i, 0);
    expect((await balanceOf(fund.id)).balanceMinor).toBe(expected);
    await expectLedgerWhole();
  }, 300_000);

  it('refunds lower the balance by what was refunded, once, whatever the order, and never raise it', async () => {
    const fund = await createTestFund(placeId);
    reply = { status: 200, body: { id: 'cs_refund_1', object: 'checkout.session', url: 'https://checkout.stripe.com/c/pay/cs_refund_1' } };
    const started = await startCardDonation({ fundId: fund.id, amountMinor: 10000, donorName: '张', donorEmail: 'zhang@example.test', visibility: 'hidden_amount', donorUserId: null, origin: 'https://fivefold.example' });
    if (!started.ok) throw new Error('checkout failed');
    const meta = { donation_id: started.donationId, fund_id: fund.id };
    const paid = sessionEvent('evt_r_paid', { id: 'cs_refund_1', amount_total: 10000, payment_intent: 'pi_refund_1', metadata: meta });
    const partial = chargeRefunded('evt_r_partial', { id: 'ch_refund_1', payment_intent: 'pi_refund_1', amount: 10000, amount_refunded: 3000, metadata: meta });
    const full = chargeRefunded('evt_r_full', { id: 'ch_refund_1', payment_intent: 'pi_refund_1', amount: 10000, amount_refunded: 10000, metadata: meta });
    // A refund that arrives before its payment is refused for now (409), so Stripe delivers it again later.
    expect((await deliver(partial)).status).toBe(409);
    expect((await balanceOf(fund.id)).balanceMinor).toBe(0);
    expect((await deliver(paid)).status).toBe(200);
    expect((await balanceOf(fund.id)).balanceMinor).toBe(10000);
    const again = await Promise.all([deliver(partial), deliver(partial), deliver(partial)]);
    expect(again.map((r) => r.status)).toEqual([200, 200, 200]);
    expect((await balanceOf(fund.id)).balanceMinor).toBe(7000);
    // The full refund, then the older partial one again (out of order): the balance only ever goes down, to zero.
    await deliver(full);
    expect((await balanceOf(fund.id)).balanceMinor).toBe(0);
    await deliver(partial);
    await deliver(full);
    const totals = await balanceOf(fund.id);
    expect(totals.balanceMinor).toBe(0);
    expect(totals.inMinor).toBe(10000);
    expect(totals.outMinor).toBe(10000);
    const [row] = await db().select().from(donations).where(eq(donations.id, started.donationId));
    expect(row.status).toBe('refunded');
    await expectLedgerWhole();
  });

  it('makes a refund of money already spent wait (409) rather than overdraw the fund', async () => {
    const fund = await createTestFund(placeId);
    await deliver(sessionEvent('evt_spent_paid', { id: 'cs_spent', amount_total: 5000, payment_intent: 'pi_spent', metadata: { fund_id: fund.id } }));
    const requester = await createUser();
    const [d] = await db().insert(disbursements).values({ fundId: fund.id, payeeKind: 'organisation', payeeName: 'Org', purpose: 'meals', amountMinor: 5000, currency: 'CNY', status: 'paid', requestedBy: requester.id }).returning();
    await db().transaction((tx) => postDisbursement(tx, fund, d, requester.id));
    const warn = console.warn;
    console.warn = () => {};
    const res = await deliver(chargeRefunded('evt_spent_refund', { id: 'ch_spent', payment_intent: 'pi_spent', amount: 5000, amount_refunded: 5000, metadata: {} })).finally(() => (console.warn = warn));
    expect(res.status).toBe(409);
    expect((await balanceOf(fund.id)).balanceMinor).toBe(0);
    await expectLedgerWhole();
  });
});

describe('without Stripe keys', () => {
  it('hides card donations and the webhook answers 404', async () => {
    delete process.env.STRIPE_SECRET_KEY;
    delete process.env.STRIPE_WEBHOOK_SECRET;
    resetEnvCache();
    try {
      expect(stripeEnabled()).toBe(false);
      const res = await deliver(sessionEvent('evt_nokeys', { id: 'cs_nokeys', amount_total: 100 }));
      expect(res.status).toBe(404);
    } finally {
      process.env.STRIPE_SECRET_KEY = SECRET_KEY;
      process.env.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET;
      resetEnvCache();
    }
  });
});
