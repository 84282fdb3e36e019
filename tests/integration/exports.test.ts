// Exports on the demo street: filters applied, private columns only for staff of the place (audited), XLSX read back
// with a library other than the writer, large exports as a job with progress, a link only for the requester that
// expires (410), and a personal data download holding every area of a person's data.
import { and, count, eq, inArray, lt, sql } from 'drizzle-orm';
import { unzipSync, strFromU8 } from 'fflate';
import readXlsxFile from 'read-excel-file/node';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { db, rows as rowsOf } from '../../db/client';
import { auditEvents, exportFiles, needPrivateDetails, needs, notifications, places, users } from '../../db/schema';
import { seedDemo } from '../../db/seed/demo';
import { eraseExpiredExports, exportSettings, runExport } from '../../app/exports/exports.server';
import { notPersonalColumns, personalAreas } from '../../app/exports/personal.server';
import { loader as dashboardLoader } from '../../app/routes/dashboard';
import { loader as exportLoader } from '../../app/routes/exports.$list';
import { loader as jobLoader } from '../../app/routes/exports.jobs.$jobId';
import { loader as downloadLoader } from '../../app/routes/exports.jobs.$jobId.download';
import { action as personalAction } from '../../app/routes/account.data';
import { callRoute, cookieOf, locationOf, statusOf } from '../helpers/routes';
import { useTestDatabase } from '../helpers/db';

useTestDatabase();

let gridId: string;
let communityId: string;
let overdueIds: string[];

beforeAll(async () => {
  await seedDemo();
  // The grid of 锦华苑 with the most overdue needs, found by plain SQL (the list's "overdue": open past its due time).
  const found = await rowsOf<{ grid_id: string; community_id: string; n: number }>(
    db(),
    sql`select n.grid_id, n.community_id, count(*)::int as n from needs n join places c on c.id = n.community_id
        where c.name_zh = '锦华苑社区' and n.grid_id is not null and n.status in ('triaged','dispatched','in_progress') and n.resolution_due_at < now()
        group by n.grid_id, n.community_id order by n desc limit 1`,
  );
  expect(found.length, 'the demo has overdue needs in a grid of 锦华苑').toBe(1);
  gridId = found[0].grid_id;
  communityId = found[0].community_id;
  const ids = await rowsOf<{ id: string }>(db(), sql`select id from needs where grid_id = ${gridId} and status in ('triaged','dispatched','in_progress') and resolution_due_at < now()`);
  overdueIds = ids.map((r) => r.id).sort();
}, 600_000);

afterEach(() => {
  exportSettings.jobRows = 5000;
  exportSettings.ttlHours = 24;
  exportSettings.batchRows = 1000;
});

async function bytesOf(response: unknown) {
  expect(response).toBeInstanceOf(Response);
  return Buffer.from(await (response as Response).arrayBuffer());
}

const overdueUrl = () => `/exports/needs?format=xlsx&community=${communityId}&grid=${gridId}&overdue=overdue`;

