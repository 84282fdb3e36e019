// The resource list on the demo street: seed, public list and API, privacy of volunteers' contacts, venue
// booking under concurrency, background-check expiry and eligibility, teams, organisations, goods, and the gap report.
import { and, count, eq, inArray, like } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../db/client';
import {
  auditEvents,
  backgroundChecks,
  goodsLoans,
  needDispatches,
  needs,
  notifications,
  offerDetails,
  organisationProfiles,
  outbox,
  places,
  resourceMembers,
  resources,
  users,
  venueBookings,
  volunteerProfiles,
} from '../../db/schema';
import { seedDemo } from '../../db/seed/demo';
import { verifyCredentials } from '../../app/auth/accounts.server';
import { loadPrincipal, actorOf } from '../../app/permissions/principal.server';
import { runCheckExpiry } from '../../app/resources/check-expiry.server';
import { communityInventory, OPEN_NEED_STATUSES } from '../../app/resources/inventory.server';
import { decideMembership, decideOrganisation, invite, requestToJoin } from '../../app/resources/members.server';
import { createOffer, listResources, ResourceError } from '../../app/resources/resources.server';
import { localInstant, localParts } from '../../app/resources/rules';
import type { VolunteerInput } from '../../app/resources/schemas';
import { bookVenue, recordLoan, recordReturn } from '../../app/resources/venues.server';
import { addBackgroundCheck, decideBackgroundCheck, eligibleVolunteerIds, saveVolunteerProfile, volunteerEligibility } from '../../app/resources/volunteers.server';
import * as listRoute from '../../app/routes/api.v1.resources';
import * as oneRoute from '../../app/routes/api.v1.resources.$resourceId';
import { useTestDatabase } from '../helpers/db';
import { sessionCookieFor } from '../helpers/factories';

useTestDatabase();

const user = async (email: string) => (await db().select().from(users).where(eq(users.email, email)))[0];
const principalOf = async (email: string) => (await loadPrincipal((await user(email)).id, { sessionId: null, actingForUserId: null, via: 'session' }))!;
const communityNamed = async (nameZh: string) => (await db().select().from(places).where(eq(places.nameZh, nameZh)))[0];

let c1: typeof places.$inferSelect;
let c2: typeof places.$inferSelect;

beforeAll(async () => {
  const started = Date.now();
  await seedDemo();
  // Seeding is part of the first `npm start`; it must stay quick.
  expect(Date.now() - started).toBeLessThan(20_000);
  c1 = await communityNamed('锦华苑社区');
  c2 = await communityNamed('老槐树社区');
});

/** A future Monday (Shanghai) as YYYY-MM-DD, `weeks` weeks from now. */
function futureMonday(weeks = 2) {
  const { day } = localParts(new Date());
  const d = new Date(Date.now() + ((7 - day) % 7 || 7) * 86_400_000 + (weeks - 1) * 7 * 86_400_000);
  return localParts(d).date;
}

describe('demo data', () => {
  it('has 120 numbered volunteers who can log in, plus the demo volunteer and team leader, 8 teams, 10 organisations and 20 offers', async () => {
    const [v] = await db().select({ n: count() }).from(users).where(like(users.email, 'volunteer___@fivefold.test'));
    expect(Number(v.n)).toBe(120);
    expect((await verifyCredentials({ email: 'volunteer120@fivefold.test', password: 'fivefold-demo' }, '10.0.0.1')).ok).toBe(true);
    const kinds = await db().select({ kind: resources.kind, n: count() }).from(resources).groupBy(resources.kind);
    const n = Object.fromEntries(kinds.map((k) => [k.kind, Number(k.n)]));
    expect(n.volunteer).toBe(122);
    expect(n.team).toBe(8);
    expect(n.organisation).toBe(10);
    expect((n.offer ?? 0) + (n.venue ?? 0) + (n.goods ?? 0)).toBe(20);
    for (const email of ['volunteer@fivefold.test', 'teamlead@fivefold.test']) {
      const [p] = await db().select().from(volunteerProfiles).where(eq(volunteerProfiles.userId, (await user(email)).id));
      expect(p, email).toBeDefined();
    }
    const lead = await user('teamlead@fivefold.test');
    const [leads] = await db().select({ n: count() }).from(resourceMembers).where(and(eq(resourceMembers.userId, lead.id), eq(resourceMembers.role, 'leader'), eq(resourceMembers.status, 'active')));
    expect(Number(leads.n)).toBeGreaterThanOrEqual(1);
  });
});

