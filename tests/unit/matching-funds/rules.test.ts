import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explainProgramme, renderExplanation } from '../../../app/matching-funds/explain';
import { applyGift, matchFor, tieredMatch, validateRules, type Gift, type MatchState, type ProgrammeRules } from '../../../app/matching-funds/rules';
import { drainCurve, simulate, type StreamGift } from '../../../app/matching-funds/simulate';
import { translator } from '../../../app/i18n/messages';

const start = new Date('2026-01-01T00:00:00Z');
const end = new Date('2027-01-01T00:00:00Z');
const base: ProgrammeRules = {
  tiers: [{ fromMinor: 0, num: 1, den: 1 }],
  seedMinor: 0,
  minGiftMinor: 0,
  perDonorCapMinor: null,
  perProjectCapMinor: null,
  programmeCapMinor: null,
  matchedSources: ['resident', 'business', 'other'],
  exhaustion: 'pro_rate',
  startsAt: start,
  endsAt: end,
  projectIds: [],
  categories: [],
};
const empty: MatchState = { poolBalanceMinor: 1e9, programmeMatchedMinor: 0, projectMatchedMinor: 0, donorMatchedMinor: 0, projectSeedRaisedMinor: 0 };
const gift = (amountMinor: number, over: Partial<Gift> = {}): Gift => ({ amountMinor, source: 'resident', projectId: 'p1', category: 'environment', at: new Date('2026-06-01T00:00:00Z'), ...over });

describe('matchFor: worked examples', () => {
  it('matches 1:1, 2:1 and 1:3 rounding down to the fen', () => {
    expect(matchFor(base, empty, gift(20_000))).toEqual({ matchMinor: 20_000, reason: 'matched' });
    expect(matchFor({ ...base, tiers: [{ fromMinor: 0, num: 2, den: 1 }] }, empty, gift(333))).toEqual({ matchMinor: 666, reason: 'matched' });
    expect(matchFor({ ...base, tiers: [{ fromMinor: 0, num: 1, den: 3 }] }, empty, gift(100))).toEqual({ matchMinor: 33, reason: 'matched' });
  });

  it('matches tiers part by part: ¥100 at 1:1, the rest at 2:1', () => {
    const tiers = [{ fromMinor: 0, num: 1, den: 1 }, { fromMinor: 10_000, num: 2, den: 1 }];
    expect(tieredMatch(tiers, 25_000)).toBe(10_000 + 30_000);
    expect(tieredMatch(tiers, 10_000)).toBe(10_000);
    expect(tieredMatch([{ fromMinor: 0, num: 1, den: 3 }, { fromMinor: 100, num: 1, den: 3 }], 200)).toBe(66);
  });

  it('fills the seed first and matches only the part beyond it; other donors wait for the seed', () => {
    const p = { ...base, seedMinor: 50_000 };
    expect(matchFor(p, { ...empty, projectSeedRaisedMinor: 40_000 }, gift(5_000))).toEqual({ matchMinor: 0, reason: 'below_seed' });
    expect(matchFor(p, { ...empty, projectSeedRaisedMinor: 40_000 }, gift(15_000))).toEqual({ matchMinor: 5_000, reason: 'partly_below_seed' });
    expect(matchFor(p, { ...empty, projectSeedRaisedMinor: 40_000 }, gift(15_000, { source: 'other' }))).toEqual({ matchMinor: 0, reason: 'below_seed' });
    expect(matchFor(p, { ...empty, projectSeedRaisedMinor: 50_000 }, gift(15_000, { source: 'other' }))).toEqual({ matchMinor: 15_000, reason: 'matched' });
  });

  it('cuts at each cap, and says which', () => {
    expect(matchFor({ ...base, perDonorCapMinor: 10_000 }, { ...empty, donorMatchedMinor: 9_000 }, gift(5_000))).toEqual({ matchMinor: 1_000, reason: 'capped_by_donor' });
    expect(matchFor({ ...base, perDonorCapMinor: 10_000 }, { ...empty, donorMatchedMinor: 10_000 }, gift(5_000))).toEqual({ matchMinor: 0, reason: 'donor_cap_reached' });
    expect(matchFor({ ...base, perProjectCapMinor: 10_000 }, { ...empty, projectMatchedMinor: 9_999 }, gift(5_000))).toEqual({ matchMinor: 1, reason: 'capped_by_project' });
    expect(matchFor({ ...base, programmeCapMinor: 10_000 }, { ...empty, programmeMatchedMinor: 10_000 }, gift(5_000))).toEqual({ matchMinor: 0, reason: 'programme_cap_reached' });
  });

  it('when the pool runs short: pro-rate pays what is left, stop pays nothing', () => {
    expect(matchFor(base, { ...empty, poolBalanceMinor: 700 }, gift(5_000))).toEqual({ matchMinor: 700, reason: 'capped_by_pool' });
    expect(matchFor({ ...base, exhaustion: 'stop' }, { ...empty, poolBalanceMinor: 700 }, gift(5_000))).toEqual({ matchMinor: 0, reason: 'pool_exhausted' });
    expect(matchFor({ ...base, exhaustion: 'stop' }, { ...empty, poolBalanceMinor: 700 }, gift(700))).toEqual({ matchMinor: 700, reason: 'matched' });
  });

  it('refuses gifts outside the dates, projects, categories, sources and minimum', () => {
    expect(matchFor(base, empty, gift(100, { at: new Date('2025-12-31T23:59:59Z') })).reason).toBe('not_started');
    expect(matchFor(base, empty, gift(100, { at: end })).reason).toBe('ended');
    expect(matchFor({ ...base, projectIds: ['p2'] }, empty, gift(100)).reason).toBe('project_not_eligible');
    expect(matchFor({ ...base, categories: ['elderly'] }, empty, gift(100)).reason).toBe('project_not_eligible');
    expect(matchFor({ ...base, matchedSources: ['resident'] }, empty, gift(100, { source: 'business' })).reason).toBe('source_not_matched');
    expect(matchFor({ ...base, minGiftMinor: 1_000 }, empty, gift(999)).reason).toBe('below_minimum');
  });

  it('validates rules', () => {
    expect(validateRules(base)).toEqual([]);
    expect(validateRules({ ...base, tiers: [{ fromMinor: 5, num: 1, den: 0 }], endsAt: start, perDonorCapMinor: 0, matchedSources: [] })).toEqual(['mf.v.tiers_from_zero', 'mf.v.tier', 'mf.v.cap', 'mf.v.dates', 'mf.v.sources']);
  });
});

