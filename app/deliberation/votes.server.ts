// Votes: set up by staff, opened and closed on time, ballots cast by eligible residents (from the household
// register) or entered from paper by staff, tallied against a threshold of the eligible, results published.
// Who voted is kept apart from what they chose: a participation row (unique per household or adult, so nobody
// votes twice whatever the concurrency) and an anonymous ballot, written in one transaction.
import { and, asc, count, desc, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm';
import { db, rows, type DbOrTx, type Tx } from '../../db/client';
import { ballots, householdMembers, households, places, topics, voteOptions, voteParticipations, votes, type Vote } from '../../db/schema';
import { recordAudit, type Actor } from '../audit/audit.server';
import { notifyTopicFollowers } from './notify.server';
import { tally, type Tally, type TallyOption } from './rules';
import type { BallotChannel, OptionKind, VoteUnit } from './values';

export class VoteError extends Error {
  constructor(
    public readonly code: 'not_found' | 'not_open' | 'not_eligible' | 'already_voted' | 'wrong_state' | 'invalid',
    public readonly fields: Record<string, string[]> = {},
  ) {
    super(code);
  }
}

export interface VoteInput {
  placeId: string;
  topicId?: string | null;
  question: string;
  description: string;
  unit: VoteUnit;
  thresholdPermille: number;
  quorumPermille: number;
  abstentionsCountForQuorum: boolean;
  paperBallotsCount: boolean;
  binding: boolean;
  opensAt: Date;
  closesAt: Date;
  options: { label: string; kind: OptionKind }[];
}

/** A vote in draft; it opens by itself at its opening time (or when staff open it). */
export async function createVote(actor: Actor & { userId: string }, input: VoteInput) {
  if (input.closesAt <= input.opensAt) throw new VoteError('invalid', { closesAt: ['deliberation.v.closesAfterOpens'] });
  if (input.options.filter((o) => o.kind === 'choice').length < 2) throw new VoteError('invalid', { options: ['deliberation.v.twoChoices'] });
  return db().transaction(async (tx) => {
    const [place] = await tx.select({ id: places.id, path: places.path }).from(places).where(eq(places.id, input.placeId));
    if (!place) throw new VoteError('not_found');
    const [vote] = await tx
      .insert(votes)
      .values({
        placeId: place.id,
        placePath: place.path,
        topicId: input.topicId ?? null,
        question: input.question,
        description: input.description,
        unit: input.unit,
        thresholdPermille: input.thresholdPermille,
        quorumPermille: input.quorumPermille,
        abstentionsCountForQuorum: input.abstentionsCountForQuorum,
        paperBallotsCount: input.paperBallotsCount,
        binding: input.binding,
        opensAt: input.opensAt,
        closesAt: input.closesAt,
        createdByUserId: actor.userId,
      })
      .returning();
    await tx.insert(voteOptions).values(input.options.map((o, position) => ({ voteId: vote.id, position, label: o.label, kind: o.kind })));
    await recordAudit(tx, actor, {
      action: 'vote.create',
      subjectType: 'vote',
      subjectId: vote.id,
      placeId: place.id,
      after: {
        question: vote.question,
        unit: vote.unit,
        thresholdPermille: vote.thresholdPermille,
        quorumPermille: vote.quorumPermille,
        binding: vote.binding,
      },
    });
    return vote;
  });
}

/** Households with at least one adult living there, below the place: the base of a household vote. */
const eligibleHouseholds = (placePath: string) => sql`
  select h.id from ${households} h join ${places} p on p.id = h.place_id
  where p.path like ${placePath + '%'} and h.archived_at is null
    and exists (select 1 from ${householdMembers} m where m.household_id = h.id and m.is_adult and m.moved_out_at is null)`;

export async function countEligible(tx: DbOrTx, unit: VoteUnit, placePath: string) {
  const query =
    unit === 'household'
      ? sql`select count(*)::int as n from (${eligibleHouseholds(placePath)}) e`
      : sql`select count(*)::int as n from ${householdMembers} m join ${households} h on h.id = m.household_id join ${places} p on p.id = h.place_id
            where p.path like ${placePath + '%'} and h.archived_at is null and m.is_adult and m.moved_out_at is null`;
  const [row] = await rows<{ n: number }>(tx, query);
  return Number(row.n);
}

/** Opens a draft vote: the eligible count is fixed now, from the household register. */
export async function openVote(actor: Actor, voteId: string, now = new Date()) {
  return db().transaction(async (tx) => {
    const [vote] = await tx.select().from(votes).where(eq(votes.id, voteId)).for('update');
    if (!vote) throw new VoteError('not_found');
    if (vote.status !== 'draft') throw new VoteError('wrong_state');
    if (vote.closesAt <= now) throw new VoteError('wrong_state');
    const eligible = await countEligible(tx, vote.unit, vote.placePath);
    const opensAt = vote.opensAt > now ? now : vote.opensAt;
    await tx.update(votes).set({ status: 'open', eligibleCount: eligible, opensAt }).where(eq(votes.id, voteId));
    await recordAudit(tx, actor, {
      action: 'vote.open',
      subjectType: 'vote',
      subjectId: voteId,
      placeId: vote.placeId,
      before: { status: 'draft' },
      after: { status: 'open', eligible },
    });
    if (vote.topicId) await notifyTopicFollowers(tx, vote.topicId, 'deliberation.notify.voteOpened', actor.userId, `/votes/${voteId}`);
    return { ...vote, status: 'open' as const, eligibleCount: eligible };
  });
}

async function optionCounts(tx: DbOrTx, voteId: string): Promise<TallyOption[]> {
  const opts = await tx
    .select({ id: voteOptions.id, kind: voteOptions.kind })
    .from(voteOptions)
    .where(eq(voteOptions.voteId, voteId))
    .orderBy(asc(voteOptions.position));
  const rows = await tx
    .select({ optionId: ballots.optionId, channel: ballots.channel, n: count() })
    .from(ballots)
    .where(eq(ballots.voteId, voteId))
    .groupBy(ballots.optionId, ballots.channel);
  return opts.map((o) => ({
    id: o.id,
    kind: o.kind,
    counts: Object.fromEntries(rows.filter((r) => r.optionId === o.id).map((r) => [r.channel, Number(r.n)])) as TallyOption['counts'],
  }));
}

export function tallyOf(vote: Vote, options: TallyOption[]): Tally {
  return tally(
    {
      eligible: vote.eligibleCount ?? 0,
      thresholdPermille: vote.thresholdPermille,
      quorumPermille: vote.quorumPermille,
      abstentionsCountForQuorum: vote.abstentionsCountForQuorum,
      paperBallotsCount: vote.paperBallotsCount,
    },
    options,
  );
}

/** The published result: the tally, counts per channel, and turnout, frozen when the vote closes. */
export interface VoteResult {
  tally: Tally;
  channels: Record<BallotChannel, number>;
  participants: number;
}

/** Closes an open vote and publishes its result; idempotent for a vote already closed. */
export async function closeVote(actor: Actor, voteId: string) {
  return db().transaction(async (tx) => {
    const [vote] = await tx.select().from(votes).where(eq(votes.id, voteId)).for('update');
    if (!vote) throw new VoteError('not_found');
    if (vote.status === 'closed') return vote;
    if (vote.status !== 'open') throw new VoteError('wrong_state');
    const options = await optionCounts(tx, voteId);
    const t = tallyOf(vote, options);
    const channels = { online: 0, paper: 0, signature_sheet: 0 } as Record<BallotChannel, number>;
    for (const o of options) for (const [c, n] of Object.entries(o.counts)) channels[c as BallotChannel] += n ?? 0;
    const [{ n: participants }] = await tx.select({ n: count() }).from(voteParticipations).where(eq(voteParticipations.voteId, voteId));
    const result: VoteResult = { tally: t, channels, participants: Number(participants) };
    const [closed] = await tx
      .update(votes)
      .set({ status: 'closed', closedAt: new Date(), result: result as unknown as Record<string, unknown> })
      .where(eq(votes.id, voteId))
      .returning();
    await recordAudit(tx, actor, {
      action: 'vote.close',
      subjectType: 'vote',
      subjectId: voteId,
      placeId: vote.placeId,
      before: { status: 'open' },
      after: { status: 'closed', turnout: t.turnout, carried: t.carried, leadingOptionId: t.leadingOptionId },
    });
    if (vote.topicId) await notifyTopicFollowers(tx, vote.topicId, 'deliberation.notify.votePublished', actor.userId, `/votes/${voteId}`);
    return closed;
  });
}

/** Cancels a draft or open vote; its ballots stay but no result is published. */
export async function cancelVote(actor: Actor, voteId: string) {
  return db().transaction(async (tx) => {
    const [vote] = await tx.select().from(votes).where(eq(votes.id, voteId)).for('update');
    if (!vote) throw new VoteError('not_found');
    if (vote.status !== 'draft' && vote.status !== 'open') throw new VoteError('wrong_state');
    await tx.update(votes).set({ status: 'cancelled' }).where(eq(votes.id, voteId));
    await recordAudit(tx, actor, {
      action: 'vote.cancel',
      subjectType: 'vote',
      subjectId: voteId,
      placeId: vote.placeId,
      before: { status: vote.status },
      after: { status: 'cancelled' },
    });
  });
}

/** The vote, locked against closing while a ballot goes in, if it is taking ballots now. */
async function lockOpenVote(tx: Tx, voteId: string, now: Date) {
  const [vote] = await tx.select().from(votes).where(eq(votes.id, voteId)).for('share');
  if (!vote) throw new VoteError('not_found');
  if (vote.status !== 'open' || now < vote.opensAt || now >= vote.closesAt) throw new VoteError('not_open');
  return vote;
}

async function checkOption(tx: Tx, voteId: string, optionId: string) {
  const [option] = await tx
    .select({ id: voteOptions.id })
    .from(voteOptions)
    .where(and(eq(voteOptions.id, optionId), eq(voteOptions.voteId, voteId)));
  if (!option) throw new VoteError('invalid', { optionId: ['deliberation.v.option'] });
}

export interface Eligibility {
  householdId: string;
  /** Set in adult votes: the member whose vote this is. */
  memberId: string | null;
}

/**
 * Whether a user may vote, and as whom. In a household vote the household's registered voter casts its ballot;
 * when that voter has no account of their own, any adult of the household who has one may cast it instead.
 * In an adult vote every adult member with an account votes for themself.
 */
export async function eligibilityOf(tx: DbOrTx, vote: Pick<Vote, 'unit' | 'placePath'>, userId: string): Promise<Eligibility | null> {
  const mine = await tx
    .select({ memberId: householdMembers.id, householdId: householdMembers.householdId, votesForHousehold: householdMembers.votesForHousehold })
    .from(householdMembers)
    .innerJoin(households, eq(households.id, householdMembers.householdId))
    .innerJoin(places, eq(places.id, households.placeId))
    .where(
      and(
        eq(householdMembers.userId, userId),
        eq(householdMembers.isAdult, true),
        isNull(householdMembers.movedOutAt),
        isNull(households.archivedAt),
        sql`${places.path} like ${vote.placePath + '%'}`,
      ),
    )
    .orderBy(asc(householdMembers.createdAt))
    .limit(1);
  const me = mine[0];
  if (!me) return null;
  if (vote.unit === 'adult') return { householdId: me.householdId, memberId: me.memberId };
  if (me.votesForHousehold) return { householdId: me.householdId, memberId: null };
  const [voter] = await tx
    .select({ userId: householdMembers.userId })
    .from(householdMembers)
    .where(and(eq(householdMembers.householdId, me.householdId), eq(householdMembers.votesForHousehold, true), isNull(householdMembers.movedOutAt)))
    .limit(1);
  return voter?.userId ? null : { householdId: me.householdId, memberId: null };
}

async function insertBallot(
  tx: Tx,
  voteId: string,
  optionId: string,
  who: Eligibility,
  channel: BallotChannel,
  extra: { castByUserId?: string | null; enteredByUserId?: string | null; paperReference?: string | null },
) {
  // The unique index on (vote, household) or (vote, member) decides: a second insert, however concurrent, finds the first.
  const inserted = await tx
    .insert(voteParticipations)
    .values({
      voteId,
      householdId: who.householdId,
      memberId: who.memberId,
      channel,
      castByUserId: extra.castByUserId ?? null,
      enteredByUserId: extra.enteredByUserId ?? null,
      paperReference: extra.paperReference ?? null,
    })
    .onConflictDoNothing()
    .returning({ id: voteParticipations.id });
  if (!inserted.length) throw new VoteError('already_voted');
  await tx.insert(ballots).values({ voteId, optionId, channel });
}

/** A resident's ballot, cast in the app (or by a representative acting for them, recorded as such). */
export async function castBallot(actor: Actor & { userId: string }, voterUserId: string, voteId: string, optionId: string, now = new Date()) {
  return db().transaction(async (tx) => {
    const vote = await lockOpenVote(tx, voteId, now);
    await checkOption(tx, voteId, optionId);
    const who = await eligibilityOf(tx, vote, voterUserId);
    if (!who) throw new VoteError('not_eligible');
    await insertBallot(tx, voteId, optionId, who, 'online', { castByUserId: voterUserId });
    // The audit says that a ballot went in, never what it chose.
    await recordAudit(tx, actor, {
      action: 'vote.ballot_cast',
      subjectType: 'vote',
      subjectId: voteId,
      placeId: vote.placeId,
      after: { channel: 'online', householdId: who.householdId, memberId: who.memberId },
    });
    return { ok: true as const };
  });
}

/** Staff enter a paper ballot or a signature-sheet line for a household (or one adult) of their place. */
export async function enterPaperBallot(
  actor: Actor & { userId: string },
  voteId: string,
  input: { householdId: string; memberId?: string | null; optionId: string; channel: Exclude<BallotChannel, 'online'>; paperReference: string },
  now = new Date(),
) {
  return db().transaction(async (tx) => {
    const vote = await lockOpenVote(tx, voteId, now);
    await checkOption(tx, voteId, input.optionId);
    const [household] = await tx
      .select({ id: households.id })
      .from(households)
      .innerJoin(places, eq(places.id, households.placeId))
      .where(and(eq(households.id, input.householdId), isNull(households.archivedAt), sql`${places.path} like ${vote.placePath + '%'}`));
    if (!household) throw new VoteError('invalid', { householdId: ['deliberation.v.household'] });
    let memberId: string | null = null;
    if (vote.unit === 'adult') {
      if (!input.memberId) throw new VoteError('invalid', { memberId: ['deliberation.v.member'] });
      const [member] = await tx
        .select({ id: householdMembers.id })
        .from(householdMembers)
        .where(
          and(
            eq(householdMembers.id, input.memberId),
            eq(householdMembers.householdId, household.id),
            eq(householdMembers.isAdult, true),
            isNull(householdMembers.movedOutAt),
          ),
        );
      if (!member) throw new VoteError('invalid', { memberId: ['deliberation.v.member'] });
      memberId = member.id;
    } else {
      const [adult] = await tx
        .select({ id: householdMembers.id })
        .from(householdMembers)
        .where(and(eq(householdMembers.householdId, household.id), eq(householdMembers.isAdult, true), isNull(householdMembers.movedOutAt)))
        .limit(1);
      if (!adult) throw new VoteError('not_eligible');
    }
    await insertBallot(tx, voteId, input.optionId, { householdId: household.id, memberId }, input.channel, {
      enteredByUserId: actor.userId,
      paperReference: input.paperReference,
    });
    await recordAudit(tx, actor, {
      action: 'vote.paper_entered',
      subjectType: 'vote',
      subjectId: voteId,
      placeId: vote.placeId,
      after: { channel: input.channel, householdId: household.id, memberId, paperReference: input.paperReference },
    });
    return { ok: true as const };
  });
}

/** Public facts of a vote with its options and live (or published) tally. */
export async function getVote(voteId: string) {
  const [vote] = await db()
    .select({ vote: votes, topicTitle: topics.title, placeZh: places.nameZh, placeEn: places.nameEn })
    .from(votes)
    .innerJoin(places, eq(places.id, votes.placeId))
    .leftJoin(topics, eq(topics.id, votes.topicId))
    .where(eq(votes.id, voteId));
  if (!vote) return null;
  const options = await db().select().from(voteOptions).where(eq(voteOptions.voteId, voteId)).orderBy(asc(voteOptions.position));
  const counts = await optionCounts(db(), voteId);
  const [{ n: participants }] = await db().select({ n: count() }).from(voteParticipations).where(eq(voteParticipations.voteId, voteId));
  const live = tallyOf(vote.vote, counts);
  const channels = { online: 0, paper: 0, signature_sheet: 0 } as Record<BallotChannel, number>;
  for (const o of counts) for (const [c, n] of Object.entries(o.counts)) channels[c as BallotChannel] += n ?? 0;
  const published = vote.vote.status === 'closed' ? (vote.vote.result as unknown as VoteResult | null) : null;
  return {
    ...vote.vote,
    topicTitle: vote.topicTitle,
    placeZh: vote.placeZh,
    placeEn: vote.placeEn,
    options,
    tally: published?.tally ?? live,
    channels: published?.channels ?? channels,
    participants: published?.participants ?? Number(participants),
  };
}

export type VoteDetail = NonNullable<Awaited<ReturnType<typeof getVote>>>;

/** Whether this user has voted (as themself or for their household) and whether they may. */
export async function myBallotState(vote: Pick<Vote, 'id' | 'unit' | 'placePath'>, userId: string) {
  const who = await eligibilityOf(db(), vote, userId);
  if (!who) return { eligible: false, voted: false, channel: null };
  const [p] = await db()
    .select({ channel: voteParticipations.channel })
    .from(voteParticipations)
    .where(
      and(
        eq(voteParticipations.voteId, vote.id),
        who.memberId
          ? eq(voteParticipations.memberId, who.memberId)
          : and(eq(voteParticipations.householdId, who.householdId), isNull(voteParticipations.memberId)),
      ),
    )
    .limit(1);
  return { eligible: true, voted: Boolean(p), channel: p?.channel ?? null };
}

export async function votePlace(voteId: string) {
  const [row] = await db()
    .select({ id: places.id, path: places.path, type: places.type })
    .from(votes)
    .innerJoin(places, eq(places.id, votes.placeId))
    .where(eq(votes.id, voteId));
  return row ?? null;
}

/** Votes of a place and below (public: no draft), newest first. */
export async function listVotes(filter: { placePath?: string | null; topicId?: string; includeDrafts?: boolean; limit: number; offset: number }) {
  const where = and(
    filter.placePath ? sql`${votes.placePath} like ${filter.placePath + '%'}` : undefined,
    filter.topicId ? eq(votes.topicId, filter.topicId) : undefined,
    filter.includeDrafts ? undefined : inArray(votes.status, ['open', 'closed']),
  );
  const found = await db()
    .select({
      id: votes.id,
      question: votes.question,
      status: votes.status,
      unit: votes.unit,
      binding: votes.binding,
      opensAt: votes.opensAt,
      closesAt: votes.closesAt,
      topicId: votes.topicId,
      thresholdPermille: votes.thresholdPermille,
      eligibleCount: votes.eligibleCount,
      placeZh: places.nameZh,
      placeEn: places.nameEn,
    })
    .from(votes)
    .innerJoin(places, eq(places.id, votes.placeId))
    .where(where)
    .orderBy(desc(votes.opensAt))
    .limit(filter.limit)
    .offset(filter.offset);
  const [{ n }] = await db().select({ n: count() }).from(votes).where(where);
  return { rows: found, total: Number(n) };
}

/** Households of the vote's place with whether they have voted (not how): the staff's paper-entry list. Private. */
export async function paperEntryList(actor: Actor, vote: Pick<Vote, 'id' | 'placeId' | 'placePath' | 'unit'>) {
  const list = await db()
    .select({
      householdId: households.id,
      unit: households.unit,
      buildingZh: places.nameZh,
      buildingEn: places.nameEn,
      voted: sql<number>`(select count(*)::int from ${voteParticipations} vp where vp.vote_id = ${vote.id} and vp.household_id = ${households.id})`,
      adults: sql<
        { id: string; name: string }[]
      >`(select coalesce(json_agg(json_build_object('id', m.id, 'name', m.name) order by m.created_at), '[]'::json) from ${householdMembers} m where m.household_id = ${households.id} and m.is_adult and m.moved_out_at is null)`,
    })
    .from(households)
    .innerJoin(places, eq(places.id, households.placeId))
    .where(and(sql`${places.path} like ${vote.placePath + '%'}`, isNull(households.archivedAt)))
    .orderBy(asc(places.nameZh), asc(households.unit))
    .limit(2000);
  await db().transaction((tx) =>
    recordAudit(tx, actor, { action: 'vote.paper_list_read', subjectType: 'vote', subjectId: vote.id, placeId: vote.placeId, after: { count: list.length } }),
  );
  return list.map((r) => ({ ...r, adults: typeof r.adults === 'string' ? (JSON.parse(r.adults) as { id: string; name: string }[]) : r.adults }));
}

/** For the scheduler: drafts whose opening time has come, open votes whose closing time has passed. */
export async function dueVotes(now = new Date()) {
  const toOpen = await db()
    .select({ id: votes.id })
    .from(votes)
    .where(and(eq(votes.status, 'draft'), lte(votes.opensAt, now), gt(votes.closesAt, now)));
  const toClose = await db()
    .select({ id: votes.id })
    .from(votes)
    .where(and(eq(votes.status, 'open'), lte(votes.closesAt, now)));
  return { toOpen: toOpen.map((v) => v.id), toClose: toClose.map((v) => v.id) };
}

/** The scheduler's run: opens drafts whose time has come and closes (publishing results) those whose time is up. */
export async function runDueVotes(now = new Date()) {
  const { toOpen, toClose } = await dueVotes(now);
  const system = { userId: null };
  let opened = 0;
  let closed = 0;
  for (const id of toOpen) {
    try {
      await openVote(system, id, now);
      opened++;
    } catch (e) {
      // Opened or cancelled by staff meanwhile: nothing to do.
      if (!(e instanceof VoteError)) throw e;
    }
  }
  for (const id of toClose) {
    await closeVote(system, id);
    closed++;
  }
  return { opened, closed };
}
