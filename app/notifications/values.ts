// How notifications reach someone by email. Pure values: pages and the schema both use them.
export const emailModes = ['immediate', 'digest', 'off'] as const;
export type EmailMode = (typeof emailModes)[number];
