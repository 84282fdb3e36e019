// The needs list (需求清单): needs with their public side, private details in a table of their own, the timeline,
// dispatches and progress in quantities, ratings, followers, escalations, in-app notifications and imports.
import { sql } from 'drizzle-orm';
import { bigserial, check, customType, date, index, integer, jsonb, pgEnum, pgTable, smallint, text, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import {
  assigneeTypes,
  beneficiaryTypes,
  escalationLevels,
  importStatuses,
  needChannels,
  needEventKinds,
  needStatuses,
  needTypes,
  recurrences,
  urgencies,
} from '../../app/needs/values';
import { at, createdAt, id, updatedAt } from './columns';
import { places } from './places';
import { projects } from './projects';
import { resources } from './resources';
import { users } from './users';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

export const needStatusEnum = pgEnum('need_status', needStatuses);
export const urgencyEnum = pgEnum('need_urgency', urgencies);
export const needTypeEnum = pgEnum('need_type', needTypes);
export const beneficiaryTypeEnum = pgEnum('need_beneficiary', beneficiaryTypes);
export const recurrenceEnum = pgEnum('need_recurrence', recurrences);
export const needChannelEnum = pgEnum('need_channel', needChannels);
export const escalationLevelEnum = pgEnum('need_escalation_level', escalationLevels);
export const assigneeTypeEnum = pgEnum('need_assignee_type', assigneeTypes);
export const needEventKindEnum = pgEnum('need_event_kind', needEventKinds);
export const needImportStatusEnum = pgEnum('need_import_status', importStatuses);

export const needs = pgTable(
  'needs',
  {
    id: id(),
    /** The community the need belongs to: scope checks and per-community settings. */
    communityId: uuid('community_id').notNull().references(() => places.id),
    /** The grid it is in (public); null when the need is about the whole community or has no grid. */
    gridId: uuid('grid_id').references(() => places.id),
    /** Where exactly, down to the building: private, shown only to those entitled. */
    placeId: uuid('place_id').notNull().references(() => places.id),
    /** What the requester wrote: private. */
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    /** The sanitised summary on public lists; set from the title, corrected by staff at triage. */
    publicSummary: text('public_summary').notNull(),
    category: text('category').notNull(),
    beneficiary: beneficiaryTypeEnum('beneficiary').notNull().default('person'),
    quantity: integer('quantity'),
    quantityUnit: text('quantity_unit'),
    recurrence: recurrenceEnum('recurrence').notNull().default('once'),
    wantedFrom: date('wanted_from'),
    wantedUntil: date('wanted_until'),
    urgency: urgencyEnum('urgency').notNull().default('normal'),
    needType: needTypeEnum('need_type'),
    status: needStatusEnum('status').notNull().default('raised'),
    channel: needChannelEnum('channel').notNull(),
    /** The resident the need is for; null when raised anonymously or logged for someone without an account. */
    requesterUserId: uuid('requester_user_id').references(() => users.id),
    /** Who typed it in (the requester, a family member or a staff member). */
    raisedByUserId: uuid('raised_by_user_id').references(() => users.id),
    mergedIntoId: uuid('merged_into_id').references((): AnyPgColumn => needs.id),
    /** The honest reply when rejected or out of scope: public. */
    reply: text('reply'),
    escalationLevel: escalationLevelEnum('escalation_level').notNull().default('grid'),
    /** The person now answerable for the need: grid worker, community staff, street staff, or whoever was dispatched. */
    responsibleUserId: uuid('responsible_user_id').references(() => users.id),
    importId: uuid('import_id'),
    raisedAt: at('raised_at').notNull().defaultNow(),
    firstResponseDueAt: at('first_response_due_at').notNull(),
    resolutionDueAt: at('resolution_due_at').notNull(),
    firstRespondedAt: at('first_responded_at'),
    resolvedAt: at('resolved_at'),
    closedAt: at('closed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('needs_community_status_idx').on(t.communityId, t.status),
    index('needs_grid_idx').on(t.gridId),
    index('needs_requester_idx').on(t.requesterUserId),
    index('needs_raised_at_idx').on(t.raisedAt),
    index('needs_open_due_idx').on(t.resolutionDueAt).where(sql`${t.status} in ('raised','triaged','dispatched','in_progress')`),
    check('needs_quantity_positive', sql`${t.quantity} is null or ${t.quantity} > 0`),
  ],
);

/** Private details: read only through the service, which audits every read. */
export const needPrivateDetails = pgTable('need_private_details', {
  needId: uuid('need_id')
    .primaryKey()
    .references(() => needs.id),
  contactName: text('contact_name'),
  phone: text('phone'),
  email: text('email'),
  address: text('address'),
  healthNotes: text('health_notes'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** The timeline: one row per step. `role` and `data` are public; `note` is shown only to those entitled. */
export const needEvents = pgTable(
  'need_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    needId: uuid('need_id')
      .notNull()
      .references(() => needs.id),
    kind: needEventKindEnum('kind').notNull(),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    onBehalfOfUserId: uuid('on_behalf_of_user_id').references(() => users.id),
    /** The role in which the actor acted (resident, community_staff, volunteer, system …): public. */
    actorRole: text('actor_role').notNull(),
    fromStatus: needStatusEnum('from_status'),
    toStatus: needStatusEnum('to_status'),
    /** Public facts of the step: quantities, escalation levels, the kind of assignee. */
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [index('need_events_need_idx').on(t.needId, t.id)],
);

export const needDispatches = pgTable(
  'need_dispatches',
  {
    id: id(),
    needId: uuid('need_id')
      .notNull()
      .references(() => needs.id),
    assigneeType: assigneeTypeEnum('assignee_type').notNull(),
    /** The person dispatched (for assigneeType person). */
    assigneeUserId: uuid('assignee_user_id').references(() => users.id),
    /** The team, organisation, department or project by name (kept as shown when dispatched). */
    assigneeName: text('assignee_name'),
    /** The resource-list entry dispatched (volunteer, team, organisation or offer), when there is one. */
    assigneeResourceId: uuid('assignee_resource_id').references(() => resources.id),
    /** The project dispatched (for assigneeType project): the need shows it and its progress. */
    projectId: uuid('project_id').references((): AnyPgColumn => projects.id),
    /** The named person answerable for this part of the work. */
    responsibleUserId: uuid('responsible_user_id')
      .notNull()
      .references(() => users.id),
    /** How much of the need this claim covers (3 of 5 meals); null = all of it. */
    quantity: integer('quantity'),
    dispatchedByUserId: uuid('dispatched_by_user_id').references(() => users.id),
    withdrawnAt: at('withdrawn_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('need_dispatches_need_idx').on(t.needId),
    index('need_dispatches_assignee_idx').on(t.assigneeUserId),
    index('need_dispatches_resource_idx').on(t.assigneeResourceId),
    index('need_dispatches_project_idx').on(t.projectId),
    index('need_dispatches_responsible_idx').on(t.responsibleUserId),
    check('need_dispatches_quantity_positive', sql`${t.quantity} is null or ${t.quantity} > 0`),
  ],
);

export const needProgress = pgTable(
  'need_progress',
  {
    id: id(),
    needId: uuid('need_id')
      .notNull()
      .references(() => needs.id),
    dispatchId: uuid('dispatch_id').references(() => needDispatches.id),
    /** Units delivered in this report (e.g. 3 meals); fulfilment is their sum. */
    quantity: integer('quantity').notNull().default(0),
    note: text('note'),
    photos: jsonb('photos').$type<string[]>().notNull().default([]),
    reportedByUserId: uuid('reported_by_user_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('need_progress_need_idx').on(t.needId), check('need_progress_quantity', sql`${t.quantity} >= 0`)],
);

export const needRatings = pgTable(
  'need_ratings',
  {
    id: id(),
    needId: uuid('need_id')
      .notNull()
      .references(() => needs.id),
    stars: smallint('stars').notNull(),
    comment: text('comment'),
    ratedByUserId: uuid('rated_by_user_id').references(() => users.id),
    onBehalfOfUserId: uuid('on_behalf_of_user_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('need_ratings_need_unique').on(t.needId), check('need_ratings_stars', sql`${t.stars} between 1 and 5`)],
);

export const needFollowers = pgTable(
  'need_followers',
  {
    id: id(),
    needId: uuid('need_id')
      .notNull()
      .references(() => needs.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('need_followers_unique').on(t.needId, t.userId), index('need_followers_user_idx').on(t.userId)],
);

/** One row per escalation of a need to a level: the unique index makes each escalation happen once. */
export const needEscalations = pgTable(
  'need_escalations',
  {
    id: id(),
    needId: uuid('need_id')
      .notNull()
      .references(() => needs.id),
    fromLevel: escalationLevelEnum('from_level').notNull(),
    toLevel: escalationLevelEnum('to_level').notNull(),
    responsibleUserId: uuid('responsible_user_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('need_escalations_once').on(t.needId, t.toLevel)],
);

/** In-app notifications: what happened to something a person raised, follows or answers for. */
export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** A message key, e.g. needs.notify.dispatched; params fill it in. */
    messageKey: text('message_key').notNull(),
    params: jsonb('params').$type<Record<string, string | number>>().notNull().default({}),
    link: text('link'),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id'),
    readAt: at('read_at'),
    createdAt: createdAt(),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.createdAt), index('notifications_unread_idx').on(t.userId).where(sql`${t.readAt} is null`)],
);

export const needImports = pgTable(
  'need_imports',
  {
    id: id(),
    communityId: uuid('community_id')
      .notNull()
      .references(() => places.id),
    createdByUserId: uuid('created_by_user_id')
      .notNull()
      .references(() => users.id),
    fileName: text('file_name').notNull(),
    /** The uploaded file, kept until the import has run (a large file is read by a job). */
    content: bytea('content'),
    status: needImportStatusEnum('status').notNull().default('queued'),
    totalRows: integer('total_rows').notNull().default(0),
    processedRows: integer('processed_rows').notNull().default(0),
    importedRows: integer('imported_rows').notNull().default(0),
    /** Bad rows with reasons: [{row, errors: [field: message key]}]. */
    report: jsonb('report').$type<{ row: number; errors: string[] }[]>().notNull().default([]),
    failure: text('failure'),
    /** The running worker's lease: renewed with every progress update; a stale one puts the import back in the queue. */
    heartbeatAt: at('heartbeat_at'),
    /** How many times a worker has claimed the import; also tells a worker whose lease ran out that the run is no longer its own. */
    attempts: integer('attempts').notNull().default(0),
    finishedAt: at('finished_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('need_imports_community_idx').on(t.communityId, t.createdAt)],
);

export type Need = typeof needs.$inferSelect;
export type NeedEvent = typeof needEvents.$inferSelect;
export type NeedDispatch = typeof needDispatches.$inferSelect;
export type NeedImport = typeof needImports.$inferSelect;
export type Notification = typeof notifications.$inferSelect;

/** Photos of a need or of a progress report: private, shown only to those who may see the need's private side. */
export const needPhotos = pgTable(
  'need_photos',
  {
    id: id(),
    needId: uuid('need_id')
      .notNull()
      .references(() => needs.id),
    progressId: uuid('progress_id').references(() => needProgress.id),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    bytes: bytea('bytes').notNull(),
    uploadedByUserId: uuid('uploaded_by_user_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('need_photos_need_idx').on(t.needId), check('need_photos_type', sql`${t.contentType} in ('image/jpeg','image/png','image/webp')`)],
);
