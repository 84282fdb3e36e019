// Starts feeding the search index in a process that runs the outbox relay: the lists' document loaders and the
// search.upsert / search.delete handlers.
import './sources';
import { registerSearchRelay } from './relay';

export function startSearchFeed() {
  registerSearchRelay();
}
