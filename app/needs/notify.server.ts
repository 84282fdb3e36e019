// Tells the people concerned about a step on a need: an in-app notification, and an email through the outbox.
// Requesters of needs merged into this one keep being informed, and so do followers of both.
import { and, desc, eq, inArray, isNotNull, isNull, or } from 'drizzle-orm';
import { db, type DbOrTx } from '../../db/client';
import { needFollowers, needPrivateDetails, needs, notifications, users } from '../../db/schema';
import { translator } from '../i18n/messages';
import { emailModesFor } from '../notifications/notifications.server';
import { MAIL_TOPIC } from '../mail/mail.server';
import { enqueue } from '../outbox/outbox.server';
import { env } from '../utils/env.server';
import type { NeedEventKind } from './values';

export interface NotifyInput {
  needId: string;
  kind: NeedEventKind;
  /** Who did it: never told about their own step. */
  actorUserId: string | null;
  /** People told in addition to requesters and followers (the person dispatched, the person now responsible). */
  also?: (string | null | undefined)[];
}

function publicLink(needId: string) {
  const base = env().PUBLIC_URL ?? `http://localhost:${env().PORT}`;
  return `${base.replace(/\/$/, '')}/needs/${needId}`;
}

export async function notifyNeedStep(tx: DbOrTx, input: NotifyInput) {
  const related = await tx
    .select({ id: needs.id, requesterUserId: needs.requesterUserId, summary: needs.publicSummary })
    .from(needs)
    .where(or(eq(needs.id, input.needId), eq(needs.mergedIntoId, input.needId)));
  const main = related.find((r) => r.id === input.needId);
  if (!main) return;
  const ids = related.map((r) => r.id);
  const followers = await tx.select({ userId: needFollowers.userId }).from(needFollowers).where(inArray(needFollowers.needId, ids));
  const recipients = new Set<string>();
  for (const r of related) if (r.requesterUserId) recipients.add(r.requesterUserId);
  for (const f of followers) recipients.add(f.userId);
  for (const a of input.also ?? []) if (a) recipients.add(a);
  if (input.actorUserId) recipients.delete(input.actorUserId);

  const messageKey = `needs.notify.${input.kind}`;
  const link = `/needs/${input.needId}`;
  const people = recipients.size
    ? await tx.select({ id: users.id, email: users.email, locale: users.locale, disabledAt: users.disabledAt }).from(users).where(inArray(users.id, [...recipients]))
    : [];
  if (people.length) {
    await tx.insert(notifications).values(
      people.map((p) => ({ userId: p.id, messageKey, params: { summary: main.summary }, link, subjectType: 'need', subjectId: input.needId })),
    );
  }
  // Email as each person chose: at once here; those who chose the daily digest get it there; some want none.
  const modes = await emailModesFor(tx, people.map((p) => p.id));
  const mails: { to: string; locale: 'zh-CN' | 'en' }[] = people
    .filter((p) => p.email && !p.disabledAt && modes.get(p.id) === 'immediate')
    .map((p) => ({ to: p.email!, locale: p.locale }));
  // Someone who raised a need without an account left an email as their contact: they hear back too.
  const anonymous = await tx
    .select({ email: needPrivateDetails.email })
    .from(needPrivateDetails)
    .innerJoin(needs, eq(needs.id, needPrivateDetails.needId))
    .where(and(inArray(needPrivateDetails.needId, ids), isNotNull(needPrivateDetails.email), eq(needs.channel, 'anonymous')));
  for (const a of anonymous) if (a.email && !mails.some((m) => m.to === a.email)) mails.push({ to: a.email, locale: 'zh-CN' });
  for (const mail of mails) {
    const t = translator(mail.locale);
    await enqueue(tx, MAIL_TOPIC, {
      to: mail.to,
      subject: `${t('app.name')}: ${t(messageKey, { summary: main.summary })}`,
      text: `${t(messageKey, { summary: main.summary })}\n\n${t('needs.notify.mailLink')}\n${publicLink(input.needId)}`,
    });
  }
}

export async function listNotifications(userId: string, limit = 50) {
  return db().select().from(notifications).where(eq(notifications.userId, userId)).orderBy(desc(notifications.createdAt)).limit(limit);
}

export async function markNotificationsRead(userId: string) {
  await db().update(notifications).set({ readAt: new Date() }).where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
}