describe('list exports', () => {
  it('gives staff of the place the overdue needs of one grid as XLSX, with contact columns, and audits it', async () => {
    const [{ n: auditBefore }] = await db().select({ n: count() }).from(auditEvents).where(eq(auditEvents.action, 'export.private_data'));
    const response = (await callRoute(exportLoader, overdueUrl(), { cookie: await cookieOf('staff@fivefold.test'), params: { list: 'needs' } })) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toContain('spreadsheetml');
    expect(response.headers.get('Content-Disposition')).toMatch(/^attachment; filename="needs-\d{4}-\d{2}-\d{2}\.xlsx"; filename\*=UTF-8''/);
    expect(response.headers.get('Cache-Control')).toContain('no-store');
    const [sheet] = await readXlsxFile(await bytesOf(response));
    const [header, ...data] = sheet.data;
    expect(header).toEqual(expect.arrayContaining(['编号', '摘要', '网格', '电话', '地址']));
    const idCol = header.indexOf('编号');
    const phoneCol = header.indexOf('电话');
    expect(data.map((r) => String(r[idCol])).sort()).toEqual(overdueIds);
    const details = await db().select().from(needPrivateDetails).where(inArray(needPrivateDetails.needId, overdueIds));
    const withPhone = details.find((d) => d.phone);
    if (withPhone) expect(data.find((r) => r[idCol] === withPhone.needId)![phoneCol]).toBe(withPhone.phone);
    const [{ n: auditAfter }] = await db().select({ n: count() }).from(auditEvents).where(eq(auditEvents.action, 'export.private_data'));
    expect(Number(auditAfter)).toBe(Number(auditBefore) + 1);
  });

  it('leaves the private columns out for staff of another community and for the public', async () => {
    for (const cookie of [await cookieOf('staff2@fivefold.test'), null]) {
      const response = await callRoute(exportLoader, overdueUrl().replace('xlsx', 'csv'), { cookie, params: { list: 'needs' } });
      const text = (await bytesOf(response)).toString('utf8');
      expect(text.startsWith('\uFEFF')).toBe(true);
      const lines = text.slice(1).trim().split('\r\n');
      expect(lines[0]).not.toMatch(/电话|地址|Phone|Address/);
      expect(lines.length - 1).toBe(overdueIds.length);
      for (const d of await db().select({ phone: needPrivateDetails.phone }).from(needPrivateDetails).where(inArray(needPrivateDetails.needId, overdueIds))) if (d.phone) expect(text).not.toContain(d.phone);
    }
  });

  it('exports every other list with its own filters', async () => {
    const cookie = await cookieOf('volunteer@fivefold.test');
    for (const list of ['resources', 'projects', 'shifts', 'ledger', 'hours']) {
      const response = await callRoute(exportLoader, `/exports/${list}?format=xlsx`, { cookie, params: { list } });
      expect(statusOf(response), list).toBe(200);
      const [sheet] = await readXlsxFile(await bytesOf(response));
      expect(sheet.data.length, list).toBeGreaterThan(1);
    }
    // The ledger's kind filter: only donations.
    const donations = await callRoute(exportLoader, '/exports/ledger?format=csv&kind=donation', { params: { list: 'ledger' } });
    const lines = (await bytesOf(donations)).toString('utf8').trim().split('\r\n').slice(1);
    const [{ n }] = await rowsOf<{ n: number }>(db(), sql`select count(*)::int as n from ledger_groups where kind = 'donation'`);
    expect(lines.length).toBe(n);
    // Hours are personal: without an account, the login page.
    expect(locationOf(await callRoute(exportLoader, '/exports/hours?format=csv', { params: { list: 'hours' } }))).toMatch(/^\/login/);
    expect(statusOf(await callRoute(exportLoader, '/exports/nothing?format=csv', { params: { list: 'nothing' } }))).toBe(404);
  });

  it('gives staff the dashboard’s overdue needs of a grid through its export link, those awaiting verification included', async () => {
    // A need of the grid still awaiting verification, past its first-response deadline: overdue, and not in the public list.
    const [waiting] = await rowsOf<{ id: string; grid_id: string | null; first_response_due_at: string }>(
      db(),
      sql`select id, grid_id, first_response_due_at::text from needs where community_id = ${communityId} and status = 'raised' order by id limit 1`,
    );
    expect(waiting, 'the demo has a need awaiting verification in 锦华苑').toBeDefined();
    await db().execute(sql`update needs set grid_id = ${gridId}, first_response_due_at = now() - interval '1 day' where id = ${waiting.id}`);
    try {
      const staff = await cookieOf('staff@fivefold.test');
      const dashboard = (await callRoute(dashboardLoader, `/dashboard?grid=${gridId}`, { cookie: staff })) as Awaited<ReturnType<typeof dashboardLoader>>;
      const listed = dashboard.view!.overdue.map((n) => n.id).sort();
      expect(listed).toEqual([...overdueIds, waiting.id].sort());
      expect(dashboard.view!.exportHref).toBe(`${overdueUrl()}&queue=staff`);
      const [sheet] = await readXlsxFile(await bytesOf(await callRoute(exportLoader, dashboard.view!.exportHref, { cookie: staff, params: { list: 'needs' } })));
      const [header, ...data] = sheet.data;
      expect(data.map((r) => String(r[header.indexOf('编号')])).sort()).toEqual(listed);
      // The public list's export leaves it out; staff of another community get nothing of this community's queue; the public must sign in.
      const [publicSheet] = await readXlsxFile(await bytesOf(await callRoute(exportLoader, overdueUrl(), { params: { list: 'needs' } })));
      expect(publicSheet.data.slice(1).map((r) => String(r[0]))).not.toContain(waiting.id);
      const [otherSheet] = await readXlsxFile(await bytesOf(await callRoute(exportLoader, dashboard.view!.exportHref, { cookie: await cookieOf('staff2@fivefold.test'), params: { list: 'needs' } })));
      expect(otherSheet.data).toHaveLength(1);
      expect(locationOf(await callRoute(exportLoader, dashboard.view!.exportHref, { params: { list: 'needs' } }))).toMatch(/^\/login/);
    } finally {
      await db().execute(sql`update needs set grid_id = ${waiting.grid_id}, first_response_due_at = ${waiting.first_response_due_at}::timestamptz where id = ${waiting.id}`);
    }
  });
});

