import { describe, expect, it } from 'vitest';
import { type TransportProblem, solveTransport } from '../../../matching/flow';
import { greedyArrivalOrder, greedyBestPairFirst } from '../../../matching/greedy';

/** A problem from [need, candidate, weight, limit?] tuples. */
function problem(demand: number[], capacity: number[], edges: [number, number, number, number?][]): TransportProblem {
  return {
    demand: Int32Array.from(demand),
    capacity: Int32Array.from(capacity),
    edgeNeed: Int32Array.from(edges.map((e) => e[0])),
    edgeCandidate: Int32Array.from(edges.map((e) => e[1])),
    edgeWeight: Int32Array.from(edges.map((e) => e[2])),
    edgeLimit: Int32Array.from(edges.map((e) => e[3] ?? 1)),
  };
}

describe('solveTransport', () => {
  it('moves a need to its second choice when that frees the only candidate another need can have', () => {
    // Need 0 likes X (10) and Y (9); need 1 can only have X (8). Best pair first stops at 10.
    const p = problem([1, 1], [1, 1], [
      [0, 0, 10],
      [0, 1, 9],
      [1, 0, 8],
    ]);
    const s = solveTransport(p);
    expect(Array.from(s.flow)).toEqual([0, 1, 1]);
    expect(s.total).toBe(17);
    expect(greedyBestPairFirst(p).total).toBe(10);
    expect(Array.from(s.unmatched)).toEqual([0, 0]);
  });

  it('maximises weight, not the number of pairs: one strong pair beats two weak ones', () => {
    const p = problem([1, 1], [1, 1], [
      [0, 0, 10],
      [0, 1, 1],
      [1, 0, 1],
    ]);
    const s = solveTransport(p);
    expect(s.total).toBe(10);
    expect(Array.from(s.flow)).toEqual([1, 0, 0]);
    expect(Array.from(s.unmatched)).toEqual([0, 1]);
  });

  it('lets one candidate take several units of a need up to the pair limit and its capacity', () => {
    const p = problem([5], [3, 4], [
      [0, 0, 7, 5],
      [0, 1, 6, 1],
    ]);
    const s = solveTransport(p);
    expect(Array.from(s.flow)).toEqual([3, 1]);
    expect(s.total).toBe(27);
    expect(Array.from(s.unmatched)).toEqual([1]);
  });

  it('ignores pairs that score nothing and candidates with no room', () => {
    const p = problem([2, 1], [0, 2], [
      [0, 0, 50],
      [0, 1, 0],
      [1, 1, -3],
    ]);
    const s = solveTransport(p);
    expect(Array.from(s.flow)).toEqual([0, 0, 0]);
    expect(s.total).toBe(0);
    expect(Array.from(s.unmatched)).toEqual([2, 1]);
  });

  it('is exact whichever side is scarcer (units are routed from that side)', () => {
    // Arrival order gives need 0 its best (X) and strands need 1; the optimum swaps them.
    const edges: [number, number, number, number?][] = [
      [0, 0, 5],
      [0, 1, 4],
      [1, 0, 4],
      [2, 1, 1],
    ];
    const scarceCandidates = solveTransport(problem([1, 1, 1], [1, 1], edges));
    const plentyCandidates = solveTransport(problem([1, 1, 1], [1, 5], edges));
    expect(scarceCandidates.total).toBe(8);
    expect(plentyCandidates.total).toBe(9);
    expect(greedyArrivalOrder(problem([1, 1, 1], [1, 1], edges)).total).toBe(6);
  });

  it('handles an empty problem and parallel edges of one pair', () => {
    expect(solveTransport(problem([], [], [])).total).toBe(0);
    const s = solveTransport(problem([2], [2], [
      [0, 0, 3],
      [0, 0, 5],
    ]));
    expect(Array.from(s.flow)).toEqual([1, 1]);
  });

  it('refuses malformed input', () => {
    expect(() => solveTransport(problem([1], [1], [[0, 1, 3]]))).toThrow(RangeError);
    expect(() => solveTransport(problem([-1], [1], [[0, 0, 3]]))).toThrow(/negative demand/);
    expect(() => solveTransport({ ...problem([1], [1], [[0, 0, 3]]), edgeLimit: new Int32Array(0) })).toThrow(/length/);
  });
});
