// Ledger accounts: each fund has one account per kind and currency, created on first use.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { ledgerAccounts } from '../schema/ledger';
import type { AccountKind } from '../../app/funds/values';

/** The id of the fund's account of this kind, creating it if needed (safe under concurrency). */
export async function accountFor(tx: DbOrTx, fundId: string, kind: AccountKind, currency: string): Promise<string> {
  const found = await tx
    .select({ id: ledgerAccounts.id })
    .from(ledgerAccounts)
    .where(and(eq(ledgerAccounts.fundId, fundId), eq(ledgerAccounts.kind, kind), eq(ledgerAccounts.currency, currency)))
    .limit(1);
  if (found[0]) return found[0].id;
  await tx.insert(ledgerAccounts).values({ fundId, kind, currency }).onConflictDoNothing();
  const [row] = await tx
    .select({ id: ledgerAccounts.id })
    .from(ledgerAccounts)
    .where(and(eq(ledgerAccounts.fundId, fundId), eq(ledgerAccounts.kind, kind), eq(ledgerAccounts.currency, currency)))
    .limit(1);
  return row.id;
}
