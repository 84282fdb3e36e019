// The needs and resource services feed the search index through the outbox: each change they make is queued in
// its own transaction and, once relayed, the index shows exactly what the public list shows.
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { raiseNeed } from '../../app/needs/needs.server';
import { triageNeed, rejectNeed } from '../../app/needs/transitions.server';
import { relayOutbox } from '../../app/outbox/relay.server';
import { actorOf, loadPrincipal, type Principal } from '../../app/permissions/principal.server';
import { decideOrganisation } from '../../app/resources/members.server';
import { createOffer, setResourceStatus } from '../../app/resources/resources.server';
import { db } from '../../db/client';
import { organisationProfiles, places, resources, users } from '../../db/schema';
import { seedDemo } from '../../db/seed/demo';
import { indexDemo } from '../../db/seed/search-index';
import { getPostgresEngine, resetSearchEngines } from '../../search/index';
import { registerSearchRelay } from '../../search/relay';
import { useTestDatabase } from '../helpers/db';

useTestDatabase();

const principalOf = async (email: string) => {
  const [u] = await db().select({ id: users.id }).from(users).where(eq(users.email, email));
  return (await loadPrincipal(u.id, { sessionId: null, actingForUserId: null, via: 'session' }))!;
};

let staff: Principal;
let streetStaff: Principal;
let community1: string;

beforeAll(async () => {
  resetSearchEngines();
  await seedDemo();
  await indexDemo();
  registerSearchRelay();
  staff = await principalOf('staff@fivefold.test');
  streetStaff = await principalOf('streetstaff@fivefold.test');
  [{ id: community1 }] = await db().select({ id: places.id }).from(places).where(eq(places.nameZh, '锦华苑社区'));
}, 120_000);

const find = async (q: string, lists?: ('needs' | 'resources')[]) => (await (await getPostgresEngine()).search({ q, lists, perPage: 50 })).hits;

describe('feeding the index from the services', () => {
  it('a need enters the index when verified, with its sanitised summary only, and leaves nothing private behind', async () => {
    const need = await raiseNeed(null, {
      placeId: community1,
      title: '紫藤花架倒塌需要修理 联系13912345678',
      description: '住3单元502，腿脚不便',
      category: 'repairs',
      beneficiary: 'community',
      recurrence: 'once',
      urgency: 'high',
      phone: '13912345678',
      address: '3单元502',
    } as Parameters<typeof raiseNeed>[1]);
    await relayOutbox();
    expect(await find('紫藤花架')).toEqual([]);

    await triageNeed(staff, need.id, { category: 'repairs', urgency: 'high', needType: 'routine', publicSummary: '紫藤花架倒塌需要修理，电话13912345678' });
    await relayOutbox();
    const [hit] = await find('紫藤花架');
    expect(hit).toMatchObject({ id: need.id, list: 'needs', status: 'triaged', urgency: 'high', category: 'repairs', community: community1 });
    expect(hit.title).not.toContain('13912345678');
    expect(hit.deadline).not.toBeNull();
    expect(await find('13912345678')).toEqual([]);
    expect(await find('腿脚不便')).toEqual([]);

    // A later step updates the document: rejected needs stay on the public list with their answer.
    await rejectNeed(staff, need.id, { reason: '已由物业公司修复' } as Parameters<typeof rejectNeed>[2]);
    await relayOutbox();
    const [after] = await find('紫藤花架');
    expect(after).toMatchObject({ id: need.id, status: 'rejected', deadline: null });
    expect((await find('物业公司修复')).map((h) => h.id)).toContain(need.id);
  });

  it('a resource taken off the list leaves the index and comes back when put back', async () => {
    const [team] = await db().select({ id: resources.id }).from(resources).where(eq(resources.name, '锦华苑四点半课堂辅导队'));
    expect((await find('四点半课堂辅导队')).map((h) => h.id)).toContain(team.id);
    await setResourceStatus(actorOf(staff), team.id, 'inactive');
    await relayOutbox();
    expect((await find('四点半课堂辅导队')).map((h) => h.id)).not.toContain(team.id);
    await setResourceStatus(actorOf(staff), team.id, 'active');
    await relayOutbox();
    expect((await find('四点半课堂辅导队')).map((h) => h.id)).toContain(team.id);
  });

  it('an organisation enters the index once verified', async () => {
    const [org] = await db()
      .select({ id: resources.id })
      .from(resources)
      .innerJoin(organisationProfiles, eq(organisationProfiles.resourceId, resources.id))
      .where(and(eq(resources.name, '云溪绿色家园环保协会'), eq(organisationProfiles.verification, 'unverified')));
    expect((await find('绿色家园环保协会', ['resources'])).map((h) => h.id)).not.toContain(org.id);
    await decideOrganisation(streetStaff, { ...actorOf(streetStaff), userId: streetStaff.user.id }, org.id, true);
    await relayOutbox();
    expect((await find('绿色家园环保协会', ['resources'])).map((h) => h.id)).toEqual([org.id]);
  });

  it('a new offer is found as soon as the relay has run', async () => {
    const [grid] = await db().select({ id: places.id }).from(places).where(and(eq(places.parentId, community1), eq(places.type, 'grid')));
    const offer = await createOffer({ ...actorOf(staff), userId: staff.user.id }, {
      kind: 'offer',
      offerType: 'service',
      name: 'Bicycle repair Saturdays',
      description: 'Free bicycle repair for residents',
      categories: ['repairs'],
      placeId: grid.id,
      providerType: 'business',
      providerName: 'Riverside Cycles',
      availability: [{ day: 5, start: 540, end: 720 }],
      exceptions: [],
    } as Parameters<typeof createOffer>[1]);
    await relayOutbox();
    const hits = await find('bicycle repiar', ['resources']);
    expect(hits.map((h) => h.id)).toContain(offer.id);
    expect(hits.find((h) => h.id === offer.id)).toMatchObject({ kind: 'offer', category: 'repairs' });
  });
});
