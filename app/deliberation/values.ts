// Enumerated values of deliberation (民议 · 民决 · 民评), free of database imports so pages, forms, the API and the
// schema share them.

/** Roles on a residents' council; supervisors (监督员) watch the council and do not decide. */
export const councilRoles = ['chair', 'vice_chair', 'member', 'supervisor'] as const;
export type CouncilRole = (typeof councilRoles)[number];

/** Groups a council reserves seats for, so that renters and migrant workers are heard beside long-time residents. */
export const seatGroups = ['general', 'local_residents', 'migrant_workers', 'elderly', 'youth', 'property_owners', 'merchants'] as const;
export type SeatGroup = (typeof seatGroups)[number];

export const meetingTypes = ['consultation', 'coordination', 'hearing', 'evaluation'] as const;
export type MeetingType = (typeof meetingTypes)[number];

export const meetingStatuses = ['scheduled', 'held', 'cancelled'] as const;
export type MeetingStatus = (typeof meetingStatuses)[number];

/**
 * A topic's way: listed (议题清单) → chosen → public notice (公示) → deliberation → plan → implementation (a
 * linked project) → follow-up evaluation → done. A listed or chosen topic may be declined, with a reason.
 */
export const topicStages = ['listed', 'chosen', 'notice', 'deliberation', 'plan', 'implementation', 'evaluation', 'done', 'declined'] as const;
export type TopicStage = (typeof topicStages)[number];

export const topicOrigins = ['resident', 'staff', 'need'] as const;
export type TopicOrigin = (typeof topicOrigins)[number];

/** visible → hidden (reports reached the threshold, waiting for a moderator) → visible again or removed. */
export const commentStatuses = ['visible', 'hidden', 'removed'] as const;
export type CommentStatus = (typeof commentStatuses)[number];

export const voteStatuses = ['draft', 'open', 'closed', 'cancelled'] as const;
export type VoteStatus = (typeof voteStatuses)[number];

/** One ballot per household (cast by its voter) or one per adult, as the community sets. */
export const voteUnits = ['household', 'adult'] as const;
export type VoteUnit = (typeof voteUnits)[number];

/** How a ballot arrived: in the app, on a paper ballot, or as a line on a signature sheet (both entered by staff). */
export const ballotChannels = ['online', 'paper', 'signature_sheet'] as const;
export type BallotChannel = (typeof ballotChannels)[number];

/** An abstention counts toward turnout (and quorum, if the vote says so) but never toward the threshold. */
export const optionKinds = ['choice', 'abstain'] as const;
export type OptionKind = (typeof optionKinds)[number];

export const panelStatuses = ['open', 'published'] as const;
export type PanelStatus = (typeof panelStatuses)[number];
