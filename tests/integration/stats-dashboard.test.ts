// Every dashboard figure on the demo street equals the same figure computed here by an independent SQL query
// (written apart from the service: subqueries instead of joins, medians taken in JavaScript).
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db, rows } from '../../db/client';
import { places } from '../../db/schema';
import { seedDemo } from '../../db/seed/demo';
import { dashboardFigures, overdueNeeds } from '../../app/stats/dashboard.server';
import { bucketsOf, defaultPeriod, endOf, startOf, type Period } from '../../app/stats/period';
import { resolveScope, type StatsScope } from '../../app/stats/scope.server';
import { useTestDatabase } from '../helpers/db';

useTestDatabase();

const now = new Date();
let street: { id: string; path: string };
let community: { id: string; path: string };
let grid: { id: string; path: string };

beforeAll(async () => {
  await seedDemo();
  [street] = await db().select({ id: places.id, path: places.path }).from(places).where(eq(places.nameZh, '云溪街道'));
  [community] = await db().select({ id: places.id, path: places.path }).from(places).where(eq(places.nameZh, '锦华苑社区'));
  // The grid of the community with the most needs, so the grid figures are not trivially zero.
  const [g] = await rows<{ id: string; path: string }>(
    db(),
    sql`select p.id, p.path from places p where p.type = 'grid' and p.path like ${`${community.path}%`}
        order by (select count(*) from needs n where n.grid_id = p.id) desc, p.id limit 1`,
  );
  grid = g;
});

async function scopeOf(placeId: string, gridId?: string): Promise<StatsScope> {
  const s = await resolveScope(placeId, gridId);
  if (typeof s === 'string') throw new Error(s);
  return s;
}

const median = (xs: number[]) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  const v = s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  return Math.round((v / 3600) * 10) / 10;
};

/** The needs the figures cover, by an independent query: communities found by path, merged ones left out. */
function needSet(placePath: string, period: Period, gridId?: string) {
  return sql`select * from needs where community_id in (select id from places where type = 'community' and path like ${`${placePath}%`})
             and status::text <> 'merged' and raised_at >= ${startOf(period.from).toISOString()}::timestamptz and raised_at < ${endOf(period).toISOString()}::timestamptz
             ${gridId ? sql`and grid_id = ${gridId}` : sql``}`;
}

const due = sql`(case when status::text = 'raised' then least(first_response_due_at, resolution_due_at) when status::text in ('triaged', 'dispatched', 'in_progress') then resolution_due_at end)`;

async function expectedNeeds(placePath: string, period: Period, gridId?: string) {
  const at = now.toISOString();
  const [c] = await rows<Record<string, number>>(
    db(),
    sql`select count(*)::int as total,
               sum(case when status::text in ('raised', 'triaged', 'dispatched', 'in_progress') then 1 else 0 end)::int as open,
               sum(case when ${due} < ${at}::timestamptz then 1 else 0 end)::int as overdue,
               sum(case when ${at}::timestamptz > ${due} + (${due} - raised_at) then 1 else 0 end)::int as very_overdue,
               sum(case when status::text in ('resolved', 'closed', 'rated') then 1 else 0 end)::int as fulfilled,
               sum(case when status::text in ('rejected', 'out_of_scope') then 1 else 0 end)::int as declined
        from (${needSet(placePath, period, gridId)}) s`,
  );
  const times = await rows<{ response: number | null; close: number | null }>(
    db(),
    sql`select extract(epoch from first_responded_at - raised_at)::float8 as response, extract(epoch from closed_at - raised_at)::float8 as close from (${needSet(placePath, period, gridId)}) s`,
  );
  const byCategory = await rows<{ category: string; total: number; open: number; overdue: number }>(
    db(),
    sql`select category, count(*)::int as total, sum(case when status::text in ('raised', 'triaged', 'dispatched', 'in_progress') then 1 else 0 end)::int as open,
               sum(case when ${due} < ${at}::timestamptz then 1 else 0 end)::int as overdue
        from (${needSet(placePath, period, gridId)}) s group by category`,
  );
  const byGrid = await rows<{ grid_id: string | null; total: number; open: number; overdue: number }>(
    db(),
    sql`select grid_id, count(*)::int as total, sum(case when status::text in ('raised', 'triaged', 'dispatched', 'in_progress') then 1 else 0 end)::int as open,
               sum(case when ${due} < ${at}::timestamptz then 1 else 0 end)::int as overdue
        from (${needSet(placePath, period, gridId)}) s group by grid_id`,
  );
  const [ratings] = await rows<{ n: number; avg: number | null; good: number }>(
    db(),
    sql`select count(*)::int as n, avg(stars)::float8 as avg, sum(case when stars >= 4 then 1 else 0 end)::int as good
        from need_ratings where need_id in (select id from (${needSet(placePath, period, gridId)}) s)`,
  );
  const trend = await rows<{ month: string; raised: number; fulfilled: number }>(
    db(),
    sql`select to_char(raised_at at time zone 'Asia/Shanghai', 'YYYY-MM') as month, count(*)::int as raised,
               sum(case when status::text in ('resolved', 'closed', 'rated') then 1 else 0 end)::int as fulfilled
        from (${needSet(placePath, period, gridId)}) s group by 1`,
  );
  return {
    counts: { total: c.total, open: c.open ?? 0, overdue: c.overdue ?? 0, veryOverdue: c.very_overdue ?? 0, fulfilled: c.fulfilled ?? 0, declined: c.declined ?? 0 },
    medianResponse: median(times.filter((t) => t.response !== null).map((t) => Number(t.response))),
    medianClose: median(times.filter((t) => t.close !== null).map((t) => Number(t.close))),
    byCategory,
    byGrid,
    ratings,
    trend,
  };
}

