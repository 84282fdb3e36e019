// A community's own needs settings, read from places.settings with defaults: its category list and service levels.
import { z } from 'zod';
import { readServiceLevels, type ServiceLevelSettings } from './deadlines';
import { defaultNeedCategories } from './values';

const categorySchema = z.object({
  key: z.string().regex(/^[a-z0-9_]{2,40}$/),
  /** Labels for a community's own categories; the default ones are translated by message keys. */
  zh: z.string().max(40).optional(),
  en: z.string().max(60).optional(),
  /** No longer offered for new needs; kept so that needs already in it keep their label. */
  retired: z.boolean().optional(),
});
export type NeedCategory = z.infer<typeof categorySchema>;

export interface NeedSettings {
  categories: NeedCategory[];
  serviceLevels: ServiceLevelSettings;
}

export function readNeedSettings(settings: Record<string, unknown> | null | undefined): NeedSettings {
  const parsed = z.array(categorySchema).min(1).safeParse(settings?.needCategories);
  return {
    categories: parsed.success ? parsed.data : defaultNeedCategories.map((key) => ({ key })),
    serviceLevels: readServiceLevels(settings?.needServiceLevels),
  };
}

/** The categories a new or re-triaged need may take. */
export const activeCategories = (s: NeedSettings) => s.categories.filter((c) => !c.retired);
export const categoryKeys = (s: NeedSettings) => activeCategories(s).map((c) => c.key);
