// Places: reading the tree, creating and editing places, community settings. Writes are audited.
import { and, asc, eq, inArray, isNull, like, or, sql, type SQL } from 'drizzle-orm';
import { db, type DbOrTx } from '../../db/client';
import { places, type CommunityType, type Place, type PlaceType } from '../../db/schema';
import { recordAudit, type Actor } from '../audit/audit.server';
import { forgetPlaceReads } from './place-reads.server';
import { canContain, childPath, pathIds, readCommunitySettings, type CommunitySettings, MAX_GRID_LEVELS } from './rules';

export type PlaceSummary = Pick<Place, 'id' | 'type' | 'nameZh' | 'nameEn' | 'parentId' | 'path' | 'communityType'>;

const summary = {
  id: places.id,
  type: places.type,
  nameZh: places.nameZh,
  nameEn: places.nameEn,
  parentId: places.parentId,
  path: places.path,
  communityType: places.communityType,
};

export async function getPlace(id: string) {
  const [place] = await db().select().from(places).where(eq(places.id, id)).limit(1);
  return place ?? null;
}

export async function listChildren(parentId: string | null, type?: PlaceType) {
  return db()
    .select(summary)
    .from(places)
    .where(and(parentId ? eq(places.parentId, parentId) : isNull(places.parentId), type ? eq(places.type, type) : undefined, isNull(places.archivedAt)))
    // Creation order is the order staff set up (第一网格, 第二网格 …); code-point order of Chinese names is not.
    .orderBy(asc(places.createdAt), asc(places.nameZh));
}

/** The ancestors of a place, root first, the place itself last: for breadcrumbs. */
export async function getAncestry(place: Pick<Place, 'path'>) {
  const ids = pathIds(place.path);
  if (!ids.length) return [];
  const rows = await db().select(summary).from(places).where(inArray(places.id, ids));
  return ids.map((id) => rows.find((r) => r.id === id)).filter((r): r is PlaceSummary => Boolean(r));
}

/** Public place listing with optional filters, for the API and pickers. */
export async function findPlaces(filter: { type?: PlaceType; parentId?: string; limit: number; offset: number }) {
  const where = and(
    isNull(places.archivedAt),
    filter.type ? eq(places.type, filter.type) : undefined,
    filter.parentId ? eq(places.parentId, filter.parentId) : undefined,
  );
  const [rows, [{ total }]] = await Promise.all([
    db().select(summary).from(places).where(where).orderBy(asc(places.depth), asc(places.nameZh)).limit(filter.limit).offset(filter.offset),
    db().select({ total: sql<number>`count(*)::int` }).from(places).where(where),
  ]);
  return { rows, total: Number(total) };
}

/** Places of the given types inside any of the scopes (null = everywhere): the WHERE clause carries the scope. */
export async function placesWithin(scopes: (string | null)[], types: PlaceType[]) {
  if (!scopes.length) return [];
  const scopeClause: SQL | undefined = scopes.includes(null) ? undefined : or(...scopes.map((s) => like(places.path, `${s}%`)));
  return db()
    .select(summary)
    .from(places)
    .where(and(scopeClause, inArray(places.type, types), isNull(places.archivedAt)))
    .orderBy(asc(places.depth), asc(places.nameZh));
}

/** The top places of each scope, for a staff member's "my places" list. */
export async function scopeRoots(scopes: (string | null)[]) {
  if (scopes.includes(null)) return listChildren(null);
  const ids = [...new Set(scopes.map((s) => pathIds(s!).at(-1)!))];
  if (!ids.length) return [];
  return db().select(summary).from(places).where(inArray(places.id, ids)).orderBy(asc(places.nameZh));
}

export class PlaceRuleError extends Error {
  constructor(public readonly code: 'type_not_allowed' | 'too_deep' | 'community_type_required') {
    super(code);
  }
}

async function gridDepth(tx: DbOrTx, parent: Place) {
  const ancestors = pathIds(parent.path);
  const rows = await tx.select({ type: places.type }).from(places).where(inArray(places.id, ancestors));
  return rows.filter((r) => r.type === 'grid').length;
}

export async function createPlace(
  actor: Actor,
  input: { parentId: string; type: PlaceType; nameZh: string; nameEn: string; communityType?: CommunityType | null },
) {
  // Pages keep short-lived copies of the public place lists and the communities' settings (place-reads.server.ts).
  const done = db().transaction(async (tx) => {
    const [parent] = await tx.select().from(places).where(eq(places.id, input.parentId)).limit(1);
    if (!parent) throw new PlaceRuleError('type_not_allowed');
    if (!canContain(parent.type, input.type)) throw new PlaceRuleError('type_not_allowed');
    if (input.type === 'grid' && (await gridDepth(tx, parent)) >= MAX_GRID_LEVELS) throw new PlaceRuleError('too_deep');
    if (input.type === 'community' && !input.communityType) throw new PlaceRuleError('community_type_required');
    const id = crypto.randomUUID();
    const [created] = await tx
      .insert(places)
      .values({
        id,
        type: input.type,
        parentId: parent.id,
        nameZh: input.nameZh.trim(),
        nameEn: input.nameEn.trim(),
        path: childPath(parent.path, id),
        depth: parent.depth + 1,
        communityType: input.type === 'community' ? input.communityType : null,
      })
      .returning();
    await recordAudit(tx, actor, { action: 'place.create', subjectType: 'place', subjectId: id, placeId: id, after: created });
    return created;
  });
  try {
    return await done;
  } finally {
    forgetPlaceReads();
  }
}

export async function updatePlace(
  actor: Actor,
  id: string,
  input: { nameZh: string; nameEn: string; communityType?: CommunityType | null; settings?: CommunitySettings },
) {
  // Pages keep short-lived copies of the public place lists and the communities' settings (place-reads.server.ts).
  const done = db().transaction(async (tx) => {
    const [before] = await tx.select().from(places).where(eq(places.id, id)).for('update');
    if (!before) return null;
    const isCommunity = before.type === 'community';
    const [after] = await tx
      .update(places)
      .set({
        nameZh: input.nameZh.trim(),
        nameEn: input.nameEn.trim(),
        ...(isCommunity && input.communityType ? { communityType: input.communityType } : {}),
        ...(isCommunity && input.settings ? { settings: { ...before.settings, ...input.settings } } : {}),
      })
      .where(eq(places.id, id))
      .returning();
    await recordAudit(tx, actor, {
      action: 'place.update',
      subjectType: 'place',
      subjectId: id,
      placeId: id,
      before: { nameZh: before.nameZh, nameEn: before.nameEn, communityType: before.communityType, settings: before.settings },
      after: { nameZh: after.nameZh, nameEn: after.nameEn, communityType: after.communityType, settings: after.settings },
    });
    return after;
  });
  try {
    return await done;
  } finally {
    forgetPlaceReads();
  }
}

export const communitySettingsOf = (place: Place) => readCommunitySettings(place.settings);

/** The community a place belongs to (itself if it is one), or null above community level. */
export async function communityOf(place: Pick<Place, 'path'>) {
  const ids = pathIds(place.path);
  if (!ids.length) return null;
  const [row] = await db().select(summary).from(places).where(and(inArray(places.id, ids), eq(places.type, 'community'))).limit(1);
  return row ?? null;
}
