// The demo fair through its pages: a stable proposal that respects capacities, a public board without rankings,
// preferences only for their owners, org@ signing its pair without JavaScript (a plain form POST) into an award,
// and the delivery page of an awarded project (public timeline, forms only for the deliverer and staff).
import { and, eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../db/client';
import { awards, fairPairs, fairParticipants, fairs, milestoneDisbursements, projectMilestones, projects, resources, users } from '../../db/schema';
import { seedDemo } from '../../db/seed/demo';
import { blockingPairs } from '../../matching/stable';
import * as board from '../../app/routes/fairs.$fairId._index';
import * as prefs from '../../app/routes/fairs.$fairId.participants.$participantId';
import * as delivery from '../../app/routes/projects.$projectId_.delivery';
import * as photo from '../../app/routes/projects.$projectId_.report-photos.$photoId';
import * as newFair from '../../app/routes/fairs.new';
import { createRoundWithProjects } from '../helpers/fair-fixtures';
import { places } from '../../db/schema';
import { useTestDatabase } from '../helpers/db';
import { requestWith, sessionCookieFor } from '../helpers/factories';
import { expectLedgerWhole } from '../helpers/ledger';

useTestDatabase();

const cookies = new Map<string, string>();
let fairId: string;

async function call(fn: (args: never) => unknown, who: string | null, path: string, params: Record<string, string>, init: RequestInit = {}) {
  try {
    return await fn({ request: requestWith(who ? cookies.get(who) : null, path, init), params, context: {} } as never);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

const form = (data: Record<string, string>) => ({ method: 'POST', body: new URLSearchParams(data), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });

beforeAll(async () => {
  await seedDemo();
  for (const who of ['staff', 'staff2', 'org', 'resident']) {
    const [u] = await db().select({ id: users.id }).from(users).where(eq(users.email, `${who}@fivefold.test`));
    cookies.set(who, await sessionCookieFor(u.id));
  }
  [{ id: fairId }] = await db().select({ id: fairs.id }).from(fairs);
});

describe('the demo fair', () => {
  it('has 12 projects and 10 organisations with rankings, and a stable proposal within capacities', async () => {
    const parts = await db().select().from(fairParticipants).where(eq(fairParticipants.fairId, fairId));
    expect(parts.filter((p) => p.side === 'project')).toHaveLength(12);
    expect(parts.filter((p) => p.side === 'applicant')).toHaveLength(10);
    expect(parts.every((p) => p.ranking.length > 0)).toBe(true);
    const pairs = await db().select().from(fairPairs).where(eq(fairPairs.fairId, fairId));
    expect(pairs.length).toBeGreaterThan(5);
    const input = {
      projects: parts.filter((p) => p.side === 'project').map((p) => ({ id: p.id, capacity: p.capacity, ranking: p.ranking })),
      applicants: parts.filter((p) => p.side === 'applicant').map((p) => ({ id: p.id, capacity: p.capacity, ranking: p.ranking })),
    };
    expect(blockingPairs(input, pairs.map((p) => ({ projectId: p.projectParticipantId, applicantId: p.applicantParticipantId })))).toEqual([]);
    for (const p of parts) {
      const n = pairs.filter((x) => x.projectParticipantId === p.id || x.applicantParticipantId === p.id).length;
      expect(n).toBeLessThanOrEqual(p.capacity);
    }
    const signedByBoth = pairs.filter((p) => p.projectSignedAt && p.applicantSignedAt);
    expect(signedByBoth.every((p) => p.awardId)).toBe(true);
    // Only the pairs of org@'s organisation wait for its signature.
    const [orgOfDemoUser] = await db().select({ id: resources.id }).from(resources).innerJoin(users, eq(users.id, resources.ownerUserId)).where(eq(users.email, 'org@fivefold.test'));
    const waiting = pairs.filter((p) => !p.applicantSignedAt);
    expect(waiting.length).toBeGreaterThan(0);
    for (const p of waiting) expect(parts.find((x) => x.id === p.applicantParticipantId)!.resourceId).toBe(orgOfDemoUser.id);
    expect(signedByBoth.length).toBe(pairs.length - waiting.length);
    await expectLedgerWhole();
  });

  it('the board is public and shows no rankings', async () => {
    const data = (await call(board.loader as never, null, `/fairs/${fairId}`, { fairId })) as Awaited<ReturnType<typeof board.loader>>;
    expect(data.participants).toHaveLength(22);
    const text = JSON.stringify(data);
    expect(text).not.toMatch(/ranking|projectRank|applicantRank/);
    expect(data.pairs.every((p) => !p.canSignApplicant && !p.canSignProject)).toBe(true);
  });

  it('preferences are for their owners and staff; to others they do not exist', async () => {
    const [org] = await db().select({ id: resources.id }).from(resources).innerJoin(users, eq(users.id, resources.ownerUserId)).where(eq(users.email, 'org@fivefold.test'));
    const [mine] = await db().select().from(fairParticipants).where(and(eq(fairParticipants.fairId, fairId), eq(fairParticipants.resourceId, org.id)));
    const path = `/fairs/${fairId}/participants/${mine.id}`;
    const params = { fairId, participantId: mine.id };
    for (const who of ['staff2', 'resident']) expect(((await call(prefs.loader as never, who, path, params)) as Response).status).toBe(404);
    const own = (await call(prefs.loader as never, 'org', path, params)) as Awaited<ReturnType<typeof prefs.loader>>;
    expect(own.others.filter((o) => o.rank !== null)).toHaveLength(mine.ranking.length);
    expect(own.outcome?.partners.length).toBeGreaterThan(0);
    const asStaff = (await call(prefs.loader as never, 'staff', path, params)) as { participant: { id: string }; canRank: boolean };
    expect(asStaff.participant.id).toBe(mine.id);
    expect(asStaff.canRank).toBe(false);
    expect(((await call(prefs.action as never, 'staff', path, params, form({ capacity: '1' }))) as Response).status).toBe(403);
    // The proposal is out: preferences are closed.
    const closed = (await call(prefs.action as never, 'org', path, params, form({ capacity: '1' }))) as Response;
    expect(closed.status).toBe(409);
  });

  it('org@ signs its pair with a plain form: the project is awarded; a second click changes nothing', async () => {
    const data = (await call(board.loader as never, 'org', `/fairs/${fairId}`, { fairId })) as Awaited<ReturnType<typeof board.loader>>;
    const pair = data.pairs.find((p) => p.canSignApplicant)!;
    expect(pair).toBeDefined();
    const staff2 = (await call(board.action as never, 'staff2', `/fairs/${fairId}`, { fairId }, form({ intent: 'sign', pairId: pair.id, side: 'applicant' }))) as Response;
    expect(staff2.status).toBe(403);
    const signed = (await call(board.action as never, 'org', `/fairs/${fairId}`, { fairId }, form({ intent: 'sign', pairId: pair.id, side: 'applicant' }))) as Response;
    expect(signed.status).toBe(302);
    expect(signed.headers.get('Location')).toContain('notice=fair.awardedNotice');
    const again = (await call(board.action as never, 'org', `/fairs/${fairId}`, { fairId }, form({ intent: 'sign', pairId: pair.id, side: 'applicant' }))) as Response;
    expect(again.headers.get('Location')).toContain('notice=fair.awardedNotice');
    const [row] = await db().select().from(fairPairs).where(eq(fairPairs.id, pair.id));
    const live = await db().select().from(awards).where(eq(awards.id, row.awardId!));
    expect(live).toHaveLength(1);
    const bad = (await call(board.action as never, 'org', `/fairs/${fairId}`, { fairId }, form({ intent: 'sign', pairId: 'nope', side: 'applicant' }))) as Response;
    expect(bad.status).toBe(400);
  });

  it('the delivery page shows the public timeline to all, and its forms only to the deliverer and staff', async () => {
    const [paid] = await db().select({ projectId: milestoneDisbursements.projectId }).from(milestoneDisbursements);
    const path = `/projects/${paid.projectId}/delivery`;
    const params = { projectId: paid.projectId };
    const anon = (await call(delivery.loader as never, null, path, params)) as Awaited<ReturnType<typeof delivery.loader>>;
    expect(anon.rights).toEqual({ insider: false, requestMoney: false, accept: false });
    expect(anon.timeline.map((i) => i.kind)).toEqual(expect.arrayContaining(['fair_signed', 'state_changed', 'milestone_progress', 'report', 'disbursement_paid']));
    expect(anon.milestones[0]).toMatchObject({ percent: 100, paidMinor: 80_000 });
    const staff = (await call(delivery.loader as never, 'staff', path, params)) as Awaited<ReturnType<typeof delivery.loader>>;
    expect(staff.rights).toMatchObject({ insider: true, accept: true });
    // Staff of another community cannot post progress here.
    const [m] = await db().select().from(projectMilestones).where(eq(projectMilestones.projectId, paid.projectId));
    const refused = (await call(delivery.action as never, 'staff2', path, params, form({ intent: 'progress', milestoneId: m.id, percent: '90' }))) as Response;
    expect([403, 404]).toContain(refused.status);
    const bad = (await call(delivery.action as never, 'staff', path, params, form({ intent: 'progress', milestoneId: m.id, percent: '140' }))) as Response;
    expect(bad.status).toBe(400);
    const ok = (await call(delivery.action as never, 'staff', path, params, form({ intent: 'progress', milestoneId: m.id, percent: '100', note: '' }))) as Response;
    expect(ok.status).toBe(302);
    // Asking for more than the milestone has left: a field error, nothing written.
    const over = (await call(delivery.action as never, 'staff', path, params, form({ intent: 'money', milestoneId: m.id, amount: '999999', purpose: '测试' }))) as Response;
    expect(over.status).toBe(409);
    expect(JSON.stringify(await over.json())).toContain('delivery.err.over_milestone');
    // A draft project's delivery page does not exist for the public.
    const [draft] = await db().select({ id: projects.id }).from(projects).where(inArray(projects.state, ['draft'])).limit(1);
    if (draft) expect(((await call(delivery.loader as never, null, `/projects/${draft.id}/delivery`, { projectId: draft.id })) as Response).status).toBe(404);
    const missing = (await call(photo.loader as never, null, `/projects/${paid.projectId}/report-photos/${m.id}`, { projectId: paid.projectId, photoId: m.id })) as Response;
    expect(missing.status).toBe(404);
    await expectLedgerWhole();
  });
});

describe('a new fair through its pages', () => {
  it('staff open it, an organisation joins and ranks, staff run the proposal', async () => {
    const [c1] = await db().select().from(places).where(eq(places.nameZh, '锦华苑社区'));
    const [staffUser] = await db().select({ id: users.id }).from(users).where(eq(users.email, 'staff@fivefold.test'));
    const { round, projects: roundProjects } = await createRoundWithProjects(c1.id, staffUser.id, 2);
    const listed = (await call(newFair.loader as never, 'staff', '/fairs/new', {})) as Awaited<ReturnType<typeof newFair.loader>>;
    expect(listed.rounds.map((r) => r.id)).toContain(round.id);
    const otherStaff = (await call(newFair.loader as never, 'staff2', '/fairs/new', {})) as Awaited<ReturnType<typeof newFair.loader>>;
    expect(otherStaff.rounds.map((r) => r.id)).not.toContain(round.id);
    expect(((await call(newFair.loader as never, 'resident', '/fairs/new', {})) as Response).status).toBe(403);
    const fields = { roundId: round.id, title: '第二场相亲会', heldOn: '2026-12-20', preferencesClose: '2026-12-18' };
    const late = (await call(newFair.action as never, 'staff', '/fairs/new', {}, form({ ...fields, preferencesClose: '2026-12-21' }))) as Response;
    expect(late.status).toBe(400);
    expect(JSON.stringify(await late.json())).toContain('fair.v.closeAfterFair');
    expect(((await call(newFair.action as never, 'staff2', '/fairs/new', {}, form(fields))) as Response).status).toBe(403);
    const created = (await call(newFair.action as never, 'staff', '/fairs/new', {}, form(fields))) as Response;
    expect(created.status).toBe(302);
    const newId = created.headers.get('Location')!.split('?')[0].split('/').pop()!;
    const path = `/fairs/${newId}`;

    const [org] = await db().select({ id: resources.id }).from(resources).innerJoin(users, eq(users.id, resources.ownerUserId)).where(eq(users.email, 'org@fivefold.test'));
    const boardData = (await call(board.loader as never, 'org', path, { fairId: newId })) as Awaited<ReturnType<typeof board.loader>>;
    expect(boardData.joinable.map((j) => j.id)).toContain(org.id);
    expect(((await call(board.action as never, 'org', path, { fairId: newId }, form({ intent: 'join', resourceId: org.id }))) as Response).status).toBe(302);

    const parts = await db().select().from(fairParticipants).where(eq(fairParticipants.fairId, newId));
    const mine = parts.find((p) => p.resourceId === org.id)!;
    const projectParts = parts.filter((p) => p.side === 'project');
    expect(projectParts.map((p) => p.projectId).sort()).toEqual(roundProjects.map((p) => p.id).sort());
    const prefsPath = `${path}/participants/${mine.id}`;
    const prefsParams = { fairId: newId, participantId: mine.id };
    const dup = (await call(prefs.action as never, 'org', prefsPath, prefsParams, form({ [`rank-${projectParts[0].id}`]: '1', [`rank-${projectParts[1].id}`]: '1', capacity: '1' }))) as Response;
    expect(dup.status).toBe(400);
    expect(JSON.stringify(await dup.json())).toContain('fair.v.duplicateRank');
    const saved = (await call(prefs.action as never, 'org', prefsPath, prefsParams, form({ [`rank-${projectParts[0].id}`]: '2', [`rank-${projectParts[1].id}`]: '1', capacity: '2' }))) as Response;
    expect(saved.status).toBe(302);
    const [stored] = await db().select().from(fairParticipants).where(eq(fairParticipants.id, mine.id));
    expect(stored.ranking).toEqual([projectParts[1].id, projectParts[0].id]);
    expect(stored.capacity).toBe(2);
    // The project side ranks the organisation through the same page, as staff.
    for (const p of projectParts) {
      const r = (await call(prefs.action as never, 'staff', `${path}/participants/${p.id}`, { fairId: newId, participantId: p.id }, form({ [`rank-${mine.id}`]: '1' }))) as Response;
      expect(r.status).toBe(302);
    }
    expect(((await call(board.action as never, 'org', path, { fairId: newId }, form({ intent: 'run', proposing: 'project' }))) as Response).status).toBe(403);
    expect(((await call(board.action as never, 'staff', path, { fairId: newId }, form({ intent: 'run', proposing: 'project' }))) as Response).status).toBe(302);
    const after = (await call(board.loader as never, 'org', path, { fairId: newId })) as Awaited<ReturnType<typeof board.loader>>;
    expect(after.pairs).toHaveLength(2);
    expect(after.pairs.every((p) => p.canSignApplicant)).toBe(true);
  });
});
