// The project fair (项目相亲会) of a funding round: staff open it, projects and applicants (organisations; resident
// teams in micro-grant rounds) state private ranked preferences, staff run the stable proposal, both sides sign each
// pair, and a pair signed by both becomes an award (fair-awards.server.ts).
import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { db, type DbOrTx } from '../../db/client';
import { fairPairs, fairParticipants, fairProposals, fairs, fundingRounds, organisationProfiles, projects, resourceMembers, resources, roundProjects, type Fair, type FairParticipant } from '../../db/schema';
import { stableMatching, type FairOutcome } from '../../matching/stable';
import { recordAudit, type Actor } from '../audit/audit.server';
import type { Principal } from '../permissions/principal.server';
import { can, type ScopedRole } from '../permissions/rules';
import { isUuid } from '../utils/http.server';
import { createFairAward } from './fair-awards.server';
import { maxFairCapacity, maxFairRanking, type FairSide } from './fair-values';

/** Who is calling a fair service: the audited actor and their scoped roles (staff rights are role × place). */
export interface FairCaller {
  actor: Actor & { userId: string };
  roles: readonly ScopedRole[];
}

/** The caller of a route, as the fair and delivery services take it. */
export const callerOf = (principal: Principal): FairCaller => ({ actor: { userId: principal.user.id, onBehalfOfUserId: principal.actingFor?.id ?? null }, roles: principal.roles });

export const isFairStaff = (caller: FairCaller, fair: Pick<Fair, 'placePath'>) => can(caller.roles, 'project.manage', fair.placePath);

export async function getFair(fairId: string) {
  if (!isUuid(fairId)) return null;
  const [row] = await db().select().from(fairs).where(eq(fairs.id, fairId));
  return row ?? null;
}

/** The fair's place, for guards. */
export async function fairPlace(fairId: string) {
  const fair = await getFair(fairId);
  return fair ? { id: fair.placeId, path: fair.placePath, type: 'fair' } : null;
}

export async function listFairs(limit = 50) {
  return db()
    .select({ id: fairs.id, title: fairs.title, heldOn: fairs.heldOn, status: fairs.status, roundTitle: fundingRounds.title })
    .from(fairs)
    .innerJoin(fundingRounds, eq(fundingRounds.id, fairs.roundId))
    .where(sql`${fairs.status} <> 'cancelled'`)
    .orderBy(sql`${fairs.heldOn} desc`)
    .limit(limit);
}

/** Rounds a member of staff may open a fair for: in their scope, still running, without a fair. */
export async function roundsForNewFair(caller: FairCaller) {
  const rows = await db()
    .select({ id: fundingRounds.id, title: fundingRounds.title, placePath: fundingRounds.placePath, status: fundingRounds.status })
    .from(fundingRounds)
    .leftJoin(fairs, and(eq(fairs.roundId, fundingRounds.id), sql`${fairs.status} <> 'cancelled'`))
    .where(and(isNull(fairs.id), inArray(fundingRounds.status, ['draft', 'open', 'evaluating'])))
    .orderBy(asc(fundingRounds.createdAt));
  return rows.filter((r) => can(caller.roles, 'project.manage', r.placePath));
}

export interface CreateFairInput {
  roundId: string;
  title: string;
  heldOn: string;
  preferencesCloseAt: Date;
}

export type CreateFairResult = { ok: true; fair: Fair } | { ok: false; reason: 'not_found' | 'forbidden' | 'round_closed' | 'exists' };

