// Which engine answers: Meilisearch when MEILI_HOST is set and the server answers, PostgreSQL otherwise.
// PostgreSQL is always fed too (search/relay.ts), so when Meilisearch cannot be reached, searches fall back to it
// and the result carries a notice the page can show.
import { env } from '../app/utils/env.server';
import type { SearchEngine } from './engine';
import { MeilisearchEngine } from './meilisearch-engine';
import { PostgresSearchEngine } from './postgres-engine';

export type { SearchDocument, SearchEngine, SearchQuery, SearchResult } from './engine';

/** Set while searches are answered by PostgreSQL although Meilisearch is configured. */
export interface SearchNotice {
  kind: 'meilisearch_unreachable';
  host: string;
  since: Date;
}

const RECHECK_MS = 30_000;

interface EngineState {
  postgres?: Promise<PostgresSearchEngine>;
  meili?: { engine: MeilisearchEngine; configured?: Promise<void> };
  notice: SearchNotice | null;
  checkedAt: number;
  healthy: boolean;
}

const KEY = Symbol.for('fivefold.search.engines');
type Registry = { [KEY]?: EngineState };

function registry(): EngineState {
  const g = globalThis as Registry;
  g[KEY] ??= { notice: null, checkedAt: 0, healthy: false };
  return g[KEY];
}

/** The PostgreSQL engine (configured once per process). */
export function getPostgresEngine(): Promise<PostgresSearchEngine> {
  const r = registry();
  r.postgres ??= (async () => {
    const engine = new PostgresSearchEngine();
    await engine.configure();
    return engine;
  })();
  r.postgres.catch(() => {
    r.postgres = undefined;
  });
  return r.postgres;
}

/** The Meilisearch engine when MEILI_HOST is set (not yet checked for reachability). */
export function getMeilisearchEngine(): MeilisearchEngine | null {
  const { MEILI_HOST, MEILI_KEY } = env();
  if (!MEILI_HOST) return null;
  const r = registry();
  r.meili ??= { engine: new MeilisearchEngine({ host: MEILI_HOST, apiKey: MEILI_KEY }) };
  return r.meili.engine;
}

async function meiliReachable(engine: MeilisearchEngine): Promise<boolean> {
  const r = registry();
  if (Date.now() - r.checkedAt < RECHECK_MS) return r.healthy;
  r.checkedAt = Date.now();
  r.healthy = await engine.healthy();
  if (r.healthy) {
    r.meili!.configured ??= engine.configure();
    try {
      await r.meili!.configured;
    } catch (error) {
      r.meili!.configured = undefined;
      r.healthy = false;
      console.warn(`[search] Meilisearch settings could not be applied: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (!r.healthy && !r.notice) {
    r.notice = { kind: 'meilisearch_unreachable', host: env().MEILI_HOST!, since: new Date() };
    console.warn(`[search] Meilisearch at ${env().MEILI_HOST} is unreachable: searching with PostgreSQL until it answers.`);
  }
  if (r.healthy) r.notice = null;
  return r.healthy;
}

/** The engine that answers searches now. */
export async function getSearchEngine(): Promise<SearchEngine> {
  const meili = getMeilisearchEngine();
  if (meili && (await meiliReachable(meili))) return meili;
  return getPostgresEngine();
}

/** Non-null while searches fall back to PostgreSQL because Meilisearch is configured but unreachable. */
export function searchNotice(): SearchNotice | null {
  return registry().notice;
}

/**
 * Every engine the outbox relay and the reindex keep up to date: PostgreSQL, and Meilisearch when configured.
 * An unreachable Meilisearch makes its own writes fail (so the outbox retries them later) without holding back
 * PostgreSQL's, which are idempotent.
 */
export async function getFeedEngines(): Promise<SearchEngine[]> {
  const engines: SearchEngine[] = [await getPostgresEngine()];
  const meili = getMeilisearchEngine();
  if (meili) {
    await meiliReachable(meili);
    engines.push(meili);
  }
  return engines;
}

/** Forgets the engines of this process (tests). */
export function resetSearchEngines() {
  const g = globalThis as Registry;
  g[KEY] = undefined;
}
