// Card donations through Stripe Checkout: the session is created with the official library, the webhook posts the
// donation exactly once (the session id is unique on both the donation and its ledger group), and refunds post
// reversing groups that never take back more than was given.
import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import { db, rows, type Tx } from '../../db/client';
import { InsufficientFundsError } from '../../db/ledger/errors';
import { donations, funds, type Donation } from '../../db/schema';
import { recordAudit } from '../audit/audit.server';
import { isUuid } from '../utils/http.server';
import { matchGift, recordGiftOrigin, type GiftOrigin } from '../matching-funds/posting.server';
import { lockForRefund, reverseMatchesOnRefund } from '../matching-funds/reversal.server';
import { linkPledgePayment, settlePledgeOf } from '../pledges/pledges.server';
import { giftSources } from '../matching-funds/rules';
import { queueReceipt } from './donations.server';
import { postDonation, postRefund } from './postings.server';
import { generatedReceiptNumber } from './rules';
import { stripeClient } from './stripe.server';
import type { DonorVisibility } from './values';

export const CARD_MIN_MINOR = 100;
export const CARD_MAX_MINOR = 100_000_000;

export interface CardDonationInput {
  fundId: string;
  amountMinor: number;
  donorName: string;
  donorEmail: string;
  visibility: DonorVisibility;
  donorUserId: string | null;
  /** The site's origin, for the return links. */
  origin: string;
  /** Who gives (resident, business, other; a household paying its share from elsewhere). */
  giftOrigin?: GiftOrigin;
  /** The pledge this payment fulfils. */
  pledgeId?: string | null;
}

const cardReceipt = () => generatedReceiptNumber('C', new Date(), randomBytes(5).toString('hex'));

export type StartResult = { ok: true; url: string; donationId: string } | { ok: false; reason: 'no_fund' | 'fund_closed' | 'stripe_failed' };

/** Records a pending donation, then asks Stripe for a Checkout Session to send the donor to. */
export async function startCardDonation(input: CardDonationInput): Promise<StartResult> {
  const [fund] = isUuid(input.fundId) ? await db().select().from(funds).where(eq(funds.id, input.fundId)) : [];
  if (!fund) return { ok: false, reason: 'no_fund' };
  if (fund.status !== 'active') return { ok: false, reason: 'fund_closed' };
  const [donation] = await db()
    .insert(donations)
    .values({ fundId: fund.id, method: 'card', status: 'pending', amountMinor: input.amountMinor, currency: fund.currency, donorName: input.donorName, donorEmail: input.donorEmail, donorUserId: input.donorUserId, visibility: input.visibility, receiptNumber: cardReceipt() })
    .returning();
  await db().transaction(async (tx) => {
    if (input.giftOrigin) await recordGiftOrigin(tx, donation, input.giftOrigin);
    if (input.pledgeId) await linkPledgePayment(tx, { userId: input.donorUserId }, input.pledgeId, donation);
  });
  try {
    const session = await stripeClient().checkout.sessions.create(
      {
        mode: 'payment',
        line_items: [{ quantity: 1, price_data: { currency: fund.currency.toLowerCase(), unit_amount: input.amountMinor, product_data: { name: `${fund.nameZh} ${fund.nameEn}` } } }],
        customer_email: input.donorEmail,
        client_reference_id: donation.id,
        metadata: { donation_id: donation.id, fund_id: fund.id },
        payment_intent_data: { metadata: { donation_id: donation.id, fund_id: fund.id } },
        success_url: `${input.origin}/donations/${donation.id}/thanks`,
        cancel_url: `${input.origin}/funds/${fund.id}`,
      },
      // A retried request creates no second session.
      { idempotencyKey: `checkout-${donation.id}` },
    );
    await db().update(donations).set({ externalId: session.id }).where(eq(donations.id, donation.id));
    if (!session.url) throw new Error('Stripe returned a session without a URL');
    return { ok: true, url: session.url, donationId: donation.id };
  } catch (error) {
    console.warn(`[stripe] checkout session for donation ${donation.id} failed: ${error instanceof Error ? error.message : String(error)}`);
    await db().update(donations).set({ status: 'cancelled' }).where(and(eq(donations.id, donation.id), eq(donations.status, 'pending')));
    return { ok: false, reason: 'stripe_failed' };
  }
}

