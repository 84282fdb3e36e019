// How shifts and hours look in the API: snake_case, ISO dates, public fields only (the roster is never here).
import type { SignupOutcome } from './signups.server';
import type { PublicShift } from './shifts.server';
import { camelToSnake } from '../resources/json';
import { translator } from '../i18n/messages';
import type { z } from 'zod';

const area = (id: string | null, zh: string | null, en: string | null) => (id ? { id, name_zh: zh, name_en: en } : null);

export const shiftJson = (s: PublicShift) => ({
  id: s.id,
  title: s.title,
  description: s.description,
  role: s.role,
  spots: s.spots,
  booked: Number(s.booked),
  free_spots: Math.max(0, s.spots - Number(s.booked)),
  waitlisted: Number(s.waiting),
  waitlist_limit: s.waitlistLimit,
  skills: s.skills,
  required_checks: s.requiredChecks,
  place: area(s.placeId, s.placeZh, s.placeEn),
  community: area(s.communityId, s.communityZh, s.communityEn),
  location: s.location,
  need_id: s.needId,
  project_id: s.projectId,
  organisation: s.organisationId ? { id: s.organisationId, name: s.organisationName } : null,
  timing: s.timing,
  starts_at: s.startsAt.toISOString(),
  ends_at: s.endsAt.toISOString(),
  duration_minutes: s.durationMinutes,
  recurrence: s.recurrence,
  series_id: s.seriesId,
  teams_allowed: s.teamsAllowed,
  cancel_cutoff_hours: s.cancelCutoffHours,
  status: s.status,
});

const en = translator('en');

/** A refusal as the API's error: 409 with the reason code (and the missing checks) in `fields`. */
export function refusalFields(r: SignupOutcome & { outcome: 'refused' }) {
  const fields: Record<string, string[]> = { reason: [r.reason] };
  if (r.missing?.length) fields.missing_checks = r.missing;
  if (r.expired?.length) fields.expired_checks = r.expired;
  if (r.clashWith) fields.clash_with = [r.clashWith];
  return { message: en(`shifts.refused.${r.reason}`, { title: r.clashWith ?? '', checks: [...(r.missing ?? []), ...(r.expired ?? [])].join(', ') }), fields };
}

/** zod issues as API field errors: snake_case names, English messages. */
export function apiFields(error: z.ZodError) {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.map((p) => (typeof p === 'string' ? camelToSnake(p) : String(p))).join('.') || '_';
    (fields[key] ??= []).push(en(issue.message));
  }
  return fields;
}
