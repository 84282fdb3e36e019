// Funder reports: for a matching programme or a funding round, money in and out (from the ledger), the projects
// and needs it served, volunteer hours on their shifts, outcomes (milestones) and satisfaction (need ratings).
import { sql } from 'drizzle-orm';
import { db, rows } from '../../db/client';
import { fundTotals } from '../../db/ledger/balances';
import { fulfilledStatuses } from './dashboard.server';

export interface ProjectOutcome {
  id: string;
  title: string;
  state: string;
  delivererName: string | null;
  budgetMinor: number;
  beneficiaryCount: number | null;
  receivedMinor: number;
  disbursedMinor: number;
  /** This programme's matches to the project, or this round's grant. */
  fundedMinor: number;
  needs: number;
  needsFulfilled: number;
  hours: number;
  milestones: number;
  milestonesDone: number;
  averageProgress: number | null;
  ratings: number;
  averageStars: number | null;
}

export interface ReportTotals {
  projects: number;
  needs: number;
  needsFulfilled: number;
  beneficiaries: number;
  hours: number;
  milestones: number;
  milestonesDone: number;
  averageProgress: number | null;
  ratings: number;
  averageStars: number | null;
  satisfied: number;
}

const n = (v: unknown) => Number(v ?? 0);
const list = (ids: string[]) => sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);