describe('public list and API', () => {
  const get = (path: string, headers: Record<string, string> = {}) => listRoute.loader({ request: new Request(`http://localhost/api/v1/resources${path}`, { headers }), params: {}, context: {} });
  const getOne = (id: string, headers: Record<string, string> = {}) => oneRoute.loader({ request: new Request(`http://localhost/api/v1/resources/${id}`, { headers }), params: { resourceId: id }, context: {} });

  it('lists volunteers with display name, skills and area only', async () => {
    const res = await get('?kind=volunteer&per_page=200');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.total).toBe(122);
    const text = JSON.stringify(body);
    const volunteer = await user('volunteer001@fivefold.test');
    expect(text).not.toContain(volunteer.phone!);
    expect(text).not.toContain('volunteer001@fivefold.test');
    expect(text).not.toContain(volunteer.name);
    expect(text).not.toContain(volunteer.homePlaceId!);
    expect(Object.keys(body.data[0]).sort()).toEqual(['area', 'categories', 'created_at', 'description', 'id', 'kind', 'name', 'skills']);
    expect(body.data[0].area.community.name_zh).toMatch(/社区$/);
  });

  it('filters by kind, category, skill, community and grid, and pages', async () => {
    const all = await listResources({ limit: 1000, offset: 0 });
    const inC1 = await (await get(`?community=${c1.id}&per_page=200`)).json();
    expect(inC1.total).toBe(all.rows.filter((r) => r.communityId === c1.id).length);
    const legal = await (await get('?category=legal_aid&per_page=200')).json();
    expect(legal.total).toBeGreaterThan(0);
    for (const r of legal.data) expect(r.categories).toContain('legal_aid');
    const tutors = await (await get('?skill=tutoring&per_page=200')).json();
    for (const r of tutors.data) expect(r.skills).toContain('tutoring');
    const page1 = await (await get('?kind=volunteer&per_page=50&page=1')).json();
    const page3 = await (await get('?kind=volunteer&per_page=50&page=3')).json();
    expect(page1.data).toHaveLength(50);
    expect(page3.data).toHaveLength(22);
    expect(new Set([...page1.data, ...page3.data].map((r: { id: string }) => r.id)).size).toBe(72);
    const grid = inC1.data.find((r: { area: { grid: { id: string } | null } }) => r.area.grid)!.area.grid.id;
    const inGrid = await (await get(`?grid=${grid}&per_page=200`)).json();
    for (const r of inGrid.data) expect(r.area.grid.id).toBe(grid);
  });

  it('answers bad filters with 400 and names the field', async () => {
    const res = await get('?kind=spaceship&community=nope&per_page=999');
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('validation_failed');
    expect(Object.keys(body.error.fields).sort()).toEqual(['community', 'kind', 'per_page']);
  });

  it('keeps unverified organisations off the public list', async () => {
    const body = await (await get('?kind=organisation&per_page=200')).json();
    expect(body.total).toBe(8);
    const [unverified] = await db().select({ id: resources.id }).from(resources).innerJoin(organisationProfiles, eq(organisationProfiles.resourceId, resources.id)).where(eq(organisationProfiles.verification, 'unverified')).limit(1);
    expect((await getOne(unverified.id)).status).toBe(404);
  });

  it('shows a volunteer\u2019s contact only to staff of their community, and audits each view', async () => {
    const v = await user('volunteer001@fivefold.test');
    const [profile] = await db().select().from(resources).where(and(eq(resources.ownerUserId, v.id), eq(resources.kind, 'volunteer')));
    expect(profile.communityId).toBe(c1.id);
    const audits = async () => Number((await db().select({ n: count() }).from(auditEvents).where(and(eq(auditEvents.action, 'volunteer.read_contact'), eq(auditEvents.subjectId, profile.id))))[0].n);

    const anonymous = await (await getOne(profile.id)).json();
    expect(anonymous.contact).toBeUndefined();
    expect(JSON.stringify(anonymous)).not.toContain(v.phone!);

    const staff2 = await sessionCookieFor((await user('staff2@fivefold.test')).id);
    const asStaff2 = await getOne(profile.id, { Cookie: staff2 });
    expect(asStaff2.status).toBe(200);
    const body2 = await asStaff2.json();
    expect(body2.contact).toBeUndefined();
    expect(JSON.stringify(body2)).not.toContain(v.phone!);
    expect(await audits()).toBe(0);

    const staff = await sessionCookieFor((await user('staff@fivefold.test')).id);
    const asStaff = await (await getOne(profile.id, { Cookie: staff })).json();
    expect(asStaff.contact).toMatchObject({ name: v.name, email: 'volunteer001@fivefold.test', phone: v.phone });
    expect(await audits()).toBe(1);
  });

  it('shows a volunteer\u2019s contact to whoever coordinates open work they are assigned to, and to no one else', async () => {
    const v = await user('volunteer003@fivefold.test');
    const [profile] = await db().select().from(resources).where(and(eq(resources.ownerUserId, v.id), eq(resources.kind, 'volunteer')));
    const lead = await user('teamlead@fivefold.test');
    const other = await user('volunteer050@fivefold.test');
    const contactFor = async (userId: string) => (await (await getOne(profile.id, { Cookie: await sessionCookieFor(userId) })).json()).contact;
    expect(await contactFor(lead.id)).toBeUndefined();

    const due = new Date(Date.now() + 86_400_000);
    const [need] = await db().insert(needs).values({ communityId: profile.communityId!, placeId: profile.communityId!, title: '送餐', publicSummary: '送餐', category: 'meals', status: 'dispatched', channel: 'walk_in', firstResponseDueAt: due, resolutionDueAt: due }).returning();
    const [dispatch] = await db().insert(needDispatches).values({ needId: need.id, assigneeType: 'person', assigneeUserId: v.id, responsibleUserId: lead.id }).returning();
    expect(await contactFor(lead.id)).toMatchObject({ email: 'volunteer003@fivefold.test', phone: v.phone });
    expect(await contactFor(other.id)).toBeUndefined();

    // Once the dispatch is withdrawn (or the work is done), the coordinator no longer sees it.
    await db().update(needDispatches).set({ withdrawnAt: new Date() }).where(eq(needDispatches.id, dispatch.id));
    expect(await contactFor(lead.id)).toBeUndefined();
  });

  it('registers resources of each kind through POST, with field errors and nothing stored on bad input', async () => {
    const cookie = await sessionCookieFor((await user('resident@fivefold.test')).id);
    const post = (body: unknown) =>
      listRoute.action({ request: new Request('http://localhost/api/v1/resources', { method: 'POST', headers: { Cookie: cookie, 'Content-Type': 'application/json' }, body: JSON.stringify(body) }), params: {}, context: {} });
    const [before] = await db().select({ n: count() }).from(resources);

    const bad = await post({ kind: 'venue', name: '', place_id: 'x', provider_type: 'business', provider_name: '店' });
    expect(bad.status).toBe(400);
    const err = await bad.json();
    expect(Object.keys(err.error.fields).sort()).toEqual(expect.arrayContaining(['name', 'place_id']));
    expect((await post({ kind: 'castle' })).status).toBe(400);
    expect((await post({ kind: 'venue', name: '大厅', place_id: crypto.randomUUID(), provider_type: 'business', provider_name: '店', capacity: 10, slot_minutes: 60, availability: [{ day: 0, start: '09:00', end: '12:00' }] })).status).toBe(400);
    const [after] = await db().select({ n: count() }).from(resources);
    expect(after.n).toBe(before.n);

    const venue = await post({ kind: 'venue', name: '街角书店阅读区', place_id: c1.id, provider_type: 'business', provider_name: '街角书店', capacity: 12, slot_minutes: 60, availability: [{ day: 5, start: '09:00', end: '12:00' }], categories: ['culture_education'] });
    expect(venue.status).toBe(201);
    const created = await venue.json();
    expect(created).toMatchObject({ kind: 'venue', name: '街角书店阅读区', offer: { capacity: 12, slot_minutes: 60, availability: [{ day: 5, start: '09:00', end: '12:00' }] } });

    const profile = { kind: 'volunteer', display_name: '李老师', place_id: c1.id, skills: ['tutoring'], languages: ['zh', 'en'], availability: [{ day: 2, start: '18:00', end: '21:00' }], travel_radius: 'community', max_hours_per_week: 3, consent_to_contact: true };
    const first = await post(profile);
    expect(first.status).toBe(201);
    const again = await post({ ...profile, max_hours_per_week: 5 });
    expect(again.status).toBe(200);
    expect((await again.json()).id).toBe((await first.json()).id);

    const noAuth = await listRoute.action({ request: new Request('http://localhost/api/v1/resources', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(profile) }), params: {}, context: {} });
    expect(noAuth.status).toBe(401);
  });
});

