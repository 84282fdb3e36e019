// Enumerated values of the project list and funding rounds (公益创投), free of database imports so pages, forms,
// the API and the schema share them.

/** draft → open_for_bids → awarded → in_progress → completed → evaluated; cancelled from any state before completed. */
export const projectStates = ['draft', 'open_for_bids', 'awarded', 'in_progress', 'completed', 'evaluated', 'cancelled'] as const;
export type ProjectState = (typeof projectStates)[number];

/** Project states the public sees (a draft is only for staff of its place). */
export const publicProjectStates: readonly ProjectState[] = ['open_for_bids', 'awarded', 'in_progress', 'completed', 'evaluated'];

/** draft → open (taking bids) → evaluating (closed to bids) → notice (awards published for 公示) → completed; or cancelled. */
export const roundStatuses = ['draft', 'open', 'evaluating', 'notice', 'completed', 'cancelled'] as const;
export type RoundStatus = (typeof roundStatuses)[number];

/** Who may bid: registered organisations always; resident teams and individuals only in micro-grant rounds. */
export const applicantTypes = ['registered_org', 'resident_team', 'individual'] as const;
export type ApplicantType = (typeof applicantTypes)[number];
export const microGrantOnlyApplicantTypes: readonly ApplicantType[] = ['resident_team', 'individual'];

export const bidStatuses = ['submitted', 'withdrawn', 'awarded', 'not_awarded'] as const;
export type BidStatus = (typeof bidStatuses)[number];

/** requested (as bid) → cut (trimmed by staff, with a reason) → granted (the amount published for notice) → final; or revoked. */
export const awardStatuses = ['requested', 'cut', 'granted', 'final', 'revoked'] as const;
export type AwardStatus = (typeof awardStatuses)[number];

/** Kinds of step in a project's public history; delivery adds its own (milestone progress, reports, disbursements). */
export const projectEventKinds = ['created', 'state_changed', 'needs_linked', 'round_joined', 'bid_awarded', 'award_final', 'objection', 'objection_answered'] as const;
export type ProjectEventKind = (typeof projectEventKinds)[number];

/** Scores are whole points on each criterion, weighted by the criterion's weight. */
export const scoreMin = 0;
export const scoreMax = 10;

/** The default notice period (公示期) of a round, in days; rounds may set their own. */
export const defaultNoticeDays = 5;

export type BidStaffMember = { name: string; role: string };
export type BidBudgetLine = { label: string; amountMinor: number };
export type BidScheduleItem = { title: string; dueOn: string };
