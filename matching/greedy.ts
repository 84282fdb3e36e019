// Two greedy assignments of a transport problem: the baselines the optimiser is measured against in
// bench/matching.ts and in the property tests. Neither is used to make proposals.
import { type TransportProblem, validateProblem } from './flow';

export interface GreedySolution {
  flow: Int32Array;
  total: number;
}

/** Best pair first: all pairs by weight (highest first, then input order), each filled as far as it can go. */
export function greedyBestPairFirst(p: TransportProblem): GreedySolution {
  validateProblem(p);
  const E = p.edgeNeed.length;
  const order = new Int32Array(E);
  for (let i = 0; i < E; i++) order[i] = i;
  const w = p.edgeWeight;
  order.sort((a, b) => w[b] - w[a] || a - b);
  return fill(p, order);
}

/** Needs in arrival order (their index): each takes its best pairs first while it still wants units. */
export function greedyArrivalOrder(p: TransportProblem): GreedySolution {
  validateProblem(p);
  const E = p.edgeNeed.length;
  const order = new Int32Array(E);
  for (let i = 0; i < E; i++) order[i] = i;
  const w = p.edgeWeight;
  const n = p.edgeNeed;
  order.sort((a, b) => n[a] - n[b] || w[b] - w[a] || a - b);
  return fill(p, order);
}

function fill(p: TransportProblem, order: Int32Array): GreedySolution {
  const demand = Int32Array.from(p.demand);
  const free = Int32Array.from(p.capacity);
  const flow = new Int32Array(p.edgeNeed.length);
  let total = 0;
  for (let i = 0; i < order.length; i++) {
    const e = order[i];
    if (p.edgeWeight[e] <= 0) continue;
    const n = p.edgeNeed[e];
    const c = p.edgeCandidate[e];
    const units = Math.min(demand[n], free[c], p.edgeLimit[e] - flow[e]);
    if (units <= 0) continue;
    flow[e] += units;
    demand[n] -= units;
    free[c] -= units;
    total += units * p.edgeWeight[e];
  }
  return { flow, total };
}