describe('venue booking', () => {
  it('books a slot exactly once when many residents try at the same moment', async () => {
    const owner = await principalOf('staff@fivefold.test');
    const venue = await createOffer({ userId: owner.user.id }, { kind: 'venue', name: '测试活动室', description: '', placeId: c1.id, categories: [], providerType: 'agency', providerName: '居委会', capacity: 20, slotMinutes: 60, availability: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: 480, end: 1200 })), exceptions: [] } as never);
    const residents = await db().select({ id: users.id }).from(users).where(like(users.email, 'volunteer0%@fivefold.test')).limit(12);
    const slot = localInstant(futureMonday(), 600);
    const results = await Promise.all(residents.map((r) => bookVenue({ userId: r.id }, venue.id, { slotStart: slot, purpose: '活动', attendees: 5 })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.reason === 'taken')).toHaveLength(residents.length - 1);
    const rows = await db().select().from(venueBookings).where(and(eq(venueBookings.venueId, venue.id), eq(venueBookings.status, 'confirmed')));
    expect(rows).toHaveLength(1);
    // The next slot is still free; a misaligned or closed start is refused.
    expect((await bookVenue({ userId: residents[0].id }, venue.id, { slotStart: localInstant(futureMonday(), 660), purpose: '活动', attendees: 5 })).ok).toBe(true);
    expect(await bookVenue({ userId: residents[0].id }, venue.id, { slotStart: localInstant(futureMonday(), 630), purpose: 'x', attendees: 1 })).toEqual({ ok: false, reason: 'misaligned' });
    expect(await bookVenue({ userId: residents[0].id }, venue.id, { slotStart: localInstant(futureMonday(), 1260), purpose: 'x', attendees: 1 })).toEqual({ ok: false, reason: 'closed' });
    expect(await bookVenue({ userId: residents[0].id }, venue.id, { slotStart: localInstant(futureMonday(), 720), purpose: 'x', attendees: 21 })).toEqual({ ok: false, reason: 'over_capacity' });
  });
});

