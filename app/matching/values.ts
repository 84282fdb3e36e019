// Enumerated values of matching, free of database imports so the schema, services and pages share them.
export { candidateKinds as matchCandidateKinds } from '../../matching/types';
export type { CandidateKind as MatchCandidateKind } from '../../matching/types';

/** proposed: waiting for staff; approved: every pair decided (written or found stale). */
export const matchRunStatuses = ['proposed', 'approved'] as const;
export type MatchRunStatus = (typeof matchRunStatuses)[number];

/** proposed → approved (dispatch written) or stale (the need or the candidate changed since the run). */
export const matchPairStatuses = ['proposed', 'approved', 'stale'] as const;
export type MatchPairStatus = (typeof matchPairStatuses)[number];
