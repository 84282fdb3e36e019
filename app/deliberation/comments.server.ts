// Deliberation's threaded comments with moderation: enough reports hide a comment until a moderator restores or
// removes it; every moderator's decision is audited.
import { and, asc, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import { db } from '../../db/client';
import { commentReports, places, roleAssignments, topicComments, topics, users } from '../../db/schema';
import { can } from '../permissions/rules';
import { recordAudit, type Actor } from '../audit/audit.server';
import { notifyTopicFollowers } from './notify.server';
import { commentsOpen, shouldHide } from './rules';

export class CommentError extends Error {
  constructor(public readonly code: 'not_found' | 'closed' | 'already_reported' | 'not_hidden' | 'invalid') {
    super(code);
  }
}

export async function addComment(actor: Actor & { userId: string }, topicId: string, input: { body: string; parentId?: string | null }) {
  return db().transaction(async (tx) => {
    const [topic] = await tx.select({ id: topics.id, stage: topics.stage, placeId: topics.placeId }).from(topics).where(eq(topics.id, topicId)).for('share');
    if (!topic) throw new CommentError('not_found');
    if (!commentsOpen(topic.stage)) throw new CommentError('closed');
    if (input.parentId) {
      const [parent] = await tx
        .select({ id: topicComments.id })
        .from(topicComments)
        .where(and(eq(topicComments.id, input.parentId), eq(topicComments.topicId, topicId)));
      if (!parent) throw new CommentError('invalid');
    }
    const [comment] = await tx
      .insert(topicComments)
      .values({ topicId, parentId: input.parentId ?? null, authorUserId: actor.onBehalfOfUserId ?? actor.userId, body: input.body })
      .returning();
    await recordAudit(tx, actor, {
      action: 'topic.comment',
      subjectType: 'topic_comment',
      subjectId: comment.id,
      placeId: topic.placeId,
      after: { topicId, parentId: comment.parentId },
    });
    await notifyTopicFollowers(tx, topicId, 'deliberation.notify.comment', comment.authorUserId, `/topics/${topicId}#c-${comment.id}`);
    return comment;
  });
}

/** One report per person per comment; the report that reaches the threshold hides the comment, in the same transaction. */
export async function reportComment(actor: Actor & { userId: string }, commentId: string, reason: string) {
  return db().transaction(async (tx) => {
    const [comment] = await tx
      .select({ id: topicComments.id, status: topicComments.status, reviewedAt: topicComments.reviewedAt, placeId: topics.placeId })
      .from(topicComments)
      .innerJoin(topics, eq(topics.id, topicComments.topicId))
      .where(eq(topicComments.id, commentId))
      .for('update', { of: topicComments });
    if (!comment || comment.status === 'removed') throw new CommentError('not_found');
    const inserted = await tx
      .insert(commentReports)
      .values({ commentId, reporterUserId: actor.userId, reason })
      .onConflictDoNothing()
      .returning({ id: commentReports.id });
    if (!inserted.length) throw new CommentError('already_reported');
    const [{ n }] = await tx.select({ n: count() }).from(commentReports).where(eq(commentReports.commentId, commentId));
    const hide = comment.status === 'visible' && shouldHide(Number(n), comment.reviewedAt !== null);
    if (hide) await tx.update(topicComments).set({ status: 'hidden' }).where(eq(topicComments.id, commentId));
    await recordAudit(tx, actor, {
      action: 'topic.comment_report',
      subjectType: 'topic_comment',
      subjectId: commentId,
      placeId: comment.placeId,
      after: { reports: Number(n), hidden: hide },
    });
    return { hidden: hide, reports: Number(n) };
  });
}

/** A moderator restores a hidden comment (later reports no longer hide it) or removes it. */
export async function moderateComment(actor: Actor, commentId: string, decision: 'restore' | 'remove', note: string) {
  return db().transaction(async (tx) => {
    const [comment] = await tx
      .select({ id: topicComments.id, status: topicComments.status, placeId: topics.placeId })
      .from(topicComments)
      .innerJoin(topics, eq(topics.id, topicComments.topicId))
      .where(eq(topicComments.id, commentId))
      .for('update', { of: topicComments });
    if (!comment) throw new CommentError('not_found');
    if (comment.status !== 'hidden') throw new CommentError('not_hidden');
    const status = decision === 'restore' ? ('visible' as const) : ('removed' as const);
    await tx.update(topicComments).set({ status, reviewedAt: new Date() }).where(eq(topicComments.id, commentId));
    await recordAudit(tx, actor, {
      action: `topic.comment_${decision}`,
      subjectType: 'topic_comment',
      subjectId: commentId,
      placeId: comment.placeId,
      before: { status: 'hidden' },
      after: { status, note },
    });
  });
}

/**
 * A topic's comments in thread order; hidden ones only as a placeholder unless the viewer moderates.
 *
 * Privacy: a comment never shows its author's account name to the public. Residents appear under a neutral label
 * numbered per topic ("resident 2" of this community: the same number throughout the topic, so a thread can be
 * followed, and a different one on the next topic); staff who run the topic's place appear as community staff.
 * Moderators also see the account name, as they answer for what they keep.
 */
export async function listComments(topicId: string, opts: { moderator: boolean }) {
  const [topic] = await db().select({ path: topics.placePath }).from(topics).where(eq(topics.id, topicId));
  const found = await db()
    .select({
      id: topicComments.id,
      parentId: topicComments.parentId,
      body: topicComments.body,
      status: topicComments.status,
      createdAt: topicComments.createdAt,
      authorUserId: topicComments.authorUserId,
      name: users.name,
      reports: sql<number>`(select count(*)::int from ${commentReports} r where r.comment_id = ${topicComments.id})`,
    })
    .from(topicComments)
    .innerJoin(users, eq(users.id, topicComments.authorUserId))
    .where(eq(topicComments.topicId, topicId))
    .orderBy(asc(topicComments.createdAt), asc(topicComments.id))
    .limit(1000);
  const authors = [...new Set(found.map((c) => c.authorUserId))];
  const roles = authors.length
    ? await db()
        .select({ userId: roleAssignments.userId, role: roleAssignments.role, placePath: places.path })
        .from(roleAssignments)
        .leftJoin(places, eq(places.id, roleAssignments.placeId))
        .where(and(inArray(roleAssignments.userId, authors), isNull(roleAssignments.revokedAt)))
    : [];
  const staff = new Set(authors.filter((u) => topic && can(roles.filter((r) => r.userId === u), 'topic.manage', topic.path)));
  const numbers = new Map<string, number>();
  for (const u of authors) if (!staff.has(u)) numbers.set(u, numbers.size + 1);
  return found.map(({ authorUserId, name, ...c }) => {
    const author = { kind: staff.has(authorUserId) ? ('staff' as const) : ('resident' as const), number: numbers.get(authorUserId) ?? 0, name: opts.moderator ? name : null };
    return c.status === 'visible' || opts.moderator ? { ...c, author } : { ...c, body: '', author: null };
  });
}

/** Comments waiting for a moderator in the given scopes. */
export async function hiddenComments(scopes: (string | null)[]) {
  if (!scopes.length) return [];
  const inScope = scopes.includes(null)
    ? sql`true`
    : sql.join(
        scopes.map((s) => sql`${topics.placePath} like ${s + '%'}`),
        sql` or `,
      );
  return db()
    .select({ id: topicComments.id, body: topicComments.body, topicId: topics.id, topicTitle: topics.title, placeZh: places.nameZh, placeEn: places.nameEn })
    .from(topicComments)
    .innerJoin(topics, eq(topics.id, topicComments.topicId))
    .innerJoin(places, eq(places.id, topics.placeId))
    .where(and(eq(topicComments.status, 'hidden'), sql`(${inScope})`))
    .limit(200);
}

export async function commentPlace(commentId: string) {
  const [row] = await db()
    .select({ id: places.id, path: places.path, type: places.type, topicId: topics.id })
    .from(topicComments)
    .innerJoin(topics, eq(topics.id, topicComments.topicId))
    .innerJoin(places, eq(places.id, topics.placeId))
    .where(eq(topicComments.id, commentId));
  return row ?? null;
}
