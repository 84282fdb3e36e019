// Properties of batch matching on random instances (fast-check): capacities and hard constraints always
// hold, the total never falls below either greedy baseline, and it equals an exhaustive optimum on small
// instances and the HiGHS LP optimum on larger ones.
import fc from 'fast-check';
import loadHighs from 'highs';
import { describe, expect, it } from 'vitest';
import { assign } from '../../../matching/assign';
import { type TransportProblem, flowTotal, solveTransport } from '../../../matching/flow';
import { greedyArrivalOrder, greedyBestPairFirst } from '../../../matching/greedy';
import { candidateKey, score, scorePoints } from '../../../matching/score';
import type { MatchCandidate, MatchNeed } from '../../../matching/types';
import { local, now } from './fixtures';

// ---------------------------------------------------------------- exhaustive optimum

/**
 * The best total by trying every allocation: needs one at a time, every split of the need's units over its
 * pairs, memoised on the candidates' remaining capacities. Exponential — for tiny instances only.
 */
function bruteForce(p: TransportProblem): number {
  const N = p.demand.length;
  const byNeed: number[][] = Array.from({ length: N }, () => []);
  for (let e = 0; e < p.edgeNeed.length; e++) byNeed[p.edgeNeed[e]].push(e);
  const memo = new Map<string, number>();
  const caps = Array.from(p.capacity);
  const best = (n: number): number => {
    if (n === N) return 0;
    const key = `${n}|${caps.join(',')}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result = -Infinity;
    const edges = byNeed[n];
    const split = (j: number, left: number, gained: number) => {
      if (j === edges.length) {
        result = Math.max(result, gained + best(n + 1));
        return;
      }
      const e = edges[j];
      const c = p.edgeCandidate[e];
      const most = p.edgeWeight[e] > 0 ? Math.min(p.edgeLimit[e], caps[c], left) : 0;
      for (let u = 0; u <= most; u++) {
        caps[c] -= u;
        split(j + 1, left - u, gained + u * p.edgeWeight[e]);
        caps[c] += u;
      }
    };
    split(0, p.demand[n], 0);
    memo.set(key, result);
    return result;
  };
  return best(0);
}

// ---------------------------------------------------------------- checks every solution must pass

function expectFeasible(p: TransportProblem, flow: Int32Array, unmatched?: Int32Array) {
  const toNeed = new Int32Array(p.demand.length);
  const toCandidate = new Int32Array(p.capacity.length);
  for (let e = 0; e < flow.length; e++) {
    expect(flow[e]).toBeGreaterThanOrEqual(0);
    expect(flow[e]).toBeLessThanOrEqual(Math.max(0, p.edgeLimit[e]));
    if (flow[e] > 0) expect(p.edgeWeight[e]).toBeGreaterThan(0);
    toNeed[p.edgeNeed[e]] += flow[e];
    toCandidate[p.edgeCandidate[e]] += flow[e];
  }
  p.demand.forEach((d, n) => {
    expect(toNeed[n]).toBeLessThanOrEqual(d);
    if (unmatched) expect(unmatched[n]).toBe(d - toNeed[n]);
  });
  p.capacity.forEach((c, i) => expect(toCandidate[i]).toBeLessThanOrEqual(c));
  // Maximal: no pair worth something could still take a unit.
  for (let e = 0; e < flow.length; e++) {
    const open = p.edgeWeight[e] > 0 && flow[e] < p.edgeLimit[e] && toNeed[p.edgeNeed[e]] < p.demand[p.edgeNeed[e]] && toCandidate[p.edgeCandidate[e]] < p.capacity[p.edgeCandidate[e]];
    expect(open).toBe(false);
  }
}

const transportProblem = (o: { needs: number; candidates: number; units: number; weight: number }) =>
  fc
    .record({
      demand: fc.array(fc.integer({ min: 0, max: o.units }), { minLength: 1, maxLength: o.needs }),
      capacity: fc.array(fc.integer({ min: 0, max: o.units }), { minLength: 1, maxLength: o.candidates }),
    })
    .chain(({ demand, capacity }) =>
      fc
        .array(
          fc.record({
            n: fc.nat(demand.length - 1),
            c: fc.nat(capacity.length - 1),
            w: fc.integer({ min: -2, max: o.weight }),
            l: fc.integer({ min: 0, max: 3 }),
          }),
          { maxLength: Math.min(demand.length * capacity.length + 2, 60) },
        )
        .map(
          (edges): TransportProblem => ({
            demand: Int32Array.from(demand),
            capacity: Int32Array.from(capacity),
            edgeNeed: Int32Array.from(edges, (e) => e.n),
            edgeCandidate: Int32Array.from(edges, (e) => e.c),
            edgeWeight: Int32Array.from(edges, (e) => e.w),
            edgeLimit: Int32Array.from(edges, (e) => e.l),
          }),
        ),
    );

describe('solveTransport on random instances', () => {
  it('equals the exhaustive optimum on small instances (up to 6 needs × 6 candidates), never exceeding a capacity', () => {
    fc.assert(
      fc.property(transportProblem({ needs: 6, candidates: 6, units: 3, weight: 12 }), (p) => {
        const s = solveTransport(p);
        expectFeasible(p, s.flow, s.unmatched);
        expect(s.total).toBe(flowTotal(p, s.flow));
        expect(s.total).toBe(bruteForce(p));
      }),
      { numRuns: 400 },
    );
  });

  it('is never below either greedy baseline', () => {
    fc.assert(
      fc.property(transportProblem({ needs: 25, candidates: 15, units: 4, weight: 10_000 }), (p) => {
        const s = solveTransport(p);
        const best = greedyBestPairFirst(p);
        const arrival = greedyArrivalOrder(p);
        expectFeasible(p, best.flow);
        expectFeasible(p, arrival.flow);
        expect(s.total).toBeGreaterThanOrEqual(best.total);
        expect(s.total).toBeGreaterThanOrEqual(arrival.total);
      }),
      { numRuns: 200 },
    );
  });

  it('equals the HiGHS LP optimum on larger instances', async () => {
    const highs = await loadHighs();
    fc.assert(
      fc.property(transportProblem({ needs: 40, candidates: 30, units: 4, weight: 10_000 }), (p) => {
        const s = solveTransport(p);
        expectFeasible(p, s.flow, s.unmatched);
        expect(s.total).toBe(lpOptimum(highs, p));
      }),
      { numRuns: 60 },
    );
  });
});

/** The LP relaxation's optimum (integral: the constraint matrix is totally unimodular), rounded. */
function lpOptimum(highs: Awaited<ReturnType<typeof loadHighs>>, p: TransportProblem): number {
  const names = Array.from(p.edgeNeed, (_, e) => `x${e}`);
  const terms = (pick: (e: number) => boolean) => names.filter((_, e) => pick(e) && p.edgeWeight[e] > 0).join(' + ');
  const rows: string[] = [];
  p.demand.forEach((d, n) => {
    const t = terms((e) => p.edgeNeed[e] === n);
    if (t) rows.push(` n${n}: ${t} <= ${d}`);
  });
  p.capacity.forEach((c, i) => {
    const t = terms((e) => p.edgeCandidate[e] === i);
    if (t) rows.push(` c${i}: ${t} <= ${c}`);
  });
  const objective = names.map((x, e) => (p.edgeWeight[e] > 0 ? `${p.edgeWeight[e]} ${x}` : '')).filter(Boolean);
  if (objective.length === 0) return 0;
  const lp = [
    'Maximize',
    ` total: ${objective.join(' + ')}`,
    'Subject To',
    ...rows,
    'Bounds',
    ...names.map((x, e) => ` 0 <= ${x} <= ${Math.max(0, p.edgeLimit[e])}`),
    'End',
  ].join('\n');
  const result = highs.solve(lp, { output_flag: false });
  expect(result.Status).toBe('Optimal');
  return Math.round(result.ObjectiveValue);
}

// ---------------------------------------------------------------- the whole pipeline: score, exclude, assign

const places = ['/s/c1/g1/k1/b1/', '/s/c1/g1/k1/b2/', '/s/c1/g2/k3/b5/', '/s/c2/g9/k9/b9/', '/s/c1/'];
const windowChoices = [
  [],
  [{ start: local('2026-11-24', '09:00'), end: local('2026-11-24', '11:00') }],
  [{ start: local('2026-11-25', '14:00'), end: local('2026-11-25', '18:00') }],
  [
    { start: local('2026-11-24', '18:00'), end: local('2026-11-24', '20:00') },
    { start: local('2026-12-01', '18:00'), end: local('2026-12-01', '20:00') },
  ],
];
const availabilityChoices = ['always' as const, [], [{ day: 1, start: 8 * 60, end: 12 * 60 }], [{ day: 2, start: 15 * 60, end: 17 * 60 }, { day: 1, start: 19 * 60, end: 22 * 60 }]];
const checkChoices = [
  [],
  [{ type: 'child_safeguarding', status: 'verified' as const, expiresAt: null }],
  [{ type: 'child_safeguarding', status: 'verified' as const, expiresAt: new Date(now.getTime() + 3 * 86_400_000) }],
  [{ type: 'child_safeguarding', status: 'expired' as const, expiresAt: new Date(now.getTime() - 86_400_000) }],
];

const matchNeed = (i: number) =>
  fc.record({
    category: fc.constantFrom('meals', 'child_care'),
    skills: fc.subarray(['meal_delivery', 'childcare', 'driving']),
    placePath: fc.constantFrom(...places),
    windows: fc.constantFrom(...windowChoices),
    languages: fc.subarray(['zh', 'yue']),
    requiredChecks: fc.constantFrom([], ['child_safeguarding']),
    quantity: fc.integer({ min: 0, max: 3 }),
    maxUnitsPerCandidate: fc.integer({ min: 1, max: 2 }),
    dismissed: fc.subarray([0, 1, 2, 3, 4, 5].map((k) => ({ kind: 'volunteer' as const, id: `v${k}` }))),
  }).map((n): MatchNeed => ({ id: `n${i}`, ...n }));

const matchCandidate = (i: number) =>
  fc.record({
    categories: fc.subarray(['meals', 'child_care']),
    skills: fc.subarray(['meal_delivery', 'childcare', 'driving']),
    placePath: fc.constantFrom(...places),
    travelLevels: fc.constantFrom(null, 0, 1, 3),
    availability: fc.constantFrom(...availabilityChoices),
    exceptions: fc.constantFrom([], [{ from: '2026-11-24', to: '2026-11-24' }]),
    capacity: fc.integer({ min: 0, max: 3 }),
    load: fc.integer({ min: 0, max: 2 }),
    languages: fc.subarray(['zh', 'yue', 'en']),
    rating: fc.record({ count: fc.integer({ min: 0, max: 60 }), mean: fc.double({ min: 1, max: 5, noNaN: true }) }),
    checks: fc.constantFrom(...checkChoices),
  }).map((c): MatchCandidate => ({ kind: 'volunteer', id: `v${i}`, ...c }));

const instance = fc
  .record({ needs: fc.integer({ min: 1, max: 6 }), candidates: fc.integer({ min: 1, max: 6 }) })
  .chain(({ needs, candidates }) =>
    fc.record({
      needs: fc.tuple(...Array.from({ length: needs }, (_, i) => matchNeed(i))),
      candidates: fc.tuple(...Array.from({ length: candidates }, (_, i) => matchCandidate(i))),
    }),
  );

describe('scorePoints', () => {
  it('agrees with score on every pair: its points when eligible, −1 when excluded', () => {
    fc.assert(
      fc.property(matchNeed(0), matchCandidate(0), (n, c) => {
        const s = score(n, c, now);
        expect(scorePoints(n, c, now)).toBe(s.excluded ? -1 : s.points);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('assign on random needs and candidates', () => {
  it('respects every capacity, quantity, pair limit and hard constraint, and reaches the exhaustive optimum', () => {
    fc.assert(
      fc.property(instance, ({ needs, candidates }) => {
        const a = assign(needs, candidates, { now });
        const byKey = new Map(candidates.map((c) => [candidateKey(c), c]));
        const units = new Map<string, number>();
        const given = new Map<string, number>();
        for (const pair of a.pairs) {
          const need = needs.find((n) => n.id === pair.needId)!;
          const cand = byKey.get(candidateKey(pair.candidate))!;
          expect(score(need, cand, now).excluded).toBeUndefined();
          expect(pair.units).toBeGreaterThan(0);
          expect(pair.units).toBeLessThanOrEqual(need.maxUnitsPerCandidate ?? 1);
          units.set(need.id, (units.get(need.id) ?? 0) + pair.units);
          given.set(cand.id, (given.get(cand.id) ?? 0) + pair.units);
        }
        for (const need of needs) {
          const open = a.unmatched.find((u) => u.needId === need.id)?.units ?? 0;
          expect((units.get(need.id) ?? 0) + open).toBe(need.quantity);
        }
        for (const c of candidates) expect(given.get(c.id) ?? 0).toBeLessThanOrEqual(Math.max(0, c.capacity - c.load));

        // The same instance scored independently, solved exhaustively.
        const edges: [number, number, number, number][] = [];
        needs.forEach((n, i) =>
          candidates.forEach((c, j) => {
            const s = score(n, c, now);
            if (!s.excluded) edges.push([i, j, s.points, n.maxUnitsPerCandidate ?? 1]);
          }),
        );
        const p: TransportProblem = {
          demand: Int32Array.from(needs, (n) => n.quantity),
          capacity: Int32Array.from(candidates, (c) => Math.max(0, c.capacity - c.load)),
          edgeNeed: Int32Array.from(edges, (e) => e[0]),
          edgeCandidate: Int32Array.from(edges, (e) => e[1]),
          edgeWeight: Int32Array.from(edges, (e) => e[2]),
          edgeLimit: Int32Array.from(edges, (e) => e[3]),
        };
        expect(a.totalPoints).toBe(bruteForce(p));
        expect(a.totalPoints).toBe(a.pairs.reduce((s, pair) => s + pair.units * pair.score.points, 0));
        expect(a.totalPoints).toBeGreaterThanOrEqual(greedyBestPairFirst(p).total);
        expect(a.totalPoints).toBeGreaterThanOrEqual(greedyArrivalOrder(p).total);
      }),
      { numRuns: 300 },
    );
  });
});
