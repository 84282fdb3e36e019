// The notification centre: the in-app list every capability writes to (needs, resources, shifts, projects …), how
// many are unread, and each person's choice of email — at once, a daily digest in their language, or none.
import { and, asc, count, desc, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { db, type DbOrTx } from '../../db/client';
import { notificationSettings, notifications, users } from '../../db/schema';
import { recordAudit } from '../audit/audit.server';
import { translator } from '../i18n/messages';
import { MAIL_TOPIC } from '../mail/mail.server';
import { enqueue } from '../outbox/outbox.server';
import { env } from '../utils/env.server';
import { readableParams } from './format';
import type { EmailMode } from './values';

/** Each person's email mode (people without a row get notifications by email at once). */
export async function emailModesFor(tx: DbOrTx, userIds: readonly string[]): Promise<Map<string, EmailMode>> {
  const modes = new Map<string, EmailMode>(userIds.map((id) => [id, 'immediate']));
  if (!userIds.length) return modes;
  const rows = await tx.select({ userId: notificationSettings.userId, email: notificationSettings.email }).from(notificationSettings).where(inArray(notificationSettings.userId, [...userIds]));
  for (const r of rows) modes.set(r.userId, r.email);
  return modes;
}

export async function listMyNotifications(userId: string, opts: { limit: number; offset: number; unreadOnly?: boolean }) {
  const where = and(eq(notifications.userId, userId), opts.unreadOnly ? isNull(notifications.readAt) : undefined);
  const [rows, [{ total }], unread] = await Promise.all([
    db()
      .select({ id: notifications.id, messageKey: notifications.messageKey, params: notifications.params, link: notifications.link, readAt: notifications.readAt, createdAt: notifications.createdAt })
      .from(notifications)
      .where(where)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(opts.limit)
      .offset(opts.offset),
    db().select({ total: count() }).from(notifications).where(where),
    unreadCount(userId),
  ]);
  return { rows, total: Number(total), unread };
}

export async function unreadCount(userId: string) {
  const [{ n }] = await db()
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return Number(n);
}

/** Marks one notification (only one's own) or all of them read; returns how many changed. */
export async function markRead(userId: string, which: { id: string } | 'all') {
  const rows = await db()
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), which === 'all' ? undefined : eq(notifications.id, which.id)))
    .returning({ id: notifications.id });
  return rows.length;
}

export async function getEmailMode(userId: string): Promise<EmailMode> {
  return (await emailModesFor(db(), [userId])).get(userId)!;
}

export async function saveEmailMode(userId: string, mode: EmailMode) {
  await db().transaction(async (tx) => {
    const before = (await emailModesFor(tx, [userId])).get(userId)!;
    await tx
      .insert(notificationSettings)
      // A new digest starts from now: nothing older is sent again in it.
      .values({ userId, email: mode, digestedUntil: new Date() })
      .onConflictDoUpdate({
        target: notificationSettings.userId,
        set: { email: mode, updatedAt: new Date(), digestedUntil: mode === 'digest' && before !== 'digest' ? new Date() : sql`${notificationSettings.digestedUntil}` },
      });
    await recordAudit(tx, { userId }, { action: 'notifications.email_mode', subjectType: 'user', subjectId: userId, before: { email: before }, after: { email: mode } });
  });
}

const origin = () => (env().PUBLIC_URL ?? `http://localhost:${env().PORT}`).replace(/\/$/, '');

/**
 * The daily digest: for everyone who chose it, one email in their language listing what came in since the last
 * digest. Each person is handled in their own transaction under a row lock, so a digest run twice (or by two
 * workers) sends each notification once.
 */
export async function runDailyDigest(now = new Date()) {
  const due = await db()
    .select({ userId: notificationSettings.userId })
    .from(notificationSettings)
    .where(and(eq(notificationSettings.email, 'digest'), or(isNull(notificationSettings.digestedUntil), lte(notificationSettings.digestedUntil, now))));
  let sent = 0;
  for (const { userId } of due) {
    const mailed = await db().transaction(async (tx) => {
      const [setting] = await tx.select().from(notificationSettings).where(and(eq(notificationSettings.userId, userId), eq(notificationSettings.email, 'digest'))).for('update');
      if (!setting) return false;
      const since = setting.digestedUntil ?? new Date(now.getTime() - 86_400_000);
      const items = await tx
        .select({ messageKey: notifications.messageKey, params: notifications.params, link: notifications.link, createdAt: notifications.createdAt })
        .from(notifications)
        .where(and(eq(notifications.userId, userId), gt(notifications.createdAt, since), lte(notifications.createdAt, now)))
        .orderBy(asc(notifications.createdAt))
        .limit(200);
      await tx.update(notificationSettings).set({ digestedUntil: now }).where(eq(notificationSettings.userId, userId));
      const [user] = await tx.select({ email: users.email, name: users.name, locale: users.locale, disabledAt: users.disabledAt }).from(users).where(eq(users.id, userId));
      if (!items.length || !user?.email || user.disabledAt) return false;
      const t = translator(user.locale);
      const lines = items.map((n) => `• ${t(n.messageKey, readableParams(user.locale, n.params))}${n.link ? `\n  ${origin()}${n.link}` : ''}`);
      await enqueue(tx, MAIL_TOPIC, {
        to: user.email,
        subject: `${t('app.name')}: ${t('notifications.digest.subject', { count: items.length })}`,
        text: `${t('notifications.digest.greeting', { name: user.name })}\n\n${lines.join('\n')}\n\n${t('notifications.digest.footer')}\n${origin()}/notifications`,
      });
      return true;
    });
    if (mailed) sent++;
  }
  return { users: due.length, sent };
}
