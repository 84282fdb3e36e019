// Awards and their public notice (公示): staff award a bid (trimming its budget with a reason), grant it — which
// publishes it for the round's notice period — and answer objections; once the period is over and every objection
// is answered, the award is final, the project goes in progress and its needs are dispatched to it. Finalising runs
// as a job and also on read, so a page never shows an award as pending after it has become final.
import { and, asc, eq, inArray, isNull, lte, ne, sql } from 'drizzle-orm';
import { db, type Tx } from '../../db/client';
import { awardObjections, awards, bids, fundingRounds, needDispatches, needEvents, needs, projectNeeds, projects } from '../../db/schema';
import { recordAudit, type Actor } from '../audit/audit.server';
import { canTransition, nextStatus } from '../needs/status';
import type { Principal } from '../permissions/principal.server';
import { can } from '../permissions/rules';
import { queueSearchUpsert } from '../../search/relay';
import { invalid, moveProject, ProjectError, projectsOfNeed, recordProjectStep } from './projects.server';
import { effectiveRoundStatus } from './rounds.server';
import { awardIsFinal, decideBudget, noticeEnd, takesObjections } from './rules';

const SYSTEM: Actor = { userId: null };

async function lockRound(tx: Tx, caller: Principal, roundId: string) {
  const [round] = await tx.select().from(fundingRounds).where(eq(fundingRounds.id, roundId)).for('update');
  if (!round) throw new ProjectError('not_found');
  if (!can(caller.roles, 'project.manage', round.placePath)) throw new ProjectError('forbidden');
  return round;
}

/**
 * Staff propose to award a bid, at the amount requested or trimmed (with a reason). One live award per project and
 * round: a second proposal for the same project replaces a not-yet-granted one.
 */
export async function proposeAward(caller: Principal, actor: Actor, bidId: string, input: { amountMinor: number; reason?: string | null }, now = new Date()) {
  return db().transaction(async (tx) => {
    const [bid] = await tx.select().from(bids).where(eq(bids.id, bidId));
    if (!bid) throw new ProjectError('not_found');
    const round = await lockRound(tx, caller, bid.roundId);
    if (effectiveRoundStatus(round, now) !== 'evaluating' && round.status !== 'notice') throw new ProjectError('wrong_state');
    if (bid.status !== 'submitted') throw new ProjectError('wrong_state');
    const decision = decideBudget(bid.requestedMinor, input.amountMinor, input.reason);
    if (!decision.ok) throw invalid(decision.field, decision.code);
    const [live] = await tx.select().from(awards).where(and(eq(awards.roundId, round.id), eq(awards.projectId, bid.projectId), ne(awards.status, 'revoked'))).for('update');
    if (live && !['requested', 'cut'].includes(live.status)) throw new ProjectError('conflict');
    if (live) await tx.update(awards).set({ status: 'revoked' }).where(eq(awards.id, live.id));
    const cut = decision.status === 'cut';
    const [award] = await tx
      .insert(awards)
      .values({
        roundId: round.id,
        projectId: bid.projectId,
        bidId,
        status: decision.status,
        requestedMinor: bid.requestedMinor,
        cutMinor: cut ? input.amountMinor : null,
        cutReason: cut ? input.reason!.trim() : null,
        currency: bid.currency,
        decidedBy: caller.user.id,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: cut ? 'award.cut' : 'award.propose',
      subjectType: 'award',
      subjectId: award.id,
      placeId: round.placeId,
      before: live ? { replacedAwardId: live.id } : null,
      after: { bidId, requestedMinor: bid.requestedMinor, cutMinor: award.cutMinor, reason: award.cutReason },
    });
    return award;
  });
}

/**
 * Grants a proposed award: the amount is final for the notice, the award is published for the round's notice
 * period, the project is awarded, the bid wins and the other bids for the project do not.
 */
