// Mass assignment: the forms and API endpoints that create or change things are posted fields they do not offer —
// roles, another community's place, a status, an amount, an owner, a verification, an id — and the rows they store
// keep what the server decides in those columns (or the request is refused). zod drops unknown keys; this test keeps
// it that way as schemas and services change.
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../db/client';
import { funds, needs, organisationProfiles, places, pledges, resources, roleAssignments, shiftSignups, shifts, topicComments, topics, users } from '../../db/schema';
import { seedDemo } from '../../db/seed/demo';
import { createApiToken } from '../../app/api/tokens.server';
import * as newNeed from '../../app/routes/needs.new';
import * as needPage from '../../app/routes/needs.$needId';
import * as signup from '../../app/routes/signup';
import * as account from '../../app/routes/account._index';
import * as newTopic from '../../app/routes/topics.new';
import * as topicPage from '../../app/routes/topics.$topicId';
import * as newOffer from '../../app/routes/resources.new';
import * as myOrg from '../../app/routes/my.organisation';
import * as editResource from '../../app/routes/resources.$resourceId_.edit';
import * as shiftPage from '../../app/routes/shifts.$shiftId._index';
import * as needsApi from '../../app/routes/api.v1.needs';
import * as topicsApi from '../../app/routes/api.v1.topics';
import * as resourcesApi from '../../app/routes/api.v1.resources';
import * as pledgesApi from '../../app/routes/api.v1.pledges';
import { useTestDatabase } from '../helpers/db';
import { callRoute as call, cookieOf, locationOf, statusOf } from '../helpers/routes';

useTestDatabase();

let c1: typeof places.$inferSelect;
let c2: typeof places.$inferSelect;
let building: string;
let resident: typeof users.$inferSelect;
let admin: typeof users.$inferSelect;
const forged = randomUUID();

/** The fields no form offers, posted with every request (form names and their snake_case API twins). */
function extras(): Record<string, string> {
  return {
    role: 'admin',
    roles: 'admin',
    status: 'closed',
    state: 'closed',
    stage: 'decided',
    amount: '99999999',
    amountMinor: '99999999',
    ownerUserId: admin.id,
    requesterUserId: admin.id,
    raisedByUserId: admin.id,
    authorUserId: admin.id,
    userId: admin.id,
    createdBy: admin.id,
    verified: 'true',
    verification: 'verified',
    verifiedAt: '2020-01-01T00:00:00Z',
    emailVerifiedAt: '2020-01-01T00:00:00Z',
    communityId: c2.id,
    id: forged,
  };
}
const snakeExtras = () => Object.fromEntries(Object.entries(extras()).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), v]));

