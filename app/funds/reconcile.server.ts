// Compares Stripe's balance transactions with the ledger and reports the gaps: charges Stripe has that the ledger
// lacks (a lost webhook), card donations the ledger has that Stripe does not, and amounts that differ.
import { and, eq, gte, isNotNull } from 'drizzle-orm';
import type Stripe from 'stripe';
import { db } from '../../db/client';
import { donations } from '../../db/schema';
import { stripeClient, stripeEnabled } from './stripe.server';

export interface ReconcileGap {
  kind: 'missing_in_ledger' | 'missing_at_stripe' | 'amount_differs';
  reference: string;
  stripeMinor?: number;
  ledgerMinor?: number;
}

export interface ReconcileReport {
  skipped: boolean;
  charges: number;
  feesMinor: number;
  gaps: ReconcileGap[];
}

export async function reconcileStripe(since: Date): Promise<ReconcileReport> {
  if (!stripeEnabled()) return { skipped: true, charges: 0, feesMinor: 0, gaps: [] };
  const seen = new Map<string, { amount: number; id: string }>();
  let feesMinor = 0;
  for await (const bt of stripeClient().balanceTransactions.list({ created: { gte: Math.floor(since.getTime() / 1000) }, limit: 100, expand: ['data.source'] })) {
    if (bt.type !== 'charge' && bt.type !== 'payment') continue;
    feesMinor += bt.fee;
    const charge = bt.source as Stripe.Charge | string | null;
    if (!charge || typeof charge === 'string') continue;
    const intent = typeof charge.payment_intent === 'string' ? charge.payment_intent : charge.payment_intent?.id;
    if (intent) seen.set(intent, { amount: bt.amount, id: charge.id });
  }
  const posted = await db()
    .select({ id: donations.id, paymentRef: donations.paymentRef, amountMinor: donations.amountMinor, status: donations.status })
    .from(donations)
    .where(and(eq(donations.method, 'card'), isNotNull(donations.paymentRef), gte(donations.receivedAt, since)));
  const byIntent = new Map(posted.map((d) => [d.paymentRef!, d]));
  const gaps: ReconcileGap[] = [];
  for (const [intent, s] of seen) {
    const d = byIntent.get(intent);
    if (!d || (d.status !== 'posted' && d.status !== 'refunded')) gaps.push({ kind: 'missing_in_ledger', reference: s.id, stripeMinor: s.amount });
    else if (d.amountMinor !== s.amount) gaps.push({ kind: 'amount_differs', reference: s.id, stripeMinor: s.amount, ledgerMinor: d.amountMinor });
  }
  for (const d of posted) if (!seen.has(d.paymentRef!)) gaps.push({ kind: 'missing_at_stripe', reference: d.id, ledgerMinor: d.amountMinor });
  return { skipped: false, charges: seen.size, feesMinor, gaps };
}
