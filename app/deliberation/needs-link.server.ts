// The community of a need, for raising a topic from it (guards check topic.manage there).
import { eq } from 'drizzle-orm';
import { db } from '../../db/client';
import { needs, places } from '../../db/schema';

export async function needCommunity(needId: string) {
  const [row] = await db()
    .select({ id: places.id, path: places.path, type: places.type })
    .from(needs)
    .innerJoin(places, eq(places.id, needs.communityId))
    .where(eq(needs.id, needId));
  return row ?? null;
}
