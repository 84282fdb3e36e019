import { describe, expect, it } from 'vitest';
import { assertBalanced } from '../../../db/ledger/post';
import { UnbalancedGroupError } from '../../../db/ledger/errors';
import { confirmationThreshold, mayDecide, minorToDecimal, needsSecondPerson, parseAmountToMinor, publicAmount, publicDonorName } from '../../../app/funds/rules';

describe('assertBalanced', () => {
  const a = { accountId: 'a', currency: 'CNY' };
  const b = { accountId: 'b', currency: 'CNY' };
  it('accepts entries that sum to zero in each currency', () => {
    expect(() => assertBalanced([{ ...a, amountMinor: 100 }, { ...b, amountMinor: -100 }])).not.toThrow();
    expect(() => assertBalanced([{ ...a, amountMinor: 5 }, { ...b, amountMinor: -5 }, { accountId: 'c', currency: 'USD', amountMinor: 7 }, { accountId: 'd', currency: 'USD', amountMinor: -7 }])).not.toThrow();
  });
  it('refuses unbalanced, lonely, fractional, zero and cross-currency groups', () => {
    expect(() => assertBalanced([{ ...a, amountMinor: 100 }, { ...b, amountMinor: -99 }])).toThrow(UnbalancedGroupError);
    expect(() => assertBalanced([{ ...a, amountMinor: 100 }])).toThrow(UnbalancedGroupError);
    expect(() => assertBalanced([{ ...a, amountMinor: 0.5 }, { ...b, amountMinor: -0.5 }])).toThrow(UnbalancedGroupError);
    expect(() => assertBalanced([{ ...a, amountMinor: 0 }, { ...b, amountMinor: 0 }])).toThrow(UnbalancedGroupError);
    expect(() => assertBalanced([{ ...a, amountMinor: 100 }, { accountId: 'b', currency: 'USD', amountMinor: -100 }])).toThrow(UnbalancedGroupError);
  });
});

describe('amounts', () => {
  it('parses yuan into fen without floats', () => {
    expect(parseAmountToMinor('1,234.5')).toBe(123450);
    expect(parseAmountToMinor('¥0.07')).toBe(7);
    expect(parseAmountToMinor('19.99')).toBe(1999);
    expect(parseAmountToMinor('0')).toBeNull();
    expect(parseAmountToMinor('1.234')).toBeNull();
    expect(parseAmountToMinor('-5')).toBeNull();
    expect(parseAmountToMinor('abc')).toBeNull();
  });
  it('prints fen as a plain decimal', () => {
    expect(minorToDecimal(123450)).toBe('1234.50');
    expect(minorToDecimal(-5)).toBe('-0.05');
    expect(minorToDecimal(0)).toBe('0.00');
  });
});

describe('rules', () => {
  it('asks for a second person from the threshold up, with a community setting or the default', () => {
    expect(confirmationThreshold({})).toBe(500_000);
    expect(confirmationThreshold({ donationConfirmationThresholdMinor: 100_000 })).toBe(100_000);
    expect(confirmationThreshold({ donationConfirmationThresholdMinor: -1 })).toBe(500_000);
    expect(needsSecondPerson(100_000, 100_000)).toBe(true);
    expect(needsSecondPerson(99_999, 100_000)).toBe(false);
  });
  it('never lets requesters decide their own request', () => {
    expect(mayDecide('requested', 'u1', 'u1')).toBe(false);
    expect(mayDecide('requested', 'u1', 'u2')).toBe(true);
    expect(mayDecide('approved', 'u1', 'u2')).toBe(false);
  });
  it('shows donors as they chose', () => {
    expect(publicDonorName('anonymous', '张三')).toBeNull();
    expect(publicDonorName('hidden_amount', '张三')).toBe('张三');
    expect(publicAmount('hidden_amount')).toBe(false);
    expect(publicAmount('public')).toBe(true);
  });
});
