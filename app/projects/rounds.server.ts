// Funding rounds (公益创投): creating a call with its criteria and projects, opening and closing it, the lists.
import { and, asc, desc, eq, inArray, like, or, sql, type SQL } from 'drizzle-orm';
import { db } from '../../db/client';
import { bids, fundingRounds, places, projects, roundCriteria, roundProjects, type FundingRound } from '../../db/schema';
import { recordAudit, type Actor } from '../audit/audit.server';
import type { Principal } from '../permissions/principal.server';
import { can, scopesFor } from '../permissions/rules';
import { isUuid } from '../utils/http.server';
import { invalid, moveProject, ProjectError, recordProjectStep } from './projects.server';
import { canMoveRound } from './rules';
import type { ApplicantType, RoundStatus } from './values';

export interface RoundInput {
  placeId: string;
  title: string;
  callText: string;
  budgetMinor: number;
  eligibleCategories: string[];
  applicantTypes: ApplicantType[];
  microGrant: boolean;
  opensAt: Date;
  closesAt: Date;
  noticeDays: number;
  criteria: { nameZh: string; nameEn: string; weight: number }[];
  projectIds: string[];
}

/** Creates a round (a draft) at a place where the caller may manage projects, with its criteria and projects. */
export async function createRound(caller: Principal, actor: Actor, input: RoundInput) {
  if (!isUuid(input.placeId)) throw invalid('placeId', 'v.required');
  if (!input.criteria.length) throw invalid('criteria', 'projects.v.criteriaRequired');
  if (input.closesAt <= input.opensAt) throw invalid('closesAt', 'projects.v.closesAfterOpens');
  const types = input.microGrant ? input.applicantTypes : input.applicantTypes.filter((t) => t === 'registered_org');
  if (!types.length) throw invalid('applicantTypes', 'projects.v.applicantTypesRequired');
  return db().transaction(async (tx) => {
    const [place] = await tx.select({ id: places.id, path: places.path, type: places.type }).from(places).where(eq(places.id, input.placeId));
    if (!place || !['street', 'community', 'district'].includes(place.type)) throw invalid('placeId', 'projects.v.roundPlace');
    if (!can(caller.roles, 'project.manage', place.path)) throw new ProjectError('forbidden');
    const projectIds = [...new Set(input.projectIds.map((p) => p.toLowerCase()))];
    const found = projectIds.length
      ? await tx.select({ id: projects.id, placePath: projects.placePath, state: projects.state, placeId: projects.placeId, category: projects.category }).from(projects).where(inArray(projects.id, projectIds))
      : [];
    if (found.length !== projectIds.length || found.some((p) => !p.placePath.startsWith(place.path))) throw invalid('projectIds', 'projects.v.projectOutsideRound');
    if (found.some((p) => !['draft', 'open_for_bids'].includes(p.state))) throw invalid('projectIds', 'projects.v.projectNotBiddable');
    if (input.eligibleCategories.length && found.some((p) => !input.eligibleCategories.includes(p.category))) throw invalid('projectIds', 'projects.v.projectNotEligible');
    const [round] = await tx
      .insert(fundingRounds)
      .values({
        placeId: place.id,
        placePath: place.path,
        title: input.title,
        callText: input.callText,
        budgetMinor: input.budgetMinor,
        eligibleCategories: input.eligibleCategories,
        applicantTypes: types,
        microGrant: input.microGrant,
        opensAt: input.opensAt,
        closesAt: input.closesAt,
        noticeDays: input.noticeDays,
        createdBy: caller.user.id,
      })
      .returning();
    await tx.insert(roundCriteria).values(input.criteria.map((c, position) => ({ roundId: round.id, nameZh: c.nameZh, nameEn: c.nameEn, weight: c.weight, position })));
    if (found.length) {
      await tx.insert(roundProjects).values(found.map((p) => ({ roundId: round.id, projectId: p.id, addedBy: caller.user.id })));
      for (const p of found) await recordProjectStep(tx, actor, p, { kind: 'round_joined', data: { roundId: round.id } });
    }
    await recordAudit(tx, actor, { action: 'round.create', subjectType: 'funding_round', subjectId: round.id, placeId: place.id, after: { title: round.title, budgetMinor: round.budgetMinor, projects: found.length } });
    return round;
  });
}

/**
 * Moves a round on: opening puts its draft projects up for bids; closing ends bidding (evaluation starts). Notice and
 * completion come from awards (awards.server.ts).
 */
export async function moveRound(caller: Principal, actor: Actor, roundId: string, to: Extract<RoundStatus, 'open' | 'evaluating' | 'cancelled'>) {
  return db().transaction(async (tx) => {
    const [round] = await tx.select().from(fundingRounds).where(eq(fundingRounds.id, roundId)).for('update');
    if (!round) throw new ProjectError('not_found');
    if (!can(caller.roles, 'project.manage', round.placePath)) throw new ProjectError('forbidden');
    if (!canMoveRound(round.status, to)) throw new ProjectError('wrong_state');
    const set: Partial<FundingRound> = { status: to };
    // Closing early moves the deadline to now, so nobody's bid changes after the close.
    if (to === 'evaluating' && round.closesAt > new Date()) set.closesAt = new Date();
    await tx.update(fundingRounds).set(set).where(eq(fundingRounds.id, roundId));
    if (to === 'open') {
      const linked = await tx.select({ id: projects.id, state: projects.state }).from(roundProjects).innerJoin(projects, eq(projects.id, roundProjects.projectId)).where(eq(roundProjects.roundId, roundId));
      if (!linked.length) throw invalid('round', 'projects.v.roundWithoutProjects');
      for (const p of linked) if (p.state === 'draft') await moveProject(tx, actor, p.id, 'open_for_bids', { data: { roundId } });
    }
    await recordAudit(tx, actor, { action: `round.${to}`, subjectType: 'funding_round', subjectId: roundId, placeId: round.placeId, before: { status: round.status }, after: { status: to } });
    return { ...round, ...set };
  });
}

