// Benchmark of batch matching (npm run bench:matching): a seeded district instance, scored with the real
// score, solved in one process by our exact solver, two greedy baselines and the HiGHS LP solver.
// Prints each method's time and total, whether our total equals the LP optimum, and the time ratio.
//
//   npm run bench:matching -- [--needs 50000] [--volunteers 20000] [--per-need 20] [--seed 20261123]
//                             [--lp-time-limit 900] [--lp-fallback-needs 10000] [--no-lp] [--no-stress]
//
// After the district instance, a stress section runs a smaller instance whose volunteers' capacity
// equals the demand (the hard case for successive shortest paths; see docs/benchmarks/matching.md).
import { pathToFileURL } from 'node:url';
import loadHighs from 'highs';
import { solveTransport, type TransportProblem } from '../matching/flow';
import { greedyArrivalOrder, greedyBestPairFirst } from '../matching/greedy';
import { score, scorePoints } from '../matching/score';
import type { MatchCandidate, MatchNeed, WeeklyWindow } from '../matching/types';

// ---------------------------------------------------------------- options

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const NEEDS = option('needs', 50_000);
const VOLUNTEERS = option('volunteers', 20_000);
const PER_NEED = option('per-need', 20);
const SEED = option('seed', 20261123);
const LP_TIME_LIMIT = option('lp-time-limit', 900);
const LP_FALLBACK_NEEDS = option('lp-fallback-needs', 10_000);
const RUN_LP = !args.includes('--no-lp');
const RUN_STRESS = !args.includes('--no-stress');
const STRESS_NEEDS = option('stress-needs', 20_000);

// ---------------------------------------------------------------- seeded instance

/** mulberry32: small, fast, good enough to make the same district every run. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// A district: 4 streets × 5 communities × 5 grids × 4 compounds × 5 buildings = 2,000 buildings.
const SHAPE = [4, 5, 5, 4, 5];
const CATEGORIES = ['meals', 'elderly_care', 'child_care', 'repairs', 'health', 'environment'];
const SKILLS: Record<string, string[]> = {
  meals: ['meal_delivery', 'cooking', 'driving'],
  elderly_care: ['elder_companionship', 'nursing', 'cleaning'],
  child_care: ['childcare', 'tutoring'],
  repairs: ['plumbing', 'electrical_repair', 'carpentry'],
  health: ['nursing', 'first_aid', 'counselling'],
  environment: ['gardening', 'cleaning'],
};
const LANGUAGES = ['zh', 'yue', 'en', 'local_dialect'];
const WEEK_START = Date.parse('2026-11-30T00:00:00+08:00'); // the Monday after the run date: the week being matched

interface Instance {
  needs: MatchNeed[];
  candidates: MatchCandidate[];
  /** Candidate indexes chosen for each need (PER_NEED each, all eligible). */
  pool: Int32Array;
  now: Date;
}

