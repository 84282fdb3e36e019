// Enumerated values of funds, donations and the ledger, free of database imports so pages and forms can use them.
export const fundKinds = ['community', 'venture', 'project', 'matching'] as const;
export type FundKind = (typeof fundKinds)[number];

export const fundStatuses = ['active', 'closed'] as const;

export const currencies = ['CNY'] as const;
export type Currency = (typeof currencies)[number];

/**
 * Ledger account kinds. Amounts are signed: positive = debit, negative = credit; every group sums to zero.
 * fund / matching_pool / in_kind hold value (debit-normal); donations, grants and in_kind_gifts are where it came
 * from (credit-normal); fees and disbursed are where it went (debit-normal).
 */
export const accountKinds = ['fund', 'matching_pool', 'donations', 'grants', 'fees', 'disbursed', 'in_kind', 'in_kind_gifts'] as const;
export type AccountKind = (typeof accountKinds)[number];

/** Accounts that hold money and may never be overdrawn. */
export const guardedAccountKinds: readonly AccountKind[] = ['fund', 'matching_pool'];

export const groupKinds = ['donation', 'in_kind', 'grant', 'match', 'match_reversal', 'disbursement', 'refund', 'fee'] as const;
export type GroupKind = (typeof groupKinds)[number];

export const donationMethods = ['card', 'cash', 'bank_transfer', 'in_kind'] as const;
export type DonationMethod = (typeof donationMethods)[number];
export const offlineMethods = ['cash', 'bank_transfer', 'in_kind'] as const;

/** pending: a card checkout started, not paid; awaiting_confirmation: above the threshold, a second person must confirm. */
export const donationStatuses = ['pending', 'awaiting_confirmation', 'posted', 'refunded', 'cancelled'] as const;
export type DonationStatus = (typeof donationStatuses)[number];

/** How the donor appears in public: by name, as "anonymous", or by name with the amount hidden. */
export const donorVisibilities = ['public', 'anonymous', 'hidden_amount'] as const;
export type DonorVisibility = (typeof donorVisibilities)[number];

export const payeeKinds = ['project', 'organisation'] as const;
export const disbursementStatuses = ['requested', 'approved', 'paid', 'rejected'] as const;
export type DisbursementStatus = (typeof disbursementStatuses)[number];
