// Keeping resources current after registration: a team's leader edits it and hands leadership on (the last leader
// cannot step down); an organisation's change of registration sends it back for verification; an offer's owner or
// the staff of its place edit it, never below what has gone out and never under future bookings — and nobody else
// can, with nothing changed.
import { and, desc, eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../db/client';
import { auditEvents, goodsLoans, offerDetails, organisationProfiles, outbox, places, resourceMembers, resources, teamProfiles, users, venueBookings } from '../../db/schema';
import { seedDemo } from '../../db/seed/demo';
import * as editPage from '../../app/routes/resources.$resourceId_.edit';
import * as resourcePage from '../../app/routes/resources.$resourceId';
import { uniformHours } from '../../app/resources/form-fields';
import { useTestDatabase } from '../helpers/db';
import { callRoute as call, cookieOf, statusOf as status, locationOf as location, errorsOf } from '../helpers/routes';
import { createUser, sessionCookieFor } from '../helpers/factories';

useTestDatabase();

const userId = async (email: string) => (await db().select({ id: users.id }).from(users).where(eq(users.email, email)))[0].id;

type Loaded = Exclude<Awaited<ReturnType<typeof editPage.loader>>, Response>;

const edit = (id: string, cookie: string | null, form?: Record<string, string | string[]>) => call(form ? editPage.action : editPage.loader, `/resources/${id}/edit`, { cookie, form, params: { resourceId: id } });

let c1: typeof places.$inferSelect;

beforeAll(async () => {
  await seedDemo();
  [c1] = await db().select().from(places).where(eq(places.nameZh, '锦华苑社区'));
});

describe('a team leader keeps the team current', () => {
  it('edits the team; members who are not leaders and strangers get 404 and change nothing', async () => {
    const lead = await userId('teamlead@fivefold.test');
    const [team] = await db()
      .select({ id: resources.id, name: resources.name, placeId: resources.placeId })
      .from(resources)
      .innerJoin(resourceMembers, eq(resourceMembers.resourceId, resources.id))
      .where(and(eq(resources.kind, 'team'), eq(resourceMembers.userId, lead), eq(resourceMembers.role, 'leader'), eq(resourceMembers.status, 'active')))
      .limit(1);
    const page = (await edit(team.id, await cookieOf('teamlead@fivefold.test'))) as Loaded;
    expect(page.resource.name).toBe(team.name);

    const form = { intent: 'save', name: '锦华苑助老送餐队', description: '每天中午为独居老人送餐', placeId: team.placeId, skills: ['meal_delivery', 'elder_companionship'], categories: ['meals', 'elderly_care'] };
    const stranger = await createUser({ email: 'stranger@example.test' });
    expect(status(await edit(team.id, await sessionCookieFor(stranger.id)))).toBe(404);
    expect(status(await edit(team.id, await sessionCookieFor(stranger.id), form))).toBe(404);
    expect(status(await edit(team.id, null))).toBe(302);
    const [unchanged] = await db().select().from(resources).where(eq(resources.id, team.id));
    expect(unchanged.name).toBe(team.name);

    const bad = await edit(team.id, await cookieOf('teamlead@fivefold.test'), { ...form, name: '', skills: ['not_a_skill'] });
    expect(errorsOf(bad).name).toEqual(['v.required']);
    expect((await db().select().from(resources).where(eq(resources.id, team.id)))[0].name).toBe(team.name);

    const saved = await edit(team.id, await cookieOf('teamlead@fivefold.test'), form);
    expect(location(saved)).toBe(`/resources/${team.id}?notice=resources.edit.saved`);
    const [row] = await db().select().from(resources).where(eq(resources.id, team.id));
    expect(row).toMatchObject({ name: '锦华苑助老送餐队', description: '每天中午为独居老人送餐', categories: ['meals', 'elderly_care'] });
    expect((await db().select().from(teamProfiles).where(eq(teamProfiles.resourceId, team.id)))[0].skills).toEqual(['meal_delivery', 'elder_companionship']);
    const pub = (await call(resourcePage.loader, `/resources/${team.id}`, { params: { resourceId: team.id } })) as Awaited<ReturnType<typeof resourcePage.loader>>;
    expect(pub.resource.name).toBe('锦华苑助老送餐队');
    expect(pub.canEdit).toBe(false);
    const [audit] = await db().select().from(auditEvents).where(and(eq(auditEvents.action, 'team.update'), eq(auditEvents.subjectId, team.id)));
    expect(audit.actorUserId).toBe(lead);
    // The search index hears of it through the outbox.
    const queued = await db().select().from(outbox).orderBy(desc(outbox.createdAt)).limit(20);
    expect(JSON.stringify(queued)).toContain(team.id);
  });

  it('hands leadership on; the last leader cannot step down', async () => {
    const leadEmail = 'teamlead@fivefold.test';
    const lead = await userId(leadEmail);
    const [team] = await db()
      .select({ id: resources.id })
      .from(resources)
      .innerJoin(resourceMembers, eq(resourceMembers.resourceId, resources.id))
      .where(and(eq(resources.kind, 'team'), eq(resourceMembers.userId, lead), eq(resourceMembers.role, 'leader')))
      .limit(1);
    const members = await db().select().from(resourceMembers).where(and(eq(resourceMembers.resourceId, team.id), eq(resourceMembers.status, 'active')));
    const leaders = members.filter((m) => m.role === 'leader');
    // Only the demo leader leads: stepping down alone is refused.
    for (const other of leaders.filter((m) => m.userId !== lead)) await db().update(resourceMembers).set({ role: 'member' }).where(eq(resourceMembers.id, other.id));
    const refused = await edit(team.id, await cookieOf(leadEmail), { intent: 'role', memberUserId: lead, role: 'member' });
    expect(location(refused)).toContain('notice=resources.edit.lastLeader');

    const member = members.find((m) => m.userId !== lead)!;
    expect(member).toBeDefined();
    // A member cannot make themself a leader.
    expect(status(await edit(team.id, await sessionCookieFor(member.userId), { intent: 'role', memberUserId: member.userId, role: 'leader' }))).toBe(404);
    const made = await edit(team.id, await cookieOf(leadEmail), { intent: 'role', memberUserId: member.userId, role: 'leader' });
    expect(location(made)).toContain('notice=resources.edit.madeLeader');
    // Twice is the same as once.
    await edit(team.id, await cookieOf(leadEmail), { intent: 'role', memberUserId: member.userId, role: 'leader' });
    const stepped = await edit(team.id, await cookieOf(leadEmail), { intent: 'role', memberUserId: lead, role: 'member' });
    expect(location(stepped)).toBe(`/resources/${team.id}?notice=resources.edit.steppedDown`);
    const after = await db().select().from(resourceMembers).where(and(eq(resourceMembers.resourceId, team.id), inArray(resourceMembers.userId, [lead, member.userId])));
    expect(Object.fromEntries(after.filter((m) => m.status === 'active').map((m) => [m.userId, m.role]))).toEqual({ [lead]: 'member', [member.userId]: 'leader' });
    // The former leader can no longer edit; the new one can.
    expect(status(await edit(team.id, await cookieOf(leadEmail)))).toBe(404);
    expect(((await edit(team.id, await sessionCookieFor(member.userId))) as Loaded).resource.id).toBe(team.id);
    const actions = await db().select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.subjectId, team.id));
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['group.make_leader', 'group.step_down']));
  });
});

