// npm run bench:search [-- --docs 1000000 --runs 30 --keep --reuse --explain]
// Generates documents with realistic Chinese and English text and facets, indexes them with the PostgreSQL
// engine on the server named by DATABASE_URL (in a database of its own), then runs a fixed query mix and prints
// p50/p95 for the engine and, in the same run, for a naive baseline: ts_rank over all matches + GROUP BY facets.
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { openDatabase, rows, setDatabase, type DatabaseHandle } from '../db/client';
import { migrate } from '../db/migrate';
import { facetFields, type FacetField, type SearchDocument, type SearchList, type SearchQuery } from '../search/engine';
import { PostgresSearchEngine } from '../search/postgres-engine';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const DOCS = option('docs', 1_000_000);
const RUNS = option('runs', 30);
const BATCH = 2000;
const BENCH_DB = 'fivefold_bench_search';

// ---- a deterministic generator of realistic documents -------------------------------------------------------

let seed = 20261123;
const rand = () => {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 2 ** 32;
};
const pick = <T>(a: readonly T[]) => a[Math.floor(rand() * a.length)];
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

const zhWho = ['独居老人', '空巢老人', '高龄老人', '残疾人', '低保户', '留守儿童', '孕妇', '退役军人', '外来务工人员', '双职工家庭', '困难家庭', '新市民', '失独家庭', '单亲妈妈'];
const zhAction = [
  '送餐', '助浴', '陪诊', '理发', '代购', '维修水管', '修理电器', '更换灯泡', '清洗油烟机', '作业辅导', '心理疏导', '政策咨询', '康复训练',
  '上门体检', '接送上下学', '搬运家具', '打扫卫生', '防诈骗宣传', '手机使用教学', '代缴水电费', '配眼镜', '修自行车', '读报', '测血压',
];
const zhPlace = ['幸福里社区', '阳光花园', '和平新村', '东风小区', '滨江苑', '桂花园', '老街坊', '青年公寓', '梧桐巷', '光明村', '翠竹苑', '锦绣华庭'];
const zhDay = ['一', '二', '三', '四', '五', '六', '日'];
const enWho = ['elderly residents', 'people living alone', 'children after school', 'families with newborns', 'wheelchair users', 'new arrivals', 'carers'];
const enAction = [
  'meal delivery', 'bike repair', 'homework help', 'tech support', 'grocery shopping', 'home cleaning', 'furniture moving', 'medical escort',
  'language exchange', 'tap repair', 'garden care', 'dog walking', 'form filling', 'reading aloud',
];
const enPlace = ['Riverside', 'Oak Lane', 'Harbour View', 'Maple Court', 'Old Town', 'Station Road', 'Willow Park'];
const enDay = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

const categories = ['meals', 'care', 'health', 'education', 'repair', 'legal', 'housing', 'transport', 'cleaning', 'digital', 'mental_health', 'safety'];
const statusesBy: Record<SearchList, string[]> = {
  needs: ['open', 'open', 'open', 'in_progress', 'closed'],
  resources: ['available', 'available', 'paused'],
  projects: ['active', 'planning', 'finished'],
};
const kindsBy: Record<SearchList, string[]> = { needs: ['service', 'goods'], resources: ['skill', 'goods', 'venue'], projects: ['project'] };
const urgencies = ['low', 'normal', 'normal', 'high', 'urgent'];
const communities = Array.from({ length: 40 }, (_, i) => `c-${String(i + 1).padStart(2, '0')}`);
const START = Date.UTC(2023, 0, 1);
const SPAN = 3 * 365 * 86400_000;
const CORPUS_END = START + SPAN;

function zhDoc(): Pick<SearchDocument, 'title' | 'body' | 'tags'> {
  const who = pick(zhWho);
  const action = pick(zhAction);
  const place = pick(zhPlace);
  const r = rand();
  let title =
    r < 0.3 ? `${who}需要${action}` : r < 0.55 ? `${place}${who}${action}服务` : r < 0.8 ? `为${who}提供${action}` : `${place}招募${action}志愿者`;
  const sentences = [
    `${place}${int(1, 30)}号楼的${who}行动不便，希望有人帮忙${action}。`,
    `每周${pick(zhDay)}上午需要${action}，大约${int(1, 4)}小时。`,
    rand() < 0.5 ? `已有${int(1, 9)}位志愿者报名，还需要${int(1, 5)}位。` : '请提前联系社区网格员确认时间。',
    rand() < 0.3 ? `活动地点在社区活动中心${int(1, 4)}楼。` : '需要自带工具，注意安全。',
  ];
  if (rand() < 0.01) title = `四点半课堂${pick(['作业辅导', '手工课', '阅读角', '科学小实验'])}`;
  const body = sentences.slice(0, int(2, sentences.length));
  if (rand() < 0.008) body.push('可以提供法律援助，帮助了解相关政策。');
  if (rand() < 0.0002) body.push('有居民想学手风琴。');
  return { title, body: body.join(''), tags: [action, rand() < 0.5 ? '助老' : '便民'] };
}

