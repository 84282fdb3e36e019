// The exact optimiser behind batch matching: a maximum-weight transportation problem (needs with
// demands, candidates with capacities, weighted pairs with per-pair limits) solved as a min-cost flow
// by successive shortest paths with potentials. Typed arrays throughout, no per-edge objects.
//
// Network: need n → candidate c (capacity = pair limit, cost −weight), candidate c → sink (capacity =
// what c can still take, cost 0), and need n → sink "leave unmatched" (unbounded, cost 0). Every unit of
// demand is routed one need at a time along a shortest path from that need to the sink (Dijkstra on
// reduced costs, binary heap). A path through the need's own "leave unmatched" edge is taken exactly when
// no path has negative cost, i.e. when no augmentation improves the total; a path ending in another need's
// "leave unmatched" edge is a reassignment that does. Successive shortest paths keep the residual network
// free of negative cycles, so the final flow has maximum total weight. When candidates have fewer units
// than needs want, the same is done with the roles swapped (candidates' units routed to needs), which
// gives the same optimum faster (see docs/decisions/0004-optimal-matching.md).

/** A batch matching instance in array form. Edge arrays are parallel; weights are integer scores per unit. */
export interface TransportProblem {
  /** Units each need still wants (length = number of needs). */
  demand: Int32Array;
  /** Units each candidate can still take (length = number of candidates). */
  capacity: Int32Array;
  edgeNeed: Int32Array;
  edgeCandidate: Int32Array;
  /** Integer score per unit of the pair; pairs with weight ≤ 0 never improve the total and are ignored. */
  edgeWeight: Int32Array;
  /** Most units this pair may carry (1 when a candidate may take only one unit of a need). */
  edgeLimit: Int32Array;
}

export interface TransportSolution {
  /** Units on each edge, in the problem's edge order. */
  flow: Int32Array;
  /** Units of each need left unmatched. */
  unmatched: Int32Array;
  /** Σ weight × units: the maximum there is. */
  total: number;
  /** Shortest-path searches run (for the benchmark). */
  searches: number;
}

/** Checks the arrays agree in length and hold no negative counts; throws a RangeError naming the problem. */
export function validateProblem(p: TransportProblem) {
  const e = p.edgeNeed.length;
  if (p.edgeCandidate.length !== e || p.edgeWeight.length !== e || p.edgeLimit.length !== e) throw new RangeError('edge arrays differ in length');
  for (let i = 0; i < p.demand.length; i++) if (p.demand[i] < 0) throw new RangeError(`need ${i} has negative demand`);
  for (let i = 0; i < p.capacity.length; i++) if (p.capacity[i] < 0) throw new RangeError(`candidate ${i} has negative capacity`);
  for (let i = 0; i < e; i++) {
    if (p.edgeNeed[i] < 0 || p.edgeNeed[i] >= p.demand.length) throw new RangeError(`edge ${i} names no need`);
    if (p.edgeCandidate[i] < 0 || p.edgeCandidate[i] >= p.capacity.length) throw new RangeError(`edge ${i} names no candidate`);
    if (p.edgeLimit[i] < 0) throw new RangeError(`edge ${i} has a negative limit`);
  }
}

/** Σ weight × units of a flow. */
export function flowTotal(p: TransportProblem, flow: Int32Array) {
  let total = 0;
  for (let i = 0; i < flow.length; i++) total += p.edgeWeight[i] * flow[i];
  return total;
}

/** Binary min-heap of (key, node) with lazy deletion: stale entries are skipped by the caller. */
class Heap {
  keys: Float64Array;
  nodes: Int32Array;
  size = 0;
  constructor(capacity: number) {
    this.keys = new Float64Array(Math.max(16, capacity));
    this.nodes = new Int32Array(Math.max(16, capacity));
  }
  push(key: number, node: number) {
    if (this.size === this.keys.length) this.grow();
    const keys = this.keys;
    const nodes = this.nodes;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent] <= key) break;
      keys[i] = keys[parent];
      nodes[i] = nodes[parent];
      i = parent;
    }
    keys[i] = key;
    nodes[i] = node;
  }
  /** Removes the minimum; read it from topKey/topNode before calling. */
  pop() {
    const keys = this.keys;
    const nodes = this.nodes;
    const n = --this.size;
    if (n === 0) return;
    const key = keys[n];
    const node = nodes[n];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && keys[child + 1] < keys[child]) child++;
      if (keys[child] >= key) break;
      keys[i] = keys[child];
      nodes[i] = nodes[child];
      i = child;
    }
    keys[i] = key;
    nodes[i] = node;
  }
  private grow() {
    const keys = new Float64Array(this.keys.length * 2);
    keys.set(this.keys);
    const nodes = new Int32Array(this.nodes.length * 2);
    nodes.set(this.nodes);
    this.keys = keys;
    this.nodes = nodes;
  }
}