describe('background checks', () => {
  it('warns once before a check expires, marks it expired after, and an expired check makes the volunteer ineligible', async () => {
    const v = await principalOf('volunteer002@fivefold.test');
    const [vr] = await db().select().from(resources).where(and(eq(resources.ownerUserId, v.user.id), eq(resources.kind, 'volunteer')));
    const staff = await principalOf(vr.communityId === c1.id ? 'staff@fivefold.test' : 'streetstaff@fivefold.test');
    const expires = new Date(Date.now() + 10 * 86_400_000);
    const check = await addBackgroundCheck({ userId: v.user.id }, { type: 'child_safeguarding', issuer: '青川区妇联', reference: null, expiresAt: localParts(expires).date });
    // Pending: not yet counted.
    expect((await volunteerEligibility(vr.id, ['child_safeguarding'], new Date())).missing).toEqual(['child_safeguarding']);
    await decideBackgroundCheck(staff, actorOf(staff) as { userId: string }, check.id, { verified: true });
    expect((await volunteerEligibility(vr.id, ['child_safeguarding'], new Date())).eligible).toBe(true);

    const first = await runCheckExpiry(new Date());
    expect(first.warned).toBeGreaterThanOrEqual(1);
    const mails = await db().select().from(outbox).where(eq(outbox.topic, 'mail.send'));
    expect(mails.filter((m) => (m.payload as { to: string }).to === 'volunteer002@fivefold.test')).toHaveLength(1);
    await runCheckExpiry(new Date());
    const again = await db().select().from(outbox).where(eq(outbox.topic, 'mail.send'));
    expect(again.filter((m) => (m.payload as { to: string }).to === 'volunteer002@fivefold.test')).toHaveLength(1);
    const inApp = await db().select().from(notifications).where(and(eq(notifications.userId, v.user.id), eq(notifications.messageKey, 'resources.notify.checkExpiring')));
    expect(inApp).toHaveLength(1);
    expect(inApp[0]).toMatchObject({ link: '/my/profile', subjectId: check.id });

    const later = new Date(expires.getTime() + 2 * 86_400_000);
    const report = await runCheckExpiry(later);
    expect(report.expired).toBeGreaterThanOrEqual(1);
    const [stored] = await db().select().from(backgroundChecks).where(eq(backgroundChecks.id, check.id));
    expect(stored.status).toBe('expired');
    const e = await volunteerEligibility(vr.id, ['child_safeguarding'], new Date());
    expect(e).toEqual({ eligible: false, missing: [], expired: ['child_safeguarding'] });
    expect(await eligibleVolunteerIds([vr.id], ['child_safeguarding'], new Date())).toEqual([]);
    // Work that does not need the check is still open to them.
    expect(await eligibleVolunteerIds([vr.id], [], new Date())).toEqual([vr.id]);
  });

  it('lets only staff of the volunteer\u2019s community decide a check', async () => {
    const v = await principalOf('volunteer004@fivefold.test');
    const [vr] = await db().select().from(resources).where(and(eq(resources.ownerUserId, v.user.id), eq(resources.kind, 'volunteer')));
    expect(vr.communityId).toBe(c1.id);
    const check = await addBackgroundCheck({ userId: v.user.id }, { type: 'health_certificate', issuer: '卫生院', reference: null, expiresAt: undefined });
    const staff2 = await principalOf('staff2@fivefold.test');
    await expect(decideBackgroundCheck(staff2, actorOf(staff2) as { userId: string }, check.id, { verified: true })).rejects.toThrow(ResourceError);
    const [stored] = await db().select().from(backgroundChecks).where(eq(backgroundChecks.id, check.id));
    expect(stored.status).toBe('pending');
  });
});

