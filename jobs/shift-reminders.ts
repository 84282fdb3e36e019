// Every ten minutes: shift reminders 7 days, 1 day and 2 hours before (each once per sign-up), and the automatic
// check-out of volunteers still checked in long after their shift ended (hours flagged for review).
import type PgBoss from 'pg-boss';
import { runAutoCheckout } from '../app/shifts/attendance.server';
import { runShiftReminders } from '../app/shifts/reminders.server';
import { runJob } from './runner';

export const SHIFT_REMINDERS = 'shift-reminders';
export const SHIFT_AUTO_CHECKOUT = 'shift-auto-checkout';

export const shiftRemindersJob = () => runJob(SHIFT_REMINDERS, 5 * 60_000, () => runShiftReminders());
export const shiftAutoCheckoutJob = () => runJob(SHIFT_AUTO_CHECKOUT, 5 * 60_000, () => runAutoCheckout());

export async function registerShiftJobs(boss: PgBoss) {
  await boss.createQueue(SHIFT_REMINDERS, { name: SHIFT_REMINDERS, policy: 'stately', retryLimit: 3, retryBackoff: true, expireInSeconds: 600 });
  await boss.work(SHIFT_REMINDERS, async () => {
    await shiftRemindersJob();
  });
  await boss.schedule(SHIFT_REMINDERS, '*/10 * * * *', {}, { tz: 'Asia/Shanghai' });
  await boss.createQueue(SHIFT_AUTO_CHECKOUT, { name: SHIFT_AUTO_CHECKOUT, policy: 'stately', retryLimit: 3, retryBackoff: true, expireInSeconds: 600 });
  await boss.work(SHIFT_AUTO_CHECKOUT, async () => {
    await shiftAutoCheckoutJob();
  });
  await boss.schedule(SHIFT_AUTO_CHECKOUT, '5,20,35,50 * * * *', {}, { tz: 'Asia/Shanghai' });
}
