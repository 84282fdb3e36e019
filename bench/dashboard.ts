// npm run bench:dashboard [-- --needs 100000 --volunteers 20000 --runs 15 --keep --parts]
// A street of ten communities with 100,000 needs, 20,000 volunteers with a year of service hours, and a year of
// ledger entries (donations, grants, matches, disbursements), on the PostgreSQL server named by DATABASE_URL, in a
// database of its own (created and dropped). Prints the dashboard service's server time (p50/p95) against the same
// figures computed by one direct SQL query each, measured in the same run, and checks that both agree.
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { randomUUID } from 'node:crypto';
import { openDatabase, rows, setDatabase, type DatabaseHandle } from '../db/client';
import { migrate } from '../db/migrate';
import { dashboardFigures, dashboardParts } from '../app/stats/dashboard.server';
import { defaultPeriod, endOf, startOf } from '../app/stats/period';
import { resolveScope } from '../app/stats/scope.server';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const NEEDS = option('needs', 100_000);
const VOLUNTEERS = option('volunteers', 20_000);
const RUNS = option('runs', 15);
const COMMUNITIES = 10;
const GRIDS = 25;
const BENCH_DB = `fivefold_bench_dashboard_${process.pid}`;

const base = process.env.DATABASE_URL;
if (!base) {
  console.error('bench:dashboard needs DATABASE_URL (a PostgreSQL server); it creates and drops a database of its own.');
  process.exit(2);
}

