// Daily: warn volunteers whose background checks expire within 30 days, and mark expired checks expired.
import { runCheckExpiry } from '../app/resources/check-expiry.server';
import { runJob } from './runner';

export const CHECK_EXPIRY = 'background-check-expiry';

export const checkExpiryJob = () => runJob(CHECK_EXPIRY, 5 * 60_000, () => runCheckExpiry());
