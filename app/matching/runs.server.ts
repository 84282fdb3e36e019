// Batch matching: all open needs of a community or street against every candidate with room, assigned for the
// best total fit (matching/assign.ts, an exact optimum), stored as a proposal; staff approve all or some pairs
// and the dispatches are written in one transaction, each pair checked again first.
import { and, asc, desc, eq, inArray, like, or, type SQL } from 'drizzle-orm';
import { db } from '../../db/client';
import { matchRunPairs, matchRuns, needs, places, resources, type MatchRun, type UnmatchedRow } from '../../db/schema';
import { assign, candidateKey, score, type CandidateKind } from '../../matching';
import { recordAudit } from '../audit/audit.server';
import { dispatchNeedToResource } from '../needs/transitions.server';
import { can, scopesFor } from '../permissions/rules';
import { actorOf, type Principal } from '../permissions/principal.server';
import { infoKey, loadCandidates, loadNeeds, matchNeedsOf, streetPathOf } from './load.server';
import { remainingUnits } from './map';
import type { MatchReasonData } from './reasons';
import { dispatchInput, reasonData } from './suggestions.server';

export class MatchRunError extends Error {
  constructor(
    public readonly code: 'not_found' | 'invalid',
    public readonly fields: Record<string, string[]> = {},
  ) {
    super(code);
  }
}

const runnableTypes = ['community', 'street'] as const;

/** Proposes an assignment for the open needs of a community or street the caller looks after, and stores it. */
export async function createRun(principal: Principal, placeId: string, now = new Date()) {
  const [place] = await db().select({ id: places.id, type: places.type, path: places.path }).from(places).where(eq(places.id, placeId));
  if (!place || !(runnableTypes as readonly string[]).includes(place.type) || !can(principal.roles, 'need.match', place.path)) throw new MatchRunError('invalid', { placeId: ['matching.v.place'] });
  return db().transaction(async (tx) => {
    const loaded = (await loadNeeds(tx, { placePath: place.path })).filter((n) => remainingUnits(n) > 0);
    const matchNeeds = await matchNeedsOf(tx, loaded, now);
    const { candidates, info } = await loadCandidates(tx, { scopePath: await streetPathOf(tx, place.path), categories: [...new Set(loaded.map((n) => n.category))] });
    const result = assign(matchNeeds, candidates, { now });
    const byKey = new Map(candidates.map((c) => [candidateKey(c), c]));
    const needById = new Map(loaded.map((n) => [n.id, n]));
    const unmatched: UnmatchedRow[] = result.unmatched.map((u) => ({ needId: u.needId, units: u.units, reason: u.reason, considered: u.considered, eligible: u.eligible, excludedBy: u.excludedBy as Record<string, number> }));
    const [run] = await tx
      .insert(matchRuns)
      .values({
        placeId: place.id,
        placePath: place.path,
        createdByUserId: principal.user.id,
        needsConsidered: loaded.length,
        candidatesConsidered: candidates.length,
        totalPoints: result.totalPoints,
        matchedUnits: result.matchedUnits,
        unmatched,
        status: result.pairs.length ? 'proposed' : 'approved',
      })
      .returning();
    if (result.pairs.length) {
      await tx.insert(matchRunPairs).values(
        result.pairs.map((p) => {
          const candidate = byKey.get(candidateKey(p.candidate))!;
          const data = reasonData(needById.get(p.needId)!, candidate, p.score);
          const { parts, total: _total, ...facts } = data;
          return { runId: run.id, needId: p.needId, candidateKind: p.candidate.kind, candidateId: p.candidate.id, units: p.units, points: p.score.points, parts, facts: { ...facts, name: info.get(infoKey(p.candidate.kind, p.candidate.id))!.name } };
        }),
      );
    }
    await recordAudit(tx, actorOf(principal), {
      action: 'match.run',
      subjectType: 'match_run',
      subjectId: run.id,
      placeId: place.id,
      after: { needs: loaded.length, candidates: candidates.length, pairs: result.pairs.length, matchedUnits: result.matchedUnits, totalPoints: result.totalPoints },
    });
    return run;
  });
}

/** The runs' WHERE clause for the caller: only runs of places they look after. */
function scopeClause(principal: Principal): SQL | undefined | false {
  const scopes = scopesFor(principal.roles, 'need.match');
  if (!scopes.length) return false;
  if (scopes.includes(null)) return undefined;
  return or(...scopes.map((s) => like(matchRuns.placePath, `${s}%`)));
}