/** Opens a fair for a round, with every project of the round open for bids and without an award taking part (one partner each). */
export async function createFair(caller: FairCaller, input: CreateFairInput): Promise<CreateFairResult> {
  if (!isUuid(input.roundId)) return { ok: false, reason: 'not_found' };
  return db().transaction(async (tx) => {
    const [round] = await tx.select().from(fundingRounds).where(eq(fundingRounds.id, input.roundId)).for('update');
    if (!round) return { ok: false, reason: 'not_found' } as const;
    if (!can(caller.roles, 'project.manage', round.placePath)) return { ok: false, reason: 'forbidden' } as const;
    if (round.status === 'cancelled' || round.status === 'completed') return { ok: false, reason: 'round_closed' } as const;
    const [existing] = await tx.select({ id: fairs.id }).from(fairs).where(and(eq(fairs.roundId, round.id), sql`${fairs.status} <> 'cancelled'`));
    if (existing) return { ok: false, reason: 'exists' } as const;
    const [fair] = await tx
      .insert(fairs)
      .values({ roundId: round.id, placeId: round.placeId, placePath: round.placePath, title: input.title, heldOn: input.heldOn, preferencesCloseAt: input.preferencesCloseAt, createdBy: caller.actor.userId })
      .returning();
    const roundProjectRows = await tx
      .select({ id: projects.id, title: projects.title })
      .from(roundProjects)
      .innerJoin(projects, eq(projects.id, roundProjects.projectId))
      .where(and(eq(roundProjects.roundId, round.id), eq(projects.state, 'open_for_bids'), sql`not exists (select 1 from awards a where a.round_id = ${round.id} and a.project_id = ${projects.id} and a.status <> 'revoked')`))
      .orderBy(asc(projects.title));
    if (roundProjectRows.length) {
      await tx.insert(fairParticipants).values(roundProjectRows.map((p) => ({ fairId: fair.id, side: 'project' as const, projectId: p.id, name: p.title, capacity: 1, addedBy: caller.actor.userId })));
    }
    await recordAudit(tx, caller.actor, { action: 'fair.create', subjectType: 'fair', subjectId: fair.id, placeId: fair.placeId, after: { roundId: round.id, title: fair.title, heldOn: fair.heldOn, projects: roundProjectRows.length } });
    return { ok: true, fair } as const;
  });
}

// ---------------------------------------------------------------- who may act for a participant

/** Resources (organisations, teams) the user is an active member of; leaders and owners may also sign. */
export async function membershipsOf(userId: string, tx: DbOrTx = db()) {
  const rows = await tx
    .select({ resourceId: resources.id, role: resourceMembers.role, ownerUserId: resources.ownerUserId })
    .from(resources)
    .leftJoin(resourceMembers, and(eq(resourceMembers.resourceId, resources.id), eq(resourceMembers.userId, userId), eq(resourceMembers.status, 'active')))
    .where(and(inArray(resources.kind, ['organisation', 'team']), or(eq(resources.ownerUserId, userId), eq(resourceMembers.userId, userId))));
  const member = new Set<string>();
  const signer = new Set<string>();
  for (const r of rows) {
    member.add(r.resourceId);
    if (r.role === 'leader' || r.ownerUserId === userId) signer.add(r.resourceId);
  }
  return { member, signer };
}

export interface ParticipantRights {
  /** May see the participant's preferences and outcome (its owners; the round's staff). */
  view: boolean;
  /** May change the participant's preferences. */
  rank: boolean;
  /** May sign the participant's pairs. */
  sign: boolean;
}

const NONE: ParticipantRights = { view: false, rank: false, sign: false };
const ALL: ParticipantRights = { view: true, rank: true, sign: true };

/**
 * Staff act for the round's projects and may read every ranking, but an organisation's preferences and signature
 * are its own members' (leaders or the owner sign); a project's creator acts for it too.
 */
function rightsOf(participant: FairParticipant, staff: boolean, ownedProjects: Set<string>, mine: { member: Set<string>; signer: Set<string> }): ParticipantRights {
  if (participant.side === 'project') return staff || ownedProjects.has(participant.projectId!) ? ALL : NONE;
  const member = mine.member.has(participant.resourceId!);
  return { view: staff || member, rank: member, sign: mine.signer.has(participant.resourceId!) };
}

async function ownedProjects(userId: string, projectIds: string[], tx: DbOrTx = db()) {
  if (!projectIds.length) return new Set<string>();
  return new Set((await tx.select({ id: projects.id }).from(projects).where(and(eq(projects.createdBy, userId), inArray(projects.id, projectIds)))).map((p) => p.id));
}

async function rightsFor(caller: FairCaller, fair: Fair, participant: FairParticipant, tx: DbOrTx = db()): Promise<ParticipantRights> {
  const owned = participant.projectId ? await ownedProjects(caller.actor.userId, [participant.projectId], tx) : new Set<string>();
  return rightsOf(participant, isFairStaff(caller, fair), owned, await membershipsOf(caller.actor.userId, tx));
}

/** Every participant of the fair the caller may see or act for, with their rights. */
export async function myParticipants(caller: FairCaller, fair: Fair) {
  const rows = await db().select().from(fairParticipants).where(eq(fairParticipants.fairId, fair.id));
  const staff = isFairStaff(caller, fair);
  const mine = await membershipsOf(caller.actor.userId);
  const owned = await ownedProjects(caller.actor.userId, rows.map((p) => p.projectId).filter((x): x is string => !!x));
  const result = new Map<string, ParticipantRights>();
  for (const p of rows) {
    const rights = rightsOf(p, staff, owned, mine);
    if (rights.view) result.set(p.id, rights);
  }
  return result;
}

