import type { LoaderFunctionArgs } from '@remix-run/node';
import { resolveLocale } from '../i18n/locale';
import { requirePermission } from '../permissions/permissions.server';
import { roundReport } from '../stats/reports.server';
import { reportFileResponse } from '../stats/report-files.server';
import { notFound, uuidParam } from '../utils/http.server';

// The funder report of a funding round as a spreadsheet (figures and one row per project), in the caller's language.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const report = await roundReport(uuidParam(params, 'roundId'));
  if (!report) throw notFound();
  await requirePermission(request, 'report.read', { id: report.id, path: report.placePath, type: 'place' });
  return reportFileResponse(report, resolveLocale(request), 'xlsx');
}
