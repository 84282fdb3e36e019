// The needs list's search document: what the index may hold about a need. Pure; the loader is search.server.ts.
// Only what the public need page shows: the sanitised summary, category, grid-level place, status, urgency, the
// kind set at triage, dates and the honest public reply. Never the requester's own words (title, description),
// never the place below grid level, never anything from need_private_details.
import type { SearchDocument } from '../../search/engine';
import { messages } from '../i18n/messages';
import { sanitiseSummary } from './sanitise';
import { isPublicStatus, openStatuses } from './status';
import type { NeedStatus } from './values';

export interface NeedSearchRow {
  id: string;
  summary: string;
  category: string;
  /** A community's own label for its own category, when it has one. */
  categoryZh: string | null;
  categoryEn: string | null;
  status: NeedStatus;
  urgency: string;
  needType: string | null;
  reply: string | null;
  communityId: string;
  communityZh: string;
  communityEn: string;
  gridId: string | null;
  gridZh: string | null;
  gridEn: string | null;
  raisedAt: Date;
  resolutionDueAt: Date;
}

const label = (table: Record<string, string>, key: string) => table[key] ?? null;

/** The category's names in both languages: searching 法律援助 or "legal aid" finds needs of that category. */
export function needCategoryLabels(category: string, own: { zh: string | null; en: string | null }): string[] {
  const zh = own.zh ?? label(messages['zh-CN'], `needs.category.${category}`);
  const en = own.en ?? label(messages.en, `needs.category.${category}`);
  return [zh, en].filter((x): x is string => Boolean(x));
}

/** The public document of a need, or null when the need is not on the public list (not yet verified). */
export function needDocument(row: NeedSearchRow): SearchDocument | null {
  if (!isPublicStatus(row.status)) return null;
  const open = openStatuses.includes(row.status);
  return {
    id: row.id,
    list: 'needs',
    // Summaries are sanitised when written; doing it again costs nothing and guards against an old row.
    title: sanitiseSummary(row.summary),
    body: [row.reply ? sanitiseSummary(row.reply, 500) : null, row.communityZh, row.communityEn, row.gridZh, row.gridEn].filter(Boolean).join(' · '),
    tags: needCategoryLabels(row.category, { zh: row.categoryZh, en: row.categoryEn }),
    category: row.category,
    community: row.communityId,
    grid: row.gridId,
    status: row.status,
    urgency: row.urgency,
    kind: row.needType,
    createdAt: row.raisedAt,
    // The deadline that still runs; a finished need has none (sorting by deadline puts it last).
    deadline: open ? row.resolutionDueAt : null,
    locale: /[\u4e00-\u9fff]/.test(row.summary) ? 'zh-CN' : 'en',
  };
}
