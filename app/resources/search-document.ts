// The resource list's search document, for every kind: what the index may hold about a resource. Pure; the
// loader is search.server.ts. Only what the public resource page shows: the public name, description, kinds,
// categories, skills, community and grid, and for offers, venues and goods their provider and their own place.
// Never a volunteer's contacts, account name or home below grid level; never an organisation's contact person.
import type { SearchDocument } from '../../search/engine';
import { messages } from '../i18n/messages';
import { sanitiseSummary } from '../needs/sanitise';
import type { ResourceKind } from './values';

export interface ResourceSearchRow {
  id: string;
  kind: ResourceKind;
  name: string;
  description: string;
  categories: string[];
  skills: string[];
  /** Whether anyone may see it now: active, and for organisations verified (publicVisibility()). */
  public: boolean;
  communityId: string | null;
  communityZh: string | null;
  communityEn: string | null;
  gridId: string | null;
  gridZh: string | null;
  gridEn: string | null;
  /** Offers, venues and goods only: who provides it and where it is (a business's or venue's place is public). */
  providerName: string | null;
  placeZh: string | null;
  placeEn: string | null;
  availableUntil: Date | null;
  createdAt: Date;
}

const both = (key: string) => [messages['zh-CN'] as Record<string, string>, messages.en as Record<string, string>].map((t) => t[key]).filter((x): x is string => Boolean(x));

/** The public document of a resource, or null when it is off the public list. */
export function resourceDocument(row: ResourceSearchRow): SearchDocument | null {
  if (!row.public) return null;
  const isOffer = row.kind === 'offer' || row.kind === 'venue' || row.kind === 'goods';
  // A volunteer's description is a person's own free text: strip contact details and door numbers, as for needs.
  const description = row.kind === 'volunteer' ? sanitiseSummary(row.description, 2000) : row.description;
  const tags = [
    ...both(`resources.kind.${row.kind}`),
    ...row.categories.flatMap((c) => both(`resources.category.${c}`)),
    ...row.skills.flatMap((s) => both(`resources.skill.${s}`)),
  ];
  return {
    id: row.id,
    list: 'resources',
    title: row.name,
    body: [
      description,
      isOffer ? row.providerName : null,
      isOffer ? row.placeZh : null,
      isOffer ? row.placeEn : null,
      row.communityZh,
      row.communityEn,
      row.gridZh,
      row.gridEn,
    ]
      .filter(Boolean)
      .join(' · '),
    tags: [...new Set(tags)],
    // A hit shows the first (categories are in the taxonomy's order); filters and counts use them all.
    category: row.categories[0] ?? null,
    categories: row.categories,
    community: row.communityId,
    grid: row.gridId,
    status: 'active',
    urgency: null,
    kind: row.kind,
    createdAt: row.createdAt,
    deadline: isOffer ? row.availableUntil : null,
    locale: /[\u4e00-\u9fff]/.test(row.name) ? 'zh-CN' : 'en',
  };
}