export async function grantAward(caller: Principal, actor: Actor, awardId: string, input: { reason?: string | null } = {}, now = new Date()) {
  return db().transaction(async (tx) => {
    const [award] = await tx.select().from(awards).where(eq(awards.id, awardId)).for('update');
    if (!award) throw new ProjectError('not_found');
    const round = await lockRound(tx, caller, award.roundId);
    if (award.status !== 'requested' && award.status !== 'cut') throw new ProjectError('wrong_state');
    const grantedMinor = award.cutMinor ?? award.requestedMinor;
    const ends = noticeEnd(now, round.noticeDays);
    await tx.update(awards).set({ status: 'granted', grantedMinor, grantReason: input.reason?.trim() || null, noticeStartsAt: now, noticeEndsAt: ends, decidedBy: caller.user.id }).where(eq(awards.id, awardId));
    await tx.update(bids).set({ status: 'awarded' }).where(eq(bids.id, award.bidId));
    await tx.update(bids).set({ status: 'not_awarded' }).where(and(eq(bids.roundId, round.id), eq(bids.projectId, award.projectId), ne(bids.id, award.bidId), eq(bids.status, 'submitted')));
    const [bid] = await tx.select().from(bids).where(eq(bids.id, award.bidId));
    await moveProject(tx, actor, award.projectId, 'awarded', {
      data: { awardId, roundId: round.id, applicantName: bid.applicantName, grantedMinor, noticeEndsAt: ends.toISOString() },
      set: { delivererName: bid.applicantName, delivererResourceId: bid.applicantResourceId, delivererUserId: bid.applicantUserId },
    });
    if (round.status === 'open' || round.status === 'evaluating') await tx.update(fundingRounds).set({ status: 'notice' }).where(eq(fundingRounds.id, round.id));
    await recordAudit(tx, actor, { action: 'award.grant', subjectType: 'award', subjectId: awardId, placeId: round.placeId, before: { status: award.status }, after: { status: 'granted', grantedMinor, noticeEndsAt: ends.toISOString() } });
    return { grantedMinor, noticeEndsAt: ends };
  });
}

/** Any signed-in user may object to an award while its notice runs. */
export async function objectToAward(caller: Principal, actor: Actor, awardId: string, body: string, now = new Date()) {
  return db().transaction(async (tx) => {
    const [award] = await tx.select().from(awards).where(eq(awards.id, awardId)).for('update');
    if (!award) throw new ProjectError('not_found');
    if (!takesObjections(award, now)) throw new ProjectError('wrong_state');
    const [objection] = await tx.insert(awardObjections).values({ awardId, userId: caller.user.id, body }).returning();
    const [project] = await tx.select({ id: projects.id, placeId: projects.placeId }).from(projects).where(eq(projects.id, award.projectId));
    await recordProjectStep(tx, actor, project, { kind: 'objection', data: { awardId, objectionId: objection.id } });
    return objection;
  });
}

/** Staff of the round's place answer an objection (public, as is the objection; the objector's name is not). */
export async function answerObjection(caller: Principal, actor: Actor, objectionId: string, answer: string) {
  return db().transaction(async (tx) => {
    const [objection] = await tx.select().from(awardObjections).where(eq(awardObjections.id, objectionId)).for('update');
    if (!objection) throw new ProjectError('not_found');
    const [award] = await tx.select().from(awards).where(eq(awards.id, objection.awardId));
    await lockRound(tx, caller, award.roundId);
    if (objection.answeredAt) throw new ProjectError('wrong_state');
    await tx.update(awardObjections).set({ answer, answeredBy: caller.user.id, answeredAt: new Date() }).where(eq(awardObjections.id, objectionId));
    const [project] = await tx.select({ id: projects.id, placeId: projects.placeId }).from(projects).where(eq(projects.id, award.projectId));
    await recordProjectStep(tx, actor, project, { kind: 'objection_answered', data: { awardId: award.id, objectionId } });
  });
}

