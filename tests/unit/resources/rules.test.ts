import { describe, expect, it } from 'vitest';
import {
  checkSlot,
  countByCategory,
  coversInterval,
  dueForWarning,
  eligibility,
  gapReport,
  localInstant,
  localParts,
  normaliseWindows,
  overlapMinutes,
  parseHm,
  slotsOfDay,
  withinTravelRadius,
} from '../../../app/resources/rules';
import { categoriesOfSkills } from '../../../app/resources/values';

const now = new Date('2026-11-23T04:00:00Z'); // Monday 12:00 in Shanghai
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);

describe('eligibility', () => {
  it('accepts a volunteer whose required check is verified and current', () => {
    const e = eligibility([{ type: 'child_safeguarding', status: 'verified', expiresAt: days(30) }], ['child_safeguarding'], now);
    expect(e).toEqual({ eligible: true, missing: [], expired: [] });
  });

  it('makes a volunteer with an expired required check ineligible, naming the check', () => {
    const byDate = eligibility([{ type: 'child_safeguarding', status: 'verified', expiresAt: days(-1) }], ['child_safeguarding'], now);
    expect(byDate).toEqual({ eligible: false, missing: [], expired: ['child_safeguarding'] });
    const byStatus = eligibility([{ type: 'child_safeguarding', status: 'expired', expiresAt: days(-40) }], ['child_safeguarding'], now);
    expect(byStatus.eligible).toBe(false);
    expect(byStatus.expired).toEqual(['child_safeguarding']);
  });

  it('treats a check that expires before the work starts as expired for that work', () => {
    const checks = [{ type: 'elder_care_training' as const, status: 'verified' as const, expiresAt: days(5) }];
    expect(eligibility(checks, ['elder_care_training'], now).eligible).toBe(true);
    expect(eligibility(checks, ['elder_care_training'], days(6)).expired).toEqual(['elder_care_training']);
  });

  it('counts pending and rejected checks as missing, and needs every required check', () => {
    const checks = [
      { type: 'no_criminal_record' as const, status: 'pending' as const, expiresAt: null },
      { type: 'child_safeguarding' as const, status: 'rejected' as const, expiresAt: null },
      { type: 'first_aid_certificate' as const, status: 'verified' as const, expiresAt: null },
    ];
    expect(eligibility(checks, ['no_criminal_record', 'child_safeguarding', 'first_aid_certificate'], now)).toEqual({
      eligible: false,
      missing: ['no_criminal_record', 'child_safeguarding'],
      expired: [],
    });
    expect(eligibility([], [], now).eligible).toBe(true);
  });

  it('lets a renewed check outweigh the expired one of the same type', () => {
    const checks = [
      { type: 'child_safeguarding' as const, status: 'expired' as const, expiresAt: days(-400) },
      { type: 'child_safeguarding' as const, status: 'verified' as const, expiresAt: days(300) },
    ];
    expect(eligibility(checks, ['child_safeguarding'], now).eligible).toBe(true);
  });
});

describe('dueForWarning', () => {
  it('picks verified checks expiring within the horizon that were not yet warned', () => {
    const checks = [
      { id: 'a', type: 'child_safeguarding' as const, status: 'verified' as const, expiresAt: days(10), warnedAt: null },
      { id: 'b', type: 'child_safeguarding' as const, status: 'verified' as const, expiresAt: days(10), warnedAt: days(-1) },
      { id: 'c', type: 'child_safeguarding' as const, status: 'verified' as const, expiresAt: days(60), warnedAt: null },
      { id: 'd', type: 'child_safeguarding' as const, status: 'verified' as const, expiresAt: days(-1), warnedAt: null },
      { id: 'e', type: 'child_safeguarding' as const, status: 'pending' as const, expiresAt: days(3), warnedAt: null },
    ];
    expect(dueForWarning(checks, now, 30).map((c) => c.id)).toEqual(['a']);
  });
});

