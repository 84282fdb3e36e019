// Rate limits for what anyone can do without much effort — signing up, raising needs anonymously, posting — kept
// in the database so every web process counts together. Fixed windows; keys are keyed hashes (no raw addresses).
import { lt, sql } from 'drizzle-orm';
import { db } from '../../db/client';
import { rateLimits } from '../../db/schema';
import { keyedHash } from '../auth/crypto.server';
import { clientAddress } from './http.server';

export interface Limit {
  /** What is limited, e.g. 'signup' or 'need.raise.anonymous'. */
  action: string;
  /** Hits allowed per window. */
  max: number;
  windowSeconds: number;
}

export const limits = {
  signup: { action: 'signup', max: 10, windowSeconds: 3600 },
  raiseAnonymous: { action: 'need.raise.anonymous', max: 5, windowSeconds: 3600 },
  raiseSignedIn: { action: 'need.raise', max: 30, windowSeconds: 3600 },
  proposeTopic: { action: 'topic.propose', max: 20, windowSeconds: 3600 },
  comment: { action: 'topic.comment', max: 60, windowSeconds: 3600 },
  invite: { action: 'group.invite', max: 30, windowSeconds: 3600 },
  // Search as you type submits after each pause, so a person searching in earnest makes a few a minute, not 120.
  search: { action: 'search', max: 120, windowSeconds: 60 },
} satisfies Record<string, Limit>;

export type LimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * Counts one hit for `who` (a client address or a user id) and says whether it is within the limit. The count and
 * the check are one statement, so concurrent requests cannot slip past together.
 */
export async function hitLimit(limit: Limit, who: string, now = new Date()): Promise<LimitResult> {
  const windowMs = limit.windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const key = `${limit.action}:${keyedHash(who)}`;
  const [row] = await db()
    .insert(rateLimits)
    .values({ key, windowStart, hits: 1 })
    .onConflictDoUpdate({ target: [rateLimits.key, rateLimits.windowStart], set: { hits: sql`${rateLimits.hits} + 1` } })
    .returning({ hits: rateLimits.hits });
  if (row.hits <= limit.max) return { ok: true };
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000)) };
}

/** Counts a hit for a signed-in person by their account (wherever they are), for anyone else by their address. */
export function hitLimitFor(limit: Limit, request: Request, principal: { user: { id: string } } | null) {
  return hitLimit(limit, principal ? `user:${principal.user.id}` : clientAddress(request));
}

/** Daily housekeeping: windows that ended more than a day ago. */
export async function pruneRateLimits(now = new Date()) {
  await db().delete(rateLimits).where(lt(rateLimits.windowStart, new Date(now.getTime() - 2 * 86_400_000)));
}
