import type { LoaderFunctionArgs } from '@remix-run/node';
import { resolveLocale } from '../i18n/locale';
import { requirePermission } from '../permissions/permissions.server';
import { programmeReport } from '../stats/reports.server';
import { reportFileResponse } from '../stats/report-files.server';
import { notFound, uuidParam } from '../utils/http.server';

// The funder report of a matching programme as CSV (one row per project, the spreadsheet's per-project sheet), in the caller's language.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const report = await programmeReport(uuidParam(params, 'programmeId'));
  if (!report) throw notFound();
  await requirePermission(request, 'report.read', { id: report.id, path: report.placePath, type: 'place' });
  return reportFileResponse(report, resolveLocale(request), 'csv');
}
