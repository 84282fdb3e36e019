// Posting: one balanced entry group per money movement, inside the caller's transaction.
// A group's external id is unique, so a replay (webhook, double click) posts once; accounts that hold money are
// locked (SELECT … FOR UPDATE) before their derived balance is checked, so concurrent withdrawals serialise and
// none can take a fund below zero.
import { asc, inArray, sql } from 'drizzle-orm';
import { rows, type Tx } from '../client';
import { ledgerAccounts, ledgerEntries, ledgerGroups } from '../schema/ledger';
import { guardedAccountKinds, type GroupKind } from '../../app/funds/values';
import { InsufficientFundsError, UnbalancedGroupError } from './errors';

export interface EntryInput {
  accountId: string;
  /** Integer minor units: positive = debit, negative = credit. */
  amountMinor: number;
  currency: string;
}

export interface GroupInput {
  kind: GroupKind;
  externalId: string;
  occurredAt?: Date;
  memo?: string;
  fundId?: string | null;
  donationId?: string | null;
  disbursementId?: string | null;
  createdBy?: string | null;
  entries: EntryInput[];
}

export type PostResult = { status: 'posted'; groupId: string } | { status: 'duplicate'; groupId: string };

/** Throws UnbalancedGroupError unless the entries are whole, non-zero and sum to zero in each currency. */
export function assertBalanced(entries: readonly EntryInput[]) {
  if (entries.length < 2) throw new UnbalancedGroupError('a group needs at least two entries');
  const sums = new Map<string, number>();
  for (const e of entries) {
    if (!Number.isSafeInteger(e.amountMinor) || e.amountMinor === 0) throw new UnbalancedGroupError(`amount ${e.amountMinor} is not a non-zero whole number of minor units`);
    if (!/^[A-Z]{3}$/.test(e.currency)) throw new UnbalancedGroupError(`currency ${e.currency} is not an ISO code`);
    sums.set(e.currency, (sums.get(e.currency) ?? 0) + e.amountMinor);
  }
  for (const [currency, sum] of sums) if (sum !== 0) throw new UnbalancedGroupError(`entries sum to ${sum} ${currency}, not zero`);
}

/** The derived balance of one account: the sum of its entries. */
export async function accountBalance(tx: Tx, accountId: string): Promise<number> {
  const [row] = await rows<{ balance: string | number }>(tx, sql`select coalesce(sum(${ledgerEntries.amountMinor}), 0) as balance from ${ledgerEntries} where ${ledgerEntries.accountId} = ${accountId}`);
  return Number(row.balance);
}

export async function postGroup(tx: Tx, input: GroupInput): Promise<PostResult> {
  assertBalanced(input.entries);
  const [claimed] = await tx
    .insert(ledgerGroups)
    .values({
      kind: input.kind,
      externalId: input.externalId,
      occurredAt: input.occurredAt ?? new Date(),
      memo: input.memo ?? '',
      fundId: input.fundId ?? null,
      donationId: input.donationId ?? null,
      disbursementId: input.disbursementId ?? null,
      createdBy: input.createdBy ?? null,
    })
    .onConflictDoNothing({ target: ledgerGroups.externalId })
    .returning({ id: ledgerGroups.id });
  if (!claimed) {
    // Already recorded: a replay changes nothing.
    const [existing] = await rows<{ id: string }>(tx, sql`select id from ${ledgerGroups} where ${ledgerGroups.externalId} = ${input.externalId}`);
    return { status: 'duplicate', groupId: existing.id };
  }

  const accountIds = [...new Set(input.entries.map((e) => e.accountId))];
  const accounts = await tx.select({ id: ledgerAccounts.id, kind: ledgerAccounts.kind, currency: ledgerAccounts.currency }).from(ledgerAccounts).where(inArray(ledgerAccounts.id, accountIds));
  if (accounts.length !== accountIds.length) throw new UnbalancedGroupError('an entry names an account that does not exist');
  for (const e of input.entries) {
    const account = accounts.find((a) => a.id === e.accountId)!;
    if (account.currency !== e.currency) throw new UnbalancedGroupError(`entry in ${e.currency} on an account kept in ${account.currency}`);
  }

  const delta = new Map<string, number>();
  for (const e of input.entries) delta.set(e.accountId, (delta.get(e.accountId) ?? 0) + e.amountMinor);
  const draining = accounts.filter((a) => guardedAccountKinds.includes(a.kind) && (delta.get(a.id) ?? 0) < 0).map((a) => a.id);
  if (draining.length) {
    // Lock in id order so two groups draining the same accounts cannot deadlock.
    await tx.select({ id: ledgerAccounts.id }).from(ledgerAccounts).where(inArray(ledgerAccounts.id, draining)).orderBy(asc(ledgerAccounts.id)).for('update');
    for (const accountId of draining) {
      const balance = await accountBalance(tx, accountId);
      const change = delta.get(accountId)!;
      if (balance + change < 0) throw new InsufficientFundsError(accountId, balance, -change);
    }
  }

  await tx.insert(ledgerEntries).values(input.entries.map((e) => ({ groupId: claimed.id, accountId: e.accountId, amountMinor: e.amountMinor, currency: e.currency })));
  return { status: 'posted', groupId: claimed.id };
}
