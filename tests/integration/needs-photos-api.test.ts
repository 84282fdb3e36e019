// Photos of a need through the API: the requester uploads pictures (checked by their bytes), staff of the place
// see them (each view audited), staff of another community and the public get 404, and nothing wrong is stored.
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../db/client';
import { auditEvents, needPhotos, needs, places, users } from '../../db/schema';
import { seedDemo } from '../../db/seed/demo';
import { createApiToken } from '../../app/api/tokens.server';
import * as needsRoute from '../../app/routes/api.v1.needs';
import * as photosRoute from '../../app/routes/api.v1.needs.$needId.photos';
import * as photoRoute from '../../app/routes/api.v1.needs.$needId.photos.$photoId';
import { MAX_PHOTOS_PER_NEED } from '../../app/needs/photos.server';
import { useTestDatabase } from '../helpers/db';

useTestDatabase();

const tokens = new Map<string, string>();
let needId: string;

// The smallest real pictures: a 1×1 PNG and the first bytes of a JPEG.
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 1), Buffer.from([0xff, 0xd9])]);

beforeAll(async () => {
  await seedDemo();
  for (const who of ['resident', 'staff', 'staff2', 'volunteer']) {
    const [u] = await db().select({ id: users.id }).from(users).where(eq(users.email, `${who}@fivefold.test`));
    tokens.set(who, (await createApiToken({ userId: u.id }, 'test')).token);
  }
  const [b] = await db().select().from(places).where(eq(places.nameZh, '1号楼'));
  const res = await needsRoute.action({
    request: new Request('http://localhost/api/v1/needs', {
      method: 'POST',
      headers: { Authorization: `Bearer ${tokens.get('resident')}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ place_id: b.id, title: '楼道灯坏了', description: '三楼楼道灯不亮', category: 'repairs', urgency: 'normal' }),
    }),
    params: {},
    context: {},
  } as never);
  expect(res.status).toBe(201);
  needId = ((await res.json()) as { id: string }).id;
});

function upload(who: string | undefined, files: { bytes: Buffer; name: string; type: string }[], id = needId) {
  const form = new FormData();
  for (const f of files) form.append('photos', new File([new Uint8Array(f.bytes)], f.name, { type: f.type }));
  return photosRoute.action({
    request: new Request(`http://localhost/api/v1/needs/${id}/photos`, { method: 'POST', headers: who ? { Authorization: `Bearer ${tokens.get(who)}` } : {}, body: form }),
    params: { needId: id },
    context: {},
  } as never);
}
const get = (fn: (args: never) => Promise<Response>, url: string, who: string | undefined, params: Record<string, string>) =>
  fn({ request: new Request(`http://localhost${url}`, { headers: who ? { Authorization: `Bearer ${tokens.get(who)}` } : {} }), params, context: {} } as never);
const stored = async () => (await db().select({ id: needPhotos.id }).from(needPhotos).where(eq(needPhotos.needId, needId))).length;

describe('need photos through the API', () => {
  it('refuses what is not a picture, too many at once, JSON bodies, strangers — storing nothing', async () => {
    const notImage = await upload('resident', [{ bytes: Buffer.from('<svg onload=alert(1)>'), name: 'lamp.png', type: 'image/png' }]);
    expect(notImage.status).toBe(400);
    expect(((await notImage.json()) as { error: { fields: Record<string, string[]> } }).error.fields.photos).toEqual(['needs.v.photoType']);
    const five = await upload('resident', Array.from({ length: 5 }, (_, i) => ({ bytes: PNG, name: `${i}.png`, type: 'image/png' })));
    expect(five.status).toBe(400);
    const none = await upload('resident', []);
    expect(none.status).toBe(400);
    const json = await photosRoute.action({
      request: new Request(`http://localhost/api/v1/needs/${needId}/photos`, { method: 'POST', headers: { Authorization: `Bearer ${tokens.get('resident')}`, 'Content-Type': 'application/json' }, body: '{}' }),
      params: { needId },
      context: {},
    } as never);
    expect(json.status).toBe(415);
    expect((await upload(undefined, [{ bytes: PNG, name: 'a.png', type: 'image/png' }])).status).toBe(401);
    // The need is not yet verified: staff of another community may not know it exists; a volunteer may not add to it.
    expect((await upload('staff2', [{ bytes: PNG, name: 'a.png', type: 'image/png' }])).status).toBe(404);
    expect((await upload('volunteer', [{ bytes: PNG, name: 'a.png', type: 'image/png' }])).status).toBe(404);
    expect(await stored()).toBe(0);
  });

  it('the requester adds two; staff of the place list and fetch them (audited); others get 404', async () => {
    const res = await upload('resident', [
      { bytes: PNG, name: 'lamp.png', type: 'image/png' },
      // The declared type is ignored: the bytes say JPEG.
      { bytes: JPEG, name: 'stairs.gif', type: 'image/gif' },
    ]);
    expect(res.status).toBe(201);
    const body = (await res.json()) as { photos: { id: string; content_type: string; url: string }[] };
    expect(body.photos.map((p) => p.content_type).sort()).toEqual(['image/jpeg', 'image/png']);
    expect(await stored()).toBe(2);

    const list = await get(photosRoute.loader, `/api/v1/needs/${needId}/photos`, 'staff', { needId });
    expect(list.status).toBe(200);
    const listed = ((await list.json()) as { photos: { id: string; url: string }[] }).photos;
    expect(listed).toHaveLength(2);
    expect((await get(photosRoute.loader, `/api/v1/needs/${needId}/photos`, 'staff2', { needId })).status).toBe(404);
    expect((await get(photosRoute.loader, `/api/v1/needs/${needId}/photos`, undefined, { needId })).status).toBe(401);

    const png = listed.find((p) => body.photos.find((b) => b.id === p.id)?.content_type === 'image/png')!;
    const bytes = await get(photoRoute.loader, png.url, 'staff', { needId, photoId: png.id });
    expect(bytes.status).toBe(200);
    expect(bytes.headers.get('Content-Type')).toBe('image/png');
    expect(bytes.headers.get('Content-Disposition')).toBe('attachment');
    expect(Buffer.from(await bytes.arrayBuffer()).equals(PNG)).toBe(true);
    expect((await get(photoRoute.loader, png.url, 'staff2', { needId, photoId: png.id })).status).toBe(404);
    const [need] = await db().select().from(needs).where(eq(needs.id, needId));
    const views = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'need.read_private_photo'), eq(auditEvents.subjectId, need.id)));
    expect(views).toHaveLength(1);
    const [added] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'need.add_photos'), eq(auditEvents.subjectId, need.id)));
    expect(added).toBeDefined();
  });

  it('never lets a need hold more than its limit, even with uploads racing', async () => {
    const room = MAX_PHOTOS_PER_NEED - (await stored());
    const batches = Math.ceil(room / 4) + 3;
    const results = await Promise.all(Array.from({ length: batches }, () => upload('resident', Array.from({ length: 4 }, (_, i) => ({ bytes: PNG, name: `${i}.png`, type: 'image/png' })))));
    expect(results.filter((r) => r.status === 201).length).toBe(Math.floor(room / 4));
    expect(await stored()).toBeLessThanOrEqual(MAX_PHOTOS_PER_NEED);
    expect(results.filter((r) => r.status === 400)).toHaveLength(batches - Math.floor(room / 4));
  });
});
