// The entry groups of each kind of movement, built from the fund's accounts and posted in the caller's transaction.
import type { Tx } from '../../db/client';
import { accountFor } from '../../db/ledger/accounts';
import { postGroup, type PostResult } from '../../db/ledger/post';
import type { Disbursement, Donation, Fund } from '../../db/schema';
import { mainAccountKind } from './rules';

type FundRef = Pick<Fund, 'id' | 'kind' | 'currency'>;

/** Money in: the fund (+) from donor contributions (−); an in-kind gift goes to the memo accounts instead of cash. */
export async function postDonation(tx: Tx, fund: FundRef, donation: Donation, externalId: string, createdBy: string | null): Promise<PostResult> {
  const inKind = donation.method === 'in_kind';
  const to = await accountFor(tx, fund.id, inKind ? 'in_kind' : mainAccountKind(fund.kind), fund.currency);
  const from = await accountFor(tx, fund.id, inKind ? 'in_kind_gifts' : 'donations', fund.currency);
  return postGroup(tx, {
    kind: inKind ? 'in_kind' : 'donation',
    externalId,
    occurredAt: donation.receivedAt,
    memo: inKind ? (donation.inKindDescription ?? '') : '',
    fundId: fund.id,
    donationId: donation.id,
    createdBy,
    entries: [
      { accountId: to, amountMinor: donation.amountMinor, currency: fund.currency },
      { accountId: from, amountMinor: -donation.amountMinor, currency: fund.currency },
    ],
  });
}

/** A reversing group: the fund gives back (−) what the donor is refunded (+). Guarded: never overdraws the fund. */
export async function postRefund(tx: Tx, fund: FundRef, donationId: string, amountMinor: number, externalId: string, occurredAt: Date): Promise<PostResult> {
  return postGroup(tx, {
    kind: 'refund',
    externalId,
    occurredAt,
    fundId: fund.id,
    donationId,
    entries: [
      { accountId: await accountFor(tx, fund.id, mainAccountKind(fund.kind), fund.currency), amountMinor: -amountMinor, currency: fund.currency },
      { accountId: await accountFor(tx, fund.id, 'donations', fund.currency), amountMinor, currency: fund.currency },
    ],
  });
}

/** Money out to a project or organisation; refused (InsufficientFundsError) if the fund cannot afford it. */
export async function postDisbursement(tx: Tx, fund: FundRef, disbursement: Disbursement, createdBy: string): Promise<PostResult> {
  return postGroup(tx, {
    kind: 'disbursement',
    externalId: `disbursement:${disbursement.id}`,
    fundId: fund.id,
    disbursementId: disbursement.id,
    memo: disbursement.purpose,
    createdBy,
    entries: [
      { accountId: await accountFor(tx, fund.id, mainAccountKind(fund.kind), fund.currency), amountMinor: -disbursement.amountMinor, currency: fund.currency },
      { accountId: await accountFor(tx, fund.id, 'disbursed', fund.currency), amountMinor: disbursement.amountMinor, currency: fund.currency },
    ],
  });
}

/** A grant into a matching pool (or any fund) from a funder: the pool (+) from grants (−). */
export async function postGrant(tx: Tx, fund: FundRef, amountMinor: number, externalId: string, memo: string, occurredAt: Date, createdBy: string | null) {
  return postGroup(tx, {
    kind: 'grant',
    externalId,
    occurredAt,
    memo,
    fundId: fund.id,
    createdBy,
    entries: [
      { accountId: await accountFor(tx, fund.id, mainAccountKind(fund.kind), fund.currency), amountMinor, currency: fund.currency },
      { accountId: await accountFor(tx, fund.id, 'grants', fund.currency), amountMinor: -amountMinor, currency: fund.currency },
    ],
  });
}

/** A match from a pool to a fund: the pool (−, guarded) to the fund (+). */
export async function postMatch(tx: Tx, pool: FundRef, fund: FundRef, amountMinor: number, externalId: string, memo: string, occurredAt: Date, createdBy: string | null) {
  return postGroup(tx, {
    kind: 'match',
    externalId,
    occurredAt,
    memo,
    fundId: fund.id,
    createdBy,
    entries: [
      { accountId: await accountFor(tx, pool.id, mainAccountKind(pool.kind), pool.currency), amountMinor: -amountMinor, currency: pool.currency },
      { accountId: await accountFor(tx, fund.id, mainAccountKind(fund.kind), fund.currency), amountMinor, currency: fund.currency },
    ],
  });
}

/** A match handed back: the project's fund (−, guarded) to the pool (+), tied to the refunded donation. */
export async function postMatchReversal(tx: Tx, pool: FundRef, fund: FundRef, donationId: string, amountMinor: number, externalId: string, memo: string, occurredAt: Date, createdBy: string | null) {
  return postGroup(tx, {
    kind: 'match_reversal',
    externalId,
    occurredAt,
    memo,
    fundId: fund.id,
    donationId,
    createdBy,
    entries: [
      { accountId: await accountFor(tx, fund.id, mainAccountKind(fund.kind), fund.currency), amountMinor: -amountMinor, currency: fund.currency },
      { accountId: await accountFor(tx, pool.id, mainAccountKind(pool.kind), pool.currency), amountMinor, currency: pool.currency },
    ],
  });
}