const tiersArb = fc
  .array(fc.record({ fromMinor: fc.integer({ min: 1, max: 1_000_000 }), num: fc.integer({ min: 0, max: 5 }), den: fc.integer({ min: 1, max: 4 }) }), { maxLength: 3 })
  .chain((rest) => fc.record({ num: fc.integer({ min: 0, max: 5 }), den: fc.integer({ min: 1, max: 4 }) }).map((first) => [{ fromMinor: 0, ...first }, ...[...new Map(rest.map((t) => [t.fromMinor, t])).values()].sort((a, b) => a.fromMinor - b.fromMinor)]));
const capArb = fc.option(fc.integer({ min: 1, max: 5_000_000 }), { nil: null });
const rulesArb: fc.Arbitrary<ProgrammeRules> = fc.record({
  tiers: tiersArb,
  seedMinor: fc.integer({ min: 0, max: 2_000_000 }),
  minGiftMinor: fc.integer({ min: 0, max: 10_000 }),
  perDonorCapMinor: capArb,
  perProjectCapMinor: capArb,
  programmeCapMinor: capArb,
  matchedSources: fc.subarray(['resident', 'business', 'other'] as const, { minLength: 1 }).map((a) => [...a]),
  exhaustion: fc.constantFrom('stop' as const, 'pro_rate' as const),
  startsAt: fc.constant(start),
  endsAt: fc.constant(end),
  projectIds: fc.constant([]),
  categories: fc.constant([]),
});
const stateArb: fc.Arbitrary<MatchState> = fc.record({
  poolBalanceMinor: fc.integer({ min: 0, max: 10_000_000 }),
  programmeMatchedMinor: fc.integer({ min: 0, max: 10_000_000 }),
  projectMatchedMinor: fc.integer({ min: 0, max: 5_000_000 }),
  donorMatchedMinor: fc.integer({ min: 0, max: 5_000_000 }),
  projectSeedRaisedMinor: fc.integer({ min: 0, max: 3_000_000 }),
});
const giftArb = fc.record({ amountMinor: fc.integer({ min: 1, max: 5_000_000 }), source: fc.constantFrom('resident' as const, 'business' as const, 'other' as const) }).map((g) => gift(g.amountMinor, { source: g.source }));
const streamArb = fc.array(
  fc.record({ amountMinor: fc.integer({ min: 1, max: 200_000 }), donor: fc.integer({ min: 0, max: 5 }), project: fc.integer({ min: 0, max: 2 }), source: fc.constantFrom('resident' as const, 'business' as const, 'other' as const), minute: fc.integer({ min: 0, max: 10_000 }) }),
  { maxLength: 80 },
).map((xs) => xs.map((x): StreamGift => ({ ...gift(x.amountMinor, { source: x.source, projectId: `p${x.project}`, at: new Date(start.getTime() + 86_400_000 + x.minute * 60_000) }), donorKey: `d${x.donor}` })));

