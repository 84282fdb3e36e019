import { describe, expect, it } from 'vitest';
import { needsTouch, sessionAlive, sessionLimits } from '../../../app/auth/session-rules';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const now = new Date('2026-03-01T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);

function session(overrides: Partial<{ createdAt: Date; lastSeenAt: Date; expiresAt: Date; endedAt: Date | null }> = {}) {
  return { createdAt: ago(HOUR), lastSeenAt: ago(MINUTE), expiresAt: new Date(now.getTime() + DAY), endedAt: null, ...overrides };
}

describe('sessionLimits', () => {
  it('gives privileged people shorter idle and absolute limits', () => {
    const resident = sessionLimits(false);
    const staff = sessionLimits(true);
    expect(staff.idleMs).toBeLessThan(resident.idleMs);
    expect(staff.absoluteMs).toBeLessThan(resident.absoluteMs);
    expect(staff).toEqual({ idleMs: HOUR, absoluteMs: 12 * HOUR });
    expect(resident).toEqual({ idleMs: 14 * DAY, absoluteMs: 30 * DAY });
  });
});

describe('sessionAlive', () => {
  const resident = sessionLimits(false);
  const staff = sessionLimits(true);

  it('keeps a fresh session alive', () => {
    expect(sessionAlive(session(), resident, now)).toBe(true);
  });

  it('ends a session that was ended (logout, password change)', () => {
    expect(sessionAlive(session({ endedAt: ago(MINUTE) }), resident, now)).toBe(false);
  });

  it('ends a session past its stored expiry', () => {
    expect(sessionAlive(session({ expiresAt: now }), resident, now)).toBe(false);
  });

  it('ends a session idle for the idle limit, not one just under it', () => {
    expect(sessionAlive(session({ lastSeenAt: ago(14 * DAY - MINUTE) }), resident, now)).toBe(true);
    expect(sessionAlive(session({ lastSeenAt: ago(14 * DAY) }), resident, now)).toBe(false);
  });

  it('ends a busy session at its absolute limit, however recently it was used', () => {
    const old = session({ createdAt: ago(30 * DAY), lastSeenAt: now, expiresAt: new Date(now.getTime() + DAY) });
    expect(sessionAlive(old, resident, now)).toBe(false);
  });

  it('applies the shorter limits to privileged people', () => {
    const idleHour = session({ lastSeenAt: ago(HOUR + MINUTE) });
    expect(sessionAlive(idleHour, resident, now)).toBe(true);
    expect(sessionAlive(idleHour, staff, now)).toBe(false);
    const longDay = session({ createdAt: ago(13 * HOUR), lastSeenAt: ago(MINUTE) });
    expect(sessionAlive(longDay, resident, now)).toBe(true);
    expect(sessionAlive(longDay, staff, now)).toBe(false);
  });
});

describe('needsTouch', () => {
  it('refreshes last-seen at most once a minute', () => {
    expect(needsTouch(ago(30_000), now)).toBe(false);
    expect(needsTouch(ago(MINUTE + 1), now)).toBe(true);
  });
});
