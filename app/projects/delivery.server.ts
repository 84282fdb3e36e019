// Delivery of an awarded project: progress % on milestones, reports with photos and one final report, disbursement
// requests tied to a milestone (paid through the funds' own approve-then-pay flow), and the public timeline.
import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { db, type DbOrTx } from '../../db/client';
import {
  awards,
  disbursements,
  fundingRounds,
  funds,
  milestoneDisbursements,
  milestoneUpdates,
  projectEvents,
  projectMilestones,
  projectReportPhotos,
  projectReports,
  projects,
  resourceMembers,
  type Project,
} from '../../db/schema';
import { recordAudit, type Actor } from '../audit/audit.server';
import { requestDisbursementIn } from '../funds/disbursements.server';
import type { Photo } from '../needs/photos.server';
import { can, type ScopedRole } from '../permissions/rules';
import { isUuid } from '../utils/http.server';
import { moveProject } from './projects.server';
import type { ReportKind } from './fair-values';

export interface DeliveryCaller {
  actor: Actor & { userId: string };
  roles: readonly ScopedRole[];
}

/** Project states in which the deliverer reports and asks for money. */
const deliveringStates: readonly Project['state'][] = ['awarded', 'in_progress'];
/** Money for milestones may still be asked for once staff have accepted the work (the final instalment, 尾款). */
const payableStates: readonly Project['state'][] = [...deliveringStates, 'completed'];

export interface DeliveryRights {
  /** Staff of the project's place (they follow delivery and see private reports). */
  staff: boolean;
  /** A member of the organisation or team delivering it, or the person delivering it. */
  deliverer: boolean;
  /** May ask for money from the project's fund (staff who may request disbursements, or the deliverer). */
  requestMoney: boolean;
}

export async function deliveryRights(caller: DeliveryCaller | null, project: Project, tx: DbOrTx = db()): Promise<DeliveryRights> {
  if (!caller) return { staff: false, deliverer: false, requestMoney: false };
  const staff = can(caller.roles, 'project.manage', project.placePath);
  let deliverer = project.delivererUserId === caller.actor.userId;
  if (!deliverer && project.delivererResourceId) {
    const [m] = await tx
      .select({ id: resourceMembers.id })
      .from(resourceMembers)
      .where(and(eq(resourceMembers.resourceId, project.delivererResourceId), eq(resourceMembers.userId, caller.actor.userId), eq(resourceMembers.status, 'active')))
      .limit(1);
    deliverer = !!m;
  }
  const requestMoney = deliverer || can(caller.roles, 'fund.request_disbursement', project.placePath);
  return { staff, deliverer, requestMoney };
}

export async function getProject(projectId: string) {
  if (!isUuid(projectId)) return null;
  const [row] = await db().select().from(projects).where(eq(projects.id, projectId));
  return row ?? null;
}

/** The fund a project's milestones are paid from: its own fund, else the fund of the round that awarded it. */
export async function deliveryFund(project: Project, tx: DbOrTx = db()) {
  let fundId = project.fundId;
  if (!fundId) {
    const [row] = await tx
      .select({ fundId: fundingRounds.fundId })
      .from(awards)
      .innerJoin(fundingRounds, eq(fundingRounds.id, awards.roundId))
      .where(and(eq(awards.projectId, project.id), inArray(awards.status, ['granted', 'final'])))
      .orderBy(desc(awards.createdAt))
      .limit(1);
    fundId = row?.fundId ?? null;
  }
  if (!fundId) return null;
  const [fund] = await tx.select().from(funds).where(eq(funds.id, fundId));
  return fund ?? null;
}

type Fail<R extends string> = { ok: false; reason: R };

// ---------------------------------------------------------------- progress

export async function updateMilestoneProgress(
  caller: DeliveryCaller,
  milestoneId: string,
  input: { percent: number; note: string },
): Promise<{ ok: true } | Fail<'not_found' | 'forbidden' | 'not_delivering'>> {
  if (!isUuid(milestoneId)) return { ok: false, reason: 'not_found' };
  return db().transaction(async (tx) => {
    const [milestone] = await tx.select().from(projectMilestones).where(eq(projectMilestones.id, milestoneId)).for('update');
    if (!milestone) return { ok: false, reason: 'not_found' } as const;
    const [project] = await tx.select().from(projects).where(eq(projects.id, milestone.projectId));
    const rights = await deliveryRights(caller, project, tx);
    if (!rights.staff && !rights.deliverer) return { ok: false, reason: 'forbidden' } as const;
    if (!deliveringStates.includes(project.state)) return { ok: false, reason: 'not_delivering' } as const;
    const [before] = await tx.select({ percent: milestoneUpdates.percent }).from(milestoneUpdates).where(eq(milestoneUpdates.milestoneId, milestoneId)).orderBy(desc(milestoneUpdates.createdAt)).limit(1);
    await tx.insert(milestoneUpdates).values({ milestoneId, projectId: project.id, percent: input.percent, note: input.note, createdBy: caller.actor.userId });
    await tx.insert(projectEvents).values({ projectId: project.id, kind: 'milestone_progress', actorUserId: caller.actor.userId, data: { milestoneId, title: milestone.title, percent: input.percent }, note: input.note || null });
    await recordAudit(tx, caller.actor, { action: 'milestone.progress', subjectType: 'project_milestone', subjectId: milestoneId, placeId: project.placeId, before: { percent: before?.percent ?? 0 }, after: { percent: input.percent } });
    return { ok: true } as const;
  });
}

