// Pure rules of shifts and service hours: clashes, cut-offs, reminders, half-hour rounding, the hours record and goals. No I/O.
import { localParts } from '../resources/rules';
import type { HoursSource, HoursStatus, ReminderKind } from './values';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface Interval {
  startsAt: Date;
  endsAt: Date;
}

/** Two fixed-time shifts clash when their times overlap (touching ends do not). */
export const overlaps = (a: Interval, b: Interval) => a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();

/** Minutes to half-hour units, to the nearest half hour (a quarter of an hour rounds up). */
export function toHalfHours(minutes: number): number {
  if (minutes <= 0) return 0;
  return Math.floor((minutes + 15) / 30);
}

export const formatHours = (halfHours: number) => (halfHours / 2).toFixed(1);

/** Whether a volunteer may still cancel: not later than the cut-off before the start. */
export const canCancel = (shift: { startsAt: Date; cancelCutoffHours: number }, now: Date) => now.getTime() <= shift.startsAt.getTime() - shift.cancelCutoffHours * HOUR;

/** The reminders and how long before the start each goes out, widest first. */
export const reminderOffsets: readonly [ReminderKind, number][] = [
  ['7d', 7 * DAY],
  ['1d', DAY],
  ['2h', 2 * HOUR],
];

/**
 * The reminder due now for a shift starting at `startsAt`: the narrowest one whose time has come, or null once it has
 * started. A reminder whose time had already passed when the spot was booked is skipped: someone who signs up two days
 * before gets the 1-day and 2-hour reminders, not a late 7-day one.
 */
export function reminderDue(startsAt: Date, now: Date, bookedAt?: Date | null): ReminderKind | null {
  const left = startsAt.getTime() - now.getTime();
  if (left <= 0) return null;
  let due: ReminderKind | null = null;
  for (const [kind, offset] of reminderOffsets) if (left <= offset) due = kind;
  if (!due || !bookedAt) return due;
  const offset = reminderOffsets.find(([k]) => k === due)![1];
  return bookedAt.getTime() <= startsAt.getTime() - offset ? due : null;
}

/** Check-in by code is open from 30 minutes before the start to the end. */
export const CHECKIN_EARLY_MS = 30 * 60_000;
export const checkinOpen = (shift: Interval, now: Date) => now.getTime() >= shift.startsAt.getTime() - CHECKIN_EARLY_MS && now.getTime() <= shift.endsAt.getTime();

/** Half-hours served between check-in and check-out. */
export const servedHalfHours = (checkedInAt: Date, checkedOutAt: Date) => toHalfHours((checkedOutAt.getTime() - checkedInAt.getTime()) / 60_000);

/** When a forgotten check-out is made for the volunteer, and the time it records (the scheduled end, never later). */
export function autoCheckout(shift: Interval & { autoCheckoutMinutes: number }, checkedInAt: Date, now: Date): Date | null {
  if (now.getTime() < shift.endsAt.getTime() + shift.autoCheckoutMinutes * 60_000) return null;
  return new Date(Math.max(shift.endsAt.getTime(), checkedInAt.getTime()));
}

/** The dates of a weekly series: `weeks` occurrences a week apart (the local time of day stays the same: no DST in China). */
export function weeklyOccurrences(first: Interval, weeks: number): Interval[] {
  return Array.from({ length: weeks }, (_, i) => ({ startsAt: new Date(first.startsAt.getTime() + i * 7 * DAY), endsAt: new Date(first.endsAt.getTime() + i * 7 * DAY) }));
}

/** A six-digit check-in code from random bytes. */
export const checkinCodeOf = (bytes: Uint8Array) => String(((bytes[0] << 16) | (bytes[1] << 8) | bytes[2]) % 1_000_000).padStart(6, '0');

/** The local date (Asia/Shanghai) of an instant, YYYY-MM-DD. */
export const localDate = (d: Date) => localParts(d).date;

// ---------------------------------------------------------------- the hours record

export interface HoursRow {
  servedOn: string;
  halfHours: number;
  status: HoursStatus;
  source: HoursSource;
  organisation: string;
}

export interface MonthLine {
  month: string;
  organisation: string;
  certified: number;
  selfReported: number;
  pending: number;
}

/**
 * The record by month and organisation: certified half-hours, of which self-reported (logged afterwards and certified),
 * and what still waits for certification. Rejected hours count nowhere. Newest month first.
 */
export function hoursByMonth(rows: readonly HoursRow[]): MonthLine[] {
  const lines = new Map<string, MonthLine>();
  for (const r of rows) {
    if (r.status === 'rejected') continue;
    const month = r.servedOn.slice(0, 7);
    const key = `${month}\u0000${r.organisation}`;
    const line = lines.get(key) ?? { month, organisation: r.organisation, certified: 0, selfReported: 0, pending: 0 };
    if (r.status === 'certified') {
      line.certified += r.halfHours;
      if (r.source === 'self_reported') line.selfReported += r.halfHours;
    } else line.pending += r.halfHours;
    lines.set(key, line);
  }
  return [...lines.values()].sort((a, b) => b.month.localeCompare(a.month) || a.organisation.localeCompare(b.organisation));
}

export interface GoalProgress {
  target: number;
  certified: number;
  pending: number;
  /** 0–100, certified only. */
  percent: number;
  met: boolean;
}

/** Progress toward a yearly goal: only certified hours count; pending ones are shown beside. */
export function goalProgress(targetHalfHours: number, rows: readonly Pick<HoursRow, 'servedOn' | 'halfHours' | 'status'>[], year: number): GoalProgress {
  let certified = 0;
  let pending = 0;
  for (const r of rows) {
    if (!r.servedOn.startsWith(`${year}-`)) continue;
    if (r.status === 'certified') certified += r.halfHours;
    else if (r.status === 'pending' || r.status === 'flagged') pending += r.halfHours;
  }
  return { target: targetHalfHours, certified, pending, percent: Math.min(100, Math.floor((certified * 100) / targetHalfHours)), met: certified >= targetHalfHours };
}

/** A CSV cell: quoted, and formula-like text neutralised so a spreadsheet never runs it. */
export function csvCell(value: string | number): string {
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
