// Enumerated values of the schema, free of database imports so that pages and forms can use them too.
export const placeTypes = ['city', 'district', 'street', 'community', 'grid', 'compound', 'building'] as const;
export type PlaceType = (typeof placeTypes)[number];

export const communityTypes = ['urban_commercial_estate', 'old_estate', 'rural_village', 'mixed_resettlement', 'urban_village'] as const;
export type CommunityType = (typeof communityTypes)[number];

export const memberRelations = ['head', 'spouse', 'child', 'parent', 'grandparent', 'grandchild', 'sibling', 'tenant', 'other'] as const;

export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];

export const roles = [
  'resident',
  'volunteer',
  'team_leader',
  'org_member',
  'social_worker',
  'grid_worker',
  'community_staff',
  'street_staff',
  'treasurer',
  'donor',
  'funder',
  'evaluator',
  'admin',
] as const;
export type Role = (typeof roles)[number];

export const representativeRelations = ['family', 'guardian', 'neighbour', 'other'] as const;