// ---------------------------------------------------------------- joining and preferences

export type JoinResult = { ok: true; participant: FairParticipant } | { ok: false; reason: 'not_found' | 'forbidden' | 'closed' | 'not_eligible' | 'already' };

/** An organisation (or, in a micro-grant round, a resident team) takes part; its members or staff add it. */
export async function joinFair(caller: FairCaller, fairId: string, resourceId: string): Promise<JoinResult> {
  if (!isUuid(fairId) || !isUuid(resourceId)) return { ok: false, reason: 'not_found' };
  return db().transaction(async (tx) => {
    const [fair] = await tx.select().from(fairs).where(eq(fairs.id, fairId)).for('update');
    if (!fair) return { ok: false, reason: 'not_found' } as const;
    if (fair.status !== 'open') return { ok: false, reason: 'closed' } as const;
    const [resource] = await tx
      .select({ id: resources.id, kind: resources.kind, name: resources.name, status: resources.status, registration: organisationProfiles.registrationStatus })
      .from(resources)
      .leftJoin(organisationProfiles, eq(organisationProfiles.resourceId, resources.id))
      .where(eq(resources.id, resourceId));
    if (!resource) return { ok: false, reason: 'not_found' } as const;
    const staff = isFairStaff(caller, fair);
    if (!staff && !(await membershipsOf(caller.actor.userId, tx)).member.has(resource.id)) return { ok: false, reason: 'forbidden' } as const;
    const [round] = await tx.select().from(fundingRounds).where(eq(fundingRounds.id, fair.roundId));
    if (resource.status !== 'active' || !applicantEligible(round, resource)) return { ok: false, reason: 'not_eligible' } as const;
    const inserted = await tx
      .insert(fairParticipants)
      .values({ fairId, side: 'applicant', resourceId, name: resource.name, capacity: 1, addedBy: caller.actor.userId })
      .onConflictDoNothing()
      .returning();
    if (!inserted.length) return { ok: false, reason: 'already' } as const;
    await recordAudit(tx, caller.actor, { action: 'fair.join', subjectType: 'fair', subjectId: fairId, placeId: fair.placeId, after: { participantId: inserted[0].id, resourceId } });
    return { ok: true, participant: inserted[0] } as const;
  });
}

/** Registered or filed organisations may join any round; informal organisations and teams only micro-grant rounds. */
export function applicantEligible(round: { applicantTypes: readonly string[]; microGrant: boolean }, resource: { kind: string; registration: string | null }) {
  if (resource.kind === 'organisation' && resource.registration !== 'informal') return round.applicantTypes.includes('registered_org');
  if (resource.kind === 'organisation' || resource.kind === 'team') return round.microGrant && round.applicantTypes.includes('resident_team');
  return false;
}

export type PreferencesResult =
  | { ok: true }
  | { ok: false; reason: 'not_found' | 'forbidden' | 'closed' }
  | { ok: false; reason: 'invalid'; fields: Record<string, string[]> };

/**
 * Sets a participant's ranking (ids of the other side's participants, best first) and, for an applicant, how many
 * projects it can take on. Only while the fair takes preferences; only its owners or staff.
 */
