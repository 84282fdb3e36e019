// Bids: an organisation (or, for micro-grants, a resident team or a person) bids for a project in an open round;
// the bid is edited in place until the deadline; one bid per applicant per project, however many clicks.
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { db, type DbOrTx } from '../../db/client';
import { bidAttachments, bids, fundingRounds, organisationProfiles, projects, resourceMembers, resources, roundProjects, type Bid } from '../../db/schema';
import { recordAudit, type Actor } from '../audit/audit.server';
import type { Principal } from '../permissions/principal.server';
import { invalid, ProjectError } from './projects.server';
import { effectiveRoundStatus } from './rounds.server';
import { applicantAllowed, applicantKeyOf, takesBids } from './rules';
import type { ApplicantType, BidBudgetLine, BidScheduleItem, BidStaffMember } from './values';

export const MAX_ATTACHMENTS = 5;
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

export interface Attachment {
  fileName: string;
  contentType: 'application/pdf' | 'image/jpeg' | 'image/png' | 'image/webp';
  bytes: Buffer;
}

/** The type of an attachment from its first bytes: a PDF or a picture; anything else is refused. */
export function sniffAttachment(b: Uint8Array): Attachment['contentType'] | null {
  if (b.length > 4 && String.fromCharCode(...b.slice(0, 5)) === '%PDF-') return 'application/pdf';
  if (b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length > 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'image/png';
  if (b.length > 12 && String.fromCharCode(...b.slice(0, 4)) === 'RIFF' && String.fromCharCode(...b.slice(8, 12)) === 'WEBP') return 'image/webp';
  return null;
}

/** The attachments of a form (field "attachments"), or the message key of what is wrong with them. */
export async function readAttachments(formData: FormData): Promise<{ files: Attachment[] } | { error: string }> {
  const files = formData.getAll('attachments').filter((f): f is File => f instanceof File && f.size > 0);
  if (files.length > MAX_ATTACHMENTS) return { error: 'projects.v.tooManyAttachments' };
  const out: Attachment[] = [];
  for (const file of files) {
    if (file.size > MAX_ATTACHMENT_BYTES) return { error: 'projects.v.attachmentTooLarge' };
    const bytes = Buffer.from(await file.arrayBuffer());
    const contentType = sniffAttachment(bytes);
    if (!contentType) return { error: 'projects.v.attachmentType' };
    out.push({ fileName: file.name.replace(/[^\p{L}\p{N}._ -]/gu, '_').slice(0, 120) || 'file', contentType, bytes });
  }
  return { files: out };
}

export interface BidInput {
  projectId: string;
  applicantType: ApplicantType;
  /** The organisation or team bidding; absent for an individual. */
  resourceId?: string | null;
  plan: string;
  budgetLines: BidBudgetLine[];
  staff: BidStaffMember[];
  schedule: BidScheduleItem[];
}

/** The organisations and teams the person may bid for: active memberships only. */
export async function applicantGroups(userId: string) {
  return db()
    .select({ id: resources.id, name: resources.name, kind: resources.kind, registrationStatus: organisationProfiles.registrationStatus })
    .from(resourceMembers)
    .innerJoin(resources, eq(resources.id, resourceMembers.resourceId))
    .leftJoin(organisationProfiles, eq(organisationProfiles.resourceId, resources.id))
    .where(and(eq(resourceMembers.userId, userId), eq(resourceMembers.status, 'active'), inArray(resources.kind, ['organisation', 'team']), eq(resources.status, 'active')))
    .orderBy(asc(resources.name));
}

async function resolveApplicant(tx: DbOrTx, caller: Principal, input: BidInput) {
  if (input.applicantType === 'individual') return { resourceId: null, userId: caller.user.id, name: caller.user.name };
  if (!input.resourceId) throw invalid('resourceId', 'v.required');
  const [group] = await tx
    .select({ id: resources.id, name: resources.name, kind: resources.kind, registrationStatus: organisationProfiles.registrationStatus })
    .from(resourceMembers)
    .innerJoin(resources, eq(resources.id, resourceMembers.resourceId))
    .leftJoin(organisationProfiles, eq(organisationProfiles.resourceId, resources.id))
    .where(and(eq(resourceMembers.userId, caller.user.id), eq(resourceMembers.status, 'active'), eq(resources.id, input.resourceId), eq(resources.status, 'active')));
  if (!group) throw invalid('resourceId', 'projects.v.notAMember');
  // A registered organisation is one with a registration or a filing; an informal group bids as a resident team.
  const ok =
    input.applicantType === 'registered_org'
      ? group.kind === 'organisation' && (group.registrationStatus === 'registered' || group.registrationStatus === 'filed')
      : group.kind === 'team' || (group.kind === 'organisation' && group.registrationStatus === 'informal');
  if (!ok) throw invalid('applicantType', 'projects.v.applicantTypeMismatch');
  return { resourceId: group.id, userId: null, name: group.name };
}

/**
 * Submits a bid, or edits the applicant's existing bid for the same project (until the deadline). The unique key
 * (round, project, applicant) makes a double click land on one row.
 */
export async function submitBid(caller: Principal, actor: Actor, roundId: string, input: BidInput, files: Attachment[] = [], now = new Date()) {
  return db().transaction(async (tx) => {
    const [round] = await tx.select().from(fundingRounds).where(eq(fundingRounds.id, roundId));
    if (!round || round.status === 'draft') throw new ProjectError('not_found');
    if (!takesBids({ ...round, status: effectiveRoundStatus(round, now) }, now)) throw new ProjectError('wrong_state');
    const [project] = await tx
      .select({ id: projects.id, state: projects.state, placeId: projects.placeId })
      .from(roundProjects)
      .innerJoin(projects, eq(projects.id, roundProjects.projectId))
      .where(and(eq(roundProjects.roundId, roundId), eq(roundProjects.projectId, input.projectId)));
    if (!project) throw invalid('projectId', 'projects.v.projectNotInRound');
    if (project.state !== 'open_for_bids') throw new ProjectError('wrong_state');
    if (!applicantAllowed(round, input.applicantType)) throw invalid('applicantType', 'projects.v.applicantNotEligible');
    const applicant = await resolveApplicant(tx, caller, input);
    const applicantKey = applicantKeyOf(applicant);
    const requestedMinor = input.budgetLines.reduce((sum, l) => sum + l.amountMinor, 0);
    const values = {
      roundId,
      projectId: project.id,
      applicantType: input.applicantType,
      applicantResourceId: applicant.resourceId,
      applicantUserId: applicant.userId,
      applicantKey,
      applicantName: applicant.name,
      submittedBy: caller.user.id,
      plan: input.plan,
      budgetLines: input.budgetLines,
      requestedMinor,
      currency: round.currency,
      staff: input.staff,
      schedule: input.schedule,
      status: 'submitted' as const,
    };
    const [bid] = await tx
      .insert(bids)
      .values(values)
      .onConflictDoUpdate({
        target: [bids.roundId, bids.projectId, bids.applicantKey],
        set: { plan: values.plan, budgetLines: values.budgetLines, requestedMinor, staff: values.staff, schedule: values.schedule, status: 'submitted', submittedBy: caller.user.id, updatedAt: new Date() },
      })
      .returning({ id: bids.id, createdAt: bids.createdAt, updatedAt: bids.updatedAt, inserted: sql<boolean>`(xmax = 0)` });
    if (files.length) {
      const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(bidAttachments).where(and(eq(bidAttachments.bidId, bid.id), isNull(bidAttachments.removedAt)));
      if (Number(n) + files.length > MAX_ATTACHMENTS) throw invalid('attachments', 'projects.v.tooManyAttachments');
      await tx.insert(bidAttachments).values(files.map((f) => ({ bidId: bid.id, fileName: f.fileName, contentType: f.contentType, size: f.bytes.length, bytes: f.bytes, uploadedBy: caller.user.id })));
    }
    const created = Boolean(bid.inserted);
    await recordAudit(tx, actor, {
      action: created ? 'bid.submit' : 'bid.update',
      subjectType: 'bid',
      subjectId: bid.id,
      placeId: project.placeId,
      after: { roundId, projectId: project.id, applicantKey, requestedMinor, attachments: files.length },
    });
    return { id: bid.id, created };
  });
}

/** Withdraws one's own bid before the deadline. */
export async function withdrawBid(caller: Principal, actor: Actor, bidId: string, now = new Date()) {
  return db().transaction(async (tx) => {
    const [bid] = await tx.select().from(bids).where(eq(bids.id, bidId)).for('update');
    if (!bid || !(await mayActForBid(tx, caller, bid))) throw new ProjectError('not_found');
    const [round] = await tx.select().from(fundingRounds).where(eq(fundingRounds.id, bid.roundId));
    if (bid.status !== 'submitted' || !takesBids({ ...round, status: effectiveRoundStatus(round, now) }, now)) throw new ProjectError('wrong_state');
    await tx.update(bids).set({ status: 'withdrawn' }).where(eq(bids.id, bidId));
    await recordAudit(tx, actor, { action: 'bid.withdraw', subjectType: 'bid', subjectId: bidId, placeId: round.placeId, before: { status: bid.status }, after: { status: 'withdrawn' } });
  });
}

/** Whether the caller bids as this applicant: the person themself, or an active member of the organisation or team. */
export async function mayActForBid(tx: DbOrTx, caller: Principal, bid: Pick<Bid, 'applicantUserId' | 'applicantResourceId'>) {
  if (bid.applicantUserId) return bid.applicantUserId === caller.user.id;
  const [m] = await tx
    .select({ id: resourceMembers.id })
    .from(resourceMembers)
    .where(and(eq(resourceMembers.resourceId, bid.applicantResourceId!), eq(resourceMembers.userId, caller.user.id), eq(resourceMembers.status, 'active')));
  return Boolean(m);
}

/** The caller's own bids in a round (as a person or for their organisations and teams), with attachments' names. */
export async function myBids(caller: Principal, roundId: string) {
  const groups = await applicantGroups(caller.user.id);
  const keys = [applicantKeyOf({ userId: caller.user.id }), ...groups.map((g) => applicantKeyOf({ resourceId: g.id }))];
  const rows = await db()
    .select()
    .from(bids)
    .where(and(eq(bids.roundId, roundId), inArray(bids.applicantKey, keys)))
    .orderBy(asc(bids.createdAt));
  const files = rows.length
    ? await db()
        .select({ id: bidAttachments.id, bidId: bidAttachments.bidId, fileName: bidAttachments.fileName, size: bidAttachments.size })
        .from(bidAttachments)
        .where(and(inArray(bidAttachments.bidId, rows.map((r) => r.id)), isNull(bidAttachments.removedAt)))
    : [];
  return rows.map((b) => ({ ...b, attachments: files.filter((f) => f.bidId === b.id) }));
}
