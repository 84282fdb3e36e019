// Topics (议题): proposed by residents, by staff or raised from a need, moved through their stages by staff with a
// public timeline; the implementation stage links a project. Followers hear of each step.
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { db, type Tx } from '../../db/client';
import { councils, evaluationPanels, needs, places, projectNeeds, projects, topicEvents, topicFollowers, topics, users } from '../../db/schema';
import { recordAudit, type Actor } from '../audit/audit.server';
import { recordProjectStep } from '../projects/projects.server';
import { defaultNeedCategories } from '../needs/values';
import { queueSearchUpsert } from '../../search/relay';
import { notifyTopicFollowers } from './notify.server';
import { canMoveTopic } from './rules';
import type { TopicOrigin, TopicStage } from './values';

export class TopicError extends Error {
  constructor(public readonly code: 'not_found' | 'wrong_stage' | 'invalid' | 'no_community', public readonly fields: Record<string, string[]> = {}) {
    super(code);
  }
}

/** The community a user lives in (from their home place), or null. */
export async function homeCommunityOf(userId: string) {
  const [home] = await db().select({ path: places.path }).from(users).innerJoin(places, eq(places.id, users.homePlaceId)).where(eq(users.id, userId));
  if (!home) return null;
  const ids = home.path.split('/').filter(Boolean);
  const [community] = await db()
    .select({ id: places.id, path: places.path, nameZh: places.nameZh, nameEn: places.nameEn })
    .from(places)
    .where(and(inArray(places.id, ids), eq(places.type, 'community')));
  return community ?? null;
}

async function councilFor(tx: Tx, placePath: string) {
  // The council of the place itself or the nearest one above it (a compound's own council first).
  const [c] = await tx
    .select({ id: councils.id })
    .from(councils)
    .where(sql`${placePath} like ${councils.placePath} || '%'`)
    .orderBy(desc(sql`length(${councils.placePath})`))
    .limit(1);
  return c?.id ?? null;
}

async function addEvent(tx: Tx, actor: Actor, topic: { id: string; placeId: string }, from: TopicStage | null, to: TopicStage, note: string | null) {
  await tx.insert(topicEvents).values({ topicId: topic.id, fromStage: from, toStage: to, note, actorUserId: actor.userId });
  await recordAudit(tx, actor, {
    action: from ? 'topic.stage' : 'topic.create',
    subjectType: 'topic',
    subjectId: topic.id,
    placeId: topic.placeId,
    before: from ? { stage: from } : null,
    after: { stage: to, note },
  });
}

export interface TopicInput {
  title: string;
  problem: string;
  suggestion: string;
}

export async function createTopic(
  actor: Actor,
  input: TopicInput & { place: { id: string; path: string }; origin: TopicOrigin; proposedByUserId: string | null; needId?: string | null },
) {
  return db().transaction(async (tx) => {
    const [topic] = await tx
      .insert(topics)
      .values({
        placeId: input.place.id,
        placePath: input.place.path,
        councilId: await councilFor(tx, input.place.path),
        title: input.title,
        problem: input.problem,
        suggestion: input.suggestion,
        origin: input.origin,
        needId: input.needId ?? null,
        proposedByUserId: input.proposedByUserId,
      })
      .returning();
    await addEvent(tx, actor, topic, null, 'listed', null);
    if (input.proposedByUserId) await tx.insert(topicFollowers).values({ topicId: topic.id, userId: input.proposedByUserId }).onConflictDoNothing();
    return topic;
  });
}

/** Staff raise a topic from a need of their community: its public summary becomes the problem. */
export async function raiseTopicFromNeed(actor: Actor, needId: string, input: Partial<TopicInput>) {
  const [need] = await db()
    .select({ id: needs.id, summary: needs.publicSummary, communityId: needs.communityId, path: places.path })
    .from(needs)
    .innerJoin(places, eq(places.id, needs.communityId))
    .where(eq(needs.id, needId));
  if (!need) throw new TopicError('not_found');
  return createTopic(actor, {
    title: input.title || need.summary,
    problem: input.problem || need.summary,
    suggestion: input.suggestion ?? '',
    place: { id: need.communityId, path: need.path },
    origin: 'need',
    proposedByUserId: null,
    needId: need.id,
  });
}

export async function topicPlace(topicId: string) {
  const [row] = await db()
    .select({ id: places.id, path: places.path, type: places.type })
    .from(topics)
    .innerJoin(places, eq(places.id, topics.placeId))
    .where(eq(topics.id, topicId));
  return row ?? null;
}

export async function listTopics(filter: { placePath?: string | null; stage?: TopicStage; id?: string; limit: number; offset: number }) {
  const where = and(
    filter.id ? eq(topics.id, filter.id) : undefined,
    filter.placePath ? sql`${topics.placePath} like ${filter.placePath + '%'}` : undefined,
    filter.stage ? eq(topics.stage, filter.stage) : undefined,
  );
  const found = await db()
    .select({
      id: topics.id,
      title: topics.title,
      stage: topics.stage,
      origin: topics.origin,
      createdAt: topics.createdAt,
      stageChangedAt: topics.stageChangedAt,
      placeZh: places.nameZh,
      placeEn: places.nameEn,
      comments: sql<number>`(select count(*)::int from topic_comments c where c.topic_id = ${topics.id} and c.status = 'visible')`,
    })
    .from(topics)
    .innerJoin(places, eq(places.id, topics.placeId))
    .where(where)
    .orderBy(desc(topics.stageChangedAt))
    .limit(filter.limit)
    .offset(filter.offset);
  const [{ n }] = await db().select({ n: count() }).from(topics).where(where);
  return { rows: found, total: Number(n) };
}

