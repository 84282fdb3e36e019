// Matching on the demo street: suggestions with reasons on a meal-delivery need, accept and dismiss without
// JavaScript (audited), batch runs proposed and approved once, and volunteers' "needs near me".
import { and, eq, inArray, isNull, ne } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../db/client';
import { auditEvents, matchDismissals, needDispatches, needPrivateDetails, needs, places, resources, shifts, users, volunteerProfiles } from '../../db/schema';
import { localInstant, localParts } from '../../app/resources/rules';
import { seedDemo } from '../../db/seed/demo';
import { translator } from '../../app/i18n/messages';
import { reasonLines } from '../../app/matching/reasons';
import { skillTaxonomy } from '../../app/resources/values';
import * as needPage from '../../app/routes/needs.$needId';
import * as suggestionsPage from '../../app/routes/needs.$needId_.suggestions';
import * as matchingPage from '../../app/routes/matching._index';
import * as myMatches from '../../app/routes/my.matches';
import * as runPage from '../../app/routes/matching.runs.$runId';
import { useTestDatabase } from '../helpers/db';
import { callRoute as call, cookieOf, statusOf as status, locationOf as location } from '../helpers/routes';

useTestDatabase();

let c1: typeof places.$inferSelect;

const json = async (r: unknown) => (r instanceof Response ? r.json() : r);

beforeAll(async () => {
  await seedDemo();
  [c1] = await db().select().from(places).where(eq(places.nameZh, '锦华苑社区'));
});

/** Open (triaged, nothing dispatched) meal needs of the first demo community, oldest first. */
async function openMealNeeds() {
  const list = await db()
    .select({ id: needs.id, placeId: needs.placeId })
    .from(needs)
    .where(and(eq(needs.communityId, c1.id), eq(needs.category, 'meals'), eq(needs.status, 'triaged')))
    .orderBy(needs.raisedAt);
  return list;
}

type PageData = Awaited<ReturnType<typeof needPage.loader>>;