/**
 * The assignment of maximum total weight: no need gets more than its demand, no candidate more than its
 * capacity, no pair more than its limit. Deterministic for a given input.
 */
export function solveTransport(p: TransportProblem): TransportSolution {
  validateProblem(p);
  const E0 = p.edgeNeed.length;
  // Only pairs that can carry flow and improve the total take part.
  const cap = new Int32Array(E0);
  for (let i = 0; i < E0; i++) {
    cap[i] = p.edgeWeight[i] > 0 ? Math.max(0, Math.min(p.edgeLimit[i], p.demand[p.edgeNeed[i]], p.capacity[p.edgeCandidate[i]])) : 0;
  }
  // Route units from the scarcer side: when most of the other side still has room, shortest paths end
  // after a step or two, so each search settles a handful of nodes instead of proving a crowded region
  // cannot be improved. Either orientation yields the same optimum.
  let demandTotal = 0;
  let capacityTotal = 0;
  for (let i = 0; i < p.demand.length; i++) demandTotal += p.demand[i];
  for (let i = 0; i < p.capacity.length; i++) capacityTotal += p.capacity[i];
  const needsFirst = demandTotal <= capacityTotal;
  const { flow, searches } = needsFirst
    ? successiveShortestPaths(p.demand, p.capacity, p.edgeNeed, p.edgeCandidate, p.edgeWeight, cap)
    : successiveShortestPaths(p.capacity, p.demand, p.edgeCandidate, p.edgeNeed, p.edgeWeight, cap);
  const unmatched = Int32Array.from(p.demand);
  let total = 0;
  for (let i = 0; i < E0; i++) {
    if (flow[i] > 0) {
      unmatched[p.edgeNeed[i]] -= flow[i];
      total += p.edgeWeight[i] * flow[i];
    }
  }
  return { flow, unmatched, total, searches };
}

/**
 * Maximum-weight flow from the left nodes (each with `supply` units) to the right nodes (each taking up
 * to `room` units) over edges of weight `weight` and capacity `edgeCap`; returns units per edge.
 */
