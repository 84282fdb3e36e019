// Evaluation panels (评估团): members score whether each agreed outcome was delivered; staff publish the averages.
import { and, asc, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import { db, type DbOrTx } from '../../db/client';
import { evaluationPanels, panelCriteria, panelMembers, panelScores, places, projects, topics, users } from '../../db/schema';
import { recordAudit, type Actor } from '../audit/audit.server';
import { notifyTopicFollowers } from './notify.server';
import { averageHundredths } from './rules';

export class PanelError extends Error {
  constructor(public readonly code: 'not_found' | 'not_member' | 'published' | 'invalid', public readonly fields: Record<string, string[]> = {}) {
    super(code);
  }
}

export async function panelPlace(panelId: string) {
  const [row] = await db()
    .select({ id: places.id, path: places.path, type: places.type })
    .from(evaluationPanels)
    .innerJoin(places, eq(places.id, evaluationPanels.placeId))
    .where(eq(evaluationPanels.id, panelId));
  return row ?? null;
}

export interface PanelResult {
  criteria: { id: string; outcome: string; maxScore: number; averageHundredths: number | null; scores: number }[];
  members: number;
  scored: number;
}

async function computeResult(tx: DbOrTx, panelId: string): Promise<PanelResult> {
  const criteria = await tx.select().from(panelCriteria).where(eq(panelCriteria.panelId, panelId)).orderBy(asc(panelCriteria.position));
  const scores = await tx
    .select({ criterionId: panelScores.criterionId, memberId: panelScores.memberId, score: panelScores.score })
    .from(panelScores)
    .where(eq(panelScores.panelId, panelId));
  const members = await tx.select({ id: panelMembers.id }).from(panelMembers).where(eq(panelMembers.panelId, panelId));
  return {
    criteria: criteria.map((c) => {
      const mine = scores.filter((s) => s.criterionId === c.id).map((s) => s.score);
      return { id: c.id, outcome: c.outcome, maxScore: c.maxScore, averageHundredths: averageHundredths(mine), scores: mine.length };
    }),
    members: members.length,
    scored: new Set(scores.map((s) => s.memberId)).size,
  };
}

/** The panel, its criteria and — once published — its result; members see their own scores. */
/**
 * A panel as its viewer may see it. Who sits on it is Internal (docs/data-classification.md): everyone sees how many
 * members it has; names only staff who manage it (`manages`, checked by the caller against the panel's place) and
 * its own members, who work together on it.
 */
export async function getPanel(panelId: string, viewerUserId: string | null, { manages = false }: { manages?: boolean } = {}) {
  const [row] = await db()
    .select({ panel: evaluationPanels, placeZh: places.nameZh, placeEn: places.nameEn, topicTitle: topics.title, projectTitle: projects.title })
    .from(evaluationPanels)
    .innerJoin(places, eq(places.id, evaluationPanels.placeId))
    .leftJoin(topics, eq(topics.id, evaluationPanels.topicId))
    .leftJoin(projects, eq(projects.id, evaluationPanels.projectId))
    .where(eq(evaluationPanels.id, panelId));
  if (!row) return null;
  const criteria = await db().select().from(panelCriteria).where(eq(panelCriteria.panelId, panelId)).orderBy(asc(panelCriteria.position));
  const members = await db()
    .select({ id: panelMembers.id, userId: panelMembers.userId, name: users.name })
    .from(panelMembers)
    .innerJoin(users, eq(users.id, panelMembers.userId))
    .where(eq(panelMembers.panelId, panelId))
    .orderBy(asc(users.name));
  const me = viewerUserId ? members.find((m) => m.userId === viewerUserId) : undefined;
  const myScores = me
    ? await db()
        .select({ criterionId: panelScores.criterionId, score: panelScores.score, comment: panelScores.comment })
        .from(panelScores)
        .where(eq(panelScores.memberId, me.id))
    : [];
  return {
    ...row.panel,
    placeZh: row.placeZh,
    placeEn: row.placeEn,
    topicTitle: row.topicTitle,
    projectTitle: row.projectTitle,
    criteria,
    memberCount: members.length,
    /** Empty unless the viewer manages the panel or is one of its members. */
    members: manages || me ? members.map((m) => ({ id: m.id, name: m.name })) : [],
    isMember: Boolean(me),
    myScores,
    result: row.panel.status === 'published' ? (row.panel.result as unknown as PanelResult) : null,
  };
}

export type PanelDetail = NonNullable<Awaited<ReturnType<typeof getPanel>>>;

/** A member's scores for every criterion at once; a member may change them until the panel publishes. */
export async function submitScores(actor: Actor & { userId: string }, panelId: string, scores: { criterionId: string; score: number; comment: string }[]) {
  return db().transaction(async (tx) => {
    const [panel] = await tx.select().from(evaluationPanels).where(eq(evaluationPanels.id, panelId)).for('share');
    if (!panel) throw new PanelError('not_found');
    if (panel.status !== 'open') throw new PanelError('published');
    const [member] = await tx
      .select({ id: panelMembers.id })
      .from(panelMembers)
      .where(and(eq(panelMembers.panelId, panelId), eq(panelMembers.userId, actor.userId)));
    if (!member) throw new PanelError('not_member');
    const criteria = await tx.select().from(panelCriteria).where(eq(panelCriteria.panelId, panelId));
    for (const s of scores) {
      const c = criteria.find((x) => x.id === s.criterionId);
      if (!c) throw new PanelError('invalid', { [`score.${s.criterionId}`]: ['deliberation.v.criterion'] });
      if (!Number.isInteger(s.score) || s.score < 0 || s.score > c.maxScore)
        throw new PanelError('invalid', { [`score.${s.criterionId}`]: ['deliberation.v.scoreRange'] });
    }
    for (const s of scores) {
      await tx
        .insert(panelScores)
        .values({ panelId, criterionId: s.criterionId, memberId: member.id, score: s.score, comment: s.comment })
        .onConflictDoUpdate({ target: [panelScores.criterionId, panelScores.memberId], set: { score: s.score, comment: s.comment, updatedAt: sql`now()` } });
    }
    await recordAudit(tx, actor, {
      action: 'panel.score',
      subjectType: 'evaluation_panel',
      subjectId: panelId,
      placeId: panel.placeId,
      after: { scores: scores.map((s) => ({ criterionId: s.criterionId, score: s.score })) },
    });
  });
}

/** Publishes the averages, once; later scores are refused. */
export async function publishPanel(actor: Actor, panelId: string) {
  return db().transaction(async (tx) => {
    const [panel] = await tx.select().from(evaluationPanels).where(eq(evaluationPanels.id, panelId)).for('update');
    if (!panel) throw new PanelError('not_found');
    if (panel.status === 'published') throw new PanelError('published');
    // Computed under the lock: a score submitted meanwhile waits (it takes a share lock) and is then refused.
    const final = await computeResult(tx, panelId);
    await tx
      .update(evaluationPanels)
      .set({ status: 'published', publishedAt: new Date(), result: final as unknown as Record<string, unknown> })
      .where(eq(evaluationPanels.id, panelId));
    await recordAudit(tx, actor, {
      action: 'panel.publish',
      subjectType: 'evaluation_panel',
      subjectId: panelId,
      placeId: panel.placeId,
      before: { status: 'open' },
      after: { status: 'published', members: final.members, scored: final.scored },
    });
    if (panel.topicId) await notifyTopicFollowers(tx, panel.topicId, 'deliberation.notify.panelPublished', actor.userId, `/panels/${panelId}`);
    return final;
  });
}

export async function listPanels(placePath?: string | null) {
  return db()
    .select({
      id: evaluationPanels.id,
      title: evaluationPanels.title,
      status: evaluationPanels.status,
      publishedAt: evaluationPanels.publishedAt,
      placeZh: places.nameZh,
      placeEn: places.nameEn,
    })
    .from(evaluationPanels)
    .innerJoin(places, eq(places.id, evaluationPanels.placeId))
    .where(placePath ? sql`${evaluationPanels.placePath} like ${placePath + '%'}` : undefined)
    .limit(200);
}

export interface PanelInput {
  title: string;
  topicId: string | null;
  projectId: string | null;
  /** The agreed outcomes, in order, each scored 0..maxScore. */
  criteria: { outcome: string; maxScore: number }[];
  /** Members' account emails. */
  memberEmails: string[];
}

/**
 * Staff set up a panel for a topic or project of their place: its agreed outcomes and its members (people with
 * accounts, found by email). The topic or project must lie inside the place, checked in the WHERE clause.
 */
export async function createPanel(actor: Actor & { userId: string }, place: { id: string; path: string }, input: PanelInput) {
  return db().transaction(async (tx) => {
    const fields: Record<string, string[]> = {};
    const inPlace = (col: typeof topics.placePath | typeof projects.placePath) => sql`${col} like ${place.path + '%'}`;
    if (input.topicId) {
      const [t] = await tx.select({ id: topics.id }).from(topics).where(and(eq(topics.id, input.topicId), inPlace(topics.placePath)));
      if (!t) fields.topicId = ['panel.v.subject'];
    }
    if (input.projectId) {
      const [p] = await tx.select({ id: projects.id }).from(projects).where(and(eq(projects.id, input.projectId), inPlace(projects.placePath)));
      if (!p) fields.projectId = ['panel.v.subject'];
    }
    if (!input.topicId && !input.projectId) fields.topicId = ['panel.v.subjectRequired'];
    const members = await usersByEmail(tx, input.memberEmails);
    if (members.missing.length) fields.members = ['panel.v.unknownEmails'];
    if (Object.keys(fields).length) throw new PanelError('invalid', fields);
    const [panel] = await tx
      .insert(evaluationPanels)
      .values({ placeId: place.id, placePath: place.path, title: input.title, topicId: input.topicId, projectId: input.projectId, createdByUserId: actor.userId })
      .returning();
    await tx.insert(panelCriteria).values(input.criteria.map((c, position) => ({ panelId: panel.id, position, outcome: c.outcome, maxScore: c.maxScore })));
    if (members.found.length) await tx.insert(panelMembers).values(members.found.map((userId) => ({ panelId: panel.id, userId }))).onConflictDoNothing();
    await recordAudit(tx, actor, {
      action: 'panel.create',
      subjectType: 'evaluation_panel',
      subjectId: panel.id,
      placeId: place.id,
      after: { title: panel.title, topicId: panel.topicId, projectId: panel.projectId, criteria: input.criteria.length, members: members.found.length },
    });
    return panel;
  });
}

async function usersByEmail(tx: DbOrTx, emails: string[]) {
  const wanted = [...new Set(emails.map((e) => e.trim().toLowerCase()).filter(Boolean))];
  const rows = wanted.length
    ? await tx.select({ id: users.id, email: users.email }).from(users).where(and(inArray(users.email, wanted), isNull(users.disabledAt)))
    : [];
  return { found: rows.map((r) => r.id), missing: wanted.filter((e) => !rows.some((r) => r.email === e)) };
}

/** Adds a member while the panel scores. */
export async function addPanelMember(actor: Actor, panelId: string, email: string) {
  return db().transaction(async (tx) => {
    const [panel] = await tx.select().from(evaluationPanels).where(eq(evaluationPanels.id, panelId)).for('update');
    if (!panel) throw new PanelError('not_found');
    if (panel.status !== 'open') throw new PanelError('published');
    const { found } = await usersByEmail(tx, [email]);
    if (!found.length) throw new PanelError('invalid', { email: ['panel.v.unknownEmail'] });
    const added = await tx.insert(panelMembers).values({ panelId, userId: found[0] }).onConflictDoNothing().returning();
    if (!added.length) throw new PanelError('invalid', { email: ['panel.v.alreadyMember'] });
    await recordAudit(tx, actor, { action: 'panel.member_add', subjectType: 'evaluation_panel', subjectId: panelId, placeId: panel.placeId, after: { memberId: added[0].id } });
  });
}

/** Removes a member who has not scored yet: a member's scores are never silently dropped. */
export async function removePanelMember(actor: Actor, panelId: string, memberId: string) {
  return db().transaction(async (tx) => {
    const [panel] = await tx.select().from(evaluationPanels).where(eq(evaluationPanels.id, panelId)).for('update');
    if (!panel) throw new PanelError('not_found');
    if (panel.status !== 'open') throw new PanelError('published');
    const [member] = await tx.select().from(panelMembers).where(and(eq(panelMembers.id, memberId), eq(panelMembers.panelId, panelId)));
    if (!member) throw new PanelError('not_found');
    const [{ n }] = await tx.select({ n: count() }).from(panelScores).where(eq(panelScores.memberId, memberId));
    if (Number(n) > 0) throw new PanelError('invalid', { '': ['panel.v.memberScored'] });
    await tx.delete(panelMembers).where(eq(panelMembers.id, memberId));
    await recordAudit(tx, actor, { action: 'panel.member_remove', subjectType: 'evaluation_panel', subjectId: panelId, placeId: panel.placeId, before: { memberId, userId: member.userId } });
  });
}

/** Topics and projects of the given scopes a panel can evaluate: those under way or finished. */
export async function panelSubjects(scopes: (string | null)[]) {
  if (!scopes.length) return { topics: [], projects: [] };
  const within = (col: typeof topics.placePath | typeof projects.placePath) =>
    scopes.includes(null) ? sql`true` : sql.join(scopes.map((s) => sql`${col} like ${s + '%'}`), sql` or `);
  const [t, p] = await Promise.all([
    db()
      .select({ id: topics.id, title: topics.title })
      .from(topics)
      .where(and(sql`(${within(topics.placePath)})`, inArray(topics.stage, ['implementation', 'evaluation', 'done'])))
      .orderBy(asc(topics.title))
      .limit(200),
    db()
      .select({ id: projects.id, title: projects.title })
      .from(projects)
      .where(sql`(${within(projects.placePath)})`)
      .orderBy(asc(projects.title))
      .limit(200),
  ]);
  return { topics: t, projects: p };
}
