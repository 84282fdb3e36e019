// Starts the job worker in this process: queues, schedules, the outbox ticker and the heartbeat.
import { randomUUID } from 'node:crypto';
import type PgBoss from 'pg-boss';
import type { DatabaseHandle } from '../db/client';
import { hasDueOutbox } from '../app/outbox/relay.server';
import { createBoss } from './boss';
import { CHECK_EXPIRY, checkExpiryJob } from './check-expiry';
import { CLEANUP, cleanupJob } from './cleanup';
import { LEDGER_INVARIANTS, ledgerInvariantsJob } from './ledger-invariants';
import { STRIPE_RECONCILE, stripeReconcileJob } from './stripe-reconcile';
import { registerEscalateNeeds } from './escalate-needs';
import { registerFinalizeAwards } from './finalize-awards';
import { registerOpenCloseVotes } from './open-close-votes';
import { registerImportNeeds } from './import-needs';
import { registerExportFiles } from './export-files';
import { registerNotificationDigest } from './notification-digest';
import { registerShiftJobs } from './shift-reminders';
import { registerPledgeJobs } from './pledge-reminders';
import { beat, endBeat } from './heartbeat.server';
import { OUTBOX_RELAY, outboxRelayJob } from './outbox-relay';
import { SEARCH_RECENT_WINDOW, searchRecentWindowJob } from './search-recent-window';
import { startSearchFeed } from '../search/feed';

export interface RunningWorker {
  boss: PgBoss;
  stop(): Promise<void>;
}

const HEARTBEAT_MS = 10_000;
const OUTBOX_TICK_MS = 1_000;

export async function startWorker(handle: DatabaseHandle, url: string | undefined): Promise<RunningWorker> {
  startSearchFeed();
  const boss = createBoss(handle, url);
  boss.on('error', (error) => console.warn(`[worker] pg-boss: ${error.message}`));
  await boss.start();

  // 'stately': at most one relay queued and one running, however many web processes and workers send.
  await boss.createQueue(OUTBOX_RELAY, { name: OUTBOX_RELAY, policy: 'stately', retryLimit: 3, retryBackoff: true, expireInSeconds: 120 });
  await boss.createQueue(CLEANUP, { name: CLEANUP, policy: 'stately', retryLimit: 3, retryBackoff: true });
  await boss.work(OUTBOX_RELAY, { pollingIntervalSeconds: 0.5 }, async () => {
    await outboxRelayJob();
  });
  await boss.work(CLEANUP, async () => {
    await cleanupJob();
  });
  await boss.schedule(CLEANUP, '17 3 * * *', {}, { tz: 'Asia/Shanghai' });
  await boss.createQueue(LEDGER_INVARIANTS, { name: LEDGER_INVARIANTS, policy: 'stately', retryLimit: 1 });
  await boss.work(LEDGER_INVARIANTS, async () => {
    await ledgerInvariantsJob();
  });
  await boss.schedule(LEDGER_INVARIANTS, '7 * * * *', {}, { tz: 'Asia/Shanghai' });
  // Without Stripe keys the job finds nothing to compare and returns at once.
  await boss.createQueue(STRIPE_RECONCILE, { name: STRIPE_RECONCILE, policy: 'stately', retryLimit: 2, retryBackoff: true });
  await boss.work(STRIPE_RECONCILE, async () => {
    await stripeReconcileJob();
  });
  await boss.schedule(STRIPE_RECONCILE, '40 4 * * *', {}, { tz: 'Asia/Shanghai' });
  await registerEscalateNeeds(boss);
  await registerFinalizeAwards(boss);
  await registerOpenCloseVotes(boss);
  const stopImportTicker = await registerImportNeeds(boss);
  const stopExportTicker = await registerExportFiles(boss);
  await registerShiftJobs(boss);
  await registerNotificationDigest(boss);
  await registerPledgeJobs(boss);
  await boss.createQueue(CHECK_EXPIRY, { name: CHECK_EXPIRY, policy: 'stately', retryLimit: 3, retryBackoff: true });
  await boss.work(CHECK_EXPIRY, async () => {
    await checkExpiryJob();
  });
  await boss.schedule(CHECK_EXPIRY, '7 2 * * *', {}, { tz: 'Asia/Shanghai' });
  await boss.createQueue(SEARCH_RECENT_WINDOW, { name: SEARCH_RECENT_WINDOW, policy: 'stately', retryLimit: 3, retryBackoff: true });
  await boss.work(SEARCH_RECENT_WINDOW, async () => {
    await searchRecentWindowJob();
  });
  await boss.schedule(SEARCH_RECENT_WINDOW, '31 3 * * *', {}, { tz: 'Asia/Shanghai' });
  // Also once at start, so that an upgraded or newly seeded index gets its window without waiting for the night.
  await boss.send(SEARCH_RECENT_WINDOW, {});

  const workerId = randomUUID();
  const startedAt = new Date();
  await beat(workerId, startedAt);
  const heartbeat = setInterval(() => beat(workerId, startedAt).catch((e) => console.warn(`[worker] heartbeat: ${e.message}`)), HEARTBEAT_MS);
  const ticker = setInterval(() => {
    hasDueOutbox()
      .then((due) => (due ? boss.send(OUTBOX_RELAY, {}) : null))
      .catch((e) => console.warn(`[worker] outbox tick: ${e.message}`));
  }, OUTBOX_TICK_MS);
  heartbeat.unref();
  ticker.unref();

  return {
    boss,
    async stop() {
      clearInterval(heartbeat);
      clearInterval(ticker);
      stopImportTicker();
      stopExportTicker();
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
      await endBeat(workerId).catch(() => {});
    },
  };
}