// ---------------------------------------------------------------- reports

export interface ReportInput {
  kind: ReportKind;
  milestoneId: string | null;
  body: string;
  isPublic: boolean;
  photos: Photo[];
}

export async function addReport(
  caller: DeliveryCaller,
  projectId: string,
  input: ReportInput,
): Promise<{ ok: true; reportId: string } | Fail<'not_found' | 'forbidden' | 'not_delivering' | 'final_exists' | 'milestone_not_found'>> {
  if (!isUuid(projectId)) return { ok: false, reason: 'not_found' };
  return db().transaction(async (tx) => {
    const [project] = await tx.select().from(projects).where(eq(projects.id, projectId)).for('update');
    if (!project) return { ok: false, reason: 'not_found' } as const;
    const rights = await deliveryRights(caller, project, tx);
    if (!rights.staff && !rights.deliverer) return { ok: false, reason: 'forbidden' } as const;
    if (!deliveringStates.includes(project.state)) return { ok: false, reason: 'not_delivering' } as const;
    let milestoneTitle: string | null = null;
    if (input.milestoneId) {
      const [m] = await tx.select().from(projectMilestones).where(and(eq(projectMilestones.id, input.milestoneId), eq(projectMilestones.projectId, projectId)));
      if (!m) return { ok: false, reason: 'milestone_not_found' } as const;
      milestoneTitle = m.title;
    }
    if (input.kind === 'final') {
      // The project row is locked above, so two final reports at once cannot both pass this check.
      const [final] = await tx.select({ id: projectReports.id }).from(projectReports).where(and(eq(projectReports.projectId, projectId), eq(projectReports.kind, 'final')));
      if (final) return { ok: false, reason: 'final_exists' } as const;
    }
    const [report] = await tx
      .insert(projectReports)
      .values({ projectId, milestoneId: input.milestoneId, kind: input.kind, body: input.body, isPublic: input.isPublic, createdBy: caller.actor.userId })
      .returning();
    if (input.photos.length) {
      await tx.insert(projectReportPhotos).values(input.photos.map((p) => ({ reportId: report.id, projectId, contentType: p.contentType, size: p.bytes.length, bytes: p.bytes, uploadedBy: caller.actor.userId })));
    }
    if (input.isPublic) {
      await tx.insert(projectEvents).values({
        projectId,
        kind: input.kind === 'final' ? 'final_report' : 'report',
        actorUserId: caller.actor.userId,
        data: { reportId: report.id, milestoneId: input.milestoneId, milestoneTitle, photos: input.photos.length },
      });
    }
    await recordAudit(tx, caller.actor, { action: input.kind === 'final' ? 'project.final_report' : 'project.report', subjectType: 'project', subjectId: projectId, placeId: project.placeId, after: { reportId: report.id, isPublic: input.isPublic, photos: input.photos.length } });
    return { ok: true, reportId: report.id } as const;
  });
}

/**
 * Staff of the project's place accept the delivered work once the deliverer has filed the final report: the project
 * becomes completed (an awarded project passes through in progress), on the public timeline, ready for evaluation.
 * The deliverer cannot accept their own work; a second acceptance finds the project completed.
 */
export async function acceptDelivery(caller: DeliveryCaller, projectId: string, note: string | null): Promise<{ ok: true } | Fail<'not_found' | 'forbidden' | 'not_delivering' | 'no_final_report'>> {
  if (!isUuid(projectId)) return { ok: false, reason: 'not_found' };
  return db().transaction(async (tx) => {
    const [project] = await tx.select().from(projects).where(eq(projects.id, projectId)).for('update');
    if (!project) return { ok: false, reason: 'not_found' } as const;
    const rights = await deliveryRights(caller, project, tx);
    if (!rights.staff || rights.deliverer) return { ok: false, reason: 'forbidden' } as const;
    if (!deliveringStates.includes(project.state)) return { ok: false, reason: 'not_delivering' } as const;
    const [final] = await tx.select({ id: projectReports.id }).from(projectReports).where(and(eq(projectReports.projectId, projectId), eq(projectReports.kind, 'final')));
    if (!final) return { ok: false, reason: 'no_final_report' } as const;
    if (project.state === 'awarded') await moveProject(tx, caller.actor, projectId, 'in_progress');
    await moveProject(tx, caller.actor, projectId, 'completed', { data: { finalReportId: final.id }, note });
    return { ok: true } as const;
  });
}

