// The needs pages as residents, volunteers and staff use them: raising by form (signed in, anonymously, for someone
// else), the steps on a need's page, "my needs", the triage queue — and no private field on a page for anyone not entitled.
import { and, desc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../db/client';
import { auditEvents, needEvents, needPrivateDetails, needs, places, users } from '../../db/schema';
import { seedDemo } from '../../db/seed/demo';
import * as listPage from '../../app/routes/needs._index';
import * as newPage from '../../app/routes/needs.new';
import * as needPage from '../../app/routes/needs.$needId';
import * as myPage from '../../app/routes/my.needs';
import * as triagePage from '../../app/routes/staff.triage';
import { useTestDatabase } from '../helpers/db';
import { requestWith, sessionCookieFor } from '../helpers/factories';

useTestDatabase();

const cookies = new Map<string, string>();
const ids = new Map<string, string>();
let building: string;

beforeAll(async () => {
  await seedDemo();
  for (const who of ['resident', 'volunteer', 'staff', 'staff2', 'socialworker']) {
    const [u] = await db().select({ id: users.id }).from(users).where(eq(users.email, `${who}@fivefold.test`));
    ids.set(who, u.id);
    cookies.set(who, await sessionCookieFor(u.id));
  }
  const [b] = await db().select().from(places).where(eq(places.nameZh, '2号楼'));
  building = b.id;
});

async function run(fn: (args: never) => unknown, path: string, who?: string, form?: Record<string, string>, params: Record<string, string> = {}) {
  const init: RequestInit = form ? { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) } : {};
  try {
    const result = await fn({ request: requestWith(who ? cookies.get(who) : null, path, init), params, context: {} } as never);
    if (result instanceof Response) return { status: result.status, location: result.headers.get('Location'), body: await result.text() };
    return { status: 200, location: null, body: JSON.stringify(result), data: result as Record<string, unknown> };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get('Location'), body: await thrown.text() };
    throw thrown;
  }
}

const SECRET = { contactName: '赵桂兰', phone: '13700007777', address: '2号楼2单元301', healthNotes: '阿尔茨海默症早期' };
const base = { placeId: '', title: '赵桂兰奶奶需要陪同就医', description: '下周三去区医院复查', category: 'elderly_care', urgency: 'normal', beneficiary: 'person', recurrence: 'once' };

const needIdFrom = (location: string | null) => location?.match(/\/needs\/([0-9a-f-]{36})/)?.[1];

describe('raising a need on the page', () => {
  it('a resident raises one and finds it on "my needs"', async () => {
    const res = await run(newPage.action, '/needs/new', 'resident', { ...base, placeId: building, ...SECRET });
    expect(res.status).toBe(302);
    const id = needIdFrom(res.location)!;
    expect(id).toBeDefined();
    const my = await run(myPage.loader, '/my/needs', 'resident');
    expect(my.body).toContain(id);
    const [row] = await db().select().from(needs).where(eq(needs.id, id));
    expect(row.channel).toBe('online');
    expect(row.requesterUserId).toBe(ids.get('resident'));
    expect(row.publicSummary).not.toContain('赵桂兰');
  });

  it('anyone may raise one anonymously, but must leave a private contact', async () => {
    const without = await run(newPage.action, '/needs/new', undefined, { ...base, placeId: building });
    expect(without.status).toBe(200);
    expect(without.body).toContain('needs.v.contactRequired');
    const res = await run(newPage.action, '/needs/new', undefined, { ...base, placeId: building, phone: '13700008888' });
    expect(res.status).toBe(302);
    const [latest] = await db().select().from(needs).orderBy(desc(needs.createdAt)).limit(1);
    expect(latest.channel).toBe('anonymous');
    expect(latest.requesterUserId).toBeNull();
  });

  it('staff log one for a resident with the channel recorded; a resident cannot claim a staff channel', async () => {
    const res = await run(newPage.action, '/needs/new', 'socialworker', { ...base, placeId: building, channel: 'door_to_door', contactName: '钱大爷', phone: '13700009999' });
    expect(res.status).toBe(302);
    const [latest] = await db().select().from(needs).orderBy(desc(needs.createdAt)).limit(1);
    expect(latest.channel).toBe('door_to_door');
    expect(latest.raisedByUserId).toBe(ids.get('socialworker'));
    const [event] = await db().select().from(needEvents).where(eq(needEvents.needId, latest.id));
    expect(event.actorRole).toBe('social_worker');
    const refused = await run(newPage.action, '/needs/new', 'resident', { ...base, placeId: building, channel: 'hotline', contactName: 'x' });
    expect(refused.status).toBe(403);
  });

  it('answers bad input with field errors and stores nothing', async () => {
    const before = await db().$count(needs);
    const res = await run(newPage.action, '/needs/new', 'resident', { ...base, placeId: building, title: '', phone: 'call me' });
    expect(res.body).toContain('v.required');
    expect(res.body).toContain('v.invalid');
    const window = await run(newPage.action, '/needs/new', 'resident', { ...base, placeId: building, wantedFrom: '2026-05-02', wantedUntil: '2026-05-01' });
    expect(window.body).toContain('needs.v.windowOrder');
    expect(await db().$count(needs)).toBe(before);
  });
});

