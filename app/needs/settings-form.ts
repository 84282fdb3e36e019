// The community's needs settings form (categories and service levels): one schema for the page and the service.
// Pure: the page validates with it as you type, the action again on the server.
import { z } from 'zod';
import { urgencies, type Urgency } from './values';

const hours = (max: number) => z.number({ invalid_type_error: 'v.number' }).int('v.number').min(1, 'needs.settings.v.hours').max(max, 'needs.settings.v.hours');
const label = (max: number) => z.string().trim().max(max, 'v.tooLong').optional();

const levelInput = z
  .object({ responseHours: hours(24 * 90).optional(), resolutionHours: hours(24 * 365).optional() })
  .superRefine((l, ctx) => {
    if ((l.responseHours === undefined) !== (l.resolutionHours === undefined)) {
      ctx.addIssue({ code: 'custom', path: [l.responseHours === undefined ? 'responseHours' : 'resolutionHours'], message: 'needs.settings.v.bothHours' });
    } else if (l.responseHours !== undefined && l.resolutionHours !== undefined && l.responseHours > l.resolutionHours) {
      ctx.addIssue({ code: 'custom', path: ['resolutionHours'], message: 'needs.settings.v.responseFirst' });
    }
  });

const perUrgency = z.object(Object.fromEntries(urgencies.map((u) => [u, levelInput.optional()])) as Record<Urgency, z.ZodOptional<typeof levelInput>>);

export const categoryKeyPattern = /^[a-z0-9_]{2,40}$/;

export const needSettingsFormSchema = z
  .object({
    categories: z
      .array(
        z.object({
          key: z.string().regex(categoryKeyPattern, 'v.invalid'),
          zh: label(40),
          en: label(60),
          offered: z.boolean().optional(),
          levels: perUrgency.optional(),
        }),
      )
      .default([]),
    newCategory: z
      .object({
        key: z.string().trim().toLowerCase().regex(categoryKeyPattern, 'needs.settings.v.key').optional(),
        zh: label(40),
        en: label(60),
      })
      .optional(),
    levels: perUrgency,
  })
  .superRefine((v, ctx) => {
    for (const u of urgencies) {
      if (!v.levels[u]?.responseHours) ctx.addIssue({ code: 'custom', path: ['levels', u, 'responseHours'], message: 'v.required' });
      if (!v.levels[u]?.resolutionHours) ctx.addIssue({ code: 'custom', path: ['levels', u, 'resolutionHours'], message: 'v.required' });
    }
    const n = v.newCategory;
    if (n && (n.key || n.zh || n.en)) {
      if (!n.key) ctx.addIssue({ code: 'custom', path: ['newCategory', 'key'], message: 'v.required' });
      if (!n.zh) ctx.addIssue({ code: 'custom', path: ['newCategory', 'zh'], message: 'v.required' });
      if (!n.en) ctx.addIssue({ code: 'custom', path: ['newCategory', 'en'], message: 'v.required' });
      if (n.key && v.categories.some((c) => c.key === n.key)) ctx.addIssue({ code: 'custom', path: ['newCategory', 'key'], message: 'needs.settings.v.keyTaken' });
    }
    const offered = v.categories.filter((c) => c.offered).length + (n?.key ? 1 : 0);
    if (offered === 0) ctx.addIssue({ code: 'custom', path: ['categories'], message: 'needs.settings.v.oneCategory' });
    const seen = new Set<string>();
    v.categories.forEach((c, i) => {
      if (seen.has(c.key)) ctx.addIssue({ code: 'custom', path: ['categories', i, 'key'], message: 'needs.settings.v.keyTaken' });
      seen.add(c.key);
    });
  });
export type NeedSettingsForm = z.infer<typeof needSettingsFormSchema>;
