// Tells a topic's followers (and its proposer) about each step: an in-app notification and, as each person chose,
// an email at once in their language (those who chose the daily digest get it there; some want none). All in the
// caller's transaction, the email through the outbox.
import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { notifications, topicFollowers, topics, users } from '../../db/schema';
import { translator } from '../i18n/messages';
import { MAIL_TOPIC } from '../mail/mail.server';
import { emailModesFor } from '../notifications/notifications.server';
import { enqueue } from '../outbox/outbox.server';
import { env } from '../utils/env.server';

const origin = () => (env().PUBLIC_URL ?? `http://localhost:${env().PORT}`).replace(/\/$/, '');

export async function notifyTopicFollowers(
  tx: DbOrTx,
  topicId: string,
  messageKey: string,
  actorUserId: string | null,
  link: string,
  params: Record<string, string | number> = {},
) {
  const [topic] = await tx.select({ title: topics.title, proposedBy: topics.proposedByUserId }).from(topics).where(eq(topics.id, topicId));
  if (!topic) return;
  const followers = await tx.select({ userId: topicFollowers.userId }).from(topicFollowers).where(eq(topicFollowers.topicId, topicId));
  const recipients = new Set(followers.map((f) => f.userId));
  if (topic.proposedBy) recipients.add(topic.proposedBy);
  if (actorUserId) recipients.delete(actorUserId);
  if (!recipients.size) return;
  const all: Record<string, string | number> = { title: topic.title, ...params };
  await tx
    .insert(notifications)
    .values([...recipients].map((userId) => ({ userId, messageKey, params: all, link, subjectType: 'topic', subjectId: topicId })));
  const people = await tx
    .select({ id: users.id, email: users.email, locale: users.locale, disabledAt: users.disabledAt })
    .from(users)
    .where(inArray(users.id, [...recipients]));
  const modes = await emailModesFor(
    tx,
    people.map((p) => p.id),
  );
  for (const p of people) {
    if (!p.email || p.disabledAt || modes.get(p.id) !== 'immediate') continue;
    const t = translator(p.locale);
    // A stage is named in the reader's language, not by its code.
    const readable = typeof all.stage === 'string' ? { ...all, stage: t(`topic.stage.${all.stage}`) } : all;
    await enqueue(tx, MAIL_TOPIC, {
      to: p.email,
      subject: `${t('app.name')}: ${t(messageKey, readable)}`,
      text: `${t(messageKey, readable)}${readable.stage ? `\n${t('deliberation.notify.nowAt', { stage: String(readable.stage) })}` : ''}\n\n${t('deliberation.notify.mailLink')}\n${origin()}${link}\n\n${t('deliberation.notify.mailFooter')}\n${origin()}/notifications`,
    });
  }
}