/** The outcomes of each project, in the order given; `funded` is what this programme or round gave each one. */
export async function projectOutcomes(projectIds: string[], funded: Map<string, number>): Promise<{ projects: ProjectOutcome[]; totals: ReportTotals }> {
  if (!projectIds.length) return { projects: [], totals: { projects: 0, needs: 0, needsFulfilled: 0, beneficiaries: 0, hours: 0, milestones: 0, milestonesDone: 0, averageProgress: null, ratings: 0, averageStars: null, satisfied: 0 } };
  const fulfilled = sql.join(fulfilledStatuses.map((s) => sql`${s}`), sql`, `);
  const found = await rows<Record<string, unknown>>(
    db(),
    sql`with latest as (
          select m.id, m.project_id, coalesce((select u.percent from milestone_updates u where u.milestone_id = m.id order by u.created_at desc, u.id desc limit 1), 0) as percent
          from project_milestones m where m.project_id in (${list(projectIds)})
        )
        select p.id, p.title, p.state, p.deliverer_name, p.budget_minor::text as budget, p.beneficiary_count,
               (select count(*) from project_needs pn join needs nd on nd.id = pn.need_id where pn.project_id = p.id and nd.status <> 'merged')::int as needs,
               (select count(*) from project_needs pn join needs nd on nd.id = pn.need_id where pn.project_id = p.id and nd.status in (${fulfilled}))::int as needs_fulfilled,
               (select count(*) from need_ratings r join project_needs pn on pn.need_id = r.need_id where pn.project_id = p.id)::int as ratings,
               (select sum(r.stars) from need_ratings r join project_needs pn on pn.need_id = r.need_id where pn.project_id = p.id)::int as stars,
               (select count(*) from need_ratings r join project_needs pn on pn.need_id = r.need_id where pn.project_id = p.id and r.stars >= 4)::int as satisfied,
               (select coalesce(sum(h.half_hours), 0) from service_hours h join shifts s on s.id = h.shift_id where s.project_id = p.id and h.status = 'certified')::int as half_hours,
               (select count(*) from latest l where l.project_id = p.id)::int as milestones,
               (select count(*) from latest l where l.project_id = p.id and l.percent = 100)::int as milestones_done,
               (select sum(l.percent) from latest l where l.project_id = p.id)::int as percent_sum,
               (select coalesce(sum(e.amount_minor), 0) from ledger_entries e join ledger_accounts a on a.id = e.account_id
                where a.fund_id = p.fund_id and a.kind in ('fund', 'matching_pool') and e.amount_minor > 0)::text as received,
               (select coalesce(sum(e.amount_minor), 0) from ledger_entries e join ledger_accounts a on a.id = e.account_id join ledger_groups g on g.id = e.group_id
                where a.kind = 'disbursed' and (a.fund_id = p.fund_id or g.disbursement_id in (select md.disbursement_id from milestone_disbursements md where md.project_id = p.id)))::text as disbursed
        from projects p where p.id in (${list(projectIds)})`,
  );
  const byId = new Map(found.map((r) => [String(r.id), r]));
  const projects = projectIds
    .map((id) => byId.get(id))
    .filter((r): r is Record<string, unknown> => Boolean(r))
    .map((r) => ({
      id: String(r.id),
      title: String(r.title),
      state: String(r.state),
      delivererName: (r.deliverer_name as string | null) ?? null,
      budgetMinor: n(r.budget),
      beneficiaryCount: r.beneficiary_count === null ? null : n(r.beneficiary_count),
      receivedMinor: n(r.received),
      disbursedMinor: n(r.disbursed),
      fundedMinor: funded.get(String(r.id)) ?? 0,
      needs: n(r.needs),
      needsFulfilled: n(r.needs_fulfilled),
      hours: n(r.half_hours) / 2,
      milestones: n(r.milestones),
      milestonesDone: n(r.milestones_done),
      averageProgress: n(r.milestones) ? Math.round(n(r.percent_sum) / n(r.milestones)) : null,
      ratings: n(r.ratings),
      averageStars: n(r.ratings) ? Math.round((n(r.stars) / n(r.ratings)) * 100) / 100 : null,
      satisfied: n(r.satisfied),
      percentSum: n(r.percent_sum),
      stars: n(r.stars),
    }));
  const sum = (k: 'needs' | 'needsFulfilled' | 'hours' | 'milestones' | 'milestonesDone' | 'ratings' | 'satisfied' | 'percentSum' | 'stars') => projects.reduce((s, p) => s + p[k], 0);
  const totals: ReportTotals = {
    projects: projects.length,
    needs: sum('needs'),
    needsFulfilled: sum('needsFulfilled'),
    beneficiaries: projects.reduce((s, p) => s + (p.beneficiaryCount ?? 0), 0),
    hours: sum('hours'),
    milestones: sum('milestones'),
    milestonesDone: sum('milestonesDone'),
    averageProgress: sum('milestones') ? Math.round(sum('percentSum') / sum('milestones')) : null,
    ratings: sum('ratings'),
    averageStars: sum('ratings') ? Math.round((sum('stars') / sum('ratings')) * 100) / 100 : null,
    satisfied: sum('satisfied'),
  };
  return { projects: projects.map(({ percentSum: _p, stars: _s, satisfied: _sat, ...p }) => p), totals };
}

export interface ProgrammeReport {
  kind: 'programme';
  id: string;
  placePath: string;
  nameZh: string;
  nameEn: string;
  funderZh: string;
  funderEn: string;
  status: string;
  currency: string;
  money: { grantedMinor: number; inMinor: number; matchedMinor: number; outMinor: number; balanceMinor: number; giftsMatched: number; giftsConsidered: number };
  projects: ProjectOutcome[];
  totals: ReportTotals;
}