describe('export jobs', () => {
  it('runs a large export as a job with progress, downloadable only by the requester until it expires (410)', async () => {
    exportSettings.jobRows = 2;
    exportSettings.batchRows = 2;
    const staff = await cookieOf('staff@fivefold.test');
    const started = await callRoute(exportLoader, overdueUrl(), { cookie: staff, params: { list: 'needs' } });
    const location = locationOf(started)!;
    expect(location).toMatch(/^\/exports\/jobs\/[0-9a-f-]{36}$/);
    const jobId = location.split('/').pop()!;
    const waiting = (await callRoute(jobLoader, location, { cookie: staff, params: { jobId } })) as Response;
    expect(((await waiting.json()) as { job: { status: string } }).job.status).toBe('queued');
    expect(statusOf(await callRoute(downloadLoader, `${location}/download`, { cookie: staff, params: { jobId } }))).toBe(302);

    // Progress is written batch by batch while the file is made.
    const seen: number[] = [];
    const timer = setInterval(() => {
      void db().select({ p: exportFiles.processedRows }).from(exportFiles).where(eq(exportFiles.id, jobId)).then(([r]) => seen.push(r.p));
    }, 5);
    expect(await runExport(jobId)).toBe(true);
    clearInterval(timer);
    expect(await runExport(jobId)).toBe(false);
    const [done] = await db().select().from(exportFiles).where(eq(exportFiles.id, jobId));
    expect(done.status).toBe('done');
    expect(done.processedRows).toBe(overdueIds.length);
    expect(done.expiresAt!.getTime() - done.finishedAt!.getTime()).toBe(24 * 3600_000);

    const page = (await callRoute(jobLoader, location, { cookie: staff, params: { jobId } })) as Response;
    expect(page.status).toBe(200);
    expect(((await page.json()) as { job: { available: boolean } }).job.available).toBe(true);
    const file = await callRoute(downloadLoader, `${location}/download`, { cookie: staff, params: { jobId } });
    const [sheet] = await readXlsxFile(await bytesOf(file));
    expect(sheet.data.length - 1).toBe(overdueIds.length);
    expect((await db().select().from(auditEvents).where(and(eq(auditEvents.action, 'export.download'), eq(auditEvents.subjectId, jobId)))).length).toBe(1);

    // Nobody else: not staff of another community, not even another staff member of the same one.
    for (const other of ['staff2@fivefold.test', 'gridworker@fivefold.test', 'resident@fivefold.test']) {
      const cookie = await cookieOf(other);
      expect(statusOf(await callRoute(jobLoader, location, { cookie, params: { jobId } })), other).toBe(404);
      expect(statusOf(await callRoute(downloadLoader, `${location}/download`, { cookie, params: { jobId } })), other).toBe(404);
    }

    // After the link expires: 410 with a clear page, and the cleanup job erases the file.
    await db().update(exportFiles).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(exportFiles.id, jobId));
    const gone = (await callRoute(jobLoader, location, { cookie: staff, params: { jobId } })) as Response;
    expect(gone.status).toBe(410);
    expect(((await gone.json()) as { job: { expired: boolean } }).job.expired).toBe(true);
    expect(statusOf(await callRoute(downloadLoader, `${location}/download`, { cookie: staff, params: { jobId } }))).toBe(410);
    expect(await eraseExpiredExports()).toBeGreaterThanOrEqual(1);
    const [erased] = await db().select({ content: exportFiles.content, erasedAt: exportFiles.erasedAt }).from(exportFiles).where(eq(exportFiles.id, jobId));
    expect(erased.content).toBeNull();
    expect(erased.erasedAt).not.toBeNull();
    expect((await db().select({ n: count() }).from(exportFiles).where(and(lt(exportFiles.expiresAt, new Date()), sql`${exportFiles.content} is not null`)))[0].n).toBe(0);
  });
});