export async function setPreferences(caller: FairCaller, participantId: string, input: { ranking: string[]; capacity?: number }, now = new Date()): Promise<PreferencesResult> {
  if (!isUuid(participantId)) return { ok: false, reason: 'not_found' };
  return db().transaction(async (tx) => {
    const [participant] = await tx.select().from(fairParticipants).where(eq(fairParticipants.id, participantId)).for('update');
    if (!participant) return { ok: false, reason: 'not_found' } as const;
    const [fair] = await tx.select().from(fairs).where(eq(fairs.id, participant.fairId));
    if (!(await rightsFor(caller, fair, participant, tx)).rank) return { ok: false, reason: 'forbidden' } as const;
    if (fair.status !== 'open' || now >= fair.preferencesCloseAt) return { ok: false, reason: 'closed' } as const;
    const otherSide: FairSide = participant.side === 'project' ? 'applicant' : 'project';
    const others = new Set((await tx.select({ id: fairParticipants.id }).from(fairParticipants).where(and(eq(fairParticipants.fairId, fair.id), eq(fairParticipants.side, otherSide)))).map((r) => r.id));
    const fields: Record<string, string[]> = {};
    if (input.ranking.length > maxFairRanking) fields.ranking = ['fair.v.tooMany'];
    else if (new Set(input.ranking).size !== input.ranking.length) fields.ranking = ['fair.v.duplicateRank'];
    else if (input.ranking.some((id) => !others.has(id))) fields.ranking = ['fair.v.unknownParty'];
    const capacity = participant.side === 'project' ? 1 : (input.capacity ?? participant.capacity);
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > maxFairCapacity) fields.capacity = ['fair.v.capacity'];
    if (Object.keys(fields).length) return { ok: false, reason: 'invalid', fields } as const;
    await tx.update(fairParticipants).set({ ranking: input.ranking, capacity, rankedBy: caller.actor.userId, rankedAt: now }).where(eq(fairParticipants.id, participantId));
    // The ranking itself is private: the audit keeps its size and who set it, not the order.
    await recordAudit(tx, caller.actor, {
      action: 'fair.preferences',
      subjectType: 'fair_participant',
      subjectId: participantId,
      placeId: fair.placeId,
      before: { ranked: participant.ranking.length, capacity: participant.capacity },
      after: { ranked: input.ranking.length, capacity },
    });
    return { ok: true } as const;
  });
}

// ---------------------------------------------------------------- the proposal

export type ProposalResult = { ok: true; proposalId: string; pairs: number } | { ok: false; reason: 'not_found' | 'forbidden' | 'closed' | 'signed' };

/**
 * Runs the stable matching with the chosen side proposing and stores it as the current proposal (an earlier one is
 * kept, superseded). Refused once anyone has signed a pair of the current proposal: signatures are never thrown away.
 */
export async function runProposal(caller: FairCaller, fairId: string, proposing: FairSide): Promise<ProposalResult> {
  if (!isUuid(fairId)) return { ok: false, reason: 'not_found' };
  return db().transaction(async (tx) => {
    const [fair] = await tx.select().from(fairs).where(eq(fairs.id, fairId)).for('update');
    if (!fair) return { ok: false, reason: 'not_found' } as const;
    if (!isFairStaff(caller, fair)) return { ok: false, reason: 'forbidden' } as const;
    if (fair.status !== 'open' && fair.status !== 'proposed') return { ok: false, reason: 'closed' } as const;
    const [current] = await tx.select().from(fairProposals).where(and(eq(fairProposals.fairId, fairId), eq(fairProposals.status, 'current')));
    if (current) {
      const [signed] = await tx
        .select({ id: fairPairs.id })
        .from(fairPairs)
        .where(and(eq(fairPairs.proposalId, current.id), or(sql`${fairPairs.projectSignedAt} is not null`, sql`${fairPairs.applicantSignedAt} is not null`)))
        .limit(1);
      if (signed) return { ok: false, reason: 'signed' } as const;
      await tx.update(fairProposals).set({ status: 'superseded' }).where(eq(fairProposals.id, current.id));
    }
    const participants = await tx.select().from(fairParticipants).where(eq(fairParticipants.fairId, fairId)).orderBy(asc(fairParticipants.createdAt), asc(fairParticipants.id));
    const sideIds = { project: new Set<string>(), applicant: new Set<string>() };
    for (const p of participants) sideIds[p.side].add(p.id);
    const party = (p: FairParticipant) => ({ id: p.id, capacity: p.capacity, ranking: p.ranking.filter((id) => sideIds[p.side === 'project' ? 'applicant' : 'project'].has(id)) });
    const matching = stableMatching(
      { projects: participants.filter((p) => p.side === 'project').map(party), applicants: participants.filter((p) => p.side === 'applicant').map(party) },
      proposing,
    );
    const outcomes: Record<string, FairOutcome> = {};
    for (const o of [...matching.projects, ...matching.applicants]) outcomes[o.id] = o;
    const [proposal] = await tx.insert(fairProposals).values({ fairId, proposing, outcomes, createdBy: caller.actor.userId }).returning();
    if (matching.pairs.length) {
      await tx.insert(fairPairs).values(
        matching.pairs.map((p) => ({ proposalId: proposal.id, fairId, projectParticipantId: p.projectId, applicantParticipantId: p.applicantId, projectRank: p.projectRank, applicantRank: p.applicantRank })),
      );
    }
    await tx.update(fairs).set({ status: 'proposed' }).where(eq(fairs.id, fairId));
    await recordAudit(tx, caller.actor, {
      action: 'fair.propose',
      subjectType: 'fair',
      subjectId: fairId,
      placeId: fair.placeId,
      before: { status: fair.status, proposalId: current?.id ?? null },
      after: { status: 'proposed', proposalId: proposal.id, proposing, pairs: matching.pairs.length },
    });
    return { ok: true, proposalId: proposal.id, pairs: matching.pairs.length } as const;
  });
}