/** A topic's public side: the topic, its timeline, linked need summary, project, council and evaluation panels. */
export async function getTopic(topicId: string) {
  const [row] = await db()
    .select({
      topic: topics,
      placeZh: places.nameZh,
      placeEn: places.nameEn,
      councilZh: councils.nameZh,
      councilEn: councils.nameEn,
      needSummary: needs.publicSummary,
      projectTitle: projects.title,
      projectState: projects.state,
    })
    .from(topics)
    .innerJoin(places, eq(places.id, topics.placeId))
    .leftJoin(councils, eq(councils.id, topics.councilId))
    .leftJoin(needs, eq(needs.id, topics.needId))
    .leftJoin(projects, eq(projects.id, topics.projectId))
    .where(eq(topics.id, topicId));
  if (!row) return null;
  const [events, panels] = await Promise.all([
    db()
      .select({ id: topicEvents.id, fromStage: topicEvents.fromStage, toStage: topicEvents.toStage, note: topicEvents.note, createdAt: topicEvents.createdAt })
      .from(topicEvents)
      .where(eq(topicEvents.topicId, topicId))
      .orderBy(asc(topicEvents.createdAt)),
    db()
      .select({ id: evaluationPanels.id, title: evaluationPanels.title, status: evaluationPanels.status })
      .from(evaluationPanels)
      .where(eq(evaluationPanels.topicId, topicId)),
  ]);
  const { topic } = row;
  return {
    ...topic,
    placeZh: row.placeZh,
    placeEn: row.placeEn,
    councilZh: row.councilZh,
    councilEn: row.councilEn,
    needSummary: row.needSummary,
    project: topic.projectId ? { id: topic.projectId, title: row.projectTitle!, state: row.projectState! } : null,
    events,
    panels,
  };
}

export type TopicDetail = NonNullable<Awaited<ReturnType<typeof getTopic>>>;

/**
 * Moves a topic one stage on (locked; checked against the stage machine). The plan stage records the agreed plan;
 * moving to implementation links the given project or creates a draft project from the plan (and its need).
 */
export async function moveTopic(
  actor: Actor & { userId: string },
  topicId: string,
  to: TopicStage,
  input: { note?: string | null; plan?: string | null; reply?: string | null; projectId?: string | null } = {},
) {
  return db().transaction(async (tx) => {
    const [topic] = await tx.select().from(topics).where(eq(topics.id, topicId)).for('update');
    if (!topic) throw new TopicError('not_found');
    if (!canMoveTopic(topic.stage, to)) throw new TopicError('wrong_stage');
    const set: Partial<typeof topics.$inferInsert> = { stage: to, stageChangedAt: new Date() };
    if (to === 'declined') {
      if (!input.reply?.trim()) throw new TopicError('invalid', { reply: ['deliberation.v.replyRequired'] });
      set.reply = input.reply.trim();
    }
    if (to === 'plan') {
      if (!input.plan?.trim()) throw new TopicError('invalid', { plan: ['deliberation.v.planRequired'] });
      set.plan = input.plan.trim();
    }
    if (to === 'implementation')
      set.projectId = input.projectId ? await checkProject(tx, input.projectId, topic.placePath) : await projectFromTopic(tx, actor, topic);
    await tx.update(topics).set(set).where(eq(topics.id, topicId));
    await addEvent(tx, actor, topic, topic.stage, to, input.note?.trim() || null);
    await notifyTopicFollowers(tx, topicId, 'deliberation.notify.stage', actor.userId, `/topics/${topicId}`, { stage: to });
    return { ...topic, ...set };
  });
}

async function checkProject(tx: Tx, projectId: string, placePath: string) {
  const [p] = await tx.select({ id: projects.id, path: projects.placePath }).from(projects).where(eq(projects.id, projectId));
  // The project must serve the topic's community (or the street above it).
  if (!p || !(placePath.startsWith(p.path) || p.path.startsWith(placePath))) throw new TopicError('invalid', { projectId: ['deliberation.v.project'] });
  return p.id;
}

async function projectFromTopic(tx: Tx, actor: Actor & { userId: string }, topic: typeof topics.$inferSelect) {
  const [need] = topic.needId ? await tx.select({ category: needs.category }).from(needs).where(eq(needs.id, topic.needId)) : [];
  const category = need && (defaultNeedCategories as readonly string[]).includes(need.category) ? need.category : 'other';
  const [project] = await tx
    .insert(projects)
    .values({
      placeId: topic.placeId,
      placePath: topic.placePath,
      title: topic.title,
      summary: topic.plan || topic.suggestion,
      goals: topic.plan,
      category,
      createdBy: actor.userId,
    })
    .returning();
  if (topic.needId) await tx.insert(projectNeeds).values({ projectId: project.id, needId: topic.needId, linkedBy: actor.userId });
  await recordProjectStep(tx, actor, project, { kind: 'created', to: 'draft', data: { topicId: topic.id } });
  await queueSearchUpsert(tx, 'projects', project.id);
  return project.id;
}

export async function setFollowing(userId: string, topicId: string, follow: boolean) {
  if (follow) await db().insert(topicFollowers).values({ topicId, userId }).onConflictDoNothing();
  else
    await db()
      .delete(topicFollowers)
      .where(and(eq(topicFollowers.topicId, topicId), eq(topicFollowers.userId, userId)));
}

export async function isFollowing(userId: string, topicId: string) {
  const [row] = await db()
    .select({ id: topicFollowers.id })
    .from(topicFollowers)
    .where(and(eq(topicFollowers.topicId, topicId), eq(topicFollowers.userId, userId)));
  return Boolean(row);
}
