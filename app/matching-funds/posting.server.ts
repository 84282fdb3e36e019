// Matching a gift in the gift's own transaction: every active programme that may apply is locked (FOR UPDATE, in
// id order), its state is derived from the ledger (pool balance, matched so far, the project's seed), matchFor
// decides, and postMatch moves the money from the pool to the project's fund. Gifts under one programme serialise
// on its row, so caps hold to the fen however many gifts arrive at once.
import { createHash } from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { rows, type Tx } from '../../db/client';
import { accountFor } from '../../db/ledger/accounts';
import { accountBalance } from '../../db/ledger/post';
import { funds, giftRecords, matchingProgrammeProjects, matchingProgrammes, programmeMatches, projects, type Donation, type Fund, type GiftRecord, type MatchingProgramme } from '../../db/schema';
import { recordAudit } from '../audit/audit.server';
import { postMatch } from '../funds/postings.server';
import { mainAccountKind } from '../funds/rules';
import { matchFor, type GiftSource, type MatchResult, type ProgrammeRules } from './rules';

/** Who a gift is from, for the per-donor cap: the household, the signed-in user, the email, or the name. */
export function donorKeyOf(d: { donorUserId?: string | null; donorEmail?: string | null; donorName: string }, householdId?: string | null): string {
  if (householdId) return `household:${householdId}`;
  if (d.donorUserId) return `user:${d.donorUserId}`;
  if (d.donorEmail) return `email:${createHash('sha256').update(d.donorEmail.trim().toLowerCase()).digest('hex')}`;
  return `name:${d.donorName.normalize('NFKC').replace(/\s+/g, '').toLowerCase()}`;
}

export interface GiftOrigin {
  source: GiftSource;
  householdId?: string | null;
}

/** Records where a gift came from (once; a second call keeps the first). */
export async function recordGiftOrigin(tx: Tx, donation: Pick<Donation, 'id' | 'donorUserId' | 'donorEmail' | 'donorName'>, origin: GiftOrigin) {
  await tx
    .insert(giftRecords)
    .values({ donationId: donation.id, source: origin.source, householdId: origin.householdId ?? null, donorKey: donorKeyOf(donation, origin.householdId) })
    .onConflictDoNothing({ target: giftRecords.donationId });
}

export function rulesOf(p: MatchingProgramme, projectIds: string[]): ProgrammeRules {
  return {
    tiers: p.tiers,
    seedMinor: p.seedMinor,
    minGiftMinor: p.minGiftMinor,
    perDonorCapMinor: p.perDonorCapMinor,
    perProjectCapMinor: p.perProjectCapMinor,
    programmeCapMinor: p.programmeCapMinor,
    matchedSources: p.matchedSources,
    exhaustion: p.exhaustion,
    startsAt: p.startsAt,
    endsAt: p.endsAt,
    projectIds,
    categories: p.categories,
  };
}

/** Programmes that may match gifts to this project: named it, or name no projects and cover its place. */
export async function programmesForProject(tx: Tx, project: { id: string; placePath: string }, currency: string, statuses: MatchingProgramme['status'][] = ['active']) {
  const found = await rows<{ id: string }>(
    tx,
    sql`select p.id from matching_programmes p
        where p.status in (${sql.join(statuses.map((s) => sql`${s}`), sql`, `)}) and p.currency = ${currency}
          and (exists (select 1 from matching_programme_projects pp where pp.programme_id = p.id and pp.project_id = ${project.id})
               or (not exists (select 1 from matching_programme_projects pp where pp.programme_id = p.id) and ${project.placePath} like p.place_path || '%'))
        order by p.id`,
  );
  return found.map((r) => r.id);
}

export interface LedgerState {
  poolBalanceMinor: number;
  programmeMatchedMinor: number;
  projectMatchedMinor: number;
  donorMatchedMinor: number;
  projectSeedRaisedMinor: number;
}

