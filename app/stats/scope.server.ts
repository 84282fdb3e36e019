// Which places a dashboard can be about (a community or a street, optionally one grid of it) and the places
// a member of staff may choose from: only their own.
import { and, asc, eq, inArray, isNull, like, or, sql } from 'drizzle-orm';
import { db } from '../../db/client';
import { places } from '../../db/schema';
import { isUuid } from '../utils/http.server';

export interface StatsPlace {
  id: string;
  path: string;
  type: string;
  nameZh: string;
  nameEn: string;
}

export interface StatsScope {
  place: StatsPlace;
  grid: StatsPlace | null;
  /** The communities whose needs count: the place itself, or every community of the street. */
  communityIds: string[];
  /** The grids of those communities (their names label the by-grid figures; the filter offers them). */
  grids: (StatsPlace & { parentId: string | null })[];
}

const columns = { id: places.id, path: places.path, type: places.type, nameZh: places.nameZh, nameEn: places.nameEn };

/** Streets and communities within the given scopes (null = everywhere), streets first. */
export async function dashboardPlaces(scopes: (string | null)[]): Promise<StatsPlace[]> {
  if (!scopes.length) return [];
  const within = scopes.includes(null) ? undefined : or(...scopes.map((s) => like(places.path, `${s}%`)));
  return db()
    .select(columns)
    .from(places)
    .where(and(inArray(places.type, ['street', 'community']), isNull(places.archivedAt), within))
    .orderBy(sql`case when ${places.type} = 'street' then 0 else 1 end`, asc(places.createdAt), asc(places.id))
    .limit(500);
}

/** The scope of a dashboard: 'not_found' for an unknown place or one that is not a community or street, 'bad_grid' for a grid outside it. */
export async function resolveScope(placeId: string, gridId?: string): Promise<StatsScope | 'not_found' | 'bad_grid'> {
  if (!isUuid(placeId)) return 'not_found';
  const [place] = await db().select(columns).from(places).where(eq(places.id, placeId)).limit(1);
  if (!place || (place.type !== 'community' && place.type !== 'street')) return 'not_found';
  const communities =
    place.type === 'community'
      ? [place]
      : await db()
          .select(columns)
          .from(places)
          .where(and(eq(places.type, 'community'), like(places.path, `${place.path}%`)));
  const communityIds = communities.map((c) => c.id);
  const grids = communityIds.length
    ? await db()
        .select({ ...columns, parentId: places.parentId })
        .from(places)
        .where(and(eq(places.type, 'grid'), like(places.path, `${place.path}%`)))
        .orderBy(asc(places.nameZh), asc(places.id))
    : [];
  let grid: StatsPlace | null = null;
  if (gridId) {
    const found = grids.find((g) => g.id === gridId);
    if (!found) return 'bad_grid';
    grid = found;
  }
  return { place, grid, communityIds, grids };
}
