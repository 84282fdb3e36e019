// The default search engine: PostgreSQL full text over segmented text (search/segment.ts), on both drivers.
//
// - Text is segmented in JS (Intl.Segmenter words + CJK bigrams) and handed to to_tsvector('simple', …):
//   title weight A, tags B, body C; one GIN index. A query's CJK run becomes the phrase of its bigrams, so any
//   Chinese substring of two or more characters is found whatever the dictionary made of it.
// - English typos: a query word that is in no indexed text is corrected against the vocabulary (search_terms,
//   pg_trgm GIN index), keeping candidates within the edit distance Meilisearch allows (1 from 5 letters, 2 from 9).
// - Bounded work: matches are gathered in a cheap index order (newest first, or by deadline) up to a cap;
//   totals and facet counts beyond it are reported as capped, and only those candidates are scored with
//   ts_rank, so a term found in a third of the documents costs about as much as a rare one.
// - Generations: a reindex fills a new generation while the live one answers, then swaps in one transaction.
import { sql, type SQL } from 'drizzle-orm';
import { db, rows, type Db, type DbOrTx } from '../db/client';
import {
  categoriesOf,
  clampPaging,
  defaultSearchSettings,
  facetFields,
  filterValues,
  type DocumentRef,
  type FacetField,
  type IndexGeneration,
  type SearchDocument,
  type SearchEngine,
  type SearchHit,
  type SearchList,
  type SearchQuery,
  type SearchResult,
  type SearchSettings,
} from './engine';
import { noteSearchChange } from './changes';
import { highlight, snippet, type Matcher } from './highlight';
import { editDistance, indexText, latinTerms, parseQuery, typosAllowed, type QueryTerm } from './segment';

const ENGINE = 'postgres';
const BODY_CHARS = 4000;
const DROP_BATCH = 5000;
/** Documents created within this many months are `recent` and have a GIN index of their own (refreshRecentWindow). */
export const RECENT_MONTHS = 12;
/** The window moves only once its start is this far behind, so a daily refresh rewrites a week's documents at a time. */
const RECENT_STEP_DAYS = 7;

interface State {
  live: number;
  building: number | null;
}

const toDate = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));
const toDateOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : toDate(v));

/** A tsquery lexeme literal. */
const lexeme = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

function docRow(doc: SearchDocument) {
  return {
    list: doc.list,
    doc_id: doc.id,
    title: doc.title,
    body: doc.body,
    tags: doc.tags,
    category: doc.category,
    categories: categoriesOf(doc),
    community: doc.community,
    grid: doc.grid,
    status: doc.status,
    urgency: doc.urgency,
    kind: doc.kind,
    created_at: doc.createdAt.toISOString(),
    deadline: doc.deadline ? doc.deadline.toISOString() : null,
    locale: doc.locale,
    t_title: indexText(doc.title, { unigrams: true }),
    t_tags: indexText(doc.tags.join('，'), { unigrams: true }),
    t_body: indexText(doc.body, { maxChars: BODY_CHARS }),
  };
}

/** Latest version of each document (a batch may carry one twice). */
function dedupe(docs: SearchDocument[]) {
  const byKey = new Map<string, SearchDocument>();
  for (const d of docs) byKey.set(`${d.list}:${d.id}`, d);
  return [...byKey.values()];
}

/** Rows for INSERT … SELECT from a JSON batch, with the tsvector built from the segmented text. */
function insertDocs(generation: number, json: string, onConflict: SQL) {
  return sql`
    INSERT INTO search_documents AS d (generation, list, doc_id, title, body, tags, category, categories, community, grid, status,
      urgency, kind, created_at, deadline, locale, tsv, tombstone, recent, indexed_at)
    SELECT ${generation}::int, x.list, x.doc_id, x.title, x.body, coalesce(x.tags, '{}'::text[]), x.category,
      coalesce(x.categories, '{}'::text[]), x.community, x.grid,
      x.status, x.urgency, x.kind, x.created_at, x.deadline, x.locale,
      setweight(to_tsvector('simple', coalesce(x.t_title, '')), 'A')
        || setweight(to_tsvector('simple', coalesce(x.t_tags, '')), 'B')
        || setweight(to_tsvector('simple', coalesce(x.t_body, '')), 'C'),
      false, coalesce(x.created_at >= (SELECT recent_since FROM search_state WHERE engine = 'postgres'), false), now()
    FROM jsonb_to_recordset(${json}::jsonb) AS x(list text, doc_id text, title text, body text, tags text[], category text,
      categories text[], community text, grid text, status text, urgency text, kind text, created_at timestamptz, deadline timestamptz, locale text,
      t_title text, t_tags text, t_body text)
    ${onConflict}`;
}

