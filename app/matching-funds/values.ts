// Enumerated values of matching programmes, pledges and household shares, free of database imports.
export { giftSources, exhaustionPolicies, type GiftSource, type ExhaustionPolicy } from './rules';

/** draft: being set up and simulated; active: matching gifts; closed: no more matches. */
export const programmeStatuses = ['draft', 'active', 'closed'] as const;
export type ProgrammeStatus = (typeof programmeStatuses)[number];

/** open: waiting for payment (maybe partly paid); fulfilled: paid in full; expired: due date passed unpaid; cancelled by the pledger. */
export const pledgeStatuses = ['open', 'fulfilled', 'expired', 'cancelled'] as const;
export type PledgeStatus = (typeof pledgeStatuses)[number];
