// The shape of the place hierarchy and per-community settings: pure rules.
import { z } from 'zod';
import type { PlaceType } from '../../db/schema/places';

/** Which kinds of place may sit directly inside which. Grids nest 1–3 levels (grid → micro-grid). */
export const allowedChildren: Record<PlaceType, readonly PlaceType[]> = {
  city: ['district'],
  district: ['street'],
  street: ['community'],
  community: ['grid', 'compound'],
  grid: ['grid', 'compound', 'building'],
  compound: ['building'],
  building: [],
};

export const MAX_GRID_LEVELS = 3;

export function canContain(parent: PlaceType, child: PlaceType) {
  return allowedChildren[parent].includes(child);
}

/** Per-community settings with their defaults; later capabilities add theirs (categories, deadlines). */
export const communitySettingsSchema = z.object({
  voteUnit: z.enum(['household', 'adult']).default('household'),
  voteThresholdPercent: z.number().int().min(1).max(100).default(60),
  householdShareMinor: z.number().int().min(0).max(100_000_000).default(20_000),
  socialWorkerRatio: z.number().int().min(1).max(100_000).default(300),
});
export type CommunitySettings = z.infer<typeof communitySettingsSchema>;

/** Stored settings with each invalid or missing value replaced by its default, one field at a time. */
export function readCommunitySettings(stored: unknown): CommunitySettings {
  const source = stored && typeof stored === 'object' ? (stored as Record<string, unknown>) : {};
  const defaults = communitySettingsSchema.parse({});
  const shape = communitySettingsSchema.shape;
  const result: Record<string, unknown> = { ...defaults };
  for (const key of Object.keys(shape) as (keyof typeof shape)[]) {
    const field = shape[key].safeParse(source[key]);
    if (field.success) result[key] = field.data;
  }
  return result as CommunitySettings;
}

export const childPath = (parentPath: string | null, id: string) => `${parentPath ?? '/'}${id}/`;

/** Ids on a path, root first. */
export const pathIds = (path: string) => path.split('/').filter(Boolean);
