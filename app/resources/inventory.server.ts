// The capacity inventory of a community (what it has, not only what it lacks) and the needs-vs-resources gap.
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import { db } from '../../db/client';
import { needs, places, resources } from '../../db/schema';
import { countByCategory, gapReport, type GapRow } from './rules';
import { publicVisibility } from './resources.server';
import { resourceKinds, serviceCategories, type ResourceKind } from './values';

/** Needs still waiting for an answer: raised, triaged, dispatched or in progress. */
export const OPEN_NEED_STATUSES = ['raised', 'triaged', 'dispatched', 'in_progress'] as const;

/** Open needs of a community per category, from the needs list. */
export async function openNeedsByCategory(communityId: string): Promise<Record<string, number>> {
  const rows = await db()
    .select({ category: needs.category, n: count() })
    .from(needs)
    .where(and(eq(needs.communityId, communityId), inArray(needs.status, [...OPEN_NEED_STATUSES])))
    .groupBy(needs.category);
  return Object.fromEntries(rows.map((r) => [r.category, Number(r.n)]));
}

export interface Inventory {
  total: number;
  byKind: Record<ResourceKind, number>;
  /** category → kind → count; a resource counts in each of its categories. */
  byCategory: Record<string, Record<ResourceKind, number>>;
  byGrid: { gridId: string | null; nameZh: string | null; nameEn: string | null; byKind: Record<ResourceKind, number>; total: number }[];
  items: { id: string; kind: ResourceKind; name: string; categories: string[]; gridId: string | null }[];
  gap: GapRow[];
}

const zeroKinds = () => Object.fromEntries(resourceKinds.map((k) => [k, 0])) as Record<ResourceKind, number>;

/**
 * What a community has: active resources located in it (organisations once verified), counted by kind,
 * category and grid, and the gap per category against its open needs.
 */
export async function communityInventory(communityId: string, opts: { kind?: ResourceKind; category?: string; gridId?: string } = {}): Promise<Inventory> {
  const rows = await db()
    .select({ id: resources.id, kind: resources.kind, name: resources.name, categories: resources.categories, gridId: resources.gridId })
    .from(resources)
    .where(and(eq(resources.communityId, communityId), publicVisibility()))
    .orderBy(asc(resources.kind), asc(resources.name));
  const grids = await db()
    .select({ id: places.id, nameZh: places.nameZh, nameEn: places.nameEn })
    .from(places)
    .where(and(eq(places.parentId, communityId), eq(places.type, 'grid')))
    .orderBy(asc(places.createdAt));

  const byKind = zeroKinds();
  const byCategory: Inventory['byCategory'] = Object.fromEntries(serviceCategories.map((c) => [c, zeroKinds()]));
  for (const r of rows) {
    byKind[r.kind]++;
    for (const c of new Set(r.categories)) (byCategory[c] ??= zeroKinds())[r.kind]++;
  }
  const byGrid: Inventory['byGrid'] = [...grids.map((g) => ({ gridId: g.id, nameZh: g.nameZh, nameEn: g.nameEn })), { gridId: null, nameZh: null, nameEn: null }].map((g) => {
    const inGrid = rows.filter((r) => r.gridId === g.gridId);
    const k = zeroKinds();
    for (const r of inGrid) k[r.kind]++;
    return { ...g, byKind: k, total: inGrid.length };
  });
  const needCounts = await openNeedsByCategory(communityId);
  const categories = [...new Set([...serviceCategories, ...Object.keys(needCounts)])];
  const items = rows.filter((r) => (!opts.kind || r.kind === opts.kind) && (!opts.category || r.categories.includes(opts.category)) && (!opts.gridId || r.gridId === opts.gridId));
  return {
    total: rows.length,
    byKind,
    byCategory,
    byGrid: byGrid.filter((g) => g.gridId !== null || g.total > 0),
    items,
    gap: gapReport(needCounts, countByCategory(rows), categories),
  };
}

/** Communities within the caller's scopes, for the inventory's picker. */
export async function communitiesIn(scopes: (string | null)[]) {
  if (!scopes.length) return [];
  return db()
    .select({ id: places.id, nameZh: places.nameZh, nameEn: places.nameEn, path: places.path })
    .from(places)
    .where(and(eq(places.type, 'community'), scopes.includes(null) ? undefined : sql`(${sql.join(scopes.map((s) => sql`${places.path} like ${`${s}%`}`), sql` or `)})`))
    .orderBy(asc(places.createdAt));
}
