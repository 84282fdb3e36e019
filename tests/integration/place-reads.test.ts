// The filters of the list pages (communities, grids, areas) are read from a copy each web process keeps a few
// seconds: a place created or renamed here shows at once; one changed by another web process within the max age.
import { eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../db/client';
import { places } from '../../db/schema';
import { PLACE_READS_MAX_AGE_MS } from '../../app/places/place-reads.server';
import { createPlace as createPlaceAs, updatePlace } from '../../app/places/places.server';
import { listPublicCommunities } from '../../app/places/public.server';
import { listAreas } from '../../app/resources/resources.server';
import { useTestDatabase } from '../helpers/db';
import { createPlace, createUser } from '../helpers/factories';

useTestDatabase();

let streetId: string;
let actor: { userId: string; onBehalfOfUserId: null };
beforeAll(async () => {
  streetId = (await createPlace({ type: 'street' })).id;
  actor = { userId: (await createUser({ roles: [{ role: 'admin', placeId: null }] })).id, onBehalfOfUserId: null };
});

const realNow = Date.now;
afterEach(() => {
  Date.now = realNow;
});
const later = (ms: number) => {
  Date.now = () => realNow() + ms;
};

describe('public place lists kept per process', () => {
  it('shows a community created or renamed through this process at once', async () => {
    await listPublicCommunities(); // a copy is held
    const made = await createPlaceAs(actor, { parentId: streetId, type: 'community', nameZh: '新建社区', nameEn: 'New Community', communityType: 'old_estate' });
    expect((await listPublicCommunities()).map((c) => c.nameZh)).toContain('新建社区');
    expect((await listAreas()).map((a) => a.id)).toContain(made.id);
    await updatePlace(actor, made.id, { nameZh: '改名社区', nameEn: 'Renamed Community' });
    const names = (await listPublicCommunities()).map((c) => c.nameZh);
    expect(names).toContain('改名社区');
    expect(names).not.toContain('新建社区');
  });

  it('shows a rename made by another web process once the copy is older than the max age', async () => {
    const community = await createPlace({ type: 'community', parentId: streetId, nameZh: '旧名社区' });
    expect((await listPublicCommunities()).map((c) => c.nameZh)).toContain('旧名社区');
    // Another process renames it: this one sees only the row change.
    await db().update(places).set({ nameZh: '新名社区' }).where(eq(places.id, community.id));
    expect((await listPublicCommunities()).map((c) => c.nameZh)).toContain('旧名社区');
    later(PLACE_READS_MAX_AGE_MS + 1);
    expect((await listPublicCommunities()).map((c) => c.nameZh)).toContain('新名社区');
  });
});
