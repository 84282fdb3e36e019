// Hourly check that the ledger is whole (balanced groups, no duplicates, nothing overdrawn, balances = entries).
// A broken invariant fails the job loudly, so it shows in the worker's log and pg-boss's failed jobs.
import { db } from '../db/client';
import { checkLedgerInvariants, type InvariantReport } from '../db/ledger/invariants';
import { runJob } from './runner';

export const LEDGER_INVARIANTS = 'ledger-invariants';

export class LedgerInvariantError extends Error {
  constructor(public readonly report: InvariantReport) {
    super(`ledger invariants broken (${report.problems.length}): ${report.problems.slice(0, 5).join('; ')}`);
    this.name = 'LedgerInvariantError';
  }
}

export const ledgerInvariantsJob = () =>
  runJob(LEDGER_INVARIANTS, 5 * 60_000, async () => {
    const report = await checkLedgerInvariants(db());
    if (!report.ok) throw new LedgerInvariantError(report);
    return report;
  });
