// Funds, movements and donations as the API shows them: snake_case, amounts in integer minor units.
import type { Donation } from '../../db/schema';
import type { FundSummary } from './funds.server';
import type { PublicMovement } from './ledger.server';

export const fundJson = (f: FundSummary) => ({
  id: f.id,
  kind: f.kind,
  name_zh: f.nameZh,
  name_en: f.nameEn,
  description_zh: f.descriptionZh,
  description_en: f.descriptionEn,
  holder_zh: f.holderZh,
  holder_en: f.holderEn,
  project_name: f.projectName,
  status: f.status,
  currency: f.currency,
  place: { id: f.placeId, name_zh: f.placeZh, name_en: f.placeEn },
  balance_minor: f.balanceMinor,
  income_minor: f.inMinor,
  spending_minor: f.outMinor,
  in_kind_minor: f.inKindMinor,
});

export const movementJson = (m: PublicMovement) => ({
  id: m.groupId,
  occurred_at: m.occurredAt.toISOString(),
  kind: m.kind,
  fund_id: m.fundId,
  counterpart: m.anonymous ? null : m.counterpart,
  anonymous: m.anonymous,
  counterpart_fund: m.counterpartFund ? { id: m.counterpartFund.id, name_zh: m.counterpartFund.nameZh, name_en: m.counterpartFund.nameEn } : null,
  project: m.project,
  amount_minor: m.amountMinor,
  currency: m.currency,
  in_kind: m.inKind,
  description: m.description,
});

/** For the treasurer who recorded it: includes the donor's details. */
export const donationJson = (d: Donation) => ({
  id: d.id,
  fund_id: d.fundId,
  method: d.method,
  status: d.status,
  amount_minor: d.amountMinor,
  currency: d.currency,
  donor_name: d.donorName,
  donor_email: d.donorEmail,
  visibility: d.visibility,
  receipt_number: d.receiptNumber,
  in_kind_description: d.inKindDescription,
  received_at: d.receivedAt.toISOString(),
});
