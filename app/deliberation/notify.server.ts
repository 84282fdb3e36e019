// Tells a topic's followers (and its proposer) about each step: an in-app notification, in the same transaction.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { notifications, topicFollowers, topics } from '../../db/schema';

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
  await tx
    .insert(notifications)
    .values(
      [...recipients].map((userId) => ({ userId, messageKey, params: { title: topic.title, ...params }, link, subjectType: 'topic', subjectId: topicId })),
    );
}