function successiveShortestPaths(supply: Int32Array, room: Int32Array, edgeLeft: Int32Array, edgeRight: Int32Array, weight: Int32Array, edgeCap: Int32Array) {
  const L = supply.length;
  const R = room.length;
  const E0 = edgeLeft.length;
  const SINK = L + R;
  const V = L + R + 1;

  // Internal edges: those with capacity, grouped by left node (counting sort keeps input order).
  const leftStart = new Int32Array(L + 1);
  let E = 0;
  for (let i = 0; i < E0; i++) {
    if (edgeCap[i] > 0) {
      leftStart[edgeLeft[i] + 1]++;
      E++;
    }
  }
  for (let n = 0; n < L; n++) leftStart[n + 1] += leftStart[n];
  const origin = new Int32Array(E);
  const head = new Int32Array(E); // right node, numbered L + r
  const tail = new Int32Array(E); // left node
  const cost = new Float64Array(E); // −weight
  const cap = new Int32Array(E);
  const flow = new Int32Array(E);
  {
    const fill = leftStart.slice(0, L);
    for (let i = 0; i < E0; i++) {
      if (edgeCap[i] <= 0) continue;
      const n = edgeLeft[i];
      const k = fill[n]++;
      origin[k] = i;
      tail[k] = n;
      head[k] = L + edgeRight[i];
      cost[k] = -weight[i];
      cap[k] = edgeCap[i];
    }
  }
  // Reverse adjacency: the internal edges into each right node.
  const rightStart = new Int32Array(R + 1);
  for (let k = 0; k < E; k++) rightStart[head[k] - L + 1]++;
  for (let r = 0; r < R; r++) rightStart[r + 1] += rightStart[r];
  const rightEdges = new Int32Array(E);
  {
    const fill = rightStart.slice(0, R);
    for (let k = 0; k < E; k++) rightEdges[fill[head[k] - L]++] = k;
  }

  const free = Int32Array.from(room);

  // Potentials making every residual reduced cost non-negative at the start (the network is a DAG).
  const pot = new Float64Array(V);
  let sinkPot = 0;
  for (let k = 0; k < E; k++) if (cost[k] < pot[head[k]]) pot[head[k]] = cost[k];
  for (let r = 0; r < R; r++) if (pot[L + r] < sinkPot) sinkPot = pot[L + r];
  pot[SINK] = sinkPot;

  const dist = new Float64Array(V);
  const seen = new Int32Array(V); // search number in which dist[v] was set
  const done = new Int32Array(V); // search number in which v was settled
  const parent = new Int32Array(V); // internal edge that reached v; for SINK: the node it came from
  const settled = new Int32Array(V);
  const heap = new Heap(Math.min(E + V, 1 << 16));
  let search = 0;

  for (let s = 0; s < L; s++) {
    let left = supply[s];
    if (leftStart[s + 1] === leftStart[s]) left = 0; // nothing to route: its units stay unmatched
    while (left > 0) {
      search++;
      heap.size = 0;
      let settledCount = 0;
      dist[s] = 0;
      seen[s] = search;
      heap.push(0, s);
      // Best distance to the sink found so far. A node at or beyond it cannot lead to a shorter path
      // (reduced costs are non-negative), so it is not queued; and an edge into the sink is relaxed as
      // soon as its tail is reached, so `best` tightens early. When it equals the distance being
      // settled, no shorter path exists and the search stops.
      const potSink = pot[SINK];
      let best = Infinity;
      search: while (heap.size > 0) {
        const d = heap.keys[0];
        const u = heap.nodes[0];
        heap.pop();
        if (done[u] === search || d > dist[u]) continue;
        done[u] = search;
        settled[settledCount++] = u;
        if (u === SINK) break;
        if (best === d) break; // the sink's queued entry is as close as anything left
        const pu = pot[u];
        if (u < L) {
          // Leave unmatched: s's own units stay open, or another left node's unit gives way.
          if (u === s) {
            best = pu - potSink;
            dist[SINK] = best;
            parent[SINK] = u;
            if (best === 0) break search;
            heap.push(best, SINK);
          }
          for (let k = leftStart[u], end = leftStart[u + 1]; k < end; k++) {
            if (flow[k] >= cap[k]) continue;
            const v = head[k];
            if (done[v] === search) continue;
            const ndv = d + cost[k] + pu - pot[v];
            if (ndv >= best) continue;
            if (seen[v] !== search || ndv < dist[v]) {
              seen[v] = search;
              dist[v] = ndv;
              parent[v] = k;
              if (free[v - L] > 0) {
                const nd = ndv + pot[v] - potSink;
                if (nd < best) {
                  best = nd;
                  dist[SINK] = nd;
                  parent[SINK] = v;
                  if (nd === d) break search;
                  heap.push(nd, SINK);
                }
              }
              if (ndv < best) heap.push(ndv, v);
            }
          }
        } else {
          const r = u - L;
          for (let i = rightStart[r], end = rightStart[r + 1]; i < end; i++) {
            const k = rightEdges[i];
            if (flow[k] <= 0) continue;
            const v = tail[k];
            if (done[v] === search) continue;
            const ndv = d - cost[k] + pu - pot[v];
            if (ndv >= best) continue;
            if (seen[v] !== search || ndv < dist[v]) {
              seen[v] = search;
              dist[v] = ndv;
              parent[v] = k;
              const nd = ndv + pot[v] - potSink; // v's own "leave unmatched" edge
              if (nd < best) {
                best = nd;
                dist[SINK] = nd;
                parent[SINK] = v;
                if (nd === d) break search;
                heap.push(nd, SINK);
              }
              if (ndv < best) heap.push(ndv, v);
            }
          }
        }
      }

      // The sink is always reachable through s's own "leave unmatched" edge.
      const D = dist[SINK];
      const last = parent[SINK];
      if (last === s) {
        left = 0;
      } else {
        // Bottleneck along the path, then push.
        let amount = left;
        if (last >= L) amount = Math.min(amount, free[last - L]);
        let v = last;
        while (v !== s) {
          const k = parent[v];
          if (v >= L) {
            amount = Math.min(amount, cap[k] - flow[k]);
            v = tail[k];
          } else {
            amount = Math.min(amount, flow[k]);
            v = head[k];
          }
        }
        if (last >= L) free[last - L] -= amount;
        v = last;
        while (v !== s) {
          const k = parent[v];
          if (v >= L) {
            flow[k] += amount;
            v = tail[k];
          } else {
            flow[k] -= amount;
            v = head[k];
          }
        }
        left -= amount;
      }
      // New potentials: settled nodes move by dist − D, the rest stay (a uniform shift of min(dist, D)).
      for (let i = 0; i < settledCount; i++) {
        const v = settled[i];
        pot[v] += dist[v] - D;
      }
    }
  }

  const out = new Int32Array(E0);
  for (let k = 0; k < E; k++) if (flow[k] > 0) out[origin[k]] = flow[k];
  return { flow: out, searches: search };
}
