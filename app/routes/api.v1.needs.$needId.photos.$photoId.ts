import type { LoaderFunctionArgs } from '@remix-run/node';
import { apiError, handleApi } from '../api/errors.server';
import { needAccess } from '../needs/needs.server';
import { readPhoto } from '../needs/photos.server';
import { requireUser } from '../permissions/permissions.server';
import { actorOf } from '../permissions/principal.server';
import { isUuid } from '../utils/http.server';

// One photo's bytes through the API, for whoever may see the need's private side; every view is audited.
export function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const principal = await requireUser(request);
    if (!isUuid(params.needId) || !isUuid(params.photoId)) return apiError(404, 'not_found', 'Not found.');
    const access = await needAccess(principal, params.needId.toLowerCase());
    if (!access || !access.canReadPrivate) return apiError(404, 'not_found', 'Not found.');
    const photo = await readPhoto(actorOf(principal), access.need, params.photoId.toLowerCase());
    if (!photo) return apiError(404, 'not_found', 'Not found.');
    return new Response(new Uint8Array(photo.bytes), {
      headers: { 'Content-Type': photo.contentType, 'Content-Length': String(photo.size), 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff', 'Content-Disposition': 'attachment' },
    });
  });
}