async function expectedHours(path: string, period: Period) {
  const [h] = await rows<{ half: number; people: number }>(
    db(),
    sql`select coalesce(sum(half_hours), 0)::int as half, count(distinct user_id)::int as people from service_hours
        where status::text = 'certified' and place_path like ${`${path}%`} and served_on between ${period.from} and ${period.to}`,
  );
  const [r] = await rows<{ volunteers: number; teams: number }>(
    db(),
    sql`select (select count(*) from resources where kind::text = 'volunteer' and status::text = 'active' and place_path like ${`${path}%`})::int as volunteers,
               (select count(*) from resources where kind::text = 'team' and status::text = 'active' and place_path like ${`${path}%`})::int as teams`,
  );
  return { hours: h.half / 2, people: h.people, volunteers: r.volunteers, teams: r.teams };
}

/** Money by account kind, from entries of funds held at the place or below, dated in the period. */
async function expectedMoney(path: string, period: Period) {
  const entries = (kinds: string[], extra = sql``) =>
    sql`select coalesce(sum(amount_minor), 0)::text from ledger_entries
        where account_id in (select id from ledger_accounts where kind::text in (${sql.join(kinds.map((k) => sql`${k}`), sql`, `)}) and currency = 'CNY'
                             and fund_id in (select id from funds where place_id in (select id from places where path like ${`${path}%`})))
          and group_id in (select id from ledger_groups where occurred_at >= ${startOf(period.from).toISOString()}::timestamptz and occurred_at < ${endOf(period).toISOString()}::timestamptz ${extra})`;
  const [m] = await rows<Record<string, string>>(
    db(),
    sql`select (${entries(['donations'])}) as donations, (${entries(['grants'])}) as grants, (${entries(['disbursed'])}) as disbursed,
               (${entries(['in_kind_gifts'])}) as in_kind, (${entries(['fund', 'matching_pool'], sql`and kind::text = 'match'`)} and amount_minor > 0) as matched`,
  );
  return { donated: -Number(m.donations), granted: -Number(m.grants), disbursed: Number(m.disbursed), inKind: -Number(m.in_kind), matched: Number(m.matched) };
}

