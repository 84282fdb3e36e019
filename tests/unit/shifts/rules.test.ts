// Pure rules of shifts: half-hour rounding, clashes, cut-offs, reminders, automatic check-out, the hours record, goals,
// CSV cells, and the iCalendar writer.
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { calendar, escapeText, fold, shanghaiStamp } from '../../../app/shifts/ics';
import { autoCheckout, canCancel, checkinCodeOf, csvCell, goalProgress, hoursByMonth, overlaps, reminderDue, toHalfHours, weeklyOccurrences } from '../../../app/shifts/rules';

const H = 3_600_000;
const at = (iso: string) => new Date(iso);

describe('half hours', () => {
  it('rounds to the nearest half hour, a quarter rounding up', () => {
    expect([0, 14, 15, 44, 45, 60, 100, 105].map(toHalfHours)).toEqual([0, 0, 1, 1, 2, 2, 3, 4]);
  });
});

describe('clashes and cut-offs', () => {
  it('overlapping times clash, touching ends do not', () => {
    const a = { startsAt: at('2026-12-01T01:00:00Z'), endsAt: at('2026-12-01T03:00:00Z') };
    expect(overlaps(a, { startsAt: at('2026-12-01T02:59:00Z'), endsAt: at('2026-12-01T04:00:00Z') })).toBe(true);
    expect(overlaps(a, { startsAt: at('2026-12-01T03:00:00Z'), endsAt: at('2026-12-01T04:00:00Z') })).toBe(false);
    expect(overlaps(a, { startsAt: at('2026-12-01T00:00:00Z'), endsAt: at('2026-12-01T05:00:00Z') })).toBe(true);
  });

  it('cancellation closes at the cut-off', () => {
    const s = { startsAt: at('2026-12-02T00:00:00Z'), cancelCutoffHours: 12 };
    expect(canCancel(s, at('2026-12-01T12:00:00Z'))).toBe(true);
    expect(canCancel(s, at('2026-12-01T12:00:01Z'))).toBe(false);
  });
});

describe('reminders', () => {
  const start = at('2026-12-10T02:00:00Z');
  it('picks the narrowest reminder whose time has come', () => {
    expect(reminderDue(start, new Date(start.getTime() - 8 * 24 * H))).toBeNull();
    expect(reminderDue(start, new Date(start.getTime() - 7 * 24 * H))).toBe('7d');
    expect(reminderDue(start, new Date(start.getTime() - 23 * H))).toBe('1d');
    expect(reminderDue(start, new Date(start.getTime() - H))).toBe('2h');
    expect(reminderDue(start, start)).toBeNull();
  });
  it('skips a reminder whose time had passed when the spot was booked', () => {
    expect(reminderDue(start, new Date(start.getTime() - 3 * 24 * H), new Date(start.getTime() - 4 * 24 * H))).toBeNull();
    expect(reminderDue(start, new Date(start.getTime() - 20 * H), new Date(start.getTime() - 4 * 24 * H))).toBe('1d');
  });
});

describe('attendance', () => {
  it('checks out automatically at the scheduled end once the limit has passed', () => {
    const s = { startsAt: at('2026-12-01T01:00:00Z'), endsAt: at('2026-12-01T03:00:00Z'), autoCheckoutMinutes: 120 };
    expect(autoCheckout(s, s.startsAt, at('2026-12-01T04:59:00Z'))).toBeNull();
    expect(autoCheckout(s, s.startsAt, at('2026-12-01T05:00:00Z'))?.toISOString()).toBe('2026-12-01T03:00:00.000Z');
  });
  it('makes weekly occurrences at the same local time and six-digit codes', () => {
    const weeks = weeklyOccurrences({ startsAt: at('2026-12-01T02:30:00Z'), endsAt: at('2026-12-01T04:00:00Z') }, 3);
    expect(weeks.map((w) => w.startsAt.toISOString())).toEqual(['2026-12-01T02:30:00.000Z', '2026-12-08T02:30:00.000Z', '2026-12-15T02:30:00.000Z']);
    expect(checkinCodeOf(new Uint8Array([255, 255, 255]))).toMatch(/^\d{6}$/);
    expect(checkinCodeOf(new Uint8Array([0, 0, 7]))).toBe('000007');
  });
});

describe('the hours record', () => {
  const rows = [
    { servedOn: '2026-11-03', halfHours: 4, status: 'certified' as const, source: 'attendance' as const, organisation: '锦华苑社区' },
    { servedOn: '2026-11-20', halfHours: 3, status: 'certified' as const, source: 'self_reported' as const, organisation: '锦华苑社区' },
    { servedOn: '2026-11-21', halfHours: 2, status: 'pending' as const, source: 'self_reported' as const, organisation: '锦华苑社区' },
    { servedOn: '2026-11-22', halfHours: 5, status: 'rejected' as const, source: 'self_reported' as const, organisation: '锦华苑社区' },
    { servedOn: '2026-10-09', halfHours: 4, status: 'flagged' as const, source: 'attendance' as const, organisation: '巡逻队' },
    { servedOn: '2025-12-30', halfHours: 40, status: 'certified' as const, source: 'attendance' as const, organisation: '巡逻队' },
  ];
  it('groups by month and organisation, certified vs self-reported vs pending; rejected counts nowhere', () => {
    expect(hoursByMonth(rows)).toEqual([
      { month: '2026-11', organisation: '锦华苑社区', certified: 7, selfReported: 3, pending: 2 },
      { month: '2026-10', organisation: '巡逻队', certified: 0, selfReported: 0, pending: 4 },
      { month: '2025-12', organisation: '巡逻队', certified: 40, selfReported: 0, pending: 0 },
    ]);
  });
  it('counts certified hours of the year toward the goal', () => {
    expect(goalProgress(32, rows, 2026)).toEqual({ target: 32, certified: 7, pending: 6, percent: 21, met: false });
    expect(goalProgress(32, rows, 2025)).toMatchObject({ certified: 40, percent: 100, met: true });
  });
  it('neutralises formula-like CSV cells and quotes what needs it', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('-2.5')).toBe('-2.5');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('送餐')).toBe('送餐');
  });
});

describe('iCalendar', () => {
  it('writes Shanghai wall time, escapes text and folds long lines at 75 octets', () => {
    expect(shanghaiStamp(at('2026-12-01T16:30:00Z'))).toBe('20261202T003000');
    expect(escapeText('a;b,c\\d\ne')).toBe('a\\;b\\,c\\\\d\\ne');
    const long = `DESCRIPTION:${'长'.repeat(60)}`;
    const folded = fold(long);
    for (const line of folded.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(long);
  });
  it('parses back with ical.js to the same instants', () => {
    const text = calendar('我的班次', [{ uid: 'x@fivefold', title: '送餐, 第一组', description: '岗位: 送餐员\n带保温箱', location: '锦华苑社区 · 食堂', startsAt: at('2026-12-01T02:30:00Z'), endsAt: at('2026-12-01T04:00:00Z'), url: 'https://example.org/shifts/1', status: 'CONFIRMED', updatedAt: at('2026-11-01T00:00:00Z') }]);
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!);
    expect(event.summary).toBe('送餐, 第一组');
    expect(event.description).toBe('岗位: 送餐员\n带保温箱');
    expect([event.startDate.hour, event.startDate.minute]).toEqual([10, 30]);
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-12-01T02:30:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-12-01T04:00:00.000Z');
  });
});
