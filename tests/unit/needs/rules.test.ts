import { describe, expect, it } from 'vitest';
import { deadlineState, deadlinesFor, escalationTarget, readServiceLevels, serviceLevelFor, triageOrder, defaultServiceLevels } from '../../../app/needs/deadlines';
import { sanitiseSummary } from '../../../app/needs/sanitise';
import { readNeedSettings } from '../../../app/needs/settings';
import { canTransition, isPublicStatus, nextStatus, transitions } from '../../../app/needs/status';
import { needStatuses, type NeedStatus } from '../../../app/needs/values';

const H = 3_600_000;

describe('the state machine', () => {
  it('walks the whole life of a need', () => {
    let s: NeedStatus = 'raised';
    for (const step of ['triage', 'dispatch', 'progress', 'dispatch', 'progress', 'resolve', 'close', 'rate'] as const) {
      expect(canTransition(s, step), `${step} from ${s}`).toBe(true);
      s = nextStatus(s, step);
    }
    expect(s).toBe('rated');
  });

  it('keeps in progress when a further partial claim is dispatched', () => {
    expect(nextStatus('in_progress', 'dispatch')).toBe('in_progress');
    expect(nextStatus('triaged', 'dispatch')).toBe('dispatched');
  });

  it('refuses steps from the wrong state', () => {
    expect(canTransition('raised', 'dispatch')).toBe(false);
    expect(canTransition('raised', 'close')).toBe(false);
    expect(canTransition('resolved', 'rate')).toBe(false);
    expect(canTransition('rated', 'rate')).toBe(false);
    expect(canTransition('dispatched', 'merge')).toBe(false);
    expect(canTransition('rejected', 'triage')).toBe(false);
  });

  it('ends every final status: nothing but rating follows closure', () => {
    for (const s of ['rated', 'rejected', 'merged', 'out_of_scope'] as const) {
      for (const step of transitions) expect(canTransition(s, step), `${step} from ${s}`).toBe(false);
    }
  });

  it('shows only verified needs in public', () => {
    expect(needStatuses.filter((s) => !isPublicStatus(s))).toEqual(['raised']);
  });
});

describe('deadlines', () => {
  const raisedAt = new Date('2026-03-01T00:00:00Z');

  it('takes a category override, then the community default, then the platform default', () => {
    const settings = readServiceLevels({ byUrgency: { normal: { responseHours: 10, resolutionHours: 100 } }, byCategory: { meals: { high: { responseHours: 1, resolutionHours: 12 } } } });
    expect(serviceLevelFor(settings, 'meals', 'high')).toEqual({ responseHours: 1, resolutionHours: 12 });
    expect(serviceLevelFor(settings, 'meals', 'normal')).toEqual({ responseHours: 10, resolutionHours: 100 });
    expect(serviceLevelFor(settings, 'repairs', 'critical')).toEqual(defaultServiceLevels.critical);
    expect(readServiceLevels('garbage')).toEqual({ byUrgency: {}, byCategory: {} });
  });

  it('computes overdue and very overdue from the running deadline, never stored', () => {
    const due = deadlinesFor(raisedAt, { responseHours: 2, resolutionHours: 24 });
    const need = { status: 'raised' as NeedStatus, raisedAt, ...due };
    expect(deadlineState(need, new Date(raisedAt.getTime() + 1 * H))).toBe('on_time');
    expect(deadlineState(need, new Date(raisedAt.getTime() + 3 * H))).toBe('overdue');
    expect(deadlineState(need, new Date(raisedAt.getTime() + 4 * H + 1))).toBe('very_overdue');
    // Once answered, the resolution deadline runs.
    const triaged = { ...need, status: 'triaged' as NeedStatus };
    expect(deadlineState(triaged, new Date(raisedAt.getTime() + 5 * H))).toBe('on_time');
    expect(deadlineState(triaged, new Date(raisedAt.getTime() + 25 * H))).toBe('overdue');
    expect(deadlineState(triaged, new Date(raisedAt.getTime() + 49 * H))).toBe('very_overdue');
    // A finished need is never overdue.
    expect(deadlineState({ ...need, status: 'closed' }, new Date(raisedAt.getTime() + 1000 * H))).toBe('on_time');
  });

  it('escalates grid → community → street and never back down', () => {
    expect(escalationTarget('on_time', 'grid')).toBe('grid');
    expect(escalationTarget('overdue', 'grid')).toBe('community');
    expect(escalationTarget('very_overdue', 'grid')).toBe('street');
    expect(escalationTarget('overdue', 'street')).toBe('street');
    expect(escalationTarget('on_time', 'community')).toBe('community');
  });

  it('sorts the triage queue overdue first, then by deadline', () => {
    const now = new Date(raisedAt.getTime() + 30 * H);
    const make = (resolutionHours: number) => ({ status: 'triaged' as NeedStatus, raisedAt, ...deadlinesFor(raisedAt, { responseHours: 1, resolutionHours }) });
    const soon = make(40);
    const later = make(80);
    const overdue = make(24);
    const very = make(10);
    expect([later, soon, overdue, very].sort((a, b) => triageOrder(a, b, now))).toEqual([very, overdue, soon, later]);
  });
});

describe('public summaries', () => {
  it('removes phone numbers, emails, ID numbers and door numbers', () => {
    const s = sanitiseSummary('王奶奶住3单元301室，电话13812345678，身份证110101194001011234，邮箱wang@example.com，需要送餐');
    expect(s).not.toMatch(/138|301|1101|wang@|example/);
    expect(s).toContain('需要送餐');
    expect(sanitiseSummary('Broken lamp outside Room 12B, call 021-12345678')).not.toMatch(/12B|12345678/);
  });

  it('keeps small numbers and shortens long text', () => {
    expect(sanitiseSummary('5 meals a week for an 80+ elder')).toBe('5 meals a week for an 80+ elder');
    expect(sanitiseSummary('x'.repeat(300)).length).toBe(120);
  });
});

describe('community needs settings', () => {
  it('falls back to the default categories', () => {
    expect(readNeedSettings({}).categories.map((c) => c.key)).toContain('elderly_care');
    expect(readNeedSettings({ needCategories: [{ key: 'canteen', zh: '长者食堂', en: 'Elder canteen' }] }).categories).toEqual([{ key: 'canteen', zh: '长者食堂', en: 'Elder canteen' }]);
    expect(readNeedSettings({ needCategories: 'nonsense' }).categories.length).toBe(12);
  });
});

describe('what a summary may not say', () => {
  it('drops the names it is given and the name before a form of address', () => {
    expect(sanitiseSummary('赵桂兰需要陪同就医', 120, ['赵桂兰'])).toBe('某需要陪同就医');
    expect(sanitiseSummary('王秀英奶奶独居，需要送餐')).toBe('某奶奶独居，需要送餐');
    expect(sanitiseSummary('Mrs Wang needs her meals delivered')).toBe('Mrs X needs her meals delivered');
  });
});