/** Dispatches a project's open needs to it, as one step on each need's timeline. */
async function dispatchNeedsToProject(tx: Tx, actor: Actor, project: { id: string; title: string }, responsibleUserId: string) {
  const linked = await tx
    .select({ need: needs })
    .from(projectNeeds)
    .innerJoin(needs, eq(needs.id, projectNeeds.needId))
    .where(eq(projectNeeds.projectId, project.id))
    .for('update', { of: needs });
  for (const { need } of linked) {
    if (!canTransition(need.status, 'dispatch')) continue;
    const [already] = await tx.select({ id: needDispatches.id }).from(needDispatches).where(and(eq(needDispatches.needId, need.id), eq(needDispatches.projectId, project.id), isNull(needDispatches.withdrawnAt)));
    if (already) continue;
    const [dispatch] = await tx
      .insert(needDispatches)
      .values({ needId: need.id, assigneeType: 'project', assigneeName: project.title, projectId: project.id, responsibleUserId, dispatchedByUserId: actor.userId })
      .returning({ id: needDispatches.id });
    const status = nextStatus(need.status, 'dispatch');
    await tx.update(needs).set({ status, responsibleUserId, firstRespondedAt: need.firstRespondedAt ?? new Date() }).where(eq(needs.id, need.id));
    await tx.insert(needEvents).values({
      needId: need.id,
      kind: 'dispatched',
      actorUserId: actor.userId,
      actorRole: 'system',
      fromStatus: need.status,
      toStatus: status,
      data: { dispatchId: dispatch.id, assigneeType: 'project', assigneeName: project.title, projectId: project.id, via: 'award' },
    });
    await recordAudit(tx, actor, { action: 'need.dispatch', subjectType: 'need', subjectId: need.id, placeId: need.placeId, before: { status: need.status }, after: { status, projectId: project.id } });
    await queueSearchUpsert(tx, 'needs', need.id);
  }
}

/**
 * Makes final every granted award whose notice is over with every objection answered (all of them, or those of one
 * project or round): the award is final, the project goes in progress, its needs are dispatched to it, and a round
 * with nothing left under notice is completed. Safe to run at once from the job and from page reads.
 */
export async function finalizeDueAwards(scope: { projectId?: string; roundId?: string } = {}, now = new Date()) {
  const due = await db()
    .select({ id: awards.id })
    .from(awards)
    .where(
      and(
        eq(awards.status, 'granted'),
        lte(awards.noticeEndsAt, now),
        scope.projectId ? eq(awards.projectId, scope.projectId) : undefined,
        scope.roundId ? eq(awards.roundId, scope.roundId) : undefined,
        sql`not exists (select 1 from ${awardObjections} o where o.award_id = ${awards.id} and o.answered_at is null)`,
      ),
    )
    .orderBy(asc(awards.noticeEndsAt))
    .limit(500);
  let finalised = 0;
  for (const { id } of due) {
    const done = await db().transaction(async (tx) => {
      const [award] = await tx.select().from(awards).where(eq(awards.id, id)).for('update');
      const objections = await tx.select({ answeredAt: awardObjections.answeredAt }).from(awardObjections).where(eq(awardObjections.awardId, id));
      // Someone else finalised it first, or an objection came in: nothing to do.
      if (!award || award.status !== 'granted' || !awardIsFinal(award, objections, now)) return false;
      await tx.update(awards).set({ status: 'final', finalAt: now }).where(eq(awards.id, id));
      const [bid] = await tx.select().from(bids).where(eq(bids.id, award.bidId));
      const project = await moveProject(tx, SYSTEM, award.projectId, 'in_progress', { data: { awardId: id } });
      await recordProjectStep(tx, SYSTEM, project, { kind: 'award_final', data: { awardId: id, grantedMinor: award.grantedMinor } });
      await dispatchNeedsToProject(tx, SYSTEM, project, bid.submittedBy);
      const [round] = await tx.select().from(fundingRounds).where(eq(fundingRounds.id, award.roundId)).for('update');
      const [{ pending }] = await tx
        .select({ pending: sql<number>`count(*)::int` })
        .from(awards)
        .where(and(eq(awards.roundId, round.id), inArray(awards.status, ['requested', 'cut', 'granted'])));
      if (round.status === 'notice' && Number(pending) === 0) {
        await tx.update(fundingRounds).set({ status: 'completed' }).where(eq(fundingRounds.id, round.id));
        await recordAudit(tx, SYSTEM, { action: 'round.completed', subjectType: 'funding_round', subjectId: round.id, placeId: round.placeId, before: { status: 'notice' }, after: { status: 'completed' } });
      }
      await recordAudit(tx, SYSTEM, { action: 'award.final', subjectType: 'award', subjectId: id, placeId: project.placeId, before: { status: 'granted' }, after: { status: 'final' } });
      return true;
    });
    if (done) finalised++;
  }
  return { finalised };
}

