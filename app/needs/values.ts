// Enumerated values of the needs list, free of database imports so pages, forms and the schema share them.
export const needStatuses = ['raised', 'triaged', 'dispatched', 'in_progress', 'resolved', 'closed', 'rated', 'rejected', 'merged', 'out_of_scope'] as const;
export type NeedStatus = (typeof needStatuses)[number];

export const urgencies = ['low', 'normal', 'high', 'critical'] as const;
export type Urgency = (typeof urgencies)[number];

/** The five kinds staff set at triage: major, hard, urgent (fast track), specialist (needs a professional), routine. */
export const needTypes = ['major', 'hard', 'urgent', 'specialist', 'routine'] as const;
export type NeedType = (typeof needTypes)[number];

export const beneficiaryTypes = ['person', 'household', 'building', 'community'] as const;
export type BeneficiaryType = (typeof beneficiaryTypes)[number];

export const recurrences = ['once', 'daily', 'weekly', 'monthly'] as const;
export type Recurrence = (typeof recurrences)[number];

/** How a need reached the list. Staff record the channel when they log a need for someone. */
export const needChannels = ['online', 'anonymous', 'door_to_door', 'yard_meeting', 'hotline', 'walk_in', 'import'] as const;
export type NeedChannel = (typeof needChannels)[number];
export const staffChannels = ['door_to_door', 'yard_meeting', 'hotline', 'walk_in'] as const;

export const escalationLevels = ['grid', 'community', 'street'] as const;
export type EscalationLevel = (typeof escalationLevels)[number];

export const assigneeTypes = ['person', 'team', 'organisation', 'department', 'project'] as const;
export type AssigneeType = (typeof assigneeTypes)[number];

export const needEventKinds = [
  'raised',
  'triaged',
  'out_of_scope',
  'dispatched',
  'progress',
  'resolved',
  'closed',
  'rated',
  'merged',
  'merged_in',
  'rejected',
  'escalated',
] as const;
export type NeedEventKind = (typeof needEventKinds)[number];

export const defaultNeedCategories = [
  'elderly_care',
  'meals',
  'child_care',
  'disability',
  'health',
  'legal_aid',
  'repairs',
  'environment',
  'safety',
  'culture_education',
  'employment',
  'other',
] as const;

export const importStatuses = ['queued', 'running', 'done', 'failed'] as const;
export type ImportStatus = (typeof importStatuses)[number];
