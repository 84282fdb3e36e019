// Daily: Stripe's last three days of charges against the ledger. Gaps are logged for the treasurer to follow up.
import { reconcileStripe } from '../app/funds/reconcile.server';
import { runJob } from './runner';

export const STRIPE_RECONCILE = 'stripe-reconcile';
const WINDOW_MS = 3 * 86_400_000;

export const stripeReconcileJob = () =>
  runJob(STRIPE_RECONCILE, 10 * 60_000, async () => {
    const report = await reconcileStripe(new Date(Date.now() - WINDOW_MS));
    if (report.gaps.length) console.warn(`[stripe-reconcile] ${report.gaps.length} gaps: ${JSON.stringify(report.gaps.slice(0, 20))}`);
    return report;
  });
