// JSON of programmes, pledges and household shares for the API: snake_case, money in minor units, nothing private.
import type { ProgrammeView } from './programmes.server';
import type { PublicPledge } from '../pledges/pledges.server';
import type { ShareSummary } from '../pledges/household-shares.server';

export const programmeJson = (p: ProgrammeView, explanation: string[]) => ({
  id: p.id,
  place_id: p.placeId,
  name_zh: p.nameZh,
  name_en: p.nameEn,
  funder_zh: p.funderZh,
  funder_en: p.funderEn,
  status: p.status,
  currency: p.currency,
  pool_fund_id: p.poolFundId,
  pool_balance_minor: p.poolBalanceMinor,
  matched_minor: p.matchedMinor,
  tiers: p.tiers.map((t) => ({ from_minor: t.fromMinor, num: t.num, den: t.den })),
  seed_minor: p.seedMinor,
  min_gift_minor: p.minGiftMinor,
  per_donor_cap_minor: p.perDonorCapMinor,
  per_project_cap_minor: p.perProjectCapMinor,
  programme_cap_minor: p.programmeCapMinor,
  matched_sources: p.matchedSources,
  exhaustion: p.exhaustion,
  starts_at: p.startsAt.toISOString(),
  ends_at: p.endsAt.toISOString(),
  categories: p.categories,
  project_ids: p.projectIds,
  explanation,
});

export const pledgeJson = (p: PublicPledge) => ({
  id: p.id,
  fund_id: p.fundId,
  project_id: p.projectId,
  pledger_name: p.pledgerName,
  amount_minor: p.amountMinor,
  paid_minor: p.paidMinor,
  currency: p.currency,
  due_at: p.dueAt.toISOString(),
  status: p.status,
});

export const shareSummaryJson = (projectId: string, s: ShareSummary | null) =>
  s
    ? { project_id: projectId, place_id: s.plan.placeId, share_minor: s.plan.shareMinor, currency: s.plan.currency, due_at: s.plan.dueAt.toISOString(), households: s.households, pledged: s.pledged, paid: s.paid, paid_minor: s.paidMinor, target_minor: s.targetMinor }
    : null;
