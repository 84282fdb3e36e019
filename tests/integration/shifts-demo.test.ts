// The demo's shifts: weekly meal delivery, after-school class and patrol in every demo community, a history of hours,
// room to sign up in the coming weeks, and never more booked than spots.
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db, rows } from '../../db/client';
import { serviceHours, shifts, users } from '../../db/schema';
import { seedDemo } from '../../db/seed/demo';
import { hoursRecord } from '../../app/shifts/hours.server';
import { listOpenShiftsForMatching } from '../../app/shifts/shifts.server';
import { useTestDatabase } from '../helpers/db';

useTestDatabase();

beforeAll(async () => {
  await seedDemo();
});

describe('demo shifts', () => {
  it('runs the three weekly series in every community, past and coming', async () => {
    const series = await rows<{ community_id: string; title: string; past: number; coming: number }>(
      db(),
      sql`select community_id, title, count(*) filter (where ends_at < now())::int as past, count(*) filter (where starts_at > now())::int as coming from ${shifts} group by community_id, title`,
    );
    expect(new Set(series.map((s) => s.community_id)).size).toBe(3);
    expect(new Set(series.map((s) => s.title))).toEqual(new Set(['长者助餐送餐', '四点半课堂', '平安巡逻']));
    for (const s of series) expect(Number(s.past)).toBeGreaterThan(4);
    const open = await listOpenShiftsForMatching();
    expect(open.length).toBeGreaterThan(10);
    const over = await rows(db(), sql`select s.id from ${shifts} s where (select count(*) from shift_signups g where g.shift_id = s.id and g.status = 'booked') > s.spots`);
    expect(over).toEqual([]);
  });

  it('has a history of certified hours, some waiting, and the demo volunteer\u2019s 双报到 goal', async () => {
    const [{ certified, pending }] = await rows<{ certified: number; pending: number }>(db(), sql`select count(*) filter (where status = 'certified')::int as certified, count(*) filter (where status in ('pending', 'flagged'))::int as pending from ${serviceHours}`);
    expect(Number(certified)).toBeGreaterThan(100);
    expect(Number(pending)).toBeGreaterThan(3);
    const [me] = await db().select({ id: users.id }).from(users).where(eq(users.email, 'volunteer@fivefold.test'));
    const record = await hoursRecord(me.id, 'zh-CN');
    expect(record.totals.certified).toBeGreaterThan(0);
    expect(record.totals.pending).toBe(3);
    expect(record.progress).toMatchObject({ target: 32 });
  });
});