export function generate(needCount: number, volunteerCount: number, perNeed: number, seed: number): Instance {
  const r = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const buildings = SHAPE.reduce((a, b) => a * b, 1);
  const pathOf = (b: number) => {
    const parts: number[] = [];
    for (let level = SHAPE.length - 1, rest = b; level >= 0; level--) {
      parts.unshift(rest % SHAPE[level]);
      rest = Math.floor(rest / SHAPE[level]);
    }
    return `/${parts.map((p, i) => `${'scgkb'[i]}${p}`).join('/')}/`;
  };
  const paths = Array.from({ length: buildings }, (_, b) => pathOf(b));
  const subset = <T>(list: readonly T[], min: number, max: number) => {
    const copy = [...list];
    const n = int(min, Math.min(max, copy.length));
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(copy.splice(Math.floor(r() * copy.length), 1)[0]);
    return out;
  };

  const candidates: MatchCandidate[] = [];
  // Volunteers by building and category: a service asks the database for those who cover the need's category.
  const byBuilding: number[][] = Array.from({ length: buildings * CATEGORIES.length }, () => []);
  for (let v = 0; v < volunteerCount; v++) {
    const b = Math.floor(r() * buildings);
    const categories = subset(CATEGORIES, 2, 4);
    // Stated availability follows a few common patterns: any time, retired (weekday days), working
    // (weekday evenings and weekends), or a handful of odd windows.
    const x = r();
    const availability: WeeklyWindow[] | 'always' =
      x < 0.25
        ? 'always'
        : x < 0.55
          ? [0, 1, 2, 3, 4].map((day) => ({ day, start: 8 * 60, end: 18 * 60 }))
          : x < 0.85
            ? [...[0, 1, 2, 3, 4].map((day) => ({ day, start: 18 * 60, end: 22 * 60 })), { day: 5, start: 9 * 60, end: 18 * 60 }, { day: 6, start: 9 * 60, end: 18 * 60 }]
            : Array.from({ length: int(2, 5) }, () => ({ day: int(0, 6), start: int(7, 17) * 60, end: 0 })).map((w) => ({ ...w, end: w.start + int(2, 6) * 60 }));
    const free = int(1, 4); // capacities 1–4: the units each volunteer can still take
    const load = int(0, 2);
    candidates.push({
      kind: 'volunteer',
      id: `v${v}`,
      categories,
      skills: [...new Set(categories.flatMap((c) => subset(SKILLS[c], 1, 2)))],
      placePath: paths[b],
      travelLevels: pick([2, 3, 3, 4, 4, null]),
      availability,
      exceptions: r() < 0.1 ? [{ from: '2026-12-02', to: '2026-12-03' }] : [],
      capacity: free + load,
      load,
      languages: r() < 0.85 ? ['zh', ...subset(LANGUAGES.slice(1), 0, 1)] : subset(LANGUAGES, 1, 2),
      rating: { count: int(0, 60), mean: 3 + r() * 2 },
      checks: [],
    });
    for (const c of categories) byBuilding[b * CATEGORIES.length + CATEGORIES.indexOf(c)].push(v);
  }

  // Neighbourhoods for drawing nearby candidates: same grid (20 buildings), community (100), the district.
  const span = (level: number) => SHAPE.slice(level).reduce((a, b) => a * b, 1);
  const needs: MatchNeed[] = [];
  const pool = new Int32Array(needCount * perNeed);
  const now = new Date(WEEK_START - 2 * 86_400_000);
  let tries = 0;
  const excl: Record<string, number> = {};
  for (let n = 0; n < needCount; n++) {
    const b = Math.floor(r() * buildings);
    const category = pick(CATEGORIES);
    const day = int(0, 6);
    const start = WEEK_START + day * 86_400_000 + int(8, 18) * 3_600_000;
    const need: MatchNeed = {
      id: `n${n}`,
      category,
      skills: r() < 0.5 ? subset(SKILLS[category], 1, 1) : [],
      placePath: paths[b],
      windows: [{ start: new Date(start), end: new Date(start + int(2, 4) * 3_600_000) }],
      languages: r() < 0.2 ? [pick(LANGUAGES)] : [],
      requiredChecks: [],
      quantity: int(1, 3),
      maxUnitsPerCandidate: r() < 0.3 ? 2 : 1,
    };
    needs.push(need);
    const chosen = new Set<number>();
    let guard = 0;
    while (chosen.size < perNeed) {
      if (++guard > 20_000) throw new Error(`need ${n}: cannot find ${perNeed} eligible candidates nearby`);
      const x = r();
      const level = guard > 2_000 ? 0 : x < 0.6 ? 2 : x < 0.9 ? 1 : 0; // same grid, same community, anywhere
      const width = level === 0 ? buildings : span(level + 1);
      const first = Math.floor(b / width) * width;
      const list = byBuilding[(first + Math.floor(r() * width)) * CATEGORIES.length + CATEGORIES.indexOf(category)];
      if (list.length === 0) continue;
      const c = list[Math.floor(r() * list.length)];
      if (chosen.has(c)) continue;
      tries++;
      if (scorePoints(need, candidates[c], now) < 0) {
        if (process.env.BENCH_DEBUG) for (const x of score(need, candidates[c], now).excluded ?? []) excl[x.code] = (excl[x.code] ?? 0) + 1;
        continue;
      }
      chosen.add(c);
    }
    let j = n * perNeed;
    for (const c of chosen) pool[j++] = c;
  }
  if (process.env.BENCH_DEBUG) console.log(`eligible draws: ${fmtInt(needCount * perNeed)} of ${fmtInt(tries)} scored`, excl);
  return { needs, candidates, pool, now };
}

