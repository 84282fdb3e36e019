// Form-shaped versions of the input schemas: what an HTML form sends (checkbox lists, a day set with one
// opening time, yuan instead of fen) turned into the service inputs, so pages need no JavaScript.
import { z } from 'zod';
import { offerInput, volunteerInput } from './schemas';

const asList = (v: unknown) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]);

/** Days ticked + one opening and closing time → weekly windows; yuan → fen. */
export const offerForm = z.preprocess((raw) => {
  const o = { ...(raw as Record<string, unknown>) };
  const days = asList(o.days);
  const opens = typeof o.opens === 'string' ? o.opens : '';
  const closes = typeof o.closes === 'string' ? o.closes : '';
  o.availability = days.length && (opens || closes) ? days.map((day) => ({ day, start: opens, end: closes })) : [];
  if (typeof o.valueYuan === 'string' && o.valueYuan.trim() !== '' && !Number.isNaN(Number(o.valueYuan))) o.valueMinor = Math.round(Number(o.valueYuan) * 100);
  else if (o.valueYuan !== undefined && o.valueYuan !== '') o.valueMinor = 'x';
  return o;
}, offerInput);

const PARTS: Record<string, [number, number]> = { morning: [8, 12], afternoon: [13, 17], evening: [18, 21] };
export const dayParts = Object.keys(PARTS);

/** Ticked "day.part" boxes (e.g. "5.morning") → weekly windows; one "away" stretch; comma-separated tags. */
export const volunteerForm = z.preprocess((raw) => {
  const o = { ...(raw as Record<string, unknown>) };
  o.availability = asList(o.slots)
    .map(String)
    .map((s) => s.split('.'))
    .filter(([d, p]) => /^[0-6]$/.test(d) && PARTS[p])
    .map(([d, p]) => ({ day: Number(d), start: `${PARTS[p][0]}:00`, end: `${PARTS[p][1]}:00` }));
  o.exceptions = o.awayFrom || o.awayTo ? [{ from: o.awayFrom ?? '', to: o.awayTo ?? o.awayFrom ?? '' }] : [];
  o.tags = typeof o.tags === 'string' ? o.tags.split(/[,，、]/).map((s) => s.trim()).filter(Boolean) : [];
  o.consentToContact = o.consentToContact === 'on' || o.consentToContact === 'true' || o.consentToContact === true;
  return o;
}, volunteerInput);

/** The ticked boxes of a profile's availability, for the form's defaults. */
export function slotsOf(windows: readonly { day: number; start: number; end: number }[]) {
  const out: string[] = [];
  for (const w of windows) for (const [part, [s, e]] of Object.entries(PARTS)) if (w.start <= s * 60 && w.end >= e * 60) out.push(`${w.day}.${part}`);
  return out;
}
