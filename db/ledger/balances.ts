// Balances derived from entries, per fund: what it holds, what came in and went out, and in-kind gifts beside.
import { sql } from 'drizzle-orm';
import { rows, type DbOrTx } from '../client';

export interface FundTotals {
  /** What the fund (or matching pool) holds now. */
  balanceMinor: number;
  /** Money in: donations, grants and matches received. */
  inMinor: number;
  /** Money out: disbursements, refunds, fees, matches given. */
  outMinor: number;
  /** The value of in-kind gifts, kept out of the cash balance. */
  inKindMinor: number;
}

const empty = (): FundTotals => ({ balanceMinor: 0, inMinor: 0, outMinor: 0, inKindMinor: 0 });

export async function fundTotals(tx: DbOrTx, fundIds: string[]): Promise<Map<string, FundTotals>> {
  const result = new Map<string, FundTotals>(fundIds.map((id) => [id, empty()]));
  if (!fundIds.length) return result;
  const found = await rows<{ fund_id: string; kind: string; balance: string; debits: string; credits: string }>(
    tx,
    sql`select a.fund_id, a.kind, coalesce(sum(e.amount_minor), 0)::text as balance,
               coalesce(sum(e.amount_minor) filter (where e.amount_minor > 0), 0)::text as debits,
               coalesce(-sum(e.amount_minor) filter (where e.amount_minor < 0), 0)::text as credits
        from ledger_accounts a left join ledger_entries e on e.account_id = a.id
        where a.fund_id in (${sql.join(fundIds.map((id) => sql`${id}`), sql`, `)}) and a.kind in ('fund', 'matching_pool', 'in_kind')
        group by a.fund_id, a.kind`,
  );
  for (const r of found) {
    const t = result.get(r.fund_id)!;
    if (r.kind === 'in_kind') t.inKindMinor += Number(r.balance);
    else {
      t.balanceMinor += Number(r.balance);
      t.inMinor += Number(r.debits);
      t.outMinor += Number(r.credits);
    }
  }
  return result;
}
