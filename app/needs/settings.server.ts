// A community's own needs settings: which categories residents may choose (its own ones besides the defaults) and
// the service levels that set every new need's deadlines. Read by every page that offers a category.
import { and, count, eq, isNull } from 'drizzle-orm';
import { db } from '../../db/client';
import { needs, places } from '../../db/schema';
import { recordAudit, type Actor } from '../audit/audit.server';
import { forgetPlaceReads, placeRead } from '../places/place-reads.server';
import { defaultServiceLevels, serviceLevelFor, type ServiceLevelSettings } from './deadlines';
import { NeedError } from './needs.server';
import type { NeedSettingsForm } from './settings-form';
import { activeCategories, readNeedSettings, type NeedCategory } from './settings';
import { defaultNeedCategories, urgencies, type Urgency } from './values';

const isDefault = (key: string) => (defaultNeedCategories as readonly string[]).includes(key);

type CommunitySettingsRow = { id: string; nameZh: string; nameEn: string; settings: (typeof places.$inferSelect)['settings']; archived: boolean };

/** Every community's names and settings: read by every page, so kept a few seconds per process (place-reads). */
function communitySettings(): Promise<CommunitySettingsRow[]> {
  return placeRead('community settings', () =>
    db()
      .select({ id: places.id, nameZh: places.nameZh, nameEn: places.nameEn, settings: places.settings, archivedAt: places.archivedAt })
      .from(places)
      .where(eq(places.type, 'community'))
      .orderBy(places.createdAt, places.id)
      .then((found) => found.map(({ archivedAt, ...r }) => ({ ...r, archived: archivedAt !== null }))),
  );
}

/** The settings as the form shows them: every category with its use, and the service level in force per urgency. */
export async function getNeedSettingsForEditing(communityId: string) {
  const [community] = await db()
    .select({ id: places.id, type: places.type, path: places.path, nameZh: places.nameZh, nameEn: places.nameEn, settings: places.settings })
    .from(places)
    .where(and(eq(places.id, communityId), isNull(places.archivedAt)));
  if (!community || community.type !== 'community') return null;
  const settings = readNeedSettings(community.settings);
  const usage = await db().select({ category: needs.category, n: count() }).from(needs).where(eq(needs.communityId, communityId)).groupBy(needs.category);
  const used = new Map(usage.map((u) => [u.category, u.n]));
  return {
    community: { id: community.id, path: community.path, nameZh: community.nameZh, nameEn: community.nameEn },
    categories: settings.categories.map((c) => ({
      key: c.key,
      zh: c.zh ?? null,
      en: c.en ?? null,
      isDefault: isDefault(c.key),
      offered: !c.retired,
      needs: used.get(c.key) ?? 0,
      levels: Object.fromEntries(urgencies.map((u) => [u, settings.serviceLevels.byCategory[c.key]?.[u] ?? null])) as Record<Urgency, { responseHours: number; resolutionHours: number } | null>,
    })),
    levels: Object.fromEntries(urgencies.map((u) => [u, settings.serviceLevels.byUrgency[u] ?? defaultServiceLevels[u]])) as Record<Urgency, { responseHours: number; resolutionHours: number }>,
    platformLevels: defaultServiceLevels,
  };
}

/**
 * Saves a community's categories and service levels. Categories are never deleted, only retired: needs already in
 * one keep their label. A category the form leaves out is kept as it was. Deadlines of needs already raised stay as
 * they were set; new and re-triaged needs follow the new levels.
 */
export async function saveNeedSettings(actor: Actor, communityId: string, form: NeedSettingsForm) {
  try {
    return await saveNeedSettingsNow(actor, communityId, form);
  } finally {
    forgetPlaceReads();
  }
}

