// The Meilisearch engine, through the official client, used when MEILI_HOST is set. Meilisearch segments
// Chinese itself (charabia) and brings typo tolerance, prefix search and facets; this file maps the one search
// interface onto it. Reindexing fills `<uid>_next` and swaps it with the live index in one task.
// Which generation is being built is kept in PostgreSQL (search_state), so every process dual-writes during a
// reindex; a delete during a reindex leaves a tombstone in the new index so the fill cannot bring it back.
import { sql } from 'drizzle-orm';
import { Meilisearch, type Index, type SearchParams, type Settings } from 'meilisearch';
import { db, rows, type Db } from '../db/client';
import {
  categoriesOf,
  clampPaging,
  defaultSearchSettings,
  facetFields,
  filterValues,
  type DocumentRef,
  type FacetField,
  type HighlightPart,
  type IndexGeneration,
  type SearchDocument,
  type SearchEngine,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
  type SearchSettings,
} from './engine';
import { normalize } from './segment';
import { noteSearchChange } from './changes';

const PRE = '\u0001';
const POST = '\u0002';

/** A SearchDocument as Meilisearch stores it: a key safe for Meilisearch, dates as epoch milliseconds. */
type MeiliDocument = Omit<SearchDocument, 'createdAt' | 'deadline'> & {
  key: string;
  createdAt: number;
  deadline?: number;
  tombstone?: boolean;
};

/** Meilisearch keys allow a-z A-Z 0-9 - _ only: anything else is hex-escaped. */
export const meiliKey = (ref: DocumentRef) =>
  `${ref.list}_${ref.id.replace(/[^a-zA-Z0-9-]/g, (c) => `_${c.codePointAt(0)!.toString(16)}_`)}`;

function toMeili(doc: SearchDocument): MeiliDocument {
  const m: MeiliDocument = {
    key: meiliKey(doc),
    id: doc.id,
    list: doc.list,
    // Full-width letters and digits are made half-width, as in the PostgreSQL engine.
    title: doc.title.normalize('NFKC'),
    body: doc.body.normalize('NFKC'),
    tags: doc.tags.map((t) => t.normalize('NFKC')),
    category: doc.category,
    categories: categoriesOf(doc),
    community: doc.community,
    grid: doc.grid,
    status: doc.status,
    urgency: doc.urgency,
    kind: doc.kind,
    createdAt: doc.createdAt.getTime(),
    locale: doc.locale,
  };
  if (doc.deadline) m.deadline = doc.deadline.getTime();
  return m;
}

/** Splits Meilisearch's highlighted text (with our marker characters) into parts. */
export function partsOf(formatted: string): HighlightPart[] {
  const parts: HighlightPart[] = [];
  let match = false;
  let text = '';
  for (const ch of formatted) {
    if (ch === PRE || ch === POST) {
      if (text) parts.push({ text, match });
      text = '';
      match = ch === PRE;
    } else text += ch;
  }
  if (text) parts.push({ text, match });
  return parts;
}

const quote = (v: string) => JSON.stringify(v);

export interface MeilisearchEngineOptions {
  host: string;
  apiKey?: string;
  /** Index uid; the reindex builds `<uid>_next`. */
  indexUid?: string;
  /** Milliseconds to wait for a task (indexing) to finish. */
  taskTimeoutMs?: number;
  database?: () => Db;
}

export class MeilisearchEngine implements SearchEngine {
  readonly name = 'meilisearch';
  readonly client: Meilisearch;
  readonly uid: string;
  private settings: SearchSettings = defaultSearchSettings;
  private readonly database: () => Db;
  private readonly timeout: number;
  private readonly stateKey: string;

  constructor(options: MeilisearchEngineOptions) {
    this.client = new Meilisearch({ host: options.host, apiKey: options.apiKey });
    this.uid = options.indexUid ?? 'fivefold';
    this.database = options.database ?? db;
    this.timeout = options.taskTimeoutMs ?? 60_000;
    this.stateKey = `meilisearch:${this.uid}`;
  }

  get nextUid() {
    return `${this.uid}_next`;
  }

  /** True when the server answers its health check. */
  async healthy(): Promise<boolean> {
    try {
      return (await this.client.health()).status === 'available';
    } catch {
      return false;
    }
  }