async function seed(handle: DatabaseHandle) {
  const db = handle.db;
  const street = randomUUID();
  const admin = randomUUID();
  await db.execute(sql`select setseed(0.42)`);
  await db.execute(sql`insert into places (id, type, name_zh, name_en, path, depth) values (${street}, 'street', '基准街道', 'Bench Street', ${`/${street}/`}, 0)`);
  await db.execute(sql`insert into users (id, name) values (${admin}, 'bench')`);
  await db.execute(sql`insert into places (id, type, parent_id, name_zh, name_en, path, depth)
    select id, 'community', ${street}::uuid, '社区' || i, 'Community ' || i, ${`/${street}/`} || id || '/', 1
    from (select gen_random_uuid() as id, i from generate_series(1, ${COMMUNITIES}) i) c`);
  await db.execute(sql`insert into places (id, type, parent_id, name_zh, name_en, path, depth)
    select gen_random_uuid(), 'grid', c.id, c.name_zh || '网格' || g, c.name_en || ' grid ' || g, c.path, 2
    from places c, generate_series(1, ${GRIDS}) g where c.type = 'community'`);
  await db.execute(sql`update places set path = path || id || '/' where type = 'grid'`);
  const t0 = Date.now();
  // Needs over the last year, in every status, with response and close times; a fifth of the closed ones rated.
  await db.execute(sql`insert into needs (community_id, grid_id, place_id, title, public_summary, category, channel, status, raised_at, first_response_due_at, resolution_due_at, first_responded_at, resolved_at, closed_at)
    select g.parent_id, g.id, g.id, 'need ' || s.i, 'need ' || s.i, (array['meals','elderly_care','child_care','health','repair','legal','housing','other'])[1 + floor(random() * 8)::int], 'online',
           st.status::need_status, s.raised, s.raised + interval '24 hours', s.raised + interval '7 days',
           case when st.status <> 'raised' then s.raised + random() * interval '48 hours' end,
           case when st.status in ('resolved','closed','rated') then s.raised + random() * interval '10 days' end,
           case when st.status in ('closed','rated') then s.raised + interval '10 days' + random() * interval '5 days' end
    from (select i, now() - random() * interval '365 days' as raised, 1 + floor(random() * ${COMMUNITIES * GRIDS})::int as gi, random() as r from generate_series(1, ${NEEDS}) i) s
    join (select id, parent_id, row_number() over (order by id) as n from places where type = 'grid') g on g.n = s.gi
    cross join lateral (select case when s.r < 0.08 then 'raised' when s.r < 0.16 then 'triaged' when s.r < 0.24 then 'dispatched' when s.r < 0.32 then 'in_progress'
                                    when s.r < 0.42 then 'resolved' when s.r < 0.62 then 'closed' when s.r < 0.86 then 'rated' when s.r < 0.93 then 'rejected' when s.r < 0.97 then 'out_of_scope' else 'merged' end as status) st`);
  await db.execute(sql`insert into need_ratings (need_id, stars) select id, 1 + floor(random() * 5)::int from needs where status = 'rated'`);
  // Volunteers (an account and a resource-list entry each), 170 teams, and a year of service hours.
  await db.execute(sql`insert into users (id, name) select gen_random_uuid(), 'volunteer ' || i from generate_series(1, ${VOLUNTEERS}) i`);
  await db.execute(sql`insert into resources (kind, name, place_id, place_path, community_id, grid_id, owner_user_id)
    select 'volunteer', u.name, g.id, g.path, g.parent_id, g.id, u.id
    from (select id, name, row_number() over (order by id) as n from users where name like 'volunteer %') u
    join (select id, path, parent_id, row_number() over (order by id) as n from places where type = 'grid') g on g.n = 1 + (u.n % ${COMMUNITIES * GRIDS})`);
  await db.execute(sql`insert into resources (kind, name, place_id, place_path, community_id)
    select 'team', c.name_zh || '志愿队' || t, c.id, c.path, c.id from places c, generate_series(1, 17) t where c.type = 'community'`);
  await db.execute(sql`insert into service_hours (user_id, organisation_id, place_id, place_path, served_on, half_hours, source, status)
    select v.owner_user_id, case when random() < 0.5 then (select id from resources where kind = 'team' and community_id = v.community_id limit 1) end,
           v.community_id, (select path from places where id = v.community_id), to_char(now() - random() * interval '365 days', 'YYYY-MM-DD'), 1 + floor(random() * 8)::int, 'attendance',
           (case when random() < 0.9 then 'certified' else 'pending' end)::service_hours_status
    from resources v, generate_series(1, 8) k where v.kind = 'volunteer'`);
  // Funds: one per community, a matching pool at the street, and 200 projects each with a fund of its own.
  await db.execute(sql`insert into funds (kind, place_id, name_zh, name_en, holder_zh, holder_en) select 'community', id, name_zh || '基金', name_en || ' fund', '居委会', 'Committee' from places where type = 'community'`);
  await db.execute(sql`insert into funds (kind, place_id, name_zh, name_en, holder_zh, holder_en) values ('matching', ${street}, '配捐池', 'Matching pool', '区民政局', 'District')`);
  await db.execute(sql`insert into projects (place_id, place_path, title, category, state, budget_minor, created_by)
    select c.id, c.path, c.name_zh || '项目' || p, 'meals', 'in_progress', (20 + floor(random() * 200)::int) * 100000, ${admin}::uuid from places c, generate_series(1, 20) p where c.type = 'community'`);
  await db.execute(sql`with f as (insert into funds (kind, place_id, name_zh, name_en, holder_zh, holder_en, project_name)
      select 'project', place_id, title, title, '项目方', 'Project', id::text from projects returning id, project_name)
    update projects p set fund_id = f.id from f where f.project_name = p.id::text`);
  await db.execute(sql`insert into ledger_accounts (kind, fund_id, currency)
    select k.kind::ledger_account_kind, f.id, 'CNY' from funds f cross join (values ('fund'), ('donations'), ('grants'), ('disbursed')) k(kind) where f.kind <> 'matching'
    union all select k.kind::ledger_account_kind, f.id, 'CNY' from funds f cross join (values ('matching_pool'), ('grants')) k(kind) where f.kind = 'matching'`);
  // A year of movements: the amount rides in the memo for the entries below, then the entries balance each group.
  await db.execute(sql`insert into ledger_groups (kind, occurred_at, external_id, fund_id, memo)
    select 'donation', now() - random() * interval '360 days', 'bench:d:' || i, f.id, (100 + floor(random() * 50000)::int)::text
    from generate_series(1, 40000) i join (select id, row_number() over (order by id) as n from funds where kind <> 'matching') f on f.n = 1 + i % ${COMMUNITIES + 200}`);
  await db.execute(sql`insert into ledger_groups (kind, occurred_at, external_id, fund_id, memo)
    select 'grant', now() - interval '364 days' + (i * interval '30 days'), 'bench:g:' || i, f.id, '100000000' from generate_series(1, 12) i, funds f where f.kind = 'matching'`);
  await db.execute(sql`insert into ledger_groups (kind, occurred_at, external_id, fund_id, memo)
    select 'disbursement', now() - random() * interval '300 days', 'bench:x:' || i, f.id, (100 + floor(random() * 20000)::int)::text
    from generate_series(1, 4000) i join (select id, row_number() over (order by id) as n from funds where kind = 'project') f on f.n = 1 + i % 200`);
  await db.execute(sql`insert into ledger_groups (kind, occurred_at, external_id, fund_id, memo)
    select 'match', now() - random() * interval '300 days', 'bench:m:' || i, f.id, (100 + floor(random() * 20000)::int)::text
    from generate_series(1, 8000) i join (select id, row_number() over (order by id) as n from funds where kind = 'project') f on f.n = 1 + i % 200`);
  const legs = (kind: string, debit: string, credit: string, creditFund = sql`g.fund_id`) =>
    sql`insert into ledger_entries (group_id, account_id, amount_minor, currency)
        select g.id, d.id, g.memo::bigint, 'CNY' from ledger_groups g join ledger_accounts d on d.fund_id = g.fund_id and d.kind = ${debit} where g.kind = ${kind}
        union all
        select g.id, c.id, -g.memo::bigint, 'CNY' from ledger_groups g join ledger_accounts c on c.fund_id = ${creditFund} and c.kind = ${credit} where g.kind = ${kind}`;
  await db.transaction(async (tx) => {
    await tx.execute(legs('donation', 'fund', 'donations'));
    await tx.execute(legs('grant', 'matching_pool', 'grants'));
    await tx.execute(legs('match', 'fund', 'matching_pool', sql`(select id from funds where kind = 'matching')`));
  });
  // A disbursement debits 'disbursed' and credits the fund.
  await db.execute(sql`insert into ledger_entries (group_id, account_id, amount_minor, currency)
    select g.id, a.id, case when a.kind = 'disbursed' then g.memo::bigint else -g.memo::bigint end, 'CNY'
    from ledger_groups g join ledger_accounts a on a.fund_id = g.fund_id and a.kind in ('disbursed', 'fund') where g.kind = 'disbursement'`);
  await db.execute(sql`analyze`);
  const [counts] = await rows<Record<string, number>>(
    db,
    sql`select (select count(*) from needs)::int as needs, (select count(*) from resources where kind = 'volunteer')::int as volunteers,
               (select count(*) from service_hours)::int as hours, (select count(*) from ledger_entries)::int as entries`,
  );
  console.log(`seeded in ${((Date.now() - t0) / 1000).toFixed(0)} s: ${counts.needs} needs, ${counts.volunteers} volunteers, ${counts.hours} hours records, ${counts.entries} ledger entries`);
  return street;
}