function enDoc(): Pick<SearchDocument, 'title' | 'body' | 'tags'> {
  const who = pick(enWho);
  const action = pick(enAction);
  const place = pick(enPlace);
  const r = rand();
  const title = r < 0.4 ? `${action[0].toUpperCase()}${action.slice(1)} for ${who}` : r < 0.7 ? `Volunteers needed: ${action}` : `${place} ${action} team`;
  const sentences = [
    `We are looking for volunteers to help ${who} with ${action} on ${pick(enDay)}s.`,
    `About ${int(1, 4)} hours a week, near ${place}.`,
    rand() < 0.5 ? 'Please bring your own tools.' : 'Contact the grid worker to arrange a time.',
  ].slice(0, int(2, 3));
  if (rand() < 0.01) sentences.push('Free legal aid is available for tenants.');
  if (rand() < 0.0002) sentences.push('One resident would love to learn the accordion.');
  return { title, body: sentences.join(' '), tags: [action] };
}

function makeDoc(n: number): SearchDocument {
  const r = rand();
  const list: SearchList = r < 0.5 ? 'needs' : r < 0.85 ? 'resources' : 'projects';
  const text = rand() < 0.7 ? zhDoc() : enDoc();
  const community = pick(communities);
  const createdAt = new Date(START + Math.floor(rand() * SPAN));
  return {
    id: `b${n}`,
    list,
    ...text,
    category: pick(categories),
    community,
    grid: `${community}-g${int(1, 10)}`,
    status: pick(statusesBy[list]),
    urgency: list === 'needs' ? pick(urgencies) : null,
    kind: pick(kindsBy[list]),
    createdAt,
    deadline: rand() < 0.4 ? new Date(createdAt.getTime() + int(1, 60) * 86400_000) : null,
    locale: /[a-z]/i.test(text.title) ? 'en' : 'zh-CN',
  };
}

// ---- the run ------------------------------------------------------------------------------------------------

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

async function load(handle: DatabaseHandle, engine: PostgresSearchEngine) {
  const started = Date.now();
  // Bulk load: build the secondary indexes once at the end rather than row by row.
  await handle.executeSql(
    'DROP INDEX IF EXISTS search_documents_tsv_idx, search_documents_recent_tsv_idx, search_documents_newest_idx, search_documents_deadline_idx',
  );
  // The corpus covers the three years up to CORPUS_END, so that is "now" for the recent window (the last twelve
  // months, search/postgres-engine.ts); set before loading, each document is flagged as it is indexed, as in use.
  await engine.refreshRecentWindow(new Date(CORPUS_END));
  let inFlight: Promise<void> | null = null;
  for (let n = 0; n < DOCS; n += BATCH) {
    const docs = Array.from({ length: Math.min(BATCH, DOCS - n) }, (_, i) => makeDoc(n + i));
    const next = engine.index(docs);
    if (inFlight) await inFlight;
    inFlight = next;
    if ((n / BATCH) % 25 === 0) process.stdout.write(`\r  indexed ${n.toLocaleString('en')} / ${DOCS.toLocaleString('en')} (${Math.round((Date.now() - started) / 1000)} s)`);
  }
  if (inFlight) await inFlight;
  process.stdout.write(`\r  indexed ${DOCS.toLocaleString('en')} documents in ${Math.round((Date.now() - started) / 1000)} s; building indexes…\n`);
  const t = Date.now();
  await handle.executeSql(`SET maintenance_work_mem = '512MB'`);
  await handle.executeSql('CREATE INDEX search_documents_tsv_idx ON search_documents USING gin (tsv)');
  await handle.executeSql('CREATE INDEX search_documents_recent_tsv_idx ON search_documents USING gin (tsv) WHERE recent');
  await handle.executeSql('CREATE INDEX search_documents_newest_idx ON search_documents (generation, created_at DESC NULLS LAST)');
  await handle.executeSql('CREATE INDEX search_documents_deadline_idx ON search_documents (generation, deadline)');
  await handle.executeSql('VACUUM ANALYZE search_documents');
  await handle.executeSql('VACUUM ANALYZE search_terms');
  console.log(`  indexes built and analysed in ${Math.round((Date.now() - t) / 1000)} s`);
}

