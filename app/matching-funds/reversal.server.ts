// A refunded gift hands its match back to the pool, in the refund's own transaction: in proportion to what has been
// refunded so far (matchToReverse), once however often the refund is reported, whatever the programme's status.
// Headroom under every cap comes back by itself, since matched totals are sums of match and match_reversal entries.
import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { rows, type Tx } from '../../db/client';
import { accountFor } from '../../db/ledger/accounts';
import { funds, ledgerAccounts, matchingProgrammes, programmeMatches, type Donation } from '../../db/schema';
import { recordAudit } from '../audit/audit.server';
import { postMatchReversal } from '../funds/postings.server';
import { mainAccountKind } from '../funds/rules';
import { matchToReverse } from './rules';

/**
 * Locks, in the order every money path takes them, what a refund of this donation will touch: the fund's account
 * first (a gift holds it while it waits for a programme), then each programme that matched the gift, in id order.
 * Call before posting the refund.
 */
export async function lockForRefund(tx: Tx, donation: Pick<Donation, 'id' | 'fundId' | 'currency'>) {
  const [fund] = await tx.select().from(funds).where(eq(funds.id, donation.fundId));
  const accountId = await accountFor(tx, fund.id, mainAccountKind(fund.kind), fund.currency);
  await tx.select({ id: ledgerAccounts.id }).from(ledgerAccounts).where(eq(ledgerAccounts.id, accountId)).for('update');
  const matched = await tx
    .select({ programmeId: programmeMatches.programmeId })
    .from(programmeMatches)
    .where(and(eq(programmeMatches.donationId, donation.id), isNotNull(programmeMatches.ledgerGroupId)));
  if (matched.length) await tx.select({ id: matchingProgrammes.id }).from(matchingProgrammes).where(inArray(matchingProgrammes.id, matched.map((m) => m.programmeId))).orderBy(asc(matchingProgrammes.id)).for('update');
  return fund;
}

export interface Reversal {
  programmeId: string;
  reversedMinor: number;
}

/**
 * After `refundedMinor` of the donation has been refunded in all, hands back what its matches owe the pool and has
 * not yet handed back. Call inside the refund's transaction, after lockForRefund.
 */
export async function reverseMatchesOnRefund(tx: Tx, donation: Pick<Donation, 'id' | 'fundId' | 'amountMinor'>, refundedMinor: number, occurredAt: Date, createdBy: string | null): Promise<Reversal[]> {
  const matched = await rows<{ programme_id: string; pool_fund_id: string; place_id: string; name_zh: string; name_en: string; matched: string; reversed: string }>(
    tx,
    sql`select pm.programme_id, p.pool_fund_id, p.place_id, p.name_zh, p.name_en,
               (select coalesce(sum(e.amount_minor), 0) from ledger_entries e join ledger_accounts a on a.id = e.account_id
                 where e.group_id = pm.ledger_group_id and a.fund_id = p.pool_fund_id)::text as matched,
               (select coalesce(sum(e.amount_minor), 0) from ledger_entries e join ledger_groups g on g.id = e.group_id join ledger_accounts a on a.id = e.account_id
                 where g.kind = 'match_reversal' and g.donation_id = pm.donation_id and a.fund_id = p.pool_fund_id)::text as reversed
        from programme_matches pm join matching_programmes p on p.id = pm.programme_id
        where pm.donation_id = ${donation.id} and pm.ledger_group_id is not null
        order by pm.programme_id`,
  );
  if (!matched.length) return [];
  const [fund] = await tx.select().from(funds).where(eq(funds.id, donation.fundId));
  const out: Reversal[] = [];
  for (const m of matched) {
    const matchMinor = -Number(m.matched);
    const target = matchToReverse(matchMinor, donation.amountMinor, refundedMinor);
    const delta = target - Number(m.reversed);
    if (delta <= 0) continue;
    const [pool] = await tx.select().from(funds).where(eq(funds.id, m.pool_fund_id));
    await postMatchReversal(tx, pool, fund, donation.id, delta, `match-reversal:${m.programme_id}:${donation.id}:${target}`, `${m.name_zh} / ${m.name_en}`, occurredAt, createdBy);
    await recordAudit(tx, { userId: createdBy }, { action: 'matching.reverse', subjectType: 'donation', subjectId: donation.id, placeId: m.place_id, after: { programmeId: m.programme_id, reversedMinor: delta, reversedInAllMinor: target, matchMinor, refundedMinor } });
    out.push({ programmeId: m.programme_id, reversedMinor: delta });
  }
  return out;
}
