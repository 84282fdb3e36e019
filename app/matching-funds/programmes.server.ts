// Matching programmes: a funder posts one with its pool (a matching fund granted at creation), edits it while a
// draft, launches and closes it. Reads for the public: rules, pool and matched totals (from the ledger), and the
// programmes a project's donors should see explained before they give.
import { and, asc, desc, eq, inArray, like, sql } from 'drizzle-orm';
import { db, rows, type Tx } from '../../db/client';
import { accountFor } from '../../db/ledger/accounts';
import { accountBalance } from '../../db/ledger/post';
import { funds, matchingProgrammeProjects, matchingProgrammes, places, projects, type MatchingProgramme } from '../../db/schema';
import { recordAudit, type Actor } from '../audit/audit.server';
import { openFundAccounts } from '../funds/funds.server';
import { postGrant } from '../funds/postings.server';
import { mainAccountKind } from '../funds/rules';
import { isUuid } from '../utils/http.server';
import { explainProgramme, type ExplainLine } from './explain';
import { ledgerState, rulesOf } from './posting.server';
import type { ExhaustionPolicy, GiftSource, MatchTier } from './rules';
import type { ProgrammeStatus } from './values';

export interface ProgrammeInput {
  placeId: string;
  nameZh: string;
  nameEn: string;
  funderZh: string;
  funderEn: string;
  tiers: MatchTier[];
  seedMinor: number;
  minGiftMinor: number;
  perDonorCapMinor: number | null;
  perProjectCapMinor: number | null;
  programmeCapMinor: number | null;
  matchedSources: GiftSource[];
  exhaustion: ExhaustionPolicy;
  startsAt: Date;
  endsAt: Date;
  categories: string[];
  projectIds: string[];
}

export type ProgrammeResult = { ok: true; programme: MatchingProgramme } | { ok: false; reason: 'no_place' | 'project_outside_place' | 'not_found' | 'not_draft' };

async function checkProjects(tx: Tx, placePath: string, projectIds: string[]) {
  if (!projectIds.length) return true;
  if (!projectIds.every(isUuid)) return false;
  const found = await tx.select({ id: projects.id, path: projects.placePath }).from(projects).where(inArray(projects.id, projectIds));
  return found.length === new Set(projectIds).size && found.every((p) => p.path.startsWith(placePath));
}

const ruleColumns = (input: ProgrammeInput) => ({
  nameZh: input.nameZh,
  nameEn: input.nameEn,
  funderZh: input.funderZh,
  funderEn: input.funderEn,
  tiers: input.tiers,
  seedMinor: input.seedMinor,
  minGiftMinor: input.minGiftMinor,
  perDonorCapMinor: input.perDonorCapMinor,
  perProjectCapMinor: input.perProjectCapMinor,
  programmeCapMinor: input.programmeCapMinor,
  matchedSources: input.matchedSources,
  exhaustion: input.exhaustion,
  startsAt: input.startsAt,
  endsAt: input.endsAt,
  categories: input.categories,
});

/** Posts a programme (a draft) with a new matching pool granted `poolMinor` by the funder. */
export async function createProgramme(actor: Actor & { userId: string }, input: ProgrammeInput, poolMinor: number): Promise<ProgrammeResult> {
  return db().transaction(async (tx) => {
    const [place] = isUuid(input.placeId) ? await tx.select().from(places).where(eq(places.id, input.placeId)) : [];
    if (!place) return { ok: false, reason: 'no_place' } as const;
    if (!(await checkProjects(tx, place.path, input.projectIds))) return { ok: false, reason: 'project_outside_place' } as const;
    const [pool] = await tx
      .insert(funds)
      .values({ kind: 'matching', placeId: place.id, nameZh: `${input.nameZh}配捐资金池`, nameEn: `${input.nameEn} matching pool`, holderZh: input.funderZh, holderEn: input.funderEn, currency: 'CNY', createdBy: actor.userId })
      .returning();
    await openFundAccounts(tx, pool);
    const [programme] = await tx.insert(matchingProgrammes).values({ ...ruleColumns(input), placeId: place.id, placePath: place.path, poolFundId: pool.id, currency: pool.currency, createdBy: actor.userId }).returning();
    if (input.projectIds.length) await tx.insert(matchingProgrammeProjects).values([...new Set(input.projectIds)].map((projectId) => ({ programmeId: programme.id, projectId })));
    if (poolMinor > 0) await postGrant(tx, pool, poolMinor, `programme:${programme.id}:grant`, `${input.funderZh} / ${input.funderEn}`, new Date(), actor.userId);
    await recordAudit(tx, actor, { action: 'matching.create', subjectType: 'matching_programme', subjectId: programme.id, placeId: place.id, after: { ...ruleColumns(input), projectIds: input.projectIds, poolMinor } });
    return { ok: true, programme } as const;
  });
}

