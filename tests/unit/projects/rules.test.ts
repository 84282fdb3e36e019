import { describe, expect, it } from 'vitest';
import {
  applicantAllowed,
  applicantKeyOf,
  awardIsFinal,
  canMoveProject,
  canMoveRound,
  decideBudget,
  evaluatorMaySee,
  noticeEnd,
  rankBids,
  takesBids,
  takesObjections,
} from '../../../app/projects/rules';
import { projectStates } from '../../../app/projects/values';

describe('project state machine', () => {
  it('walks draft → open for bids → awarded → in progress → completed → evaluated', () => {
    const path = ['draft', 'open_for_bids', 'awarded', 'in_progress', 'completed', 'evaluated'] as const;
    for (let i = 1; i < path.length; i++) expect(canMoveProject(path[i - 1], path[i])).toBe(true);
  });
  it('never skips a step or leaves an end state', () => {
    expect(canMoveProject('draft', 'awarded')).toBe(false);
    expect(canMoveProject('open_for_bids', 'in_progress')).toBe(false);
    expect(canMoveProject('completed', 'cancelled')).toBe(false);
    for (const s of projectStates) {
      expect(canMoveProject('evaluated', s)).toBe(false);
      expect(canMoveProject('cancelled', s)).toBe(false);
    }
  });
  it('rounds go draft → open → evaluating → notice → completed', () => {
    expect(canMoveRound('draft', 'open')).toBe(true);
    expect(canMoveRound('open', 'notice')).toBe(false);
    expect(canMoveRound('notice', 'cancelled')).toBe(false);
  });
});

describe('who may bid', () => {
  const round = { applicantTypes: ['registered_org', 'resident_team', 'individual'] as const, microGrant: false };
  it('takes resident teams and individuals only in a micro-grant round', () => {
    expect(applicantAllowed(round, 'registered_org')).toBe(true);
    expect(applicantAllowed(round, 'resident_team')).toBe(false);
    expect(applicantAllowed({ ...round, microGrant: true }, 'individual')).toBe(true);
    expect(applicantAllowed({ applicantTypes: ['resident_team'], microGrant: true }, 'registered_org')).toBe(false);
  });
  it('takes bids only while open and before the deadline', () => {
    const r = { status: 'open' as const, opensAt: new Date('2026-01-01T00:00:00Z'), closesAt: new Date('2026-02-01T00:00:00Z') };
    expect(takesBids(r, new Date('2026-01-15T00:00:00Z'))).toBe(true);
    expect(takesBids(r, new Date('2026-02-01T00:00:00Z'))).toBe(false);
    expect(takesBids(r, new Date('2025-12-31T23:59:59Z'))).toBe(false);
    expect(takesBids({ ...r, status: 'evaluating' }, new Date('2026-01-15T00:00:00Z'))).toBe(false);
  });
});

