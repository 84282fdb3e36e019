// Suggestions on a need's page: the best volunteers, teams, organisations and offers for it with the reasons;
// accepting one dispatches the need to it, dismissing one keeps it from being suggested for this need again.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { db, type DbOrTx } from '../../db/client';
import { matchDismissals, needDispatches, resources, users } from '../../db/schema';
import { candidateKinds, score, suggestCandidates, type CandidateKind, type MatchCandidate, type Score } from '../../matching';
import { recordAudit } from '../audit/audit.server';
import { NeedError, requireNeedAccess } from '../needs/needs.server';
import { canTransition } from '../needs/status';
import { dispatchNeedToResource } from '../needs/transitions.server';
import { actorOf, type Principal } from '../permissions/principal.server';
import { infoKey, loadCandidates, loadNeeds, matchNeedsOf, streetPathOf, type CandidateInfo, type LoadedNeed } from './load.server';
import { remainingUnits } from './map';
import { skillsForCategory, type MatchReasonData } from './reasons';

/** How many of each kind a need's page shows. */
export const SUGGESTIONS_PER_KIND = 3;

export interface SuggestionView extends MatchReasonData {
  kind: CandidateKind;
  id: string;
  name: string;
  rank: number;
  points: number;
  responsibleName: string | null;
}

/** Plain data of a score for pages and the API: parts, facts and the candidate's skills that fit. */
export function reasonData(need: Pick<LoadedNeed, 'category'>, candidate: MatchCandidate, s: Score): MatchReasonData {
  return {
    total: s.total,
    parts: s.parts,
    category: need.category,
    categoryFit: s.facts.categoryFit,
    fitSkills: skillsForCategory(candidate.skills, need.category, s.facts.matchedSkills),
    steps: s.facts.steps,
    overlapMinutes: s.facts.overlapMinutes,
    wantedMinutes: s.facts.wantedMinutes,
    freeUnits: s.facts.freeUnits,
    sharedLanguages: s.facts.sharedLanguages,
    smoothedRating: s.facts.smoothedRating,
    ratingCount: candidate.rating.count,
  };
}

async function namesOf(tx: DbOrTx, ids: string[]) {
  if (!ids.length) return new Map<string, string>();
  return new Map((await tx.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids))).map((u) => [u.id, u.name]));
}

/** Loads one open need with its matching input, or null when it cannot be matched (not verified, finished). */
async function loadOne(tx: DbOrTx, needId: string, now: Date) {
  const [need] = await loadNeeds(tx, { ids: [needId] });
  if (!need) return null;
  const [matchNeed] = await matchNeedsOf(tx, [need], now);
  return { need, matchNeed };
}

/** Throws not_found / forbidden unless the caller may dispatch this need: the guard, before any field is read. */
export async function requireMatchAccess(principal: Principal, needId: string) {
  await requireNeedAccess(principal, needId, (a) => a.can('need.dispatch'));
}

/** The top candidates of each kind for a need, for staff who may dispatch it. */
export async function suggestionsForNeed(principal: Principal, needId: string, options: { now?: Date; perKind?: number } = {}) {
  const access = await requireNeedAccess(principal, needId, (a) => a.can('need.dispatch'));
  const now = options.now ?? new Date();
  const perKind = options.perKind ?? SUGGESTIONS_PER_KIND;
  const tx = db();
  const loaded = canTransition(access.need.status, 'dispatch') ? await loadOne(tx, needId, now) : null;
  if (!loaded) return { needId, dispatchable: false, remaining: 0, groups: [], considered: 0, excluded: 0, excludedBy: {} };
  const { need, matchNeed } = loaded;
  const { candidates, info } = await loadCandidates(tx, { scopePath: await streetPathOf(tx, need.placePath), categories: [need.category] });
  const ranked = suggestCandidates(matchNeed, candidates, { now, limit: candidates.length });
  const byKey = new Map(candidates.map((c) => [infoKey(c.kind, c.id), c]));
  const top = candidateKinds.flatMap((kind) => ranked.top.filter((s) => s.candidate.kind === kind).slice(0, perKind));
  const names = await namesOf(tx, [...new Set(top.map((s) => info.get(infoKey(s.candidate.kind, s.candidate.id))!.responsibleUserId))]);
  const view = (s: (typeof top)[number]): SuggestionView => {
    const k = infoKey(s.candidate.kind, s.candidate.id);
    const i = info.get(k)!;
    return { kind: s.candidate.kind, id: s.candidate.id, name: i.name, rank: s.rank, points: s.score.points, responsibleName: names.get(i.responsibleUserId) ?? null, ...reasonData(need, byKey.get(k)!, s.score) };
  };
  return {
    needId,
    dispatchable: true,
    remaining: remainingUnits(need),
    groups: candidateKinds.map((kind) => ({ kind, items: top.filter((s) => s.candidate.kind === kind).map(view) })),
    considered: ranked.considered,
    excluded: ranked.excluded,
    excludedBy: ranked.excludedBy,
  };
}

export interface CandidateChoice {
  kind: CandidateKind;
  id: string;
  /** Kept on the need's timeline with the dispatch. */
  note?: string | null;
}

/**
 * Dispatches the need to a suggested candidate after scoring it again under the candidate's lock: a candidate
 * that was dismissed, filled up or no longer fits is refused, and a second click finds the dispatch made.
 */
