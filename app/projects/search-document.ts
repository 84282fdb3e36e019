// The project list's search document: what the index may hold about a project. Pure; the loader is search.server.ts.
// Public fields only — title, summary, goals, deliverables, beneficiaries in words, category, community, state and
// the deliverer's public name. Never bids, scores, objectors or anything of the needs beyond what their pages show.
import type { SearchDocument } from '../../search/engine';
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
