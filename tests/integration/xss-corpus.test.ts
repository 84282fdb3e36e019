// Stored XSS: a corpus of payloads written into every free-text field through the real forms (needs and their notes,
// topics and comments and reports, offers, organisations, shifts, names), then the pages that show them rendered by
// the app's own server renderer. Each page must show the text (escaped) and carry none of it as markup: no script
// from a payload, no event-handler attribute, no javascript: link — in the HTML or in the data the page hydrates from.
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../db/client';
import { needs, places, resources, shifts, topicComments, topics, users } from '../../db/schema';
import { seedDemo } from '../../db/seed/demo';
import * as newNeed from '../../app/routes/needs.new';
import * as needPage from '../../app/routes/needs.$needId';
import * as needList from '../../app/routes/needs._index';
import * as myNeeds from '../../app/routes/my.needs';
import * as newTopic from '../../app/routes/topics.new';
import * as topicPage from '../../app/routes/topics.$topicId';
import * as topicList from '../../app/routes/topics._index';
import * as newOffer from '../../app/routes/resources.new';
import * as myOrg from '../../app/routes/my.organisation';
import * as resourcePage from '../../app/routes/resources.$resourceId';
import * as resourceList from '../../app/routes/resources._index';
import * as newShift from '../../app/routes/shifts.new';
import * as shiftPage from '../../app/routes/shifts.$shiftId._index';
import * as signup from '../../app/routes/signup';
import * as account from '../../app/routes/account._index';
import { relayOutbox } from '../../app/outbox/relay.server';
import { useTestDatabase } from '../helpers/db';
import { sessionCookieFor } from '../helpers/factories';
import { renderPage, type PageRoute } from '../helpers/render';
import { callRoute as call, cookieOf, locationOf } from '../helpers/routes';

useTestDatabase();

/** Each at most 60 characters, so every field (the shortest takes 60) holds it whole. */
const payloads = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '<svg/onload=alert(1)>',
  'javascript:alert(1)',
  '[点我](javascript:alert(1))',
  '<a href="javascript:alert(1)">x</a>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '</textarea><script>alert(1)</script>',
  '<img src=x:alert(1) onerror=eval(src)>',
  '<details open ontoggle=alert(1)>',
  '{{constructor.constructor("alert(1)")()}}',
];