describe('weighted ranking', () => {
  const criteria = [
    { id: 'fit', weight: 30 },
    { id: 'plan', weight: 50 },
    { id: 'cost', weight: 20 },
  ];
  it('weights each criterion by its weight, averaging evaluators', () => {
    const scores = [
      // bid a: fit 10, plan 6, cost 8 → (300 + 300 + 160) / 100 = 7.6 → 76
      { bidId: 'a', criterionId: 'fit', evaluatorUserId: 'e1', score: 10 },
      { bidId: 'a', criterionId: 'plan', evaluatorUserId: 'e1', score: 6 },
      { bidId: 'a', criterionId: 'cost', evaluatorUserId: 'e1', score: 8 },
      // bid b: plan counts most; two evaluators average to fit 5, plan 9, cost 5 → (150 + 450 + 100) / 100 = 7 → 70
      { bidId: 'b', criterionId: 'fit', evaluatorUserId: 'e1', score: 4 },
      { bidId: 'b', criterionId: 'fit', evaluatorUserId: 'e2', score: 6 },
      { bidId: 'b', criterionId: 'plan', evaluatorUserId: 'e1', score: 9 },
      { bidId: 'b', criterionId: 'plan', evaluatorUserId: 'e2', score: 9 },
      { bidId: 'b', criterionId: 'cost', evaluatorUserId: 'e1', score: 5 },
      { bidId: 'b', criterionId: 'cost', evaluatorUserId: 'e2', score: 5 },
    ];
    const ranked = rankBids(['b', 'a', 'c'], criteria, scores);
    expect(ranked.map((r) => [r.bidId, r.total, r.evaluators])).toEqual([
      ['a', 76, 1],
      ['b', 70, 2],
      ['c', null, 0],
    ]);
    expect(ranked[1].perCriterion.fit).toBe(5);
  });
  it('a heavier criterion decides between otherwise equal bids', () => {
    const scores = [
      { bidId: 'x', criterionId: 'plan', evaluatorUserId: 'e', score: 10 },
      { bidId: 'x', criterionId: 'cost', evaluatorUserId: 'e', score: 0 },
      { bidId: 'y', criterionId: 'plan', evaluatorUserId: 'e', score: 0 },
      { bidId: 'y', criterionId: 'cost', evaluatorUserId: 'e', score: 10 },
    ];
    expect(rankBids(['y', 'x'], criteria, scores).map((r) => r.bidId)).toEqual(['x', 'y']);
  });
});

describe('budget trims', () => {
  it('requested → cut needs a reason; never more than requested', () => {
    expect(decideBudget(100_000, 100_000, null)).toEqual({ ok: true, status: 'requested' });
    expect(decideBudget(100_000, 80_000, '  ')).toEqual({ ok: false, field: 'reason', code: 'projects.v.reasonRequired' });
    expect(decideBudget(100_000, 80_000, 'venue is donated')).toEqual({ ok: true, status: 'cut' });
    expect(decideBudget(100_000, 100_001, 'x')).toMatchObject({ ok: false, field: 'amount' });
  });
});

describe('public notice (公示)', () => {
  const start = new Date('2026-03-01T02:00:00Z');
  const granted = { status: 'granted' as const, noticeStartsAt: start, noticeEndsAt: noticeEnd(start, 5) };
  it('lasts the set number of days', () => {
    expect(noticeEnd(start, 5).toISOString()).toBe('2026-03-06T02:00:00.000Z');
  });
  it('takes objections only during the notice', () => {
    expect(takesObjections(granted, new Date('2026-03-03T00:00:00Z'))).toBe(true);
    expect(takesObjections(granted, new Date('2026-03-06T02:00:00Z'))).toBe(false);
    expect(takesObjections({ ...granted, status: 'final' }, new Date('2026-03-03T00:00:00Z'))).toBe(false);
  });
  it('is final only after the period with every objection answered', () => {
    const after = new Date('2026-03-07T00:00:00Z');
    expect(awardIsFinal(granted, [], new Date('2026-03-05T00:00:00Z'))).toBe(false);
    expect(awardIsFinal(granted, [], after)).toBe(true);
    expect(awardIsFinal(granted, [{ answeredAt: null }, { answeredAt: after }], after)).toBe(false);
    expect(awardIsFinal(granted, [{ answeredAt: after }], after)).toBe(true);
    expect(awardIsFinal({ ...granted, status: 'cut' }, [], after)).toBe(false);
  });
});

describe('evaluator conflicts', () => {
  const me = { userId: 'u1', memberOfResourceIds: ['org1'], declaredConflictKeys: ['resource:org2'] };
  it('hides bids from their own organisation, themselves and declared conflicts', () => {
    expect(evaluatorMaySee({ applicantKey: applicantKeyOf({ resourceId: 'org1' }) }, me)).toBe(false);
    expect(evaluatorMaySee({ applicantKey: applicantKeyOf({ userId: 'u1' }) }, me)).toBe(false);
    expect(evaluatorMaySee({ applicantKey: 'resource:org2' }, me)).toBe(false);
    expect(evaluatorMaySee({ applicantKey: 'resource:org3' }, me)).toBe(true);
  });
});
