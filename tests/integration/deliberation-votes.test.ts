// Votes against the real database on both drivers: eligibility from the household register, nobody voting twice
// however many submissions race, paper ballots marked and audited, thresholds of the eligible, published results.
import { and, count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../db/client';
import { auditEvents, ballots, householdMembers, voteParticipations } from '../../db/schema';
import { castBallot, closeVote, enterPaperBallot, getVote, myBallotState, VoteError, type VoteResult } from '../../app/deliberation/votes.server';
import { useTestDatabase } from '../helpers/db';
import { deliberationWorld, household, openTestVote } from '../helpers/deliberation';
import { createPlace, createUser } from '../helpers/factories';

useTestDatabase();

let world: Awaited<ReturnType<typeof deliberationWorld>>;
beforeAll(async () => {
  world = await deliberationWorld();
});

const cast = (userId: string, voteId: string, optionId: string) => castBallot({ userId }, userId, voteId, optionId);
const code = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e) => (e instanceof VoteError ? e.code : Promise.reject(e)),
  );

describe('eligibility from the household register', () => {
  it('a household votes through its voter; another adult may cast it only when the voter has no account', async () => {
    const withVoter = await household(world.building.id, { adults: 3, accounts: 3 });
    const noVoterAccount = await household(world.building.id, { adults: 2, voterHasAccount: false, accounts: 2 });
    const vote = await openTestVote(world.staff.id, world.community.id);
    // withVoter.users[1] is an adult but not the voter, and the voter has an account.
    expect(await code(cast(withVoter.users[1].id, vote.id, vote.yes))).toBe('not_eligible');
    expect(await code(cast(withVoter.users[0].id, vote.id, vote.yes))).toBe('ok');
    expect(await code(cast(noVoterAccount.users[0].id, vote.id, vote.no))).toBe('ok');
  });

  it('children, people moved out, people of another community and people without a household cannot vote', async () => {
    const family = await household(world.building.id, { adults: 2, children: 1, accounts: 2 });
    const elsewhere = await household(world.otherBuilding.id, { adults: 1 });
    const stranger = await createUser({ homePlaceId: world.building.id });
    const vote = await openTestVote(world.staff.id, world.community.id, { unit: 'adult' });
    const child = family.users[2];
    expect(await code(cast(child.id, vote.id, vote.yes))).toBe('not_eligible');
    expect(await code(cast(elsewhere.users[0].id, vote.id, vote.yes))).toBe('not_eligible');
    expect(await code(cast(stranger.id, vote.id, vote.yes))).toBe('not_eligible');
    await db().update(householdMembers).set({ movedOutAt: new Date() }).where(eq(householdMembers.id, family.members[1].id));
    expect(await code(cast(family.users[1].id, vote.id, vote.yes))).toBe('not_eligible');
    expect(await code(cast(family.users[0].id, vote.id, vote.yes))).toBe('ok');
  });

  it('an option of another vote, a closed vote or a vote not yet open takes no ballot', async () => {
    const h = await household(world.building.id, { adults: 1 });
    const a = await openTestVote(world.staff.id, world.community.id);
    const b = await openTestVote(world.staff.id, world.community.id);
    expect(await code(cast(h.users[0].id, a.id, b.yes))).toBe('invalid');
    await closeVote({ userId: world.staff.id }, a.id);
    expect(await code(cast(h.users[0].id, a.id, a.yes))).toBe('not_open');
  });
});

describe('nobody votes twice, whatever the concurrency', () => {
  it('one household casts exactly one vote with 50 simultaneous submissions from its members', async () => {
    // The voter has no account, so each of the other four adults may cast the household's one ballot.
    const h = await household(world.building.id, { adults: 5, voterHasAccount: false, accounts: 5 });
    const vote = await openTestVote(world.staff.id, world.community.id);
    const attempts = Array.from({ length: 50 }, (_, i) => code(cast(h.users[i % h.users.length].id, vote.id, i % 2 ? vote.yes : vote.no)));
    const outcomes = await Promise.all(attempts);
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'already_voted')).toHaveLength(49);
    const [{ n: participations }] = await db().select({ n: count() }).from(voteParticipations).where(eq(voteParticipations.voteId, vote.id));
    const [{ n: cast_ }] = await db().select({ n: count() }).from(ballots).where(eq(ballots.voteId, vote.id));
    expect(Number(participations)).toBe(1);
    expect(Number(cast_)).toBe(1);
  });

  it('one adult votes once with 50 simultaneous submissions in a vote per adult, and each adult of a household votes', async () => {
    const h = await household(world.building.id, { adults: 3, accounts: 3 });
    const vote = await openTestVote(world.staff.id, world.community.id, { unit: 'adult' });
    const outcomes = await Promise.all(Array.from({ length: 50 }, () => code(cast(h.users[0].id, vote.id, vote.yes))));
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
    expect(await code(cast(h.users[1].id, vote.id, vote.yes))).toBe('ok');
    expect(await code(cast(h.users[2].id, vote.id, vote.no))).toBe('ok');
    const v = await getVote(vote.id);
    expect(v!.participants).toBe(3);
  });

  it('a paper ballot and an online ballot racing for one household: one wins', async () => {
    const h = await household(world.building.id, { adults: 1 });
    const vote = await openTestVote(world.staff.id, world.community.id);
    const outcomes = await Promise.all([
      ...Array.from({ length: 10 }, (_, i) =>
        code(enterPaperBallot({ userId: world.staff.id }, vote.id, { householdId: h.id, optionId: vote.yes, channel: 'paper', paperReference: `P-${i}` })),
      ),
      ...Array.from({ length: 10 }, () => code(cast(h.users[0].id, vote.id, vote.no))),
    ]);
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
    expect((await myBallotState({ id: vote.id, unit: 'household', placePath: world.community.path }, h.users[0].id)).voted).toBe(true);
  });
});

