// Registers the project list with the search index. Public fields only: title, summary, goals, deliverables,
// beneficiaries in words, category, community, state, the deliverer's public name. Drafts are not indexed.
import { asc, count, eq, gt, inArray } from 'drizzle-orm';
import { db } from '../../db/client';
import { places, projects } from '../../db/schema';
import type { SearchDocument } from '../../search/engine';
import { registerDocumentLoader } from '../../search/loaders';
import { projectDocument } from './search-document';

export async function loadProjectDocuments(ids: string[]): Promise<SearchDocument[]> {
  if (!ids.length) return [];
  const found = await db()
    .select({
      id: projects.id,
      title: projects.title,
      summary: projects.summary,
      goals: projects.goals,
      deliverables: projects.deliverables,
      beneficiaries: projects.beneficiaries,
      category: projects.category,
      state: projects.state,
      placeId: projects.placeId,
      placeType: places.type,
      placeZh: places.nameZh,
      placeEn: places.nameEn,
      delivererName: projects.delivererName,
      createdAt: projects.createdAt,
      endsOn: projects.endsOn,
    })
    .from(projects)
    .innerJoin(places, eq(places.id, projects.placeId))
    .where(inArray(projects.id, ids));
  return found.flatMap((r) => {
    const doc = projectDocument(r);
    return doc ? [doc] : [];
  });
}

registerDocumentLoader('projects', loadProjectDocuments, {
  ids: async (after, limit) =>
    (await db().select({ id: projects.id }).from(projects).where(after === null ? undefined : gt(projects.id, after)).orderBy(asc(projects.id)).limit(limit)).map((r) => r.id),
  count: async () => Number((await db().select({ n: count() }).from(projects))[0].n),
});
