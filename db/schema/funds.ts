// Funds (community, venture-philanthropy, project, matching pools), the donations into them and the disbursements out.
// Money itself lives in the ledger (ledger.ts): these rows describe who and why; balances are never stored here.
import { relations, sql } from 'drizzle-orm';
import { bigint, check, index, pgEnum, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { disbursementStatuses, donationMethods, donationStatuses, donorVisibilities, fundKinds, fundStatuses, payeeKinds } from '../../app/funds/values';
import { at, createdAt, id, updatedAt } from './columns';
import { places } from './places';
import { users } from './users';

export const fundKindEnum = pgEnum('fund_kind', fundKinds);
export const fundStatusEnum = pgEnum('fund_status', fundStatuses);
export const donationMethodEnum = pgEnum('donation_method', donationMethods);
export const donationStatusEnum = pgEnum('donation_status', donationStatuses);
export const donorVisibilityEnum = pgEnum('donor_visibility', donorVisibilities);
export const payeeKindEnum = pgEnum('payee_kind', payeeKinds);
export const disbursementStatusEnum = pgEnum('disbursement_status', disbursementStatuses);

export const funds = pgTable(
  'funds',
  {
    id: id(),
    kind: fundKindEnum('kind').notNull(),
    /** The community or street the fund belongs to: staff scope and public grouping. */
    placeId: uuid('place_id').notNull().references(() => places.id),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    descriptionZh: text('description_zh').notNull().default(''),
    descriptionEn: text('description_en').notNull().default(''),
    /** Who holds the money (e.g. the residents' committee or a foundation), as shown in public. */
    holderZh: text('holder_zh').notNull(),
    holderEn: text('holder_en').notNull(),
    /** For a project fund: the project's name as shown in the ledger. */
    projectName: text('project_name'),
    currency: text('currency').notNull().default('CNY'),
    status: fundStatusEnum('status').notNull().default('active'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('funds_place_idx').on(t.placeId)],
);

export const donations = pgTable(
  'donations',
  {
    id: id(),
    fundId: uuid('fund_id').notNull().references(() => funds.id),
    method: donationMethodEnum('method').notNull(),
    status: donationStatusEnum('status').notNull(),
    /** Integer minor units (fen). For in-kind gifts: the agreed value. */
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    /** What was given, for in-kind gifts. */
    inKindDescription: text('in_kind_description'),
    donorName: text('donor_name').notNull(),
    /** Private: for the receipt only. */
    donorEmail: text('donor_email'),
    donorUserId: uuid('donor_user_id').references(() => users.id),
    visibility: donorVisibilityEnum('visibility').notNull().default('public'),
    /** Unique: a paper receipt number for offline gifts, generated for card donations. */
    receiptNumber: text('receipt_number').notNull(),
    /** The payment processor's id (Stripe Checkout Session), unique, so a replayed webhook finds the same row. */
    externalId: text('external_id'),
    /** Stripe PaymentIntent, to match refunds. */
    paymentRef: text('payment_ref'),
    note: text('note'),
    receivedAt: at('received_at').notNull().defaultNow(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    confirmedBy: uuid('confirmed_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('donations_receipt_unique').on(t.receiptNumber),
    uniqueIndex('donations_external_unique').on(t.externalId).where(sql`${t.externalId} is not null`),
    index('donations_fund_idx').on(t.fundId),
    index('donations_payment_ref_idx').on(t.paymentRef),
    check('donations_amount_positive', sql`${t.amountMinor} > 0`),
  ],
);

export const disbursements = pgTable(
  'disbursements',
  {
    id: id(),
    fundId: uuid('fund_id').notNull().references(() => funds.id),
    payeeKind: payeeKindEnum('payee_kind').notNull(),
    payeeName: text('payee_name').notNull(),
    projectName: text('project_name'),
    purpose: text('purpose').notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    status: disbursementStatusEnum('status').notNull().default('requested'),
    requestedBy: uuid('requested_by').notNull().references(() => users.id),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: at('decided_at'),
    decisionNote: text('decision_note'),
    /** The payee's invoice or receipt number, required to pay. */
    receiptRef: text('receipt_ref'),
    paidBy: uuid('paid_by').references(() => users.id),
    paidAt: at('paid_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('disbursements_fund_idx').on(t.fundId), check('disbursements_amount_positive', sql`${t.amountMinor} > 0`)],
);

export const fundsRelations = relations(funds, ({ one, many }) => ({
  place: one(places, { fields: [funds.placeId], references: [places.id] }),
  donations: many(donations),
  disbursements: many(disbursements),
}));

export type Fund = typeof funds.$inferSelect;
export type Donation = typeof donations.$inferSelect;
export type Disbursement = typeof disbursements.$inferSelect;