async function saveNeedSettingsNow(actor: Actor, communityId: string, form: NeedSettingsForm) {
  return db().transaction(async (tx) => {
    const [community] = await tx.select().from(places).where(eq(places.id, communityId)).for('update');
    if (!community || community.type !== 'community' || community.archivedAt) throw new NeedError('not_found');
    const before = readNeedSettings(community.settings);
    const sent = new Map(form.categories.map((c, i) => [c.key, { ...c, index: i }]));
    const fieldErrors: Record<string, string[]> = {};

    const categories: NeedCategory[] = before.categories.map((c) => {
      const f = sent.get(c.key);
      if (!f) return c;
      const zh = f.zh || undefined;
      const en = f.en || undefined;
      if (!isDefault(c.key) && (!zh || !en)) fieldErrors[`categories[${f.index}].${zh ? 'en' : 'zh'}`] = ['needs.settings.v.ownLabels'];
      return { key: c.key, ...(zh ? { zh } : {}), ...(en ? { en } : {}), ...(f.offered ? {} : { retired: true }) };
    });
    const known = new Set(before.categories.map((c) => c.key));
    for (const [key, f] of sent) if (!known.has(key)) fieldErrors[`categories[${f.index}].key`] = ['v.invalid'];
    const n = form.newCategory;
    if (n?.key) {
      if (known.has(n.key) || isDefault(n.key)) fieldErrors['newCategory.key'] = ['needs.settings.v.keyTaken'];
      else categories.push({ key: n.key, zh: n.zh, en: n.en });
    }
    if (!categories.some((c) => !c.retired)) fieldErrors.categories = ['needs.settings.v.oneCategory'];
    if (Object.keys(fieldErrors).length) throw new NeedError('invalid', fieldErrors);

    const byUrgency: ServiceLevelSettings['byUrgency'] = {};
    for (const u of urgencies) {
      const l = form.levels[u];
      if (l?.responseHours && l.resolutionHours) byUrgency[u] = { responseHours: l.responseHours, resolutionHours: l.resolutionHours };
    }
    const byCategory: ServiceLevelSettings['byCategory'] = {};
    for (const c of categories) {
      const f = sent.get(c.key);
      const own = f ? f.levels : before.serviceLevels.byCategory[c.key];
      if (!own) continue;
      const levels: ServiceLevelSettings['byCategory'][string] = {};
      for (const u of urgencies) {
        const l = own[u];
        if (l?.responseHours && l.resolutionHours) levels[u] = { responseHours: l.responseHours, resolutionHours: l.resolutionHours };
      }
      if (Object.keys(levels).length) byCategory[c.key] = levels;
    }
    const serviceLevels: ServiceLevelSettings = { byUrgency, byCategory };

    const settings = { ...(community.settings as Record<string, unknown>), needCategories: categories, needServiceLevels: serviceLevels };
    await tx.update(places).set({ settings }).where(eq(places.id, communityId));
    await recordAudit(tx, actor, {
      action: 'need.settings_update',
      subjectType: 'place',
      subjectId: communityId,
      placeId: communityId,
      before: { needCategories: before.categories, needServiceLevels: before.serviceLevels },
      after: { needCategories: categories, needServiceLevels: serviceLevels },
    });
    return { categories, serviceLevels, example: serviceLevelFor(serviceLevels, categories[0].key, 'normal') };
  });
}

/**
 * The categories a form offers across all communities: the defaults every community offers, then each community's
 * own. `communityIds` lists where a category may be chosen (null: wherever it is not retired). The server checks the
 * chosen place's community again.
 */
export async function needCategoryOptions() {
  const rows = (await communitySettings()).filter((r) => !r.archived);
  const options = new Map<string, { key: string; zh?: string; en?: string; communityIds: string[]; communityZh?: string; communityEn?: string }>();
  for (const key of defaultNeedCategories) options.set(key, { key, communityIds: [] });
  for (const r of rows) {
    for (const c of activeCategories(readNeedSettings(r.settings))) {
      const o = options.get(c.key) ?? { key: c.key, zh: c.zh, en: c.en, communityIds: [], communityZh: r.nameZh, communityEn: r.nameEn };
      o.communityIds.push(r.id);
      options.set(c.key, o);
    }
  }
  // A default category retired everywhere is still listed for filtering old needs, but not offered on new ones.
  return [...options.values()].map((o) => ({ ...o, offered: o.communityIds.length > 0, shared: isDefault(o.key) }));
}

/**
 * Names of the communities' own categories (retired ones too, for the needs still in them), for every page's labels.
 * A community's new name for a standard category shows only on its own pages, so it is not listed here.
 */
export async function ownCategoryLabels() {
  const rows = await communitySettings();
  const labels: Record<string, { zh?: string; en?: string }> = {};
  for (const r of rows) for (const c of readNeedSettings(r.settings).categories) if (!isDefault(c.key) && (c.zh || c.en) && !labels[c.key]) labels[c.key] = { zh: c.zh, en: c.en };
  return labels;
}