export type SignResult =
  | { ok: true; already: boolean; awardId: string | null }
  | { ok: false; reason: 'not_found' | 'forbidden' | 'superseded' | 'closed' | 'award_failed' };

/**
 * One side signs a pair of the current proposal. Signing twice (a double click) changes nothing; the second
 * signature turns the pair into an award in the same transaction.
 */
export async function signPair(caller: FairCaller, pairId: string, side: FairSide): Promise<SignResult> {
  if (!isUuid(pairId)) return { ok: false, reason: 'not_found' };
  return db().transaction(async (tx) => {
    const [pair] = await tx.select().from(fairPairs).where(eq(fairPairs.id, pairId)).for('update');
    if (!pair) return { ok: false, reason: 'not_found' } as const;
    const [fair] = await tx.select().from(fairs).where(eq(fairs.id, pair.fairId));
    const participantId = side === 'project' ? pair.projectParticipantId : pair.applicantParticipantId;
    const [participant] = await tx.select().from(fairParticipants).where(eq(fairParticipants.id, participantId));
    if (!(await rightsFor(caller, fair, participant, tx)).sign) return { ok: false, reason: 'forbidden' } as const;
    const [proposal] = await tx.select().from(fairProposals).where(eq(fairProposals.id, pair.proposalId));
    if (proposal.status !== 'current') return { ok: false, reason: 'superseded' } as const;
    if (fair.status !== 'proposed') return { ok: false, reason: 'closed' } as const;
    const signedAt = side === 'project' ? pair.projectSignedAt : pair.applicantSignedAt;
    if (signedAt) return { ok: true, already: true, awardId: pair.awardId } as const;
    const now = new Date();
    const [updated] = await tx
      .update(fairPairs)
      .set(side === 'project' ? { projectSignedBy: caller.actor.userId, projectSignedAt: now } : { applicantSignedBy: caller.actor.userId, applicantSignedAt: now })
      .where(eq(fairPairs.id, pairId))
      .returning();
    await recordAudit(tx, caller.actor, { action: 'fair.sign', subjectType: 'fair_pair', subjectId: pairId, placeId: fair.placeId, after: { side } });
    let awardId: string | null = null;
    if (updated.projectSignedAt && updated.applicantSignedAt) {
      const [project] = await tx.select().from(fairParticipants).where(eq(fairParticipants.id, pair.projectParticipantId));
      const [applicant] = await tx.select().from(fairParticipants).where(eq(fairParticipants.id, pair.applicantParticipantId));
      const award = await createFairAward(tx, caller.actor, {
        fair,
        projectId: project.projectId!,
        resourceId: applicant.resourceId!,
        applicantName: applicant.name,
        submittedBy: updated.applicantSignedBy!,
      });
      if (!award.ok) {
        // Roll the signature back with the rest: the pair stays as it was.
        throw new AwardFailed(award.reason);
      }
      awardId = award.awardId;
      await tx.update(fairPairs).set({ awardId }).where(eq(fairPairs.id, pairId));
    }
    return { ok: true, already: false, awardId } as const;
  }).catch((error) => {
    if (error instanceof AwardFailed) return { ok: false, reason: 'award_failed' } as const;
    throw error;
  });
}

class AwardFailed extends Error {}

/** Closes a fair: no more signatures. Pairs not signed by both stay unawarded. */
export async function closeFair(caller: FairCaller, fairId: string) {
  if (!isUuid(fairId)) return { ok: false, reason: 'not_found' } as const;
  return db().transaction(async (tx) => {
    const [fair] = await tx.select().from(fairs).where(eq(fairs.id, fairId)).for('update');
    if (!fair) return { ok: false, reason: 'not_found' } as const;
    if (!isFairStaff(caller, fair)) return { ok: false, reason: 'forbidden' } as const;
    if (fair.status !== 'proposed' && fair.status !== 'open') return { ok: false, reason: 'closed' } as const;
    await tx.update(fairs).set({ status: 'closed' }).where(eq(fairs.id, fairId));
    await recordAudit(tx, caller.actor, { action: 'fair.close', subjectType: 'fair', subjectId: fairId, placeId: fair.placeId, before: { status: fair.status }, after: { status: 'closed' } });
    return { ok: true } as const;
  });
}

