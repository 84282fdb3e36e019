import type { LoaderFunctionArgs } from '@remix-run/node';
import { resolveLocale } from '../i18n/locale';
import { shiftCalendar } from '../shifts/calendar.server';
import { getPublicShift } from '../shifts/shifts.server';
import { originOf } from '../utils/forms.server';
import { notFound, uuidParam } from '../utils/http.server';

// One shift as an iCalendar file (public facts only), times in Asia/Shanghai.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const shift = await getPublicShift(uuidParam(params, 'shiftId'));
  if (!shift) throw notFound();
  return new Response(shiftCalendar(shift, resolveLocale(request), originOf(request)), {
    headers: { 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Disposition': `attachment; filename="shift-${shift.id}.ics"` },
  });
}
