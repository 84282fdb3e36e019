// Projects: creating one from needs, the public list and page, staff's scoped views, state moves with history.
import { and, asc, desc, eq, ilike, inArray, isNull, like, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { db, type DbOrTx, type Tx } from '../../db/client';
import { needs, places, projectBudgetLines, projectEvents, projectMilestones, projectNeeds, projects, type Project } from '../../db/schema';
import { recordAudit, type Actor } from '../audit/audit.server';
import type { Principal } from '../permissions/principal.server';
import { can, scopesFor } from '../permissions/rules';
import { queueSearchUpsert } from '../../search/relay';
import { canMoveProject } from './rules';
import { publicProjectStates, type ProjectEventKind, type ProjectState } from './values';

export class ProjectError extends Error {
  constructor(
    public readonly code: 'not_found' | 'forbidden' | 'wrong_state' | 'invalid' | 'conflict',
    public readonly fields: Record<string, string[]> = {},
  ) {
    super(code);
  }
}
export const invalid = (field: string, message: string) => new ProjectError('invalid', { [field]: [message] });

export interface ProjectInput {
  needIds: string[];
  title: string;
  summary: string;
  goals: string;
  deliverables: string;
  beneficiaries: string;
  beneficiaryCount?: number | null;
  category: string;
  requiredSkills: string[];
  budgetLines: { label: string; amountMinor: number }[];
  milestones: { title: string; dueOn?: string | null; amountMinor: number }[];
  startsOn?: string | null;
  endsOn?: string | null;
}

/** Needs that can be bundled into a project: verified and still open. */
const bundleable = ['triaged', 'dispatched', 'in_progress'] as const;

/** Writes a step of a project's history (state change or other public fact) and its audit event. */
export async function recordProjectStep(
  tx: DbOrTx,
  actor: Actor,
  project: Pick<Project, 'id' | 'placeId'>,
  step: { kind: ProjectEventKind; from?: ProjectState | null; to?: ProjectState | null; data?: Record<string, unknown>; note?: string | null },
) {
  await tx.insert(projectEvents).values({
    projectId: project.id,
    kind: step.kind,
    fromState: step.from ?? null,
    toState: step.to ?? null,
    actorUserId: actor.userId,
    data: step.data ?? {},
    note: step.note ?? null,
  });
  await recordAudit(tx, actor, {
    action: `project.${step.kind}`,
    subjectType: 'project',
    subjectId: project.id,
    placeId: project.placeId,
    before: step.from ? { state: step.from } : null,
    after: { ...(step.to ? { state: step.to } : {}), ...(step.data ?? {}) },
  });
}

/**
 * Staff create a project from one or more needs. The project belongs to the needs' community when they share one,
 * else to the street holding them all; the caller must hold project.manage there.
 */
export async function createProject(caller: Principal, actor: Actor, input: ProjectInput) {
  const ids = [...new Set(input.needIds.map((id) => id.toLowerCase()))];
  if (!ids.length) throw invalid('needIds', 'projects.v.needsRequired');
  return db().transaction(async (tx) => {
    const found = await tx
      .select({ id: needs.id, status: needs.status, communityId: needs.communityId, path: places.path, parentId: places.parentId })
      .from(needs)
      .innerJoin(places, eq(places.id, needs.communityId))
      .where(inArray(needs.id, ids));
    if (found.length !== ids.length) throw invalid('needIds', 'projects.v.needNotFound');
    const communities = [...new Set(found.map((n) => n.communityId))];
    let placeId = communities[0];
    let placePath = found[0].path;
    if (communities.length > 1) {
      const streets = [...new Set(found.map((n) => n.parentId))];
      if (streets.length !== 1 || !streets[0]) throw invalid('needIds', 'projects.v.needsTooFarApart');
      const [street] = await tx.select({ id: places.id, path: places.path }).from(places).where(eq(places.id, streets[0]));
      placeId = street.id;
      placePath = street.path;
    }
    if (!found.every((n) => can(caller.roles, 'project.manage', n.path))) throw new ProjectError('forbidden');
    if (found.some((n) => !(bundleable as readonly string[]).includes(n.status))) throw invalid('needIds', 'projects.v.needNotOpen');
    const lines = input.budgetLines.filter((l) => l.label.trim());
    const budgetMinor = lines.reduce((sum, l) => sum + l.amountMinor, 0);
    const [project] = await tx
      .insert(projects)
      .values({
        placeId,
        placePath,
        title: input.title,
        summary: input.summary,
        goals: input.goals,
        deliverables: input.deliverables,
        beneficiaries: input.beneficiaries,
        beneficiaryCount: input.beneficiaryCount ?? null,
        category: input.category,
        requiredSkills: input.requiredSkills,
        budgetMinor,
        startsOn: input.startsOn || null,
        endsOn: input.endsOn || null,
        createdBy: caller.user.id,
      })
      .returning();
    await tx.insert(projectNeeds).values(ids.map((needId) => ({ projectId: project.id, needId, linkedBy: caller.user.id })));
    if (lines.length) await tx.insert(projectBudgetLines).values(lines.map((l, position) => ({ projectId: project.id, label: l.label, amountMinor: l.amountMinor, position })));
    const stones = input.milestones.filter((m) => m.title.trim());
    if (stones.length) await tx.insert(projectMilestones).values(stones.map((m, position) => ({ projectId: project.id, title: m.title, dueOn: m.dueOn || null, amountMinor: m.amountMinor, position })));
    await recordProjectStep(tx, actor, project, { kind: 'created', to: 'draft', data: { needIds: ids, budgetMinor } });
    await queueSearchUpsert(tx, 'projects', project.id);
    return project;
  });
}

/** Moves a project to another state (locked, checked against the state machine, history and audit written). */
export async function moveProject(tx: Tx, actor: Actor, projectId: string, to: ProjectState, extra: { data?: Record<string, unknown>; note?: string | null; set?: Partial<typeof projects.$inferInsert> } = {}) {
  const [project] = await tx.select().from(projects).where(eq(projects.id, projectId)).for('update');
  if (!project) throw new ProjectError('not_found');
  if (!canMoveProject(project.state, to)) throw new ProjectError('wrong_state');
  const [after] = await tx
    .update(projects)
    .set({ ...extra.set, state: to })
    .where(and(eq(projects.id, projectId), eq(projects.state, project.state)))
    .returning();
  if (!after) throw new ProjectError('wrong_state');
  await recordProjectStep(tx, actor, project, { kind: 'state_changed', from: project.state, to, data: extra.data, note: extra.note });
  await queueSearchUpsert(tx, 'projects', projectId);
  return after;
}

/** Staff cancel a project (with a reason) or send a draft back; guarded by the caller's scope. */
export async function changeProjectState(caller: Principal, actor: Actor, projectId: string, to: ProjectState, note?: string | null) {
  return db().transaction(async (tx) => {
    const [project] = await tx.select({ placePath: projects.placePath }).from(projects).where(eq(projects.id, projectId));
    if (!project) throw new ProjectError('not_found');
    if (!can(caller.roles, 'project.manage', project.placePath)) throw new ProjectError('forbidden');
    return moveProject(tx, actor, projectId, to, { note });
  });
}

const community = alias(places, 'community');

const publicColumns = {
  id: projects.id,
  title: projects.title,
  summary: projects.summary,
  category: projects.category,
  state: projects.state,
  budgetMinor: projects.budgetMinor,
  currency: projects.currency,
  placeId: projects.placeId,
  placeZh: community.nameZh,
  placeEn: community.nameEn,
  delivererName: projects.delivererName,
  createdAt: projects.createdAt,
  updatedAt: projects.updatedAt,
};

export interface ProjectFilter {
  state?: ProjectState;
  category?: string;
  placeId?: string;
  q?: string;
}

/** Drafts are seen only by those who may manage projects at their place. */
function visibility(caller: Principal | null): SQL {
  const open = inArray(projects.state, [...publicProjectStates]);
  const scopes = caller ? scopesFor(caller.roles, 'project.manage') : [];
  if (!scopes.length) return open;
  if (scopes.includes(null)) return sql`true`;
  return or(open, ...scopes.map((s) => like(projects.placePath, `${s}%`)))!;
}

/** The project list: public states for everyone (plus drafts in the caller's own places), newest first. */
export async function listProjects(caller: Principal | null, filter: ProjectFilter, page: { limit: number; offset: number }) {
  let placeClause: SQL | undefined;
  if (filter.placeId) {
    const [place] = await db().select({ path: places.path }).from(places).where(eq(places.id, filter.placeId));
    if (!place) return { rows: [], total: 0 };
    placeClause = like(projects.placePath, `${place.path}%`);
  }
  const q = filter.q?.trim();
  const where = and(
    visibility(caller),
    filter.state ? eq(projects.state, filter.state) : undefined,
    filter.category ? eq(projects.category, filter.category) : undefined,
    placeClause,
    q ? or(ilike(projects.title, `%${q.replace(/[\\%_]/g, '\\$&')}%`), ilike(projects.summary, `%${q.replace(/[\\%_]/g, '\\$&')}%`)) : undefined,
  );
  const [rows, [{ total }]] = await Promise.all([
    db().select(publicColumns).from(projects).innerJoin(community, eq(community.id, projects.placeId)).where(where).orderBy(desc(projects.createdAt), desc(projects.id)).limit(page.limit).offset(page.offset),
    db().select({ total: sql<number>`count(*)::int` }).from(projects).where(where),
  ]);
  return { rows, total: Number(total) };
}

export type ProjectSummary = Awaited<ReturnType<typeof listProjects>>['rows'][number];

/** One project with its public parts (needs by their public summary, budget lines, milestones, history), or null. */
export async function getProject(caller: Principal | null, projectId: string) {
  const [row] = await db()
    .select({ ...publicColumns, goals: projects.goals, deliverables: projects.deliverables, beneficiaries: projects.beneficiaries, beneficiaryCount: projects.beneficiaryCount, requiredSkills: projects.requiredSkills, placePath: projects.placePath, startsOn: projects.startsOn, endsOn: projects.endsOn, fundId: projects.fundId })
    .from(projects)
    .innerJoin(community, eq(community.id, projects.placeId))
    .where(and(eq(projects.id, projectId), visibility(caller)));
  if (!row) return null;
  const [linked, lines, stones, history] = await Promise.all([
    db()
      .select({ id: needs.id, summary: needs.publicSummary, category: needs.category, status: needs.status })
      .from(projectNeeds)
      .innerJoin(needs, eq(needs.id, projectNeeds.needId))
      .where(eq(projectNeeds.projectId, projectId))
      .orderBy(asc(projectNeeds.createdAt)),
    db().select({ id: projectBudgetLines.id, label: projectBudgetLines.label, amountMinor: projectBudgetLines.amountMinor }).from(projectBudgetLines).where(eq(projectBudgetLines.projectId, projectId)).orderBy(asc(projectBudgetLines.position)),
    db().select().from(projectMilestones).where(eq(projectMilestones.projectId, projectId)).orderBy(asc(projectMilestones.position)),
    db()
      .select({ id: projectEvents.id, kind: projectEvents.kind, fromState: projectEvents.fromState, toState: projectEvents.toState, createdAt: projectEvents.createdAt })
      .from(projectEvents)
      .where(eq(projectEvents.projectId, projectId))
      .orderBy(asc(projectEvents.id)),
  ]);
  return { ...row, needs: linked, budgetLines: lines, milestones: stones.map((m) => ({ id: m.id, title: m.title, dueOn: m.dueOn, amountMinor: m.amountMinor })), history };
}

export type ProjectDetail = NonNullable<Awaited<ReturnType<typeof getProject>>>;

/** The place of a project (for guards), whatever its state. */
export async function projectPlace(projectId: string) {
  const [row] = await db().select({ id: places.id, path: places.path, type: places.type }).from(projects).innerJoin(places, eq(places.id, projects.placeId)).where(eq(projects.id, projectId));
  return row ?? null;
}

/** Projects a need belongs to, for the need's page: title, state and milestone count; public states only. */
export async function projectsOfNeed(needId: string) {
  return db()
    .select({ id: projects.id, title: projects.title, state: projects.state, delivererName: projects.delivererName })
    .from(projectNeeds)
    .innerJoin(projects, eq(projects.id, projectNeeds.projectId))
    .where(and(eq(projectNeeds.needId, needId), inArray(projects.state, [...publicProjectStates])))
    .orderBy(asc(projectNeeds.createdAt));
}

/** Needs staff may bundle into a project: open, verified, in the caller's places. */
export async function bundleableNeeds(caller: Principal, limit = 200) {
  const scopes = scopesFor(caller.roles, 'project.manage');
  if (!scopes.length) return [];
  const scope = scopes.includes(null) ? undefined : or(...scopes.map((s) => like(places.path, `${s}%`)));
  return db()
    .select({ id: needs.id, summary: needs.publicSummary, category: needs.category, status: needs.status, communityZh: places.nameZh, communityEn: places.nameEn })
    .from(needs)
    .innerJoin(places, eq(places.id, needs.communityId))
    .where(and(inArray(needs.status, [...bundleable]), isNull(needs.mergedIntoId), scope))
    .orderBy(desc(needs.raisedAt))
    .limit(limit);
}
