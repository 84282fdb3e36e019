// Delivery of an awarded project through its services: milestone progress, reports with photos and one final report,
// disbursement requests tied to milestones and paid through the funds' flow and the ledger, and the public timeline.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../db/client';
import { auditEvents, disbursements, projects } from '../../db/schema';
import { decideDisbursement, payDisbursement } from '../../app/funds/disbursements.server';
import { decideDonation, recordOfflineDonation } from '../../app/funds/donations.server';
import { loadRoles } from '../../app/permissions/principal.server';
import { acceptDelivery, addReport, listMilestones, listReports, publicTimeline, readReportPhoto, requestMilestoneDisbursement, updateMilestoneProgress, type DeliveryCaller } from '../../app/projects/delivery.server';
import { createStreetWithCommunities, createUser } from '../helpers/factories';
import { useTestDatabase } from '../helpers/db';
import { addMilestones, createApplicant, createRoundWithProjects } from '../helpers/fair-fixtures';
import { balanceOf, createTestFund, expectLedgerWhole } from '../helpers/ledger';

useTestDatabase();

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

async function caller(userId: string): Promise<DeliveryCaller> {
  return { actor: { userId, onBehalfOfUserId: null }, roles: await loadRoles(userId) };
}

describe('project delivery', () => {
  let staff: DeliveryCaller;
  let staff2: DeliveryCaller;
  let treasurer: DeliveryCaller;
  let deliverer: DeliveryCaller;
  let otherStaff: DeliveryCaller;
  let outsider: DeliveryCaller;
  let projectId: string;
  let fundId: string;
  let milestones: { id: string }[];

  beforeAll(async () => {
    const { community, otherCommunity } = await createStreetWithCommunities();
    const staffUser = await createUser({ roles: [{ role: 'community_staff', placeId: community.id }] });
    staff = await caller(staffUser.id);
    staff2 = await caller((await createUser({ roles: [{ role: 'community_staff', placeId: community.id }] })).id);
    treasurer = await caller((await createUser({ roles: [{ role: 'treasurer', placeId: community.id }] })).id);
    otherStaff = await caller((await createUser({ roles: [{ role: 'community_staff', placeId: otherCommunity.id }] })).id);
    outsider = await caller((await createUser()).id);
    const leader = await createUser();
    deliverer = await caller(leader.id);
    const org = await createApplicant(community.id, leader.id, { name: '彩虹社工' });
    const fund = await createTestFund(community.id, { kind: 'project', nameZh: '项目基金', nameEn: 'Project fund' });
    fundId = fund.id;
    const gift = await recordOfflineDonation(treasurer.actor, fundId, { method: 'cash', amountMinor: 400_000, donorName: '张三', visibility: 'public', receiptNumber: `R-${Date.now()}` });
    if (!gift.ok) throw new Error(gift.reason);
    if (!gift.posted) expect(await decideDonation(staff.actor, gift.donation.id, 'confirm')).toEqual({ ok: true });
    const { projects: [project] } = await createRoundWithProjects(community.id, staffUser.id, 1, { fundId });
    await db().update(projects).set({ state: 'in_progress', delivererResourceId: org.id, delivererName: org.name }).where(eq(projects.id, project.id));
    projectId = project.id;
    milestones = await addMilestones(projectId, [300_000, 200_000]);
  });

  afterAll(async () => {
    await expectLedgerWhole();
  });

  it('the deliverer and staff record milestone progress; others cannot', async () => {
    expect(await updateMilestoneProgress(outsider, milestones[0].id, { percent: 50, note: '' })).toEqual({ ok: false, reason: 'forbidden' });
    expect(await updateMilestoneProgress(otherStaff, milestones[0].id, { percent: 50, note: '' })).toEqual({ ok: false, reason: 'forbidden' });
    expect(await updateMilestoneProgress(deliverer, milestones[0].id, { percent: 40, note: '第一批送餐完成' })).toEqual({ ok: true });
    expect(await updateMilestoneProgress(staff, milestones[0].id, { percent: 100, note: '' })).toEqual({ ok: true });
    const list = await listMilestones(projectId);
    expect(list.map((m) => m.percent)).toEqual([100, 0]);
    const audits = await db().select().from(auditEvents).where(and(eq(auditEvents.action, 'milestone.progress'), eq(auditEvents.subjectId, milestones[0].id)));
    expect(audits.map((a) => a.after)).toEqual(expect.arrayContaining([{ percent: 40 }, { percent: 100 }]));
  });

  it('the work cannot be accepted before the final report', async () => {
    expect(await acceptDelivery(staff, projectId, null)).toEqual({ ok: false, reason: 'no_final_report' });
  });

  it('reports carry photos; private reports and their photos stay with staff and the deliverer; one final report', async () => {
    const pub = await addReport(deliverer, projectId, { kind: 'progress', milestoneId: milestones[0].id, body: '已为 40 位老人送餐。', isPublic: true, photos: [{ contentType: 'image/png', bytes: PNG }] });
    const priv = await addReport(deliverer, projectId, { kind: 'progress', milestoneId: null, body: '某户老人需要上门复诊。', isPublic: false, photos: [{ contentType: 'image/png', bytes: PNG }] });
    if (!pub.ok || !priv.ok) throw new Error('report failed');
    expect(await addReport(outsider, projectId, { kind: 'progress', milestoneId: null, body: 'x', isPublic: true, photos: [] })).toEqual({ ok: false, reason: 'forbidden' });
    const publicReports = await listReports(projectId, false);
    expect(publicReports.map((r) => r.id)).toEqual([pub.reportId]);
    expect(await listReports(projectId, true)).toHaveLength(2);
    const [privatePhoto] = (await listReports(projectId, true)).find((r) => r.id === priv.reportId)!.photoIds;
    expect(await readReportPhoto(null, projectId, privatePhoto)).toBeNull();
    expect(await readReportPhoto(outsider, projectId, privatePhoto)).toBeNull();
    expect((await readReportPhoto(staff, projectId, privatePhoto))!.bytes.equals(PNG)).toBe(true);
    expect((await readReportPhoto(null, projectId, publicReports[0].photoIds[0]))!.contentType).toBe('image/png');
    const finals = await Promise.all([1, 2].map(() => addReport(deliverer, projectId, { kind: 'final', milestoneId: null, body: '项目总结', isPublic: true, photos: [] })));
    expect(finals.filter((f) => f.ok)).toHaveLength(1);
    expect(finals.filter((f) => !f.ok)).toEqual([{ ok: false, reason: 'final_exists' }]);
  });

  it('money for a milestone: never more than the milestone holds, even asked twice at once', async () => {
    expect(await requestMilestoneDisbursement(outsider, milestones[0].id, { amountMinor: 100, purpose: 'x' })).toEqual({ ok: false, reason: 'forbidden' });
    const both = await Promise.all([
      requestMilestoneDisbursement(deliverer, milestones[0].id, { amountMinor: 200_000, purpose: '第一阶段' }),
      requestMilestoneDisbursement(deliverer, milestones[0].id, { amountMinor: 200_000, purpose: '第一阶段' }),
    ]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(both.find((r) => !r.ok)).toEqual({ ok: false, reason: 'over_milestone', remainingMinor: 100_000 });
    const rest = await requestMilestoneDisbursement(deliverer, milestones[0].id, { amountMinor: 100_000, purpose: '第一阶段尾款' });
    expect(rest.ok).toBe(true);
    expect((await listMilestones(projectId))[0]).toMatchObject({ requestedMinor: 300_000, paidMinor: 0 });
  });

  it('is paid through the funds flow: approved by someone else, paid by the treasurer, never below zero', async () => {
    const rows = await db().select().from(disbursements).where(eq(disbursements.fundId, fundId));
    expect(rows).toHaveLength(2);
    for (const d of rows) {
      expect(d).toMatchObject({ payeeKind: 'project', payeeName: '彩虹社工', status: 'requested' });
      expect(await decideDisbursement(deliverer.actor, d.id, 'approve')).toEqual({ ok: false, reason: 'own_request' });
      expect(await decideDisbursement(staff2.actor, d.id, 'approve')).toEqual({ ok: true });
    }
    const paid = await Promise.all(rows.map((d) => payDisbursement(treasurer.actor, d.id, `INV-${d.id.slice(0, 6)}`)));
    expect(paid.every((p) => p.ok)).toBe(true);
    expect((await balanceOf(fundId)).balanceMinor).toBe(100_000);
    expect((await listMilestones(projectId))[0]).toMatchObject({ requestedMinor: 0, paidMinor: 300_000 });
    // The second milestone asks for 200,000 but the fund holds 100,000: the request may stand, the payment cannot.
    const second = await requestMilestoneDisbursement(staff, milestones[1].id, { amountMinor: 200_000, purpose: '第二阶段' });
    if (!second.ok) throw new Error(second.reason);
    expect(await decideDisbursement(staff2.actor, second.disbursementId, 'approve')).toEqual({ ok: true });
    expect(await payDisbursement(treasurer.actor, second.disbursementId, 'INV-2')).toEqual({ ok: false, reason: 'insufficient_funds', balanceMinor: 100_000 });
    expect((await balanceOf(fundId)).balanceMinor).toBe(100_000);
    await expectLedgerWhole();
  });

  it('staff accept the work after the final report: the project is completed, delivery stops, the last instalment may still be asked for', async () => {
    expect(await acceptDelivery(deliverer, projectId, null)).toEqual({ ok: false, reason: 'forbidden' });
    expect(await acceptDelivery(otherStaff, projectId, null)).toEqual({ ok: false, reason: 'forbidden' });
    const both = await Promise.all([acceptDelivery(staff, projectId, '验收通过'), acceptDelivery(staff2, projectId, null)]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(both.find((r) => !r.ok)).toEqual({ ok: false, reason: 'not_delivering' });
    const [p] = await db().select({ state: projects.state }).from(projects).where(eq(projects.id, projectId));
    expect(p.state).toBe('completed');
    expect(await updateMilestoneProgress(deliverer, milestones[1].id, { percent: 100, note: '' })).toEqual({ ok: false, reason: 'not_delivering' });
    expect(await addReport(deliverer, projectId, { kind: 'progress', milestoneId: null, body: '补充', isPublic: true, photos: [] })).toEqual({ ok: false, reason: 'not_delivering' });
    // The second milestone's money is all asked for already: refused for that reason, not because the work is accepted.
    expect(await requestMilestoneDisbursement(deliverer, milestones[1].id, { amountMinor: 1, purpose: '尾款' })).toMatchObject({ ok: false, reason: 'over_milestone' });
    const steps = (await publicTimeline(projectId)).filter((i) => i.kind === 'state_changed');
    expect(steps.at(-1)).toMatchObject({ toState: 'completed' });
  });

  it('the public timeline shows progress, public reports, requests and payments, and nothing private', async () => {
    const items = await publicTimeline(projectId);
    const kinds = items.map((i) => i.kind);
    expect(kinds).toEqual(expect.arrayContaining(['milestone_progress', 'report', 'final_report', 'disbursement_requested', 'disbursement_paid']));
    expect(kinds.filter((k) => k === 'report')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'disbursement_paid')).toHaveLength(2);
    const text = JSON.stringify(items);
    expect(text).not.toContain('复诊');
    expect(text).not.toContain(deliverer.actor.userId);
  });
});
