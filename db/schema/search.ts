// The PostgreSQL search engine's index (search/postgres-engine.ts): documents per index generation, the
// vocabulary used for typo correction, and which generation is live. Rebuilt from the lists at any time
// (npm run search:reindex); it holds only the public fields of search/engine.ts's SearchDocument.
import { sql } from 'drizzle-orm';
import { boolean, customType, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { at, createdAt, updatedAt } from './columns';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const searchDocuments = pgTable(
  'search_documents',
  {
    /** Index generation: a reindex fills a new one while the live one answers, then swaps. */
    generation: integer('generation').notNull(),
    list: text('list').notNull(),
    docId: text('doc_id').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    category: text('category'),
    /** Every category of the item (filters and facet counts match any of them). */
    categories: text('categories').array().notNull().default(sql`'{}'::text[]`),
    community: text('community'),
    grid: text('grid'),
    status: text('status'),
    urgency: text('urgency'),
    kind: text('kind'),
    /** When the item itself was created (sort: newest). */
    createdAt: at('created_at').notNull(),
    deadline: at('deadline'),
    locale: text('locale'),
    /** Segmented text (search/segment.ts) through to_tsvector('simple', …): title A, tags B, body C. */
    tsv: tsvector('tsv').notNull(),
    /** A delete that arrived while this (not yet live) generation was being filled; removed at the swap. */
    tombstone: boolean('tombstone').notNull().default(false),
    /**
     * Created on or after search_state.recent_since (the last twelve months): such documents also have a GIN index of
     * their own, so the newest matches of a mid-frequency word are found without visiting every older match.
     */
    recent: boolean('recent').notNull().default(false),
    indexedAt: at('indexed_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'search_documents_pkey', columns: [t.generation, t.list, t.docId] }),
    index('search_documents_tsv_idx').using('gin', t.tsv),
    index('search_documents_recent_tsv_idx').using('gin', t.tsv).where(sql`recent`),
    index('search_documents_newest_idx').on(t.generation, t.createdAt.desc()),
    index('search_documents_deadline_idx').on(t.generation, t.deadline),
  ],
);

/** Latin-script words seen in indexed text: the vocabulary a misspelt query word is corrected against. */
export const searchTerms = pgTable(
  'search_terms',
  {
    term: text('term').primaryKey(),
    createdAt: createdAt(),
  },
  (t) => [
    index('search_terms_trgm_idx').using('gin', t.term.op('gin_trgm_ops')),
    index('search_terms_prefix_idx').on(t.term.op('text_pattern_ops')),
  ],
);

/** One row per engine: the live generation and the one a reindex is building. */
export const searchState = pgTable('search_state', {
  engine: text('engine').primaryKey(),
  liveGeneration: integer('live_generation').notNull(),
  buildingGeneration: integer('building_generation'),
  buildingStartedAt: at('building_started_at'),
  /** Documents created on or after this instant are flagged `recent` (null: none are, the window is not set up yet). */
  recentSince: at('recent_since'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});
