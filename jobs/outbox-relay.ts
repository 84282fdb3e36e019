// The outbox relay job: delivers queued messages (email now; search and webhooks as they arrive).
import { relayOutbox } from '../app/outbox/relay.server';
import { runJob } from './runner';

export const OUTBOX_RELAY = 'outbox-relay';

export const outboxRelayJob = () => runJob(OUTBOX_RELAY, 60_000, () => relayOutbox());
