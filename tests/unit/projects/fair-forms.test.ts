// The rank form of the fair: numbers per party become a ranking, best first; gaps are fine, repeats and junk are not.
import { describe, expect, it } from 'vitest';
import { endOfLocalDay, rankField, rankingFromForm } from '../../../app/projects/fair-forms';

const ids = ['a', 'b', 'c', 'd'];
const form = (ranks: Record<string, string>, extra: Record<string, string> = {}) => ({ ...Object.fromEntries(Object.entries(ranks).map(([id, r]) => [rankField(id), r])), ...extra });

describe('rankingFromForm', () => {
  it('orders by the numbers given and leaves out empty ones (unacceptable)', () => {
    expect(rankingFromForm(form({ a: '3', b: '', c: '1', d: ' 7 ' }), ids, false)).toEqual({ ok: true, ranking: ['c', 'a', 'd'], capacity: undefined });
    expect(rankingFromForm({}, ids, false)).toEqual({ ok: true, ranking: [], capacity: undefined });
  });

  it('refuses a rank given twice, junk, zero and negative numbers, with the field that is wrong', () => {
    expect(rankingFromForm(form({ a: '1', b: '1' }), ids, false)).toEqual({ ok: false, fields: { [rankField('b')]: ['fair.v.duplicateRank'] } });
    for (const bad of ['x', '0', '-1', '1.5']) expect(rankingFromForm(form({ a: bad }), ids, false)).toEqual({ ok: false, fields: { [rankField('a')]: ['fair.v.rank'] } });
  });

  it('ignores fields of parties not on the other side', () => {
    expect(rankingFromForm(form({ a: '1', zzz: '2' }), ids, false)).toEqual({ ok: true, ranking: ['a'], capacity: undefined });
  });

  it('asks an applicant how many projects it can take, 1 to 20', () => {
    expect(rankingFromForm(form({ a: '1' }, { capacity: '3' }), ids, true)).toEqual({ ok: true, ranking: ['a'], capacity: 3 });
    for (const bad of ['0', '21', '', 'two']) expect(rankingFromForm(form({ a: '1' }, { capacity: bad }), ids, true)).toEqual({ ok: false, fields: { capacity: ['fair.v.capacity'] } });
  });
});

describe('endOfLocalDay', () => {
  it('is the last moment of the day in Beijing time', () => {
    expect(endOfLocalDay('2026-12-05').toISOString()).toBe('2026-12-05T15:59:59.999Z');
  });
});