const UPSERT = sql.raw(`ON CONFLICT (generation, list, doc_id) DO UPDATE SET title = excluded.title, body = excluded.body,
  tags = excluded.tags, category = excluded.category, categories = excluded.categories, community = excluded.community, grid = excluded.grid,
  status = excluded.status, urgency = excluded.urgency, kind = excluded.kind, created_at = excluded.created_at,
  deadline = excluded.deadline, locale = excluded.locale, tsv = excluded.tsv, tombstone = false, recent = excluded.recent, indexed_at = now()`);
const KEEP_EXISTING = sql.raw('ON CONFLICT (generation, list, doc_id) DO NOTHING');

const refsJson = (refs: DocumentRef[]) => JSON.stringify(refs.map((r) => ({ list: r.list, doc_id: r.id })));

/** One hit as the search statement returns it. */
interface PageRow {
  list: SearchList;
  id: string;
  score: number | null;
  title: string;
  body: string | null;
  category: string | null;
  community: string | null;
  grid: string | null;
  status: string | null;
  urgency: string | null;
  kind: string | null;
  createdAt: string;
  deadline: string | null;
}

interface CompiledQuery {
  tsquery: string | null;
  matcher: Matcher;
}

export class PostgresSearchEngine implements SearchEngine {
  readonly name = ENGINE;
  private settings: SearchSettings = defaultSearchSettings;

  constructor(private readonly database: () => Db = db) {}

  async configure(settings: Partial<SearchSettings> = {}) {
    this.settings = { ...defaultSearchSettings, ...this.settings, ...settings };
    noteSearchChange();
    await this.state(this.database());
  }

  /** The engine's state row, created on first use; `lock` takes it FOR SHARE or FOR UPDATE. */
  private async state(tx: DbOrTx, lock?: 'share' | 'update'): Promise<State> {
    const suffix = lock === 'share' ? sql` FOR SHARE` : lock === 'update' ? sql` FOR UPDATE` : sql``;
    const read = () => rows<{ live_generation: number; building_generation: number | null }>(
      tx,
      sql`SELECT live_generation, building_generation FROM search_state WHERE engine = ${ENGINE}${suffix}`,
    );
    let [row] = await read();
    if (!row) {
      await tx.execute(sql`INSERT INTO search_state (engine, live_generation) VALUES (${ENGINE}, 1) ON CONFLICT (engine) DO NOTHING`);
      [row] = await read();
    }
    return { live: Number(row.live_generation), building: row.building_generation === null ? null : Number(row.building_generation) };
  }

  private async addTerms(tx: DbOrTx, docs: SearchDocument[]) {
    const terms = new Set<string>();
    for (const d of docs) for (const t of [...latinTerms(d.title), ...latinTerms(d.tags.join(' ')), ...latinTerms(d.body)]) terms.add(t);
    if (!terms.size) return;
    const sorted = [...terms].filter((t) => t.length <= 64).sort();
    await tx.execute(
      sql`INSERT INTO search_terms (term) SELECT jsonb_array_elements_text(${JSON.stringify(sorted)}::jsonb) ON CONFLICT (term) DO NOTHING`,
    );
  }

  async index(docs: SearchDocument[]) {
    if (!docs.length) return;
    const unique = dedupe(docs);
    const json = JSON.stringify(unique.map(docRow));
    try {
      await this.database().transaction(async (tx) => {
        const state = await this.state(tx, 'share');
        await tx.execute(insertDocs(state.live, json, UPSERT));
        if (state.building !== null) await tx.execute(insertDocs(state.building, json, UPSERT));
      });
      await this.addTerms(this.database(), unique);
    } finally {
      noteSearchChange();
    }
  }

