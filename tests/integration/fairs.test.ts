// The project fair end to end through its services: staff open a fair for a round, organisations join and rank the
// projects, projects rank organisations, staff run the stable proposal, both sides sign, and signed pairs become awards.
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../db/client';
import { auditEvents, awards, bids, fairPairs, fairParticipants, fairs, projectEvents, projects } from '../../db/schema';
import { blockingPairs } from '../../matching/stable';
import { loadRoles } from '../../app/permissions/principal.server';
import { createFair, getFairBoard, joinFair, runProposal, setPreferences, signPair, type FairCaller } from '../../app/projects/fairs.server';
import { createStreetWithCommunities, createUser } from '../helpers/factories';
import { useTestDatabase } from '../helpers/db';
import { createApplicant, createRoundWithProjects } from '../helpers/fair-fixtures';

useTestDatabase();

async function caller(userId: string): Promise<FairCaller> {
  return { actor: { userId, onBehalfOfUserId: null }, roles: await loadRoles(userId) };
}

describe('project fair', () => {
  let staff: FairCaller;
  let otherStaff: FairCaller;
  let leaders: FairCaller[];
  let member: FairCaller;
  let outsider: FairCaller;
  let round: Awaited<ReturnType<typeof createRoundWithProjects>>;
  let orgIds: string[];
  let fairId: string;
  const participant = new Map<string, string>(); // project or resource id → participant id

  beforeAll(async () => {
    const { community, otherCommunity } = await createStreetWithCommunities();
    const staffUser = await createUser({ roles: [{ role: 'community_staff', placeId: community.id }] });
    const otherStaffUser = await createUser({ roles: [{ role: 'community_staff', placeId: otherCommunity.id }] });
    staff = await caller(staffUser.id);
    otherStaff = await caller(otherStaffUser.id);
    const memberUser = await createUser();
    member = await caller(memberUser.id);
    outsider = await caller((await createUser()).id);
    leaders = [];
    orgIds = [];
    for (let i = 0; i < 3; i++) {
      const leader = await createUser({ roles: [{ role: 'org_member', placeId: community.id }] });
      leaders.push(await caller(leader.id));
      orgIds.push((await createApplicant(community.id, leader.id, { members: i === 0 ? [memberUser.id] : [] })).id);
    }
    round = await createRoundWithProjects(community.id, staffUser.id, 3);
  });

  it('staff of the round’s place open a fair with the round’s projects; others cannot', async () => {
    const input = { roundId: round.round.id, title: '锦华苑项目相亲会', heldOn: '2026-12-05', preferencesCloseAt: new Date(Date.now() + 7 * 86_400_000) };
    expect(await createFair(otherStaff, input)).toEqual({ ok: false, reason: 'forbidden' });
    expect(await createFair(leaders[0], input)).toEqual({ ok: false, reason: 'forbidden' });
    const created = await createFair(staff, input);
    if (!created.ok) throw new Error(created.reason);
    fairId = created.fair.id;
    expect(await createFair(staff, input)).toEqual({ ok: false, reason: 'exists' });
    const rows = await db().select().from(fairParticipants).where(eq(fairParticipants.fairId, fairId));
    expect(rows.map((r) => r.projectId).sort()).toEqual(round.projects.map((p) => p.id).sort());
    for (const r of rows) participant.set(r.projectId!, r.id);
    const [audit] = await db().select().from(auditEvents).where(and(eq(auditEvents.action, 'fair.create'), eq(auditEvents.subjectId, fairId)));
    expect(audit.actorUserId).toBe(staff.actor.userId);
  });

  it('organisation members join for their organisation; outsiders and ineligible teams cannot', async () => {
    expect(await joinFair(outsider, fairId, orgIds[0])).toEqual({ ok: false, reason: 'forbidden' });
    const joined = await joinFair(member, fairId, orgIds[0]);
    expect(joined.ok).toBe(true);
    expect(await joinFair(leaders[0], fairId, orgIds[0])).toEqual({ ok: false, reason: 'already' });
    for (const i of [1, 2]) expect((await joinFair(leaders[i], fairId, orgIds[i])).ok).toBe(true);
    const [fair] = await db().select().from(fairs).where(eq(fairs.id, fairId));
    const team = await createApplicant(fair.placeId, leaders[0].actor.userId, { kind: 'team' });
    expect(await joinFair(leaders[0], fairId, team.id)).toEqual({ ok: false, reason: 'not_eligible' });
    const rows = await db().select().from(fairParticipants).where(and(eq(fairParticipants.fairId, fairId), eq(fairParticipants.side, 'applicant')));
    for (const r of rows) participant.set(r.resourceId!, r.id);
    expect(rows).toHaveLength(3);
  });

  it('preferences are checked and private to their owners and staff', async () => {
    const p = (i: number) => participant.get(round.projects[i].id)!;
    const o = (i: number) => participant.get(orgIds[i])!;
    expect(await setPreferences(leaders[1], o(0), { ranking: [p(0)] })).toEqual({ ok: false, reason: 'forbidden' });
    expect(await setPreferences(otherStaff, p(0), { ranking: [o(0)] })).toEqual({ ok: false, reason: 'forbidden' });
    // Staff act for projects, not for organisations: an organisation's ranking is its members' to give.
    expect(await setPreferences(staff, o(0), { ranking: [p(0)] })).toEqual({ ok: false, reason: 'forbidden' });
    expect(await setPreferences(member, o(0), { ranking: [p(0), p(0)] })).toMatchObject({ ok: false, reason: 'invalid', fields: { ranking: ['fair.v.duplicateRank'] } });
    expect(await setPreferences(member, o(0), { ranking: [o(1)] })).toMatchObject({ ok: false, reason: 'invalid', fields: { ranking: ['fair.v.unknownParty'] } });
    expect(await setPreferences(member, o(0), { ranking: [p(0)], capacity: 0 })).toMatchObject({ ok: false, reason: 'invalid', fields: { capacity: ['fair.v.capacity'] } });
    // Org 0 can take two projects and wants 0 then 1; org 1 wants 0; org 2 wants 2 then 0.
    expect(await setPreferences(member, o(0), { ranking: [p(0), p(1)], capacity: 2 })).toEqual({ ok: true });
    expect(await setPreferences(leaders[1], o(1), { ranking: [p(0)] })).toEqual({ ok: true });
    expect(await setPreferences(leaders[2], o(2), { ranking: [p(2), p(0)] })).toEqual({ ok: true });
    // Project 0 prefers org 1, then 0, then 2; project 1 takes org 0; project 2 ranks nobody.
    expect(await setPreferences(staff, p(0), { ranking: [o(1), o(0), o(2)] })).toEqual({ ok: true });
    expect(await setPreferences(staff, p(1), { ranking: [o(0)], capacity: 5 })).toEqual({ ok: true });
    const [stored] = await db().select().from(fairParticipants).where(eq(fairParticipants.id, p(1)));
    expect(stored.capacity).toBe(1); // a project takes one deliverer: one live award per project and round
    const [audit] = await db().select().from(auditEvents).where(and(eq(auditEvents.action, 'fair.preferences'), eq(auditEvents.subjectId, o(0))));
    expect(JSON.stringify(audit.after)).not.toContain(p(0));
    const board = await getFairBoard(fairId);
    expect(JSON.stringify(board!.participants)).not.toContain('ranking');
  });

  it('staff run a stable proposal; only they may', async () => {
    expect(await runProposal(leaders[0], fairId, 'applicant')).toEqual({ ok: false, reason: 'forbidden' });
    const first = await runProposal(staff, fairId, 'project');
    expect(first).toMatchObject({ ok: true, pairs: 2 });
    const again = await runProposal(staff, fairId, 'applicant');
    expect(again).toMatchObject({ ok: true, pairs: 2 });
    const board = (await getFairBoard(fairId))!;
    expect(board.proposal!.proposing).toBe('applicant');
    const rows = await db().select().from(fairParticipants).where(eq(fairParticipants.fairId, fairId));
    const input = {
      projects: rows.filter((r) => r.side === 'project').map((r) => ({ id: r.id, capacity: r.capacity, ranking: r.ranking })),
      applicants: rows.filter((r) => r.side === 'applicant').map((r) => ({ id: r.id, capacity: r.capacity, ranking: r.ranking })),
    };
    const pairs = board.pairs.map((p) => ({ projectId: p.projectParticipantId, applicantId: p.applicantParticipantId }));
    expect(blockingPairs(input, pairs)).toEqual([]);
    const key = (projectIndex: number, orgIndex: number) => `${participant.get(round.projects[projectIndex].id)}-${participant.get(orgIds[orgIndex])}`;
    expect(pairs.map((p) => `${p.projectId}-${p.applicantId}`).sort()).toEqual([key(0, 1), key(1, 0)].sort());
    // Preferences close once a proposal is out.
    expect(await setPreferences(leaders[2], participant.get(orgIds[2])!, { ranking: [] })).toEqual({ ok: false, reason: 'closed' });
  });

  it('each side signs; a double click signs once; both signatures make exactly one award', async () => {
    const board = (await getFairBoard(fairId))!;
    const pair = board.pairs.find((p) => p.applicantParticipantId === participant.get(orgIds[1]))!;
    expect(await signPair(leaders[0], pair.id, 'applicant')).toEqual({ ok: false, reason: 'forbidden' });
    expect(await signPair(leaders[1], pair.id, 'project')).toEqual({ ok: false, reason: 'forbidden' });
    expect(await signPair(staff, pair.id, 'applicant')).toEqual({ ok: false, reason: 'forbidden' });
    const clicks = await Promise.all([signPair(leaders[1], pair.id, 'applicant'), signPair(leaders[1], pair.id, 'applicant')]);
    expect(clicks.map((c) => c.ok && c.already).sort()).toEqual([false, true]);
    // Once anyone has signed, the proposal stands.
    expect(await runProposal(staff, fairId, 'project')).toEqual({ ok: false, reason: 'signed' });
    const signed = await Promise.all([signPair(staff, pair.id, 'project'), signPair(staff, pair.id, 'project')]);
    const awardIds = signed.map((s) => (s.ok ? s.awardId : null)).filter(Boolean);
    expect(new Set(awardIds).size).toBe(1);
    const projectId = round.projects[0].id;
    const rows = await db().select().from(awards).where(eq(awards.projectId, projectId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'granted', grantedMinor: 500_000, requestedMinor: 500_000, roundId: round.round.id });
    expect(rows[0].noticeEndsAt!.getTime() - rows[0].noticeStartsAt!.getTime()).toBe(5 * 86_400_000);
    const [bid] = await db().select().from(bids).where(eq(bids.id, rows[0].bidId));
    expect(bid).toMatchObject({ applicantResourceId: orgIds[1], applicantKey: `resource:${orgIds[1]}`, status: 'awarded', applicantType: 'registered_org' });
    const [project] = await db().select().from(projects).where(eq(projects.id, projectId));
    expect(project).toMatchObject({ state: 'awarded', delivererResourceId: orgIds[1] });
    const events = await db().select().from(projectEvents).where(eq(projectEvents.projectId, projectId));
    expect(events.map((e) => e.kind).sort()).toEqual(['fair_signed', 'state_changed']);
    expect(events.find((e) => e.kind === 'state_changed')).toMatchObject({ fromState: 'open_for_bids', toState: 'awarded' });
    const [stored] = await db().select().from(fairPairs).where(eq(fairPairs.id, pair.id));
    expect(stored.awardId).toBe(rows[0].id);
    const audits = await db().select().from(auditEvents).where(and(eq(auditEvents.action, 'fair.sign'), eq(auditEvents.subjectId, pair.id)));
    expect(audits).toHaveLength(2);
  });

  it('an organisation member who is not its leader cannot sign for it', async () => {
    const board = (await getFairBoard(fairId))!;
    const pair = board.pairs.find((p) => p.applicantParticipantId === participant.get(orgIds[0]))!;
    expect(await signPair(member, pair.id, 'applicant')).toEqual({ ok: false, reason: 'forbidden' });
    expect((await signPair(leaders[0], pair.id, 'applicant')).ok).toBe(true);
  });
});

