import { describe, expect, it } from 'vitest';
import { RATING_PRIOR, SCORE_SCALE, WEIGHTS, score, scoreParts, smoothedRating } from '../../../matching/score';
import { stepsToCommonAncestor } from '../../../matching/place';
import type { MatchCandidate } from '../../../matching/types';
import { candidate, days, local, need, now } from './fixtures';

const codes = (s: ReturnType<typeof score>) => (s.excluded ?? []).map((e) => e.code);

describe('score totals', () => {
  it('weights sum to one, and the total is the weighted sum of the parts', () => {
    expect(Object.values(WEIGHTS).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const s = score(need({ skills: ['meal_delivery', 'driving'] }), candidate({ load: 1, rating: { count: 3, mean: 3 } }), now);
    const expected = scoreParts.reduce((sum, k) => sum + WEIGHTS[k] * s.parts[k], 0);
    expect(s.total).toBeCloseTo(expected, 12);
    expect(s.points).toBe(Math.round(expected * SCORE_SCALE));
    expect(s.excluded).toBeUndefined();
  });

  it('gives a perfect fit next door, free, fluent and unrated exactly the prior rating short of full marks', () => {
    const s = score(need(), candidate(), now);
    expect(s.parts).toEqual({ skill: 1, distance: 1, time: 1, load: 1, language: 1, rating: 0.75 });
  });
});

describe('skill part', () => {
  it('is the category fit when the need asks for no particular skill', () => {
    expect(score(need(), candidate(), now).parts.skill).toBe(1);
  });

  it('counts the category as one item and each asked-for skill as one more', () => {
    const s = score(need({ skills: ['meal_delivery', 'driving'] }), candidate(), now);
    expect(s.parts.skill).toBeCloseTo(2 / 3, 12);
    expect(s.facts.matchedSkills).toEqual(['meal_delivery']);
  });

  it('still fits a candidate with an asked-for skill outside the category', () => {
    const s = score(need({ category: 'health', skills: ['driving'] }), candidate({ categories: ['meals'], skills: ['driving'] }), now);
    expect(s.parts.skill).toBeCloseTo(1 / 2, 12);
    expect(s.excluded).toBeUndefined();
  });

  it('rules out a candidate with neither the category nor any asked-for skill', () => {
    const s = score(need({ category: 'legal_aid', skills: ['legal_advice'] }), candidate(), now);
    expect(s.parts.skill).toBe(0);
    expect(codes(s)).toEqual(['no_fit']);
  });
});

describe('distance part', () => {
  it('counts steps from home up to the common ancestor', () => {
    expect(stepsToCommonAncestor('/s/c/g/k/b1/', '/s/c/g/k/b1/')).toBe(0);
    expect(stepsToCommonAncestor('/s/c/g/k/b1/', '/s/c/g/k/b2/')).toBe(1);
    expect(stepsToCommonAncestor('/s/c/g/k/b1/', '/s/c2/g9/k9/b9/')).toBe(4);
    // A need placed at community level is three steps up from a building; an organisation based at the
    // community is at home anywhere inside it.
    expect(stepsToCommonAncestor('/s/c/g/k/b1/', '/s/c/')).toBe(3);
    expect(stepsToCommonAncestor('/s/c/', '/s/c/g/k/b1/')).toBe(0);
  });

  it('halves with one step and keeps falling with each further one', () => {
    const same = score(need(), candidate(), now).parts.distance;
    const compound = score(need({ placePath: '/s1/c1/g1/k1/b2/' }), candidate(), now).parts.distance;
    const community = score(need({ placePath: '/s1/c1/g2/k7/b9/' }), candidate(), now).parts.distance;
    expect([same, compound, community]).toEqual([1, 1 / 2, 1 / 4]);
  });

  it('rules out a need beyond the candidate travel radius, and only then', () => {
    const far = need({ placePath: '/s1/c1/g2/k7/b9/' }); // 3 steps from home
    expect(codes(score(far, candidate({ travelLevels: 2 }), now))).toEqual(['out_of_reach']);
    expect(score(far, candidate({ travelLevels: 3 }), now).excluded).toBeUndefined();
    expect(score(far, candidate({ travelLevels: null }), now).excluded).toBeUndefined();
  });
});

describe('time part (minutes, Asia/Shanghai)', () => {
  // Tuesday 24 November 2026, 09:00–11:00 local.
  const tuesdayMorning = need({ windows: [{ start: local('2026-11-24', '09:00'), end: local('2026-11-24', '11:00') }] });

  it('is full when the need wants no particular time', () => {
    const s = score(need(), candidate({ availability: [] }), now);
    expect(s.parts.time).toBe(1);
    expect(s.facts.overlapMinutes).toBeNull();
  });

  it('is the share of the wanted minutes the candidate is free, in local time', () => {
    const s = score(tuesdayMorning, candidate({ availability: [{ day: 1, start: 10 * 60, end: 12 * 60 }] }), now);
    expect(s.facts).toMatchObject({ overlapMinutes: 60, wantedMinutes: 120 });
    expect(s.parts.time).toBe(0.5);
  });

  it('counts windows that cross local midnight on both days', () => {
    const evening = need({ windows: [{ start: local('2026-11-24', '23:00'), end: local('2026-11-25', '01:00') }] });
    const tueLate = { day: 1, start: 22 * 60, end: 1440 };
    const wedEarly = { day: 2, start: 0, end: 30 };
    expect(score(evening, candidate({ availability: [tueLate, wedEarly] }), now).facts.overlapMinutes).toBe(90);
  });

  it('rules out a candidate free only on other days', () => {
    const s = score(tuesdayMorning, candidate({ availability: [{ day: 2, start: 0, end: 1440 }] }), now);
    expect(codes(s)).toEqual(['no_availability']);
    expect(s.parts.time).toBe(0);
  });

  it('rules out a candidate away on that date despite the weekly window', () => {
    const away = candidate({ availability: [{ day: 1, start: 0, end: 1440 }], exceptions: [{ from: '2026-11-24', to: '2026-11-30' }] });
    expect(codes(score(tuesdayMorning, away, now))).toEqual(['no_availability']);
    const backBefore = candidate({ availability: [{ day: 1, start: 0, end: 1440 }], exceptions: [{ from: '2026-11-20', to: '2026-11-23' }] });
    expect(score(tuesdayMorning, backBefore, now).parts.time).toBe(1);
  });

  it('treats "always" as free at every wanted minute, except on days away', () => {
    expect(score(tuesdayMorning, candidate({ availability: 'always' }), now).parts.time).toBe(1);
    expect(codes(score(tuesdayMorning, candidate({ availability: 'always', exceptions: [{ from: '2026-11-24', to: '2026-11-24' }] }), now))).toEqual(['no_availability']);
  });

  it('counts overlapping wanted windows once', () => {
    const twice = need({
      windows: [
        { start: local('2026-11-24', '09:00'), end: local('2026-11-24', '11:00') },
        { start: local('2026-11-24', '10:00'), end: local('2026-11-24', '12:00') },
      ],
    });
    expect(score(twice, candidate({ availability: [{ day: 1, start: 11 * 60, end: 13 * 60 }] }), now).facts).toMatchObject({ overlapMinutes: 60, wantedMinutes: 180 });
  });
});

describe('load part', () => {
  it('is the share of capacity still free', () => {
    expect(score(need(), candidate({ capacity: 4, load: 1 }), now).parts.load).toBe(0.75);
    expect(score(need(), candidate({ capacity: 4, load: 1 }), now).facts.freeUnits).toBe(3);
  });

  it('rules out a candidate with no capacity left', () => {
    expect(codes(score(need(), candidate({ capacity: 2, load: 2 }), now))).toEqual(['no_capacity']);
    expect(codes(score(need(), candidate({ capacity: 2, load: 3 }), now))).toEqual(['no_capacity']);
    expect(codes(score(need(), candidate({ capacity: 0, load: 0 }), now))).toEqual(['no_capacity']);
  });
});

describe('language part', () => {
  it('is full when the need names no language or they share one, empty otherwise (a preference, not a rule)', () => {
    expect(score(need(), candidate({ languages: [] }), now).parts.language).toBe(1);
    const shared = score(need({ languages: ['yue', 'zh'] }), candidate({ languages: ['zh', 'en'] }), now);
    expect(shared.parts.language).toBe(1);
    expect(shared.facts.sharedLanguages).toEqual(['zh']);
    const none = score(need({ languages: ['yue'] }), candidate({ languages: ['en'] }), now);
    expect(none.parts.language).toBe(0);
    expect(none.excluded).toBeUndefined();
  });
});

describe('rating part', () => {
  it('smooths towards the prior so one 5-star rating does not beat fifty 4.8s', () => {
    const once = score(need(), candidate({ rating: { count: 1, mean: 5 } }), now);
    const long = score(need(), candidate({ rating: { count: 50, mean: 4.8 } }), now);
    expect(long.parts.rating).toBeGreaterThan(once.parts.rating);
    expect(long.points).toBeGreaterThan(once.points);
    expect(once.facts.smoothedRating).toBeCloseTo((RATING_PRIOR.weight * RATING_PRIOR.mean + 5) / (RATING_PRIOR.weight + 1), 12);
  });

  it('maps 1–5 stars onto 0–1 and counts an unrated candidate at the prior', () => {
    expect(smoothedRating({ count: 0, mean: 0 })).toBe(RATING_PRIOR.mean);
    expect(score(need(), candidate({ rating: { count: 10_000, mean: 1 } }), now).parts.rating).toBeLessThan(0.001);
    expect(score(need(), candidate({ rating: { count: 10_000, mean: 5 } }), now).parts.rating).toBeGreaterThan(0.999);
  });
});

describe('background checks', () => {
  const childCare = need({ category: 'child_care', requiredChecks: ['child_safeguarding'] });
  const tutor = (checks: MatchCandidate['checks']) => candidate({ categories: ['child_care'], checks });

  it('accepts a verified check that is current, or that never expires', () => {
    expect(score(childCare, tutor([{ type: 'child_safeguarding', status: 'verified', expiresAt: days(30) }]), now).excluded).toBeUndefined();
    expect(score(childCare, tutor([{ type: 'child_safeguarding', status: 'verified', expiresAt: null }]), now).excluded).toBeUndefined();
  });

  it('rules out a candidate without the check, naming it; pending or rejected checks count as missing', () => {
    expect(score(childCare, tutor([]), now).excluded).toEqual([{ code: 'check_missing', check: 'child_safeguarding' }]);
    expect(score(childCare, tutor([{ type: 'child_safeguarding', status: 'pending', expiresAt: null }]), now).excluded).toEqual([
      { code: 'check_missing', check: 'child_safeguarding' },
    ]);
    expect(codes(score(childCare, tutor([{ type: 'no_criminal_record', status: 'verified', expiresAt: null }]), now))).toEqual(['check_missing']);
  });

  it('rules out a candidate whose check expired before now', () => {
    expect(score(childCare, tutor([{ type: 'child_safeguarding', status: 'verified', expiresAt: days(-1) }]), now).excluded).toEqual([
      { code: 'check_expired', check: 'child_safeguarding' },
    ]);
    expect(codes(score(childCare, tutor([{ type: 'child_safeguarding', status: 'expired', expiresAt: days(-1) }]), now))).toEqual(['check_expired']);
  });

  it('rules out a check that lapses before the need is served', () => {
    const nextWeek = { ...childCare, windows: [{ start: days(7), end: new Date(days(7).getTime() + 3_600_000) }] };
    expect(codes(score(nextWeek, tutor([{ type: 'child_safeguarding', status: 'verified', expiresAt: days(3) }]), now))).toEqual(['check_expired']);
    expect(score(nextWeek, tutor([{ type: 'child_safeguarding', status: 'verified', expiresAt: days(8) }]), now).excluded).toBeUndefined();
  });

  it('asks nothing of candidates when the need requires no check', () => {
    expect(score(need(), candidate({ checks: [] }), now).excluded).toBeUndefined();
  });
});

describe('dismissals and several reasons at once', () => {
  it('rules out a candidate dismissed for this need, and only that kind with that id', () => {
    const n = need({ dismissed: [{ kind: 'volunteer', id: 'v-1' }] });
    expect(codes(score(n, candidate(), now))).toEqual(['dismissed']);
    expect(score(n, candidate({ kind: 'team' }), now).excluded).toBeUndefined();
    expect(score(n, candidate({ id: 'v-2' }), now).excluded).toBeUndefined();
  });

  it('lists every reason, and still shows the parts', () => {
    const s = score(
      need({ dismissed: [{ kind: 'volunteer', id: 'v-1' }], requiredChecks: ['health_certificate'], placePath: '/s9/' }),
      candidate({ load: 2, travelLevels: 0 }),
      now,
    );
    expect(codes(s).sort()).toEqual(['check_missing', 'dismissed', 'no_capacity', 'out_of_reach']);
    expect(s.parts.skill).toBe(1);
  });
});
