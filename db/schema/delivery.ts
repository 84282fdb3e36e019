// Delivery of an awarded project: progress % on its milestones, reports with photos (and one final report), and
// the link from a milestone to the disbursement requests paid against it. Public steps also go to project_events.
import { sql } from 'drizzle-orm';
import { boolean, check, customType, index, integer, pgEnum, pgTable, smallint, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { reportKinds } from '../../app/projects/fair-values';
import { createdAt, id, updatedAt } from './columns';
import { disbursements } from './funds';
import { projectMilestones, projects } from './projects';
import { users } from './users';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

export const reportKindEnum = pgEnum('project_report_kind', reportKinds);

/** Each progress update of a milestone; the newest is its current progress. */
export const milestoneUpdates = pgTable(
  'milestone_updates',
  {
    id: id(),
    milestoneId: uuid('milestone_id')
      .notNull()
      .references(() => projectMilestones.id),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    percent: smallint('percent').notNull(),
    note: text('note').notNull().default(''),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('milestone_updates_milestone_idx').on(t.milestoneId, t.createdAt), check('milestone_updates_percent', sql`${t.percent} between 0 and 100`)],
);

/** A report on the work (for a milestone or the whole project); a project has at most one final report. */
export const projectReports = pgTable(
  'project_reports',
  {
    id: id(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    milestoneId: uuid('milestone_id').references(() => projectMilestones.id),
    kind: reportKindEnum('kind').notNull().default('progress'),
    body: text('body').notNull(),
    /** Public reports (and their photos) appear on the project's timeline; others only for staff and the deliverer. */
    isPublic: boolean('is_public').notNull().default(true),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('project_reports_project_idx').on(t.projectId, t.createdAt), uniqueIndex('project_reports_one_final').on(t.projectId).where(sql`${t.kind} = 'final'`)],
);

export const projectReportPhotos = pgTable(
  'project_report_photos',
  {
    id: id(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => projectReports.id),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    bytes: bytea('bytes').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('project_report_photos_report_idx').on(t.reportId), check('project_report_photos_size', sql`${t.size} between 1 and 5242880`)],
);

/** Which milestone a disbursement request pays for (the request itself is a funds disbursement). */
export const milestoneDisbursements = pgTable(
  'milestone_disbursements',
  {
    id: id(),
    disbursementId: uuid('disbursement_id')
      .notNull()
      .references(() => disbursements.id),
    milestoneId: uuid('milestone_id')
      .notNull()
      .references(() => projectMilestones.id),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('milestone_disbursements_disbursement').on(t.disbursementId), index('milestone_disbursements_milestone_idx').on(t.milestoneId)],
);

export type MilestoneUpdate = typeof milestoneUpdates.$inferSelect;
export type ProjectReport = typeof projectReports.$inferSelect;
export type MilestoneDisbursement = typeof milestoneDisbursements.$inferSelect;
