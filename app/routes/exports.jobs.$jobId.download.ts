import type { LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { attachmentHeader, downloadExport } from '../exports/exports.server';
import { requireUser } from '../permissions/permissions.server';
import { notFound, uuidParam } from '../utils/http.server';

// The finished file, for the person who asked only, until it expires (then 410 Gone).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const jobId = uuidParam(params, 'jobId');
  const principal = await requireUser(request);
  const outcome = await downloadExport(principal, jobId);
  if (outcome.kind === 'not_found') throw notFound();
  if (outcome.kind === 'not_ready') return redirect(`/exports/jobs/${jobId}`);
  if (outcome.kind === 'expired')
    return new Response('此下载已过期，请重新导出。\nThis download has expired: please export the list again.\n', { status: 410, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
  return new Response(new Uint8Array(outcome.bytes), {
    headers: { 'Content-Type': outcome.contentType, 'Content-Disposition': attachmentHeader(outcome.fileName, outcome.englishName), 'Content-Length': String(outcome.bytes.length), 'Cache-Control': 'private, no-store' },
  });
}