describe('time windows', () => {
  const weekdayMornings = [0, 1, 2, 3, 4].map((day) => ({ day, start: 9 * 60, end: 12 * 60 }));

  it('reads instants in Shanghai time', () => {
    expect(localParts(now)).toEqual({ day: 0, minute: 12 * 60, date: '2026-11-23' });
    expect(localInstant('2026-11-23', 9 * 60).toISOString()).toBe('2026-11-23T01:00:00.000Z');
    expect(parseHm('09:30')).toBe(570);
    expect(parseHm('25:00')).toBeNull();
  });

  it('measures the overlap of an interval with weekly windows', () => {
    // Monday 10:00–14:00 overlaps 9–12 by two hours.
    expect(overlapMinutes(weekdayMornings, [], localInstant('2026-11-23', 600), localInstant('2026-11-23', 840))).toBe(120);
    // Saturday: nothing.
    expect(overlapMinutes(weekdayMornings, [], localInstant('2026-11-28', 540), localInstant('2026-11-28', 720))).toBe(0);
    // A whole week: five mornings.
    expect(overlapMinutes(weekdayMornings, [], localInstant('2026-11-23', 0), localInstant('2026-11-30', 0))).toBe(15 * 60);
  });

  it('leaves out exception dates', () => {
    const away = [{ from: '2026-11-24', to: '2026-11-25' }];
    expect(overlapMinutes(weekdayMornings, away, localInstant('2026-11-23', 0), localInstant('2026-11-30', 0))).toBe(9 * 60);
    expect(coversInterval(weekdayMornings, away, localInstant('2026-11-24', 540), localInstant('2026-11-24', 600))).toBe(false);
    expect(coversInterval(weekdayMornings, away, localInstant('2026-11-26', 540), localInstant('2026-11-26', 600))).toBe(true);
  });

  it('needs the whole interval inside the windows to cover it', () => {
    expect(coversInterval(weekdayMornings, [], localInstant('2026-11-23', 660), localInstant('2026-11-23', 780))).toBe(false);
  });

  it('merges overlapping windows of a day', () => {
    expect(normaliseWindows([{ day: 1, start: 600, end: 700 }, { day: 1, start: 540, end: 620 }, { day: 0, start: 60, end: 30 }])).toEqual([{ day: 1, start: 540, end: 700 }]);
  });
});

describe('venue slots', () => {
  const venue = { availability: [{ day: 0, start: 8 * 60, end: 12 * 60 }], exceptions: [{ from: '2026-11-30', to: '2026-11-30' }], slotMinutes: 60 };

  it('lists the slots of an open day and none of a closed one', () => {
    expect(slotsOfDay(venue, '2026-12-07').map((d) => localParts(d).minute)).toEqual([480, 540, 600, 660]);
    expect(slotsOfDay(venue, '2026-11-30')).toEqual([]);
    expect(slotsOfDay(venue, '2026-12-08')).toEqual([]);
  });

  it('refuses misaligned, closed and past slots', () => {
    expect(checkSlot(venue, localInstant('2026-12-07', 540), now)).toBeNull();
    expect(checkSlot(venue, localInstant('2026-12-07', 570), now)).toBe('misaligned');
    expect(checkSlot(venue, localInstant('2026-12-07', 720), now)).toBe('closed');
    expect(checkSlot(venue, localInstant('2026-11-30', 540), now)).toBe('closed');
    expect(checkSlot(venue, localInstant('2026-11-23', 480), now)).toBe('past');
  });
});

describe('travel radius', () => {
  const home = [
    { id: 'city', type: 'city' },
    { id: 'street', type: 'street' },
    { id: 'c1', type: 'community' },
    { id: 'g1', type: 'grid' },
    { id: 'b1', type: 'building' },
  ];
  it('reaches places inside the chosen level of the home place', () => {
    expect(withinTravelRadius(home, 'grid', '/city/street/c1/g1/b2/')).toBe(true);
    expect(withinTravelRadius(home, 'grid', '/city/street/c1/g2/')).toBe(false);
    expect(withinTravelRadius(home, 'community', '/city/street/c1/g2/')).toBe(true);
    expect(withinTravelRadius(home, 'community', '/city/street/c2/')).toBe(false);
    // No compound above home: the next wider level (grid) counts.
    expect(withinTravelRadius(home, 'compound', '/city/street/c1/g1/b9/')).toBe(true);
    expect(withinTravelRadius(home, 'street', '/city/street/c2/')).toBe(true);
  });
});

describe('gap report', () => {
  it('subtracts resources from needs per category, worst first', () => {
    const rows = gapReport({ elder_care: 5, repairs: 1 }, { elder_care: 2, repairs: 3, health: 1 }, ['elder_care', 'health', 'repairs']);
    expect(rows).toEqual([
      { category: 'elder_care', needs: 5, resources: 2, gap: 3, short: true },
      { category: 'health', needs: 0, resources: 1, gap: -1, short: false },
      { category: 'repairs', needs: 1, resources: 3, gap: -2, short: false },
    ]);
  });

  it('counts a resource once in each of its categories', () => {
    expect(countByCategory([{ categories: ['a', 'b', 'a'] }, { categories: ['a'] }])).toEqual({ a: 2, b: 1 });
  });

  it('derives categories from skills through the shared taxonomy', () => {
    expect(categoriesOfSkills(['tutoring', 'driving', 'unknown'])).toEqual(['elderly_care', 'meals', 'child_care', 'health', 'culture_education']);
  });
});