// ---------------------------------------------------------------- what pages show

/** The public board: who takes part and the current proposal's pairs with their signatures (never rankings). */
export async function getFairBoard(fairId: string) {
  const fair = await getFair(fairId);
  if (!fair || fair.status === 'cancelled') return null;
  const [round] = await db().select({ id: fundingRounds.id, title: fundingRounds.title }).from(fundingRounds).where(eq(fundingRounds.id, fair.roundId));
  const participants = await db()
    .select({ id: fairParticipants.id, side: fairParticipants.side, name: fairParticipants.name, projectId: fairParticipants.projectId, resourceId: fairParticipants.resourceId, capacity: fairParticipants.capacity, ranked: sql<boolean>`${fairParticipants.rankedAt} is not null` })
    .from(fairParticipants)
    .where(eq(fairParticipants.fairId, fairId))
    .orderBy(asc(fairParticipants.side), asc(fairParticipants.name));
  const [proposal] = await db().select().from(fairProposals).where(and(eq(fairProposals.fairId, fairId), eq(fairProposals.status, 'current')));
  const pairs = proposal
    ? await db()
        .select({
          id: fairPairs.id,
          projectParticipantId: fairPairs.projectParticipantId,
          applicantParticipantId: fairPairs.applicantParticipantId,
          projectRank: fairPairs.projectRank,
          applicantRank: fairPairs.applicantRank,
          projectSigned: sql<boolean>`${fairPairs.projectSignedAt} is not null`,
          applicantSigned: sql<boolean>`${fairPairs.applicantSignedAt} is not null`,
          awardId: fairPairs.awardId,
        })
        .from(fairPairs)
        .where(eq(fairPairs.proposalId, proposal.id))
    : [];
  return { fair, round, participants, proposal: proposal ?? null, pairs };
}

/** A participant with its ranking, for its owners and staff. */
export async function getParticipant(participantId: string) {
  if (!isUuid(participantId)) return null;
  const [row] = await db().select().from(fairParticipants).where(eq(fairParticipants.id, participantId));
  return row ?? null;
}

export async function participantRights(caller: FairCaller, fair: Fair, participant: FairParticipant) {
  return rightsFor(caller, fair, participant);
}

/** The other side of a participant (for its rank form), and its outcome in the current proposal. */
export async function preferencesView(participant: FairParticipant) {
  const otherSide: FairSide = participant.side === 'project' ? 'applicant' : 'project';
  const others = await db()
    .select({ id: fairParticipants.id, name: fairParticipants.name })
    .from(fairParticipants)
    .where(and(eq(fairParticipants.fairId, participant.fairId), eq(fairParticipants.side, otherSide)))
    .orderBy(asc(fairParticipants.name));
  const [proposal] = await db().select().from(fairProposals).where(and(eq(fairProposals.fairId, participant.fairId), eq(fairProposals.status, 'current')));
  return { others, outcome: proposal?.outcomes[participant.id] ?? null };
}

/** Organisations and teams the caller belongs to that could still join (for the join form). */
export async function joinableResources(caller: FairCaller, fair: Fair) {
  const mine = await membershipsOf(caller.actor.userId);
  const ids = [...mine.member];
  if (!ids.length) return [];
  const [round] = await db().select().from(fundingRounds).where(eq(fundingRounds.id, fair.roundId));
  const taken = new Set((await db().select({ id: fairParticipants.resourceId }).from(fairParticipants).where(eq(fairParticipants.fairId, fair.id))).map((r) => r.id));
  const rows = await db()
    .select({ id: resources.id, name: resources.name, kind: resources.kind, status: resources.status, registration: organisationProfiles.registrationStatus })
    .from(resources)
    .leftJoin(organisationProfiles, eq(organisationProfiles.resourceId, resources.id))
    .where(inArray(resources.id, ids));
  return rows.filter((r) => r.status === 'active' && !taken.has(r.id) && applicantEligible(round, r)).map((r) => ({ id: r.id, name: r.name }));
}