  private indexSettings(): Settings {
    const s = this.settings;
    return {
      searchableAttributes: ['title', 'tags', 'body'],
      // Filters and counts by category go to `categories`, every category of an item.
      filterableAttributes: [...facetFields, 'categories', 'key', 'tombstone'],
      sortableAttributes: ['createdAt', 'deadline'],
      displayedAttributes: ['*'],
      rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'],
      typoTolerance: {
        enabled: s.typoTolerance.enabled,
        minWordSizeForTypos: { oneTypo: s.typoTolerance.oneTypoFrom, twoTypos: s.typoTolerance.twoTyposFrom },
      },
      faceting: { maxValuesPerFacet: 500 },
      pagination: { maxTotalHits: s.candidateCap },
      localizedAttributes: [{ attributePatterns: ['title', 'body', 'tags'], locales: ['cmn', 'eng'] }],
    };
  }

  private async ensureIndex(uid: string) {
    const index = this.client.index<MeiliDocument>(uid);
    try {
      await index.getRawInfo();
    } catch {
      await this.client.createIndex(uid, { primaryKey: 'key' }).waitTask({ timeout: this.timeout });
    }
    await index.updateSettings(this.indexSettings()).waitTask({ timeout: this.timeout });
    return index;
  }

  async configure(settings: Partial<SearchSettings> = {}) {
    this.settings = { ...defaultSearchSettings, ...this.settings, ...settings };
    noteSearchChange();
    await this.ensureIndex(this.uid);
    await this.database().execute(
      sql`INSERT INTO search_state (engine, live_generation) VALUES (${this.stateKey}, 1) ON CONFLICT (engine) DO NOTHING`,
    );
  }

  private async state() {
    const [row] = await rows<{ live_generation: number; building_generation: number | null }>(
      this.database(),
      sql`SELECT live_generation, building_generation FROM search_state WHERE engine = ${this.stateKey}`,
    );
    return { live: Number(row?.live_generation ?? 1), building: row?.building_generation == null ? null : Number(row.building_generation) };
  }

  private async targets(): Promise<Index<MeiliDocument>[]> {
    const state = await this.state();
    const live = this.client.index<MeiliDocument>(this.uid);
    return state.building === null ? [live] : [live, this.client.index<MeiliDocument>(this.nextUid)];
  }

  async index(docs: SearchDocument[]) {
    if (!docs.length) return;
    const payload = docs.map(toMeili);
    try {
      for (const index of await this.targets()) {
        await index.addDocuments(payload, { primaryKey: 'key' }).waitTask({ timeout: this.timeout });
      }
    } finally {
      noteSearchChange();
    }
  }

  async delete(refs: DocumentRef[]) {
    if (!refs.length) return;
    const [live, building] = await this.targets();
    try {
      await live.deleteDocuments(refs.map(meiliKey)).waitTask({ timeout: this.timeout });
    } finally {
      noteSearchChange();
    }
    if (building) {
      const tombstones = refs.map((r) => ({
        key: meiliKey(r), id: r.id, list: r.list, title: '', body: '', tags: [], category: null, community: null, grid: null,
        status: null, urgency: null, kind: null, createdAt: 0, locale: null, tombstone: true,
      }));
      await building.addDocuments(tombstones, { primaryKey: 'key' }).waitTask({ timeout: this.timeout });
    }
  }

  async count() {
    return (await this.client.index(this.uid).getStats()).numberOfDocuments;
  }

  async beginGeneration(): Promise<IndexGeneration> {
    const state = await this.state();
    const id = Math.max(state.live, state.building ?? 0) + 1;
    await this.client.deleteIndexIfExists(this.nextUid);
    await this.ensureIndex(this.nextUid);
    await this.database().execute(
      sql`UPDATE search_state SET building_generation = ${id}::int, building_started_at = now(), updated_at = now() WHERE engine = ${this.stateKey}`,
    );
    return { id };
  }

  async fillGeneration(generation: IndexGeneration, docs: SearchDocument[]) {
    if (!docs.length) return;
    const state = await this.state();
    if (state.building !== generation.id) throw new Error(`Generation ${generation.id} is no longer being built (another reindex started?)`);
    const next = this.client.index<MeiliDocument>(this.nextUid);
    const payload = docs.map(toMeili);
    // Never overwrite what index()/delete() wrote while the reindex ran: it is newer than the loader's copy.
    const present = await next.getDocuments({
      filter: `key IN [${payload.map((d) => quote(d.key)).join(', ')}]`,
      fields: ['key'],
      limit: payload.length,
    });
    const skip = new Set(present.results.map((d) => d.key));
    const fresh = payload.filter((d) => !skip.has(d.key));
    if (fresh.length) await next.addDocuments(fresh, { primaryKey: 'key' }).waitTask({ timeout: this.timeout });
  }