  async delete(refs: DocumentRef[]) {
    if (!refs.length) return;
    const json = refsJson(refs);
    try {
      await this.database().transaction(async (tx) => {
        const state = await this.state(tx, 'share');
        await tx.execute(sql`
          DELETE FROM search_documents d USING jsonb_to_recordset(${json}::jsonb) AS x(list text, doc_id text)
          WHERE d.generation = ${state.live}::int AND d.list = x.list AND d.doc_id = x.doc_id`);
        if (state.building !== null) {
          // A tombstone, so that the reindex filling this generation does not bring the document back.
          await tx.execute(sql`
            INSERT INTO search_documents (generation, list, doc_id, title, body, created_at, tsv, tombstone)
            SELECT ${state.building}::int, x.list, x.doc_id, '', '', now(), ''::tsvector, true
            FROM jsonb_to_recordset(${json}::jsonb) AS x(list text, doc_id text)
            ON CONFLICT (generation, list, doc_id) DO UPDATE SET tombstone = true, title = '', body = '', tsv = ''::tsvector,
              tags = '{}'::text[], category = NULL, categories = '{}'::text[], community = NULL, grid = NULL, status = NULL, urgency = NULL, kind = NULL,
              deadline = NULL, indexed_at = now()`);
        }
      });
    } finally {
      noteSearchChange();
    }
  }

  async count() {
    const database = this.database();
    const state = await this.state(database);
    const [row] = await rows<{ n: number }>(database, sql`SELECT count(*)::int AS n FROM search_documents WHERE generation = ${state.live}::int`);
    return Number(row.n);
  }

  // ---- reindex -------------------------------------------------------------------------------------------

  async beginGeneration(): Promise<IndexGeneration> {
    const { id, abandoned } = await this.database().transaction(async (tx) => {
      const state = await this.state(tx, 'update');
      const [row] = await rows<{ n: number | null }>(tx, sql`SELECT max(generation) AS n FROM search_documents`);
      const id = Math.max(state.live, state.building ?? 0, Number(row.n ?? 0)) + 1;
      await tx.execute(sql`UPDATE search_state SET building_generation = ${id}::int, building_started_at = now(), updated_at = now() WHERE engine = ${ENGINE}`);
      return { id, abandoned: state.building };
    });
    // A reindex that died half-way left its generation behind: nothing reads it, so clear it now.
    if (abandoned !== null) await this.dropGeneration(abandoned);
    return { id };
  }

  async fillGeneration(generation: IndexGeneration, docs: SearchDocument[]) {
    if (!docs.length) return;
    const unique = dedupe(docs);
    await this.database().transaction(async (tx) => {
      const state = await this.state(tx, 'share');
      if (state.building !== generation.id) throw new Error(`Generation ${generation.id} is no longer being built (another reindex started?)`);
      // Never overwrite what index()/delete() wrote while the reindex ran: it is newer than the loader's copy.
      await tx.execute(insertDocs(generation.id, JSON.stringify(unique.map(docRow)), KEEP_EXISTING));
    });
    await this.addTerms(this.database(), unique);
  }

  async swapGeneration(generation: IndexGeneration) {
    const old = await this.database().transaction(async (tx) => {
      const state = await this.state(tx, 'update');
      if (state.building !== generation.id) throw new Error(`Generation ${generation.id} is no longer being built (another reindex started?)`);
      await tx.execute(sql`DELETE FROM search_documents WHERE generation = ${generation.id}::int AND tombstone`);
      await tx.execute(sql`UPDATE search_state SET live_generation = ${generation.id}::int, building_generation = NULL,
        building_started_at = NULL, updated_at = now() WHERE engine = ${ENGINE}`);
      return state.live;
    });
    noteSearchChange();
    await this.dropGeneration(old);
  }

