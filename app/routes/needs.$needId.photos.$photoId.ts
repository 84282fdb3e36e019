import type { LoaderFunctionArgs } from '@remix-run/node';
import { needAccess } from '../needs/needs.server';
import { readPhoto } from '../needs/photos.server';
import { requireUser } from '../permissions/permissions.server';
import { actorOf } from '../permissions/principal.server';
import { notFound, uuidParam } from '../utils/http.server';

// A need's photo: private like its contact details, so anyone not entitled gets the same 404 as for a wrong id.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const needId = uuidParam(params, 'needId');
  const photoId = uuidParam(params, 'photoId');
  const principal = await requireUser(request);
  const access = await needAccess(principal, needId);
  if (!access || !access.canReadPrivate) throw notFound();
  const photo = await readPhoto(actorOf(principal), access.need, photoId);
  if (!photo) throw notFound();
  return new Response(new Uint8Array(photo.bytes), {
    headers: { 'Content-Type': photo.contentType, 'Content-Length': String(photo.size), 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff', 'Content-Disposition': 'inline' },
  });
}