// First, while the demo's open needs are still open: the later tests dispatch many of them.
describe('needs near me', () => {
  type Mine = Awaited<ReturnType<typeof myMatches.loader>>;

  it('ranks open needs around the volunteer by the same score, with public facts only', async () => {
    const cookie = await cookieOf('volunteer@fivefold.test');
    const page = (await call(myMatches.loader, '/my/matches', { cookie })) as Mine;
    expect(page.hasProfile).toBe(true);
    expect(page.needs.length).toBeGreaterThan(0);
    const totals = page.needs.map((n) => n.total);
    expect([...totals].sort((a, b) => b - a)).toEqual(totals);
    const [profile] = await db()
      .select({ skills: volunteerProfiles.skills })
      .from(volunteerProfiles)
      .innerJoin(users, eq(users.id, volunteerProfiles.userId))
      .where(eq(users.email, 'volunteer@fivefold.test'));
    for (const n of page.needs) {
      expect(n.categoryFit || n.fitSkills.length > 0).toBe(true);
      for (const s of n.fitSkills) expect(profile.skills).toContain(s);
      expect(reasonLines(n, translator('zh-CN')).length).toBeGreaterThan(3);
    }
    // Never the private side: titles, contacts, addresses or health notes of the needs listed.
    const ids = page.needs.map((n) => n.id);
    const secrets = await db().select({ title: needs.title, phone: needPrivateDetails.phone, address: needPrivateDetails.address, health: needPrivateDetails.healthNotes }).from(needs).leftJoin(needPrivateDetails, eq(needPrivateDetails.needId, needs.id)).where(inArray(needs.id, ids));
    const body = JSON.stringify(page);
    for (const s of secrets) for (const v of [s.phone, s.address, s.health]) if (v) expect(body).not.toContain(v);
    expect(Array.isArray(page.shifts)).toBe(true);
  });

  it('lists open shifts that ask for the volunteer’s skills in their free time, and not the others', async () => {
    const [me] = await db()
      .select({ userId: users.id, skills: volunteerProfiles.skills, availability: volunteerProfiles.availability, placeId: resources.placeId, placePath: resources.placePath })
      .from(volunteerProfiles)
      .innerJoin(users, eq(users.id, volunteerProfiles.userId))
      .innerJoin(resources, eq(resources.id, volunteerProfiles.resourceId))
      .where(eq(users.email, 'volunteer@fivefold.test'));
    const [organiser] = await db().select({ id: users.id }).from(users).where(eq(users.email, 'staff@fivefold.test'));
    const w = me.availability[0];
    // The next date (local) on the window's weekday, at least a day away.
    let t = Date.now() + 86_400_000;
    while (localParts(new Date(t)).day !== w.day) t += 86_400_000;
    const date = localParts(new Date(t)).date;
    const at = { startsAt: localInstant(date, w.start), endsAt: localInstant(date, Math.min(w.end, w.start + 120)) };
    const base = { description: '', role: '志愿者', spots: 3, placeId: me.placeId, placePath: me.placePath, communityId: c1.id, location: '社区服务站', checkinCode: '123456', organiserUserId: organiser.id, ...at };
    const missing = ['legal_advice', 'plumbing', 'sign_language'].find((k) => !me.skills.includes(k))!;
    const [fits] = await db().insert(shifts).values({ ...base, title: '匹配测试：合适的班次', skills: [me.skills[0]] }).returning({ id: shifts.id });
    const [other] = await db().insert(shifts).values({ ...base, title: '匹配测试：不合适的班次', skills: [missing] }).returning({ id: shifts.id });
    const page = (await call(myMatches.loader, '/my/matches', { cookie: await cookieOf('volunteer@fivefold.test') })) as Mine;
    const listed = page.shifts.map((x) => x.id);
    expect(listed).toContain(fits.id);
    expect(listed).not.toContain(other.id);
    const shown = page.shifts.find((x) => x.id === fits.id)!;
    expect(shown.fitSkills).toEqual([me.skills[0]]);
    expect(shown.overlapMinutes).toBeGreaterThan(0);
    expect(reasonLines(shown, translator('en'))[0]).toMatch(/^Has the skills asked for: /);
  });

  it('asks a resident without a volunteer profile to fill one in', async () => {
    const page = (await call(myMatches.loader, '/my/matches', { cookie: await cookieOf('resident@fivefold.test') })) as Mine;
    expect(page).toEqual({ hasProfile: false, needs: [], shifts: [] });
    expect(location(await call(myMatches.loader, '/my/matches'))).toMatch(/^\/login/);
  });
});