/** A round's awards as published (公示): project, winner, amounts with the trim's reason, notice dates, objections. */
export async function publicAwards(roundId: string) {
  const rows = await db()
    .select({
      id: awards.id,
      projectId: awards.projectId,
      projectTitle: projects.title,
      applicantName: bids.applicantName,
      status: awards.status,
      requestedMinor: awards.requestedMinor,
      cutMinor: awards.cutMinor,
      cutReason: awards.cutReason,
      grantedMinor: awards.grantedMinor,
      grantReason: awards.grantReason,
      currency: awards.currency,
      noticeStartsAt: awards.noticeStartsAt,
      noticeEndsAt: awards.noticeEndsAt,
      finalAt: awards.finalAt,
    })
    .from(awards)
    .innerJoin(projects, eq(projects.id, awards.projectId))
    .innerJoin(bids, eq(bids.id, awards.bidId))
    .where(and(eq(awards.roundId, roundId), inArray(awards.status, ['granted', 'final'])))
    .orderBy(asc(projects.title));
  const objections = rows.length
    ? await db()
        .select({ id: awardObjections.id, awardId: awardObjections.awardId, body: awardObjections.body, answer: awardObjections.answer, answeredAt: awardObjections.answeredAt, createdAt: awardObjections.createdAt })
        .from(awardObjections)
        .where(inArray(awardObjections.awardId, rows.map((r) => r.id)))
        .orderBy(asc(awardObjections.createdAt))
    : [];
  return rows.map((r) => ({ ...r, objections: objections.filter((o) => o.awardId === r.id) }));
}

/** Awards proposed but not yet granted (staff's working list). */
export async function proposedAwards(roundId: string) {
  return db()
    .select({ id: awards.id, projectId: awards.projectId, projectTitle: projects.title, applicantName: bids.applicantName, status: awards.status, requestedMinor: awards.requestedMinor, cutMinor: awards.cutMinor, cutReason: awards.cutReason, currency: awards.currency })
    .from(awards)
    .innerJoin(projects, eq(projects.id, awards.projectId))
    .innerJoin(bids, eq(bids.id, awards.bidId))
    .where(and(eq(awards.roundId, roundId), inArray(awards.status, ['requested', 'cut'])))
    .orderBy(asc(projects.title));
}

/** The award of a project (granted or final), for the project page. */
export async function awardOfProject(projectId: string) {
  const [row] = await db()
    .select({ id: awards.id, roundId: awards.roundId, status: awards.status, grantedMinor: awards.grantedMinor, currency: awards.currency, noticeEndsAt: awards.noticeEndsAt, applicantName: bids.applicantName })
    .from(awards)
    .innerJoin(bids, eq(bids.id, awards.bidId))
    .where(and(eq(awards.projectId, projectId), inArray(awards.status, ['granted', 'final'])))
    .orderBy(sql`${awards.createdAt} desc`)
    .limit(1);
  return row ?? null;
}

/** The projects a need belongs to, for the need's page, after finalising any of their awards now due. */
export async function projectsForNeed(needId: string) {
  const linked = await projectsOfNeed(needId);
  const awarded = linked.filter((p) => p.state === 'awarded');
  if (!awarded.length) return linked;
  for (const p of awarded) await finalizeDueAwards({ projectId: p.id });
  return projectsOfNeed(needId);
}
