// Money test helpers: a fund to play with, and the ledger check every money test runs afterwards.
import { expect } from 'vitest';
import { db } from '../../db/client';
import { checkLedgerInvariants } from '../../db/ledger/invariants';
import { fundTotals } from '../../db/ledger/balances';
import { createFund, type FundInput } from '../../app/funds/funds.server';

/** Fails the test with the ledger's problems unless every invariant holds. */
export async function expectLedgerWhole() {
  const report = await checkLedgerInvariants(db());
  expect(report.problems).toEqual([]);
  return report;
}

export async function createTestFund(placeId: string, input: Partial<FundInput> = {}) {
  return createFund(
    { userId: null },
    { kind: 'community', placeId, nameZh: '测试基金', nameEn: 'Test fund', holderZh: '居委会', holderEn: "Residents' committee", ...input },
  );
}

export async function balanceOf(fundId: string) {
  return (await fundTotals(db(), [fundId])).get(fundId)!;
}

/** Makes env() re-read process.env (it caches the parsed environment). */
export function resetEnvCache() {
  (globalThis as Record<symbol, unknown>)[Symbol.for('fivefold.env')] = undefined;
}
