import type { LoaderFunctionArgs } from '@remix-run/node';
import { apiError, handleApi } from '../api/errors.server';
import { translator } from '../i18n/messages';
import { getPrincipal } from '../permissions/permissions.server';
import { can } from '../permissions/rules';
import { dashboardFigures, overdueNeeds } from '../stats/dashboard.server';
import { readStatsQuery } from '../stats/query.server';
import { resolveScope } from '../stats/scope.server';
import { statsJson } from '../stats/serialize';

// The dashboard figures. Staff of the place (or above it) get them with the overdue needs; anyone else gets a
// community's public transparency figures. A street's figures are for its staff only.
const english = translator('en');
const invalid = (fields: Record<string, string[]>) =>
  apiError(400, 'validation_failed', 'The query is not valid.', Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.map((m) => english(m))])));

export function loader({ request }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const now = new Date();
    const url = new URL(request.url);
    const { query, period, errors } = readStatsQuery(url, now);
    if (Object.keys(errors).length) return invalid(errors);
    if (!query.place) return invalid({ place: ['v.required'] });
    const scope = await resolveScope(query.place, query.grid);
    if (scope === 'not_found') return apiError(404, 'not_found', 'No such community or street.');
    if (scope === 'bad_grid') return invalid({ grid: ['stats.v.grid'] });
    const principal = await getPrincipal(request);
    const staff = principal ? can(principal.roles, 'stats.read', scope.place.path) : false;
    if (!staff && scope.place.type !== 'community') {
      return principal ? apiError(403, 'forbidden', 'A street’s figures are for its staff.') : apiError(401, 'unauthorized', 'A street’s figures are for its staff: send a bearer token.');
    }
    const [figures, overdue] = await Promise.all([dashboardFigures(scope, period, now), staff ? overdueNeeds(scope, now, 200) : undefined]);
    return Response.json({ data: statsJson(scope, period, figures, staff ? 'staff' : 'public', overdue) });
  });
}