export async function listRuns(principal: Principal, limit = 20) {
  const clause = scopeClause(principal);
  if (clause === false) return [];
  return db()
    .select({ id: matchRuns.id, status: matchRuns.status, createdAt: matchRuns.createdAt, matchedUnits: matchRuns.matchedUnits, needsConsidered: matchRuns.needsConsidered, placeZh: places.nameZh, placeEn: places.nameEn })
    .from(matchRuns)
    .innerJoin(places, eq(places.id, matchRuns.placeId))
    .where(clause)
    .orderBy(desc(matchRuns.createdAt))
    .limit(limit);
}

/** A run of a place the caller looks after; not_found otherwise (another community's runs are not known to exist). */
async function requireRun(principal: Principal, runId: string): Promise<MatchRun> {
  const [run] = await db().select().from(matchRuns).where(eq(matchRuns.id, runId));
  if (!run || !can(principal.roles, 'need.match', run.placePath)) throw new MatchRunError('not_found');
  return run;
}

export interface RunPairView extends MatchReasonData {
  id: string;
  needId: string;
  needSummary: string;
  kind: CandidateKind;
  candidateId: string;
  name: string;
  units: number;
  points: number;
  status: string;
  staleReason: string | null;
  dispatchId: string | null;
}

/** A run with its pairs (and why each was chosen) and the needs left unmatched (and why). */
export async function getRun(principal: Principal, runId: string) {
  const run = await requireRun(principal, runId);
  const pairs = await db()
    .select({ pair: matchRunPairs, needSummary: needs.publicSummary, needCategory: needs.category, name: resources.name })
    .from(matchRunPairs)
    .innerJoin(needs, eq(needs.id, matchRunPairs.needId))
    .innerJoin(resources, eq(resources.id, matchRunPairs.candidateId))
    .where(eq(matchRunPairs.runId, runId))
    .orderBy(desc(matchRunPairs.points), asc(matchRunPairs.id));
  const unmatchedIds = run.unmatched.map((u) => u.needId);
  const summaries = new Map(
    unmatchedIds.length ? (await db().select({ id: needs.id, summary: needs.publicSummary, category: needs.category }).from(needs).where(inArray(needs.id, unmatchedIds))).map((n) => [n.id, n]) : [],
  );
  const [place] = await db().select({ nameZh: places.nameZh, nameEn: places.nameEn, type: places.type }).from(places).where(eq(places.id, run.placeId));
  return {
    run: { id: run.id, status: run.status, placeId: run.placeId, place, createdAt: run.createdAt, needsConsidered: run.needsConsidered, candidatesConsidered: run.candidatesConsidered, totalPoints: run.totalPoints, matchedUnits: run.matchedUnits, approvedAt: run.approvedAt },
    pairs: pairs.map(({ pair, needSummary, name }): RunPairView => {
      const f = pair.facts as Omit<MatchReasonData, 'parts' | 'total'>;
      return {
        ...f,
        parts: pair.parts as MatchReasonData['parts'],
        total: pair.points / 10_000,
        id: pair.id,
        needId: pair.needId,
        needSummary,
        kind: pair.candidateKind,
        candidateId: pair.candidateId,
        name,
        units: pair.units,
        points: pair.points,
        status: pair.status,
        staleReason: pair.staleReason,
        dispatchId: pair.dispatchId,
      };
    }),
    unmatched: run.unmatched.map((u) => ({ ...u, summary: summaries.get(u.needId)?.summary ?? '', category: summaries.get(u.needId)?.category ?? '' })),
  };
}

export type StaleReason = 'need_closed' | 'need_covered' | 'candidate_gone' | 'candidate_full' | 'not_eligible';

/**
 * Approves the run's proposed pairs (all, or the listed ones) in one transaction. The run's row is locked first,
 * so a second approval waits and then finds the pairs decided; the candidates' rows are locked before they are
 * counted. Each pair is checked again — the need still open with the units left, the candidate still listed,
 * fitting and with room — and written, or marked stale with the reason; nothing is written half-way.
 */
