// Enumerated values of the project fair (项目相亲会) and of delivery, free of database imports so pages, forms and
// the schema share them.
import { fairSides, type FairSide } from '../../matching/stable';

export { fairSides, type FairSide };

/** open (taking preferences) → proposed (a stable matching shown for signing) → closed; or cancelled. */
export const fairStatuses = ['open', 'proposed', 'closed', 'cancelled'] as const;
export type FairStatus = (typeof fairStatuses)[number];

/** A proposal is current until staff run a new one (then superseded). */
export const fairProposalStatuses = ['current', 'superseded'] as const;
export type FairProposalStatus = (typeof fairProposalStatuses)[number];

/** How many partners a party may take at most (an organisation may deliver several projects). */
export const maxFairCapacity = 20;
/** How many parties one may rank. */
export const maxFairRanking = 50;

export const reportKinds = ['progress', 'final'] as const;
export type ReportKind = (typeof reportKinds)[number];

/** Kinds of project_events that delivery writes (the public timeline). */
export const deliveryEventKinds = ['milestone_progress', 'report', 'final_report', 'disbursement_requested', 'disbursement_paid', 'fair_signed'] as const;
export type DeliveryEventKind = (typeof deliveryEventKinds)[number];
