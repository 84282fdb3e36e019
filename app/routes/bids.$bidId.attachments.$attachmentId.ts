import type { LoaderFunctionArgs } from '@remix-run/node';
import { actorOf } from '../permissions/principal.server';
import { requireUser } from '../permissions/permissions.server';
import { readBidAttachment } from '../projects/evaluation.server';
import { notFound, uuidParam } from '../utils/http.server';

// A bid's attachment: for staff and funders of the round, the evaluators who may see the bid, and the applicant;
// anyone else gets the same 404 as for a wrong id. Downloaded, never rendered inline.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const bidId = uuidParam(params, 'bidId');
  const attachmentId = uuidParam(params, 'attachmentId');
  const principal = await requireUser(request);
  const file = await readBidAttachment(principal, actorOf(principal), bidId, attachmentId);
  if (!file) throw notFound();
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      'Content-Type': file.contentType,
      'Content-Length': String(file.size),
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    },
  });
}