const dangers: [string, RegExp][] = [
  ['a script element from a payload', /<script>\s*alert/i],
  ['a javascript: URL in an attribute', /(?:href|src|action|formaction|xlink:href)\s*=\s*["']?\s*javascript:/i],
  ['an iframe', /<iframe/i],
  ['a payload closing a textarea', /<\/textarea><script/i],
];

/** Event-handler attributes (onerror=, onload=…) on any element, not counting text inside quoted attribute values. */
function eventHandlerAttribute(html: string) {
  for (const tag of html.match(/<[a-zA-Z][^<>]*>/g) ?? []) {
    const names = tag.replace(/"[^"]*"|'[^']*'/g, '""');
    if (/[\s/]on[a-z]+\s*=/i.test(names)) return tag;
  }
  return null;
}

const routes: PageRoute[] = [
  { id: 'routes/needs.$needId', path: 'needs/:needId', module: needPage },
  { id: 'routes/needs._index', path: 'needs', index: true, module: needList },
  { id: 'routes/my.needs', path: 'my/needs', module: myNeeds },
  { id: 'routes/topics.$topicId', path: 'topics/:topicId', module: topicPage },
  { id: 'routes/topics._index', path: 'topics', index: true, module: topicList },
  { id: 'routes/resources.$resourceId', path: 'resources/:resourceId', module: resourcePage },
  { id: 'routes/resources._index', path: 'resources', index: true, module: resourceList },
  { id: 'routes/my.organisation', path: 'my/organisation', module: myOrg },
  { id: 'routes/shifts.$shiftId._index', path: 'shifts/:shiftId', index: true, module: shiftPage },
  { id: 'routes/account._index', path: 'account', index: true, module: account },
];

/** Renders the page and checks it: it answers 200, shows at least one payload as text, and carries none as markup. */
async function expectSafe(url: string, cookie?: string | null) {
  const { status, html } = await renderPage(routes, url, cookie);
  expect(status, url).toBe(200);
  expect(html, `${url} shows none of the payloads`).toContain('alert(1)');
  for (const [what, pattern] of dangers) {
    const found = html.match(pattern);
    expect(found?.[0] ?? null, `${url}: ${what} in ${html.slice(Math.max(0, (found?.index ?? 0) - 200), (found?.index ?? 0) + 200)}`).toBeNull();
  }
  expect(eventHandlerAttribute(html), `${url}: an event-handler attribute`).toBeNull();
}

let c1: typeof places.$inferSelect;
let building: string;
let residentCookie: string;
let staffCookie: string;

beforeAll(async () => {
  await seedDemo();
  [c1] = await db().select().from(places).where(eq(places.nameZh, '锦华苑社区'));
  [{ id: building }] = await db().select({ id: places.id }).from(places).where(eq(places.nameZh, '2号楼'));
  residentCookie = await cookieOf('resident@fivefold.test');
  staffCookie = await cookieOf('staff@fivefold.test');
});

describe('stored XSS corpus', () => {
  it('the checks catch markup and pass escaped text', () => {
    expect(eventHandlerAttribute('<p>x</p><img src=x onerror=alert(1)>')).not.toBeNull();
    expect(eventHandlerAttribute('<svg/onload=alert(1)>')).not.toBeNull();
    expect(eventHandlerAttribute('<input value="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"/>')).toBeNull();
    expect(dangers.some(([, d]) => d.test('<a href="javascript:alert(1)">x</a>'))).toBe(true);
    expect(dangers.some(([, d]) => d.test('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>'))).toBe(false);
  });

  it('needs: title, description, contact, address, health notes, close note', async () => {
    for (const [i, p] of payloads.entries()) {
      const form = { placeId: building, title: `X${i} ${p}`, description: p, category: 'repairs', urgency: 'normal', beneficiary: 'building', recurrence: 'once', contactName: p, address: p, healthNotes: p };
      expect(locationOf(await call(newNeed.action, '/needs/new', { cookie: residentCookie, form })), p).toMatch(/^\/needs\//);
      const [need] = await db().select().from(needs).where(eq(needs.title, `X${i} ${p}`));
      expect(need.description).toBe(p);
      await call(needPage.action, `/needs/${need.id}`, { cookie: residentCookie, params: { needId: need.id }, form: { intent: 'close', note: p } });
      await expectSafe(`/needs/${need.id}`, residentCookie);
      await expectSafe(`/needs/${need.id}`, staffCookie);
    }
    await expectSafe('/my/needs', residentCookie);
  });

  it('topics: title, problem, suggestion, comments and report reasons', async () => {
    for (const [i, p] of payloads.entries()) {
      const res = await call(newTopic.action, '/topics/new', { cookie: residentCookie, form: { title: `T${i} ${p}`, problem: p, suggestion: p } });
      expect(locationOf(res), p).toMatch(/^\/topics\//);
      const [topic] = await db().select().from(topics).where(eq(topics.title, `T${i} ${p}`));
      await call(topicPage.action, `/topics/${topic.id}`, { cookie: residentCookie, params: { topicId: topic.id }, form: { intent: 'comment', body: p } });
      const [comment] = await db().select().from(topicComments).where(eq(topicComments.topicId, topic.id));
      expect(comment.body).toBe(p);
      await call(topicPage.action, `/topics/${topic.id}`, { cookie: staffCookie, params: { topicId: topic.id }, form: { intent: 'report', commentId: comment.id, reason: p } });
      await expectSafe(`/topics/${topic.id}`, residentCookie);
      await expectSafe(`/topics/${topic.id}`, staffCookie);
      await expectSafe(`/topics/${topic.id}`, null);
    }
    await expectSafe('/topics', null);
  });

  it('offers and organisations: names, descriptions, provider and contact names', async () => {
    for (const [i, p] of payloads.entries()) {
      const form = { kind: 'venue', offerType: 'service', name: `V${i} ${p}`.slice(0, 80), description: p, placeId: building, providerType: 'resident', providerName: p, capacity: '6', slotMinutes: '60', days: ['1', '2'], opens: '09:00', closes: '17:00', categories: ['culture_education'] };
      expect(locationOf(await call(newOffer.action, '/resources/new', { cookie: residentCookie, form })), p).toMatch(/^\/resources\//);
      const [offer] = await db().select().from(resources).where(eq(resources.name, `V${i} ${p}`));
      await expectSafe(`/resources/${offer.id}`, null);
      await expectSafe(`/resources/${offer.id}`, staffCookie);
    }
    await relayOutbox();
    await expectSafe('/resources?kind=venue', null);

    const founder = await cookieOf('org@fivefold.test');
    const p = payloads[1];
    const res = await call(myOrg.action, '/my/organisation', {
      cookie: founder,
      form: { intent: 'create', name: `O ${p}`, description: payloads.join(' '), placeId: c1.id, registrationStatus: 'informal', categories: ['elderly_care'], contactName: payloads[0], contactPhone: '0571-88888888' },
    });
    expect(locationOf(res)).toBeTruthy();
    const [org] = await db().select().from(resources).where(eq(resources.name, `O ${p}`));
    await expectSafe('/my/organisation', founder);
    await expectSafe(`/resources/${org.id}`, founder);
    await expectSafe(`/resources/${org.id}`, await cookieOf('streetstaff@fivefold.test'));
  });

  it('shifts: title, description, role and location', async () => {
    for (const [i, p] of payloads.entries()) {
      const form = { title: `S${i} ${p}`, description: p, role: p, location: p, spots: '3', placeId: c1.id, date: '2031-03-04', startTime: '10:30', endTime: '12:00', recurrence: 'once' };
      expect(locationOf(await call(newShift.action, '/shifts/new', { cookie: staffCookie, form })), p).toMatch(/^\/shifts\//);
      const [shift] = await db().select().from(shifts).where(eq(shifts.title, `S${i} ${p}`));
      await expectSafe(`/shifts/${shift.id}`, await cookieOf('volunteer@fivefold.test'));
      await expectSafe(`/shifts/${shift.id}`, staffCookie);
    }
  });

  it('names: a person named with a payload sees it escaped in the header and in the account form', async () => {
    const res = await call(signup.action, '/signup', { form: { name: payloads[0], email: 'xss@example.test', password: 'a good long password', passwordRepeat: 'a good long password' } });
    expect(locationOf(res)).toBeTruthy();
    const [user] = await db().select().from(users).where(eq(users.email, 'xss@example.test'));
    const cookie = await sessionCookieFor(user.id);
    for (const p of payloads) {
      await call(account.action, '/account', { cookie, form: { intent: 'profile', name: p, locale: 'zh-CN' } });
      expect((await db().select({ name: users.name }).from(users).where(eq(users.id, user.id)))[0].name).toBe(p);
      await expectSafe('/account', cookie);
    }
  });
});
