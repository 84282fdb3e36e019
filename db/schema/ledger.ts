// The double-entry ledger: accounts, one entry group per money movement, and signed entries (debit > 0, credit < 0).
// Balances are sums of entries, never stored. Posting lives in db/ledger/.
import { bigint, check, index, pgEnum, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { accountKinds, groupKinds } from '../../app/funds/values';
import { at, createdAt, id } from './columns';
import { disbursements, donations, funds } from './funds';
import { users } from './users';

export const accountKindEnum = pgEnum('ledger_account_kind', accountKinds);
export const groupKindEnum = pgEnum('ledger_group_kind', groupKinds);

export const ledgerAccounts = pgTable(
  'ledger_accounts',
  {
    id: id(),
    kind: accountKindEnum('kind').notNull(),
    /** Every account belongs to one fund: its money, where that came from and where it went. */
    fundId: uuid('fund_id').notNull().references(() => funds.id),
    currency: text('currency').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('ledger_accounts_unique').on(t.fundId, t.kind, t.currency)],
);

export const ledgerGroups = pgTable(
  'ledger_groups',
  {
    id: id(),
    kind: groupKindEnum('kind').notNull(),
    occurredAt: at('occurred_at').notNull(),
    memo: text('memo').notNull().default(''),
    /** Idempotency key of the movement (Stripe event/charge id, receipt number, disbursement id): posts once. */
    externalId: text('external_id').notNull(),
    /** The fund the movement is about, for the public ledger. */
    fundId: uuid('fund_id').references(() => funds.id),
    donationId: uuid('donation_id').references(() => donations.id),
    disbursementId: uuid('disbursement_id').references(() => disbursements.id),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('ledger_groups_external_unique').on(t.externalId), index('ledger_groups_fund_idx').on(t.fundId, t.occurredAt), index('ledger_groups_donation_idx').on(t.donationId)],
);

export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: id(),
    groupId: uuid('group_id').notNull().references(() => ledgerGroups.id),
    accountId: uuid('account_id').notNull().references(() => ledgerAccounts.id),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('ledger_entries_group_idx').on(t.groupId), index('ledger_entries_account_idx').on(t.accountId), check('ledger_entries_nonzero', sql`${t.amountMinor} <> 0`)],
);

export type LedgerAccount = typeof ledgerAccounts.$inferSelect;
export type LedgerGroup = typeof ledgerGroups.$inferSelect;
export type LedgerEntry = typeof ledgerEntries.$inferSelect;