/** Edits a draft's rules and projects (a launched programme's rules never change under donors' feet). */
export async function updateProgramme(actor: Actor & { userId: string }, programmeId: string, input: Omit<ProgrammeInput, 'placeId'>): Promise<ProgrammeResult> {
  if (!isUuid(programmeId)) return { ok: false, reason: 'not_found' };
  return db().transaction(async (tx) => {
    const [before] = await tx.select().from(matchingProgrammes).where(eq(matchingProgrammes.id, programmeId)).for('update');
    if (!before) return { ok: false, reason: 'not_found' } as const;
    if (before.status !== 'draft') return { ok: false, reason: 'not_draft' } as const;
    if (!(await checkProjects(tx, before.placePath, input.projectIds))) return { ok: false, reason: 'project_outside_place' } as const;
    const columns = ruleColumns({ ...input, placeId: before.placeId });
    const [programme] = await tx.update(matchingProgrammes).set(columns).where(eq(matchingProgrammes.id, programmeId)).returning();
    await tx.delete(matchingProgrammeProjects).where(eq(matchingProgrammeProjects.programmeId, programmeId));
    if (input.projectIds.length) await tx.insert(matchingProgrammeProjects).values([...new Set(input.projectIds)].map((projectId) => ({ programmeId, projectId })));
    await recordAudit(tx, actor, { action: 'matching.update', subjectType: 'matching_programme', subjectId: programmeId, placeId: before.placeId, before: { ...before }, after: { ...columns, projectIds: input.projectIds } });
    return { ok: true, programme } as const;
  });
}

const nextStatus: Record<'launch' | 'close', { from: ProgrammeStatus[]; to: ProgrammeStatus }> = { launch: { from: ['draft'], to: 'active' }, close: { from: ['draft', 'active'], to: 'closed' } };

/** Launch (draft → active) or close. Takes the programme's row lock, so it waits for gifts being matched. */
export async function changeProgrammeStatus(actor: Actor, programmeId: string, action: 'launch' | 'close'): Promise<ProgrammeResult> {
  if (!isUuid(programmeId)) return { ok: false, reason: 'not_found' };
  return db().transaction(async (tx) => {
    const [before] = await tx.select().from(matchingProgrammes).where(eq(matchingProgrammes.id, programmeId)).for('update');
    if (!before) return { ok: false, reason: 'not_found' } as const;
    const step = nextStatus[action];
    if (!step.from.includes(before.status)) return { ok: false, reason: 'not_draft' } as const;
    const [programme] = await tx.update(matchingProgrammes).set({ status: step.to }).where(eq(matchingProgrammes.id, programmeId)).returning();
    await recordAudit(tx, actor, { action: `matching.${action}`, subjectType: 'matching_programme', subjectId: programmeId, placeId: before.placeId, before: { status: before.status }, after: { status: step.to } });
    return { ok: true, programme } as const;
  });
}

export interface ProgrammeView extends MatchingProgramme {
  projectIds: string[];
  poolBalanceMinor: number;
  matchedMinor: number;
  placeZh: string;
  placeEn: string;
  explanation: ExplainLine[];
}

async function withFigures(list: (MatchingProgramme & { placeZh: string; placeEn: string })[]): Promise<ProgrammeView[]> {
  if (!list.length) return [];
  const named = await db().select().from(matchingProgrammeProjects).where(inArray(matchingProgrammeProjects.programmeId, list.map((p) => p.id)));
  const out: ProgrammeView[] = [];
  for (const p of list) {
    const poolAccount = await accountFor(db(), p.poolFundId, mainAccountKind('matching'), p.currency);
    const [m] = await rows<{ matched: string }>(db(), sql`select coalesce(-sum(e.amount_minor), 0)::text as matched from ledger_entries e join ledger_groups g on g.id = e.group_id where e.account_id = ${poolAccount} and g.kind in ('match', 'match_reversal')`);
    const projectIds = named.filter((n) => n.programmeId === p.id).map((n) => n.projectId);
    out.push({ ...p, projectIds, poolBalanceMinor: await accountBalance(db() as unknown as Tx, poolAccount), matchedMinor: Number(m.matched), explanation: explainProgramme(rulesOf(p, projectIds)) });
  }
  return out;
}

const listColumns = { programme: matchingProgrammes, placeZh: places.nameZh, placeEn: places.nameEn };