export type EventOutcome = 'posted' | 'duplicate' | 'ignored' | 'refunded' | 'cancelled' | 'retry';

async function donationForSession(tx: Tx, session: Stripe.Checkout.Session): Promise<Donation | null> {
  const donationId = session.metadata?.donation_id ?? session.client_reference_id;
  if (isUuid(donationId)) {
    const [byId] = await tx.select().from(donations).where(eq(donations.id, donationId)).for('update');
    if (byId) return byId;
  }
  const [bySession] = await tx.select().from(donations).where(eq(donations.externalId, session.id)).for('update');
  if (bySession) return bySession;
  // A session made elsewhere for one of our funds (e.g. a payment link): record it from its metadata.
  const fundId = session.metadata?.fund_id;
  if (!isUuid(fundId)) return null;
  const [fund] = await tx.select({ id: funds.id, currency: funds.currency }).from(funds).where(eq(funds.id, fundId));
  if (!fund) return null;
  await tx
    .insert(donations)
    .values({
      fundId: fund.id,
      method: 'card',
      status: 'pending',
      amountMinor: session.amount_total ?? 0,
      currency: fund.currency,
      donorName: session.metadata?.donor_name || session.customer_details?.name || '—',
      donorEmail: session.customer_details?.email ?? null,
      visibility: (['public', 'anonymous', 'hidden_amount'] as const).find((v) => v === session.metadata?.visibility) ?? 'anonymous',
      receiptNumber: cardReceipt(),
      externalId: session.id,
    })
    .onConflictDoNothing();
  const [created] = await tx.select().from(donations).where(eq(donations.externalId, session.id)).for('update');
  const source = giftSources.find((s) => s === session.metadata?.source);
  if (created && source) await recordGiftOrigin(tx, created, { source });
  return created ?? null;
}

async function recordPaidSession(session: Stripe.Checkout.Session, occurredAt: Date): Promise<EventOutcome> {
  if (session.payment_status !== 'paid' || !session.amount_total || session.amount_total <= 0) return 'ignored';
  return db().transaction(async (tx) => {
    const donation = await donationForSession(tx, session);
    if (!donation) return 'ignored' as const;
    if (donation.status === 'posted' || donation.status === 'refunded') return 'duplicate' as const;
    if (donation.externalId && donation.externalId !== session.id) return 'ignored' as const;
    const [fund] = await tx.select().from(funds).where(eq(funds.id, donation.fundId));
    if ((session.currency ?? '').toUpperCase() !== fund.currency) {
      console.warn(`[stripe] session ${session.id} paid in ${session.currency}, fund keeps ${fund.currency}: not posted`);
      return 'ignored' as const;
    }
    const [paid] = await tx
      .update(donations)
      .set({
        status: 'posted',
        amountMinor: session.amount_total!,
        externalId: session.id,
        paymentRef: typeof session.payment_intent === 'string' ? session.payment_intent : (session.payment_intent?.id ?? null),
        donorEmail: donation.donorEmail ?? session.customer_details?.email ?? null,
        receivedAt: occurredAt,
      })
      .where(eq(donations.id, donation.id))
      .returning();
    const posted = await postDonation(tx, fund, paid, `stripe:${session.id}`, null);
    if (posted.status === 'duplicate') return 'duplicate' as const;
    // The match (配捐) posts in the gift's own transaction.
    await matchGift(tx, fund, paid, null);
    await settlePledgeOf(tx, { userId: null }, paid.id);
    await queueReceipt(tx, fund, paid);
    await recordAudit(tx, { userId: null }, { action: 'donation.card_paid', subjectType: 'donation', subjectId: paid.id, placeId: fund.placeId, after: { amountMinor: paid.amountMinor, session: session.id } });
    return 'posted' as const;
  });
}