describe('suggestions on a need page', () => {
  it('puts a nearby volunteer or team with the meal-delivery skill and free time first, and says why', async () => {
    const [need] = await openMealNeeds();
    expect(need).toBeDefined();
    const cookie = await cookieOf('staff@fivefold.test');
    const page = (await call(needPage.loader, `/needs/${need.id}`, { cookie, params: { needId: need.id } })) as PageData;
    const s = page.suggestions!;
    expect(s).not.toBeNull();
    const all = s.groups.flatMap((g) => g.items).sort((a, b) => a.rank - b.rank);
    const top = all[0];
    expect(['volunteer', 'team']).toContain(top.kind);
    expect(top.fitSkills).toContain('meal_delivery');
    expect(top.overlapMinutes).toBeGreaterThan(0);
    // Nearby: it lives or is based within the need's community.
    const [res] = await db().select({ communityId: resources.communityId, categories: resources.categories }).from(resources).where(eq(resources.id, top.id));
    expect(res.communityId).toBe(c1.id);
    expect(skillTaxonomy.meal_delivery).toContain('meals');
    // The page says why, in both languages.
    const en = reasonLines(top, translator('en'));
    expect(en[0]).toBe('Can help with Meals: Meal delivery' + (top.fitSkills.length > 1 ? en[0].slice('Can help with Meals: Meal delivery'.length) : ''));
    expect(en.some((l) => /^Free [\d.]+ h of the [\d.]+ h wanted$/.test(l))).toBe(true);
    const zh = reasonLines(top, translator('zh-CN'));
    expect(zh[0]).toContain('送餐');
    // Nothing private of the volunteers goes to the page.
    const phones = await db().select({ phone: volunteerProfiles.contactPhone }).from(volunteerProfiles).where(eq(volunteerProfiles.resourceId, top.id));
    for (const p of phones) if (p.phone) expect(JSON.stringify(s)).not.toContain(p.phone);
  });

  it('is not shown to residents, volunteers or staff of another community', async () => {
    const [need] = await openMealNeeds();
    for (const email of ['resident@fivefold.test', 'volunteer@fivefold.test', 'staff2@fivefold.test']) {
      const page = (await call(needPage.loader, `/needs/${need.id}`, { cookie: await cookieOf(email), params: { needId: need.id } })) as PageData;
      expect(page.suggestions).toBeNull();
      const direct = await call(suggestionsPage.loader, `/needs/${need.id}/suggestions`, { cookie: await cookieOf(email), params: { needId: need.id } });
      expect([403, 404]).toContain(status(direct));
    }
  });

  it('dismisses a suggestion once (audited) and never suggests it again for that need', async () => {
    const [need] = await db()
      .select({ id: needs.id })
      .from(needs)
      .where(and(eq(needs.communityId, c1.id), ne(needs.category, 'meals'), inArray(needs.status, ['triaged', 'dispatched', 'in_progress'])))
      .orderBy(needs.raisedAt)
      .limit(1);
    const cookie = await cookieOf('staff@fivefold.test');
    const before = (await call(suggestionsPage.loader, `/needs/${need.id}/suggestions`, { cookie, params: { needId: need.id } })) as Awaited<ReturnType<typeof suggestionsPage.loader>>;
    const victim = before.groups.flatMap((g) => g.items)[0];
    const form = { intent: 'dismiss', kind: victim.kind, candidateId: victim.id, reason: '上周已请过假' };
    for (let i = 0; i < 2; i++) {
      const r = await call(suggestionsPage.action, `/needs/${need.id}/suggestions`, { cookie, form, params: { needId: need.id } });
      expect(location(r)).toMatch(/notice=matching\.done\.dismiss/);
    }
    expect(await db().select().from(matchDismissals).where(eq(matchDismissals.needId, need.id))).toHaveLength(1);
    expect(await db().select().from(auditEvents).where(and(eq(auditEvents.action, 'match.dismiss'), eq(auditEvents.subjectId, need.id)))).toHaveLength(1);
    const after = (await call(suggestionsPage.loader, `/needs/${need.id}/suggestions`, { cookie, params: { needId: need.id } })) as Awaited<ReturnType<typeof suggestionsPage.loader>>;
    expect(after.groups.flatMap((g) => g.items).map((x) => x.id)).not.toContain(victim.id);
    // A bad form gets field errors and writes nothing.
    const bad = await call(suggestionsPage.action, `/needs/${need.id}/suggestions`, { cookie, form: { intent: 'dismiss', kind: 'spaceship', candidateId: 'x' }, params: { needId: need.id } });
    expect(status(bad)).toBe(400);
    expect(Object.keys(((await json(bad)) as { result: { error: object } }).result.error)).toEqual(expect.arrayContaining(['kind', 'candidateId']));
  });

  it('accepts a suggestion: the need is dispatched to that entry with its answerable person, once, and the page shows it', async () => {
    const [need] = await openMealNeeds();
    const cookie = await cookieOf('staff@fivefold.test');
    const page = (await call(needPage.loader, `/needs/${need.id}`, { cookie, params: { needId: need.id } })) as PageData;
    const team = page.suggestions!.groups.find((g) => g.kind === 'team')!.items[0];
    const form = { intent: 'accept', kind: team.kind, candidateId: team.id };
    const [first, second] = await Promise.all([
      call(suggestionsPage.action, `/needs/${need.id}/suggestions`, { cookie, form, params: { needId: need.id } }),
      call(suggestionsPage.action, `/needs/${need.id}/suggestions`, { cookie, form, params: { needId: need.id } }),
    ]);
    const outcomes = [status(first), status(second)].sort();
    expect(outcomes).toEqual([302, 400]);
    const dispatches = await db().select().from(needDispatches).where(and(eq(needDispatches.needId, need.id), isNull(needDispatches.withdrawnAt)));
    expect(dispatches).toHaveLength(1);
    const [leader] = await db().select({ id: users.id }).from(users).where(eq(users.email, 'teamlead@fivefold.test'));
    expect(dispatches[0]).toMatchObject({ assigneeResourceId: team.id, assigneeType: 'team', assigneeName: team.name, responsibleUserId: leader.id });
    const [after] = await db().select({ status: needs.status }).from(needs).where(eq(needs.id, need.id));
    expect(after.status).toBe('dispatched');
    const shown = (await call(needPage.loader, `/needs/${need.id}`, { params: { needId: need.id } })) as PageData;
    expect(shown.dispatches.map((d) => d.assigneeName)).toContain(team.name);
    expect(await db().select().from(auditEvents).where(and(inArray(auditEvents.action, ['match.accept', 'need.dispatch']), eq(auditEvents.subjectId, need.id)))).toHaveLength(2);
  });
});