  async abandonGeneration(generation: IndexGeneration) {
    await this.database().transaction(async (tx) => {
      const state = await this.state(tx, 'update');
      if (state.building === generation.id) {
        await tx.execute(sql`UPDATE search_state SET building_generation = NULL, building_started_at = NULL, updated_at = now() WHERE engine = ${ENGINE}`);
      }
    });
    await this.dropGeneration(generation.id);
  }

  /** Deletes a generation's rows in batches (never the live or the building one). */
  private async dropGeneration(generation: number) {
    const database = this.database();
    for (;;) {
      const state = await this.state(database);
      if (generation === state.live || generation === state.building) return;
      const deleted = await rows<{ n: number }>(database, sql`
        WITH gone AS (
          DELETE FROM search_documents WHERE ctid IN (
            SELECT ctid FROM search_documents WHERE generation = ${generation}::int LIMIT ${DROP_BATCH}::int)
          RETURNING 1)
        SELECT count(*)::int AS n FROM gone`);
      if (Number(deleted[0]?.n ?? 0) < DROP_BATCH) return;
    }
  }

  /**
   * Moves the recent window's start to RECENT_MONTHS before `now` (run daily by the worker and after a reindex; the
   * first run flags every document of the last months). In one transaction with the state row locked, so that
   * `recent` always means "created on or after recent_since" for every document a search can see, which is what
   * lets a search trust the recent documents alone for the newest matches. Returns the documents whose flag changed.
   */
  async refreshRecentWindow(now = new Date()): Promise<{ since: Date; changed: number } | null> {
    const since = new Date(now);
    since.setUTCMonth(since.getUTCMonth() - RECENT_MONTHS);
    since.setUTCHours(0, 0, 0, 0);
    return this.database().transaction(async (tx) => {
      await this.state(tx, 'update');
      const [row] = await rows<{ recent_since: unknown }>(tx, sql`SELECT recent_since FROM search_state WHERE engine = ${ENGINE}`);
      const current = toDateOrNull(row?.recent_since);
      if (current && since.getTime() - current.getTime() < RECENT_STEP_DAYS * 86_400_000 && since >= current) return null;
      await tx.execute(sql`UPDATE search_state SET recent_since = ${since.toISOString()}::timestamptz, updated_at = now() WHERE engine = ${ENGINE}`);
      const changed = await rows<{ n: number }>(tx, sql`
        WITH flipped AS (
          UPDATE search_documents SET recent = (created_at >= ${since.toISOString()}::timestamptz)
          WHERE recent IS DISTINCT FROM (created_at >= ${since.toISOString()}::timestamptz)
          RETURNING 1)
        SELECT count(*)::int AS n FROM flipped`);
      return { since, changed: Number(changed[0]?.n ?? 0) };
    });
  }

  // ---- search --------------------------------------------------------------------------------------------

  /** The tsquery text for the query's terms, correcting unknown English words against the vocabulary. */
  private async compile(terms: QueryTerm[]): Promise<CompiledQuery> {
    const matcher: Matcher = { words: new Set(), prefixes: [], cjk: [] };
    if (!terms.length) return { tsquery: null, matcher };
    const parts: string[] = [];
    for (const term of terms) {
      if (term.kind === 'cjk') {
        matcher.cjk.push(term.text);
        if (term.bigrams.length === 0) parts.push(`${lexeme(term.text)}:*`);
        else if (term.bigrams.length === 1) parts.push(lexeme(term.bigrams[0]));
        else parts.push(`(${term.bigrams.map(lexeme).join(' <-> ')})`);
        continue;
      }
      const word = term.text;
      const [known] = await rows<{ exact: boolean; prefixed: boolean }>(
        this.database(),
        sql`SELECT EXISTS (SELECT 1 FROM search_terms WHERE term = ${word}) AS exact,
                   EXISTS (SELECT 1 FROM search_terms WHERE term LIKE ${`${word}%`}) AS prefixed`,
      );
      const alternatives = [`${lexeme(word)}${term.prefix ? ':*' : ''}`];
      if (term.prefix) matcher.prefixes.push(word);
      else matcher.words.add(word);
      const found = term.prefix ? known.prefixed : known.exact;
      const { enabled, oneTypoFrom, twoTyposFrom } = this.settings.typoTolerance;
      const allowed = typosAllowed(word, oneTypoFrom, twoTyposFrom);
      if (!found && enabled && allowed > 0 && /\p{L}/u.test(word)) {
        for (const c of await this.corrections(word, allowed)) {
          // The word still being typed stays a prefix once corrected (repiar → repair:* finds "repairs"), as in
          // Meilisearch, where typo tolerance applies to the prefix of the last word too.
          alternatives.push(`${lexeme(c)}${term.prefix ? ':*' : ''}`);
          if (term.prefix) matcher.prefixes.push(c);
          else matcher.words.add(c);
        }
      }
      parts.push(alternatives.length === 1 ? alternatives[0] : `(${alternatives.join(' | ')})`);
    }
    return { tsquery: parts.join(' & '), matcher };
  }

