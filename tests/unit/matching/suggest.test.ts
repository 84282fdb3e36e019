import { describe, expect, it } from 'vitest';
import { suggestCandidates, suggestNeeds } from '../../../matching/suggest';
import { candidate, local, need, now } from './fixtures';

describe('suggestCandidates', () => {
  const mealNeed = need({ id: 'meal', category: 'meals', skills: ['meal_delivery'], windows: [{ start: local('2026-11-24', '11:00'), end: local('2026-11-24', '12:00') }] });
  const pool = [
    candidate({ id: 'far', placePath: '/s1/c2/g1/k1/b1/' }),
    candidate({ id: 'neighbour', placePath: '/s1/c1/g1/k1/b2/' }),
    candidate({ id: 'busy', capacity: 1, load: 1 }),
    candidate({ id: 'lawyer', categories: ['legal_aid'], skills: ['legal_advice'] }),
    candidate({ kind: 'team', id: 'meal-team', skills: ['meal_delivery', 'cooking'], capacity: 10, load: 2 }),
    candidate({ id: 'weekend-only', availability: [{ day: 5, start: 0, end: 1440 }] }),
  ];

  it('ranks eligible candidates best first with their reasons, leaving out the excluded', () => {
    const s = suggestCandidates(mealNeed, pool, { now });
    expect(s.top.map((x) => x.candidate.id)).toEqual(['meal-team', 'neighbour', 'far']);
    expect(s.top.map((x) => x.rank)).toEqual([1, 2, 3]);
    expect(s.top[0].score.facts).toMatchObject({ steps: 0, matchedSkills: ['meal_delivery'], overlapMinutes: 60, freeUnits: 8 });
    expect(s).toMatchObject({ considered: 6, excluded: 3, excludedBy: { no_capacity: 1, no_fit: 1, no_availability: 1 } });
  });

  it('returns at most `limit` suggestions', () => {
    expect(suggestCandidates(mealNeed, pool, { now, limit: 1 }).top.map((x) => x.candidate.id)).toEqual(['meal-team']);
    expect(suggestCandidates(mealNeed, pool, { now, limit: 0 }).top).toEqual([]);
  });

  it('breaks ties the same way whatever the input order: volunteer before team, then by id', () => {
    const twins = [candidate({ id: 'b' }), candidate({ kind: 'team', id: 'a' }), candidate({ id: 'a' }), candidate({ kind: 'offer', id: '0' })];
    const order = (list: typeof twins) => suggestCandidates(need(), list, { now }).top.map((x) => `${x.candidate.kind}:${x.candidate.id}`);
    const expected = ['volunteer:a', 'volunteer:b', 'team:a', 'offer:0'];
    expect(order(twins)).toEqual(expected);
    expect(order([...twins].reverse())).toEqual(expected);
  });

  it('never suggests a dismissed candidate again', () => {
    const s = suggestCandidates({ ...mealNeed, dismissed: [{ kind: 'team', id: 'meal-team' }] }, pool, { now });
    expect(s.top.map((x) => x.candidate.id)).not.toContain('meal-team');
    expect(s.excludedBy.dismissed).toBe(1);
  });

  it('counts a candidate listed twice once', () => {
    expect(suggestCandidates(need(), [candidate(), candidate()], { now }).considered).toBe(1);
  });
});

describe('suggestNeeds (near me, fitting my skills)', () => {
  it('ranks the needs a volunteer can take, nearest fitting first, leaving out those they cannot', () => {
    const me = candidate({ skills: ['meal_delivery'], categories: ['meals', 'elderly_care'], travelLevels: 2 });
    const needs = [
      need({ id: 'grid-meal', placePath: '/s1/c1/g1/k2/b1/' }),
      need({ id: 'home-meal' }),
      need({ id: 'repairs', category: 'repairs', skills: ['plumbing'] }),
      need({ id: 'other-community', placePath: '/s1/c9/g1/k1/b1/' }),
      need({ id: 'done', quantity: 0 }),
      need({ id: 'elder-visit', category: 'elderly_care', placePath: '/s1/c1/g1/k1/b3/' }),
    ];
    const ranked = suggestNeeds(me, needs, { now });
    expect(ranked.map((r) => r.needId)).toEqual(['home-meal', 'elder-visit', 'grid-meal']);
    expect(ranked.map((r) => r.rank)).toEqual([1, 2, 3]);
    expect(suggestNeeds(me, needs, { now, limit: 1 }).map((r) => r.needId)).toEqual(['home-meal']);
  });
});