describe('matchFor: properties', () => {
  it('is a whole, non-negative number of fen, never over any cap, the pool or the tier ratio', () => {
    fc.assert(
      fc.property(rulesArb, stateArb, giftArb, (p, s, g) => {
        const { matchMinor } = matchFor(p, s, g);
        expect(Number.isSafeInteger(matchMinor) && matchMinor >= 0).toBe(true);
        expect(matchMinor).toBeLessThanOrEqual(Math.max(0, s.poolBalanceMinor));
        expect(matchMinor).toBeLessThanOrEqual(tieredMatch(p.tiers, g.amountMinor));
        if (p.perDonorCapMinor !== null) expect(matchMinor).toBeLessThanOrEqual(Math.max(0, p.perDonorCapMinor - s.donorMatchedMinor));
        if (p.perProjectCapMinor !== null) expect(matchMinor).toBeLessThanOrEqual(Math.max(0, p.perProjectCapMinor - s.projectMatchedMinor));
        if (p.programmeCapMinor !== null) expect(matchMinor).toBeLessThanOrEqual(Math.max(0, p.programmeCapMinor - s.programmeMatchedMinor));
      }),
    );
  });

  it('respects the seed: nothing is matched until residents and businesses have raised it', () => {
    fc.assert(
      fc.property(rulesArb, stateArb, giftArb, (p, s, g) => {
        const { matchMinor } = matchFor(p, s, g);
        const seedLeft = Math.max(0, p.seedMinor - s.projectSeedRaisedMinor);
        const beyond = g.source === 'other' ? (seedLeft > 0 ? 0 : g.amountMinor) : Math.max(0, g.amountMinor - seedLeft);
        expect(matchMinor).toBeLessThanOrEqual(tieredMatch(p.tiers, beyond));
      }),
    );
  });

  it('is monotone: a bigger gift never earns less under pro-rating (and under stop while the pool covers it)', () => {
    fc.assert(
      fc.property(rulesArb, stateArb, giftArb, fc.integer({ min: 0, max: 1_000_000 }), (p, s, g, more) => {
        const small = matchFor(p, s, g).matchMinor;
        const bigger = matchFor(p, s, { ...g, amountMinor: g.amountMinor + more });
        if (p.exhaustion === 'pro_rate' || bigger.reason !== 'pool_exhausted') expect(bigger.matchMinor).toBeGreaterThanOrEqual(small);
      }),
    );
  });

  it('never gives more when more has already been matched (donor, project or programme)', () => {
    fc.assert(
      fc.property(rulesArb, stateArb, giftArb, fc.integer({ min: 0, max: 1_000_000 }), (p, s, g, d) => {
        const before = matchFor({ ...p, exhaustion: 'pro_rate' }, s, g).matchMinor;
        const after = matchFor({ ...p, exhaustion: 'pro_rate' }, { ...s, donorMatchedMinor: s.donorMatchedMinor + d, projectMatchedMinor: s.projectMatchedMinor + d, programmeMatchedMinor: s.programmeMatchedMinor + d }, g).matchMinor;
        expect(after).toBeLessThanOrEqual(before);
      }),
    );
  });

  it('stops farming: any number of tiny gifts from one donor earns at most the per-donor cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50_000 }), fc.array(fc.integer({ min: 1, max: 500 }), { minLength: 1, maxLength: 400 }), (cap, amounts) => {
        const p = { ...base, perDonorCapMinor: cap, tiers: [{ fromMinor: 0, num: 3, den: 1 }] };
        const result = simulate(p, 1e9, amounts.map((a, i) => ({ ...gift(a, { at: new Date(start.getTime() + 1000 * (i + 1)) }), donorKey: 'farmer' })));
        expect(result.totalMatchedMinor).toBeLessThanOrEqual(cap);
        expect(result.totalMatchedMinor).toBe(Math.min(cap, 3 * amounts.reduce((a, b) => a + b, 0)));
      }),
    );
  });

  it('simulation over any stream keeps every cap and the pool, and adds up', () => {
    fc.assert(
      fc.property(rulesArb, fc.integer({ min: 0, max: 3_000_000 }), streamArb, (p, pool, stream) => {
        const r = simulate(p, pool, stream);
        expect(r.poolEndMinor).toBeGreaterThanOrEqual(0);
        expect(r.poolStartMinor - r.poolEndMinor).toBe(r.totalMatchedMinor);
        expect(r.totalMatchedMinor).toBe(r.gifts.reduce((n, g) => n + g.matchMinor, 0));
        if (p.programmeCapMinor !== null) expect(r.totalMatchedMinor).toBeLessThanOrEqual(p.programmeCapMinor);
        for (const o of r.projects) if (p.perProjectCapMinor !== null) expect(o.matchedMinor).toBeLessThanOrEqual(p.perProjectCapMinor);
        const perDonor = new Map<string, number>();
        for (const g of r.gifts) perDonor.set(g.donorKey, (perDonor.get(g.donorKey) ?? 0) + g.matchMinor);
        for (const v of perDonor.values()) if (p.perDonorCapMinor !== null) expect(v).toBeLessThanOrEqual(p.perDonorCapMinor);
        // Nothing matched for a project before its residents and businesses had raised the seed.
        const seed = new Map<string, number>();
        for (const g of r.gifts) {
          // Another source is matched only once the seed is reached; a seed gift only for its part beyond the seed.
          const raised = seed.get(g.projectId) ?? 0;
          const reached = g.source === 'other' ? raised >= p.seedMinor : raised + g.amountMinor > p.seedMinor;
          if (g.matchMinor > 0 && !reached) throw new Error('matched below the seed');
          if (g.source !== 'other') seed.set(g.projectId, (seed.get(g.projectId) ?? 0) + g.amountMinor);
        }
        const curve = drainCurve(r, 5);
        if (curve.length) expect(curve[curve.length - 1].poolMinor).toBe(r.poolEndMinor);
      }),
    );
  });

  it('applyGift adds the match everywhere and only seed sources to the seed', () => {
    expect(applyGift(empty, gift(100, { source: 'other' }), 40)).toEqual({ ...empty, poolBalanceMinor: 1e9 - 40, programmeMatchedMinor: 40, projectMatchedMinor: 40, donorMatchedMinor: 40 });
    expect(applyGift(empty, gift(100, { source: 'business' }), 0).projectSeedRaisedMinor).toBe(100);
  });
});