async function api(fn: (args: never) => unknown, url: string, token: string, body: unknown, params: Record<string, string> = {}) {
  const request = new Request(`http://localhost${url}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await fn({ request, params, context: {} } as never)) as Response;
}

const rolesOf = async (userId: string) =>
  (await db().select({ role: roleAssignments.role, placeId: roleAssignments.placeId }).from(roleAssignments).where(eq(roleAssignments.userId, userId))).map((r) => r.role).sort();

beforeAll(async () => {
  await seedDemo();
  [c1] = await db().select().from(places).where(eq(places.nameZh, '锦华苑社区'));
  [c2] = await db().select().from(places).where(eq(places.nameZh, '老槐树社区'));
  [{ id: building }] = await db().select({ id: places.id }).from(places).where(eq(places.nameZh, '2号楼'));
  [resident] = await db().select().from(users).where(eq(users.email, 'resident@fivefold.test'));
  [admin] = await db().select().from(users).where(eq(users.email, 'admin@fivefold.test'));
});

describe('pages ignore fields their forms do not offer', () => {
  it('posting a need: status, requester, community, summary and id are the server\'s', async () => {
    const cookie = await cookieOf('resident@fivefold.test');
    const form = { ...extras(), placeId: building, title: '楼道灯坏了 mass', description: '三楼', category: 'repairs', urgency: 'normal', beneficiary: 'building', recurrence: 'once', publicSummary: '伪造的摘要', needType: 'service', mergedIntoId: forged };
    const res = await call(newNeed.action, '/needs/new', { cookie, form });
    expect(statusOf(res)).toBe(302);
    const [need] = await db().select().from(needs).where(eq(needs.title, '楼道灯坏了 mass'));
    expect(need.id).not.toBe(forged);
    expect(need).toMatchObject({ status: 'raised', requesterUserId: resident.id, raisedByUserId: resident.id, communityId: c1.id, channel: 'online', needType: null, mergedIntoId: null });
    expect(need.publicSummary).not.toBe('伪造的摘要');
  });

  it('the requester closing a need cannot move it elsewhere or set another status', async () => {
    const cookie = await cookieOf('resident@fivefold.test');
    const [need] = await db().select().from(needs).where(eq(needs.title, '楼道灯坏了 mass'));
    const before = need;
    const res = await call(needPage.action, `/needs/${need.id}`, { cookie, params: { needId: need.id }, form: { ...extras(), intent: 'close', placeId: c2.id, status: 'resolved', note: '已经修好了' } });
    expect(statusOf(res)).toBeLessThan(500);
    const [after] = await db().select().from(needs).where(eq(needs.id, need.id));
    expect(after).toMatchObject({ placeId: before.placeId, communityId: c1.id, requesterUserId: resident.id, title: before.title });
    expect(['raised', 'closed']).toContain(after.status);
  });

  it('signing up: no roles but resident, whatever is posted', async () => {
    const form = { ...extras(), name: '新居民', email: 'mass-new@example.test', password: 'a good long password', passwordRepeat: 'a good long password' };
    const res = await call(signup.action, '/signup', { form });
    expect(statusOf(res)).toBe(302);
    const [user] = await db().select().from(users).where(eq(users.email, 'mass-new@example.test'));
    expect(user.id).not.toBe(forged);
    expect(user.emailVerifiedAt).toBeNull();
    expect(await rolesOf(user.id)).toEqual(['resident']);
  });

  it('editing the account: name and language only', async () => {
    const cookie = await cookieOf('resident@fivefold.test');
    const res = await call(account.action, '/account', { cookie, form: { ...extras(), intent: 'profile', name: '李晓梅', locale: 'zh-CN', email: 'admin2@example.test', homePlaceId: c2.id, disabledAt: '' } });
    expect(statusOf(res)).toBeLessThan(400);
    const [after] = await db().select().from(users).where(eq(users.id, resident.id));
    expect(after).toMatchObject({ email: resident.email, homePlaceId: resident.homePlaceId, emailVerifiedAt: resident.emailVerifiedAt, disabledAt: null });
    expect(await rolesOf(resident.id)).toEqual(['resident']);
  });

  it('proposing a topic: a resident\'s goes to their home community, at the first stage', async () => {
    const cookie = await cookieOf('resident@fivefold.test');
    const other = await call(newTopic.action, '/topics/new', { cookie, form: { ...extras(), title: '别的社区 mass', problem: '不是我的社区', placeId: c2.id } });
    // Refused with a field error on the form; nothing stored.
    expect(locationOf(other)).toBeNull();
    expect(await db().select().from(topics).where(eq(topics.title, '别的社区 mass'))).toHaveLength(0);

    const res = await call(newTopic.action, '/topics/new', { cookie, form: { ...extras(), title: '加装电梯 mass', problem: '老人上下楼难。', councilId: forged, plan: '伪造的方案' } });
    expect(statusOf(res)).toBe(302);
    const [topic] = await db().select().from(topics).where(eq(topics.title, '加装电梯 mass'));
    expect(topic.id).not.toBe(forged);
    expect(topic.placeId).not.toBe(c2.id);
    expect(topic).toMatchObject({ stage: 'listed', origin: 'resident', plan: '' });
    expect(topic.councilId).not.toBe(forged);
  });

  it('commenting on a topic: the author is the one signed in, the comment visible and on this topic', async () => {
    const cookie = await cookieOf('resident@fivefold.test');
    const [topic] = await db().select().from(topics).where(eq(topics.title, '加装电梯 mass'));
    const res = await call(topicPage.action, `/topics/${topic.id}`, { cookie, params: { topicId: topic.id }, form: { ...extras(), intent: 'comment', body: '同意 mass', topicId: forged, status: 'removed', keptAt: '2020-01-01' } });
    expect(statusOf(res)).toBeLessThan(400);
    const [comment] = await db().select().from(topicComments).where(eq(topicComments.body, '同意 mass'));
    expect(comment).toMatchObject({ topicId: topic.id, authorUserId: resident.id, status: 'visible' });
    expect(comment.id).not.toBe(forged);
  });

  it('offering a venue: owner, status and community are the server\'s', async () => {
    const cookie = await cookieOf('resident@fivefold.test');
    const res = await call(newOffer.action, '/resources/new', {
      cookie,
      form: { ...extras(), kind: 'venue', offerType: 'service', name: '茶室 mass', placeId: building, providerType: 'resident', providerName: '李晓梅', capacity: '6', slotMinutes: '60', days: ['1', '2'], opens: '09:00', closes: '17:00', categories: ['culture_education'], placePath: '/', status: 'hidden' },
    });
    expect(statusOf(res)).toBe(302);
    const [row] = await db().select().from(resources).where(eq(resources.name, '茶室 mass'));
    expect(row.id).not.toBe(forged);
    expect(row).toMatchObject({ ownerUserId: resident.id, communityId: c1.id, status: 'active' });
    expect(row.placePath).not.toBe('/');
  });

  it('editing the offer: the owner changes what the form offers, not the owner, status or community', async () => {
    const cookie = await cookieOf('resident@fivefold.test');
    const [before] = await db().select().from(resources).where(eq(resources.name, '茶室 mass'));
    const res = await call(editResource.action, `/resources/${before.id}/edit`, {
      cookie,
      params: { resourceId: before.id },
      form: { ...extras(), intent: 'save', kind: 'venue', offerType: 'service', name: '茶室 mass 改', placeId: building, providerType: 'resident', providerName: '李晓梅', capacity: '8', slotMinutes: '60', days: ['1', '2'], opens: '09:00', closes: '17:00', categories: ['culture_education'], status: 'hidden', placePath: '/' },
    });
    expect(statusOf(res)).toBe(302);
    const [after] = await db().select().from(resources).where(eq(resources.id, before.id));
    expect(after).toMatchObject({ name: '茶室 mass 改', ownerUserId: resident.id, communityId: c1.id, status: before.status, placePath: before.placePath, kind: 'venue' });
  });

  it('triage by staff: the step decides the status; the requester and place stay', async () => {
    const cookie = await cookieOf('staff@fivefold.test');
    const raised = await call(newNeed.action, '/needs/new', { cookie: await cookieOf('resident@fivefold.test'), form: { placeId: building, title: '楼道堆物 mass', category: 'safety', urgency: 'normal', beneficiary: 'building', recurrence: 'once' } });
    expect(statusOf(raised)).toBe(302);
    const [need] = await db().select().from(needs).where(eq(needs.title, '楼道堆物 mass'));
    const res = await call(needPage.action, `/needs/${need.id}`, {
      cookie,
      params: { needId: need.id },
      form: { ...extras(), intent: 'triage', category: 'safety', urgency: 'normal', needType: 'routine', publicSummary: '楼道堆物', placeId: forged, status: 'closed' },
    });
    expect(statusOf(res)).toBe(302);
    const [after] = await db().select().from(needs).where(eq(needs.id, need.id));
    expect(after).toMatchObject({ status: 'triaged', needType: 'routine', requesterUserId: resident.id, placeId: need.placeId, communityId: c1.id });
  });

  it('registering an organisation: it starts unverified, owned by whoever registered it', async () => {
    const cookie = await cookieOf('resident@fivefold.test');
    const res = await call(myOrg.action, '/my/organisation', {
      cookie,
      form: { ...extras(), intent: 'create', name: '互助会 mass', placeId: c1.id, registrationStatus: 'registered', registrationNumber: '52330100MJ7654321X', categories: ['elderly_care'], contactPhone: '0571-88888888', verifiedBy: admin.id },
    });
    expect(statusOf(res)).toBe(302);
    const [row] = await db().select().from(resources).where(eq(resources.name, '互助会 mass'));
    const [profile] = await db().select().from(organisationProfiles).where(eq(organisationProfiles.resourceId, row.id));
    expect(row.ownerUserId).toBe(resident.id);
    expect(profile).toMatchObject({ verification: 'unverified', verifiedBy: null, verifiedAt: null });
  });

  it('signing up for a shift: the volunteer signs only themselves up, with the status the rules give', async () => {
    const cookie = await cookieOf('volunteer@fivefold.test');
    const [volunteer] = await db().select().from(users).where(eq(users.email, 'volunteer@fivefold.test'));
    const [shift] = await db().select().from(shifts).where(and(eq(shifts.title, '长者助餐送餐'), eq(shifts.status, 'open'))).orderBy(desc(shifts.startsAt)).limit(1);
    const res = await call(shiftPage.action, `/shifts/${shift.id}`, { cookie, params: { shiftId: shift.id }, form: { ...extras(), intent: 'signup', status: 'attended', volunteerId: forged, signedUpBy: admin.id, hours: '100' } });
    expect(statusOf(res)).toBeLessThan(500);
    const rows = await db().select().from(shiftSignups).where(eq(shiftSignups.shiftId, shift.id)).orderBy(asc(shiftSignups.createdAt));
    expect(rows.some((r) => r.userId === admin.id || r.signedUpBy === admin.id || r.id === forged)).toBe(false);
    expect(rows.filter((r) => r.userId === volunteer.id)).toHaveLength(1);
    for (const r of rows.filter((r) => r.userId === volunteer.id)) expect(['booked', 'waitlisted']).toContain(r.status);
  });
});

describe('the API ignores fields it does not document', () => {
  let token: string;
  beforeAll(async () => {
    ({ token } = await createApiToken({ userId: resident.id }, 'mass-assignment'));
  });

  it('POST /api/v1/needs', async () => {
    const res = await api(needsApi.action, '/api/v1/needs', token, { ...snakeExtras(), place_id: building, title: '楼道堆物 mass api', description: '', category: 'safety', urgency: 'normal', public_summary: '伪造', need_type: 'service' });
    expect(res.status).toBe(201);
    const [need] = await db().select().from(needs).where(eq(needs.title, '楼道堆物 mass api'));
    expect(need.id).not.toBe(forged);
    expect(need).toMatchObject({ status: 'raised', requesterUserId: resident.id, communityId: c1.id, needType: null });
    expect(need.publicSummary).not.toBe('伪造');
  });

  it('POST /api/v1/topics', async () => {
    const elsewhere = await api(topicsApi.action, '/api/v1/topics', token, { ...snakeExtras(), title: '别处 mass api', problem: '不是我的社区', place_id: c2.id });
    expect(elsewhere.status).toBeGreaterThanOrEqual(400);
    expect(elsewhere.status).toBeLessThan(500);
    const res = await api(topicsApi.action, '/api/v1/topics', token, { ...snakeExtras(), title: '路灯 mass api', problem: '晚上太黑' });
    expect(res.status).toBe(201);
    const [topic] = await db().select().from(topics).where(eq(topics.title, '路灯 mass api'));
    expect(topic).toMatchObject({ stage: 'listed', origin: 'resident' });
    expect(topic.placeId).not.toBe(c2.id);
    expect(topic.id).not.toBe(forged);
  });

  it('POST /api/v1/resources', async () => {
    const res = await api(resourcesApi.action, '/api/v1/resources', token, {
      ...snakeExtras(),
      kind: 'organisation',
      name: '读书会 mass api',
      place_id: c1.id,
      registration_status: 'informal',
      categories: ['culture_education'],
      contact_phone: '0571-88886666',
      verified_by: admin.id,
    });
    expect(res.status).toBeLessThan(300);
    const [row] = await db().select().from(resources).where(eq(resources.name, '读书会 mass api'));
    expect(row.id).not.toBe(forged);
    expect(row.ownerUserId).toBe(resident.id);
    const [profile] = await db().select().from(organisationProfiles).where(eq(organisationProfiles.resourceId, row.id));
    expect(profile).toMatchObject({ verification: 'unverified', verifiedBy: null });
  });

  it('POST /api/v1/pledges refuses fields it does not know, and stores nothing', async () => {
    const [fund] = await db().select({ id: funds.id }).from(funds).where(eq(funds.status, 'active')).limit(1);
    const count = async () => (await db().select({ id: pledges.id }).from(pledges)).length;
    const before = await count();
    const body = { fund_id: fund.id, amount_minor: 10000, pledger_name: '李晓梅', due_at: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10) };
    const res = await api(pledgesApi.action, '/api/v1/pledges', token, { ...body, status: 'fulfilled', user_id: admin.id, id: forged });
    expect(res.status).toBe(400);
    expect(await count()).toBe(before);
  });
});

describe('another community is no place for a resident\'s need', () => {
  it('a need raised at a place in another community belongs to that community, not to one named in the body', async () => {
    const cookie = await cookieOf('resident@fivefold.test');
    const [c2place] = await db().select().from(places).where(eq(places.parentId, c2.id)).limit(1);
    const res = await call(newNeed.action, '/needs/new', { cookie, form: { placeId: c2place.id, communityId: c1.id, title: '隔壁社区 mass', category: 'repairs', urgency: 'normal', beneficiary: 'building', recurrence: 'once' } });
    if (locationOf(res)) {
      const [need] = await db().select().from(needs).where(eq(needs.title, '隔壁社区 mass'));
      expect(need.communityId).toBe(c2.id);
    }
  });
});
