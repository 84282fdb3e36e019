import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { apiError, handleApi, methodNotAllowed } from '../api/errors.server';
import { needErrorResponse } from '../needs/api.server';
import { needAccess } from '../needs/needs.server';
import { addNeedPhotos, listPhotos, MAX_PHOTO_BYTES, MAX_PHOTOS, readPhotos } from '../needs/photos.server';
import { requireUser } from '../permissions/permissions.server';
import { isUuid } from '../utils/http.server';

// A need's photos: private like its contact details. GET lists them for whoever may see the private side; POST
// (multipart/form-data, files in the field "photos") adds up to four at a time for the requester, the people
// assigned and the staff who triage it. Pictures are checked by their bytes, not their names.
const photoJson = (needId: string, p: { id: string; contentType: string; size: number; createdAt: Date; progressId?: string | null }) => ({
  id: p.id,
  content_type: p.contentType,
  size: p.size,
  progress_id: p.progressId ?? null,
  created_at: p.createdAt.toISOString(),
  url: `/api/v1/needs/${needId}/photos/${p.id}`,
});

export function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const principal = await requireUser(request);
    if (!isUuid(params.needId)) return apiError(404, 'not_found', 'Not found.');
    const access = await needAccess(principal, params.needId.toLowerCase());
    if (!access || !access.canReadPrivate) return apiError(404, 'not_found', 'Not found.');
    const photos = await listPhotos(access.need.id);
    return Response.json({ photos: photos.map((p) => photoJson(access.need.id, p)) });
  });
}

export function action({ request, params }: ActionFunctionArgs) {
  return handleApi(async () => {
    if (request.method !== 'POST') return methodNotAllowed(['POST']);
    const principal = await requireUser(request);
    if (!isUuid(params.needId)) return apiError(404, 'not_found', 'Not found.');
    const access = await needAccess(principal, params.needId.toLowerCase());
    if (!access || !access.canSeePublic) return apiError(404, 'not_found', 'Not found.');
    if (!(access.isRequester || access.isAssignee || access.can('need.triage'))) return apiError(403, 'forbidden', 'You do not have permission to do this.');
    if (!request.headers.get('Content-Type')?.startsWith('multipart/form-data')) {
      return apiError(415, 'unsupported_media_type', 'Send the photos as multipart/form-data in the field "photos".');
    }
    const declared = Number(request.headers.get('Content-Length') ?? 0);
    if (declared > MAX_PHOTOS * MAX_PHOTO_BYTES + 64 * 1024) return apiError(400, 'validation_failed', 'The request is not valid.', { photos: ['needs.v.photoTooLarge'] });
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      return apiError(400, 'bad_request', 'The body is not valid multipart/form-data.');
    }
    const read = await readPhotos(form);
    if ('error' in read) return apiError(400, 'validation_failed', 'The request is not valid.', { photos: [read.error] });
    if (!read.photos.length) return apiError(400, 'validation_failed', 'The request is not valid.', { photos: ['v.required'] });
    try {
      const rows = await addNeedPhotos(principal, access.need.id, read.photos);
      return Response.json({ photos: rows.map((p) => photoJson(access.need.id, p)) }, { status: 201 });
    } catch (error) {
      return needErrorResponse(error);
    }
  });
}
