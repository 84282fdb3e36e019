// A community with a household register for deliberation tests: households with adults (some with accounts),
// staff, and a helper to make votes.
import { asc, eq } from 'drizzle-orm';
import { db } from '../../db/client';
import { householdMembers, households, voteOptions } from '../../db/schema';
import { createVote, openVote, type VoteInput } from '../../app/deliberation/votes.server';
import { createPlace, createUser } from './factories';

export async function deliberationWorld() {
  const street = await createPlace({ type: 'street' });
  const community = await createPlace({ type: 'community', parentId: street.id });
  const other = await createPlace({ type: 'community', parentId: street.id });
  const building = await createPlace({ type: 'building', parentId: community.id });
  const otherBuilding = await createPlace({ type: 'building', parentId: other.id });
  const staff = await createUser({ roles: [{ role: 'community_staff', placeId: community.id }] });
  const otherStaff = await createUser({ roles: [{ role: 'community_staff', placeId: other.id }] });
  return { street, community, other, building, otherBuilding, staff, otherStaff };
}

/** A household with the given adults; `accounts` of them (voter first) get user accounts. */
export async function household(buildingId: string, opts: { adults?: number; children?: number; voterHasAccount?: boolean; accounts?: number } = {}) {
  const adults = opts.adults ?? 2;
  const [h] = await db()
    .insert(households)
    .values({ placeId: buildingId, unit: `${Math.floor(Math.random() * 30)}0${Math.floor(Math.random() * 9)}` })
    .returning();
  const users = [];
  const members = [];
  for (let i = 0; i < adults; i++) {
    const isVoter = i === 0;
    const withAccount = isVoter ? opts.voterHasAccount ?? true : i < (opts.accounts ?? adults);
    const user = withAccount ? await createUser({ homePlaceId: buildingId, roles: [{ role: 'resident', placeId: buildingId }] }) : null;
    if (user) users.push(user);
    const [m] = await db()
      .insert(householdMembers)
      .values({
        householdId: h.id,
        name: `成员${i}`,
        relation: isVoter ? 'head' : 'spouse',
        isAdult: true,
        votesForHousehold: isVoter,
        userId: user?.id ?? null,
      })
      .returning();
    members.push(m);
  }
  for (let i = 0; i < (opts.children ?? 0); i++) {
    const user = await createUser({ homePlaceId: buildingId });
    const [m] = await db()
      .insert(householdMembers)
      .values({ householdId: h.id, name: `孩子${i}`, relation: 'child', isAdult: false, userId: user.id })
      .returning();
    members.push(m);
    users.push(user);
  }
  return { id: h.id, users, members };
}

const HOUR = 3_600_000;

export async function openTestVote(staffUserId: string, placeId: string, overrides: Partial<VoteInput> = {}) {
  const vote = await createVote(
    { userId: staffUserId },
    {
      placeId,
      question: '是否同意加装电梯？',
      description: '',
      unit: 'household',
      thresholdPermille: 600,
      quorumPermille: 0,
      abstentionsCountForQuorum: true,
      paperBallotsCount: true,
      binding: true,
      opensAt: new Date(Date.now() - HOUR),
      closesAt: new Date(Date.now() + 24 * HOUR),
      options: [
        { label: '同意', kind: 'choice' },
        { label: '不同意', kind: 'choice' },
        { label: '弃权', kind: 'abstain' },
      ],
      ...overrides,
    },
  );
  await openVote({ userId: staffUserId }, vote.id);
  const options = await db().select().from(voteOptions).where(eq(voteOptions.voteId, vote.id)).orderBy(asc(voteOptions.position));
  return { id: vote.id, yes: options[0].id, no: options[1].id, abstain: options[2].id };
}
