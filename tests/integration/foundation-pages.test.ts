// Pages of the foundation as people use them: bad input is refused with field messages and stores nothing,
// staff manage places and households inside their scope, acting on behalf is recorded with both people.
import { and, count, eq, like } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../db/client';
import { auditEvents, householdMembers, households, places, roleAssignments, sessions, users } from '../../db/schema';
import { seedDemo } from '../../db/seed/demo';
import * as signup from '../../app/routes/signup';
import * as newPlace from '../../app/routes/admin.places.$placeId.new';
import * as placePage from '../../app/routes/admin.places.$placeId._index';
import * as householdsPage from '../../app/routes/admin.places.$placeId.households';
import * as householdPage from '../../app/routes/admin.households.$householdId';
import * as personPage from '../../app/routes/admin.users.$userId';
import * as acting from '../../app/routes/acting';
import * as mailboxPage from '../../app/routes/dev.mailbox';
import * as healthz from '../../app/routes/healthz';
import { loader as rootLoader } from '../../app/root';
import { useTestDatabase } from '../helpers/db';
import { requestWith, sessionCookieFor } from '../helpers/factories';

useTestDatabase();

const form = (fields: Record<string, string>) => new URLSearchParams(fields);
const post = (cookie: string | null, path: string, fields: Record<string, string>) =>
  requestWith(cookie, path, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form(fields) });

async function outcome(call: () => Promise<unknown>): Promise<{ status: number; location?: string | null; data?: unknown }> {
  try {
    const result = await call();
    if (result instanceof Response) return { status: result.status, location: result.headers.get('Location') };
    return { status: 200, data: result };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get('Location') };
    throw thrown;
  }
}

let staff: string;
let staff2: string;
let resident: string;
let community1: typeof places.$inferSelect;
let building1: typeof places.$inferSelect;

beforeAll(async () => {
  await seedDemo();
  const byEmail = async (email: string) => (await db().select().from(users).where(eq(users.email, email)))[0];
  staff = await sessionCookieFor((await byEmail('staff@fivefold.test')).id);
  staff2 = await sessionCookieFor((await byEmail('staff2@fivefold.test')).id);
  resident = await sessionCookieFor((await byEmail('resident@fivefold.test')).id);
  [community1] = await db().select().from(places).where(eq(places.nameZh, '锦华苑社区'));
  [building1] = await db().select().from(places).where(and(eq(places.type, 'building'), like(places.path, `${community1.path}%`))).limit(1);
});

describe('sign-up with bad input', () => {
  it('answers with a message for each field and creates nobody', async () => {
    const [before] = await db().select({ n: count() }).from(users);
    const result = await outcome(() => signup.action({ request: post(null, '/signup', { email: 'not-an-email', name: '', password: 'short', passwordRepeat: 'other' }), params: {}, context: {} }));
    expect(result.status).toBe(200);
    const reply = result.data as { error: Record<string, string[]> };
    expect(reply.error.email).toEqual(['v.email']);
    expect(reply.error.name).toEqual(['v.required']);
    expect(reply.error.password).toEqual(['v.passwordLength']);
    const [after] = await db().select({ n: count() }).from(users);
    expect(after.n).toBe(before.n);
  });

  it('never sends the password back to the page', async () => {
    const result = await outcome(() => signup.action({ request: post(null, '/signup', { email: 'x@y.test', name: 'X', password: 'a-long-enough-secret', passwordRepeat: 'different-secret!' }), params: {}, context: {} }));
    expect(JSON.stringify(result.data)).not.toContain('a-long-enough-secret');
  });
});

