import { describe, expect, it } from 'vitest';
import { decideLogin, LIMITS, type AttemptCounts } from '../../../app/auth/login-throttle';

const clean: AttemptCounts = { accountAddressFailures: 0, addressFailures: 0, accountFailures: 0, knownAddress: false };

describe('decideLogin', () => {
  it('allows a first attempt', () => {
    expect(decideLogin(clean)).toEqual({ allowed: true });
  });

  it('allows four failures for an account from one address, blocks the fifth onward', () => {
    expect(decideLogin({ ...clean, accountAddressFailures: 4, addressFailures: 4, accountFailures: 4 }).allowed).toBe(true);
    expect(decideLogin({ ...clean, accountAddressFailures: 5, addressFailures: 5, accountFailures: 5 })).toEqual({
      allowed: false,
      reason: 'account_address',
    });
  });

  it('blocks an address that sprays many accounts', () => {
    expect(decideLogin({ ...clean, addressFailures: LIMITS.address - 1 }).allowed).toBe(true);
    expect(decideLogin({ ...clean, addressFailures: LIMITS.address })).toEqual({ allowed: false, reason: 'address' });
  });

  it('under a distributed attack on one account, still lets in addresses that logged in to it before', () => {
    const attacked = { ...clean, accountFailures: LIMITS.account };
    expect(decideLogin(attacked)).toEqual({ allowed: false, reason: 'account' });
    expect(decideLogin({ ...attacked, knownAddress: true })).toEqual({ allowed: true });
  });

  it('does not let a known address bypass its own per-address limits', () => {
    expect(decideLogin({ ...clean, accountAddressFailures: 5, knownAddress: true }).allowed).toBe(false);
    expect(decideLogin({ ...clean, addressFailures: 30, knownAddress: true }).allowed).toBe(false);
  });

  it('keeps the limits in the order that stops a lock-out: pair < address < account', () => {
    expect(LIMITS.accountAddress).toBe(5);
    expect(LIMITS.address).toBe(30);
    expect(LIMITS.accountAddress).toBeLessThan(LIMITS.address);
    expect(LIMITS.address).toBeLessThan(LIMITS.account);
  });
});