describe('teams and organisations', () => {
  it('handles a join request, an invitation and a double click', async () => {
    const lead = await principalOf('teamlead@fivefold.test');
    const [team] = await db().select().from(resources).where(and(eq(resources.kind, 'team'), eq(resources.ownerUserId, lead.user.id)));
    const joiner = await user('volunteer117@fivefold.test');
    await Promise.all([requestToJoin({ userId: joiner.id }, team.id), requestToJoin({ userId: joiner.id }, team.id)]);
    const open = await db().select().from(resourceMembers).where(and(eq(resourceMembers.resourceId, team.id), eq(resourceMembers.userId, joiner.id)));
    expect(open).toHaveLength(1);
    expect(open[0].status).toBe('requested');
    // The requester cannot approve themselves; the leader can.
    await expect(decideMembership({ userId: joiner.id }, open[0].id, 'accept')).rejects.toThrow(ResourceError);
    expect((await decideMembership({ userId: lead.user.id }, open[0].id, 'accept')).status).toBe('active');

    const invitee = await user('volunteer118@fivefold.test');
    const inv = await invite({ userId: lead.user.id }, team.id, 'VOLUNTEER118@fivefold.test');
    await expect(invite({ userId: lead.user.id }, team.id, 'volunteer118@fivefold.test')).rejects.toThrow(ResourceError);
    await expect(invite({ userId: joiner.id }, team.id, 'volunteer119@fivefold.test')).rejects.toThrow(ResourceError);
    expect((await decideMembership({ userId: invitee.id }, inv.id, 'accept')).status).toBe('active');
    // The only leader cannot leave.
    const [leaderRow] = await db().select().from(resourceMembers).where(and(eq(resourceMembers.resourceId, team.id), eq(resourceMembers.userId, lead.user.id)));
    await expect(decideMembership({ userId: lead.user.id }, leaderRow.id, 'leave')).rejects.toThrow(ResourceError);
  });

  it('puts an organisation on the public list once street staff verify it; community staff cannot', async () => {
    const [pending] = await db().select({ id: resources.id, name: resources.name }).from(resources).innerJoin(organisationProfiles, eq(organisationProfiles.resourceId, resources.id)).where(eq(organisationProfiles.verification, 'unverified')).limit(1);
    const listed = async () => (await listResources({ kind: 'organisation', limit: 100, offset: 0 })).rows.some((r) => r.id === pending.id);
    expect(await listed()).toBe(false);
    const staff = await principalOf('staff@fivefold.test');
    await expect(decideOrganisation(staff, actorOf(staff) as { userId: string }, pending.id, true)).rejects.toThrow(ResourceError);
    const street = await principalOf('streetstaff@fivefold.test');
    expect(await decideOrganisation(street, actorOf(street) as { userId: string }, pending.id, true)).toEqual({ changed: true });
    expect(await listed()).toBe(true);
  });
});

