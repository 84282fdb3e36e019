// The data the load benchmarks run against: the demo (db/seed/demo.ts) plus more years of needs, shifts with room
// for the benchmark's volunteers, the search index rebuilt over all of it, and live sessions for the 120 numbered
// demo volunteers. Runs inside the benchmark process, against the benchmark's own database.
import { randomUUID } from 'node:crypto';
import { asc, eq, like, sql } from 'drizzle-orm';
import { fmtInt, log } from './load-kit';

export interface Volunteer {
  userId: string;
  cookie: string;
}

export interface LoadData {
  volunteers: Volunteer[];
  /** Shifts with room for every volunteer, at hours that clash with nothing. */
  shiftIds: string[];
  placeIds: string[];
  categories: string[];
  counts: Record<string, number>;
  close(): Promise<void>;
}

/**
 * Opens the database for this process, migrates, seeds and adds `extraYears` more years of needs. The process must
 * already have NODE_ENV, SESSION_SECRET and DATABASE_URL of the server set (productionEnv), before any app module loads.
 */
export async function prepareData(url: string, opts: { extraYears: number; shifts: number }): Promise<LoadData> {
  const { openDatabase, setDatabase, db, rows } = await import('../db/client');
  const { migrate } = await import('../db/migrate');
  const { seedDemo } = await import('../db/seed/demo');
  const { seedNeeds } = await import('../db/seed/needs');
  const { indexDemo } = await import('../db/seed/search-index');
  const { startSession } = await import('../app/auth/session.server');
  const { placeOptions } = await import('../app/needs/needs.server');
  const { needCategoryOptions } = await import('../app/needs/settings.server');
  const { localInstant, localParts } = await import('../app/resources/rules');
  const schema = await import('../db/schema');

  const t0 = performance.now();
  const handle = await openDatabase({ url, max: 4 });
  setDatabase(handle);
  await migrate(handle);
  await seedDemo();
  // More of what a street accumulates: each pass adds another year of needs across the communities (with their
  // events, dispatches, ratings), so lists and search run over a realistic volume rather than a demo's.
  for (let y = 0; y < opts.extraYears; y++) await db().transaction((tx) => seedNeeds(tx));

  // Shifts for the benchmark's sign-ups: one a day at 02:00–03:00 local from ten days on (demo shifts are daytime and
  // evening, so none clash), each with room for all 120 volunteers and no checks required.
  const [c] = await db().select().from(schema.places).where(eq(schema.places.type, 'community')).orderBy(asc(schema.places.path)).limit(1);
  const [organiser] = await db().select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, 'staff@fivefold.test'));
  const today = localParts(new Date()).date;
  const shiftRows: (typeof schema.shifts.$inferInsert)[] = [];
  for (let i = 0; i < opts.shifts; i++) {
    const date = new Date(Date.parse(`${today}T00:00:00Z`) + (10 + i) * 86_400_000).toISOString().slice(0, 10);
    shiftRows.push({
      id: randomUUID(),
      title: '夜间应急值守',
      description: '社区应急值班室夜间值守，接听求助电话。',
      role: '值守员',
      spots: 200,
      skills: [],
      requiredChecks: [],
      placeId: c.id,
      placePath: c.path,
      communityId: c.id,
      location: '社区应急值班室',
      startsAt: localInstant(date, 2 * 60),
      endsAt: localInstant(date, 3 * 60),
      teamsAllowed: false,
      checkinCode: String(100000 + i),
      organiserUserId: organiser.id,
    });
  }
  await db().insert(schema.shifts).values(shiftRows);
  const documents = await indexDemo();

  // The 120 numbered demo volunteers, each with a live session (as after logging in).
  const people = await db()
    .select({ id: schema.users.id })
    .from(schema.users)
    .innerJoin(schema.volunteerProfiles, eq(schema.volunteerProfiles.userId, schema.users.id))
    .where(like(schema.users.email, 'volunteer___@fivefold.test'))
    .orderBy(asc(schema.users.email));
  const volunteers: Volunteer[] = [];
  for (const p of people) volunteers.push({ userId: p.id, cookie: (await startSession(db(), p.id, false)).split(';')[0] });

  const counts: Record<string, number> = {};
  for (const [name, table] of [
    ['needs', 'needs'],
    ['resources', 'resources'],
    ['projects', 'projects'],
    ['shifts', 'shifts'],
    ['users', 'users'],
    ['donations', 'donations'],
    ['search documents', 'search_documents'],
  ] as const) {
    const [row] = await rows<{ n: string }>(db(), sql.raw(`select count(*)::text as n from ${table}`)).catch(() => [{ n: '0' }]);
    counts[name] = Number(row.n);
  }
  log(`data ready in ${((performance.now() - t0) / 1000).toFixed(0)} s: ${Object.entries(counts).map(([k, v]) => `${fmtInt(v)} ${k}`).join(', ')} (index: ${fmtInt(documents)} documents)`);

  // A database in use has been vacuumed and analysed; one just loaded in bulk has not, and autovacuum would do it in
  // the first minute of the run, with a checkpoint writing out everything the load dirtied: settle both first, so
  // the run measures serving pages, not the aftermath of the load.
  await handle.executeSql('VACUUM (ANALYZE)');
  await handle.executeSql('CHECKPOINT').catch((e: Error) => log(`CHECKPOINT refused (${e.message}): the run may start while one is written`));

  const placeIds = (await placeOptions()).map((p) => p.id);
  const categories = (await needCategoryOptions()).filter((c) => c.offered && c.shared).map((c) => c.key);
  return {
    volunteers,
    shiftIds: shiftRows.map((s) => s.id!),
    placeIds,
    categories,
    counts,
    async close() {
      setDatabase(undefined);
      await handle.close();
    },
  };
}