/** Scores every chosen pair with the real score and lays the instance out in arrays. */
export function toProblem(inst: Instance, perNeed: number): TransportProblem {
  const E = inst.pool.length;
  const p: TransportProblem = {
    demand: Int32Array.from(inst.needs, (n) => n.quantity),
    capacity: Int32Array.from(inst.candidates, (c) => c.capacity - c.load),
    edgeNeed: new Int32Array(E),
    edgeCandidate: new Int32Array(E),
    edgeWeight: new Int32Array(E),
    edgeLimit: new Int32Array(E),
  };
  for (let e = 0; e < E; e++) {
    const n = Math.floor(e / perNeed);
    const c = inst.pool[e];
    const points = scorePoints(inst.needs[n], inst.candidates[c], inst.now);
    if (points < 0) throw new Error('generator chose an excluded pair');
    p.edgeNeed[e] = n;
    p.edgeCandidate[e] = c;
    p.edgeWeight[e] = points;
    p.edgeLimit[e] = inst.needs[n].maxUnitsPerCandidate ?? 1;
  }
  return p;
}

// ---------------------------------------------------------------- methods

const ms = (t0: number) => performance.now() - t0;
const fmtMs = (x: number) => (x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : `${x.toFixed(0)} ms`);
const fmtInt = (x: number) => x.toLocaleString('en-US');

/** Wall-clock and CPU time (user + system) of a call: the machine is shared, so CPU time is the steadier figure. */
interface Time {
  wall: number;
  cpu: number;
}

function timed<T>(f: () => T): [T, Time] {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const out = f();
  const wall = ms(t0);
  const c = process.cpuUsage(c0);
  return [out, { wall, cpu: (c.user + c.system) / 1000 }];
}

/** Throws unless the flow respects every demand, capacity and pair limit. */
function checkFeasible(p: TransportProblem, flow: Int32Array) {
  const toNeed = new Int32Array(p.demand.length);
  const toCand = new Int32Array(p.capacity.length);
  for (let e = 0; e < flow.length; e++) {
    if (flow[e] < 0 || flow[e] > p.edgeLimit[e]) throw new Error(`edge ${e} carries ${flow[e]}`);
    toNeed[p.edgeNeed[e]] += flow[e];
    toCand[p.edgeCandidate[e]] += flow[e];
  }
  for (let n = 0; n < toNeed.length; n++) if (toNeed[n] > p.demand[n]) throw new Error(`need ${n} over-served`);
  for (let c = 0; c < toCand.length; c++) if (toCand[c] > p.capacity[c]) throw new Error(`candidate ${c} over capacity`);
}

type Highs = Awaited<ReturnType<typeof loadHighs>>;

/** The same instance as an LP: max Σ w·x, per-need and per-candidate rows ≤ demand/capacity, 0 ≤ x ≤ limit. */
function solveLp(highs: Highs, p: TransportProblem, timeLimit: number) {
  const E = p.edgeNeed.length;
  const N = p.demand.length;
  const starts = new Int32Array(E + 1);
  const indices = new Int32Array(2 * E);
  const values = new Float64Array(2 * E).fill(1);
  const colUpper = new Float64Array(E);
  for (let e = 0; e < E; e++) {
    starts[e + 1] = 2 * (e + 1);
    indices[2 * e] = p.edgeNeed[e];
    indices[2 * e + 1] = N + p.edgeCandidate[e];
    colUpper[e] = p.edgeLimit[e];
  }
  const rowUpper = new Float64Array(N + p.capacity.length);
  rowUpper.set(p.demand, 0);
  rowUpper.set(p.capacity, N);
  const model = highs.createModel({
    numCols: E,
    numRows: N + p.capacity.length,
    sense: highs.constants.objectiveSense.maximize,
    colCost: Float64Array.from(p.edgeWeight),
    colLower: new Float64Array(E),
    colUpper,
    rowLower: new Float64Array(N + p.capacity.length).fill(-highs.infinity),
    rowUpper,
    matrix: { format: 'csc', numRows: N + p.capacity.length, numCols: E, starts, indices, values },
  });
  try {
    model.options.set({ output_flag: false, time_limit: timeLimit });
    model.run();
    const status = model.getModelStatus();
    const optimal = status === highs.constants.modelStatus.optimal;
    const objective = optimal ? model.getObjectiveValue() : NaN;
    let fractional = 0;
    if (optimal) for (const x of model.getSolution().colValue) if (Math.abs(x - Math.round(x)) > 1e-6) fractional++;
    return { optimal, status, objective, fractional };
  } finally {
    model.dispose();
  }
}

