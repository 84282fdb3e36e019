// Registers the project list with the search index. Public fields only: title, summary, goals, deliverables,
// beneficiaries in words, category, community, state, the deliverer's public name. Drafts are not indexed.
import { asc, count, eq, gt, inArray } from 'drizzle-orm';
import { db } from '../../db/client';
import { places, projects } from '../../db/schema';
import type { SearchDocument } from '../../search/engine';
import { registerDocumentLoader } from '../../search/loaders';
import { translator } from '../i18n/messages';
import { publicProjectStates, type ProjectState } from './values';

export interface ProjectSearchRow {
  id: string;
  title: string;
  summary: string;
  goals: string;
  deliverables: string;
  beneficiaries: string;
  category: string;
  state: ProjectState;
  placeId: string;
  placeType: string;
  placeZh: string;
  placeEn: string;
  delivererName: string | null;
  createdAt: Date;
  endsOn: string | null;
}

const zh = translator('zh-CN');
const en = translator('en');

/** The public document of a project, or null while it is a draft. Pure. */
export function projectDocument(row: ProjectSearchRow): SearchDocument | null {
  if (!publicProjectStates.includes(row.state)) return null;
  const key = `needs.category.${row.category}`;
  const labels = [zh(key), en(key)].filter((l) => l !== key);
  return {
    id: row.id,
    list: 'projects',
    title: row.title,
    body: [row.summary, row.goals, row.deliverables, row.beneficiaries, row.delivererName, row.placeZh, row.placeEn].filter(Boolean).join('\n'),
    tags: labels,
    category: row.category,
    community: row.placeType === 'community' ? row.placeId : null,
    grid: null,
    status: row.state,
    urgency: null,
    kind: null,
    createdAt: row.createdAt,
    deadline: row.endsOn && ['open_for_bids', 'awarded', 'in_progress'].includes(row.state) ? new Date(`${row.endsOn}T00:00:00+08:00`) : null,
    locale: /[\u4e00-\u9fff]/.test(row.title) ? 'zh-CN' : 'en',
  };
}

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