/** Public: programmes (optionally within a place), newest first, with pool and matched totals from the ledger. */
export async function listProgrammes(filter: { placePath?: string; status?: ProgrammeStatus } = {}, limit = 100): Promise<ProgrammeView[]> {
  const found = await db()
    .select(listColumns)
    .from(matchingProgrammes)
    .innerJoin(places, eq(places.id, matchingProgrammes.placeId))
    .where(and(filter.placePath ? like(matchingProgrammes.placePath, `${filter.placePath}%`) : undefined, filter.status ? eq(matchingProgrammes.status, filter.status) : undefined))
    .orderBy(desc(matchingProgrammes.createdAt))
    .limit(limit);
  return withFigures(found.map((r) => ({ ...r.programme, placeZh: r.placeZh, placeEn: r.placeEn })));
}

export async function getProgramme(programmeId: string): Promise<ProgrammeView | null> {
  if (!isUuid(programmeId)) return null;
  const found = await db().select(listColumns).from(matchingProgrammes).innerJoin(places, eq(places.id, matchingProgrammes.placeId)).where(eq(matchingProgrammes.id, programmeId));
  return (await withFigures(found.map((r) => ({ ...r.programme, placeZh: r.placeZh, placeEn: r.placeEn }))))[0] ?? null;
}

/** The launched programmes that would match a gift to this project now, for the explanation before giving. */
export async function programmesForProjectPage(project: { id: string; placePath: string; category: string; currency: string }, now = new Date()): Promise<ProgrammeView[]> {
  const ids = await db().transaction(async (tx) => {
    const found = await rows<{ id: string }>(
      tx,
      sql`select p.id from matching_programmes p
          where p.status = 'active' and p.currency = ${project.currency} and p.ends_at > ${now.toISOString()}
            and (cardinality(p.categories) = 0 or ${project.category} = any(p.categories))
            and (exists (select 1 from matching_programme_projects pp where pp.programme_id = p.id and pp.project_id = ${project.id})
                 or (not exists (select 1 from matching_programme_projects pp where pp.programme_id = p.id) and ${project.placePath} like p.place_path || '%'))
          order by p.id`,
    );
    return found.map((r) => r.id);
  });
  if (!ids.length) return [];
  const found = await db().select(listColumns).from(matchingProgrammes).innerJoin(places, eq(places.id, matchingProgrammes.placeId)).where(inArray(matchingProgrammes.id, ids)).orderBy(asc(matchingProgrammes.id));
  return withFigures(found.map((r) => ({ ...r.programme, placeZh: r.placeZh, placeEn: r.placeEn })));
}

/** Projects a funder may name: those at or below the programme's place. */
export async function eligibleProjectChoices(placePath: string) {
  return db().select({ id: projects.id, title: projects.title, category: projects.category, state: projects.state }).from(projects).where(like(projects.placePath, `${placePath}%`)).orderBy(asc(projects.title)).limit(500);
}

/** Per project: what this programme has matched into it, net of matches handed back on refunds, biggest first. */
export async function matchedByProject(programmeId: string) {
  if (!isUuid(programmeId)) return [];
  const found = await rows<{ project_id: string; title: string; matched: string; gifts: number }>(
    db(),
    sql`select pm.project_id, pr.title, coalesce(-sum(e.amount_minor), 0)::text as matched, count(distinct pm.id)::int as gifts
        from programme_matches pm join matching_programmes p on p.id = pm.programme_id join projects pr on pr.id = pm.project_id
        left join ledger_groups g on g.id = pm.ledger_group_id or (g.kind = 'match_reversal' and g.donation_id = pm.donation_id)
        left join ledger_entries e on e.group_id = g.id and e.account_id in (select a.id from ledger_accounts a where a.fund_id = p.pool_fund_id)
        where pm.programme_id = ${programmeId}
        group by pm.project_id, pr.title order by 3 desc`,
  );
  return found.map((r) => ({ projectId: r.project_id, title: r.title, matchedMinor: Number(r.matched), gifts: Number(r.gifts) }));
}

/** For a project's page: how far its seed has come and what this programme has matched into it so far. */
export async function projectProgress(p: ProgrammeView, fund: Pick<import('../../db/schema').Fund, 'id' | 'kind' | 'currency'>) {
  return db().transaction(async (tx) => {
    const poolAccount = await accountFor(tx, p.poolFundId, mainAccountKind('matching'), p.currency);
    const s = await ledgerState(tx, p, poolAccount, fund, '', null);
    return { seedRaisedMinor: s.projectSeedRaisedMinor, projectMatchedMinor: s.projectMatchedMinor };
  });
}

export type TopUpResult = { ok: true; programme: MatchingProgramme; groupId: string } | { ok: false; reason: 'not_found' | 'closed' | 'duplicate' };

