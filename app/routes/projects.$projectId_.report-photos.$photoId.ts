import type { LoaderFunctionArgs } from '@remix-run/node';
import { getPrincipal } from '../permissions/permissions.server';
import { readReportPhoto } from '../projects/delivery.server';
import { callerOf } from '../projects/fairs.server';
import { notFound, uuidParam } from '../utils/http.server';

// A delivery report's photo: public with a public report; otherwise only for the deliverer and the project's staff,
// and to anyone else the same 404 as for a wrong id.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const projectId = uuidParam(params, 'projectId');
  const photoId = uuidParam(params, 'photoId');
  const principal = await getPrincipal(request);
  const photo = await readReportPhoto(principal ? callerOf(principal) : null, projectId, photoId);
  if (!photo) throw notFound();
  return new Response(new Uint8Array(photo.bytes), {
    headers: {
      'Content-Type': photo.contentType,
      'Content-Length': String(photo.bytes.length),
      'Cache-Control': photo.isPublic ? 'public, max-age=3600' : 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
      'Content-Disposition': 'inline',
    },
  });
}
