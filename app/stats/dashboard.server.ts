// The dashboard figures of a community or street (optionally one grid) over a period: needs, response times,
// fulfilment and satisfaction, volunteer hours, money from the ledger (never stored balances), budget against
// actual per project, and trends. One SQL statement per group of figures; the private part (overdue needs by
// name of whoever answers for them) only when asked for.
import { sql, type SQL } from 'drizzle-orm';
import { db, rows } from '../../db/client';
import { needs } from '../../db/schema';
import { overdueSql } from '../needs/needs.server';
import { openStatuses } from '../needs/status';
import { publicProjectStates } from '../projects/values';
import { bucketsOf, endOf, percent, startOf, type Period } from './period';
import type { StatsScope } from './scope.server';

/** Statuses that count as fulfilled: the work was done (and maybe confirmed and rated). */
export const fulfilledStatuses = ['resolved', 'closed', 'rated'] as const;
/** Statuses of needs answered without the work: rejected or out of scope (with an honest reply). */
export const declinedStatuses = ['rejected', 'out_of_scope'] as const;

export interface NeedCounts {
  total: number;
  open: number;
  overdue: number;
  veryOverdue: number;
  fulfilled: number;
  declined: number;
}

export interface DashboardFigures {
  needs: NeedCounts & {
    fulfilmentRate: number | null;
    /** Median hours from raising to the first response / to closing, over the needs that got there. */
    medianFirstResponseHours: number | null;
    medianCloseHours: number | null;
    byCategory: (NeedCounts & { category: string })[];
    byGrid: (NeedCounts & { gridId: string | null; nameZh: string | null; nameEn: string | null })[];
  };
  satisfaction: { ratings: number; averageStars: number | null; satisfied: number; rate: number | null };
  volunteers: { hours: number; activeVolunteers: number; registeredVolunteers: number; teams: number; activeTeams: number };
  money: { currency: 'CNY'; raisedMinor: number; donatedMinor: number; grantedMinor: number; matchedMinor: number; disbursedMinor: number; inKindMinor: number };
  projects: { id: string; title: string; state: string; budgetMinor: number; receivedMinor: number; disbursedMinor: number; spentPercent: number | null }[];
  trend: { bucket: string; raised: number; fulfilled: number; hours: number; raisedMinor: number; matchedMinor: number; disbursedMinor: number }[];
}

export interface OverdueNeed {
  id: string;
  publicSummary: string;
  category: string;
  gridNameZh: string | null;
  gridNameEn: string | null;
  dueAt: Date;
  responsibleName: string | null;
}

const inList = (values: readonly string[]) => sql.join(values.map((v) => sql`${v}`), sql`, `);
const n = (v: unknown) => Number(v ?? 0);
const hoursOf = (seconds: unknown) => (seconds === null || seconds === undefined ? null : Math.round((Number(seconds) / 3600) * 10) / 10);

// The unit is written into the statement (it is one of two known words) so that every mention of the bucket is
// the same expression, as GROUP BY and grouping() require.
function bucketSql(column: SQL, period: Period) {
  return sql`to_char(date_trunc(${sql.raw(period.interval === 'week' ? "'week'" : "'month'")}, ${column}), 'YYYY-MM-DD')`;
}

/** The needs of the scope raised in the period (merged duplicates are not needs of their own). */
function needsWhere(scope: StatsScope, period: Period) {
  return sql.join(
    [
      sql`${needs.communityId} in (${inList(scope.communityIds)})`,
      scope.grid ? sql`${needs.gridId} = ${scope.grid.id}` : undefined,
      sql`${needs.status} <> 'merged'`,
      sql`${needs.raisedAt} >= ${startOf(period.from).toISOString()}::timestamptz`,
      sql`${needs.raisedAt} < ${endOf(period).toISOString()}::timestamptz`,
    ].filter((c): c is SQL => Boolean(c)),
    sql` and `,
  );
}

function countsOf(r: Record<string, unknown>): NeedCounts {
  return { total: n(r.total), open: n(r.open), overdue: n(r.overdue), veryOverdue: n(r.very_overdue), fulfilled: n(r.fulfilled), declined: n(r.declined) };
}

