import { describe, expect, it } from 'vitest';
import { assign } from '../../../matching/assign';
import { score } from '../../../matching/score';
import { candidate, days, need, now } from './fixtures';

const summary = (a: ReturnType<typeof assign>) => a.pairs.map((p) => `${p.needId}>${p.candidate.id}×${p.units}`);

describe('assign', () => {
  it('gives the checked volunteer to the need only they may take, and the other need its second choice', () => {
    const checked = candidate({ id: 'checked', categories: ['meals', 'child_care'], checks: [{ type: 'child_safeguarding', status: 'verified', expiresAt: days(365) }], capacity: 1 });
    const other = candidate({ id: 'other', categories: ['meals', 'child_care'], placePath: '/s1/c1/g1/k1/b2/', capacity: 1 });
    const meals = need({ id: 'meals' }); // prefers `checked`: same building
    const childCare = need({ id: 'child-care', category: 'child_care', requiredChecks: ['child_safeguarding'] });
    const a = assign([meals, childCare], [checked, other], { now });
    expect(summary(a)).toEqual(['meals>other×1', 'child-care>checked×1']);
    expect(a.unmatched).toEqual([]);
    expect(a.matchedUnits).toBe(2);
    expect(a.totalPoints).toBe(score(meals, other, now).points + score(childCare, checked, now).points);
  });

  it('reports each pair with its score parts', () => {
    const a = assign([need()], [candidate()], { now });
    expect(a.pairs[0].score.parts).toEqual(score(need(), candidate(), now).parts);
  });

  it('spreads a need for several units over several candidates, one unit each by default', () => {
    const a = assign([need({ quantity: 3 })], [candidate({ id: 'a' }), candidate({ id: 'b' }), candidate({ id: 'c' }), candidate({ id: 'd', placePath: '/s1/c2/' })], { now });
    expect(summary(a)).toEqual(['need-1>a×1', 'need-1>b×1', 'need-1>c×1']);
  });

  it('lets one candidate take several units when the need allows it, within the candidate remaining capacity', () => {
    const a = assign([need({ quantity: 5, maxUnitsPerCandidate: 5 })], [candidate({ id: 'cook', capacity: 6, load: 2 })], { now });
    expect(summary(a)).toEqual(['need-1>cook×4']);
    expect(a.unmatched).toEqual([{ needId: 'need-1', units: 1, reason: 'eligible_candidates_full', considered: 1, eligible: 1, excludedBy: {} }]);
  });

  it('says when the eligible candidates still have room but may take no more units of this need', () => {
    const a = assign([need({ quantity: 3, maxUnitsPerCandidate: 2 })], [candidate({ capacity: 5 })], { now });
    expect(summary(a)).toEqual(['need-1>v-1×2']);
    expect(a.unmatched[0]).toMatchObject({ units: 1, reason: 'too_few_eligible_candidates' });
  });

  it('leaves the lower-scoring need open when one candidate cannot serve both, saying the eligible are full', () => {
    const near = need({ id: 'near' });
    const far = need({ id: 'far', placePath: '/s1/c1/g2/' });
    const a = assign([far, near], [candidate({ capacity: 1 })], { now });
    expect(summary(a)).toEqual(['near>v-1×1']);
    expect(a.unmatched).toEqual([{ needId: 'far', units: 1, reason: 'eligible_candidates_full', considered: 1, eligible: 1, excludedBy: {} }]);
  });

  it('says why a need had no eligible candidate, counting each reason', () => {
    const childCare = need({ category: 'child_care', requiredChecks: ['child_safeguarding'] });
    const a = assign([childCare], [candidate({ id: 'a', categories: ['child_care'] }), candidate({ id: 'b' }), candidate({ id: 'c', categories: ['child_care'], load: 2 })], { now });
    expect(a.pairs).toEqual([]);
    expect(a.unmatched).toEqual([
      { needId: 'need-1', units: 1, reason: 'no_eligible_candidate', considered: 3, eligible: 0, excludedBy: { check_missing: 3, no_fit: 1, no_capacity: 1 } },
    ]);
  });

  it('scores only the candidates a service offers for each need', () => {
    const a = assign([need({ id: 'x' }), need({ id: 'y' })], [candidate({ id: 'a' }), candidate({ id: 'b' })], { now, candidatesFor: (_n, i) => (i === 0 ? [1] : []) });
    expect(summary(a)).toEqual(['x>b×1']);
    expect(a.unmatched).toEqual([{ needId: 'y', units: 1, reason: 'no_candidates', considered: 0, eligible: 0, excludedBy: {} }]);
  });

  it('never assigns a dismissed candidate', () => {
    const a = assign([need({ dismissed: [{ kind: 'volunteer', id: 'v-1' }] })], [candidate()], { now });
    expect(a.pairs).toEqual([]);
    expect(a.unmatched[0]).toMatchObject({ reason: 'no_eligible_candidate', excludedBy: { dismissed: 1 } });
  });

  it('skips needs with nothing left to match', () => {
    const a = assign([need({ quantity: 0 })], [candidate()], { now });
    expect(a).toEqual({ pairs: [], unmatched: [], totalPoints: 0, matchedUnits: 0 });
  });

  it('refuses duplicate needs or candidates', () => {
    expect(() => assign([need(), need()], [candidate()], { now })).toThrow(/duplicate need/);
    expect(() => assign([need()], [candidate(), candidate()], { now })).toThrow(/duplicate candidate/);
  });
});