describe('a micro-grant round’s fair', () => {
  it('takes resident teams and informal groups, which ordinary rounds refuse', async () => {
    const { community } = await createStreetWithCommunities();
    const staffUser = await createUser({ roles: [{ role: 'community_staff', placeId: community.id }] });
    const lead = await createUser();
    const staffCaller = await caller(staffUser.id);
    const leadCaller = await caller(lead.id);
    const team = await createApplicant(community.id, lead.id, { kind: 'team' });
    const informal = await createApplicant(community.id, lead.id, { registration: 'informal' });
    const micro = await createRoundWithProjects(community.id, staffUser.id, 1, { microGrant: true });
    const plain = await createRoundWithProjects(community.id, staffUser.id, 1);
    const open = async (roundId: string) => {
      const r = await createFair(staffCaller, { roundId, title: 'fair', heldOn: '2026-12-30', preferencesCloseAt: new Date(Date.now() + 86_400_000) });
      if (!r.ok) throw new Error(r.reason);
      return r.fair.id;
    };
    const microFair = await open(micro.round.id);
    const plainFair = await open(plain.round.id);
    expect((await joinFair(leadCaller, microFair, team.id)).ok).toBe(true);
    expect((await joinFair(leadCaller, microFair, informal.id)).ok).toBe(true);
    expect(await joinFair(leadCaller, plainFair, informal.id)).toEqual({ ok: false, reason: 'not_eligible' });
  });
});