describe('batch matching a community', () => {
  type RunData = Awaited<ReturnType<typeof runPage.loader>>;

  async function runFor(email: string, placeId: string) {
    const r = await call(matchingPage.action, '/matching', { cookie: await cookieOf(email), form: { intent: 'run', placeId } });
    expect(location(r)).toMatch(/^\/matching\/runs\/[0-9a-f-]{36}\?notice=matching\.runs\.created$/);
    return location(r)!.split('/')[3].split('?')[0];
  }

  it('reports a pair whose need changed since the run as out of date and writes the rest', async () => {
    const cookie = await cookieOf('streetstaff@fivefold.test');
    const [street] = await db().select().from(places).where(eq(places.id, c1.parentId!));
    const runId = await runFor('streetstaff@fivefold.test', street.id);
    const page = (await call(runPage.loader, `/matching/runs/${runId}`, { cookie, params: { runId } })) as RunData;
    expect(page.pairs.length).toBeGreaterThan(1);
    const [gone, kept] = page.pairs;
    // Someone closes the first pair's need in the meantime.
    await db().update(needs).set({ status: 'resolved' }).where(eq(needs.id, gone.needId));
    const r = await call(runPage.action, `/matching/runs/${runId}`, { cookie, form: { intent: 'approve', pairIds: [gone.id, kept.id] }, params: { runId } });
    expect(location(r)).toMatch(/written=1&stale=1$/);
    const after = (await call(runPage.loader, `/matching/runs/${runId}`, { cookie, params: { runId } })) as RunData;
    const byId = new Map(after.pairs.map((p) => [p.id, p]));
    expect(byId.get(gone.id)).toMatchObject({ status: 'stale', staleReason: 'need_closed', dispatchId: null });
    expect(byId.get(kept.id)!.status).toBe('approved');
    expect(after.run.status).toBe(after.pairs.some((p) => p.status === 'proposed') ? 'proposed' : 'approved');
    expect(await db().select().from(needDispatches).where(eq(needDispatches.needId, gone.needId)).then((d) => d.filter((x) => x.assigneeResourceId === gone.candidateId))).toHaveLength(0);
  });

  it('proposes pairs with reasons and the needs left open with why; approving writes them once; the needs show it', async () => {
    const cookie = await cookieOf('staff@fivefold.test');
    const runId = await runFor('staff@fivefold.test', c1.id);
    const page = (await call(runPage.loader, `/matching/runs/${runId}`, { cookie, params: { runId } })) as RunData;
    expect(page.pairs.length).toBeGreaterThan(0);
    expect(page.run.status).toBe('proposed');
    for (const p of page.pairs) {
      expect(p.status).toBe('proposed');
      expect(p.units).toBeGreaterThan(0);
      expect(reasonLines(p, translator('en')).length).toBeGreaterThanOrEqual(4);
    }
    // Pairs never give a candidate more than its room, nor a need more than it lacks.
    const units = new Map<string, number>();
    for (const p of page.pairs) units.set(p.needId, (units.get(p.needId) ?? 0) + p.units);
    const rows = await db().select({ id: needs.id, quantity: needs.quantity }).from(needs).where(inArray(needs.id, [...units.keys()]));
    for (const n of rows) expect(units.get(n.id)!).toBeLessThanOrEqual(n.quantity ?? 1);
    for (const u of page.unmatched) expect(['no_candidates', 'no_eligible_candidate', 'eligible_candidates_full', 'too_few_eligible_candidates']).toContain(u.reason);

    // Staff of another community cannot see or approve it.
    const other = await cookieOf('staff2@fivefold.test');
    expect(status(await call(runPage.loader, `/matching/runs/${runId}`, { cookie: other, params: { runId } }))).toBe(404);
    expect(status(await call(runPage.action, `/matching/runs/${runId}`, { cookie: other, form: { all: '1' }, params: { runId } }))).toBe(404);
    // Nothing chosen: a field error, nothing written.
    const none = await call(runPage.action, `/matching/runs/${runId}`, { cookie, form: { intent: 'approve' }, params: { runId } });
    expect(status(none)).toBe(400);

    // A double click: both approvals run, the dispatches are written once.
    const [a, b] = await Promise.all([
      call(runPage.action, `/matching/runs/${runId}`, { cookie, form: { all: '1' }, params: { runId } }),
      call(runPage.action, `/matching/runs/${runId}`, { cookie, form: { all: '1' }, params: { runId } }),
    ]);
    const outcomes = [location(a), location(b)].map((l) => Number(new URL(l!, 'http://x').searchParams.get('written')));
    expect(outcomes.sort((x, y) => x - y)).toEqual([0, page.pairs.length]);
    const after = (await call(runPage.loader, `/matching/runs/${runId}`, { cookie, params: { runId } })) as RunData;
    expect(after.run.status).toBe('approved');
    expect(after.pairs.every((p) => p.status === 'approved' && p.dispatchId)).toBe(true);
    for (const p of after.pairs.slice(0, 5)) {
      const shown = (await call(needPage.loader, `/needs/${p.needId}`, { cookie, params: { needId: p.needId } })) as PageData;
      expect(['dispatched', 'in_progress']).toContain(shown.need.status);
      const [d] = await db().select().from(needDispatches).where(eq(needDispatches.id, p.dispatchId!));
      expect(d).toMatchObject({ needId: p.needId, assigneeResourceId: p.candidateId });
      if (p.kind !== 'volunteer') expect(shown.dispatches.map((x) => x.assigneeName)).toContain(p.name);
    }
    expect(await db().select().from(auditEvents).where(and(eq(auditEvents.action, 'match.approve'), eq(auditEvents.subjectId, runId)))).toHaveLength(1);
  });

  it('refuses a place the caller does not look after', async () => {
    const [c2] = await db().select().from(places).where(eq(places.nameZh, '老槐树社区'));
    const r = await call(matchingPage.action, '/matching', { cookie: await cookieOf('staff@fivefold.test'), form: { intent: 'run', placeId: c2.id } });
    expect(status(r)).toBe(400);
    expect(status(await call(matchingPage.loader, '/matching', { cookie: await cookieOf('volunteer@fivefold.test') }))).toBe(403);
  });
});