export async function programmeReport(programmeId: string): Promise<ProgrammeReport | null> {
  const [p] = await rows<Record<string, unknown>>(
    db(),
    sql`select id, place_path, name_zh, name_en, funder_zh, funder_en, status, currency, pool_fund_id from matching_programmes where id = ${programmeId}`,
  );
  if (!p) return null;
  const pool = String(p.pool_fund_id);
  const [[granted], matches, named, totals] = await Promise.all([
    rows<{ granted: string }>(db(), sql`select coalesce(-sum(e.amount_minor), 0)::text as granted from ledger_entries e join ledger_accounts a on a.id = e.account_id where a.fund_id = ${pool} and a.kind = 'grants'`),
    rows<{ project_id: string; matched: string; gifts: number; considered: number }>(
      db(),
      sql`select pm.project_id, coalesce(sum(e.amount_minor) filter (where e.amount_minor > 0), 0)::text as matched,
                 count(distinct pm.id) filter (where pm.ledger_group_id is not null)::int as gifts, count(distinct pm.id)::int as considered
          from programme_matches pm left join ledger_entries e on e.group_id = pm.ledger_group_id
          where pm.programme_id = ${programmeId} group by pm.project_id`,
    ),
    rows<{ project_id: string }>(db(), sql`select project_id from matching_programme_projects where programme_id = ${programmeId} order by created_at, id`),
    fundTotals(db(), [pool]),
  ]);
  const funded = new Map(matches.map((m) => [m.project_id, n(m.matched)]));
  const ids = [...new Set([...named.map((x) => x.project_id), ...matches.map((m) => m.project_id)])];
  const outcomes = await projectOutcomes(ids, funded);
  const t = totals.get(pool)!;
  return {
    kind: 'programme',
    id: String(p.id),
    placePath: String(p.place_path),
    nameZh: String(p.name_zh),
    nameEn: String(p.name_en),
    funderZh: String(p.funder_zh),
    funderEn: String(p.funder_en),
    status: String(p.status),
    currency: String(p.currency),
    money: {
      grantedMinor: n(granted?.granted),
      inMinor: t.inMinor,
      matchedMinor: matches.reduce((s, m) => s + n(m.matched), 0),
      outMinor: t.outMinor,
      balanceMinor: t.balanceMinor,
      giftsMatched: matches.reduce((s, m) => s + m.gifts, 0),
      giftsConsidered: matches.reduce((s, m) => s + m.considered, 0),
    },
    ...outcomes,
  };
}

export interface RoundReport {
  kind: 'round';
  id: string;
  placePath: string;
  title: string;
  status: string;
  currency: string;
  money: { budgetMinor: number; grantedMinor: number; fundInMinor: number | null; fundOutMinor: number | null; fundBalanceMinor: number | null; disbursedMinor: number };
  projects: ProjectOutcome[];
  totals: ReportTotals;
}

export async function roundReport(roundId: string): Promise<RoundReport | null> {
  const [r] = await rows<Record<string, unknown>>(db(), sql`select id, place_path, title, status, currency, budget_minor::text as budget, fund_id from funding_rounds where id = ${roundId}`);
  if (!r) return null;
  const [awarded, called] = await Promise.all([
    rows<{ project_id: string; granted: string }>(
      db(),
      sql`select project_id, coalesce(granted_minor, 0)::text as granted from awards where round_id = ${roundId} and status in ('granted', 'final') order by created_at, id`,
    ),
    rows<{ project_id: string }>(db(), sql`select project_id from round_projects where round_id = ${roundId} order by created_at, id`),
  ]);
  const funded = new Map(awarded.map((a) => [a.project_id, n(a.granted)]));
  const ids = [...new Set([...awarded.map((a) => a.project_id), ...called.map((c) => c.project_id)])];
  const fundId = (r.fund_id as string | null) ?? null;
  const totals = fundId ? (await fundTotals(db(), [fundId])).get(fundId)! : null;
  const outcomes = await projectOutcomes(ids, funded);
  return {
    kind: 'round',
    id: String(r.id),
    placePath: String(r.place_path),
    title: String(r.title),
    status: String(r.status),
    currency: String(r.currency),
    money: {
      budgetMinor: n(r.budget),
      grantedMinor: awarded.reduce((s, a) => s + n(a.granted), 0),
      fundInMinor: totals?.inMinor ?? null,
      fundOutMinor: totals?.outMinor ?? null,
      fundBalanceMinor: totals?.balanceMinor ?? null,
      disbursedMinor: outcomes.projects.reduce((s, p) => s + p.disbursedMinor, 0),
    },
    ...outcomes,
  };
}
