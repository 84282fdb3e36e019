// Registers the resource list (every kind) with the search index: its loader reads public columns only and maps
// them with resourceDocument (search-document.ts). Imported by search/sources.ts in every process that feeds it.
import { asc, count, eq, gt, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { db } from '../../db/client';
import { offerDetails, places, resources, teamProfiles, volunteerProfiles } from '../../db/schema';
import type { SearchDocument } from '../../search/engine';
import { registerDocumentLoader } from '../../search/loaders';
import { publicVisibility } from './resources.server';
import { resourceDocument } from './search-document';

const community = alias(places, 'community');
const grid = alias(places, 'grid');
const own = alias(places, 'own');

export async function loadResourceDocuments(ids: string[]): Promise<SearchDocument[]> {
  if (!ids.length) return [];
  const found = await db()
    .select({
      id: resources.id,
      kind: resources.kind,
      name: resources.name,
      description: resources.description,
      categories: resources.categories,
      skills: sql<string[] | null>`coalesce(${volunteerProfiles.skills}, ${teamProfiles.skills})`,
      public: sql<boolean>`(${publicVisibility()})`,
      communityId: resources.communityId,
      communityZh: community.nameZh,
      communityEn: community.nameEn,
      gridId: resources.gridId,
      gridZh: grid.nameZh,
      gridEn: grid.nameEn,
      providerName: offerDetails.providerName,
      placeZh: own.nameZh,
      placeEn: own.nameEn,
      availableUntil: offerDetails.availableUntil,
      createdAt: resources.createdAt,
    })
    .from(resources)
    .leftJoin(community, eq(community.id, resources.communityId))
    .leftJoin(grid, eq(grid.id, resources.gridId))
    .leftJoin(own, eq(own.id, resources.placeId))
    .leftJoin(volunteerProfiles, eq(volunteerProfiles.resourceId, resources.id))
    .leftJoin(teamProfiles, eq(teamProfiles.resourceId, resources.id))
    .leftJoin(offerDetails, eq(offerDetails.resourceId, resources.id))
    .where(inArray(resources.id, ids));
  return found.flatMap((r) => {
    const doc = resourceDocument({ ...r, skills: r.skills ?? [], public: r.public === true || String(r.public) === 'true' });
    return doc ? [doc] : [];
  });
}

registerDocumentLoader('resources', loadResourceDocuments, {
  ids: async (after, limit) =>
    (await db().select({ id: resources.id }).from(resources).where(after === null ? undefined : gt(resources.id, after)).orderBy(asc(resources.id)).limit(limit)).map((r) => r.id),
  count: async () => Number((await db().select({ n: count() }).from(resources))[0].n),
});