async function needFigures(scope: StatsScope, period: Period, now: Date) {
  if (!scope.communityIds.length) return { rows: [] as Record<string, unknown>[] };
  const local = sql`(${needs.raisedAt} at time zone 'Asia/Shanghai')`;
  // One scan, four groupings: the whole scope, by category, by grid and by raising bucket. Plain counts let
  // PostgreSQL aggregate the groupings by hashing; the medians (wanted for the whole scope only) are an ordered-set
  // aggregate that would force a sort per grouping, so they come from a second statement run alongside.
  const [found, [medians]] = await Promise.all([
    rows<Record<string, unknown>>(
      db(),
      sql`select grouping(${needs.category}) as g_category, grouping(${needs.gridId}) as g_grid, grouping(${bucketSql(local, period)}) as g_bucket,
                 ${needs.category} as category, ${needs.gridId} as grid_id, ${bucketSql(local, period)} as bucket,
                 count(*)::int as total,
                 count(*) filter (where ${needs.status} in (${inList(openStatuses)}))::int as open,
                 count(*) filter (where ${overdueSql('overdue', now)})::int as overdue,
                 count(*) filter (where ${overdueSql('very_overdue', now)})::int as very_overdue,
                 count(*) filter (where ${needs.status} in (${inList(fulfilledStatuses)}))::int as fulfilled,
                 count(*) filter (where ${needs.status} in (${inList(declinedStatuses)}))::int as declined
          from ${needs}
          where ${needsWhere(scope, period)}
          group by grouping sets ((${needs.category}), (${needs.gridId}), (${bucketSql(local, period)}), ())`,
    ),
    rows<Record<string, unknown>>(
      db(),
      sql`select percentile_cont(0.5) within group (order by extract(epoch from (${needs.firstRespondedAt} - ${needs.raisedAt}))) as median_response_s,
                 percentile_cont(0.5) within group (order by extract(epoch from (${needs.closedAt} - ${needs.raisedAt}))) as median_close_s
          from ${needs}
          where ${needsWhere(scope, period)}`,
    ),
  ]);
  const all = found.find((r) => n(r.g_category) === 1 && n(r.g_grid) === 1 && n(r.g_bucket) === 1);
  if (all) Object.assign(all, { median_response_s: medians?.median_response_s ?? null, median_close_s: medians?.median_close_s ?? null });
  return { rows: found };
}

async function ratingFigures(scope: StatsScope, period: Period) {
  if (!scope.communityIds.length) return { ratings: 0, averageStars: null, satisfied: 0, rate: null };
  const [r] = await rows<Record<string, unknown>>(
    db(),
    sql`select count(*)::int as ratings, avg(r.stars)::float8 as avg_stars, count(*) filter (where r.stars >= 4)::int as satisfied
        from need_ratings r join ${needs} on ${needs.id} = r.need_id
        where ${needsWhere(scope, period)}`,
  );
  const ratings = n(r?.ratings);
  return {
    ratings,
    averageStars: r?.avg_stars === null || r?.avg_stars === undefined ? null : Math.round(Number(r.avg_stars) * 100) / 100,
    satisfied: n(r?.satisfied),
    rate: percent(n(r?.satisfied), ratings),
  };
}

async function hourFigures(scope: StatsScope, period: Period) {
  const path = scope.grid?.path ?? scope.place.path;
  const bucket = bucketSql(sql`h.served_on::date`, period);
  const [byBucket, [registered]] = await Promise.all([
    rows<Record<string, unknown>>(
      db(),
      sql`select grouping(${bucket}) as g_bucket, ${bucket} as bucket, coalesce(sum(h.half_hours), 0)::int as half_hours,
                 count(distinct h.user_id)::int as volunteers,
                 count(distinct h.organisation_id) filter (where r.kind = 'team')::int as teams
          from service_hours h left join resources r on r.id = h.organisation_id
          where h.place_path like ${`${path}%`} and h.status = 'certified' and h.served_on >= ${period.from} and h.served_on <= ${period.to}
          group by grouping sets ((${bucket}), ())`,
    ),
    rows<Record<string, unknown>>(
      db(),
      sql`select count(*) filter (where kind = 'volunteer')::int as volunteers, count(*) filter (where kind = 'team')::int as teams
          from resources where place_path like ${`${path}%`} and status = 'active' and kind in ('volunteer', 'team')`,
    ),
  ]);
  const total = byBucket.find((r) => n(r.g_bucket) === 1);
  return {
    totals: {
      hours: n(total?.half_hours) / 2,
      activeVolunteers: n(total?.volunteers),
      registeredVolunteers: n(registered?.volunteers),
      teams: n(registered?.teams),
      activeTeams: n(total?.teams),
    },
    byBucket: new Map(byBucket.filter((r) => n(r.g_bucket) === 0).map((r) => [String(r.bucket), n(r.half_hours) / 2])),
  };
}