interface Case {
  name: string;
  query: (run: number) => SearchQuery;
}

const allFacets = [...facetFields] as FacetField[];
const cases: Case[] = [
  { name: 'rare term (accordion)', query: () => ({ q: 'accordion', facets: allFacets }) },
  { name: 'frequent term, faceted (志愿者)', query: () => ({ q: '志愿者', facets: allFacets }) },
  { name: 'two terms + filter (老人 送餐, community)', query: (i) => ({ q: '老人 送餐', filters: { community: communities[i % communities.length] }, facets: allFacets }) },
  { name: 'Chinese word (法律援助)', query: () => ({ q: '法律援助', facets: allFacets }) },
  { name: 'prefix (repa)', query: () => ({ q: 'repa', facets: allFacets }) },
];

/** The naive way: rank every match, count facets over every match. Same tsquery and filters as the engine. */
async function baseline(handle: DatabaseHandle, engine: PostgresSearchEngine, query: SearchQuery) {
  const tsquery = (await engine.explainQuery(query.q ?? '')) ?? '';
  const where = [sql`generation = (SELECT live_generation FROM search_state WHERE engine = 'postgres')`, sql`tsv @@ to_tsquery('simple', ${tsquery})`];
  for (const [field, value] of Object.entries(query.filters ?? {})) where.push(sql`${sql.raw(field)} = ${String(value)}`);
  const w = sql.join(where, sql` AND `);
  await rows(handle.db, sql`SELECT doc_id, ts_rank(tsv, to_tsquery('simple', ${tsquery})) AS r FROM search_documents WHERE ${w} ORDER BY r DESC LIMIT 20`);
  await rows(
    handle.db,
    sql`SELECT list, category, community, grid, status, urgency, kind, count(*) FROM search_documents WHERE ${w}
        GROUP BY GROUPING SETS ((list), (category), (community), (grid), (status), (urgency), (kind), ())`,
  );
}

/**
 * CPU time (ms) the given server backends have used, from /proc/<pid>/schedstat (nanoseconds on a CPU), when the
 * server runs on this machine; null otherwise. Unlike wall time it hardly moves when the machine is shared.
 */
function backendCpuMs(pids: number[]): number | null {
  let ns = 0;
  for (const pid of pids) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      return null;
    }
  }
  return ns / 1e6;
}

interface Timing {
  wall: number;
  /** CPU of the bench's server backends plus this process (segmentation, parsing), or null. */
  cpu: number | null;
}

