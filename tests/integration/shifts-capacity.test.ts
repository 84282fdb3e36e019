// Acceptance: 200 concurrent sign-ups at a 5-spot shift, 500 times over, always end with exactly 5 booked and the rest
// waitlisted or refused. Sign-ups run through the service layer with real concurrency: on a PostgreSQL server through a
// pool of connections (where the races are real — the last test proves the harness does catch an unlocked version), on
// PGlite one connection serialises them.
import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db, getDatabase, openDatabase, rows, setDatabase, type DatabaseHandle } from '../../db/client';
import { shiftSignups } from '../../db/schema';
import { signUp } from '../../app/shifts/signups.server';
import { useTestDatabase } from '../helpers/db';
import { createVolunteers, insertShift, shiftWorld } from '../helpers/shifts';

const database = useTestDatabase();

const SPOTS = 5;
const SIGNUPS = 200;
const WAITLIST = 20;
// The full 500 runs on a server, where the races are real. PGlite has one connection, so its sign-ups run one after
// another in the order they were fired: 50 runs there check the same logic without repeating one serial order 500 times.
const RUNS = Number(process.env.SHIFT_RACE_RUNS ?? (process.env.DATABASE_URL ? 500 : 50));
/** Shifts raced at once, each by its own 200 volunteers (so runs do not queue on each other's people). */
const LANES = Number(process.env.SHIFT_RACE_LANES ?? 8);
const HOUR = 3_600_000;

let world: Awaited<ReturnType<typeof shiftWorld>>;
let lanes: Awaited<ReturnType<typeof createVolunteers>>[];
let pool: DatabaseHandle | undefined;

afterAll(async () => {
  if (pool) {
    setDatabase(database.handle);
    await pool.close();
  }
});

beforeAll(async () => {
  // On a server, a pool wide enough for every lane to have connections while others wait on their shift's lock.
  if (database.url) {
    pool = await openDatabase({ url: database.url, max: 4 * LANES });
    setDatabase(pool);
  }
  world = await shiftWorld();
  lanes = [];
  for (let i = 0; i < LANES; i++) lanes.push(await createVolunteers(SIGNUPS, world.community, world.community.id));
});

describe('hard capacity under concurrency', () => {
  it(`${SIGNUPS} concurrent sign-ups at a ${SPOTS}-spot shift, ${RUNS} times: exactly ${SPOTS} booked every time`, async () => {
    const base = Date.now() + 30 * 24 * HOUR;
    const started = performance.now();
    const outcomes = { booked: 0, waitlisted: 0, refused: 0 };
    for (let run = 0; run < RUNS; run += LANES) {
      await Promise.all(
        lanes.slice(0, Math.min(LANES, RUNS - run)).map(async (people, lane) => {
          // Each run's shift at its own hour: the same volunteers never clash with their earlier runs.
          const startsAt = new Date(base + (run + lane) * 2 * HOUR);
          const shift = await insertShift(world, { spots: SPOTS, waitlistLimit: WAITLIST, startsAt, endsAt: new Date(startsAt.getTime() + HOUR) });
          const results = await Promise.all(people.map((p) => signUp({ userId: p.userId }, shift.id)));
          const booked = results.filter((r) => r.outcome === 'booked').length;
          const waitlisted = results.filter((r) => r.outcome === 'waitlisted').length;
          const refused = results.filter((r) => r.outcome === 'refused');
          outcomes.booked += booked;
          outcomes.waitlisted += waitlisted;
          outcomes.refused += refused.length;
          expect(booked, `run ${run + lane}`).toBe(SPOTS);
          expect(waitlisted).toBe(WAITLIST);
          expect(refused.every((r) => r.outcome === 'refused' && r.reason === 'full')).toBe(true);
          const stored = await db().select({ status: shiftSignups.status, n: count() }).from(shiftSignups).where(eq(shiftSignups.shiftId, shift.id)).groupBy(shiftSignups.status);
          expect(Object.fromEntries(stored.map((s) => [s.status, Number(s.n)]))).toEqual({ booked: SPOTS, waitlisted: WAITLIST });
        }),
      );
    }
    const seconds = (performance.now() - started) / 1000;
    console.info(`[shifts] ${RUNS} runs × ${SIGNUPS} sign-ups on ${getDatabase().driver}: ${seconds.toFixed(1)} s (${Math.round((RUNS * SIGNUPS) / seconds)} sign-ups/s)`);
    expect(outcomes.booked).toBe(RUNS * SPOTS);
  }, 900_000);

  it.runIf(Boolean(process.env.DATABASE_URL))('the harness races for real: an unlocked count-then-insert overbooks on the server', async () => {
    expect(getDatabase().driver).toBe('postgres');
    expect(database.url).toBeTruthy();
    const people = lanes[0];
    let worst = 0;
    for (let run = 0; run < 20 && worst <= SPOTS; run++) {
      const startsAt = new Date(Date.now() + (400 + run) * 24 * HOUR);
      const shift = await insertShift(world, { spots: SPOTS, startsAt });
      await Promise.all(
        people.map((p) =>
          db().transaction(async (tx) => {
            const [{ n }] = await rows<{ n: number }>(tx, sql`select count(*)::int as n from ${shiftSignups} where shift_id = ${shift.id} and status = 'booked'`);
            if (Number(n) < SPOTS) await tx.insert(shiftSignups).values({ shiftId: shift.id, userId: p.userId, volunteerId: p.volunteerId, status: 'booked', signedUpBy: p.userId });
          }),
        ),
      );
      const [{ n }] = await db().select({ n: count() }).from(shiftSignups).where(and(eq(shiftSignups.shiftId, shift.id), eq(shiftSignups.status, 'booked')));
      worst = Math.max(worst, Number(n));
    }
    expect(worst).toBeGreaterThan(SPOTS);
  }, 120_000);
});
