// The demo street's year of needs: every state of the life of a need is there to look at, overdue ones escalated.
import { count, eq, min, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../db/client';
import { needEscalations, needEvents, needRatings, needs, places } from '../../db/schema';
import { seedDemo } from '../../db/seed/demo';
import { escalateOverdueNeeds } from '../../app/needs/escalation.server';
import { useTestDatabase } from '../helpers/db';

useTestDatabase();
beforeAll(() => seedDemo());

describe('demo needs', () => {
  it('spans a year across the three communities in every status', async () => {
    const byCommunity = await db().select({ name: places.nameZh, n: count() }).from(needs).innerJoin(places, eq(places.id, needs.communityId)).groupBy(places.nameZh);
    expect(byCommunity).toHaveLength(3);
    for (const c of byCommunity) expect(Number(c.n)).toBeGreaterThanOrEqual(100);
    const [{ oldest }] = await db().select({ oldest: min(needs.raisedAt) }).from(needs);
    expect(Date.now() - new Date(oldest!).getTime()).toBeGreaterThan(300 * 86_400_000);
    const statuses = await db().selectDistinct({ s: needs.status }).from(needs);
    expect(statuses.map((s) => s.s).sort()).toEqual(['closed', 'dispatched', 'in_progress', 'merged', 'out_of_scope', 'raised', 'rated', 'rejected', 'resolved', 'triaged']);
    expect(Number((await db().select({ n: count() }).from(needRatings))[0].n)).toBeGreaterThan(100);
  });

  it('has overdue needs already escalated, so the job finds nothing more to do', async () => {
    expect(Number((await db().select({ n: count() }).from(needEscalations))[0].n)).toBeGreaterThan(0);
    const report = await escalateOverdueNeeds();
    expect(report.escalated).toBe(0);
  });

  it('gives every need a timeline that starts with its raising', async () => {
    const [row] = await db()
      .select({ n: count() })
      .from(needs)
      .where(sql`not exists (select 1 from ${needEvents} e where e.need_id = ${needs.id} and e.kind = 'raised')`);
    expect(Number(row.n)).toBe(0);
  });
});
