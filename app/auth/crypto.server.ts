// Random tokens and their hashes; only hashes are ever stored.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { sessionSecret } from './secret.server';

export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');
export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
/** A keyed hash for values we must compare but should not keep, such as client addresses. */
export const keyedHash = (value: string) => createHmac('sha256', sessionSecret()).update(value).digest('hex').slice(0, 32);
