// Dashboard figures as the API shows them: snake_case, money in integer minor units, hours as numbers.
import type { DashboardFigures, NeedCounts, OverdueNeed } from './dashboard.server';
import type { Period } from './period';
import type { StatsScope } from './scope.server';

const counts = (c: NeedCounts) => ({ total: c.total, open: c.open, overdue: c.overdue, very_overdue: c.veryOverdue, fulfilled: c.fulfilled, declined: c.declined });
const placeJson = (p: { id: string; type: string; nameZh: string; nameEn: string }) => ({ id: p.id, type: p.type, name_zh: p.nameZh, name_en: p.nameEn });

export function statsJson(scope: StatsScope, period: Period, figures: DashboardFigures, visibility: 'public' | 'staff', overdue?: OverdueNeed[]) {
  const { needs, satisfaction, volunteers, money } = figures;
  return {
    visibility,
    place: placeJson(scope.place),
    grid: scope.grid ? placeJson(scope.grid) : null,
    period: { from: period.from, to: period.to, interval: period.interval },
    needs: {
      ...counts(needs),
      fulfilment_rate: needs.fulfilmentRate,
      median_first_response_hours: needs.medianFirstResponseHours,
      median_close_hours: needs.medianCloseHours,
      by_category: needs.byCategory.map((c) => ({ category: c.category, ...counts(c) })),
      by_grid: needs.byGrid.map((g) => ({ grid_id: g.gridId, name_zh: g.nameZh, name_en: g.nameEn, ...counts(g) })),
    },
    satisfaction: { ratings: satisfaction.ratings, average_stars: satisfaction.averageStars, satisfied: satisfaction.satisfied, rate: satisfaction.rate },
    volunteers: { hours: volunteers.hours, active_volunteers: volunteers.activeVolunteers, registered_volunteers: volunteers.registeredVolunteers, teams: volunteers.teams, active_teams: volunteers.activeTeams },
    money: { currency: money.currency, raised_minor: money.raisedMinor, donated_minor: money.donatedMinor, granted_minor: money.grantedMinor, matched_minor: money.matchedMinor, disbursed_minor: money.disbursedMinor, in_kind_minor: money.inKindMinor },
    projects: figures.projects.map((p) => ({ id: p.id, title: p.title, state: p.state, budget_minor: p.budgetMinor, received_minor: p.receivedMinor, disbursed_minor: p.disbursedMinor, spent_percent: p.spentPercent })),
    trend: figures.trend.map((b) => ({ bucket: b.bucket, raised: b.raised, fulfilled: b.fulfilled, hours: b.hours, raised_minor: b.raisedMinor, matched_minor: b.matchedMinor, disbursed_minor: b.disbursedMinor })),
    ...(overdue
      ? {
          overdue_needs: overdue.map((n) => ({ id: n.id, summary: n.publicSummary, category: n.category, grid_name_zh: n.gridNameZh, grid_name_en: n.gridNameEn, due_at: n.dueAt.toISOString(), responsible_name: n.responsibleName })),
        }
      : {}),
  };
}