/** A report photo's bytes: anyone for a public report, otherwise only staff and the deliverer. */
export async function readReportPhoto(caller: DeliveryCaller | null, projectId: string, photoId: string) {
  if (!isUuid(projectId) || !isUuid(photoId)) return null;
  const [row] = await db()
    .select({ contentType: projectReportPhotos.contentType, bytes: projectReportPhotos.bytes, isPublic: projectReports.isPublic })
    .from(projectReportPhotos)
    .innerJoin(projectReports, eq(projectReports.id, projectReportPhotos.reportId))
    .where(and(eq(projectReportPhotos.id, photoId), eq(projectReportPhotos.projectId, projectId)));
  if (!row) return null;
  if (!row.isPublic) {
    const project = (await getProject(projectId))!;
    const rights = await deliveryRights(caller, project);
    if (!rights.staff && !rights.deliverer) return null;
  }
  return row;
}

// ---------------------------------------------------------------- money

export type MilestoneMoneyResult =
  | { ok: true; disbursementId: string; fundId: string }
  | Fail<'not_found' | 'forbidden' | 'not_delivering' | 'no_fund' | 'no_amount'>
  | { ok: false; reason: 'over_milestone'; remainingMinor: number };

/**
 * Asks for (part of) a milestone's money from the project's fund. The milestone row is locked while the requests
 * still open or paid against it are added up, so two requests at once can never ask for more than it holds. The
 * request then follows the funds' flow: someone other than the requester approves, the treasurer pays, and the
 * ledger refuses a payment the fund cannot afford.
 */
export async function requestMilestoneDisbursement(caller: DeliveryCaller, milestoneId: string, input: { amountMinor: number; purpose: string }): Promise<MilestoneMoneyResult> {
  if (!isUuid(milestoneId)) return { ok: false, reason: 'not_found' };
  return db().transaction(async (tx) => {
    const [milestone] = await tx.select().from(projectMilestones).where(eq(projectMilestones.id, milestoneId)).for('update');
    if (!milestone) return { ok: false, reason: 'not_found' } as const;
    const [project] = await tx.select().from(projects).where(eq(projects.id, milestone.projectId));
    const rights = await deliveryRights(caller, project, tx);
    if (!rights.requestMoney) return { ok: false, reason: 'forbidden' } as const;
    if (!payableStates.includes(project.state)) return { ok: false, reason: 'not_delivering' } as const;
    if (milestone.amountMinor <= 0) return { ok: false, reason: 'no_amount' } as const;
    const fund = await deliveryFund(project, tx);
    if (!fund || fund.status !== 'active') return { ok: false, reason: 'no_fund' } as const;
    const [{ asked }] = await tx
      .select({ asked: sql<string>`coalesce(sum(${disbursements.amountMinor}), 0)` })
      .from(milestoneDisbursements)
      .innerJoin(disbursements, eq(disbursements.id, milestoneDisbursements.disbursementId))
      .where(and(eq(milestoneDisbursements.milestoneId, milestoneId), ne(disbursements.status, 'rejected')));
    const remainingMinor = milestone.amountMinor - Number(asked);
    if (input.amountMinor > remainingMinor) return { ok: false, reason: 'over_milestone', remainingMinor } as const;
    const row = await requestDisbursementIn(tx, caller.actor, fund.id, {
      payeeKind: 'project',
      payeeName: project.delivererName ?? project.title,
      projectName: project.title,
      purpose: input.purpose,
      amountMinor: input.amountMinor,
    });
    if (!row) return { ok: false, reason: 'no_fund' } as const;
    await tx.insert(milestoneDisbursements).values({ disbursementId: row.id, milestoneId, projectId: project.id });
    await tx.insert(projectEvents).values({ projectId: project.id, kind: 'disbursement_requested', actorUserId: caller.actor.userId, data: { milestoneId, title: milestone.title, amountMinor: input.amountMinor, currency: fund.currency } });
    await recordAudit(tx, caller.actor, { action: 'milestone.request_disbursement', subjectType: 'project_milestone', subjectId: milestoneId, placeId: project.placeId, after: { disbursementId: row.id, amountMinor: input.amountMinor, fundId: fund.id } });
    return { ok: true, disbursementId: row.id, fundId: fund.id } as const;
  });
}