/** Money of the funds held at the place or below, from ledger entries dated in the period. */
async function moneyFigures(scope: StatsScope, period: Period) {
  const bucket = bucketSql(sql`(g.occurred_at at time zone 'Asia/Shanghai')`, period);
  const found = await rows<Record<string, unknown>>(
    db(),
    sql`select ${bucket} as bucket,
               coalesce(-sum(e.amount_minor) filter (where a.kind = 'donations'), 0)::text as donated,
               coalesce(-sum(e.amount_minor) filter (where a.kind = 'grants'), 0)::text as granted,
               coalesce(sum(e.amount_minor) filter (where g.kind = 'match' and e.amount_minor > 0 and a.kind in ('fund', 'matching_pool')), 0)::text as matched,
               coalesce(sum(e.amount_minor) filter (where a.kind = 'disbursed'), 0)::text as disbursed,
               coalesce(-sum(e.amount_minor) filter (where a.kind = 'in_kind_gifts'), 0)::text as in_kind
        from ledger_entries e
        join ledger_groups g on g.id = e.group_id
        join ledger_accounts a on a.id = e.account_id
        join funds f on f.id = a.fund_id
        join places p on p.id = f.place_id
        where p.path like ${`${scope.place.path}%`} and a.currency = 'CNY'
          and g.occurred_at >= ${startOf(period.from).toISOString()}::timestamptz and g.occurred_at < ${endOf(period).toISOString()}::timestamptz
        group by 1`,
  );
  const byBucket = new Map(found.map((r) => [String(r.bucket), { donated: n(r.donated), granted: n(r.granted), matched: n(r.matched), disbursed: n(r.disbursed), inKind: n(r.in_kind) }]));
  const sum = (k: 'donated' | 'granted' | 'matched' | 'disbursed' | 'inKind') => [...byBucket.values()].reduce((s, b) => s + b[k], 0);
  return {
    totals: { currency: 'CNY' as const, raisedMinor: sum('donated') + sum('granted'), donatedMinor: sum('donated'), grantedMinor: sum('granted'), matchedMinor: sum('matched'), disbursedMinor: sum('disbursed'), inKindMinor: sum('inKind') },
    byBucket,
  };
}

/**
 * Budget against actual, to date, for the public projects of the place: what reached the project's own fund, and
 * what was paid out for it — from its own fund, or for one of its milestones from another fund (a venture fund).
 */
async function projectFigures(scope: StatsScope) {
  const found = await rows<Record<string, unknown>>(
    db(),
    // Milestone payments from other funds are gathered once (materialised), not looked up per project: there is no
    // index from ledger groups to disbursements, and a per-project lookup scanned every group each time.
    sql`with linked as materialized (
          select md.project_id, a.fund_id, e.amount_minor
          from milestone_disbursements md
          join ledger_groups g on g.disbursement_id = md.disbursement_id
          join ledger_entries e on e.group_id = g.id
          join ledger_accounts a on a.id = e.account_id and a.kind = 'disbursed'
        )
        select p.id, p.title, p.state, p.budget_minor::text as budget,
               (select coalesce(sum(e.amount_minor), 0) from ledger_entries e join ledger_accounts a on a.id = e.account_id
                where a.fund_id = p.fund_id and a.kind in ('fund', 'matching_pool') and e.amount_minor > 0)::text as received,
               ((select coalesce(sum(e.amount_minor), 0) from ledger_entries e join ledger_accounts a on a.id = e.account_id where a.fund_id = p.fund_id and a.kind = 'disbursed')
                + (select coalesce(sum(l.amount_minor), 0) from linked l where l.project_id = p.id and l.fund_id is distinct from p.fund_id))::text as disbursed
        from projects p
        where p.place_path like ${`${scope.place.path}%`} and p.state in (${inList(publicProjectStates)})
        order by p.created_at, p.id
        limit 200`,
  );
  return found.map((r) => ({
    id: String(r.id),
    title: String(r.title),
    state: String(r.state),
    budgetMinor: n(r.budget),
    receivedMinor: n(r.received),
    disbursedMinor: n(r.disbursed),
    spentPercent: percent(n(r.disbursed), n(r.budget)),
  }));
}

