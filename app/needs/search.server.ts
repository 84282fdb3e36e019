// Registers the needs list with the search index: its loader reads public columns only and maps them with
// needDocument (search-document.ts). Imported by search/sources.ts in every process that feeds the index.
import { asc, count, eq, gt, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { db } from '../../db/client';
import { needs, places } from '../../db/schema';
import type { SearchDocument } from '../../search/engine';
import { registerDocumentLoader } from '../../search/loaders';
import { needDocument, type NeedSearchRow } from './search-document';
import { readNeedSettings } from './settings';

const community = alias(places, 'community');
const grid = alias(places, 'grid');

export async function loadNeedDocuments(ids: string[]): Promise<SearchDocument[]> {
  if (!ids.length) return [];
  const found = await db()
    .select({
      id: needs.id,
      summary: needs.publicSummary,
      category: needs.category,
      status: needs.status,
      urgency: needs.urgency,
      needType: needs.needType,
      reply: needs.reply,
      communityId: needs.communityId,
      communityZh: community.nameZh,
      communityEn: community.nameEn,
      communitySettings: community.settings,
      gridId: needs.gridId,
      gridZh: grid.nameZh,
      gridEn: grid.nameEn,
      raisedAt: needs.raisedAt,
      resolutionDueAt: needs.resolutionDueAt,
    })
    .from(needs)
    .innerJoin(community, eq(community.id, needs.communityId))
    .leftJoin(grid, eq(grid.id, needs.gridId))
    .where(inArray(needs.id, ids));
  return found.flatMap(({ communitySettings, ...r }) => {
    const own = readNeedSettings(communitySettings).categories.find((c) => c.key === r.category);
    const row: NeedSearchRow = { ...r, categoryZh: own?.zh ?? null, categoryEn: own?.en ?? null };
    const doc = needDocument(row);
    return doc ? [doc] : [];
  });
}

registerDocumentLoader('needs', loadNeedDocuments, {
  ids: async (after, limit) =>
    (await db().select({ id: needs.id }).from(needs).where(after === null ? undefined : gt(needs.id, after)).orderBy(asc(needs.id)).limit(limit)).map((r) => r.id),
  count: async () => Number((await db().select({ n: count() }).from(needs))[0].n),
});

