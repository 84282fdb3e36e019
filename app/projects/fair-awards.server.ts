// A fair pair signed by both sides becomes an award the way the round's own awards are made: a bid from the
// applicant for the project (the existing one, or one recorded from the fair), an award granted at the project's
// budget and published for the round's notice period (公示), and the project moved to "awarded".
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { awards, bids, fundingRounds, organisationProfiles, projectEvents, projects, resources, type Fair } from '../../db/schema';
import { recordAudit, type Actor } from '../audit/audit.server';
import { moveProject } from './projects.server';
import { noticeEnd } from './rules';

export type FairAwardResult = { ok: true; awardId: string; bidId: string } | { ok: false; reason: 'already_awarded' | 'project_closed' };

export async function createFairAward(
  tx: Tx,
  actor: Actor & { userId: string },
  input: { fair: Fair; projectId: string; resourceId: string; applicantName: string; submittedBy: string },
  now = new Date(),
): Promise<FairAwardResult> {
  const [project] = await tx.select().from(projects).where(eq(projects.id, input.projectId)).for('update');
  if (project.state !== 'open_for_bids') return { ok: false, reason: 'project_closed' };
  const [round] = await tx.select().from(fundingRounds).where(eq(fundingRounds.id, input.fair.roundId));
  const [live] = await tx
    .select({ id: awards.id })
    .from(awards)
    .where(and(eq(awards.roundId, round.id), eq(awards.projectId, project.id), sql`${awards.status} <> 'revoked'`));
  if (live) return { ok: false, reason: 'already_awarded' };

  const applicantKey = `resource:${input.resourceId}`;
  const [resource] = await tx
    .select({ kind: resources.kind, registration: organisationProfiles.registrationStatus })
    .from(resources)
    .leftJoin(organisationProfiles, eq(organisationProfiles.resourceId, resources.id))
    .where(eq(resources.id, input.resourceId));
  const applicantType = resource.kind === 'organisation' && resource.registration !== 'informal' ? ('registered_org' as const) : ('resident_team' as const);
  let [bid] = await tx.select().from(bids).where(and(eq(bids.roundId, round.id), eq(bids.projectId, project.id), eq(bids.applicantKey, applicantKey)));
  if (!bid || bid.status === 'withdrawn') {
    const values = {
      roundId: round.id,
      projectId: project.id,
      applicantType,
      applicantResourceId: input.resourceId,
      applicantKey,
      applicantName: input.applicantName,
      submittedBy: input.submittedBy,
      plan: `项目相亲会签约 · Signed at the project fair: ${input.fair.title}`,
      budgetLines: [],
      requestedMinor: project.budgetMinor,
      currency: project.currency,
      status: 'submitted' as const,
    };
    [bid] = bid
      ? await tx.update(bids).set(values).where(eq(bids.id, bid.id)).returning()
      : await tx.insert(bids).values(values).returning();
  }
  const [award] = await tx
    .insert(awards)
    .values({
      roundId: round.id,
      projectId: project.id,
      bidId: bid.id,
      status: 'granted',
      requestedMinor: bid.requestedMinor,
      grantedMinor: bid.requestedMinor,
      grantReason: `fair:${input.fair.id}`,
      currency: bid.currency,
      noticeStartsAt: now,
      noticeEndsAt: noticeEnd(now, round.noticeDays),
      decidedBy: actor.userId,
    })
    .returning();
  await tx.update(bids).set({ status: 'awarded' }).where(eq(bids.id, bid.id));
  await tx.update(bids).set({ status: 'not_awarded' }).where(and(eq(bids.roundId, round.id), eq(bids.projectId, project.id), ne(bids.id, bid.id), eq(bids.status, 'submitted')));
  await tx.insert(projectEvents).values({ projectId: project.id, kind: 'fair_signed', actorUserId: actor.userId, data: { fairId: input.fair.id, applicantName: input.applicantName }, createdAt: now });
  // The same step as an award granted in the round: the project is awarded (history, search) and the round in notice.
  await moveProject(tx, actor, project.id, 'awarded', {
    data: { awardId: award.id, roundId: round.id, applicantName: input.applicantName, grantedMinor: award.grantedMinor, noticeEndsAt: award.noticeEndsAt!.toISOString(), via: 'fair' },
    set: { delivererName: input.applicantName, delivererResourceId: input.resourceId, delivererUserId: null },
  });
  if (round.status === 'open' || round.status === 'evaluating') await tx.update(fundingRounds).set({ status: 'notice' }).where(eq(fundingRounds.id, round.id));
  await recordAudit(tx, actor, {
    action: 'award.create',
    subjectType: 'award',
    subjectId: award.id,
    placeId: project.placeId,
    before: { projectState: project.state },
    after: { via: 'fair', fairId: input.fair.id, bidId: bid.id, grantedMinor: award.grantedMinor, projectState: 'awarded' },
  });
  return { ok: true, awardId: award.id, bidId: bid.id };
}