  /** The tsquery text a query compiles to (for the benchmark's baseline and for debugging). */
  async explainQuery(q: string): Promise<string | null> {
    return (await this.compile(parseQuery(q))).tsquery;
  }

  /** Vocabulary words within `allowed` edits of a word, found through the trigram index. */
  private async corrections(word: string, allowed: number): Promise<string[]> {
    const candidates = await this.database().transaction(async (tx) => {
      await tx.execute(sql`SELECT set_config('pg_trgm.similarity_threshold', '0.2', true)`);
      return rows<{ term: string }>(
        tx,
        sql`SELECT term FROM search_terms WHERE term % ${word} ORDER BY similarity(term, ${word}) DESC, term LIMIT 30`,
      );
    });
    return candidates
      // As in Meilisearch, a typo on the first letter counts twice.
      .map((c) => ({ term: c.term, d: editDistance(word, c.term, allowed) + ([...word][0] === [...c.term][0] ? 0 : 1) }))
      .filter((c) => c.d <= allowed)
      .sort((a, b) => a.d - b.d || (a.term < b.term ? -1 : 1))
      .slice(0, 5)
      .map((c) => c.term);
  }

  /** The one statement a search runs, with what the caller needs to read its answer. */
  private async plan(query: SearchQuery) {
    const settings = this.settings;
    const { page, perPage, offset } = clampPaging(query, settings);
    const { tsquery, matcher } = await this.compile(parseQuery(query.q));
    const withHighlights = Boolean(query.highlight);
    const sort = query.sort === 'deadline' ? 'deadline' : query.sort === 'newest' || !tsquery ? 'newest' : 'relevance';

    const live = sql`(SELECT live_generation FROM search_state WHERE engine = ${ENGINE})`;
    const where: SQL[] = [sql`d.generation = ${live}`];
    const tsq = tsquery ? sql`to_tsquery('simple', ${tsquery})` : null;
    if (tsq) where.push(sql`d.tsv @@ ${tsq}`);
    const lists = (query.lists ?? []).filter(Boolean);
    if (lists.length) where.push(sql`d.list IN (${sql.join(lists.map((l) => sql`${l}`), sql`, `)})`);
    for (const field of facetFields) {
      if (field === 'list') continue;
      const values = filterValues(query.filters?.[field]);
      if (!values.length) continue;
      const list = sql.join(values.map((v) => sql`${v}`), sql`, `);
      // An item in several categories matches a filter on any of them.
      where.push(field === 'category' ? sql`d.categories && ARRAY[${list}]::text[]` : sql`${sql.raw(`d.${field}`)} IN (${list})`);
    }
    // NULLS LAST as in the indexes, so that the planner can walk them (created_at is never null).
    const cheapOrder = sort === 'deadline' ? sql.raw('deadline ASC NULLS LAST') : sql.raw('created_at DESC NULLS LAST');
    const finalOrder =
      sort === 'deadline'
        ? sql.raw('deadline ASC NULLS LAST, created_at DESC NULLS LAST, doc_id')
        : sort === 'newest'
          ? sql.raw('created_at DESC NULLS LAST, doc_id')
          : sql.raw('score DESC, created_at DESC NULLS LAST, doc_id');
    const cap = settings.candidateCap;
    const facets = (query.facets ?? []).filter((f): f is FacetField => (facetFields as readonly string[]).includes(f));
    const single = facets.filter((f) => f !== 'category');
    const ranked = sort === 'relevance' && tsq !== null;
    // Relevance is scored over the capped candidates only: ts_rank, weighted so that a match in the title outweighs one
    // in tags or body (as Meilisearch's "attribute" rule: the team named 四点半课堂辅导队 comes before needs whose
    // category label mentions it), and not divided by document length, which let short tag-only matches outrank
    // title matches. The tsvector rides along with each candidate so that no match beyond the cap is scored (the
    // planner would otherwise rank every match before keeping the newest).
    const score = ranked ? sql`ts_rank('{0.1, 0.2, 0.4, 1.0}', d.tsv, ${tsq}, 0)` : sql`NULL::real`;
    // Facet counts over the candidates in one pass: a grouping set per single-valued field (each row of the
    // aggregate has exactly one non-grouped field), and the categories of each item unnested.
    const facetQueries: SQL[] = [];
    if (single.length) {
      const field = sql.raw(`CASE ${single.map((f) => `WHEN grouping(${f}) = 0 THEN '${f}'`).join(' ')} END`);
      const value = sql.raw(single.length === 1 ? single[0] : `coalesce(${single.join(', ')})`);
      const sets = sql.raw(single.map((f) => `(${f})`).join(', '));
      facetQueries.push(sql`SELECT ${field} AS field, ${value} AS value, count(*)::int AS n FROM capped GROUP BY GROUPING SETS (${sets})`);
    }
    if (facets.includes('category')) {
      facetQueries.push(sql`SELECT 'category'::text AS field, x AS value, count(*)::int AS n FROM capped, unnest(capped.categories) AS x GROUP BY x`);
    }

    // Only the row's address and its sort keys go through the sort: every match found is visited to find the newest,
    // and carrying the facet columns and the tsvector of each (most of them then dropped) cost a quarter of the
    // statement for a Chinese word matching 5,600 of 1,000,000 documents (docs/benchmarks/search.md).
    const gather = (extra: SQL) => sql`
          SELECT d.ctid AS tid, d.created_at, d.deadline
          FROM search_documents d
          WHERE ${sql.join([...where, extra], sql` AND `)}
          ORDER BY ${cheapOrder}
          LIMIT ${cap + 1}::int`;
    // Newest first (also the candidates of relevance): the recent documents are all newer than the others, so when
    // they alone hold more than the cap, they hold the newest cap + 1 matches, found through their own smaller GIN
    // index without visiting the older matches. Otherwise every document is searched; the one-time filters mean
    // only one branch runs. Deadline order is not by creation, so it always searches everything.
    const candidates =
      sort === 'deadline'
        ? sql`SELECT * FROM (${gather(sql`true`)}) AS g`
        : sql`SELECT * FROM recent_cand WHERE (SELECT count(*) FROM recent_cand) > ${cap}::int
              UNION ALL
              SELECT * FROM (${gather(sql`true`)}) AS g WHERE (SELECT count(*) FROM recent_cand) <= ${cap}::int`;

    const statement = sql`
      WITH ${sort === 'deadline' ? sql`` : sql`recent_cand AS MATERIALIZED (${gather(sql`d.recent`)}),`}
      cand AS MATERIALIZED (
        -- Numbered in the order the subquery keeps: a window with its own ORDER BY would sit between the sort and
        -- the limit and turn the bounded top-N sort into a sort of every match (spilling to disk at 5,000 matches).
        SELECT s.*, row_number() OVER () AS n FROM (${candidates}) AS s
      ),
      capped AS MATERIALIZED (
        -- The kept candidates fetched by address (the same snapshot found them, so each is still there).
        SELECT d.list, d.doc_id, d.category, d.categories, d.community, d.grid, d.status, d.urgency, d.kind, d.created_at, d.deadline,
               ${score} AS score
        FROM cand c JOIN search_documents d ON d.ctid = c.tid
        WHERE c.n <= ${cap}::int
      ),
      facet_rows AS (
        ${
          facetQueries.length
            ? sql`SELECT * FROM (${sql.join(facetQueries, sql` UNION ALL `)}) AS f WHERE f.value IS NOT NULL`
            : sql`SELECT NULL::text AS field, NULL::text AS value, 0 AS n WHERE false`
        }
      ),
      page AS (
        SELECT c.*, row_number() OVER (ORDER BY ${finalOrder}) AS ord
        FROM (SELECT * FROM capped ORDER BY ${finalOrder} LIMIT ${perPage}::int OFFSET ${offset}::int) AS c
      )
      SELECT (SELECT count(*)::int FROM cand) AS total,
             (SELECT coalesce(json_agg(json_build_array(field, value, n)), '[]'::json) FROM facet_rows) AS facets,
             (SELECT coalesce(json_agg(json_build_object('list', p.list, 'id', p.doc_id, 'score', p.score, 'title', d.title,
                        'body', ${withHighlights ? sql`d.body` : sql`NULL::text`}, 'category', p.category, 'community', p.community,
                        'grid', p.grid, 'status', p.status, 'urgency', p.urgency, 'kind', p.kind, 'createdAt', p.created_at,
                        'deadline', p.deadline) ORDER BY p.ord), '[]'::json)
                FROM page p JOIN search_documents d ON d.generation = ${live} AND d.list = p.list AND d.doc_id = p.doc_id) AS page`;

    return { statement, matcher, withHighlights, facets, cap, page, perPage };
  }