describe('personal data download', () => {
  it('classifies every column that points at a user: part of their download, or someone acting on others', async () => {
    const fks = await rowsOf<{ col: string }>(
      db(),
      sql`select tc.table_name || '.' || kcu.column_name as col from information_schema.table_constraints tc
          join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
          join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
          where tc.constraint_type = 'FOREIGN KEY' and ccu.table_name = 'users' and ccu.column_name = 'id' and tc.table_schema = 'public'`,
    );
    const known = new Set([...personalAreas.flatMap((a) => a.columns), ...notPersonalColumns]);
    expect(fks.map((f) => f.col).filter((c) => !known.has(c))).toEqual([]);
  });

  it('gathers everything about a person into a ZIP only they can fetch, audited', async () => {
    // The demo resident's own need gets its private side and they get a notice, so every resident area holds something.
    const [resident] = await db().select({ id: users.id }).from(users).where(eq(users.email, 'resident@fivefold.test'));
    const [own] = await db().select({ id: needs.id }).from(needs).where(eq(needs.requesterUserId, resident.id)).limit(1);
    await db().insert(needPrivateDetails).values({ needId: own.id, contactName: '李晓梅', phone: '13900001111', address: '锦华苑 3-2-501' }).onConflictDoNothing();
    await db().insert(notifications).values({ userId: resident.id, messageKey: 'notifications.title', subjectType: 'need', subjectId: own.id });
    // The demo resident and volunteer between them fill the areas a resident and a volunteer have (the demo donor's gifts carry no account link).
    const expected: Record<string, string[]> = {
      'resident@fivefold.test': ['profile', 'roles', 'household_memberships', 'households', 'needs', 'need_private_details', 'notifications', 'sessions', 'audit_events'],
      'volunteer@fivefold.test': ['profile', 'volunteer_profile', 'resources_owned', 'shift_signups', 'service_hours'],
    };
    for (const [email, areas] of Object.entries(expected)) {
      const cookie = await cookieOf(email);
      const asked = await callRoute(personalAction, '/account/data', { cookie, form: {} });
      const location = locationOf(asked)!;
      expect(location).toMatch(/^\/exports\/jobs\//);
      // A second click while it is being made gives the same request.
      expect(locationOf(await callRoute(personalAction, '/account/data', { cookie, form: {} }))).toBe(location);
      const jobId = location.split('/').pop()!;
      expect(await runExport(jobId)).toBe(true);
      const response = (await callRoute(downloadLoader, `${location}/download`, { cookie, params: { jobId } })) as Response;
      expect(response.headers.get('Content-Type')).toBe('application/zip');
      const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
      const data = JSON.parse(strFromU8(files['data.json'])) as { areas: Record<string, Record<string, unknown>[]> };
      const [user] = await db().select({ id: users.id }).from(users).where(eq(users.email, email));
      expect(areas.filter((a) => !data.areas[a]?.length), `${email}: areas missing`).toEqual([]);
      for (const area of areas) {
        expect(files[`${area}.csv`], `${email}: ${area}.csv`).toBeDefined();
        const spec = personalAreas.find((a) => a.name === area)!;
        // The audit trail grows as the download itself is recorded: count what existed when it was gathered.
        const upTo = area === 'audit_events' ? sql` where q.id <= ${Math.max(...data.areas[area].map((r) => Number(r.id)))}` : sql``;
        const [{ n }] = await rowsOf<{ n: number }>(db(), sql`select count(*)::int as n from (${spec.query(user.id)}) q${upTo}`);
        expect(data.areas[area].length, `${email}: ${area} complete`).toBe(n);
      }
      // Never a secret, never someone else's data.
      expect(JSON.stringify(data)).not.toMatch(/password_hash|token_hash|"before"|"after"/);
      if (email === 'resident@fivefold.test') {
        const mine = await db().select({ id: needs.id }).from(needs).where(eq(needs.requesterUserId, user.id));
        expect(data.areas.needs.map((n) => n.id).sort()).toEqual(mine.map((m) => m.id).sort());
      }
      const audited = await db().select().from(auditEvents).where(and(eq(auditEvents.action, 'personal_data.export'), eq(auditEvents.subjectId, user.id)));
      expect(audited.length).toBe(1);
      // Another person cannot fetch it.
      expect(statusOf(await callRoute(downloadLoader, `${location}/download`, { cookie: await cookieOf('staff@fivefold.test'), params: { jobId } }))).toBe(404);
    }
  });
});

// Places used in the filters really are a grid of a community.
it('the filtered grid belongs to the filtered community', async () => {
  const [grid] = await db().select({ parentId: places.parentId, type: places.type }).from(places).where(eq(places.id, gridId));
  expect(grid.type).toBe('grid');
});
