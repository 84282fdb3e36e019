// The resource pages as people use them, without JavaScript: forms posted, redirects followed by what the next
// page shows. Volunteer profile and team, organisation verified and listed, venue booked once per slot,
// staff view with audited contact details, and the inventory.
import { and, count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../db/client';
import { auditEvents, notifications, places, resourceMembers, resources, users, venueBookings, volunteerProfiles } from '../../db/schema';
import { seedDemo } from '../../db/seed/demo';
import { localInstant, localParts } from '../../app/resources/rules';
import * as listPage from '../../app/routes/resources._index';
import * as resourcePage from '../../app/routes/resources.$resourceId';
import * as newOffer from '../../app/routes/resources.new';
import * as myProfile from '../../app/routes/my.profile';
import * as myTeam from '../../app/routes/my.team';
import * as myOrg from '../../app/routes/my.organisation';
import * as staffPage from '../../app/routes/admin.resources.$resourceId';
import * as verifications from '../../app/routes/admin.verifications';
import * as inventoryPage from '../../app/routes/admin.inventory';
import { useTestDatabase } from '../helpers/db';
import { callRoute as call, cookieOf, statusOf as status, locationOf as location, errorsOf } from '../helpers/routes';
import { createUser, sessionCookieFor } from '../helpers/factories';

useTestDatabase();




let c1: typeof places.$inferSelect;
let c2: typeof places.$inferSelect;
let grid1: typeof places.$inferSelect;

beforeAll(async () => {
  await seedDemo();
  [c1] = await db().select().from(places).where(eq(places.nameZh, '锦华苑社区'));
  [c2] = await db().select().from(places).where(eq(places.nameZh, '老槐树社区'));
  [grid1] = await db().select().from(places).where(and(eq(places.parentId, c1.id), eq(places.nameZh, '第一网格')));
});

describe('volunteer fills a profile and joins a team', () => {
  it('refuses a bad profile with field errors and stores nothing, then saves a good one', async () => {
    const person = await createUser({ email: 'new-volunteer@example.test', roles: [{ role: 'resident', placeId: grid1.id }] });
    const cookie = await sessionCookieFor(person.id);
    const bad = await call(myProfile.action, '/my/profile', { cookie, form: { intent: 'save', displayName: '', placeId: 'nope', travelRadius: 'moon', maxHoursPerWeek: '500', awayFrom: '2026-12-10', awayTo: '2026-12-01' } });
    expect(status(bad)).toBe(200);
    const fields = Object.keys(errorsOf(bad));
    expect(fields).toEqual(expect.arrayContaining(['displayName', 'placeId', 'travelRadius', 'maxHoursPerWeek']));
    expect(fields.some((f) => f.startsWith('exceptions'))).toBe(true);
    expect(await db().select().from(volunteerProfiles).where(eq(volunteerProfiles.userId, person.id))).toHaveLength(0);

    const ok = await call(myProfile.action, '/my/profile', {
      cookie,
      form: { intent: 'save', displayName: '新来的小王', placeId: grid1.id, skills: ['tutoring', 'it_help'], languages: ['zh', 'en'], slots: ['5.morning', '6.afternoon'], tags: '会修自行车，会包饺子', travelRadius: 'grid', maxHoursPerWeek: '6', consentToContact: 'on', awayFrom: '2026-12-24', awayTo: '2026-12-26' },
    });
    expect(location(ok)).toMatch(/^\/my\/profile\?notice=profile\.saved/);
    const [profile] = await db().select().from(volunteerProfiles).where(eq(volunteerProfiles.userId, person.id));
    expect(profile).toMatchObject({ skills: ['tutoring', 'it_help'], languages: ['zh', 'en'], tags: ['会修自行车', '会包饺子'], travelRadius: 'grid', maxHoursPerWeek: 6, consentToContact: true });
    expect(profile.availability).toEqual([
      { day: 5, start: 480, end: 720 },
      { day: 6, start: 780, end: 1020 },
    ]);
    expect(profile.exceptions).toEqual([{ from: '2026-12-24', to: '2026-12-26' }]);
    const page = (await call(myProfile.loader, '/my/profile', { cookie })) as Awaited<ReturnType<typeof myProfile.loader>>;
    expect(page.profile?.slots).toEqual(['5.morning', '6.afternoon']);

    // On the public list by display name, with skills and area, never the account name.
    const list = (await call(listPage.loader, '/resources?kind=volunteer&skill=it_help&q=小王')) as Awaited<ReturnType<typeof listPage.loader>>;
    expect(list.rows.map((r) => r.name)).toEqual(['新来的小王']);
    expect(JSON.stringify(list)).not.toContain(person.name);
    expect(JSON.stringify(list)).not.toContain(person.email);

    // Joins a team: asks on the team's page, the leader accepts on "my team".
    const lead = await cookieOf('teamlead@fivefold.test');
    const [leadUser] = await db().select().from(users).where(eq(users.email, 'teamlead@fivefold.test'));
    const [team] = await db().select().from(resources).where(and(eq(resources.kind, 'team'), eq(resources.ownerUserId, leadUser.id)));
    const asked = await call(resourcePage.action, `/resources/${team.id}`, { cookie, form: { intent: 'join' }, params: { resourceId: team.id } });
    expect(location(asked)).toContain('notice=resources.joinRequested');
    const leaderView = (await call(myTeam.loader, '/my/team', { cookie: lead })) as Awaited<ReturnType<typeof myTeam.loader>>;
    const request = leaderView.groups.find((g) => g.id === team.id)!.members!.find((m) => m.userId === person.id)!;
    expect(request.status).toBe('requested');
    expect(location(await call(myTeam.action, '/my/team', { cookie: lead, form: { intent: 'decide', membershipId: request.id, decision: 'accept' } }))).toContain('notice=team.updated');
    const mine = (await call(myTeam.loader, '/my/team', { cookie })) as Awaited<ReturnType<typeof myTeam.loader>>;
    expect(mine.groups.map((g) => [g.name, g.status])).toEqual([[team.name, 'active']]);
  });

  it('lets a leader invite by email and tells them when the address is unknown', async () => {
    const lead = await cookieOf('teamlead@fivefold.test');
    const [leadUser] = await db().select().from(users).where(eq(users.email, 'teamlead@fivefold.test'));
    const [team] = await db().select().from(resources).where(and(eq(resources.kind, 'team'), eq(resources.ownerUserId, leadUser.id)));
    const unknown = await call(myTeam.action, '/my/team', { cookie: lead, form: { intent: 'invite', groupId: team.id, email: 'nobody@example.test' } });
    expect(errorsOf(unknown).email).toEqual(['team.inviteUnknown']);
    // Someone who is not a leader of the team cannot invite: the team is "not found" for them.
    const other = await cookieOf('volunteer050@fivefold.test');
    expect(status(await call(myTeam.action, '/my/team', { cookie: other, form: { intent: 'invite', groupId: team.id, email: 'volunteer051@fivefold.test' } }))).toBe(404);
  });

  it('starts a team with the founder as leader', async () => {
    const cookie = await cookieOf('volunteer060@fivefold.test');
    const res = await call(myTeam.action, '/my/team', { cookie, form: { intent: 'create', name: '周末护绿小队', placeId: c2.id, skills: ['gardening'], categories: ['environment'] } });
    const id = location(res)!.split('/')[2].split('?')[0];
    const [leader] = await db().select().from(resourceMembers).where(eq(resourceMembers.resourceId, id));
    expect(leader).toMatchObject({ role: 'leader', status: 'active' });
    expect(errorsOf(await call(myTeam.action, '/my/team', { cookie, form: { intent: 'create', name: '', placeId: c2.id } })).name).toEqual(['v.required']);
  });
});

describe('an organisation is verified and listed', () => {
  it('is registered, hidden until street staff verify it, then on the public list', async () => {
    const cookie = await cookieOf('org@fivefold.test');
    const bad = await call(myOrg.action, '/my/organisation', { cookie, form: { intent: 'create', name: '云溪长者之家', placeId: c1.id, registrationStatus: 'registered' } });
    expect(Object.keys(errorsOf(bad))).toEqual(expect.arrayContaining(['registrationNumber', 'categories']));
    const res = await call(myOrg.action, '/my/organisation', { cookie, form: { intent: 'create', name: '云溪长者之家', placeId: c1.id, registrationStatus: 'registered', registrationNumber: '52330100MJ1234567X', categories: ['elderly_care'], contactPhone: '0571-88888888' } });
    const id = location(res)!.split('/')[2].split('?')[0];
    const listed = async () => ((await call(listPage.loader, '/resources?kind=organisation&q=长者之家')) as Awaited<ReturnType<typeof listPage.loader>>).rows.length;
    expect(await listed()).toBe(0);
    expect(status(await call(resourcePage.loader, `/resources/${id}`, { params: { resourceId: id } }))).toBe(404);

    // Community staff see it but cannot verify it; street staff can, from the verifications queue.
    const staff = await cookieOf('staff@fivefold.test');
    expect(status(await call(staffPage.action, `/admin/resources/${id}`, { cookie: staff, form: { intent: 'verifyOrganisation' }, params: { resourceId: id } }))).toBe(404);
    const street = await cookieOf('streetstaff@fivefold.test');
    const queue = (await call(verifications.loader, '/admin/verifications', { cookie: street })) as Awaited<ReturnType<typeof verifications.loader>>;
    expect(queue.organisations.map((o) => o.id)).toContain(id);
    expect(location(await call(staffPage.action, `/admin/resources/${id}`, { cookie: street, form: { intent: 'verifyOrganisation' }, params: { resourceId: id } }))).toContain('notice=staffres.verified');
    expect(await listed()).toBe(1);
    const page = (await call(resourcePage.loader, `/resources/${id}`, { params: { resourceId: id } })) as Awaited<ReturnType<typeof resourcePage.loader>>;
    expect('organisation' in page.resource && page.resource.organisation?.verification).toBe('verified');
    expect(JSON.stringify(page)).not.toContain('0571-88888888');
    // Street staff see the organisation's contact on the staff view.
    const staffView = (await call(staffPage.loader, `/admin/resources/${id}`, { cookie: street, params: { resourceId: id } })) as Awaited<ReturnType<typeof staffPage.loader>>;
    expect(staffView.orgContact?.contactPhone).toBe('0571-88888888');
  });
});

describe('a business posts a venue that residents book once per slot', () => {
  it('posts the venue through the form and books a slot once', async () => {
    const business = await createUser({ email: 'shop@example.test', roles: [{ role: 'resident', placeId: null }] });
    const shop = await sessionCookieFor(business.id);
    const bad = await call(newOffer.action, '/resources/new', { cookie: shop, form: { kind: 'venue', name: '茶室', placeId: grid1.id, providerType: 'business', providerName: '老街茶馆' } });
    expect(Object.keys(errorsOf(bad))).toEqual(expect.arrayContaining(['capacity', 'slotMinutes', 'availability']));
    const posted = await call(newOffer.action, '/resources/new', {
      cookie: shop,
      form: { kind: 'venue', offerType: 'service', name: '老街茶馆二楼茶室', placeId: grid1.id, providerType: 'business', providerName: '老街茶馆', capacity: '12', slotMinutes: '60', days: ['0', '1', '2', '3', '4', '5', '6'], opens: '09:00', closes: '17:00', categories: ['culture_education'], goodsMode: 'lendable' },
    });
    const venueId = location(posted)!.split('/')[2].split('?')[0];
    const [venue] = await db().select().from(resources).where(eq(resources.id, venueId));
    expect(venue).toMatchObject({ kind: 'venue', communityId: c1.id, gridId: grid1.id });

    const { day } = localParts(new Date());
    const date = localParts(new Date(Date.now() + ((7 - day) % 7 || 7) * 86_400_000)).date;
    const page = (await call(resourcePage.loader, `/resources/${venueId}?from=${date}`, { params: { resourceId: venueId } })) as Awaited<ReturnType<typeof resourcePage.loader>>;
    const slot = page.schedule![0].slots[1];
    expect(slot).toMatchObject({ start: localInstant(date, 600).toISOString(), taken: false });

    const a = await cookieOf('resident@fivefold.test');
    const b = await cookieOf('volunteer010@fivefold.test');
    const book = (cookie: string) => call(resourcePage.action, `/resources/${venueId}`, { cookie, form: { intent: 'book', slotStart: slot.start, purpose: '读书会', attendees: '8' }, params: { resourceId: venueId } });
    const [ra, rb] = await Promise.all([book(a), book(b)]);
    const outcomes = [ra, rb].map((r) => (location(r)?.includes('notice=resources.book.booked') ? 'booked' : (r as { error?: Record<string, string[]> }).error?.['']?.[0]));
    expect(outcomes.sort()).toEqual(['booked', 'resources.book.taken']);
    const [{ n }] = await db().select({ n: count() }).from(venueBookings).where(and(eq(venueBookings.venueId, venueId), eq(venueBookings.status, 'confirmed')));
    expect(Number(n)).toBe(1);
    // Anonymous visitors see the slot as taken, not by whom.
    const after = (await call(resourcePage.loader, `/resources/${venueId}?from=${date}`, { params: { resourceId: venueId } })) as Awaited<ReturnType<typeof resourcePage.loader>>;
    expect(after.schedule![0].slots[1]).toEqual({ start: slot.start, taken: true, mine: null });
    // The business sees who booked; the public does not.
    const own = (await call(resourcePage.loader, `/resources/${venueId}`, { cookie: shop, params: { resourceId: venueId } })) as Awaited<ReturnType<typeof resourcePage.loader>>;
    expect(own.bookings?.map((x) => x.purpose)).toEqual(['读书会']);
    expect(after.bookings).toBeNull();
    // Too many people or no purpose: field errors, nothing stored.
    const tooMany = await call(resourcePage.action, `/resources/${venueId}`, { cookie: a, form: { intent: 'book', slotStart: after.schedule![0].slots[2].start, purpose: '', attendees: '30' }, params: { resourceId: venueId } });
    expect(errorsOf(tooMany).purpose).toEqual(['v.required']);
    const [{ n: n2 }] = await db().select({ n: count() }).from(venueBookings).where(eq(venueBookings.venueId, venueId));
    expect(Number(n2)).toBe(1);
    // The business takes the venue off the list, then puts it back; nobody else can.
    expect(status(await call(resourcePage.action, `/resources/${venueId}`, { cookie: a, form: { intent: 'withdraw' }, params: { resourceId: venueId } }))).toBe(404);
    expect(location(await call(resourcePage.action, `/resources/${venueId}`, { cookie: shop, form: { intent: 'withdraw' }, params: { resourceId: venueId } }))).toContain('notice=resources.withdrawn');
    expect(status(await call(resourcePage.loader, `/resources/${venueId}`, { params: { resourceId: venueId } }))).toBe(404);
    expect(((await call(listPage.loader, '/resources?kind=venue&q=老街茶馆')) as Awaited<ReturnType<typeof listPage.loader>>).total).toBe(0);
    expect(location(await call(resourcePage.action, `/resources/${venueId}`, { cookie: shop, form: { intent: 'reactivate' }, params: { resourceId: venueId } }))).toContain('notice=resources.reactivated');
    expect(((await call(listPage.loader, '/resources?kind=venue&q=老街茶馆')) as Awaited<ReturnType<typeof listPage.loader>>).total).toBe(1);
    // Anonymous booking goes to the login page.
    expect(location(await call(resourcePage.action, `/resources/${venueId}`, { form: { intent: 'book', slotStart: slot.start, purpose: 'x', attendees: '1' }, params: { resourceId: venueId } }))).toMatch(/^\/login/);
    // The business cancels the booking from its list with a reason; the person who booked is told in the app, the slot
    // is free again. Someone else cannot cancel it, and a second cancel finds nothing.
    const [held] = await db().select().from(venueBookings).where(and(eq(venueBookings.venueId, venueId), eq(venueBookings.status, 'confirmed')));
    const [residentUser] = await db().select({ id: users.id }).from(users).where(eq(users.email, 'resident@fivefold.test'));
    const other = held.bookedBy === residentUser.id ? b : a;
    const cancel = (cookie: string) => call(resourcePage.action, `/resources/${venueId}`, { cookie, form: { intent: 'cancelBooking', bookingId: held.id, byKeeper: '1', reason: '场地临时维修' }, params: { resourceId: venueId } });
    expect(status(await cancel(other))).toBe(404);
    expect(location(await cancel(shop))).toContain('notice=resources.book.cancelledByKeeper');
    expect(status(await cancel(shop))).toBe(404);
    const [gone] = await db().select().from(venueBookings).where(eq(venueBookings.id, held.id));
    expect(gone.status).toBe('cancelled');
    const told = await db().select().from(notifications).where(and(eq(notifications.userId, held.bookedBy), eq(notifications.messageKey, 'resources.notify.bookingCancelled')));
    expect(told).toHaveLength(1);
    expect(told[0].params).toMatchObject({ venue: '老街茶馆二楼茶室', reason: '场地临时维修' });
    expect(told[0].params.slot).toBe(`${date} 10:00`);
    const freed = (await call(resourcePage.loader, `/resources/${venueId}?from=${date}`, { params: { resourceId: venueId } })) as Awaited<ReturnType<typeof resourcePage.loader>>;
    expect(freed.schedule![0].slots[1].taken).toBe(false);
    const [audit] = await db().select().from(auditEvents).where(and(eq(auditEvents.action, 'venue.cancel_by_keeper'), eq(auditEvents.subjectId, held.id)));
    expect(audit).toBeDefined();
  });
});

describe('staff view and inventory', () => {
  it('shows a volunteer\u2019s contact to staff of their community, audited; staff2 gets 404 and nothing is recorded', async () => {
    const [v] = await db().select({ id: resources.id, userId: volunteerProfiles.userId }).from(resources).innerJoin(volunteerProfiles, eq(volunteerProfiles.resourceId, resources.id)).where(eq(resources.communityId, c1.id)).limit(1);
    const [person] = await db().select().from(users).where(eq(users.id, v.userId));
    const audits = async () => Number((await db().select({ n: count() }).from(auditEvents).where(and(eq(auditEvents.action, 'volunteer.read_contact'), eq(auditEvents.subjectId, v.id))))[0].n);
    const staff2 = await cookieOf('staff2@fivefold.test');
    expect(status(await call(staffPage.loader, `/admin/resources/${v.id}`, { cookie: staff2, params: { resourceId: v.id } }))).toBe(404);
    const publicView = await call(resourcePage.loader, `/resources/${v.id}`, { cookie: staff2, params: { resourceId: v.id } });
    expect(JSON.stringify(publicView)).not.toContain(person.phone!);
    expect((publicView as { staff: boolean }).staff).toBe(false);
    expect(await audits()).toBe(0);

    const staff = await cookieOf('staff@fivefold.test');
    const view = (await call(staffPage.loader, `/admin/resources/${v.id}`, { cookie: staff, params: { resourceId: v.id } })) as Awaited<ReturnType<typeof staffPage.loader>>;
    expect(view.contact).toMatchObject({ email: person.email, phone: person.phone });
    expect(await audits()).toBe(1);
  });

  it('lets staff verify a pending check from the queue, and only in their community', async () => {
    const staff = await cookieOf('staff@fivefold.test');
    const queue = (await call(verifications.loader, '/admin/verifications', { cookie: staff })) as Awaited<ReturnType<typeof verifications.loader>>;
    expect(queue.checks.length).toBeGreaterThan(0);
    const [ownCommunity] = await db().select({ communityId: resources.communityId }).from(resources).where(eq(resources.id, queue.checks[0].volunteerId));
    expect(ownCommunity.communityId).toBe(c1.id);
    const staff2 = await cookieOf('staff2@fivefold.test');
    const queue2 = (await call(verifications.loader, '/admin/verifications', { cookie: staff2 })) as Awaited<ReturnType<typeof verifications.loader>>;
    expect(queue2.checks.map((c) => c.id)).not.toContain(queue.checks[0].id);
    const c = queue.checks[0];
    expect(status(await call(staffPage.action, `/admin/resources/${c.volunteerId}`, { cookie: staff2, form: { intent: 'verifyCheck', checkId: c.id }, params: { resourceId: c.volunteerId } }))).toBe(404);
    const done = await call(staffPage.action, `/admin/resources/${c.volunteerId}`, { cookie: staff, form: { intent: 'verifyCheck', checkId: c.id, expiresAt: '2027-12-31' }, params: { resourceId: c.volunteerId } });
    expect(location(done)).toContain('notice=staffres.verified');
    const again = await call(staffPage.action, `/admin/resources/${c.volunteerId}`, { cookie: staff, form: { intent: 'rejectCheck', checkId: c.id }, params: { resourceId: c.volunteerId } });
    expect(location(again)).toContain('notice=staffres.alreadyDecided');
  });

  it('shows the inventory of the staff member\u2019s own community only', async () => {
    const staff = await cookieOf('staff@fivefold.test');
    const inv = (await call(inventoryPage.loader, '/admin/inventory', { cookie: staff })) as Awaited<ReturnType<typeof inventoryPage.loader>>;
    expect(inv.current?.id).toBe(c1.id);
    expect(inv.communities.map((c) => c.id)).toEqual([c1.id]);
    expect(inv.inventory!.total).toBeGreaterThan(40);
    expect(status(await call(inventoryPage.loader, `/admin/inventory?community=${c2.id}`, { cookie: staff }))).toBe(404);
    const resident = await cookieOf('resident@fivefold.test');
    expect(status(await call(inventoryPage.loader, '/admin/inventory', { cookie: resident }))).toBe(403);
    const street = await cookieOf('streetstaff@fivefold.test');
    const all = (await call(inventoryPage.loader, `/admin/inventory?community=${c2.id}`, { cookie: street })) as Awaited<ReturnType<typeof inventoryPage.loader>>;
    expect(all.communities).toHaveLength(3);
    expect(all.current?.id).toBe(c2.id);
  });
});
