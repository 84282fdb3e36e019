// Daily housekeeping: drop login attempts older than the throttle needs.
import { pruneLoginAttempts } from '../app/auth/accounts.server';
import { runJob } from './runner';

export const CLEANUP = 'cleanup-daily';

export const cleanupJob = () => runJob(CLEANUP, 5 * 60_000, () => pruneLoginAttempts());