  /**
   * Runs a statement as searches run. JIT compilation costs more than these bounded queries ever take: the app's
   * connections to a PostgreSQL server open with it off (db/client.ts), and the embedded engine has none.
   */
  private run<T>(statement: SQL) {
    return rows<T>(this.database(), statement);
  }

  /** EXPLAIN (ANALYZE, BUFFERS) of the statement a search runs (bench:search --explain, and for operators). */
  async explainSearch(query: SearchQuery): Promise<string> {
    const { statement } = await this.plan(query);
    const lines = await this.run<{ 'QUERY PLAN': string }>(sql`EXPLAIN (ANALYZE, BUFFERS) ${statement}`);
    return lines.map((l) => l['QUERY PLAN']).join('\n');
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const started = performance.now();
    const { statement, matcher, withHighlights, facets, cap, page, perPage } = await this.plan(query);
    const [result] = await this.run<{ total: number; facets: unknown; page: unknown }>(statement);
    const parse = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
    const pageRows = parse<PageRow[]>(result.page);
    const facetRows = parse<Array<[FacetField, string, number]>>(result.facets);
    const counted = Number(result.total);

    const hits = pageRows.map((r) => this.hit(r, matcher, withHighlights));
    const facetCounts: SearchResult['facets'] = {};
    for (const f of facets) facetCounts[f] = {};
    for (const [field, value, n] of facetRows) facetCounts[field]![value] = Number(n);

    return {
      hits,
      facets: facetCounts,
      facetsCapped: facets.length > 0 && counted > cap,
      total: Math.min(counted, cap),
      totalCapped: counted > cap,
      page,
      perPage,
      tookMs: Math.round((performance.now() - started) * 10) / 10,
      engine: ENGINE,
    };
  }

  private hit(r: PageRow, matcher: Matcher, withHighlights: boolean): SearchHit {
    const hit: SearchHit = {
      id: r.id,
      list: r.list,
      title: r.title,
      score: r.score === null ? null : Number(r.score),
      category: r.category,
      community: r.community,
      grid: r.grid,
      status: r.status,
      urgency: r.urgency,
      kind: r.kind,
      createdAt: toDate(r.createdAt),
      deadline: toDateOrNull(r.deadline),
    };
    if (withHighlights) {
      hit.highlights = {
        title: highlight(r.title, matcher),
        snippet: snippet(r.body ?? '', matcher, this.settings.snippetChars),
      };
    }
    return hit;
  }
}
