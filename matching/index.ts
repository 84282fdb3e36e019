// The matching core's public surface: pure scoring, suggestions and exact batch assignment (no I/O).
export * from './types';
export { WEIGHTS, RATING_PRIOR, SCORE_SCALE, scoreParts, exclusionCodes, score, scorePoints, smoothedRating, checkExclusions, candidateKey } from './score';
export type { Score, ScorePart, ScoreFacts, Exclusion, ExclusionCode } from './score';
export { suggestCandidates, suggestNeeds, compareRanked } from './suggest';
export type { Suggestion, Suggestions, NeedSuggestion } from './suggest';
export { assign } from './assign';
export type { Assignment, AssignedPair, AssignOptions, UnmatchedNeed, UnmatchedReason } from './assign';
export { solveTransport, flowTotal } from './flow';
export type { TransportProblem, TransportSolution } from './flow';
export { greedyBestPairFirst, greedyArrivalOrder } from './greedy';
export { stableMatching, blockingPairs, fairSides } from './stable';
export type { FairInput, FairParty, FairPair, FairSide, FairOutcome, FairPartner, FairMatching, OpenReason } from './stable';