/**
 * A funder (or treasurer) adds money to a programme's pool: a grant posted into the pool, once per reference (the
 * grant letter or transfer number), so a double submit adds nothing twice. With `raiseCap`, a programme cap rises by
 * the same amount so the new money can be matched. A programme whose pool ran dry matches again at once: the pool's
 * balance is read from the ledger for every gift.
 */
export async function topUpProgramme(actor: Actor & { userId: string }, programmeId: string, input: { amountMinor: number; reference: string; raiseCap: boolean }): Promise<TopUpResult> {
  if (!isUuid(programmeId)) return { ok: false, reason: 'not_found' };
  return db().transaction(async (tx) => {
    const [before] = await tx.select().from(matchingProgrammes).where(eq(matchingProgrammes.id, programmeId)).for('update');
    if (!before) return { ok: false, reason: 'not_found' } as const;
    if (before.status === 'closed') return { ok: false, reason: 'closed' } as const;
    const [pool] = await tx.select().from(funds).where(eq(funds.id, before.poolFundId));
    const reference = input.reference.normalize('NFKC').trim();
    const posted = await postGrant(tx, pool, input.amountMinor, `programme:${programmeId}:top-up:${reference}`, `${before.funderZh} / ${before.funderEn} · ${reference}`, new Date(), actor.userId);
    if (posted.status === 'duplicate') return { ok: false, reason: 'duplicate' } as const;
    const cap = input.raiseCap && before.programmeCapMinor !== null ? before.programmeCapMinor + input.amountMinor : before.programmeCapMinor;
    const [programme] = cap !== before.programmeCapMinor ? await tx.update(matchingProgrammes).set({ programmeCapMinor: cap }).where(eq(matchingProgrammes.id, programmeId)).returning() : [before];
    await recordAudit(tx, actor, { action: 'matching.top_up', subjectType: 'matching_programme', subjectId: programmeId, placeId: before.placeId, before: { programmeCapMinor: before.programmeCapMinor }, after: { amountMinor: input.amountMinor, reference, programmeCapMinor: cap, groupId: posted.groupId } });
    return { ok: true, programme, groupId: posted.groupId } as const;
  });
}

export interface LaunchedAmendment {
  /** A later end: donors keep every rule they read, for longer. */
  endsAt?: Date;
  /** More named projects (only when the programme already names some: adding to "every project" would narrow it). */
  addProjectIds?: string[];
}

export type AmendResult = { ok: true; programme: MatchingProgramme } | { ok: false; reason: 'not_found' | 'closed' | 'draft' | 'shortens' | 'open_to_all' | 'project_outside_place' };

/**
 * What may change once a programme is launched: only what cannot take a match away from anyone who read the rules —
 * a later end date and more eligible projects. Everything else stays as donors read it (see ADR 0006).
 */
export async function amendLaunchedProgramme(actor: Actor & { userId: string }, programmeId: string, change: LaunchedAmendment): Promise<AmendResult> {
  if (!isUuid(programmeId)) return { ok: false, reason: 'not_found' };
  return db().transaction(async (tx) => {
    const [before] = await tx.select().from(matchingProgrammes).where(eq(matchingProgrammes.id, programmeId)).for('update');
    if (!before) return { ok: false, reason: 'not_found' } as const;
    if (before.status === 'closed') return { ok: false, reason: 'closed' } as const;
    if (before.status === 'draft') return { ok: false, reason: 'draft' } as const;
    if (change.endsAt && change.endsAt.getTime() < before.endsAt.getTime()) return { ok: false, reason: 'shortens' } as const;
    const named = await tx.select({ projectId: matchingProgrammeProjects.projectId }).from(matchingProgrammeProjects).where(eq(matchingProgrammeProjects.programmeId, programmeId));
    const adding = [...new Set(change.addProjectIds ?? [])].filter((id) => !named.some((n) => n.projectId === id));
    if (adding.length && !named.length) return { ok: false, reason: 'open_to_all' } as const;
    if (!(await checkProjects(tx, before.placePath, adding))) return { ok: false, reason: 'project_outside_place' } as const;
    const [programme] = change.endsAt ? await tx.update(matchingProgrammes).set({ endsAt: change.endsAt }).where(eq(matchingProgrammes.id, programmeId)).returning() : [before];
    if (adding.length) await tx.insert(matchingProgrammeProjects).values(adding.map((projectId) => ({ programmeId, projectId })));
    await recordAudit(tx, actor, { action: 'matching.amend', subjectType: 'matching_programme', subjectId: programmeId, placeId: before.placeId, before: { endsAt: before.endsAt, projectIds: named.map((n) => n.projectId) }, after: { endsAt: programme.endsAt, addedProjectIds: adding } });
    return { ok: true, programme } as const;
  });
}