export async function acceptSuggestion(principal: Principal, needId: string, choice: CandidateChoice, now = new Date()) {
  const access = await requireNeedAccess(principal, needId, (a) => a.can('need.dispatch'));
  return db().transaction(async (tx) => {
    // The candidate's row is the lock that keeps two acceptances from both spending its last unit.
    const [resource] = await tx.select({ id: resources.id }).from(resources).where(eq(resources.id, choice.id)).for('update');
    if (!resource) throw new NeedError('invalid', { candidate: ['matching.v.candidate'] });
    const [already] = await tx
      .select({ id: needDispatches.id })
      .from(needDispatches)
      .where(and(eq(needDispatches.needId, needId), eq(needDispatches.assigneeResourceId, choice.id), isNull(needDispatches.withdrawnAt)))
      .limit(1);
    if (already) throw new NeedError('invalid', { candidate: ['matching.v.already'] });
    const loaded = await loadOne(tx, needId, now);
    if (!loaded) throw new NeedError('wrong_state');
    const { need, matchNeed } = loaded;
    if (remainingUnits(need) === 0) throw new NeedError('invalid', { candidate: ['matching.v.covered'] });
    const { candidates, info } = await loadCandidates(tx, { resourceIds: [choice.id] });
    const candidate = candidates.find((c) => c.kind === choice.kind && c.id === choice.id);
    if (!candidate) throw new NeedError('invalid', { candidate: ['matching.v.candidate'] });
    const s = score(matchNeed, candidate, now);
    if (s.excluded) throw new NeedError('invalid', { candidate: ['matching.v.notEligible'] });
    const i = info.get(infoKey(choice.kind, choice.id))!;
    const units = Math.min(remainingUnits(need), s.facts.freeUnits);
    const result = await dispatchNeedToResource(principal, needId, { ...dispatchInput(i, need.quantity === null ? null : units, 'suggestion'), note: choice.note ?? null }, tx);
    await recordAudit(tx, actorOf(principal), {
      action: 'match.accept',
      subjectType: 'need',
      subjectId: needId,
      placeId: access.need.placeId,
      after: { candidateKind: choice.kind, candidateId: choice.id, dispatchId: result.dispatchId, points: s.points, parts: s.parts },
    });
    return result;
  });
}

/**
 * Dispatches the need to a resource-list entry named by its id (the API's `assignee_resource_id`): the entry's kind,
 * name and responsible person come from the list, and the same checks as accepting a suggestion apply.
 */
export async function dispatchToResource(principal: Principal, needId: string, resourceId: string, note?: string | null) {
  const [resource] = await db().select({ kind: resources.kind }).from(resources).where(eq(resources.id, resourceId));
  if (!resource) throw new NeedError('invalid', { assigneeResourceId: ['matching.v.candidate'] });
  const kind = (resource.kind === 'goods' ? 'offer' : resource.kind) as CandidateKind;
  if (!candidateKinds.includes(kind)) throw new NeedError('invalid', { assigneeResourceId: ['matching.v.candidate'] });
  try {
    return await acceptSuggestion(principal, needId, { kind, id: resourceId, note });
  } catch (error) {
    // The suggestion path names the field `candidate`; here the caller sent `assignee_resource_id`.
    if (error instanceof NeedError && error.code === 'invalid' && error.fields.candidate) throw new NeedError('invalid', { assigneeResourceId: error.fields.candidate });
    throw error;
  }
}

/** The dispatch for a matched candidate: the volunteer as the person, a team/organisation/offer by name. */
export function dispatchInput(i: CandidateInfo, quantity: number | null, via: 'suggestion' | 'batch') {
  return {
    resourceId: i.id,
    assigneeType: i.assigneeType,
    assigneeUserId: i.assigneeUserId,
    assigneeName: i.assigneeType === 'person' ? null : i.name,
    responsibleUserId: i.responsibleUserId,
    quantity,
    via,
  };
}

/** Staff rule a candidate out for a need: remembered (once), audited, never suggested or proposed for it again. */
export async function dismissSuggestion(principal: Principal, needId: string, choice: CandidateChoice & { reason?: string | null }) {
  const access = await requireNeedAccess(principal, needId, (a) => a.can('need.dispatch'));
  return db().transaction(async (tx) => {
    const [resource] = await tx.select({ id: resources.id, kind: resources.kind }).from(resources).where(eq(resources.id, choice.id));
    const kindOf = resource && (resource.kind === 'goods' ? 'offer' : resource.kind);
    if (!resource || kindOf !== choice.kind) throw new NeedError('invalid', { candidate: ['matching.v.candidate'] });
    const added = await tx
      .insert(matchDismissals)
      .values({ needId, candidateKind: choice.kind, candidateId: choice.id, dismissedByUserId: principal.user.id, reason: choice.reason ?? null })
      .onConflictDoNothing()
      .returning({ id: matchDismissals.id });
    if (added.length) {
      await recordAudit(tx, actorOf(principal), {
        action: 'match.dismiss',
        subjectType: 'need',
        subjectId: needId,
        placeId: access.need.placeId,
        after: { candidateKind: choice.kind, candidateId: choice.id, reason: choice.reason ?? null },
      });
    }
    return { dismissed: added.length > 0 };
  });
}

