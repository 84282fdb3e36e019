// The rule that hands a refunded gift's match back to the pool: proportional, whole fen, rounded in the pool's favour,
// and the same however the refund is split into parts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchToReverse } from '../../../app/matching-funds/rules';

describe('matchToReverse', () => {
  it('hands back the whole match on a full refund and nothing before any refund', () => {
    expect(matchToReverse(3_333, 10_000, 10_000)).toBe(3_333);
    expect(matchToReverse(3_333, 10_000, 12_000)).toBe(3_333);
    expect(matchToReverse(3_333, 10_000, 0)).toBe(0);
    expect(matchToReverse(0, 10_000, 5_000)).toBe(0);
  });

  it('keeps floor(match × what is left / gift) for the project: the pool is repaid rounded up', () => {
    // 3,333 × 8,766 / 10,000 = 2,921.7…: the project keeps 2,921, the pool gets 412 back.
    expect(matchToReverse(3_333, 10_000, 1_234)).toBe(412);
    expect(matchToReverse(3_333, 10_000, 5_000)).toBe(1_667);
    expect(matchToReverse(1, 3, 1)).toBe(1);
    expect(matchToReverse(20_002, 10_001, 1)).toBe(2);
  });

  it('is exact, bounded and monotone for any amounts (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000_000 }), fc.integer({ min: 0, max: 1_000_000_000 }), fc.integer({ min: 0, max: 10_000_000_000 }), (gift, match, r) => {
        const refunded = Math.min(r, gift);
        const back = matchToReverse(match, gift, refunded);
        expect(Number.isSafeInteger(back)).toBe(true);
        expect(back).toBeGreaterThanOrEqual(0);
        expect(back).toBeLessThanOrEqual(match);
        // What the project keeps is the exact proportion rounded down to the fen.
        const kept = match - back;
        expect(BigInt(kept) * BigInt(gift)).toBeLessThanOrEqual(BigInt(match) * BigInt(gift - refunded));
        expect(BigInt(kept + 1) * BigInt(gift)).toBeGreaterThan(BigInt(match) * BigInt(gift - refunded));
        if (refunded < gift) expect(matchToReverse(match, gift, refunded + 1)).toBeGreaterThanOrEqual(back);
      }),
      { numRuns: 2_000 },
    );
  });

  it('hands back the same in all whether a refund comes in one part or many (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5_000_000 }), fc.integer({ min: 0, max: 10_000_000 }), fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 8 }), (gift, match, parts) => {
        // The refund is reported cumulatively; each report hands back the difference from the last.
        let refunded = 0;
        let handedBack = 0;
        for (const part of parts) {
          refunded = Math.min(gift, refunded + part);
          const delta = matchToReverse(match, gift, refunded) - handedBack;
          expect(delta).toBeGreaterThanOrEqual(0);
          handedBack += delta;
        }
        expect(handedBack).toBe(matchToReverse(match, gift, refunded));
      }),
      { numRuns: 1_000 },
    );
  });
});
