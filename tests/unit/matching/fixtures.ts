// Builders for matching inputs: a sensible default that each test overrides where it matters.
import type { MatchCandidate, MatchNeed } from '../../../matching/types';

/** Monday 23 November 2026, 12:00 in Shanghai. */
export const now = new Date('2026-11-23T04:00:00Z');
/** A local (Asia/Shanghai) instant: date YYYY-MM-DD and HH:MM. */
export const local = (date: string, hm: string) => new Date(`${date}T${hm}:00+08:00`);
export const days = (n: number) => new Date(now.getTime() + n * 86_400_000);

export const home = '/s1/c1/g1/k1/b1/';

export function need(overrides: Partial<MatchNeed> = {}): MatchNeed {
  return {
    id: 'need-1',
    category: 'meals',
    skills: [],
    placePath: home,
    windows: [],
    languages: [],
    requiredChecks: [],
    quantity: 1,
    ...overrides,
  };
}

export function candidate(overrides: Partial<MatchCandidate> = {}): MatchCandidate {
  return {
    kind: 'volunteer',
    id: 'v-1',
    categories: ['meals'],
    skills: ['meal_delivery'],
    placePath: home,
    travelLevels: null,
    availability: 'always',
    exceptions: [],
    capacity: 2,
    load: 0,
    languages: ['zh'],
    rating: { count: 0, mean: 0 },
    checks: [],
    ...overrides,
  };
}
