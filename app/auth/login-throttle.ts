// Failed-login limits that slow guessing without letting anyone lock another person out.
//  - per account and address: a guesser at one address is stopped, the owner elsewhere is not;
//  - per address: one address spraying many accounts is stopped;
//  - per account from everywhere: past a high bar only addresses that logged in to it before may try.
export const WINDOW_MINUTES = 15;
export const LIMITS = { accountAddress: 5, address: 30, account: 50 } as const;

export interface AttemptCounts {
  /** Failures for this email from this address in the window. */
  accountAddressFailures: number;
  /** Failures from this address for any email in the window. */
  addressFailures: number;
  /** Failures for this email from any address in the window. */
  accountFailures: number;
  /** Whether this address has logged in to this account successfully before. */
  knownAddress: boolean;
}

export type ThrottleDecision = { allowed: true } | { allowed: false; reason: 'account_address' | 'address' | 'account' };

export function decideLogin(c: AttemptCounts): ThrottleDecision {
  if (c.accountAddressFailures >= LIMITS.accountAddress) return { allowed: false, reason: 'account_address' };
  if (c.addressFailures >= LIMITS.address) return { allowed: false, reason: 'address' };
  if (c.accountFailures >= LIMITS.account && !c.knownAddress) return { allowed: false, reason: 'account' };
  return { allowed: true };
}