async function time(pids: () => Promise<number[]>, fn: () => Promise<unknown>): Promise<Timing> {
  const backends = await pids();
  const server0 = backendCpuMs(backends);
  const node0 = process.cpuUsage();
  const t = performance.now();
  await fn();
  const wall = performance.now() - t;
  const node = process.cpuUsage(node0);
  const server1 = backendCpuMs(backends);
  const cpu = server0 === null || server1 === null ? null : server1 - server0 + (node.user + node.system) / 1000;
  return { wall, cpu };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

async function main() {
  const base = process.env.DATABASE_URL;
  if (!base) {
    console.info('bench:search needs a PostgreSQL server: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres).');
    process.exit(2);
  }
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  const exists = (await admin`SELECT 1 FROM pg_database WHERE datname = ${BENCH_DB}`).length > 0;
  const u = new URL(base);
  u.pathname = `/${BENCH_DB}`;
  let reuse = flag('reuse') && exists;
  if (!reuse) {
    await admin.unsafe(`DROP DATABASE IF EXISTS "${BENCH_DB}" WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE "${BENCH_DB}"`);
  }
  const handle = await openDatabase({ url: u.toString(), max: 4 });
  setDatabase(handle);
  try {
    await migrate(handle);
    const engine = new PostgresSearchEngine(() => handle.db);
    await engine.configure();
    if (reuse && (await engine.count()) !== DOCS) reuse = false;
    console.log(`Search benchmark: ${DOCS.toLocaleString('en')} documents, ${RUNS} runs per query, PostgreSQL at ${u.host}`);
    if (!reuse) await load(handle, engine);
    else {
      console.log('  reusing the documents of the last run (--reuse)');
      const moved = await engine.refreshRecentWindow(new Date(CORPUS_END));
      if (moved) {
        console.log(`  recent window set from ${moved.since.toISOString().slice(0, 10)}: ${moved.changed.toLocaleString('en')} documents flagged`);
        await handle.executeSql('VACUUM ANALYZE search_documents');
      }
    }
    const [recent] = await rows<{ n: number }>(handle.db, sql`SELECT count(*)::int AS n FROM search_documents WHERE recent`);
    console.log(`  recent window (created in the twelve months before ${new Date(CORPUS_END).toISOString().slice(0, 10)}): ${Number(recent.n).toLocaleString('en')} documents`);

    const [size] = await rows<{ s: string }>(handle.db, sql`SELECT pg_size_pretty(pg_total_relation_size('search_documents')) AS s`);
    console.log(`  search_documents: ${size.s}\n`);
    const pids = async () => (await admin`SELECT pid FROM pg_stat_activity WHERE datname = ${BENCH_DB}`).map((r) => Number(r.pid));
    const [loadAvg] = readFileSync('/proc/loadavg', 'utf8').split(' ');
    console.log(`  load average at the start of the queries: ${loadAvg} (CPU columns: server backends + this process, mean per query)\n`);
    const header = `${'query'.padEnd(44)} ${'matches'.padStart(9)} ${'engine p50'.padStart(11)} ${'engine p95'.padStart(11)} ${'naive p50'.padStart(11)} ${'naive p95'.padStart(11)} ${'p95 ratio'.padStart(9)} ${'engine CPU'.padStart(11)} ${'naive CPU'.padStart(11)}`;
    console.log(header);
    const results: Record<string, { p95: number; baseP95: number }> = {};
    for (const c of cases) {
      // Warm both paths once.
      const first = await engine.search(c.query(0));
      await baseline(handle, engine, c.query(0));
      const mine: Timing[] = [];
      const naive: Timing[] = [];
      for (let i = 0; i < RUNS; i++) {
        mine.push(await time(pids, () => engine.search(c.query(i))));
        naive.push(await time(pids, () => baseline(handle, engine, c.query(i))));
      }
      const walls = (ts: Timing[]) => ts.map((t) => t.wall);
      const cpu = (ts: Timing[]) => (ts.every((t) => t.cpu !== null) ? fmt(mean(ts.map((t) => t.cpu!))) : 'n/a');
      const p95 = percentile(walls(mine), 95);
      const baseP95 = percentile(walls(naive), 95);
      results[c.name] = { p95, baseP95 };
      const matches = `${first.total}${first.totalCapped ? '+' : ''}`;
      console.log(
        `${c.name.padEnd(44)} ${matches.padStart(9)} ${fmt(percentile(walls(mine), 50)).padStart(11)} ${fmt(p95).padStart(11)} ${fmt(percentile(walls(naive), 50)).padStart(11)} ${fmt(baseP95).padStart(11)} ${(p95 / baseP95).toFixed(3).padStart(9)} ${cpu(mine).padStart(11)} ${cpu(naive).padStart(11)}`,
      );
    }
    if (flag('explain')) {
      // The plans behind the two targets, on the same data: where the time goes, with buffer counts.
      for (const c of [cases[1], cases[3]]) console.log(`\nEXPLAIN (ANALYZE, BUFFERS) — ${c.name}\n${await engine.explainSearch(c.query(0))}`);
    }
    const frequent = results[cases[1].name];
    const chinese = results[cases[3].name];
    console.log('\nTargets:');
    console.log(`  frequent-term faceted p95 ≤ 0.3 × naive p95: ${(frequent.p95 / frequent.baseP95).toFixed(3)} ${frequent.p95 <= 0.3 * frequent.baseP95 ? 'met' : 'NOT met'}`);
    console.log(`  frequent-term faceted p95 ≤ 300 ms: ${fmt(frequent.p95)} ${frequent.p95 <= 300 ? 'met' : 'NOT met'}`);
    console.log(`  Chinese word p95 ≤ 30 ms: ${fmt(chinese.p95)} ${chinese.p95 <= 30 ? 'met' : 'NOT met'}`);
  } finally {
    setDatabase(undefined);
    await handle.close();
    if (!flag('keep')) await admin.unsafe(`DROP DATABASE IF EXISTS "${BENCH_DB}" WITH (FORCE)`);
    await admin.end();
  }
}

await main();
