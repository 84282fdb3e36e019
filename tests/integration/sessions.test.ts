// Sessions end when idle too long or too old, and sooner for people who handle others' data or money.
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../db/client';
import { notifications, roleAssignments, sessions } from '../../db/schema';
import { sha256 } from '../../app/auth/crypto.server';
import { readSessionToken, startSession } from '../../app/auth/session.server';
import { getPrincipal } from '../../app/permissions/permissions.server';
import { loadRoles } from '../../app/permissions/principal.server';
import { inRequestScope } from '../../app/utils/request-scope.server';
import { useTestDatabase } from '../helpers/db';
import { createPlace, createUser, requestWith, sessionCookieFor } from '../helpers/factories';

useTestDatabase();

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(Date.now() - ms);

let communityId: string;
beforeAll(async () => {
  communityId = (await createPlace({ type: 'community' })).id;
});

const resident = () => createUser();
const staff = () => createUser({ roles: [{ role: 'community_staff', placeId: communityId }] });

async function signedIn(userId: string) {
  const cookie = await sessionCookieFor(userId);
  const token = await readSessionToken(requestWith(cookie));
  return { cookie, id: sha256(token!) };
}

const signedInUser = async (cookie: string) => (await getPrincipal(requestWith(cookie)))?.user.id ?? null;
const row = async (id: string) => (await db().select().from(sessions).where(eq(sessions.id, id)))[0];
const age = (id: string, fields: { createdAt?: Date; lastSeenAt?: Date }) => db().update(sessions).set(fields).where(eq(sessions.id, id));

describe('idle timeout', () => {
  it('ends a resident’s session after 14 idle days, and records when', async () => {
    const user = await resident();
    const session = await signedIn(user.id);
    await age(session.id, { createdAt: ago(20 * DAY), lastSeenAt: ago(14 * DAY + MINUTE) });
    expect(await signedInUser(session.cookie)).toBeNull();
    expect((await row(session.id)).endedAt).toBeInstanceOf(Date);
  });

  it('keeps a resident’s session idle for a week, and using it resets the idle clock', async () => {
    const user = await resident();
    const session = await signedIn(user.id);
    await age(session.id, { createdAt: ago(8 * DAY), lastSeenAt: ago(7 * DAY) });
    expect(await signedInUser(session.cookie)).toBe(user.id);
    expect((await row(session.id)).lastSeenAt.getTime()).toBeGreaterThan(Date.now() - MINUTE);
  });

  it('ends a staff member’s session after an idle hour that a resident’s would survive', async () => {
    const member = await staff();
    const neighbour = await resident();
    const staffSession = await signedIn(member.id);
    const residentSession = await signedIn(neighbour.id);
    for (const s of [staffSession, residentSession]) await age(s.id, { lastSeenAt: ago(HOUR + MINUTE) });
    expect(await signedInUser(staffSession.cookie)).toBeNull();
    expect(await signedInUser(residentSession.cookie)).toBe(neighbour.id);
  });

  it('keeps a staff member who is active within each hour signed in for longer than an hour', async () => {
    const member = await staff();
    const session = await signedIn(member.id);
    await age(session.id, { createdAt: ago(5 * HOUR), lastSeenAt: ago(50 * MINUTE) });
    expect(await signedInUser(session.cookie)).toBe(member.id);
    expect((await row(session.id)).lastSeenAt.getTime()).toBeGreaterThan(Date.now() - MINUTE);
  });
});