describe('places', () => {
  it('staff add a grid to their community; the new place is audited', async () => {
    const result = await outcome(() =>
      newPlace.action({ request: post(staff, `/admin/places/${community1.id}/new`, { type: 'grid', nameZh: '第四网格', nameEn: 'Grid 4' }), params: { placeId: community1.id }, context: {} }),
    );
    expect(result.status).toBe(302);
    const [grid] = await db().select().from(places).where(eq(places.nameZh, '第四网格'));
    expect(grid.parentId).toBe(community1.id);
    expect(grid.path.startsWith(community1.path)).toBe(true);
    expect(result.location).toBe(`/admin/places/${grid.id}?notice=places.created`);
    const [event] = await db().select().from(auditEvents).where(and(eq(auditEvents.action, 'place.create'), eq(auditEvents.subjectId, grid.id)));
    expect(event).toBeTruthy();
  });

  it('refuses a kind of place that cannot sit inside this one, storing nothing', async () => {
    const [before] = await db().select({ n: count() }).from(places);
    const result = await outcome(() =>
      newPlace.action({ request: post(staff, `/admin/places/${community1.id}/new`, { type: 'street', nameZh: '错', nameEn: 'Wrong' }), params: { placeId: community1.id }, context: {} }),
    );
    expect(result.status).toBe(200);
    expect((result.data as { error: Record<string, string[]> }).error.type).toEqual(['v.invalid']);
    const [after] = await db().select({ n: count() }).from(places);
    expect(after.n).toBe(before.n);
  });

  it('saves community settings and rejects an impossible threshold without changing anything', async () => {
    const bad = await outcome(() =>
      placePage.action({ request: post(staff, `/admin/places/${community1.id}`, { intent: 'update', nameZh: '锦华苑社区', nameEn: 'Jinhuayuan Community', voteThresholdPercent: '150' }), params: { placeId: community1.id }, context: {} }),
    );
    expect(bad.status).toBe(200);
    expect((bad.data as { error: Record<string, string[]> }).error.voteThresholdPercent).toEqual(['v.invalid']);
    const good = await outcome(() =>
      placePage.action({ request: post(staff, `/admin/places/${community1.id}`, { intent: 'update', nameZh: '锦华苑社区', nameEn: 'Jinhuayuan Community', voteThresholdPercent: '67', householdShareYuan: '300' }), params: { placeId: community1.id }, context: {} }),
    );
    expect(good.status).toBe(302);
    const [after] = await db().select().from(places).where(eq(places.id, community1.id));
    expect(after.settings).toMatchObject({ voteThresholdPercent: 67, householdShareMinor: 30_000 });
  });

  it('a resident gets 403 on a staff page, and staff of another community too', async () => {
    const asResident = await outcome(() => placePage.loader({ request: requestWith(resident, `/admin/places/${community1.id}`), params: { placeId: community1.id }, context: {} }));
    expect(asResident.status).toBe(403);
    const asStaff2 = await outcome(() => placePage.loader({ request: requestWith(staff2, `/admin/places/${community1.id}`), params: { placeId: community1.id }, context: {} }));
    expect(asStaff2.status).toBe(403);
    const anonymous = await outcome(() => placePage.loader({ request: requestWith(null, `/admin/places/${community1.id}`), params: { placeId: community1.id }, context: {} }));
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toContain('/login?redirectTo=');
  });
});

describe('the household register', () => {
  it('staff register a household and its members; the first adult votes for it; viewing it is audited', async () => {
    const created = await outcome(() => householdsPage.action({ request: post(staff, `/admin/places/${building1.id}/households`, { unit: '3单元 1201' }), params: { placeId: building1.id }, context: {} }));
    expect(created.status).toBe(302);
    const [hh] = await db().select().from(households).where(eq(households.unit, '3单元 1201'));
    const add = (fields: Record<string, string>) =>
      outcome(() => householdPage.action({ request: post(staff, `/admin/households/${hh.id}`, { intent: 'addMember', ...fields }), params: { householdId: hh.id }, context: {} }));
    expect((await add({ name: '周小宝', relation: 'child', birthYear: '2019' })).status).toBe(302); // no isAdult: a child
    expect((await add({ name: '周建国', relation: 'head', birthYear: '1975', isAdult: 'on', phone: '13800001111' })).status).toBe(302);
    const bad = await add({ name: '', relation: 'cousin', birthYear: '1800', phone: 'call me' });
    expect(bad.status).toBe(200);
    expect(Object.keys((bad.data as { error: Record<string, string[]> }).error).sort()).toEqual(['birthYear', 'name', 'phone', 'relation']);
    const members = await db().select().from(householdMembers).where(eq(householdMembers.householdId, hh.id));
    expect(members.map((m) => [m.name, m.votesForHousehold])).toEqual(
      expect.arrayContaining([
        ['周小宝', false],
        ['周建国', true],
      ]),
    );
    expect(members).toHaveLength(2);
    // A child cannot be made the household's voter.
    const child = members.find((m) => m.name === '周小宝')!;
    const refused = await outcome(() => householdPage.action({ request: post(staff, `/admin/households/${hh.id}`, { intent: 'setVoter', memberId: child.id }), params: { householdId: hh.id }, context: {} }));
    expect((refused.data as { error: Record<string, string[]> }).error['']).toEqual(['households.voterMustBeAdult']);
    const [reads] = await db().select({ n: count() }).from(auditEvents).where(and(eq(auditEvents.action, 'household.read_private'), eq(auditEvents.subjectId, hh.id)));
    const page = await outcome(() => householdPage.loader({ request: requestWith(staff, `/admin/households/${hh.id}`), params: { householdId: hh.id }, context: {} }));
    expect(page.status).toBe(200);
    const [readsAfter] = await db().select({ n: count() }).from(auditEvents).where(and(eq(auditEvents.action, 'household.read_private'), eq(auditEvents.subjectId, hh.id)));
    expect(Number(readsAfter.n)).toBe(Number(reads.n) + 1);
  });
});