describe('paper ballots and signature sheets', () => {
  it('are marked with their channel and who entered them, audited without saying what was chosen', async () => {
    const h = await household(world.building.id, { adults: 1, voterHasAccount: false });
    const vote = await openTestVote(world.staff.id, world.community.id);
    await enterPaperBallot({ userId: world.staff.id }, vote.id, {
      householdId: h.id,
      optionId: vote.yes,
      channel: 'signature_sheet',
      paperReference: '签名表 3 第 12 行',
    });
    const [p] = await db().select().from(voteParticipations).where(eq(voteParticipations.voteId, vote.id));
    expect(p).toMatchObject({ channel: 'signature_sheet', enteredByUserId: world.staff.id, householdId: h.id, paperReference: '签名表 3 第 12 行' });
    const [audit] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'vote.paper_entered'), eq(auditEvents.subjectId, vote.id)));
    expect(audit.actorUserId).toBe(world.staff.id);
    expect(JSON.stringify(audit.after)).not.toContain(vote.yes);
    const v = await getVote(vote.id);
    expect(v!.channels.signature_sheet).toBe(1);
    // The same household cannot also be entered on paper again.
    expect(
      await code(enterPaperBallot({ userId: world.staff.id }, vote.id, { householdId: h.id, optionId: vote.no, channel: 'paper', paperReference: 'P-2' })),
    ).toBe('already_voted');
  });

  it('refuse a household of another community', async () => {
    const h = await household(world.otherBuilding.id, { adults: 1 });
    const vote = await openTestVote(world.staff.id, world.community.id);
    expect(
      await code(enterPaperBallot({ userId: world.staff.id }, vote.id, { householdId: h.id, optionId: vote.yes, channel: 'paper', paperReference: 'P-1' })),
    ).toBe('invalid');
  });
});

describe('threshold of the eligible households, published with turnout', () => {
  it('a 60% vote of 10 households fails with 5 yes and carries with 6, paper ballots counted as the vote says', async () => {
    const community = await createPlace({ type: 'community', parentId: world.street.id });
    const b = await createPlace({ type: 'building', parentId: community.id });
    const staff = await createUser({ roles: [{ role: 'community_staff', placeId: community.id }] });
    const homes: Awaited<ReturnType<typeof household>>[] = [];
    for (let i = 0; i < 10; i++) homes.push(await household(b.id, { adults: 1 }));
    // A household with only a child is not eligible: the base stays 10.
    await household(b.id, { adults: 0, children: 1 });

    const run = async (paperBallotsCount: boolean, yesOnline: number, yesPaper: number) => {
      const vote = await openTestVote(staff.id, community.id, { paperBallotsCount });
      for (let i = 0; i < yesOnline; i++) await cast(homes[i].users[0].id, vote.id, vote.yes);
      for (let i = yesOnline; i < yesOnline + yesPaper; i++)
        await enterPaperBallot({ userId: staff.id }, vote.id, { householdId: homes[i].id, optionId: vote.yes, channel: 'paper', paperReference: `P-${i}` });
      await cast(homes[9].users[0].id, vote.id, vote.abstain);
      const closed = await closeVote({ userId: staff.id }, vote.id);
      return closed.result as unknown as VoteResult;
    };
    const five = await run(true, 5, 0);
    expect(five.tally).toMatchObject({ eligible: 10, thresholdNeeded: 6, turnout: 6, carried: false });
    const six = await run(true, 4, 2);
    expect(six.tally).toMatchObject({ eligible: 10, turnout: 7, carried: true });
    expect(six.channels).toEqual({ online: 5, paper: 2, signature_sheet: 0 });
    const paperNotCounted = await run(false, 4, 2);
    expect(paperNotCounted.tally).toMatchObject({ carried: false, uncountedPaper: 2, turnout: 5 });
    expect(paperNotCounted.participants).toBe(7);
  });
});

describe('votes open and close on time', () => {
  it('the scheduler opens a due draft (fixing the eligible count) and closes an expired vote, publishing its result', async () => {
    const { createVote, runDueVotes } = await import('../../app/deliberation/votes.server');
    const { votes } = await import('../../db/schema');
    const b = await createPlace({ type: 'building', parentId: world.community.id });
    await household(b.id, { adults: 1 });
    const base = {
      placeId: world.community.id,
      question: '定时表决',
      description: '',
      unit: 'household' as const,
      thresholdPermille: 600,
      quorumPermille: 0,
      abstentionsCountForQuorum: true,
      paperBallotsCount: true,
      binding: false,
      options: [
        { label: '同意', kind: 'choice' as const },
        { label: '不同意', kind: 'choice' as const },
      ],
    };
    const now = Date.now();
    const due = await createVote({ userId: world.staff.id }, { ...base, opensAt: new Date(now - 60_000), closesAt: new Date(now + 3_600_000) });
    const later = await createVote({ userId: world.staff.id }, { ...base, opensAt: new Date(now + 3_600_000), closesAt: new Date(now + 7_200_000) });
    await runDueVotes(new Date(now));
    const [opened] = await db().select().from(votes).where(eq(votes.id, due.id));
    const [waiting] = await db().select().from(votes).where(eq(votes.id, later.id));
    expect(opened.status).toBe('open');
    expect(opened.eligibleCount).toBeGreaterThan(0);
    expect(waiting.status).toBe('draft');
    await runDueVotes(new Date(now + 3_700_000));
    const [closed] = await db().select().from(votes).where(eq(votes.id, due.id));
    expect(closed.status).toBe('closed');
    expect((closed.result as unknown as VoteResult).tally.eligible).toBe(opened.eligibleCount);
  });
});
