// Every minute: votes open at their opening time and close at their closing time, publishing the result.
import type PgBoss from 'pg-boss';
import { runDueVotes } from '../app/deliberation/votes.server';
import { runJob } from './runner';

export const OPEN_CLOSE_VOTES = 'open-close-votes';

export const openCloseVotesJob = () => runJob(OPEN_CLOSE_VOTES, 5 * 60_000, () => runDueVotes());

export async function registerOpenCloseVotes(boss: PgBoss) {
  await boss.createQueue(OPEN_CLOSE_VOTES, { name: OPEN_CLOSE_VOTES, policy: 'stately', retryLimit: 3, retryBackoff: true, expireInSeconds: 300 });
  await boss.work(OPEN_CLOSE_VOTES, async () => {
    await openCloseVotesJob();
  });
  await boss.schedule(OPEN_CLOSE_VOTES, '* * * * *', {}, { tz: 'Asia/Shanghai' });
}
