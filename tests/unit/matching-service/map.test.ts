// Rows of the needs and resource lists as the matching core's input (app/matching/map.ts), and the reasons in words.
import { describe, expect, it } from 'vitest';
import { score, type MatchCandidate } from '../../../matching';
import { translator } from '../../../app/i18n/messages';
import { areaTravelLevels, askedSkillsFor, levelsUpTo, remainingUnits, requiredChecksFor, toMatchNeed, volunteerTravelLevels, wantedWindows } from '../../../app/matching/map';
import { cutPathAt } from '../../../app/matching/near-me.server';
import { reasonLines, skillsForCategory } from '../../../app/matching/reasons';
import { can, type ScopedRole } from '../../../app/permissions/rules';

const ancestry = [
  { id: 'city', type: 'city' },
  { id: 'district', type: 'district' },
  { id: 'street', type: 'street' },
  { id: 'c1', type: 'community' },
  { id: 'g1', type: 'grid' },
  { id: 'k1', type: 'compound' },
  { id: 'b1', type: 'building' },
];

describe('travel reach', () => {
  it('counts levels from home up to the radius, none for district-wide', () => {
    expect(volunteerTravelLevels(ancestry, 'building')).toBe(0);
    expect(volunteerTravelLevels(ancestry, 'grid')).toBe(2);
    expect(volunteerTravelLevels(ancestry, 'community')).toBe(3);
    expect(volunteerTravelLevels(ancestry, 'street')).toBe(4);
    expect(volunteerTravelLevels(ancestry, 'district')).toBeNull();
  });

  it('keeps someone whose home is above the radius at home', () => {
    expect(volunteerTravelLevels(ancestry.slice(0, 4), 'compound')).toBe(0);
    expect(levelsUpTo(ancestry.slice(0, 4), 'grid')).toBeNull();
  });

  it('reaches a team or organisation up to its highest service area on its path, else the fallback', () => {
    const team = ancestry.slice(0, 5);
    expect(areaTravelLevels(team, ['c1'], 0)).toBe(1);
    expect(areaTravelLevels(team, ['street', 'c1'], 0)).toBe(2);
    expect(areaTravelLevels(team, ['elsewhere'], 1)).toBe(1);
    expect(areaTravelLevels(team, [], null)).toBeNull();
  });
});

describe('needs as matching input', () => {
  const now = new Date('2026-11-23T02:00:00Z'); // 10:00 in Shanghai, a Monday

  it('wants daytime windows from today within the horizon, never in the past', () => {
    const w = wantedWindows({ wantedFrom: null, wantedUntil: null }, now);
    expect(w).toHaveLength(14);
    expect(w[0].start).toEqual(now);
    expect(w[0].end.toISOString()).toBe('2026-11-23T12:00:00.000Z');
    expect(w[1].start.toISOString()).toBe('2026-11-24T00:00:00.000Z');
    const later = wantedWindows({ wantedFrom: '2026-12-01', wantedUntil: '2026-12-02' }, now);
    expect(later.map((x) => x.start.toISOString())).toEqual(['2026-12-01T00:00:00.000Z', '2026-12-02T00:00:00.000Z']);
  });

  it('asks checks of people working alone with children, elders, disabled or ill people', () => {
    expect(requiredChecksFor({ category: 'child_care', beneficiary: 'person' })).toEqual(['child_safeguarding']);
    expect(requiredChecksFor({ category: 'meals', beneficiary: 'household' })).toEqual(['no_criminal_record']);
    expect(requiredChecksFor({ category: 'meals', beneficiary: 'community' })).toEqual([]);
    expect(requiredChecksFor({ category: 'repairs', beneficiary: 'person' })).toEqual([]);
  });

  it('matches the units still uncovered, all of which one candidate may take', () => {
    expect(remainingUnits({ quantity: 5, covered: 3 })).toBe(2);
    expect(remainingUnits({ quantity: null, covered: 0 })).toBe(1);
    expect(remainingUnits({ quantity: null, covered: 1 })).toBe(0);
    const need = toMatchNeed({ id: 'n', category: 'meals', beneficiary: 'person', placePath: '/s/c/', quantity: 5, covered: 2, wantedFrom: null, wantedUntil: null }, [{ kind: 'team', id: 't' }], now);
    expect(need).toMatchObject({ quantity: 3, maxUnitsPerCandidate: 3, skills: askedSkillsFor('meals'), requiredChecks: ['no_criminal_record'], dismissed: [{ kind: 'team', id: 't' }] });
  });

  it('cuts a private path at the grid for what volunteers see', () => {
    expect(cutPathAt('/s/c/g/k/b/', 'g')).toBe('/s/c/g/');
    expect(cutPathAt('/s/c/g/k/b/', null)).toBe('/s/c/g/k/b/');
  });
});