describe("a need's page", () => {
  let id: string;
  beforeAll(async () => {
    const res = await run(newPage.action, '/needs/new', 'resident', { ...base, placeId: building, ...SECRET, quantity: '2', quantityUnit: '次' });
    id = needIdFrom(res.location)!;
  });
  const post = (who: string, form: Record<string, string>) => run(needPage.action, `/needs/${id}`, who, form, { needId: id });
  const view = (who?: string) => run(needPage.loader, `/needs/${id}`, who, undefined, { needId: id });

  it('walks the whole life from the page, with a timeline of every step', async () => {
    expect((await view()).status).toBe(404);
    expect((await view('staff2')).status).toBe(404);
    expect((await post('staff', { intent: 'triage', category: 'elderly_care', urgency: 'high', needType: 'routine', publicSummary: '老人需要陪同就医' })).status).toBe(302);
    // The same step again from a stale page: 409 with a message, nothing changes.
    const stale = await post('staff', { intent: 'close' });
    expect(stale.status).toBe(409);
    expect(stale.body).toContain('needs.error.wrong_state');
    expect((await post('resident', { intent: 'dispatch', assigneeType: 'person', assigneeUserId: ids.get('volunteer')!, responsibleUserId: ids.get('volunteer')! })).status).toBe(403);
    expect((await post('staff', { intent: 'dispatch', assigneeType: 'person', assigneeUserId: ids.get('volunteer')!, responsibleUserId: ids.get('volunteer')!, quantity: '2' })).status).toBe(302);
    expect((await post('volunteer', { intent: 'progress', quantity: '2', note: '已陪同就医两次', resolved: 'on' })).status).toBe(302);
    expect((await post('resident', { intent: 'close', note: '谢谢' })).status).toBe(302);
    expect((await post('resident', { intent: 'rate', stars: '5', comment: '非常耐心' })).status).toBe(302);
    const page = await view('resident');
    const timeline = (page.data!.timeline as { kind: string }[]).map((e) => e.kind);
    expect(timeline).toEqual(['raised', 'triaged', 'dispatched', 'resolved', 'closed', 'rated']);
    expect(page.data!.available).toEqual([]);
  });

  it('shows no private field to anyone not entitled, and audits every private view', async () => {
    for (const who of [undefined, 'staff2']) {
      const page = await view(who);
      expect(page.status).toBe(200);
      for (const value of Object.values(SECRET)) expect(page.body, `${who ?? 'anonymous'} sees ${value}`).not.toContain(value);
      expect(page.body).not.toContain('陪同就医两次');
      expect(page.body).not.toContain('非常耐心');
      expect(page.body).not.toContain(base.title);
      const list = await run(listPage.loader, '/needs?category=elderly_care', who);
      for (const value of Object.values(SECRET)) expect(list.body).not.toContain(value);
      expect(list.body).not.toContain(base.title);
    }
    const audits = async () => (await db().select().from(auditEvents).where(and(eq(auditEvents.action, 'need.read_private'), eq(auditEvents.subjectId, id)))).length;
    const before = await audits();
    const staffView = await view('staff');
    expect(staffView.body).toContain(SECRET.healthNotes);
    const volunteerView = await view('volunteer');
    expect(volunteerView.body).toContain(SECRET.phone);
    expect(await audits()).toBe(before + 2);
    // The volunteer sent to help sees contact details; one not sent does not, and their view writes no audit.
    const [other] = await db().select({ id: users.id }).from(users).where(eq(users.email, 'teamlead@fivefold.test'));
    cookies.set('teamlead', await sessionCookieFor(other.id));
    expect((await view('teamlead')).body).not.toContain(SECRET.phone);
    expect(await audits()).toBe(before + 2);
  });

  it('lets anyone signed in follow a public need', async () => {
    expect((await post('staff2', { intent: 'follow' })).status).toBe(302);
    expect((await view('staff2')).data!.following).toBe(true);
  });
});

