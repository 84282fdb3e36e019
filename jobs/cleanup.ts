// Daily housekeeping: drop login attempts older than the throttle needs, and rate-limit windows long ended.
import { pruneLoginAttempts } from '../app/auth/accounts.server';
import { pruneRateLimits } from '../app/utils/rate-limit.server';
import { runJob } from './runner';

export const CLEANUP = 'cleanup-daily';

export const cleanupJob = () =>
  runJob(CLEANUP, 5 * 60_000, async () => {
    await pruneLoginAttempts();
    await pruneRateLimits();
  });
