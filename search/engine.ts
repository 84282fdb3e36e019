// The one search interface: every engine (PostgreSQL, Meilisearch) implements it and passes
// tests/contract/search-engine.ts. Nothing outside search/ knows which engine answers.

export const searchLists = ['needs', 'resources', 'projects'] as const;
export type SearchList = (typeof searchLists)[number];

/** Fields one can filter on and count (facets). */
export const facetFields = ['list', 'category', 'community', 'grid', 'status', 'urgency', 'kind'] as const;
export type FacetField = (typeof facetFields)[number];

export const searchSorts = ['relevance', 'newest', 'deadline'] as const;
export type SearchSort = (typeof searchSorts)[number];

/**
 * What an index holds about one item of a list.
 *
 * PUBLIC FIELDS ONLY, BY CONSTRUCTION. Everything here may be shown to anyone who can open the search page
 * and is copied to an external engine (Meilisearch) that has no permission model. A document mapper builds this
 * from an entity by picking public fields one by one; it must never spread an entity into it and no private
 * field may ever be put in: no private need detail (names, addresses, phone numbers, health or household
 * circumstances), no volunteer contact detail, nothing from a private-details table, no free text a person
 * entered as private. When in doubt, leave it out. Values are the same strings the list pages filter by
 * (category codes, place ids, status codes).
 */
export interface SearchDocument {
  /** The entity's id (unique within its list). */
  id: string;
  list: SearchList;
  title: string;
  /** Public description or summary. */
  body: string;
  tags: string[];
  /** The item's (first) category: what a hit shows. */
  category: string | null;
  /**
   * Every category the item belongs to, when it has several (a resource that meets meals and elderly care):
   * filtering by category matches any of them, and facet counts count each. Absent: just `category`.
   */
  categories?: string[];
  /** Place id of the community the item belongs to. */
  community: string | null;
  /** Place id of the grid. */
  grid: string | null;
  status: string | null;
  urgency: string | null;
  /** The item's kind within its list (e.g. a resource's kind: skill, goods, venue). */
  kind: string | null;
  createdAt: Date;
  deadline: Date | null;
  /** Language the text is written in, when known ('zh-CN' | 'en'); a hint, not a filter. */
  locale: string | null;
}

/** Address of a document: ids are unique within a list only. */
export interface DocumentRef {
  list: SearchList;
  id: string;
}

export type SearchFilters = Partial<Record<Exclude<FacetField, 'list'>, string | string[]>>;

export interface SearchQuery {
  /** Free text in any mix of Chinese and English; empty lists everything. */
  q?: string;
  /** Lists to search; all three when absent or empty. */
  lists?: SearchList[];
  /** Exact-value filters; several values for one field mean any of them. */
  filters?: SearchFilters;
  /** Fields to count values of over the matches. */
  facets?: FacetField[];
  sort?: SearchSort;
  /** 1-based. */
  page?: number;
  perPage?: number;
  /** Return highlighted title and snippet parts. */
  highlight?: boolean;
}

/** A piece of highlighted text; `match` marks the parts that matched the query. Render `text` escaped. */
export interface HighlightPart {
  text: string;
  match: boolean;
}

export interface SearchHit {
  id: string;
  list: SearchList;
  title: string;
  /** Engine-specific relevance (higher is better); null when the engine does not expose one. */
  score: number | null;
  category: string | null;
  community: string | null;
  grid: string | null;
  status: string | null;
  urgency: string | null;
  kind: string | null;
  createdAt: Date;
  deadline: Date | null;
  /** Present when the query asked for highlights: the title and a short snippet of the body. */
  highlights?: { title: HighlightPart[]; snippet: HighlightPart[] };
}

export interface SearchResult {
  hits: SearchHit[];
  /** field → value → number of matches having it. */
  facets: Partial<Record<FacetField, Record<string, number>>>;
  /** True when facet counts were taken over a capped set of candidates (the match count is large). */
  facetsCapped: boolean;
  /** Matches; a lower bound when totalCapped. */
  total: number;
  totalCapped: boolean;
  page: number;
  perPage: number;
  tookMs: number;
  engine: string;
}

export interface SearchSettings {
  /** Smallest word length for one typo, and for two (Meilisearch's defaults: 5 and 9). */
  typoTolerance: { enabled: boolean; oneTypoFrom: number; twoTyposFrom: number };
  /**
   * Matches gathered (newest first, or by deadline) for facet counts, totals and relevance scoring; beyond it
   * totals and facets are reported as capped and relevance is exact among the newest candidates only. 1,000 by
   * default, as Meilisearch's default maxTotalHits (which the Meilisearch engine sets from it).
   */
  candidateCap: number;
  /** Largest perPage a caller may ask for. */
  maxPerPage: number;
  /** Characters of a highlighted snippet. */
  snippetChars: number;
}

export const defaultSearchSettings: SearchSettings = {
  typoTolerance: { enabled: true, oneTypoFrom: 5, twoTyposFrom: 9 },
  candidateCap: 1_000,
  maxPerPage: 100,
  snippetChars: 120,
};

/** An index generation being built by a reindex while the live one keeps answering. */
export interface IndexGeneration {
  id: number;
}

export interface SearchEngine {
  readonly name: string;
  /** Applies settings and makes sure the index exists; call once at start (idempotent). */
  configure(settings?: Partial<SearchSettings>): Promise<void>;
  /** Adds or replaces documents (by list and id). Idempotent. */
  index(docs: SearchDocument[]): Promise<void>;
  /** Removes documents; unknown ones are ignored. */
  delete(refs: DocumentRef[]): Promise<void>;
  search(query: SearchQuery): Promise<SearchResult>;
  /** Documents in the live index, for checks and progress. */
  count(): Promise<number>;

  // Zero-downtime reindex: begin → fill (repeatedly) → swap; abandon on failure.
  // While a generation is being built, index() and delete() write to it too, and fill never overwrites
  // what they wrote, so nothing that happens during a reindex is lost.
  beginGeneration(): Promise<IndexGeneration>;
  fillGeneration(generation: IndexGeneration, docs: SearchDocument[]): Promise<void>;
  /** Makes the generation live in one step and drops the old one. */
  swapGeneration(generation: IndexGeneration): Promise<void>;
  abandonGeneration(generation: IndexGeneration): Promise<void>;
}

export const refKey = (ref: DocumentRef) => `${ref.list}:${ref.id}`;

/** All the categories of a document (its `categories`, else its one `category`). */
export function categoriesOf(doc: Pick<SearchDocument, 'category' | 'categories'>): string[] {
  const all = doc.categories?.length ? doc.categories : doc.category ? [doc.category] : [];
  return [...new Set(all)];
}

export function clampPaging(query: SearchQuery, settings: SearchSettings) {
  const perPage = Math.min(Math.max(1, Math.floor(query.perPage ?? 20)), settings.maxPerPage);
  const page = Math.max(1, Math.floor(query.page ?? 1));
  return { page, perPage, offset: (page - 1) * perPage };
}

/** Filter values as a list, dropping empties. */
export function filterValues(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter((v) => v !== '');
}
