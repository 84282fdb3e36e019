// Every morning at seven (Asia/Shanghai): the daily digest for everyone who chose one.
import type PgBoss from 'pg-boss';
import { runDailyDigest } from '../app/notifications/notifications.server';
import { runJob } from './runner';

export const NOTIFICATION_DIGEST = 'notification-digest';

export const notificationDigestJob = () => runJob(NOTIFICATION_DIGEST, 10 * 60_000, () => runDailyDigest());

export async function registerNotificationDigest(boss: PgBoss) {
  await boss.createQueue(NOTIFICATION_DIGEST, { name: NOTIFICATION_DIGEST, policy: 'stately', retryLimit: 3, retryBackoff: true, expireInSeconds: 1800 });
  await boss.work(NOTIFICATION_DIGEST, async () => {
    await notificationDigestJob();
  });
  await boss.schedule(NOTIFICATION_DIGEST, '0 7 * * *', {}, { tz: 'Asia/Shanghai' });
}