  async swapGeneration(generation: IndexGeneration) {
    const state = await this.state();
    if (state.building !== generation.id) throw new Error(`Generation ${generation.id} is no longer being built (another reindex started?)`);
    const next = this.client.index<MeiliDocument>(this.nextUid);
    await next.deleteDocuments({ filter: 'tombstone = true' }).waitTask({ timeout: this.timeout });
    try {
      await this.client.swapIndexes([{ indexes: [this.uid, this.nextUid], rename: false }]).waitTask({ timeout: this.timeout });
    } finally {
      noteSearchChange();
    }
    await this.database().execute(sql`UPDATE search_state SET live_generation = ${generation.id}::int, building_generation = NULL,
      building_started_at = NULL, updated_at = now() WHERE engine = ${this.stateKey}`);
    await this.client.deleteIndexIfExists(this.nextUid);
  }

  async abandonGeneration(generation: IndexGeneration) {
    const state = await this.state();
    if (state.building === generation.id) {
      await this.database().execute(
        sql`UPDATE search_state SET building_generation = NULL, building_started_at = NULL, updated_at = now() WHERE engine = ${this.stateKey}`,
      );
      await this.client.deleteIndexIfExists(this.nextUid);
    }
  }

  /** Removes the live index and the state row (tests). */
  async destroy() {
    await this.client.deleteIndexIfExists(this.nextUid);
    await this.client.deleteIndexIfExists(this.uid);
    await this.database().execute(sql`DELETE FROM search_state WHERE engine = ${this.stateKey}`);
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const started = performance.now();
    const { page, perPage } = clampPaging(query, this.settings);
    const q = normalize(query.q ?? '').trim();
    const filters: string[] = [];
    const lists = (query.lists ?? []).filter(Boolean);
    if (lists.length) filters.push(`list IN [${lists.map(quote).join(', ')}]`);
    for (const field of facetFields) {
      if (field === 'list') continue;
      const values = filterValues(query.filters?.[field]);
      if (values.length) filters.push(`${field === 'category' ? 'categories' : field} IN [${values.map(quote).join(', ')}]`);
    }
    const facets = (query.facets ?? []).filter((f): f is FacetField => (facetFields as readonly string[]).includes(f));
    const sort = query.sort === 'deadline' ? ['deadline:asc', 'createdAt:desc'] : query.sort === 'newest' || !q ? ['createdAt:desc'] : undefined;
    const params: SearchParams = {
      filter: filters.length ? filters.join(' AND ') : undefined,
      facets: facets.length ? facets.map((f) => (f === 'category' ? 'categories' : f)) : undefined,
      sort,
      page,
      hitsPerPage: perPage,
      matchingStrategy: 'all',
      showRankingScore: true,
    };
    if (query.highlight) {
      Object.assign(params, {
        attributesToHighlight: ['title'],
        attributesToCrop: ['body'],
        cropLength: Math.max(10, Math.round(this.settings.snippetChars / 4)),
        cropMarker: '…',
        highlightPreTag: PRE,
        highlightPostTag: POST,
      });
    }
    const response = await this.client.index<MeiliDocument>(this.uid).search(q, params);
    const hits: SearchHit[] = response.hits.map((h) => {
      const hit: SearchHit = {
        id: h.id,
        list: h.list,
        title: h.title,
        score: typeof h._rankingScore === 'number' ? h._rankingScore : null,
        category: h.category ?? null,
        community: h.community ?? null,
        grid: h.grid ?? null,
        status: h.status ?? null,
        urgency: h.urgency ?? null,
        kind: h.kind ?? null,
        createdAt: new Date(h.createdAt),
        deadline: typeof h.deadline === 'number' ? new Date(h.deadline) : null,
      };
      if (query.highlight) {
        const f = (h._formatted ?? {}) as Partial<MeiliDocument>;
        hit.highlights = { title: partsOf(String(f.title ?? h.title)), snippet: partsOf(String(f.body ?? h.body)) };
      }
      return hit;
    });
    const facetCounts: SearchResult['facets'] = {};
    for (const f of facets) facetCounts[f] = { ...(response.facetDistribution?.[f === 'category' ? 'categories' : f] ?? {}) };
    const total = (response as { totalHits?: number }).totalHits ?? hits.length;
    return {
      hits,
      facets: facetCounts,
      facetsCapped: false,
      total,
      totalCapped: total >= this.settings.candidateCap,
      page,
      perPage,
      tookMs: Math.round((performance.now() - started) * 10) / 10,
      engine: this.name,
    };
  }
}
