// Errors the ledger refuses with: callers turn them into field errors or API answers.
export class UnbalancedGroupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnbalancedGroupError';
  }
}

export class InsufficientFundsError extends Error {
  constructor(
    public readonly accountId: string,
    public readonly balanceMinor: number,
    public readonly neededMinor: number,
  ) {
    super(`account ${accountId} holds ${balanceMinor} and cannot give ${neededMinor}`);
    this.name = 'InsufficientFundsError';
  }
}