describe('the triage queue', () => {
  it('lists only the caller’s places, overdue first, then by deadline', async () => {
    const res = await run(triagePage.loader, '/staff/triage', 'staff');
    const rows = res.data!.rows as { id: string; deadlineState: string; communityZh: string; status: string }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.communityZh))).toEqual(new Set(['锦华苑社区']));
    const rank = (s: string) => (s === 'very_overdue' ? 0 : s === 'overdue' ? 1 : 2);
    const ranks = rows.map((r) => rank(r.deadlineState));
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    expect(rows.every((r) => ['raised', 'triaged', 'dispatched', 'in_progress'].includes(r.status))).toBe(true);
    expect((await run(triagePage.loader, '/staff/triage', 'resident')).status).toBe(403);
    // Filtering by overdue gives only overdue ones.
    const overdue = await run(triagePage.loader, '/staff/triage?overdue=overdue', 'staff');
    expect((overdue.data!.rows as { deadlineState: string }[]).every((r) => r.deadlineState !== 'on_time')).toBe(true);
  });

  it('filters and pages the public list', async () => {
    const res = await run(listPage.loader, '/needs?status=rated&page=2');
    const data = res.data as { needs: { status: string }[]; page: number; total: number };
    expect(data.page).toBe(2);
    expect(data.needs.every((n) => n.status === 'rated')).toBe(true);
    expect(data.total).toBeGreaterThan(20);
    const unverified = await db().select({ id: needs.id }).from(needs).where(eq(needs.status, 'raised')).limit(3);
    const all = await run(listPage.loader, '/needs?page=1');
    for (const u of unverified) expect(all.body).not.toContain(u.id);
    const [p] = await db().select().from(needPrivateDetails).limit(1);
    expect(all.body).not.toContain(p.phone!);
  });
});

describe('photos', () => {
  const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
  const multipart = (fields: Record<string, string>, files: { name: string; bytes: Uint8Array; type: string }[]) => {
    const fd = new FormData();
    for (const [k, v] of Object.entries(fields)) fd.set(k, v);
    for (const f of files) fd.append('photos', new File([f.bytes as unknown as BlobPart], f.name, { type: f.type }));
    return fd;
  };
  const submit = async (fn: (args: never) => unknown, path: string, who: string, body: FormData, params: Record<string, string> = {}) => {
    try {
      const r = (await fn({ request: requestWith(cookies.get(who), path, { method: 'POST', body }), params, context: {} } as never)) as Response | unknown;
      return r instanceof Response ? { status: r.status, location: r.headers.get('Location'), body: await r.text() } : { status: 200, location: null, body: JSON.stringify(r) };
    } catch (thrown) {
      if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get('Location'), body: await thrown.text() };
      throw thrown;
    }
  };

  it('keeps photos with the need, shows them only to those entitled, and audits each view', async () => {
    const res = await submit(newPage.action, '/needs/new', 'resident', multipart({ ...base, placeId: building }, [{ name: 'lamp.png', bytes: PNG, type: 'image/png' }]));
    expect(res.status).toBe(302);
    const id = needIdFrom(res.location)!;
    const page = await run(needPage.loader, `/needs/${id}`, 'staff', undefined, { needId: id });
    const photos = (page.data!.private as { photos: { id: string }[] }).photos;
    expect(photos).toHaveLength(1);
    const photoRoute = await import('../../app/routes/needs.$needId.photos.$photoId');
    const get = (who: string) => run(photoRoute.loader, `/needs/${id}/photos/${photos[0].id}`, who, undefined, { needId: id, photoId: photos[0].id });
    const seen = await get('staff');
    expect(seen.status).toBe(200);
    expect((await get('staff2')).status).toBe(404);
    expect((await get('volunteer')).status).toBe(404);
    const views = await db().select().from(auditEvents).where(and(eq(auditEvents.action, 'need.read_private_photo'), eq(auditEvents.subjectId, id)));
    expect(views).toHaveLength(1);
  });

  it('refuses files that are not pictures, whatever their name says', async () => {
    const before = await db().$count(needs);
    const res = await submit(newPage.action, '/needs/new', 'resident', multipart({ ...base, placeId: building }, [{ name: 'photo.png', bytes: new TextEncoder().encode('<script>alert(1)</script>'), type: 'image/png' }]));
    expect(res.body).toContain('needs.v.photoType');
    expect(await db().$count(needs)).toBe(before);
  });
});