describe('the street dashboard on the demo data', () => {
  it('shows the same needs, response times, fulfilment and satisfaction as independent queries', async () => {
    const period = defaultPeriod(now);
    const figures = await dashboardFigures(await scopeOf(street.id), period, now);
    const want = await expectedNeeds(street.path, period);
    expect(want.counts.total).toBeGreaterThan(100);
    expect(want.counts.overdue).toBeGreaterThan(0);
    const { total, open, overdue, veryOverdue, fulfilled, declined } = figures.needs;
    expect({ total, open, overdue, veryOverdue, fulfilled, declined }).toEqual(want.counts);
    expect(figures.needs.fulfilmentRate).toBe(Math.round((want.counts.fulfilled * 100) / want.counts.total));
    expect(figures.needs.medianFirstResponseHours).toBe(want.medianResponse);
    expect(figures.needs.medianCloseHours).toBe(want.medianClose);
    expect(figures.needs.medianCloseHours).not.toBeNull();
    expect(figures.needs.byCategory.map((c) => [c.category, c.total, c.open, c.overdue]).sort()).toEqual(want.byCategory.map((c) => [c.category, c.total, c.open, Number(c.overdue)]).sort());
    expect(figures.needs.byGrid.map((g) => [g.gridId ?? '', g.total, g.open, g.overdue]).sort()).toEqual(want.byGrid.map((g) => [g.grid_id ?? '', g.total, g.open, Number(g.overdue)]).sort());
    expect(want.ratings.n).toBeGreaterThan(10);
    expect(figures.satisfaction.ratings).toBe(want.ratings.n);
    expect(figures.satisfaction.satisfied).toBe(want.ratings.good);
    expect(figures.satisfaction.averageStars).toBe(Math.round(Number(want.ratings.avg) * 100) / 100);
    expect(figures.satisfaction.rate).toBe(Math.round((want.ratings.good * 100) / want.ratings.n));
    const months = new Map(want.trend.map((t) => [t.month, t]));
    expect(figures.trend).toHaveLength(12);
    for (const t of figures.trend) {
      expect([t.bucket.slice(0, 7), t.raised, t.fulfilled]).toEqual([t.bucket.slice(0, 7), months.get(t.bucket.slice(0, 7))?.raised ?? 0, months.get(t.bucket.slice(0, 7))?.fulfilled ?? 0]);
    }
    expect(figures.trend.reduce((s, t) => s + t.raised, 0)).toBe(want.counts.total);
  });

  it('shows the same volunteer hours, volunteers, teams and money as independent queries', async () => {
    const period = defaultPeriod(now);
    const figures = await dashboardFigures(await scopeOf(street.id), period, now);
    const hours = await expectedHours(street.path, period);
    expect(hours.hours).toBeGreaterThan(0);
    expect(figures.volunteers.hours).toBe(hours.hours);
    expect(figures.volunteers.activeVolunteers).toBe(hours.people);
    expect(figures.volunteers.registeredVolunteers).toBe(hours.volunteers);
    expect(figures.volunteers.teams).toBe(hours.teams);
    expect(figures.volunteers.teams).toBeGreaterThan(0);
    const money = await expectedMoney(street.path, period);
    expect(money.donated).toBeGreaterThan(0);
    expect(money.disbursed).toBeGreaterThan(0);
    expect(figures.money).toMatchObject({ donatedMinor: money.donated, grantedMinor: money.granted, raisedMinor: money.donated + money.granted, matchedMinor: money.matched, disbursedMinor: money.disbursed, inKindMinor: money.inKind });
    expect(figures.trend.reduce((s, t) => s + t.hours, 0)).toBe(hours.hours);
    expect(figures.trend.reduce((s, t) => s + t.disbursedMinor, 0)).toBe(money.disbursed);
  });

  it('shows each public project’s budget against what reached its fund and what it paid out', async () => {
    const figures = await dashboardFigures(await scopeOf(street.id), defaultPeriod(now), now);
    const want = await rows<{ id: string; budget: string; disbursed: string; received: string }>(
      db(),
      sql`select p.id, p.budget_minor::text as budget,
                 (select coalesce(sum(amount_minor), 0) from ledger_entries
                  where account_id in (select id from ledger_accounts where kind::text = 'disbursed')
                    and (account_id in (select id from ledger_accounts where fund_id = p.fund_id)
                         or group_id in (select id from ledger_groups where disbursement_id in (select disbursement_id from milestone_disbursements where project_id = p.id))))::text as disbursed,
                 (select coalesce(sum(amount_minor), 0) from ledger_entries where amount_minor > 0 and account_id in (select id from ledger_accounts where fund_id = p.fund_id and kind::text in ('fund', 'matching_pool')))::text as received
          from projects p where p.place_path like ${`${street.path}%`} and p.state::text not in ('draft', 'cancelled')`,
    );
    expect(want.length).toBeGreaterThan(0);
    expect(want.some((p) => Number(p.disbursed) > 0)).toBe(true);
    expect(figures.projects.map((p) => [p.id, p.budgetMinor, p.receivedMinor, p.disbursedMinor]).sort()).toEqual(want.map((p) => [p.id, Number(p.budget), Number(p.received), Number(p.disbursed)]).sort());
  });
});

describe('one community, one grid, by week', () => {
  it('counts only that grid’s needs and hours served there, bucketed by week', async () => {
    const period: Period = { from: new Date(now.getTime() - 180 * 86_400_000).toISOString().slice(0, 10), to: now.toISOString().slice(0, 10), interval: 'week' };
    const figures = await dashboardFigures(await scopeOf(community.id, grid.id), period, now);
    const want = await expectedNeeds(community.path, period, grid.id);
    expect(want.counts.total).toBeGreaterThan(0);
    const { total, open, overdue, veryOverdue, fulfilled, declined } = figures.needs;
    expect({ total, open, overdue, veryOverdue, fulfilled, declined }).toEqual(want.counts);
    expect(figures.needs.byGrid.map((g) => g.gridId)).toEqual([grid.id]);
    expect(figures.needs.medianFirstResponseHours).toBe(want.medianResponse);
    expect(figures.satisfaction.ratings).toBe(want.ratings.n);
    expect(figures.trend).toHaveLength(bucketsOf(period).length);
    expect(figures.trend.every((t) => new Date(`${t.bucket}T00:00:00Z`).getUTCDay() === 1)).toBe(true);
    expect(figures.trend.reduce((s, t) => s + t.raised, 0)).toBe(want.counts.total);
    const hours = await expectedHours(grid.path, period);
    expect(figures.volunteers.hours).toBe(hours.hours);
  });

  it('lists the overdue needs of the grid for staff, most overdue first, with public summaries only', async () => {
    const list = await overdueNeeds(await scopeOf(community.id, grid.id), now, 500);
    const [want] = await rows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from needs where grid_id = ${grid.id} and ${due} < ${now.toISOString()}::timestamptz`,
    );
    expect(list).toHaveLength(want.n);
    for (let i = 1; i < list.length; i++) expect(list[i - 1].dueAt.getTime()).toBeLessThanOrEqual(list[i].dueAt.getTime());
  });

  it('refuses a grid of another community', async () => {
    const [other] = await db().select({ id: places.id }).from(places).where(eq(places.nameZh, '老槐树社区'));
    expect(await resolveScope(other.id, grid.id)).toBe('bad_grid');
    expect(await resolveScope(grid.id)).toBe('not_found');
  });
});