export async function approveRun(principal: Principal, runId: string, choice: { all: boolean; pairIds: string[] }, now = new Date()) {
  const run = await requireRun(principal, runId);
  return db().transaction(async (tx) => {
    await tx.select({ id: matchRuns.id }).from(matchRuns).where(eq(matchRuns.id, run.id)).for('update');
    const chosen = await tx
      .select()
      .from(matchRunPairs)
      .where(and(eq(matchRunPairs.runId, run.id), eq(matchRunPairs.status, 'proposed'), choice.all ? undefined : inArray(matchRunPairs.id, choice.pairIds.length ? choice.pairIds : ['00000000-0000-0000-0000-000000000000'])))
      .orderBy(desc(matchRunPairs.points), asc(matchRunPairs.id));
    if (!choice.all) {
      const known = await tx.select({ id: matchRunPairs.id }).from(matchRunPairs).where(and(eq(matchRunPairs.runId, run.id), inArray(matchRunPairs.id, choice.pairIds)));
      if (known.length !== new Set(choice.pairIds).size) throw new MatchRunError('invalid', { pairIds: ['matching.v.pairs'] });
    }
    const written: { pairId: string; dispatchId: string }[] = [];
    const stale: { pairId: string; reason: StaleReason }[] = [];
    if (chosen.length) {
      const resourceIds = [...new Set(chosen.map((p) => p.candidateId))].sort();
      await tx.select({ id: resources.id }).from(resources).where(inArray(resources.id, resourceIds)).orderBy(asc(resources.id)).for('update');
      const needIds = [...new Set(chosen.map((p) => p.needId))].sort();
      const loaded = await loadNeeds(tx, { ids: needIds });
      const matchNeeds = new Map((await matchNeedsOf(tx, loaded, now)).map((n) => [n.id, n]));
      const remaining = new Map(loaded.map((n) => [n.id, remainingUnits(n)]));
      const quantityOf = new Map(loaded.map((n) => [n.id, n.quantity]));
      const { candidates, info } = await loadCandidates(tx, { resourceIds });
      const byKey = new Map(candidates.map((c) => [candidateKey(c), c]));
      const used = new Map<string, number>();
      for (const pair of chosen) {
        const key = infoKey(pair.candidateKind, pair.candidateId);
        const candidate = byKey.get(key);
        const matchNeed = matchNeeds.get(pair.needId);
        const left = remaining.get(pair.needId) ?? 0;
        let reason: StaleReason | null = null;
        if (!matchNeed) reason = 'need_closed';
        else if (left < pair.units) reason = 'need_covered';
        else if (!candidate) reason = 'candidate_gone';
        else if (candidate.capacity - candidate.load - (used.get(key) ?? 0) < pair.units) reason = 'candidate_full';
        else if (score(matchNeed, candidate, now).excluded?.some((e) => e.code !== 'no_capacity')) reason = 'not_eligible';
        if (reason) {
          stale.push({ pairId: pair.id, reason });
          await tx.update(matchRunPairs).set({ status: 'stale', staleReason: reason, decidedByUserId: principal.user.id, decidedAt: now }).where(eq(matchRunPairs.id, pair.id));
          continue;
        }
        const i = info.get(key)!;
        const { dispatchId } = await dispatchNeedToResource(principal, pair.needId, { ...dispatchInput(i, quantityOf.get(pair.needId) === null ? null : pair.units, 'batch'), note: null }, tx);
        remaining.set(pair.needId, left - pair.units);
        used.set(key, (used.get(key) ?? 0) + pair.units);
        written.push({ pairId: pair.id, dispatchId });
        await tx.update(matchRunPairs).set({ status: 'approved', dispatchId, decidedByUserId: principal.user.id, decidedAt: now }).where(eq(matchRunPairs.id, pair.id));
      }
      const [open] = await tx.select({ id: matchRunPairs.id }).from(matchRunPairs).where(and(eq(matchRunPairs.runId, run.id), eq(matchRunPairs.status, 'proposed'))).limit(1);
      if (!open) await tx.update(matchRuns).set({ status: 'approved', approvedByUserId: principal.user.id, approvedAt: now }).where(eq(matchRuns.id, run.id));
      await recordAudit(tx, actorOf(principal), {
        action: 'match.approve',
        subjectType: 'match_run',
        subjectId: run.id,
        placeId: run.placeId,
        after: { written: written.length, stale, pairs: written.map((w) => w.pairId) },
      });
    }
    return { written, stale };
  });
}

