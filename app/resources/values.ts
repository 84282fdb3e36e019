// Enumerated values and the shared skill/category taxonomy of the resource list: no database imports,
// so the schema, services, pages and the API all use the same lists.

export const resourceKinds = ['volunteer', 'team', 'organisation', 'offer', 'venue', 'goods'] as const;
export type ResourceKind = (typeof resourceKinds)[number];

export const resourceStatuses = ['active', 'inactive'] as const;
export type ResourceStatus = (typeof resourceStatuses)[number];

/** Service categories: what a need is about and what a resource can meet. */
export const serviceCategories = [
  'elder_care',
  'meal_delivery',
  'child_education',
  'health',
  'disability_support',
  'legal_aid',
  'repairs',
  'environment',
  'culture_sports',
  'psychological_support',
  'employment',
  'community_safety',
] as const;
export type ServiceCategory = (typeof serviceCategories)[number];

/** The shared skill taxonomy; each skill says which categories of need it can meet. */
export const skillTaxonomy = {
  elder_companionship: ['elder_care', 'psychological_support'],
  meal_delivery: ['meal_delivery', 'elder_care'],
  cooking: ['meal_delivery'],
  tutoring: ['child_education'],
  childcare: ['child_education'],
  nursing: ['health', 'elder_care', 'disability_support'],
  first_aid: ['health', 'community_safety'],
  sign_language: ['disability_support'],
  legal_advice: ['legal_aid'],
  electrical_repair: ['repairs'],
  plumbing: ['repairs'],
  carpentry: ['repairs'],
  gardening: ['environment'],
  cleaning: ['environment', 'elder_care'],
  counselling: ['psychological_support'],
  arts_crafts: ['culture_sports'],
  sports_coaching: ['culture_sports'],
  job_coaching: ['employment'],
  patrol: ['community_safety'],
  driving: ['meal_delivery', 'elder_care', 'health'],
  photography: ['culture_sports'],
  it_help: ['employment', 'child_education'],
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
