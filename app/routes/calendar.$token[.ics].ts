import type { LoaderFunctionArgs } from '@remix-run/node';
import { feedCalendar } from '../shifts/calendar.server';
import { originOf } from '../utils/forms.server';
import { notFound } from '../utils/http.server';

// A volunteer's private calendar feed: the token is the only key. Unknown or revoked tokens are 404; never cached by proxies.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const text = await feedCalendar(params.token ?? '', originOf(request));
  if (!text) throw notFound();
  return new Response(text, { headers: { 'Content-Type': 'text/calendar; charset=utf-8', 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'no-referrer' } });
}
