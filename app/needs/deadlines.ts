// Response deadlines: a service level per category × urgency (community settings, with defaults), and the
// overdue / very-overdue states computed from them — never stored, so they are always current. Pure.
import { z } from 'zod';
import { escalationLevels, urgencies, type EscalationLevel, type NeedStatus, type Urgency } from './values';

const HOUR = 3_600_000;

export const serviceLevelSchema = z.object({
  /** Hours until someone has verified the need and answered the requester. */
  responseHours: z.number().int().min(1).max(24 * 90),
  /** Hours until the need is resolved. */
  resolutionHours: z.number().int().min(1).max(24 * 365),
});
export type ServiceLevel = z.infer<typeof serviceLevelSchema>;

export const defaultServiceLevels: Record<Urgency, ServiceLevel> = {
  critical: { responseHours: 2, resolutionHours: 24 },
  high: { responseHours: 24, resolutionHours: 72 },
  normal: { responseHours: 48, resolutionHours: 7 * 24 },
  low: { responseHours: 72, resolutionHours: 14 * 24 },
};

const perUrgency = z.object(Object.fromEntries(urgencies.map((u) => [u, serviceLevelSchema.optional()])) as Record<Urgency, z.ZodOptional<typeof serviceLevelSchema>>);

/** Stored in a community's settings under `needServiceLevels`: an override per urgency, and per category × urgency. */
export const serviceLevelSettingsSchema = z.object({
  byUrgency: perUrgency.partial().default({}),
  byCategory: z.record(z.string(), perUrgency.partial()).default({}),
});
export type ServiceLevelSettings = z.infer<typeof serviceLevelSettingsSchema>;

export function readServiceLevels(stored: unknown): ServiceLevelSettings {
  const parsed = serviceLevelSettingsSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : { byUrgency: {}, byCategory: {} };
}

/** The service level for a category and urgency: category override, then community default, then platform default. */
export function serviceLevelFor(settings: ServiceLevelSettings, category: string, urgency: Urgency): ServiceLevel {
  return settings.byCategory[category]?.[urgency] ?? settings.byUrgency[urgency] ?? defaultServiceLevels[urgency];
}

export function deadlinesFor(raisedAt: Date, level: ServiceLevel) {
  return {
    firstResponseDueAt: new Date(raisedAt.getTime() + level.responseHours * HOUR),
    resolutionDueAt: new Date(raisedAt.getTime() + level.resolutionHours * HOUR),
  };
}

export type DeadlineState = 'on_time' | 'overdue' | 'very_overdue';

export interface DeadlineFacts {
  status: NeedStatus;
  raisedAt: Date;
  firstResponseDueAt: Date;
  resolutionDueAt: Date;
}

/** The deadline that matters now: the first response while nobody has answered, then the resolution. */
function runningDeadline(n: DeadlineFacts): Date | null {
  if (n.status === 'raised') return n.firstResponseDueAt < n.resolutionDueAt ? n.firstResponseDueAt : n.resolutionDueAt;
  if (n.status === 'triaged' || n.status === 'dispatched' || n.status === 'in_progress') return n.resolutionDueAt;
  return null;
}

/**
 * Overdue once the running deadline has passed; very overdue once it has been missed by as long again as the
 * time that was allowed (a 2-hour response is very overdue after 4 hours, a 7-day resolution after 14 days).
 * Mirrored in SQL by overdueSql() in needs.server.ts; a test keeps the two in step.
 */
export function deadlineState(n: DeadlineFacts, now: Date): DeadlineState {
  const due = runningDeadline(n);
  if (!due || now <= due) return 'on_time';
  const allowed = due.getTime() - n.raisedAt.getTime();
  return now.getTime() > due.getTime() + allowed ? 'very_overdue' : 'overdue';
}

/** The level that should hold a need now: overdue at grid level goes to the community, very overdue to the street. */
export function escalationTarget(state: DeadlineState, current: EscalationLevel): EscalationLevel {
  const wanted: EscalationLevel = state === 'very_overdue' ? 'street' : state === 'overdue' ? 'community' : 'grid';
  return escalationLevels.indexOf(wanted) > escalationLevels.indexOf(current) ? wanted : current;
}

/** Overdue first, then by the running deadline, soonest first: the order of the staff triage queue. */
export function triageOrder(a: DeadlineFacts, b: DeadlineFacts, now: Date): number {
  const rank = (s: DeadlineState) => (s === 'very_overdue' ? 0 : s === 'overdue' ? 1 : 2);
  const byState = rank(deadlineState(a, now)) - rank(deadlineState(b, now));
  if (byState) return byState;
  return (runningDeadline(a)?.getTime() ?? Infinity) - (runningDeadline(b)?.getTime() ?? Infinity);
}