/** Rounds past their deadline are closed to bids: computed on read as well as when staff close them. */
export function effectiveRoundStatus(round: Pick<FundingRound, 'status' | 'closesAt'>, now = new Date()): RoundStatus {
  return round.status === 'open' && now >= round.closesAt ? 'evaluating' : round.status;
}

function roundVisibility(caller: Principal | null): SQL {
  const open = sql`${fundingRounds.status} <> 'draft'`;
  const scopes = caller ? scopesFor(caller.roles, 'project.manage') : [];
  if (!scopes.length) return open;
  if (scopes.includes(null)) return sql`true`;
  return or(open, ...scopes.map((s) => like(fundingRounds.placePath, `${s}%`)))!;
}

const roundColumns = {
  id: fundingRounds.id,
  title: fundingRounds.title,
  callText: fundingRounds.callText,
  budgetMinor: fundingRounds.budgetMinor,
  currency: fundingRounds.currency,
  eligibleCategories: fundingRounds.eligibleCategories,
  applicantTypes: fundingRounds.applicantTypes,
  microGrant: fundingRounds.microGrant,
  opensAt: fundingRounds.opensAt,
  closesAt: fundingRounds.closesAt,
  noticeDays: fundingRounds.noticeDays,
  status: fundingRounds.status,
  placeId: fundingRounds.placeId,
  placePath: fundingRounds.placePath,
  placeZh: places.nameZh,
  placeEn: places.nameEn,
  createdAt: fundingRounds.createdAt,
  projectCount: sql<number>`(select count(*)::int from ${roundProjects} rp where rp.round_id = ${fundingRounds.id})`,
  bidCount: sql<number>`(select count(*)::int from ${bids} b where b.round_id = ${fundingRounds.id} and b.status <> 'withdrawn')`,
};

/** Rounds: all but drafts for everyone; drafts for staff of their place. Newest first. */
export async function listRounds(caller: Principal | null, filter: { status?: RoundStatus; placeId?: string }, page: { limit: number; offset: number }) {
  let placeClause: SQL | undefined;
  if (filter.placeId) {
    const [place] = await db().select({ path: places.path }).from(places).where(eq(places.id, filter.placeId));
    if (!place) return { rows: [], total: 0 };
    placeClause = like(fundingRounds.placePath, `${place.path}%`);
  }
  const where = and(roundVisibility(caller), filter.status ? eq(fundingRounds.status, filter.status) : undefined, placeClause);
  const [rows, [{ total }]] = await Promise.all([
    db().select(roundColumns).from(fundingRounds).innerJoin(places, eq(places.id, fundingRounds.placeId)).where(where).orderBy(desc(fundingRounds.opensAt), desc(fundingRounds.id)).limit(page.limit).offset(page.offset),
    db().select({ total: sql<number>`count(*)::int` }).from(fundingRounds).where(where),
  ]);
  const now = new Date();
  return { rows: rows.map((r) => ({ ...r, status: effectiveRoundStatus(r, now) })), total: Number(total) };
}

export type RoundSummary = Awaited<ReturnType<typeof listRounds>>['rows'][number];

/** One round with its criteria and projects, or null when missing or not visible to the caller. */
export async function getRound(caller: Principal | null, roundId: string) {
  if (!isUuid(roundId)) return null;
  const [row] = await db().select(roundColumns).from(fundingRounds).innerJoin(places, eq(places.id, fundingRounds.placeId)).where(and(eq(fundingRounds.id, roundId), roundVisibility(caller)));
  if (!row) return null;
  const [criteria, linked] = await Promise.all([
    db().select({ id: roundCriteria.id, nameZh: roundCriteria.nameZh, nameEn: roundCriteria.nameEn, weight: roundCriteria.weight }).from(roundCriteria).where(eq(roundCriteria.roundId, roundId)).orderBy(asc(roundCriteria.position)),
    db()
      .select({ id: projects.id, title: projects.title, summary: projects.summary, category: projects.category, state: projects.state, budgetMinor: projects.budgetMinor, currency: projects.currency })
      .from(roundProjects)
      .innerJoin(projects, eq(projects.id, roundProjects.projectId))
      .where(eq(roundProjects.roundId, roundId))
      .orderBy(asc(roundProjects.createdAt)),
  ]);
  return { ...row, status: effectiveRoundStatus(row), criteria, projects: linked };
}

export type RoundDetail = NonNullable<Awaited<ReturnType<typeof getRound>>>;

/** The place of a round, for guards. */
export async function roundPlace(roundId: string) {
  if (!isUuid(roundId)) return null;
  const [row] = await db().select({ id: places.id, path: places.path, type: places.type }).from(fundingRounds).innerJoin(places, eq(places.id, fundingRounds.placeId)).where(eq(fundingRounds.id, roundId));
  return row ?? null;
}

/** Projects staff could put in a new round: drafts and projects open for bids in their places. */
export async function roundableProjects(caller: Principal) {
  const scopes = scopesFor(caller.roles, 'project.manage');
  if (!scopes.length) return [];
  const scope = scopes.includes(null) ? undefined : or(...scopes.map((s) => like(projects.placePath, `${s}%`)));
  return db()
    .select({ id: projects.id, title: projects.title, category: projects.category, budgetMinor: projects.budgetMinor, state: projects.state })
    .from(projects)
    .where(and(inArray(projects.state, ['draft', 'open_for_bids']), scope))
    .orderBy(desc(projects.createdAt))
    .limit(200);
}
