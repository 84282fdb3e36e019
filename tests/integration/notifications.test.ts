// The notification centre as a resident uses it: unread counts in the header, the list, opening one (only to a
// link on this site), marking read (only one's own); and email as chosen — at once, a daily digest in one's
// language sent once, or none.
import { and, desc, eq, isNull } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../db/client';
import { auditEvents, mailbox, needs, notifications, users } from '../../db/schema';
import { seedDemo } from '../../db/seed/demo';
import { notifyNeedStep } from '../../app/needs/notify.server';
import { runDailyDigest } from '../../app/notifications/notifications.server';
import * as page from '../../app/routes/notifications';
import * as root from '../../app/root';
import { useTestDatabase } from '../helpers/db';
import { createUser, deliveredMailTo, requestWith, sessionCookieFor } from '../helpers/factories';

useTestDatabase();

let resident: { id: string; email: string; cookie: string };
let needId: string;

beforeAll(async () => {
  await seedDemo();
  const [u] = await db().select().from(users).where(eq(users.email, 'resident@fivefold.test'));
  resident = { id: u.id, email: u.email!, cookie: await sessionCookieFor(u.id) };
  const [n] = await db().select().from(needs).where(eq(needs.requesterUserId, u.id)).limit(1);
  needId = n.id;
  // Start from a clean slate: what the demo left is read.
  await db().update(notifications).set({ readAt: new Date() }).where(eq(notifications.userId, u.id));
});

async function call(fn: (args: never) => unknown, path: string, cookie: string, form?: Record<string, string>) {
  const init: RequestInit = form ? { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) } : {};
  try {
    return (await fn({ request: requestWith(cookie, path, init), params: {}, context: {} } as never)) as unknown;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}
type Page = Awaited<ReturnType<typeof page.loader>>;
const notify = (kind: 'triaged' | 'dispatched' | 'resolved') => db().transaction((tx) => notifyNeedStep(tx, { needId, kind, actorUserId: null }));
const mailCount = async () => (await deliveredMailTo(resident.email)).length;

describe('the notification centre', () => {
  it('counts unread in the header, lists newest first, and opens one to its page, marking it read', async () => {
    await notify('triaged');
    await notify('dispatched');
    const header = (await call(root.loader, '/', resident.cookie)) as Awaited<ReturnType<typeof root.loader>>;
    expect(header.user?.unreadNotifications).toBe(2);
    const list = (await call(page.loader, '/notifications', resident.cookie)) as Page;
    expect(list.unread).toBe(2);
    // In words (the page loads only its own capability's messages; a notification's may be of any).
    expect(list.notifications.slice(0, 2).map((n) => n.text.split('：')[0])).toEqual(['需求已派人处理', '您的需求已核实立案']);
    const first = list.notifications[0];
    const opened = (await call(page.action, '/notifications', resident.cookie, { intent: 'open', id: first.id, link: first.link! })) as Response;
    expect(opened.status).toBe(302);
    expect(opened.headers.get('Location')).toBe(`/needs/${needId}`);
    expect(((await call(page.loader, '/notifications?unread=1', resident.cookie)) as Page).notifications.map((n) => n.id)).not.toContain(first.id);
  });

  it('never sends anyone off the site, and nobody can mark another person’s notification', async () => {
    const list = (await call(page.loader, '/notifications?unread=1', resident.cookie)) as Page;
    const n = list.notifications[0];
    for (const link of ['//evil.example/x', 'https://evil.example', '/\\evil.example']) {
      const res = (await call(page.action, '/notifications', resident.cookie, { intent: 'open', id: n.id, link })) as Response;
      expect(res.headers.get('Location')).toBe('/notifications?notice=notifications.invalid');
    }
    const stranger = await createUser();
    await call(page.action, '/notifications', await sessionCookieFor(stranger.id), { intent: 'read', id: n.id });
    const [still] = await db().select().from(notifications).where(eq(notifications.id, n.id));
    expect(still.readAt).toBeNull();
    const all = (await call(page.action, '/notifications', resident.cookie, { intent: 'readAll' })) as Response;
    expect(all.headers.get('Location')).toContain('notice=notifications.allRead');
    expect(await db().select().from(notifications).where(and(eq(notifications.userId, resident.id), isNull(notifications.readAt)))).toHaveLength(0);
  });

  it('emails at once by default; a daily digest when chosen, once, in the person’s language; none when off', async () => {
    const before = await mailCount();
    await notify('triaged');
    expect(await mailCount()).toBe(before + 1);

    await db().update(users).set({ locale: 'en' }).where(eq(users.id, resident.id));
    const saved = (await call(page.action, '/notifications', resident.cookie, { intent: 'emailMode', email: 'digest' })) as Response;
    expect(saved.headers.get('Location')).toContain('notice=notifications.saved');
    expect(((await call(page.loader, '/notifications', resident.cookie)) as Page).emailMode).toBe('digest');
    const [audit] = await db().select().from(auditEvents).where(eq(auditEvents.action, 'notifications.email_mode')).orderBy(desc(auditEvents.createdAt)).limit(1);
    expect(audit.after).toEqual({ email: 'digest' });

    await notify('dispatched');
    await notify('resolved');
    expect(await mailCount()).toBe(before + 1);
    const first = await runDailyDigest(new Date(Date.now() + 1000));
    expect(first.sent).toBeGreaterThanOrEqual(1);
    const mails = await deliveredMailTo(resident.email);
    expect(mails).toHaveLength(before + 2);
    const digest = mails[mails.length - 1];
    expect(digest.subject).toContain('2 updates');
    expect(digest.text).toContain(`/needs/${needId}`);
    expect(digest.text.split('\n').filter((l) => l.startsWith('• '))).toHaveLength(2);
    // A second run (or a second worker) sends nothing again.
    await runDailyDigest(new Date(Date.now() + 2000));
    expect(await mailCount()).toBe(before + 2);

    await call(page.action, '/notifications', resident.cookie, { intent: 'emailMode', email: 'off' });
    await notify('triaged');
    await runDailyDigest(new Date(Date.now() + 3000));
    expect(await mailCount()).toBe(before + 2);
    // The app still has it.
    expect(((await call(page.loader, '/notifications?unread=1', resident.cookie)) as Page).unread).toBeGreaterThan(0);
    expect(await db().select().from(mailbox).where(eq(mailbox.to, resident.email))).toHaveLength(before + 2);
  });
});