/** The programme's state for one gift, every figure summed from ledger entries (matches net of matches handed back on refunds). */
export async function ledgerState(tx: Tx, programme: MatchingProgramme, poolAccountId: string, projectFund: Pick<Fund, 'id' | 'kind' | 'currency'>, donorKey: string, excludeDonationId: string | null): Promise<LedgerState> {
  const projectAccountId = await accountFor(tx, projectFund.id, mainAccountKind(projectFund.kind), projectFund.currency);
  const [m] = await rows<{ programme: string; project: string; donor: string }>(
    tx,
    sql`select coalesce(-sum(e.amount_minor), 0)::text as programme,
               coalesce(-sum(e.amount_minor) filter (where g.fund_id = ${projectFund.id}), 0)::text as project,
               coalesce(-sum(e.amount_minor) filter (where g.id in (select pm.ledger_group_id from programme_matches pm where pm.programme_id = ${programme.id} and pm.donor_key = ${donorKey})
                                                     or (g.kind = 'match_reversal' and g.donation_id in (select pm.donation_id from programme_matches pm where pm.programme_id = ${programme.id} and pm.donor_key = ${donorKey}))), 0)::text as donor
        from ledger_entries e join ledger_groups g on g.id = e.group_id
        where e.account_id = ${poolAccountId} and g.kind in ('match', 'match_reversal')`,
  );
  const [seed] = await rows<{ raised: string }>(
    tx,
    sql`select coalesce(sum(e.amount_minor), 0)::text as raised
        from ledger_entries e join ledger_groups g on g.id = e.group_id join gift_records r on r.donation_id = g.donation_id
        where e.account_id = ${projectAccountId} and g.kind in ('donation', 'refund') and r.source in ('resident', 'business')
          ${excludeDonationId ? sql`and g.donation_id <> ${excludeDonationId}` : sql``}`,
  );
  return {
    poolBalanceMinor: await accountBalance(tx, poolAccountId),
    programmeMatchedMinor: Number(m.programme),
    projectMatchedMinor: Number(m.project),
    donorMatchedMinor: Number(m.donor),
    projectSeedRaisedMinor: Number(seed.raised),
  };
}

export interface MatchOutcome extends MatchResult {
  programmeId: string;
  groupId: string | null;
}

/**
 * Call right after a cash gift to a fund is posted, in the same transaction. If the fund is a project's fund, each
 * programme that may apply decides and pays its match. A replay (same donation) matches nothing twice.
 */
export async function matchGift(tx: Tx, fund: Fund, donation: Donation, createdBy: string | null): Promise<MatchOutcome[]> {
  if (donation.method === 'in_kind' || donation.status !== 'posted') return [];
  const [project] = await tx.select({ id: projects.id, placePath: projects.placePath, category: projects.category }).from(projects).where(eq(projects.fundId, fund.id)).limit(1);
  if (!project) return [];
  const ids = await programmesForProject(tx, project, fund.currency);
  if (!ids.length) return [];
  const locked = await tx.select().from(matchingProgrammes).where(inArray(matchingProgrammes.id, ids)).orderBy(asc(matchingProgrammes.id)).for('update');
  const [origin] = await tx.select().from(giftRecords).where(eq(giftRecords.donationId, donation.id));
  const source: GiftSource = origin?.source ?? 'other';
  const donorKey = origin?.donorKey ?? donorKeyOf(donation);
  const outcomes: MatchOutcome[] = [];
  for (const programme of locked) {
    if (programme.status !== 'active') continue;
    const [already] = await tx.select({ id: programmeMatches.id }).from(programmeMatches).where(and(eq(programmeMatches.programmeId, programme.id), eq(programmeMatches.donationId, donation.id)));
    if (already) continue;
    const named = await tx.select({ projectId: matchingProgrammeProjects.projectId }).from(matchingProgrammeProjects).where(eq(matchingProgrammeProjects.programmeId, programme.id));
    const [pool] = await tx.select().from(funds).where(eq(funds.id, programme.poolFundId));
    const poolAccountId = await accountFor(tx, pool.id, mainAccountKind(pool.kind), pool.currency);
    const state = await ledgerState(tx, programme, poolAccountId, fund, donorKey, donation.id);
    const result = matchFor(rulesOf(programme, named.map((n) => n.projectId)), state, { amountMinor: donation.amountMinor, source, projectId: project.id, category: project.category, at: donation.receivedAt });
    let groupId: string | null = null;
    if (result.matchMinor > 0) {
      const posted = await postMatch(tx, pool, fund, result.matchMinor, `match:${programme.id}:${donation.id}`, `${programme.nameZh} / ${programme.nameEn}`, donation.receivedAt, createdBy);
      groupId = posted.groupId;
    }
    await tx.insert(programmeMatches).values({ programmeId: programme.id, donationId: donation.id, projectId: project.id, donorKey, ledgerGroupId: groupId, reason: result.reason });
    if (groupId) await recordAudit(tx, { userId: createdBy }, { action: 'matching.match', subjectType: 'donation', subjectId: donation.id, placeId: programme.placeId, after: { programmeId: programme.id, matchMinor: result.matchMinor, reason: result.reason } });
    outcomes.push({ ...result, programmeId: programme.id, groupId });
  }
  return outcomes;
}

export type { GiftRecord };