describe('acting on behalf', () => {
  it('the registered daughter acts for her mother; the banner and the audit trail name both', async () => {
    const [elder] = await db().select().from(users).where(eq(users.name, '王秀英'));
    const started = await outcome(() => acting.action({ request: post(resident, '/acting', { intent: 'start', userId: elder.id }), params: {}, context: {} }));
    expect(started.status).toBe(302);
    const root = (await rootLoader({ request: requestWith(resident, '/'), params: {}, context: {} })) as { user: { name: string; actingFor: string | null } };
    expect(root.user).toMatchObject({ name: '李晓梅', actingFor: '王秀英' });
    const [event] = await db().select().from(auditEvents).where(and(eq(auditEvents.action, 'acting.start'), eq(auditEvents.onBehalfOfUserId, elder.id)));
    const [daughter] = await db().select().from(users).where(eq(users.email, 'resident@fivefold.test'));
    expect(event.actorUserId).toBe(daughter.id);
    await acting.action({ request: post(resident, '/acting', { intent: 'stop' }), params: {}, context: {} });
    const after = (await rootLoader({ request: requestWith(resident, '/'), params: {}, context: {} })) as { user: { actingFor: string | null } };
    expect(after.user.actingFor).toBeNull();
  });

  it('staff of the elder\'s community may act for her; staff of another community may not', async () => {
    const [elder] = await db().select().from(users).where(eq(users.name, '王秀英'));
    expect((await outcome(() => acting.action({ request: post(staff, '/acting', { intent: 'start', userId: elder.id }), params: {}, context: {} }))).status).toBe(302);
    expect((await outcome(() => acting.action({ request: post(staff2, '/acting', { intent: 'start', userId: elder.id }), params: {}, context: {} }))).status).toBe(403);
    const live = await db().select().from(sessions).where(eq(sessions.actingForUserId, elder.id));
    expect(live).toHaveLength(1);
  });
});

describe('roles', () => {
  it('community staff grant a volunteer role in their community but cannot make someone staff or reach another community', async () => {
    const [community2] = await db().select().from(places).where(eq(places.nameZh, '老槐树社区'));
    const [resident1] = await db().select().from(users).where(eq(users.email, 'resident@fivefold.test'));
    const grantTo = (userId: string, role: string, placeId: string) =>
      outcome(() => personPage.action({ request: post(staff, `/admin/users/${userId}`, { intent: 'grant', role, placeId }), params: { userId }, context: {} }));
    expect((await grantTo(resident1.id, 'volunteer', community1.id)).status).toBe(302);
    const refusedPeer = await grantTo(resident1.id, 'community_staff', community1.id);
    expect((refusedPeer.data as { error: Record<string, string[]> }).error['']).toEqual(['users.cannotGrant']);
    const refusedElsewhere = await grantTo(resident1.id, 'volunteer', community2.id);
    expect((refusedElsewhere.data as { error: Record<string, string[]> }).error['']).toEqual(['users.cannotGrant']);
    const held = await db().select().from(roleAssignments).where(eq(roleAssignments.userId, resident1.id));
    expect(held.map((r) => r.role).sort()).toEqual(['resident', 'volunteer']);
  });
});

describe('operations pages', () => {
  it('/healthz reports the database as JSON', async () => {
    const res = await healthz.loader();
    const body = await res.json();
    expect(body.database).toMatchObject({ ok: true });
    expect(['ok', 'degraded']).toContain(body.status);
  });

  it('the development mailbox does not exist in production', async () => {
    const old = process.env.NODE_ENV;
    const registry = globalThis as Record<symbol, unknown>;
    const key = Symbol.for('fivefold.env');
    const saved = registry[key];
    try {
      process.env.NODE_ENV = 'production';
      registry[key] = undefined;
      process.env.SESSION_SECRET ??= 'x'.repeat(40);
      process.env.TOTP_ENCRYPTION_KEY ??= 'b'.repeat(64);
      const result = await outcome(() => mailboxPage.loader({ request: requestWith(null, '/dev/mailbox'), params: {}, context: {} }));
      expect(result.status).toBe(404);
    } finally {
      process.env.NODE_ENV = old;
      registry[key] = saved;
    }
  });
});
