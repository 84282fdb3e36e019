// Enumerated values of volunteer shifts and service hours: no database imports, so schema, services, pages and the API share them.
export const shiftTimings = ['fixed', 'window'] as const;
export type ShiftTiming = (typeof shiftTimings)[number];

export const shiftStatuses = ['open', 'cancelled'] as const;
export type ShiftStatus = (typeof shiftStatuses)[number];

export const shiftRecurrences = ['once', 'weekly'] as const;
export type ShiftRecurrence = (typeof shiftRecurrences)[number];

/** booked holds a spot; waitlisted waits in line for one; cancelled and no_show are final. */
export const signupStatuses = ['booked', 'waitlisted', 'cancelled', 'no_show'] as const;
export type SignupStatus = (typeof signupStatuses)[number];

/** Where an hours record came from. */
export const hoursSources = ['attendance', 'self_reported', 'organiser'] as const;
export type HoursSource = (typeof hoursSources)[number];

/** certified counts; pending waits for the organiser; flagged came from an automatic check-out and needs review. */
export const hoursStatuses = ['certified', 'pending', 'flagged', 'rejected'] as const;
export type HoursStatus = (typeof hoursStatuses)[number];

export const reminderKinds = ['7d', '1d', '2h'] as const;
export type ReminderKind = (typeof reminderKinds)[number];

export const goalKinds = ['shuangbaodao', 'personal'] as const;
export type GoalKind = (typeof goalKinds)[number];

/** 双报到: party members serving their home community, at least 16 hours a year. */
export const SHUANGBAODAO_HALF_HOURS = 32;

export const cancelReasons = ['illness', 'schedule', 'transport', 'family', 'other'] as const;
export type CancelReason = (typeof cancelReasons)[number];