// ---------------------------------------------------------------- run

function line(label: string, time: Time, total: number | string, extra = '') {
  console.log(`  ${label.padEnd(30)} ${fmtMs(time.wall).padStart(9)} (cpu ${fmtMs(time.cpu).padStart(9)})   total ${typeof total === 'number' ? fmtInt(total).padStart(13) : total.padStart(13)}${extra ? `   ${extra}` : ''}`);
}

function runOurs(p: TransportProblem) {
  const [s, t] = timed(() => solveTransport(p));
  checkFeasible(p, s.flow);
  return { s, t };
}

async function main() {
  console.log(`Fivefold batch matching benchmark — ${new Date().toISOString()}`);
  console.log(`node ${process.version}, ${process.platform}/${process.arch}; seed ${SEED}`);

  // Warm-up on a small instance so each method is timed with its code compiled (HiGHS: Wasm loaded).
  {
    const warm = toProblem(generate(2_000, 4_000, PER_NEED, SEED + 1), PER_NEED);
    solveTransport(warm);
    greedyBestPairFirst(warm);
    greedyArrivalOrder(warm);
  }
  const highs = RUN_LP ? await loadHighs() : null;

  const [inst, tGen] = timed(() => generate(NEEDS, VOLUNTEERS, PER_NEED, SEED));
  const [p, tScore] = timed(() => toProblem(inst, PER_NEED));
  const demand = p.demand.reduce((a, b) => a + b, 0);
  const capacity = p.capacity.reduce((a, b) => a + b, 0);
  console.log(
    `\nInstance: ${fmtInt(NEEDS)} needs (${fmtInt(demand)} units) × ${fmtInt(VOLUNTEERS)} volunteers (${fmtInt(capacity)} units), ` +
      `${PER_NEED} eligible candidates per need = ${fmtInt(p.edgeNeed.length)} edges`,
  );
  console.log(`  generated in ${fmtMs(tGen.wall)}; scored ${fmtInt(p.edgeNeed.length)} pairs with matching/score.ts in ${fmtMs(tScore.wall)}\n`);

  const ours = runOurs(p);
  line('ours (exact, SSP + potentials)', ours.t, ours.s.total, `${fmtInt(ours.s.searches)} searches; ${fmtInt(ours.s.unmatched.reduce((a, b) => a + b, 0))} units left open`);
  const [g1, tG1] = timed(() => greedyBestPairFirst(p));
  checkFeasible(p, g1.flow);
  line('greedy: best pair first', tG1, g1.total, `${((g1.total / ours.s.total) * 100).toFixed(2)}% of ours`);
  const [g2, tG2] = timed(() => greedyArrivalOrder(p));
  checkFeasible(p, g2.flow);
  line('greedy: needs in arrival order', tG2, g2.total, `${((g2.total / ours.s.total) * 100).toFixed(2)}% of ours`);

  console.log(`\n  ours at ${fmtInt(p.edgeNeed.length)} edges: ${fmtMs(ours.t.wall)} wall, ${fmtMs(ours.t.cpu)} cpu (target ≤ 2 s on one core)`);

  if (highs) {
    console.log(`\nHiGHS (LP, same instance): time limit ${LP_TIME_LIMIT} s`);
    let lp: ReturnType<typeof solveLp> | null = null;
    let tLp: Time = { wall: 0, cpu: 0 };
    let failure = '';
    try {
      [lp, tLp] = timed(() => solveLp(highs, p, LP_TIME_LIMIT));
      if (!lp.optimal) failure = `status ${lp.status} (not optimal) after ${fmtMs(tLp.wall)}`;
    } catch (e) {
      failure = `failed: ${(e as Error).message}`;
    }
    if (lp && !failure) {
      report(lp, tLp, ours.s.total, ours.t);
    } else {
      console.log(`  HiGHS could not solve the full instance here: ${failure}`);
      console.log(`  Comparing on a smaller instance instead: ${fmtInt(LP_FALLBACK_NEEDS)} needs × ${fmtInt(Math.round((VOLUNTEERS * LP_FALLBACK_NEEDS) / NEEDS))} volunteers`);
      const small = toProblem(generate(LP_FALLBACK_NEEDS, Math.round((VOLUNTEERS * LP_FALLBACK_NEEDS) / NEEDS), PER_NEED, SEED), PER_NEED);
      const o = runOurs(small);
      line('ours (smaller instance)', o.t, o.s.total);
      const [lp2, t2] = timed(() => solveLp(highs, small, LP_TIME_LIMIT));
      if (!lp2.optimal) console.log(`  HiGHS: status ${lp2.status} on the smaller instance too`);
      else report(lp2, t2, o.s.total, o.t);
    }
  }

  if (RUN_STRESS) {
    // Volunteers' capacity ≈ demand: every unit competes, augmenting paths get long.
    const volunteers = Math.round((STRESS_NEEDS * 4) / 5);
    const q = toProblem(generate(STRESS_NEEDS, volunteers, PER_NEED, SEED + 2), PER_NEED);
    const qd = q.demand.reduce((a, b) => a + b, 0);
    const qc = q.capacity.reduce((a, b) => a + b, 0);
    console.log(
      `\nStress: capacity ≈ demand — ${fmtInt(STRESS_NEEDS)} needs (${fmtInt(qd)} units) × ${fmtInt(volunteers)} volunteers (${fmtInt(qc)} units), ${fmtInt(q.edgeNeed.length)} edges\n`,
    );
    const o = runOurs(q);
    line('ours (exact, SSP + potentials)', o.t, o.s.total, `${fmtInt(o.s.searches)} searches`);
    const [b1, tb1] = timed(() => greedyBestPairFirst(q));
    line('greedy: best pair first', tb1, b1.total, `${((b1.total / o.s.total) * 100).toFixed(2)}% of ours`);
    const [b2, tb2] = timed(() => greedyArrivalOrder(q));
    line('greedy: needs in arrival order', tb2, b2.total, `${((b2.total / o.s.total) * 100).toFixed(2)}% of ours`);
    if (highs) {
      const [lp, t] = timed(() => solveLp(highs, q, LP_TIME_LIMIT));
      if (!lp.optimal) console.log(`  HiGHS: status ${lp.status} (not optimal) after ${fmtMs(t.wall)}`);
      else report(lp, t, o.s.total, o.t);
    }
  }
}

function report(lp: { objective: number; fractional: number }, tLp: Time, oursTotal: number, oursTime: Time) {
  const lpTotal = Math.round(lp.objective);
  line('HiGHS LP optimum', tLp, lpTotal, `${lp.fractional} fractional columns`);
  console.log(`\n  ours equals the LP optimum: ${lpTotal === oursTotal ? 'YES' : 'NO'} (${fmtInt(oursTotal)} vs ${fmtInt(lpTotal)}; LP objective ${lp.objective})`);
  console.log(`  time ratio ours / HiGHS: ${(oursTime.wall / tLp.wall).toFixed(4)} wall, ${(oursTime.cpu / tLp.cpu).toFixed(4)} cpu (target ≤ 0.1)`);
}

// Run when executed (npm run bench:matching), not when imported for its generator.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
