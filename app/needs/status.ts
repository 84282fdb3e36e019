// The life of a need as a state machine: which step may happen from which status, and where it leads. Pure.
import type { NeedStatus } from './values';

export const transitions = ['triage', 'out_of_scope', 'dispatch', 'progress', 'resolve', 'close', 'rate', 'merge', 'reject'] as const;
export type Transition = (typeof transitions)[number];

const from: Record<Transition, readonly NeedStatus[]> = {
  // Re-triage is allowed until someone has been sent: staff correct category or urgency after a call back.
  triage: ['raised', 'triaged'],
  out_of_scope: ['raised', 'triaged'],
  // Further partial claims may be added while work goes on (3 of 5 meals covered, then the other 2).
  dispatch: ['triaged', 'dispatched', 'in_progress'],
  progress: ['dispatched', 'in_progress'],
  resolve: ['dispatched', 'in_progress'],
  close: ['resolved'],
  rate: ['closed'],
  merge: ['raised', 'triaged'],
  reject: ['raised', 'triaged'],
};

export function canTransition(status: NeedStatus, step: Transition): boolean {
  return from[step].includes(status);
}

/** The status after a step; `current` matters only where a step keeps the status (a second dispatch). */
export function nextStatus(current: NeedStatus, step: Transition): NeedStatus {
  switch (step) {
    case 'triage':
      return 'triaged';
    case 'out_of_scope':
      return 'out_of_scope';
    case 'dispatch':
      return current === 'in_progress' ? 'in_progress' : 'dispatched';
    case 'progress':
      return 'in_progress';
    case 'resolve':
      return 'resolved';
    case 'close':
      return 'closed';
    case 'rate':
      return 'rated';
    case 'merge':
      return 'merged';
    case 'reject':
      return 'rejected';
  }
}

/** Still waiting for an answer: deadlines run and escalation applies. */
export const openStatuses: readonly NeedStatus[] = ['raised', 'triaged', 'dispatched', 'in_progress'];
export const isOpen = (s: NeedStatus) => openStatuses.includes(s);

/** Finished one way or another; the answer was given. */
export const finalStatuses: readonly NeedStatus[] = ['resolved', 'closed', 'rated', 'rejected', 'merged', 'out_of_scope'];

/** Verified needs are on the public list; a raw submission is seen only by its requester and staff until then. */
export const isPublicStatus = (s: NeedStatus) => s !== 'raised';