describe('an organisation changes its details', () => {
  it('keeps its verification for a new phone, loses it for a new registration number', async () => {
    const orgUser = await userId('org@fivefold.test');
    const [org] = await db()
      .select({ id: resources.id, placeId: resources.placeId, categories: resources.categories, name: resources.name, profile: organisationProfiles })
      .from(resources)
      .innerJoin(resourceMembers, eq(resourceMembers.resourceId, resources.id))
      .innerJoin(organisationProfiles, eq(organisationProfiles.resourceId, resources.id))
      .where(and(eq(resourceMembers.userId, orgUser), eq(resourceMembers.role, 'leader'), eq(organisationProfiles.verification, 'verified')))
      .limit(1);
    expect(org).toBeDefined();
    const page = (await edit(org.id, await cookieOf('org@fivefold.test'))) as Loaded;
    expect(page.resource.kind).toBe('organisation');
    const base = {
      intent: 'save',
      name: org.name,
      description: '',
      placeId: org.placeId,
      registrationStatus: org.profile.registrationStatus,
      registrationNumber: org.profile.registrationNumber ?? '',
      categories: org.categories,
      contactName: '刘主任',
      contactPhone: '028-66668888',
      contactEmail: '',
    };
    expect(location(await edit(org.id, await cookieOf('org@fivefold.test'), base))).toContain('notice=resources.edit.saved');
    const [kept] = await db().select().from(organisationProfiles).where(eq(organisationProfiles.resourceId, org.id));
    expect(kept).toMatchObject({ verification: 'verified', contactPhone: '028-66668888' });
    // The contact phone is private: not in the audit trail.
    const [audit] = await db().select().from(auditEvents).where(and(eq(auditEvents.action, 'organisation.update'), eq(auditEvents.subjectId, org.id)));
    expect(JSON.stringify(audit)).not.toContain('66668888');

    const res = await edit(org.id, await cookieOf('org@fivefold.test'), { ...base, registrationStatus: 'registered', registrationNumber: '52510100MJ0000000X' });
    expect(location(res)).toContain('notice=resources.edit.reverify');
    const [reset] = await db().select().from(organisationProfiles).where(eq(organisationProfiles.resourceId, org.id));
    expect(reset).toMatchObject({ verification: 'unverified', verifiedAt: null, registrationNumber: '52510100MJ0000000X' });
    // Off the public list until street staff verify it again; its members still see it.
    expect(status(await call(resourcePage.loader, `/resources/${org.id}`, { params: { resourceId: org.id } }))).toBe(404);
    expect(status(await call(resourcePage.loader, `/resources/${org.id}`, { cookie: await cookieOf('org@fivefold.test'), params: { resourceId: org.id } }))).toBe(200);
  });
});

