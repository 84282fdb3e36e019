// Shifts through the JSON API: publish, list, sign up (a spot, a waitlist place, a refusal with its reason), cancel,
// check in and out, and the hours record; the document describes every path.
import { Validator } from '@seriousme/openapi-schema-validator';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../app/api/tokens.server';
import { db } from '../../db/client';
import { shiftSignups } from '../../db/schema';
import * as meHours from '../../app/routes/api.v1.me.hours';
import * as openapiRoute from '../../app/routes/api.v1.openapi[.json]';
import * as one from '../../app/routes/api.v1.shifts.$shiftId';
import * as checkins from '../../app/routes/api.v1.shifts.$shiftId.checkins';
import * as signups from '../../app/routes/api.v1.shifts.$shiftId.signups';
import * as mine from '../../app/routes/api.v1.shifts.$shiftId.signups.me';
import * as list from '../../app/routes/api.v1.shifts';
import { useTestDatabase } from '../helpers/db';
import { createUser } from '../helpers/factories';
import { createVolunteers, insertShift, shiftWorld } from '../helpers/shifts';

useTestDatabase();

let world: Awaited<ReturnType<typeof shiftWorld>>;
const tokens: Record<string, string> = {};
let people: Awaited<ReturnType<typeof createVolunteers>>;

beforeAll(async () => {
  world = await shiftWorld();
  people = await createVolunteers(3, world.community, world.community.id);
  tokens.organiser = (await createApiToken({ userId: world.organiser.id }, 'test')).token;
  for (const [i, p] of people.entries()) tokens[`v${i}`] = (await createApiToken({ userId: p.userId }, 'test')).token;
  tokens.resident = (await createApiToken({ userId: (await createUser()).id }, 'test')).token;
});

