import type { LoaderFunctionArgs } from '@remix-run/node';
import { resolveLocale } from '../i18n/locale';
import { requirePermission } from '../permissions/permissions.server';
import { programmeReport } from '../stats/reports.server';
import { reportWorkbook } from '../stats/report-xlsx.server';
import { notFound, uuidParam } from '../utils/http.server';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// The funder report of a matching programme as a spreadsheet, in the caller's language.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const report = await programmeReport(uuidParam(params, 'programmeId'));
  if (!report) throw notFound();
  await requirePermission(request, 'report.read', { id: report.id, path: report.placePath, type: 'place' });
  const body = await reportWorkbook(report, resolveLocale(request));
  return new Response(new Uint8Array(body), { headers: { 'Content-Type': XLSX, 'Content-Disposition': `attachment; filename="programme-report-${report.id.slice(0, 8)}.xlsx"`, 'Cache-Control': 'private, no-store' } });
}