describe('goods', () => {
  it('never lends more than is on hand, even when two people record at once, and takes returns', async () => {
    const [wheelchairs] = await db().select({ id: resources.id, quantity: offerDetails.quantity }).from(resources).innerJoin(offerDetails, eq(offerDetails.resourceId, resources.id)).where(eq(resources.name, '轮椅（可借用）'));
    expect(wheelchairs.quantity).toBe(4);
    const staff = await user('staff@fivefold.test');
    const lend = (n: number) => recordLoan({ userId: staff.id }, wheelchairs.id, { kind: 'lend', quantity: n, borrowerName: '王秀英' }).then(() => true, (e) => (e instanceof ResourceError ? false : Promise.reject(e)));
    const results = await Promise.all([lend(3), lend(3)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const [loan] = await db().select().from(goodsLoans).where(eq(goodsLoans.goodsId, wheelchairs.id));
    await recordReturn({ userId: staff.id }, wheelchairs.id, loan.id);
    await expect(recordReturn({ userId: staff.id }, wheelchairs.id, loan.id)).rejects.toThrow(ResourceError);
    expect(await lend(4)).toBe(true);
  });
});

describe('capacity inventory and gap report', () => {
  it('matches figures computed independently from the same rows', async () => {
    // Open and closed needs in the first community, in categories with and without resources.
    const staff = await user('staff@fivefold.test');
    const due = new Date(Date.now() + 86_400_000);
    const openIn = async (category: string) =>
      Number((await db().select({ n: count() }).from(needs).where(and(eq(needs.communityId, c1.id), eq(needs.category, category), inArray(needs.status, [...OPEN_NEED_STATUSES]))))[0].n);
    const elderlyBefore = await openIn('elderly_care');
    const otherBefore = await openIn('other');
    const plan: [string, (typeof needs.$inferInsert)['status'], number][] = [
      ['elderly_care', 'raised', 9],
      ['elderly_care', 'closed', 4],
      ['repairs', 'triaged', 2],
      ['legal_aid', 'in_progress', 3],
      ['other', 'dispatched', 2],
      ['meals', 'rejected', 5],
    ];
    const rows = plan.flatMap(([category, status, n]) =>
      Array.from({ length: n }, (_, i) => ({ communityId: c1.id, placeId: c1.id, title: `${category} ${i}`, publicSummary: category, category, status, channel: 'walk_in' as const, raisedByUserId: staff.id, firstResponseDueAt: due, resolutionDueAt: due })),
    );
    await db().insert(needs).values(rows);
    // A need of another community must not count.
    await db().insert(needs).values({ communityId: c2.id, placeId: c2.id, title: 'x', publicSummary: 'x', category: 'elderly_care', channel: 'walk_in', firstResponseDueAt: due, resolutionDueAt: due });

    const inventory = await communityInventory(c1.id);

    // Independently: read the raw rows and count in plain code.
    const allNeeds = await db().select({ category: needs.category, status: needs.status }).from(needs).where(eq(needs.communityId, c1.id));
    const openNeeds: Record<string, number> = {};
    for (const n of allNeeds) if ((OPEN_NEED_STATUSES as readonly string[]).includes(n.status)) openNeeds[n.category] = (openNeeds[n.category] ?? 0) + 1;
    const rawResources = await db()
      .select({ id: resources.id, kind: resources.kind, categories: resources.categories, status: resources.status, gridId: resources.gridId, verification: organisationProfiles.verification })
      .from(resources)
      .leftJoin(organisationProfiles, eq(organisationProfiles.resourceId, resources.id))
      .where(eq(resources.communityId, c1.id));
    const countable = rawResources.filter((r) => r.status === 'active' && (r.kind !== 'organisation' || r.verification === 'verified'));
    const have: Record<string, number> = {};
    for (const r of countable) for (const c of new Set(r.categories)) have[c] = (have[c] ?? 0) + 1;

    expect(inventory.total).toBe(countable.length);
    for (const row of inventory.gap) {
      expect(row.needs, row.category).toBe(openNeeds[row.category] ?? 0);
      expect(row.resources, row.category).toBe(have[row.category] ?? 0);
      expect(row.gap).toBe(row.needs - row.resources);
    }
    expect(inventory.gap.find((g) => g.category === 'elderly_care')!.needs).toBe(elderlyBefore + 9);
    expect(inventory.gap.find((g) => g.category === 'other')).toMatchObject({ needs: otherBefore + 2, resources: 0, short: true });
    // Sorted: the biggest shortfall first.
    const gaps = inventory.gap.map((g) => g.gap);
    expect(gaps).toEqual([...gaps].sort((a, b) => b - a));
    // By kind and by grid add up to the total.
    expect(Object.values(inventory.byKind).reduce((a, b) => a + b, 0)).toBe(countable.length);
    expect(inventory.byGrid.reduce((a, g) => a + g.total, 0)).toBe(countable.length);
    for (const g of inventory.byGrid) expect(g.total).toBe(countable.filter((r) => r.gridId === g.gridId).length);
    // By category and kind.
    for (const [category, kinds] of Object.entries(inventory.byCategory)) {
      for (const [kind, n] of Object.entries(kinds)) expect(n, `${category}/${kind}`).toBe(countable.filter((r) => r.kind === kind && r.categories.includes(category)).length);
    }
  });
});

describe('volunteer profile', () => {
  it('makes one profile even when the first save is sent twice at once', async () => {
    const u = await user('donor@fivefold.test');
    const input: VolunteerInput = { displayName: '林先生', description: '', placeId: c2.id, skills: ['driving'], tags: [], languages: ['zh'], availability: [{ day: 5, start: 540, end: 720 }], exceptions: [], travelRadius: 'community' as const, maxHoursPerWeek: 4, consentToContact: false, contactPhone: null };
    await Promise.all([saveVolunteerProfile({ userId: u.id }, input), saveVolunteerProfile({ userId: u.id }, input)]);
    const rows = await db().select().from(volunteerProfiles).where(eq(volunteerProfiles.userId, u.id));
    expect(rows).toHaveLength(1);
    const [r] = await db().select().from(resources).where(inArray(resources.id, rows.map((x) => x.resourceId)));
    expect(r.categories).toEqual(['elderly_care', 'meals', 'health']);
    expect(r.communityId).toBe(c2.id);
  });
});
