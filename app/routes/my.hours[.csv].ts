import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireUser } from '../permissions/permissions.server';
import { hoursCsv, hoursRecord } from '../shifts/hours.server';

// The caller's own hours as CSV: one line per entry, with status and source, so it can travel to another registry.
export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await requireUser(request);
  const record = await hoursRecord(principal.user.id, principal.user.locale);
  return new Response(hoursCsv(record.entries), { headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="service-hours.csv"', 'Cache-Control': 'private, no-store' } });
}
