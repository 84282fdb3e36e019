import type { LoaderFunctionArgs } from '@remix-run/node';
import { apiError, handleApi } from '../api/errors.server';
import { requireUser } from '../permissions/permissions.server';
import { hoursRecord } from '../shifts/hours.server';

// The caller's own hours record: totals, by month and organisation, every entry, this year's goal and progress. Hours in hours (0.5 steps).
export function loader({ request }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const principal = await requireUser(request);
    const r = await hoursRecord(principal.user.id, principal.user.locale);
    const h = (halfHours: number) => halfHours / 2;
    return Response.json({
      totals: { certified: h(r.totals.certified), self_reported_certified: h(r.totals.selfReported), pending: h(r.totals.pending) },
      by_month: r.months.map((m) => ({ month: m.month, organisation: m.organisation, certified: h(m.certified), self_reported_certified: h(m.selfReported), pending: h(m.pending) })),
      entries: r.entries.map((e) => ({ id: e.id, served_on: e.servedOn, hours: h(e.halfHours), status: e.status, source: e.source, organisation: e.organisation, description: e.description, shift_id: e.shiftId, flag: e.flag })),
      goal: r.goal && r.progress ? { year: r.year, kind: r.goal.kind, target_hours: h(r.goal.targetHalfHours), certified_hours: h(r.progress.certified), pending_hours: h(r.progress.pending), percent: r.progress.percent, met: r.progress.met } : null,
    });
  });
}

export const action = () => apiError(405, 'method_not_allowed', 'Use GET.', undefined, { Allow: 'GET' });
