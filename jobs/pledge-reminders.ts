// Hourly: remind pledgers whose pledge is due within three days (once each), and close pledges past their due date.
import type PgBoss from 'pg-boss';
import { expireOverduePledges, remindDuePledges } from '../app/pledges/pledges.server';
import { runJob } from './runner';

export const PLEDGE_REMINDERS = 'pledge-reminders';

export const pledgeRemindersJob = () =>
  runJob(PLEDGE_REMINDERS, 5 * 60_000, async () => {
    const reminded = await remindDuePledges();
    const closed = await expireOverduePledges();
    return { reminded, closed };
  });

export async function registerPledgeJobs(boss: PgBoss) {
  await boss.createQueue(PLEDGE_REMINDERS, { name: PLEDGE_REMINDERS, policy: 'stately', retryLimit: 3, retryBackoff: true });
  await boss.work(PLEDGE_REMINDERS, async () => {
    await pledgeRemindersJob();
  });
  await boss.schedule(PLEDGE_REMINDERS, '23 * * * *', {}, { tz: 'Asia/Shanghai' });
}
