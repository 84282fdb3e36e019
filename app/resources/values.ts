// Enumerated values and the shared skill/category taxonomy of the resource list: no database imports,
// so the schema, services, pages and the API all use the same lists.
import { defaultNeedCategories } from '../needs/values';

export const resourceKinds = ['volunteer', 'team', 'organisation', 'offer', 'venue', 'goods'] as const;
export type ResourceKind = (typeof resourceKinds)[number];

export const resourceStatuses = ['active', 'inactive'] as const;
export type ResourceStatus = (typeof resourceStatuses)[number];

/**
 * Service categories: what a need is about and what a resource can meet. The needs list owns the list
 * (app/needs/values.ts) so that the gap report compares like with like.
 */
export const serviceCategories = defaultNeedCategories;
export type ServiceCategory = (typeof serviceCategories)[number];

/** The shared skill taxonomy; each skill says which categories of need it can meet. */
export const skillTaxonomy = {
  elder_companionship: ['elderly_care'],
  meal_delivery: ['meals', 'elderly_care'],
  cooking: ['meals'],
  tutoring: ['culture_education', 'child_care'],
  childcare: ['child_care'],
  nursing: ['health', 'elderly_care', 'disability'],
  first_aid: ['health', 'safety'],
  sign_language: ['disability'],
  legal_advice: ['legal_aid'],
  electrical_repair: ['repairs'],
  plumbing: ['repairs'],
  carpentry: ['repairs'],
  gardening: ['environment'],
  cleaning: ['environment', 'elderly_care'],
  counselling: ['health', 'elderly_care'],
  arts_crafts: ['culture_education'],
  sports_coaching: ['culture_education'],
  job_coaching: ['employment'],
  patrol: ['safety'],
  driving: ['meals', 'elderly_care', 'health'],
  photography: ['culture_education'],
  it_help: ['employment', 'culture_education'],
} as const satisfies Record<string, readonly ServiceCategory[]>;
export type Skill = keyof typeof skillTaxonomy;
export const skills = Object.keys(skillTaxonomy) as Skill[];

export const languages = ['zh', 'en', 'yue', 'local_dialect', 'sign'] as const;
export type Language = (typeof languages)[number];

/** How far a volunteer will go, in place-hierarchy terms: "within my building" … "anywhere in my district". */
export const travelRadii = ['building', 'compound', 'grid', 'community', 'street', 'district'] as const;
export type TravelRadius = (typeof travelRadii)[number];

export const checkTypes = ['no_criminal_record', 'child_safeguarding', 'elder_care_training', 'health_certificate', 'first_aid_certificate'] as const;
export type CheckType = (typeof checkTypes)[number];

export const checkStatuses = ['pending', 'verified', 'rejected', 'expired'] as const;
export type CheckStatus = (typeof checkStatuses)[number];

export const memberRoles = ['leader', 'member'] as const;
export type MemberRole = (typeof memberRoles)[number];

/** invited: a leader asked; requested: the person asked to join; active; declined; left. */
export const membershipStatuses = ['invited', 'requested', 'active', 'declined', 'left'] as const;
export type MembershipStatus = (typeof membershipStatuses)[number];

export const registrationStatuses = ['registered', 'filed', 'informal'] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];

export const verificationStatuses = ['unverified', 'verified', 'rejected'] as const;
export type VerificationStatus = (typeof verificationStatuses)[number];

export const offerTypes = ['service', 'venue', 'goods', 'in_kind'] as const;
export type OfferType = (typeof offerTypes)[number];

export const providerTypes = ['business', 'agency', 'resident', 'organisation'] as const;
export type ProviderType = (typeof providerTypes)[number];

export const goodsModes = ['lendable', 'consumable'] as const;
export type GoodsMode = (typeof goodsModes)[number];

export const bookingStatuses = ['confirmed', 'cancelled'] as const;
export const loanKinds = ['lend', 'give'] as const;

/** A weekly window: day 0 = Monday … 6 = Sunday, minutes after midnight (Asia/Shanghai). */
export interface WeeklyWindow {
  day: number;
  start: number;
  end: number;
}

/** A stretch of dates (inclusive, YYYY-MM-DD) when someone is away or a venue is closed. */
export interface DateException {
  from: string;
  to: string;
  note?: string;
}

/** The categories a set of skills can meet. */
export function categoriesOfSkills(list: readonly string[]): ServiceCategory[] {
  const out = new Set<ServiceCategory>();
  for (const s of list) for (const c of (skillTaxonomy as Record<string, readonly ServiceCategory[]>)[s] ?? []) out.add(c);
  return serviceCategories.filter((c) => out.has(c));
}