describe('offers, venues and goods', () => {
  it('goods never drop below what has gone out; the owner and staff of the place may edit, staff of another community may not', async () => {
    const [goods] = await db()
      .select({ r: resources, o: offerDetails })
      .from(resources)
      .innerJoin(offerDetails, eq(offerDetails.resourceId, resources.id))
      .where(and(eq(resources.kind, 'goods'), eq(resources.communityId, c1.id)))
      .limit(1);
    expect(goods).toBeDefined();
    const staff = await userId('staff@fivefold.test');
    await db().insert(goodsLoans).values({ goodsId: goods.r.id, kind: 'lend', quantity: 2, borrowerName: '李阿姨', recordedBy: staff });
    const out = (await db().select().from(goodsLoans).where(eq(goodsLoans.goodsId, goods.r.id))).reduce((s, l) => s + (l.kind === 'give' || !l.returnedAt ? l.quantity : 0), 0);
    const form = {
      intent: 'save',
      kind: 'goods',
      name: goods.r.name,
      description: goods.r.description,
      placeId: goods.r.placeId,
      categories: goods.r.categories,
      providerType: goods.o.providerType,
      providerName: goods.o.providerName,
      quantity: String(out - 1),
      goodsMode: goods.o.goodsMode ?? 'lendable',
    };
    expect(status(await edit(goods.r.id, await cookieOf('staff2@fivefold.test')))).toBe(404);
    expect(status(await edit(goods.r.id, await cookieOf('staff2@fivefold.test'), { ...form, quantity: '99' }))).toBe(404);
    const staffCookie = await cookieOf('staff@fivefold.test');
    const tooFew = await edit(goods.r.id, staffCookie, form);
    expect(errorsOf(tooFew).quantity).toEqual(['resources.edit.belowOut']);
    expect((await db().select().from(offerDetails).where(eq(offerDetails.resourceId, goods.r.id)))[0].quantity).toBe(goods.o.quantity);
    // Changing the kind is not offered, and a forged one is refused.
    expect(status(await edit(goods.r.id, staffCookie, { ...form, kind: 'venue', quantity: String(out + 5) }))).toBe(200);
    expect(location(await edit(goods.r.id, staffCookie, { ...form, quantity: String(out + 5) }))).toContain('notice=resources.edit.saved');
    expect((await db().select().from(offerDetails).where(eq(offerDetails.resourceId, goods.r.id)))[0].quantity).toBe(out + 5);
    expect((await db().select().from(resources).where(eq(resources.id, goods.r.id)))[0].kind).toBe('goods');
  });

  it('a venue keeps its slot length while future bookings hold slots; its opening hours come back into the form', async () => {
    const [venue] = await db()
      .select({ r: resources, o: offerDetails })
      .from(resources)
      .innerJoin(offerDetails, eq(offerDetails.resourceId, resources.id))
      .where(and(eq(resources.kind, 'venue'), eq(resources.communityId, c1.id)))
      .limit(1);
    const hours = uniformHours(venue.o.availability);
    const form = {
      intent: 'save',
      kind: 'venue',
      name: venue.r.name,
      description: venue.r.description,
      placeId: venue.r.placeId,
      categories: venue.r.categories,
      providerType: venue.o.providerType,
      providerName: venue.o.providerName,
      capacity: String(venue.o.capacity),
      slotMinutes: String((venue.o.slotMinutes ?? 60) * 2),
      days: hours.days,
      opens: hours.opens,
      closes: hours.closes,
    };
    const booker = await userId('resident@fivefold.test');
    const start = new Date(Date.now() + 3 * 86_400_000);
    await db().insert(venueBookings).values({ venueId: venue.r.id, slotStart: start, slotEnd: new Date(start.getTime() + 3_600_000), bookedBy: booker, purpose: '合唱排练' });
    const owner = venue.r.ownerUserId ? await sessionCookieFor(venue.r.ownerUserId) : await cookieOf('staff@fivefold.test');
    const refused = await edit(venue.r.id, owner, form);
    expect(errorsOf(refused).slotMinutes).toEqual(['resources.edit.slotBooked']);
    const kept = await edit(venue.r.id, owner, { ...form, slotMinutes: String(venue.o.slotMinutes), capacity: String((venue.o.capacity ?? 10) + 5) });
    expect(location(kept)).toContain('notice=resources.edit.saved');
    const [after] = await db().select().from(offerDetails).where(eq(offerDetails.resourceId, venue.r.id));
    expect(after.capacity).toBe((venue.o.capacity ?? 10) + 5);
    if (hours.uniform) expect(after.availability).toEqual(venue.o.availability);
  });
});