// ---------------------------------------------------------------- what pages show

/** Milestones with their current progress and the money asked and paid against each. */
export async function listMilestones(projectId: string) {
  const rows = await db().select().from(projectMilestones).where(eq(projectMilestones.projectId, projectId)).orderBy(asc(projectMilestones.position), asc(projectMilestones.createdAt));
  if (!rows.length) return [];
  const ids = rows.map((m) => m.id);
  const latest = await db()
    .selectDistinctOn([milestoneUpdates.milestoneId], { milestoneId: milestoneUpdates.milestoneId, percent: milestoneUpdates.percent, at: milestoneUpdates.createdAt })
    .from(milestoneUpdates)
    .where(inArray(milestoneUpdates.milestoneId, ids))
    .orderBy(milestoneUpdates.milestoneId, desc(milestoneUpdates.createdAt), desc(milestoneUpdates.id));
  const money = await db()
    .select({ milestoneId: milestoneDisbursements.milestoneId, status: disbursements.status, amountMinor: disbursements.amountMinor })
    .from(milestoneDisbursements)
    .innerJoin(disbursements, eq(disbursements.id, milestoneDisbursements.disbursementId))
    .where(inArray(milestoneDisbursements.milestoneId, ids));
  return rows.map((m) => {
    const mine = money.filter((d) => d.milestoneId === m.id);
    return {
      id: m.id,
      title: m.title,
      dueOn: m.dueOn,
      amountMinor: m.amountMinor,
      percent: latest.find((l) => l.milestoneId === m.id)?.percent ?? 0,
      requestedMinor: mine.filter((d) => d.status === 'requested' || d.status === 'approved').reduce((s, d) => s + d.amountMinor, 0),
      paidMinor: mine.filter((d) => d.status === 'paid').reduce((s, d) => s + d.amountMinor, 0),
    };
  });
}

/** Reports, newest first: public ones for everyone; private ones only when `includePrivate`. */
export async function listReports(projectId: string, includePrivate: boolean) {
  const reports = await db()
    .select({ id: projectReports.id, kind: projectReports.kind, body: projectReports.body, isPublic: projectReports.isPublic, milestoneId: projectReports.milestoneId, createdAt: projectReports.createdAt })
    .from(projectReports)
    .where(and(eq(projectReports.projectId, projectId), includePrivate ? undefined : eq(projectReports.isPublic, true)))
    .orderBy(desc(projectReports.createdAt));
  if (!reports.length) return [];
  const photos = await db()
    .select({ id: projectReportPhotos.id, reportId: projectReportPhotos.reportId })
    .from(projectReportPhotos)
    .where(inArray(projectReportPhotos.reportId, reports.map((r) => r.id)))
    .orderBy(asc(projectReportPhotos.createdAt));
  return reports.map((r) => ({ ...r, photoIds: photos.filter((p) => p.reportId === r.id).map((p) => p.id) }));
}

export interface TimelineItem {
  at: Date;
  kind: string;
  data: Record<string, unknown>;
  fromState: string | null;
  toState: string | null;
}

/**
 * The public timeline: the project's public steps (state changes, awards, milestones, public reports, requests) and
 * the payments made against its milestones, taken from the disbursements themselves. No names of the people acting.
 */
export async function publicTimeline(projectId: string): Promise<TimelineItem[]> {
  const events = await db()
    .select({ at: projectEvents.createdAt, kind: projectEvents.kind, data: projectEvents.data, fromState: projectEvents.fromState, toState: projectEvents.toState })
    .from(projectEvents)
    .where(and(eq(projectEvents.projectId, projectId), ne(projectEvents.kind, 'objection')))
    .orderBy(asc(projectEvents.id));
  const paid = await db()
    .select({ at: disbursements.paidAt, amountMinor: disbursements.amountMinor, currency: disbursements.currency, title: projectMilestones.title })
    .from(milestoneDisbursements)
    .innerJoin(disbursements, eq(disbursements.id, milestoneDisbursements.disbursementId))
    .innerJoin(projectMilestones, eq(projectMilestones.id, milestoneDisbursements.milestoneId))
    .where(and(eq(milestoneDisbursements.projectId, projectId), eq(disbursements.status, 'paid')));
  const items: TimelineItem[] = [
    ...events.map((e) => ({ at: e.at, kind: e.kind, data: e.data, fromState: e.fromState, toState: e.toState })),
    ...paid.map((p) => ({ at: p.at!, kind: 'disbursement_paid', data: { title: p.title, amountMinor: p.amountMinor, currency: p.currency }, fromState: null, toState: null })),
  ];
  return items.sort((a, b) => a.at.getTime() - b.at.getTime());
}
