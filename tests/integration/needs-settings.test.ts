// A community sets its own need categories and service levels on its settings page: residents then choose its own
// categories, retired ones are refused on new needs but keep their label on old ones, deadlines follow the new
// levels — and bad input is refused field by field with nothing stored.
import { and, desc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../db/client';
import { auditEvents, needs, places, users } from '../../db/schema';
import { seedDemo } from '../../db/seed/demo';
import * as settingsPage from '../../app/routes/admin.places.$placeId.need-settings';
import * as newPage from '../../app/routes/needs.new';
import * as triagePage from '../../app/routes/needs.$needId';
import { readNeedSettings } from '../../app/needs/settings';
import { urgencies } from '../../app/needs/values';
import { useTestDatabase } from '../helpers/db';
import { requestWith, sessionCookieFor } from '../helpers/factories';

useTestDatabase();

const cookies = new Map<string, string>();
let community: { id: string; path: string };
let otherBuilding: string;
let building: string;

beforeAll(async () => {
  await seedDemo();
  for (const who of ['resident', 'staff', 'staff2']) {
    const [u] = await db().select({ id: users.id }).from(users).where(eq(users.email, `${who}@fivefold.test`));
    cookies.set(who, await sessionCookieFor(u.id));
  }
  const [c] = await db().select().from(places).where(eq(places.nameZh, '锦华苑社区'));
  community = { id: c.id, path: c.path };
  const [b] = await db().select().from(places).where(and(eq(places.nameZh, '2号楼')));
  expect(b.path.startsWith(c.path)).toBe(true);
  building = b.id;
  const [other] = await db().select().from(places).where(eq(places.nameZh, '老槐树社区'));
  const [ob] = await db()
    .select()
    .from(places)
    .where(and(eq(places.type, 'building')))
    .then((rows) => rows.filter((r) => r.path.startsWith(other.path)));
  otherBuilding = ob.id;
});

async function run(fn: (args: never) => unknown, path: string, who?: string, form?: Record<string, string>, params: Record<string, string> = {}) {
  const init: RequestInit = form ? { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) } : {};
  try {
    const result = await fn({ request: requestWith(who ? cookies.get(who) : null, path, init), params, context: {} } as never);
    if (result instanceof Response) return { status: result.status, location: result.headers.get('Location'), body: await result.text(), data: null };
    return { status: 200, location: null, body: JSON.stringify(result), data: result as never };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get('Location'), body: await thrown.text(), data: null };
    throw thrown;
  }
}

type Loaded = Awaited<ReturnType<typeof settingsPage.loader>>;

/** The form exactly as the page sends it, from what the page shows, with changes on top. */
function formFrom(page: Loaded, change: (form: Record<string, string>) => void = () => {}) {
  const form: Record<string, string> = {};
  page.categories.forEach((c, i) => {
    form[`categories[${i}].key`] = c.key;
    if (c.offered) form[`categories[${i}].offered`] = 'on';
    form[`categories[${i}].zh`] = c.zh ?? '';
    form[`categories[${i}].en`] = c.en ?? '';
    for (const u of urgencies) {
      form[`categories[${i}].levels.${u}.responseHours`] = String(c.levels[u]?.responseHours ?? '');
      form[`categories[${i}].levels.${u}.resolutionHours`] = String(c.levels[u]?.resolutionHours ?? '');
    }
  });
  for (const u of urgencies) {
    form[`levels.${u}.responseHours`] = String(page.levels[u].responseHours);
    form[`levels.${u}.resolutionHours`] = String(page.levels[u].resolutionHours);
  }
  form['newCategory.key'] = '';
  form['newCategory.zh'] = '';
  form['newCategory.en'] = '';
  change(form);
  return form;
}

const path = () => `/admin/places/${community.id}/need-settings`;
const load = async () => (await run(settingsPage.loader, path(), 'staff', undefined, { placeId: community.id })).data as unknown as Loaded;
const storedSettings = async () => readNeedSettings((await db().select().from(places).where(eq(places.id, community.id)))[0].settings);
const need = { title: '食堂需要帮厨', description: '中午备餐人手不够', urgency: 'normal', beneficiary: 'community', recurrence: 'weekly' };

