import type { LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { attachmentHeader, exportList } from '../exports/exports.server';
import { ExportError } from '../exports/lists.server';
import { exportFormatParam, exportListParam } from '../exports/schemas';
import { resolveLocale } from '../i18n/locale';
import { getPrincipal, requireUser } from '../permissions/permissions.server';
import { notFound } from '../utils/http.server';

// GET /exports/<list>?format=csv|xlsx&<the list's own filters>: the file itself, or (when large) a job to wait for.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const list = exportListParam.safeParse(params.list);
  if (!list.success) throw notFound();
  const raw = Object.fromEntries(new URL(request.url).searchParams);
  const format = exportFormatParam.parse(raw.format);
  const principal = await getPrincipal(request);
  try {
    const outcome = await exportList(principal, list.data, format, raw, resolveLocale(request));
    if (outcome.kind === 'job') return redirect(`/exports/jobs/${outcome.id}`);
    return new Response(new Uint8Array(outcome.bytes), {
      headers: { 'Content-Type': outcome.contentType, 'Content-Disposition': attachmentHeader(outcome.fileName, outcome.englishName), 'Content-Length': String(outcome.bytes.length), 'Cache-Control': 'private, no-store' },
    });
  } catch (error) {
    // Hours are personal, and a large export becomes a file only its requester may fetch: both need an account.
    if (error instanceof ExportError && error.code === 'login') await requireUser(request);
    throw error;
  }
}
