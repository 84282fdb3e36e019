// Every five minutes: overdue needs move up grid → community → street and the person now responsible is told.
import type PgBoss from 'pg-boss';
import { escalateOverdueNeeds } from '../app/needs/escalation.server';
import { runJob } from './runner';

export const ESCALATE_NEEDS = 'escalate-needs';

export const escalateNeedsJob = () => runJob(ESCALATE_NEEDS, 5 * 60_000, () => escalateOverdueNeeds());

export async function registerEscalateNeeds(boss: PgBoss) {
  await boss.createQueue(ESCALATE_NEEDS, { name: ESCALATE_NEEDS, policy: 'stately', retryLimit: 3, retryBackoff: true, expireInSeconds: 600 });
  await boss.work(ESCALATE_NEEDS, async () => {
    await escalateNeedsJob();
  });
  await boss.schedule(ESCALATE_NEEDS, '*/5 * * * *', {}, { tz: 'Asia/Shanghai' });
}