describe('a community sets its own need categories and service levels', () => {
  it('staff of another community cannot see or change the settings', async () => {
    const page = await run(settingsPage.loader, path(), 'staff2', undefined, { placeId: community.id });
    expect([403, 404]).toContain(page.status);
    const before = await storedSettings();
    const post = await run(settingsPage.action, path(), 'staff2', formFrom(await load(), (f) => (f['levels.normal.responseHours'] = '1')), { placeId: community.id });
    expect([403, 404]).toContain(post.status);
    expect(await storedSettings()).toEqual(before);
    expect((await run(settingsPage.loader, path(), 'resident', undefined, { placeId: community.id })).status).toBeGreaterThanOrEqual(403);
  });

  it('shows the twelve standard categories and the standard levels at first', async () => {
    const page = await load();
    expect(page.categories.map((c) => c.key)).toContain('meals');
    expect(page.categories).toHaveLength(12);
    expect(page.categories.every((c) => c.offered)).toBe(true);
    expect(page.levels.critical).toEqual({ responseHours: 2, resolutionHours: 24 });
    expect(page.categories.find((c) => c.key === 'meals')!.needs).toBeGreaterThan(0);
  });

  it('refuses bad input field by field and stores nothing', async () => {
    const before = await storedSettings();
    const page = await load();
    const cases: [(f: Record<string, string>) => void, string, string][] = [
      [(f) => ((f['newCategory.key'] = 'canteen_help'), (f['newCategory.zh'] = '食堂帮厨')), 'newCategory.en', 'v.required'],
      [(f) => ((f['newCategory.key'] = 'meals'), (f['newCategory.zh'] = '助餐'), (f['newCategory.en'] = 'Meals')), 'newCategory.key', 'needs.settings.v.keyTaken'],
      [(f) => ((f['newCategory.key'] = 'Canteen Help!'), (f['newCategory.zh'] = '帮厨'), (f['newCategory.en'] = 'Help')), 'newCategory.key', 'needs.settings.v.key'],
      [(f) => (f['levels.normal.resolutionHours'] = '10'), 'levels.normal.resolutionHours', 'needs.settings.v.responseFirst'],
      [(f) => (f['levels.high.responseHours'] = '0'), 'levels.high.responseHours', 'needs.settings.v.hours'],
      [(f) => (f['categories[1].levels.critical.responseHours'] = '3'), 'categories[1].levels.critical.resolutionHours', 'needs.settings.v.bothHours'],
      [(f) => Object.keys(f).filter((k) => k.endsWith('.offered')).forEach((k) => delete f[k]), 'categories', 'needs.settings.v.oneCategory'],
    ];
    for (const [change, field, message] of cases) {
      const res = await run(settingsPage.action, path(), 'staff', formFrom(page, change), { placeId: community.id });
      expect(res.status, field).toBe(200);
      const error = (res.data as unknown as { error: Record<string, string[]> }).error;
      expect(error[field], `${field} in ${JSON.stringify(error)}`).toContain(message);
    }
    expect(await storedSettings()).toEqual(before);
  });

  it('adds an own category, retires one, sets levels — and new needs follow', async () => {
    const page = await load();
    const employment = page.categories.findIndex((c) => c.key === 'employment');
    const meals = page.categories.findIndex((c) => c.key === 'meals');
    const res = await run(
      settingsPage.action,
      path(),
      'staff',
      formFrom(page, (f) => {
        f['newCategory.key'] = 'canteen_help';
        f['newCategory.zh'] = '食堂帮厨';
        f['newCategory.en'] = 'Canteen help';
        delete f[`categories[${employment}].offered`];
        f['levels.normal.responseHours'] = '12';
        f['levels.normal.resolutionHours'] = '48';
        f[`categories[${meals}].levels.normal.responseHours`] = '4';
        f[`categories[${meals}].levels.normal.resolutionHours`] = '24';
      }),
      { placeId: community.id },
    );
    expect(res.status).toBe(302);
    expect(res.location).toContain('notice=needs.settings.saved');
    const [audit] = await db().select().from(auditEvents).where(eq(auditEvents.action, 'need.settings_update')).orderBy(desc(auditEvents.createdAt)).limit(1);
    expect(audit.subjectId).toBe(community.id);

    // The settings page shows what was saved.
    const after = await load();
    expect(after.categories.find((c) => c.key === 'canteen_help')).toMatchObject({ zh: '食堂帮厨', en: 'Canteen help', offered: true, isDefault: false });
    expect(after.categories.find((c) => c.key === 'employment')!.offered).toBe(false);
    expect(after.levels.normal).toEqual({ responseHours: 12, resolutionHours: 48 });

    // Residents are offered the new category, marked as this community's own, and not the retired one.
    const form = await run(newPage.loader, '/needs/new', 'resident');
    const offered = (form.data as unknown as { categories: { key: string; communityIds: string[] }[] }).categories;
    expect(offered.find((c) => c.key === 'canteen_help')!.communityIds).toEqual([community.id]);
    expect(offered.find((c) => c.key === 'employment')!.communityIds).not.toContain(community.id);

    // A need in the new category gets the community's normal level: answered within 12 h, resolved within 48 h.
    const raised = await run(newPage.action, '/needs/new', 'resident', { ...need, category: 'canteen_help', placeId: building });
    expect(raised.status).toBe(302);
    const [row] = await db().select().from(needs).where(eq(needs.category, 'canteen_help'));
    expect(row.firstResponseDueAt.getTime() - row.raisedAt.getTime()).toBe(12 * 3_600_000);
    expect(row.resolutionDueAt.getTime() - row.raisedAt.getTime()).toBe(48 * 3_600_000);

    // Meals has its own normal level.
    await run(newPage.action, '/needs/new', 'resident', { ...need, title: '送餐', category: 'meals', placeId: building });
    const [mealsRow] = await db().select().from(needs).where(and(eq(needs.category, 'meals'), eq(needs.title, '送餐')));
    expect(mealsRow.resolutionDueAt.getTime() - mealsRow.raisedAt.getTime()).toBe(24 * 3_600_000);

    // The retired category is refused on new needs; another community does not have the new one.
    const retired = await run(newPage.action, '/needs/new', 'resident', { ...need, category: 'employment', placeId: building });
    expect(retired.status).toBe(200);
    expect(retired.body).toContain('needs.v.category');
    const elsewhere = await run(newPage.action, '/needs/new', 'resident', { ...need, category: 'canteen_help', placeId: otherBuilding });
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.body).toContain('needs.v.category');
  });

  it('a retired category stays on the needs already in it and can be kept when triaging them', async () => {
    const [old] = await db()
      .select()
      .from(needs)
      .where(and(eq(needs.communityId, community.id), eq(needs.status, 'raised')))
      .limit(1);
    await db().update(needs).set({ category: 'employment' }).where(eq(needs.id, old.id));
    const page = await run(triagePage.loader, `/needs/${old.id}`, 'staff', undefined, { needId: old.id });
    const categories = (page.data as unknown as { categories: { key: string }[] }).categories.map((c) => c.key);
    expect(categories).toContain('employment');
    expect(categories).toContain('canteen_help');
    const [other] = await db()
      .select()
      .from(needs)
      .where(and(eq(needs.communityId, community.id), eq(needs.status, 'raised'), eq(needs.category, 'meals')))
      .limit(1);
    const otherPage = await run(triagePage.loader, `/needs/${other.id}`, 'staff', undefined, { needId: other.id });
    expect((otherPage.data as unknown as { categories: { key: string }[] }).categories.map((c) => c.key)).not.toContain('employment');
  });
});

describe('names of own categories on every page', () => {
  it('shows a change saved in this process at once, and one made by another web process within a few seconds', async () => {
    const { ownCategoryLabels } = await import('../../app/needs/settings.server');
    const { PLACE_READS_MAX_AGE_MS } = await import('../../app/places/place-reads.server');
    const before = await ownCategoryLabels();
    // Another web process saves the settings: this one sees only the row change, not the save.
    const [row] = await db().select().from(places).where(eq(places.id, community.id));
    const settings = row.settings as Record<string, unknown>;
    const categories = [...readNeedSettings(settings).categories, { key: 'stairs_lift', zh: '加装电梯', en: 'Stair lift' }];
    await db().update(places).set({ settings: { ...settings, needCategories: categories } }).where(eq(places.id, community.id));
    expect(before.stairs_lift).toBeUndefined();
    const realNow = Date.now;
    try {
      Date.now = () => realNow() + PLACE_READS_MAX_AGE_MS + 1;
      expect((await ownCategoryLabels()).stairs_lift).toEqual({ zh: '加装电梯', en: 'Stair lift' });
    } finally {
      Date.now = realNow;
    }
  });
});
