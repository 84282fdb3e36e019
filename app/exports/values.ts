// What can be exported and how, shared by the schema, the services and the pages (no database imports here).
export const exportLists = ['needs', 'resources', 'projects', 'shifts', 'hours', 'ledger'] as const;
export type ExportList = (typeof exportLists)[number];
/** A personal data download is an export job of its own kind: everything about the requester, as a ZIP. */
export const exportKinds = [...exportLists, 'personal'] as const;
export type ExportKind = (typeof exportKinds)[number];
export const exportFormats = ['csv', 'xlsx', 'zip'] as const;
export type ExportFormat = (typeof exportFormats)[number];
export const exportStatuses = ['queued', 'running', 'done', 'failed'] as const;
export type ExportStatus = (typeof exportStatuses)[number];