/** The same figures, one plain SQL query each: what a person would write by hand against the tables. */
async function direct(db: DatabaseHandle['db'], streetPath: string, from: Date, to: Date, fromDay: string, toDay: string) {
  const needsIn = sql`community_id in (select id from places where type = 'community' and path like ${`${streetPath}%`}) and status <> 'merged' and raised_at >= ${from.toISOString()}::timestamptz and raised_at < ${to.toISOString()}::timestamptz`;
  const due = sql`(case when status = 'raised' then least(first_response_due_at, resolution_due_at) when status in ('triaged','dispatched','in_progress') then resolution_due_at end)`;
  const q = [
    sql`select count(*) as total, count(*) filter (where status in ('raised','triaged','dispatched','in_progress')) as open, count(*) filter (where ${due} < now()) as overdue,
               count(*) filter (where now() > ${due} + (${due} - raised_at)) as very_overdue,
               count(*) filter (where status in ('resolved','closed','rated')) as fulfilled, count(*) filter (where status in ('rejected','out_of_scope')) as declined from needs where ${needsIn}`,
    sql`select percentile_cont(0.5) within group (order by extract(epoch from first_responded_at - raised_at)) from needs where ${needsIn}`,
    sql`select percentile_cont(0.5) within group (order by extract(epoch from closed_at - raised_at)) from needs where ${needsIn}`,
    sql`select category, count(*) filter (where status in ('raised','triaged','dispatched','in_progress')), count(*) filter (where ${due} < now()) from needs where ${needsIn} group by category`,
    sql`select grid_id, count(*) filter (where status in ('raised','triaged','dispatched','in_progress')), count(*) filter (where ${due} < now()) from needs where ${needsIn} group by grid_id`,
    sql`select to_char(date_trunc('month', raised_at at time zone 'Asia/Shanghai'), 'YYYY-MM-DD'), count(*) from needs where ${needsIn} group by 1`,
    sql`select count(*), avg(stars) from need_ratings where need_id in (select id from needs where ${needsIn})`,
    sql`select sum(half_hours) / 2.0, count(distinct user_id) from service_hours where status = 'certified' and place_path like ${`${streetPath}%`} and served_on between ${fromDay} and ${toDay}`,
    sql`select count(*) from resources where kind = 'team' and status = 'active' and place_path like ${`${streetPath}%`}`,
    sql`select a.kind, sum(e.amount_minor) from ledger_entries e join ledger_accounts a on a.id = e.account_id join ledger_groups g on g.id = e.group_id
        where a.fund_id in (select f.id from funds f join places p on p.id = f.place_id where p.path like ${`${streetPath}%`}) and g.occurred_at >= ${from.toISOString()}::timestamptz and g.occurred_at < ${to.toISOString()}::timestamptz group by a.kind`,
    sql`select p.id, p.budget_minor, sum(e.amount_minor) from projects p left join ledger_accounts a on a.fund_id = p.fund_id and a.kind = 'disbursed' left join ledger_entries e on e.account_id = a.id where p.place_path like ${`${streetPath}%`} group by p.id`,
  ];
  const results = [];
  for (const query of q) results.push(await rows(db, query));
  return results;
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function main() {
  const admin = postgres(base!, { max: 1, onnotice: () => {} });
  const u = new URL(base!);
  u.pathname = `/${BENCH_DB}`;
  await admin.unsafe(`CREATE DATABASE "${BENCH_DB}"`);
  const handle = await openDatabase({ url: u.toString(), max: 6 });
  setDatabase(handle);
  try {
    await migrate(handle);
    const streetId = await seed(handle);
    const scope = await resolveScope(streetId);
    if (typeof scope === 'string') throw new Error(scope);
    const now = new Date();
    const period = defaultPeriod(now);
    const from = startOf(period.from);
    const to = endOf(period);
    // Warm both paths once (plans, caches), then alternate so that load on the shared machine hits both alike.
    const check = await dashboardFigures(scope, period, now);
    const [needTotals] = (await direct(handle.db, scope.place.path, from, to, period.from, period.to))[0] as { total: string }[];
    if (Number(needTotals.total) !== check.needs.total) throw new Error(`service and direct queries disagree: ${check.needs.total} vs ${needTotals.total}`);
    const service: number[] = [];
    const baseline: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      let t = performance.now();
      await dashboardFigures(scope, period, now);
      service.push(performance.now() - t);
      t = performance.now();
      await direct(handle.db, scope.place.path, from, to, period.from, period.to);
      baseline.push(performance.now() - t);
    }
    const row = (name: string, xs: number[]) => `${name.padEnd(32)} p50 ${pct(xs, 50).toFixed(0).padStart(6)} ms   p95 ${pct(xs, 95).toFixed(0).padStart(6)} ms`;
    console.log(`street dashboard, ${period.from} to ${period.to}, ${RUNS} runs each`);
    console.log(row('dashboard service (all figures)', service));
    console.log(row('direct SQL, one query each', baseline));
    console.log(`ratio service / direct: p50 ${(pct(service, 50) / pct(baseline, 50)).toFixed(2)}   p95 ${(pct(service, 95) / pct(baseline, 95)).toFixed(2)}`);
    console.log(`target: p95 <= 500 ms and <= 2x direct — ${pct(service, 95) <= 500 && pct(service, 95) <= 2 * pct(baseline, 95) ? 'met' : 'NOT met'}`);
    if (args.includes('--parts')) {
      // Each of the service's statements alone (they run side by side in the dashboard), to see where the time goes.
      const parts: Record<string, () => Promise<unknown>> = {
        needs: () => dashboardParts.needs(scope, period, now),
        ratings: () => dashboardParts.ratings(scope, period),
        hours: () => dashboardParts.hours(scope, period),
        money: () => dashboardParts.money(scope, period),
        projects: () => dashboardParts.projects(scope),
      };
      for (const [name, run] of Object.entries(parts)) {
        const xs: number[] = [];
        for (let i = 0; i < RUNS; i++) {
          const t = performance.now();
          await run();
          xs.push(performance.now() - t);
        }
        console.log(row(`  part: ${name}`, xs));
      }
    }
  } finally {
    await handle.close();
    setDatabase(undefined);
    if (!args.includes('--keep')) await admin.unsafe(`DROP DATABASE IF EXISTS "${BENCH_DB}" WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