function req(url: string, init: { who?: string; method?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = {};
  if (init.who) headers.Authorization = `Bearer ${tokens[init.who]}`;
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  return new Request(`http://localhost/api/v1${url}`, { method: init.method ?? (init.body === undefined ? 'GET' : 'POST'), headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const call = async (fn: (args: any) => Promise<Response> | Response, request: Request, params: Record<string, string> = {}) => {
  const res = await fn({ request, params, context: {} });
  return { status: res.status, body: await res.json() };
};

describe('shifts API', () => {
  it('publishes shifts for organisers only, with field errors for bad input', async () => {
    const body = { title: '四点半课堂', role: '辅导员', spots: 1, waitlist_limit: 1, place_id: world.community.id, date: '2031-05-06', start_time: '16:30', end_time: '18:00', skills: ['tutoring'] };
    expect((await call(list.action, req('/shifts', { body }))).status).toBe(401);
    expect((await call(list.action, req('/shifts', { who: 'resident', body }))).status).toBe(403);
    const bad = await call(list.action, req('/shifts', { who: 'organiser', body: { ...body, spots: 0, end_time: '15:00', skills: ['juggling'] } }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    expect(Object.keys(bad.body.error.fields)).toEqual(expect.arrayContaining(['spots', 'skills.0']));
    const created = await call(list.action, req('/shifts', { who: 'organiser', body }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ title: '四点半课堂', spots: 1, free_spots: 1, starts_at: '2031-05-06T08:30:00.000Z', timing: 'fixed' });
    const listed = await call(list.loader, req(`/shifts?community=${world.community.id}&from=2031-05-01T00:00:00Z`));
    expect(listed.body.data.map((s: { id: string }) => s.id)).toContain(created.body.id);
    expect((await call(list.loader, req('/shifts?skill=juggling'))).status).toBe(400);
  });

  it('answers whether the caller got a spot or a waitlist place, refuses with the reason, and cancels', async () => {
    const shift = await insertShift(world, { spots: 1, waitlistLimit: 1 });
    const params = { shiftId: shift.id };
    const first = await call(signups.action, req(`/shifts/${shift.id}/signups`, { who: 'v0', method: 'POST' }), params);
    expect(first).toMatchObject({ status: 201, body: { outcome: 'booked', position: null } });
    const second = await call(signups.action, req(`/shifts/${shift.id}/signups`, { who: 'v1', method: 'POST' }), params);
    expect(second).toMatchObject({ status: 201, body: { outcome: 'waitlisted', position: 1 } });
    const third = await call(signups.action, req(`/shifts/${shift.id}/signups`, { who: 'v2', method: 'POST' }), params);
    expect(third.status).toBe(409);
    expect(third.body.error.fields.reason).toEqual(['full']);
    const open = await insertShift(world, { spots: 1 });
    const noProfile = await call(signups.action, req(`/shifts/${open.id}/signups`, { who: 'resident', method: 'POST' }), { shiftId: open.id });
    expect(noProfile.status).toBe(403);
    expect(noProfile.body.error.fields.reason).toEqual(['no_profile']);
    const seen = await call(one.loader, req(`/shifts/${shift.id}`, { who: 'v1' }), params);
    expect(seen.body).toMatchObject({ booked: 1, waitlisted: 1, my_signup: { status: 'waitlisted', position: 1 } });
    expect(JSON.stringify(seen.body)).not.toContain(people[0].email);
    const cancelled = await call(mine.action, req(`/shifts/${shift.id}/signups/me?reason=illness`, { who: 'v0', method: 'DELETE' }), params);
    expect(cancelled).toMatchObject({ status: 200, body: { cancelled: true } });
    const promoted = await call(one.loader, req(`/shifts/${shift.id}`, { who: 'v1' }), params);
    expect(promoted.body.my_signup.status).toBe('booked');
    expect((await call(mine.action, req(`/shifts/${shift.id}/signups/me`, { who: 'v0', method: 'DELETE' }), params)).status).toBe(404);
    expect((await call(mine.action, req(`/shifts/${shift.id}/signups/me?reason=bored`, { who: 'v1', method: 'DELETE' }), params)).status).toBe(400);
  });

  it('checks in by code and out, and the hours show on /me/hours', async () => {
    const startsAt = new Date(Date.now() - 30 * 60_000);
    const shift = await insertShift(world, { startsAt, endsAt: new Date(startsAt.getTime() + 2 * 3_600_000), checkinCode: '654321' });
    const params = { shiftId: shift.id };
    expect((await call(checkins.action, req(`/shifts/${shift.id}/checkins`, { who: 'v2', body: { code: '654321' } }), params)).status).toBe(404);
    // A spot taken before it began.
    const [signup] = await db().insert(shiftSignups).values({ shiftId: shift.id, userId: people[2].userId, volunteerId: people[2].volunteerId, status: 'booked', signedUpBy: people[2].userId }).returning();
    const wrong = await call(checkins.action, req(`/shifts/${shift.id}/checkins`, { who: 'v2', body: { code: '111111' } }), params);
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields.code).toBeDefined();
    expect((await call(checkins.action, req(`/shifts/${shift.id}/checkins`, { who: 'v2', body: { code: '654321' } }), params)).status).toBe(201);
    // Served from the start: move the check-in back so the check-out records time.
    await db().update(shiftSignups).set({ checkedInAt: startsAt }).where(eq(shiftSignups.id, signup.id));
    const out = await call(checkins.action, req(`/shifts/${shift.id}/checkins`, { who: 'organiser', body: { signup_id: signup.id, action: 'out' } }), params);
    expect(out.status).toBe(201);
    const hours = await call(meHours.loader, req('/me/hours', { who: 'v2' }));
    expect(hours.status).toBe(200);
    expect(hours.body.entries[0]).toMatchObject({ status: 'certified', source: 'attendance', shift_id: shift.id });
    expect(hours.body.entries[0].hours).toBeGreaterThanOrEqual(0.5);
    expect(hours.body.totals.certified).toBe(hours.body.entries[0].hours);
    expect((await call(meHours.loader, req('/me/hours'))).status).toBe(401);
  });

  it('documents every shift path in a valid OpenAPI document', async () => {
    const doc = await (await openapiRoute.loader()).json();
    for (const p of ['/shifts', '/shifts/{shiftId}', '/shifts/{shiftId}/signups', '/shifts/{shiftId}/signups/me', '/shifts/{shiftId}/checkins', '/me/hours']) expect(doc.paths[p], p).toBeDefined();
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });
});
