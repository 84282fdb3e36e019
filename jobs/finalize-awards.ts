// Every ten minutes: awards whose public notice (公示) is over with every objection answered become final; their
// projects go in progress and their needs are dispatched to them. Pages also do this on read.
import type PgBoss from 'pg-boss';
import { finalizeDueAwards } from '../app/projects/awards.server';
import { runJob } from './runner';

export const FINALIZE_AWARDS = 'finalize-awards';

export const finalizeAwardsJob = () => runJob(FINALIZE_AWARDS, 5 * 60_000, () => finalizeDueAwards());

export async function registerFinalizeAwards(boss: PgBoss) {
  await boss.createQueue(FINALIZE_AWARDS, { name: FINALIZE_AWARDS, policy: 'stately', retryLimit: 3, retryBackoff: true, expireInSeconds: 600 });
  await boss.work(FINALIZE_AWARDS, async () => {
    await finalizeAwardsJob();
  });
  await boss.schedule(FINALIZE_AWARDS, '*/10 * * * *', {}, { tz: 'Asia/Shanghai' });
}
