import { describe, expect, it } from 'vitest';
import { chinaDate, movementsToCsv, type PublicMovement } from '../../../app/funds/ledger.server';

const base: PublicMovement = {
  groupId: 'g1',
  occurredAt: new Date('2026-03-01T17:00:00Z'),
  kind: 'donation',
  fundId: 'f1',
  fundZh: '基金',
  fundEn: 'Fund',
  counterpart: 'Li',
  anonymous: false,
  counterpartFund: null,
  project: null,
  amountMinor: 12345,
  currency: 'CNY',
  inKind: false,
  description: '',
};

describe('movementsToCsv', () => {
  it('writes decimals, blanks hidden amounts, names anonymous donors as such', () => {
    const csv = movementsToCsv([base, { ...base, groupId: 'g2', amountMinor: null }, { ...base, groupId: 'g3', anonymous: true, counterpart: null }]);
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[1]).toBe('2026-03-02,Fund,基金,donation,Li,,123.45,CNY,no,,g1');
    expect(lines[2].split(',')[6]).toBe('');
    expect(lines[3].split(',')[4]).toBe('Anonymous');
  });

  it('quotes commas, quotes and formula-like cells so spreadsheets treat them as text', () => {
    const csv = movementsToCsv([{ ...base, counterpart: '=HYPERLINK("x")', description: 'a, "b"', amountMinor: -500 }]);
    const line = csv.trim().split('\r\n')[1];
    expect(line).toContain(`"'=HYPERLINK(""x"")"`);
    expect(line).toContain('"a, ""b"""');
    // Negative amounts stay numbers.
    expect(line).toContain(',-5.00,');
  });

  it('dates movements in China time', () => {
    expect(chinaDate(new Date('2026-03-01T16:30:00Z'))).toBe('2026-03-02');
    expect(chinaDate(new Date('2026-03-01T15:30:00Z'))).toBe('2026-03-01');
  });
});
