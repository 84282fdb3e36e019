// How long a session lives: shorter for people who handle others' private data or money.
export interface SessionLimits {
  idleMs: number;
  absoluteMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function sessionLimits(privileged: boolean): SessionLimits {
  return privileged ? { idleMs: 1 * HOUR, absoluteMs: 12 * HOUR } : { idleMs: 14 * DAY, absoluteMs: 30 * DAY };
}

/** Whether a session is still alive at `now`. */
export function sessionAlive(
  s: { createdAt: Date; lastSeenAt: Date; expiresAt: Date; endedAt: Date | null },
  limits: SessionLimits,
  now: Date,
): boolean {
  if (s.endedAt) return false;
  if (now >= s.expiresAt) return false;
  if (now.getTime() - s.createdAt.getTime() >= limits.absoluteMs) return false;
  return now.getTime() - s.lastSeenAt.getTime() < limits.idleMs;
}

/** Refresh last_seen_at at most once a minute: idle checks need no finer grain and it saves a write per request. */
export const needsTouch = (lastSeenAt: Date, now: Date) => now.getTime() - lastSeenAt.getTime() > MINUTE;