export async function dashboardFigures(scope: StatsScope, period: Period, now = new Date()): Promise<DashboardFigures> {
  const [needRows, satisfaction, hours, money, projects] = await Promise.all([needFigures(scope, period, now), ratingFigures(scope, period), hourFigures(scope, period), moneyFigures(scope, period), projectFigures(scope)]);
  const all = needRows.rows.filter((r) => n(r.g_category) === 1 && n(r.g_grid) === 1 && n(r.g_bucket) === 1)[0];
  const counts = all ? countsOf(all) : countsOf({});
  const gridNames = new Map(scope.grids.map((g) => [g.id, g]));
  const byBucket = new Map(needRows.rows.filter((r) => n(r.g_bucket) === 0).map((r) => [String(r.bucket), countsOf(r)]));
  return {
    needs: {
      ...counts,
      fulfilmentRate: percent(counts.fulfilled, counts.total),
      medianFirstResponseHours: all ? hoursOf(all.median_response_s) : null,
      medianCloseHours: all ? hoursOf(all.median_close_s) : null,
      byCategory: needRows.rows
        .filter((r) => n(r.g_category) === 0)
        .map((r) => ({ category: String(r.category), ...countsOf(r) }))
        .sort((a, b) => b.total - a.total || a.category.localeCompare(b.category)),
      byGrid: needRows.rows
        .filter((r) => n(r.g_grid) === 0)
        .map((r) => {
          const id = r.grid_id ? String(r.grid_id) : null;
          const g = id ? gridNames.get(id) : undefined;
          return { gridId: id, nameZh: g?.nameZh ?? null, nameEn: g?.nameEn ?? null, ...countsOf(r) };
        })
        .sort((a, b) => (a.nameZh ?? '\uffff').localeCompare(b.nameZh ?? '\uffff') || (a.gridId ?? '').localeCompare(b.gridId ?? '')),
    },
    satisfaction,
    volunteers: hours.totals,
    money: money.totals,
    projects,
    trend: bucketsOf(period).map((bucket) => ({
      bucket,
      raised: byBucket.get(bucket)?.total ?? 0,
      fulfilled: byBucket.get(bucket)?.fulfilled ?? 0,
      hours: hours.byBucket.get(bucket) ?? 0,
      raisedMinor: (money.byBucket.get(bucket)?.donated ?? 0) + (money.byBucket.get(bucket)?.granted ?? 0),
      matchedMinor: money.byBucket.get(bucket)?.matched ?? 0,
      disbursedMinor: money.byBucket.get(bucket)?.disbursed ?? 0,
    })),
  };
}

/** Staff only: the overdue needs of the scope (all of them, whatever the period), most overdue first. */
export async function overdueNeeds(scope: StatsScope, now = new Date(), limit = 50): Promise<OverdueNeed[]> {
  if (!scope.communityIds.length) return [];
  const found = await rows<Record<string, unknown>>(
    db(),
    sql`select ${needs.id} as id, ${needs.publicSummary} as summary, ${needs.category} as category, g.name_zh as grid_zh, g.name_en as grid_en,
               (case when ${needs.status} = 'raised' then least(${needs.firstResponseDueAt}, ${needs.resolutionDueAt}) else ${needs.resolutionDueAt} end) as due_at,
               u.name as responsible
        from ${needs}
        left join places g on g.id = ${needs.gridId}
        left join users u on u.id = ${needs.responsibleUserId}
        where ${needs.communityId} in (${inList(scope.communityIds)}) ${scope.grid ? sql`and ${needs.gridId} = ${scope.grid.id}` : sql``}
          and ${overdueSql('overdue', now)}
        order by 6 asc, ${needs.id}
        limit ${limit}`,
  );
  return found.map((r) => ({
    id: String(r.id),
    publicSummary: String(r.summary),
    category: String(r.category),
    gridNameZh: (r.grid_zh as string | null) ?? null,
    gridNameEn: (r.grid_en as string | null) ?? null,
    dueAt: new Date(r.due_at as string),
    responsibleName: (r.responsible as string | null) ?? null,
  }));
}

/** The dashboard's five statements one by one, for `npm run bench:dashboard -- --parts` (which one costs what). */
export const dashboardParts = {
  needs: (scope: StatsScope, period: Period, now: Date) => needFigures(scope, period, now),
  ratings: (scope: StatsScope, period: Period) => ratingFigures(scope, period),
  hours: (scope: StatsScope, period: Period) => hourFigures(scope, period),
  money: (scope: StatsScope, period: Period) => moneyFigures(scope, period),
  projects: (scope: StatsScope) => projectFigures(scope),
};