describe('reasons in words', () => {
  const now = new Date('2026-11-23T02:00:00Z');
  const candidate: MatchCandidate = {
    kind: 'volunteer',
    id: 'v',
    categories: ['meals', 'elderly_care'],
    skills: ['meal_delivery', 'driving', 'tutoring'],
    placePath: '/s/c/g/k/b2/',
    travelLevels: 3,
    availability: [{ day: 0, start: 600, end: 720 }],
    exceptions: [],
    capacity: 4,
    load: 1,
    languages: ['zh'],
    rating: { count: 2, mean: 5 },
    checks: [{ type: 'no_criminal_record', status: 'verified', expiresAt: null }],
  };
  const need = toMatchNeed({ id: 'n', category: 'meals', beneficiary: 'person', placePath: '/s/c/g/k/b1/', quantity: 5, covered: 0, wantedFrom: '2026-11-23', wantedUntil: '2026-11-23' }, [], now);

  it('names the skills that serve the category, the distance, the free time, the room and the ratings', () => {
    const s = score(need, candidate, now);
    expect(s.excluded).toBeUndefined();
    const data = {
      total: s.total,
      parts: s.parts,
      category: 'meals',
      categoryFit: s.facts.categoryFit,
      fitSkills: skillsForCategory(candidate.skills, 'meals', s.facts.matchedSkills),
      steps: s.facts.steps,
      overlapMinutes: s.facts.overlapMinutes,
      wantedMinutes: s.facts.wantedMinutes,
      freeUnits: s.facts.freeUnits,
      sharedLanguages: s.facts.sharedLanguages,
      smoothedRating: s.facts.smoothedRating,
      ratingCount: 2,
    };
    expect(reasonLines(data, translator('en'))).toEqual([
      'Can help with Meals: Meal delivery, Driving',
      'Nearby: 1 level(s) up to a place shared with the need',
      'Free 2 h of the 10 h wanted',
      'Room for 3 more unit(s) of work',
      'Rated 4.3 stars on average (2 rating(s))',
    ]);
    expect(reasonLines(data, translator('zh-CN'))[0]).toBe('能做助餐送餐：送餐、驾驶');
  });
});

describe('who may batch-match', () => {
  const community: ScopedRole[] = [{ role: 'community_staff', placePath: '/s/c1/' }];
  const street: ScopedRole[] = [{ role: 'street_staff', placePath: '/s/' }];
  it('is community staff in their community and street staff in their street, nobody else', () => {
    expect(can(community, 'need.match', '/s/c1/')).toBe(true);
    expect(can(community, 'need.match', '/s/c2/')).toBe(false);
    expect(can(community, 'need.match', '/s/')).toBe(false);
    expect(can(street, 'need.match', '/s/')).toBe(true);
    expect(can([{ role: 'social_worker', placePath: '/s/c1/' }], 'need.match', '/s/c1/')).toBe(false);
    expect(can([{ role: 'volunteer', placePath: '/s/c1/' }], 'need.match', '/s/c1/')).toBe(false);
  });
});