describe('explainProgramme', () => {
  it('says every rule in plain words in both languages, with no key left untranslated', () => {
    const p: ProgrammeRules = { ...base, tiers: [{ fromMinor: 0, num: 1, den: 1 }, { fromMinor: 10_000, num: 2, den: 1 }], seedMinor: 600_000, minGiftMinor: 1_000, perDonorCapMinor: 50_000, perProjectCapMinor: 2_000_000, programmeCapMinor: 10_000_000, matchedSources: ['resident', 'business'], exhaustion: 'stop', categories: ['environment'] };
    for (const locale of ['zh-CN', 'en'] as const) {
      const t = translator(locale);
      const text = renderExplanation(explainProgramme(p), t, { money: (m) => `¥${m / 100}`, date: (d) => d.toISOString().slice(0, 10) });
      expect(text.join('\n')).not.toMatch(/mf\.|\{\w+\}/);
      expect(text.join('\n')).toContain('¥6000');
      expect(text.join('\n')).toContain('¥500');
      expect(text.join('\n')).toContain('¥20000');
      expect(text.join('\n')).toContain('2026-01-01');
    }
    expect(renderExplanation(explainProgramme(p), translator('en'), { money: (m) => `¥${m / 100}`, date: () => '' }).join(' ')).toContain('matching stops rather than pay part');
  });
});
