// Queue a message for another system in the caller's transaction; jobs/outbox-relay.ts delivers it at least once.
import type { DbOrTx } from '../../db/client';
import { outbox } from '../../db/schema';

export async function enqueue(tx: DbOrTx, topic: string, payload: Record<string, unknown>) {
  const [row] = await tx.insert(outbox).values({ topic, payload }).returning({ id: outbox.id });
  return row.id;
}