describe('absolute timeout', () => {
  it('ends a resident’s session 30 days after login however active they are', async () => {
    const user = await resident();
    const session = await signedIn(user.id);
    await age(session.id, { createdAt: ago(30 * DAY + MINUTE), lastSeenAt: ago(MINUTE) });
    expect(await signedInUser(session.cookie)).toBeNull();
  });

  it('ends a staff member’s session 12 hours after login, where a resident’s lives on', async () => {
    const member = await staff();
    const neighbour = await resident();
    const staffSession = await signedIn(member.id);
    const residentSession = await signedIn(neighbour.id);
    for (const s of [staffSession, residentSession]) await age(s.id, { createdAt: ago(12 * HOUR + MINUTE), lastSeenAt: ago(MINUTE) });
    expect(await signedInUser(staffSession.cookie)).toBeNull();
    expect(await signedInUser(residentSession.cookie)).toBe(neighbour.id);
  });

  it('applies the shorter limit to someone promoted after they signed in', async () => {
    const user = await resident();
    const session = await signedIn(user.id);
    await db().insert(roleAssignments).values({ userId: user.id, role: 'grid_worker', placeId: communityId });
    await age(session.id, { createdAt: ago(13 * HOUR), lastSeenAt: ago(MINUTE) });
    expect(await signedInUser(session.cookie)).toBeNull();
  });

  it('stays ended once ended, even if the clock rows are moved back', async () => {
    const user = await resident();
    const session = await signedIn(user.id);
    await age(session.id, { lastSeenAt: ago(15 * DAY) });
    expect(await signedInUser(session.cookie)).toBeNull();
    await age(session.id, { lastSeenAt: new Date() });
    expect(await signedInUser(session.cookie)).toBeNull();
  });
});

describe('session cookies', () => {
  it('tells the browser to keep a staff cookie no longer than the staff session can live', async () => {
    const member = await staff();
    const neighbour = await resident();
    const staffCookie = await startSession(db(), member.id, true);
    const residentCookie = await startSession(db(), neighbour.id, false);
    expect(staffCookie).toMatch(/Max-Age=43200/);
    expect(residentCookie).toMatch(/Max-Age=2592000/);
  });
});

describe('one look-up per page', () => {
  it('reads the person, their roles and their unread notifications with the session', async () => {
    const member = await staff();
    await db().insert(notifications).values([
      { userId: member.id, messageKey: 'needs.notify.dispatched', subjectType: 'need' },
      { userId: member.id, messageKey: 'needs.notify.dispatched', subjectType: 'need', readAt: new Date() },
    ]);
    const session = await signedIn(member.id);
    const principal = await getPrincipal(requestWith(session.cookie));
    expect(principal?.roles).toEqual([expect.objectContaining({ role: 'community_staff', placeId: communityId })]);
    expect(principal?.roles[0].placePath).toMatch(new RegExp(`${communityId}/$`));
    expect(principal?.unreadNotifications).toBe(1);
    expect(principal?.roles).toEqual(await loadRoles(member.id));
    // A revoked role is gone; a person left with none has an empty list.
    await db().update(roleAssignments).set({ revokedAt: new Date() }).where(eq(roleAssignments.userId, member.id));
    expect((await getPrincipal(requestWith(session.cookie)))?.roles).toEqual([]);
  });

  it('shares the caller between the loaders of one page, each of which Remix hands its own copy of the request', async () => {
    const user = await resident();
    const { cookie } = await signedIn(user.id);
    const [a, b] = await inRequestScope(() => Promise.all([getPrincipal(requestWith(cookie, '/needs')), getPrincipal(requestWith(cookie, '/needs'))]));
    expect(a).not.toBeNull();
    expect(b).toBe(a);
    // Another request reads afresh (the session may have ended in between), and so does each copy of a form post.
    const other = await inRequestScope(() => getPrincipal(requestWith(cookie, '/needs')));
    expect(other).not.toBe(a);
    const [p, q] = await inRequestScope(() =>
      Promise.all([getPrincipal(requestWith(cookie, '/needs/new', { method: 'POST' })), getPrincipal(requestWith(cookie, '/needs/new', { method: 'POST' }))]),
    );
    expect(p?.user.id).toBe(user.id);
    expect(q).not.toBe(p);
    // Different people in one process never share: the cookie is part of the key.
    const neighbour = await resident();
    const [mine, theirs] = await inRequestScope(async () => [
      await getPrincipal(requestWith(cookie)),
      await getPrincipal(requestWith((await signedIn(neighbour.id)).cookie)),
    ]);
    expect(mine?.user.id).toBe(user.id);
    expect(theirs?.user.id).toBe(neighbour.id);
  });
});
