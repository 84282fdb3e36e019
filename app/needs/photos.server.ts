// Photos of a need and of its progress reports: checked by their bytes (not their names), kept in the database,
// shown only to those who may see the need's private side, and every view audited.
import { and, asc, count, eq } from 'drizzle-orm';
import { db, type DbOrTx } from '../../db/client';
import { needPhotos, needs } from '../../db/schema';
import { recordAudit, type Actor } from '../audit/audit.server';
import { actorOf, type Principal } from '../permissions/principal.server';
import { NeedError, requireNeedAccess } from './needs.server';

export const MAX_PHOTOS = 4;
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

export interface Photo {
  contentType: 'image/jpeg' | 'image/png' | 'image/webp';
  bytes: Buffer;
}

/** The image type from the first bytes of a file, or null when it is not a JPEG, PNG or WebP picture. */
export function sniffImage(b: Uint8Array): Photo['contentType'] | null {
  if (b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length > 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'image/png';
  if (b.length > 12 && String.fromCharCode(...b.slice(0, 4)) === 'RIFF' && String.fromCharCode(...b.slice(8, 12)) === 'WEBP') return 'image/webp';
  return null;
}

/** The photos of a form (field "photos"), or the message key of what is wrong with them. */
export async function readPhotos(formData: FormData): Promise<{ photos: Photo[] } | { error: string }> {
  const files = formData.getAll('photos').filter((f): f is File => f instanceof File && f.size > 0);
  if (files.length > MAX_PHOTOS) return { error: 'needs.v.tooManyPhotos' };
  const photos: Photo[] = [];
  for (const file of files) {
    if (file.size > MAX_PHOTO_BYTES) return { error: 'needs.v.photoTooLarge' };
    const bytes = Buffer.from(await file.arrayBuffer());
    const contentType = sniffImage(bytes);
    if (!contentType) return { error: 'needs.v.photoType' };
    photos.push({ contentType, bytes });
  }
  return { photos };
}

export async function savePhotos(tx: DbOrTx, needId: string, progressId: string | null, userId: string | null, photos: Photo[]) {
  if (!photos.length) return;
  await tx.insert(needPhotos).values(photos.map((p) => ({ needId, progressId, contentType: p.contentType, size: p.bytes.length, bytes: p.bytes, uploadedByUserId: userId })));
}

export async function listPhotos(needId: string) {
  return db()
    .select({ id: needPhotos.id, progressId: needPhotos.progressId, contentType: needPhotos.contentType, size: needPhotos.size, createdAt: needPhotos.createdAt })
    .from(needPhotos)
    .where(eq(needPhotos.needId, needId))
    .orderBy(asc(needPhotos.createdAt));
}

/** One photo's bytes, for a caller already known to be entitled to the need's private side; the view is audited. */
export async function readPhoto(actor: Actor, need: { id: string; placeId: string }, photoId: string) {
  return db().transaction(async (tx) => {
    const [photo] = await tx.select().from(needPhotos).where(and(eq(needPhotos.id, photoId), eq(needPhotos.needId, need.id)));
    if (!photo) return null;
    await recordAudit(tx, actor, { action: 'need.read_private_photo', subjectType: 'need', subjectId: need.id, placeId: need.placeId, after: { photoId } });
    return photo;
  });
}

/** How many photos one need may hold in all (each upload adds up to MAX_PHOTOS). */
export const MAX_PHOTOS_PER_NEED = 20;

/**
 * Adds photos to a need (the API's upload; the pages attach them when raising and reporting): by the requester,
 * the people assigned, or staff who triage it. The need's row is locked so two uploads cannot pass the limit together.
 */
export async function addNeedPhotos(caller: Principal, needId: string, photos: Photo[]) {
  return db().transaction(async (tx) => {
    const access = await requireNeedAccess(caller, needId, (a) => a.isRequester || a.isAssignee || a.can('need.triage'), tx);
    await tx.select({ id: needs.id }).from(needs).where(eq(needs.id, needId)).for('update');
    const [{ n }] = await tx.select({ n: count() }).from(needPhotos).where(eq(needPhotos.needId, needId));
    if (Number(n) + photos.length > MAX_PHOTOS_PER_NEED) throw new NeedError('invalid', { photos: ['needs.v.tooManyPhotos'] });
    const rows = await tx
      .insert(needPhotos)
      .values(photos.map((p) => ({ needId, progressId: null, contentType: p.contentType, size: p.bytes.length, bytes: p.bytes, uploadedByUserId: caller.user.id })))
      .returning({ id: needPhotos.id, contentType: needPhotos.contentType, size: needPhotos.size, createdAt: needPhotos.createdAt });
    await recordAudit(tx, actorOf(caller), { action: 'need.add_photos', subjectType: 'need', subjectId: needId, placeId: access.need.placeId, after: { photoIds: rows.map((r) => r.id) } });
    return rows;
  });
}
