// Feeding the index from the outbox. A service that changes something searchable calls queueSearchUpsert (or
// queueSearchDelete) in its own transaction; the outbox relay then calls the handlers registered here, which ask
// the list's document loader for the current public document and index it, or remove it when there is none.
// The payload carries only {list, id}, never text: whatever is indexed is read fresh at delivery, so a
// re-delivery, a retry after a crash, or two messages arriving out of order all end in the same index.
import type { DbOrTx } from '../db/client';
import { outbox } from '../db/schema';
import { enqueue } from '../app/outbox/outbox.server';
import { registerOutboxHandler } from '../app/outbox/relay.server';
import { searchLists, type DocumentRef, type SearchEngine, type SearchList } from './engine';
import { documentSource } from './loaders';

export const SEARCH_UPSERT = 'search.upsert';
export const SEARCH_DELETE = 'search.delete';

export interface SearchMessage {
  list: SearchList;
  id: string;
}

export const queueSearchUpsert = (tx: DbOrTx, list: SearchList, id: string) => enqueue(tx, SEARCH_UPSERT, { list, id });
export const queueSearchDelete = (tx: DbOrTx, list: SearchList, id: string) => enqueue(tx, SEARCH_DELETE, { list, id });

/** queueSearchUpsert for many items at once (an import), in batches of rows. */
export async function queueSearchUpserts(tx: DbOrTx, list: SearchList, ids: string[]) {
  for (let k = 0; k < ids.length; k += 500) {
    await tx.insert(outbox).values(ids.slice(k, k + 500).map((id) => ({ topic: SEARCH_UPSERT, payload: { list, id } })));
  }
}

function message(payload: unknown): SearchMessage {
  const p = (payload ?? {}) as Partial<SearchMessage>;
  if (!p.list || !(searchLists as readonly string[]).includes(p.list) || typeof p.id !== 'string' || !p.id) {
    throw new Error(`A search message needs {list, id}; got ${JSON.stringify(payload)}`);
  }
  return { list: p.list, id: p.id };
}

/** Makes the engines' copy of one item equal to what its loader says now. */
export async function syncDocument(engines: SearchEngine[], ref: DocumentRef, removeOnly = false) {
  const source = documentSource(ref.list);
  if (!source) {
    if (removeOnly) {
      for (const engine of engines) await engine.delete([ref]);
      return;
    }
    throw new Error(`No search document loader is registered for the ${ref.list} list`);
  }
  const [doc] = (await source.load([ref.id])).filter((d) => d.id === ref.id && d.list === ref.list);
  // Every engine gets its chance even when one fails; the failure then makes the outbox retry the message.
  const failures: string[] = [];
  for (const engine of engines) {
    try {
      if (doc) await engine.index([doc]);
      else await engine.delete([ref]);
    } catch (error) {
      failures.push(`${engine.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (failures.length) throw new Error(`Indexing ${ref.list}/${ref.id} failed on ${failures.join('; ')}`);
}

/**
 * Registers the outbox handlers for search.upsert and search.delete. `engines` returns the engines to keep up
 * to date (by default every engine search/index.ts feeds: PostgreSQL, and Meilisearch when configured).
 */
export function registerSearchRelay(engines?: () => Promise<SearchEngine[]>) {
  const feed = engines ?? (async () => (await import('./index')).getFeedEngines());
  registerOutboxHandler(SEARCH_UPSERT, async (row) => {
    await syncDocument(await feed(), message(row.payload));
  });
  // A delete is reconciled the same way: if the item is public again by the time this arrives, it stays.
  registerOutboxHandler(SEARCH_DELETE, async (row) => {
    await syncDocument(await feed(), message(row.payload), true);
  });
}
