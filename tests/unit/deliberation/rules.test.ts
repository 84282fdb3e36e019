import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { averageHundredths, canMoveTopic, neededFor, percentToPermille, reaches, shouldHide, tally, type TallyOption } from '../../../app/deliberation/rules';

const settings = { eligible: 1000, thresholdPermille: 600, quorumPermille: 0, abstentionsCountForQuorum: true, paperBallotsCount: true };
const yesNo = (yes: TallyOption['counts'], no: TallyOption['counts'] = {}, abstain: TallyOption['counts'] = {}): TallyOption[] => [
  { id: 'yes', kind: 'choice', counts: yes },
  { id: 'no', kind: 'choice', counts: no },
  { id: 'abstain', kind: 'abstain', counts: abstain },
];

describe('threshold as a share of the eligible', () => {
  it('59.9% of households fails and 60.0% passes', () => {
    expect(tally(settings, yesNo({ online: 599 })).carried).toBe(false);
    expect(tally(settings, yesNo({ online: 600 })).carried).toBe(true);
    expect(tally(settings, yesNo({ online: 600 })).thresholdNeeded).toBe(600);
  });

  it('an odd base needs the ceiling: 60% of 7 households is 5 (4.2 is not enough)', () => {
    expect(neededFor(7, 600)).toBe(5);
    expect(tally({ ...settings, eligible: 7 }, yesNo({ online: 4 })).carried).toBe(false);
    expect(tally({ ...settings, eligible: 7 }, yesNo({ online: 5 })).carried).toBe(true);
  });

  it('counts paper ballots and signature sheets only when the vote says so', () => {
    const ballots = yesNo({ online: 400, paper: 150, signature_sheet: 50 });
    expect(tally(settings, ballots).carried).toBe(true);
    const without = tally({ ...settings, paperBallotsCount: false }, ballots);
    expect(without.carried).toBe(false);
    expect(without.uncountedPaper).toBe(200);
    expect(without.turnout).toBe(400);
  });

  it('abstentions count toward the quorum only when the vote says so, never toward the threshold', () => {
    const ballots = yesNo({ online: 300 }, { online: 100 }, { online: 200 });
    const q = { ...settings, thresholdPermille: 300, quorumPermille: 500 };
    expect(tally(q, ballots)).toMatchObject({ turnout: 600, quorumCount: 600, quorumMet: true, carried: true });
    expect(tally({ ...q, abstentionsCountForQuorum: false }, ballots)).toMatchObject({ quorumCount: 400, quorumMet: false, carried: false });
    // All abstaining: turnout without a decision.
    expect(tally(settings, yesNo({}, {}, { online: 900 })).carried).toBe(false);
  });

  it('a tie between the leading choices decides nothing', () => {
    const t = tally({ ...settings, thresholdPermille: 100 }, yesNo({ online: 300 }, { online: 300 }));
    expect(t.leadingOptionId).toBeNull();
    expect(t.carried).toBe(false);
  });

  it('nobody eligible carries nothing', () => {
    expect(tally({ ...settings, eligible: 0 }, yesNo({ online: 0 })).carried).toBe(false);
  });

  it('carried exactly when quorum is met and the sole leader reaches ceil(eligible × threshold)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.nat(3000),
        fc.nat(3000),
        fc.nat(3000),
        fc.boolean(),
        (eligible, thresholdPermille, quorumPermille, yes, no, abstain, abstentionsCountForQuorum) => {
          const s = { eligible, thresholdPermille, quorumPermille, abstentionsCountForQuorum, paperBallotsCount: true };
          const t = tally(s, yesNo({ online: yes }, { online: no }, { online: abstain }));
          const quorumCount = yes + no + (abstentionsCountForQuorum ? abstain : 0);
          const quorumMet = quorumCount >= neededFor(eligible, quorumPermille);
          const leader = yes > no ? yes : no > yes ? no : null;
          expect(t.quorumMet).toBe(quorumMet);
          expect(t.carried).toBe(quorumMet && leader !== null && leader > 0 && leader >= neededFor(eligible, thresholdPermille));
          // The exact rational test agrees with the ceiling.
          expect(reaches(neededFor(eligible, thresholdPermille), eligible, thresholdPermille)).toBe(true);
          if (neededFor(eligible, thresholdPermille) > 0) expect(reaches(neededFor(eligible, thresholdPermille) - 1, eligible, thresholdPermille)).toBe(false);
        },
      ),
    );
  });
});

describe('percent as typed', () => {
  it('reads one decimal place and refuses the rest', () => {
    expect(percentToPermille('60')).toBe(600);
    expect(percentToPermille('59.9')).toBe(599);
    expect(percentToPermille('66,7')).toBe(667);
    expect(percentToPermille('100')).toBe(1000);
    for (const bad of ['0', '100.1', '60.55', '-5', 'abc', '', '1e2']) expect(percentToPermille(bad)).toBeNull();
  });
});

describe('topic stages', () => {
  it('move forward one step at a time; only listed or chosen topics can be declined', () => {
    expect(canMoveTopic('listed', 'chosen')).toBe(true);
    expect(canMoveTopic('listed', 'notice')).toBe(false);
    expect(canMoveTopic('chosen', 'declined')).toBe(true);
    expect(canMoveTopic('deliberation', 'declined')).toBe(false);
    expect(canMoveTopic('done', 'listed')).toBe(false);
  });
});

describe('moderation and panels', () => {
  it('hides at the report threshold unless a moderator kept the comment', () => {
    expect(shouldHide(2, false)).toBe(false);
    expect(shouldHide(3, false)).toBe(true);
    expect(shouldHide(10, true)).toBe(false);
  });

  it('averages scores in hundredths', () => {
    expect(averageHundredths([])).toBeNull();
    expect(averageHundredths([4, 5, 4])).toBe(433);
  });
});