async function cancelExpiredSession(session: Stripe.Checkout.Session): Promise<EventOutcome> {
  const updated = await db().update(donations).set({ status: 'cancelled' }).where(and(eq(donations.externalId, session.id), eq(donations.status, 'pending'))).returning({ id: donations.id });
  return updated.length ? 'cancelled' : 'ignored';
}

/** How much of a donation has been refunded so far, from the ledger. */
async function refundedSoFar(tx: Tx, donationId: string): Promise<number> {
  const [row] = await rows<{ refunded: string }>(
    tx,
    sql`select coalesce(sum(e.amount_minor), 0)::text as refunded from ledger_entries e join ledger_groups g on g.id = e.group_id join ledger_accounts a on a.id = e.account_id
        where g.donation_id = ${donationId} and g.kind = 'refund' and a.kind = 'donations'`,
  );
  return Number(row.refunded);
}

async function recordRefund(charge: Stripe.Charge, occurredAt: Date): Promise<EventOutcome> {
  const paymentIntent = typeof charge.payment_intent === 'string' ? charge.payment_intent : charge.payment_intent?.id;
  const donationId = charge.metadata?.donation_id;
  try {
    return await db().transaction(async (tx) => {
      const [donation] = isUuid(donationId)
        ? await tx.select().from(donations).where(eq(donations.id, donationId)).for('update')
        : paymentIntent
          ? await tx.select().from(donations).where(eq(donations.paymentRef, paymentIntent)).for('update')
          : [];
      if (!donation) return 'ignored' as const;
      // The payment's own event has not arrived yet: ask Stripe to deliver this one again later.
      if (donation.status === 'pending') return 'retry' as const;
      if (donation.status !== 'posted' && donation.status !== 'refunded') return 'ignored' as const;
      // amount_refunded is cumulative, so replays and out-of-order deliveries only ever move toward it.
      const target = Math.min(charge.amount_refunded, donation.amountMinor);
      const delta = target - (await refundedSoFar(tx, donation.id));
      if (delta <= 0) return 'duplicate' as const;
      // The fund's account, then the programmes that matched the gift: the order every money path locks them in.
      const fund = await lockForRefund(tx, donation);
      // Its match (配捐) goes back to the pool in the refund's own transaction, in proportion to what is refunded.
      const reversals = await reverseMatchesOnRefund(tx, donation, target, occurredAt, null);
      await postRefund(tx, fund, donation.id, delta, `stripe:refund:${charge.id}:${target}`, occurredAt);
      if (target >= donation.amountMinor) await tx.update(donations).set({ status: 'refunded' }).where(eq(donations.id, donation.id));
      await recordAudit(tx, { userId: null }, { action: 'donation.refund', subjectType: 'donation', subjectId: donation.id, placeId: fund.placeId, after: { refundedMinor: target, matchReversedMinor: reversals.reduce((sum, r) => sum + r.reversedMinor, 0) } });
      return 'refunded' as const;
    });
  } catch (error) {
    if (error instanceof InsufficientFundsError) {
      // Already spent: the refund waits (Stripe retries) rather than overdraw the fund; reconciliation reports it.
      console.warn(`[stripe] refund of charge ${charge.id} waits: the fund holds ${error.balanceMinor}, needs ${error.neededMinor}`);
      return 'retry';
    }
    throw error;
  }
}

/** Applies one verified Stripe event. Replays and out-of-order deliveries change nothing twice. */
export async function handleStripeEvent(event: Stripe.Event): Promise<EventOutcome> {
  const at = new Date(event.created * 1000);
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
      return recordPaidSession(event.data.object, at);
    case 'checkout.session.expired':
      return cancelExpiredSession(event.data.object);
    case 'charge.refunded':
      return recordRefund(event.data.object, at);
    default:
      return 'ignored';
  }
}
