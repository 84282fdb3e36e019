// The matching pages through their loaders and actions: a funder posts and launches a programme from the form, a
// treasurer records a resident's gift from the fund's form and it is matched, the project's funding page explains
// the rules before giving, and only staff of the place (or the funder) may simulate.
import { beforeAll, describe, expect, it } from 'vitest';
import * as newRoute from '../../app/routes/matching-programmes.new';
import * as programmeRoute from '../../app/routes/matching-programmes.$programmeId';
import * as editRoute from '../../app/routes/matching-programmes.$programmeId.edit';
import { getProgramme } from '../../app/matching-funds/programmes.server';
import * as simulateRoute from '../../app/routes/matching-programmes.$programmeId.simulate';
import * as fundingRoute from '../../app/routes/projects.$projectId_.funding';
import * as recordRoute from '../../app/routes/funds.$fundId.record';
import { useTestDatabase } from '../helpers/db';
import { createStreetWithCommunities, createUser, requestWith, sessionCookieFor } from '../helpers/factories';
import { balanceOf, expectLedgerWhole } from '../helpers/ledger';
import { createProjectWithFund } from '../helpers/matching-funds';

useTestDatabase();

let street: { id: string; path: string };
let community: { id: string; path: string };
let funder: string;
let treasurer: string;
let staff: string;
let resident: string;
let staffId: string;
beforeAll(async () => {
  const made = await createStreetWithCommunities();
  street = made.street;
  community = made.community;
  funder = await sessionCookieFor((await createUser({ roles: [{ role: 'funder', placeId: street.id }] })).id);
  treasurer = await sessionCookieFor((await createUser({ roles: [{ role: 'treasurer', placeId: community.id }] })).id);
  const s = await createUser({ roles: [{ role: 'community_staff', placeId: community.id }] });
  staffId = s.id;
  staff = await sessionCookieFor(s.id);
  resident = await sessionCookieFor((await createUser()).id);
});

const form = (cookie: string, path: string, fields: Record<string, string | string[]>) => {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  return requestWith(cookie, path, { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Accept-Language': 'en' } });
};
const status = async (p: Promise<unknown>) => p.then((r) => (r instanceof Response ? r.status : 200)).catch((e) => (e instanceof Response ? e.status : Promise.reject(e)));

describe('matching pages', () => {
  it('posts, launches, matches a recorded gift, explains it before giving, and keeps the simulation to the funder and staff of its place', async () => {
    const { project, fund } = await createProjectWithFund(community, staffId);
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const fields = { placeId: street.id, nameZh: '页面配捐', nameEn: 'Page matching', funderZh: '区民政局', funderEn: 'District bureau', pool: '5000', ratio: '2:1', seed: '', perDonorCap: '300', perProjectCap: '', programmeCap: '', sources: ['resident', 'business'], exhaustion: 'stop', startsOn: today, endsOn: '2027-12-31', categories: '', projectIds: [project.id] };
    const bad = (await newRoute.action({ request: form(funder, '/matching-programmes/new', { ...fields, ratio: 'two to one', pool: 'lots' }), params: {}, context: {} })) as { error: Record<string, string[]> };
    expect(bad.error.ratio).toEqual(['mf.v.ratio']);
    expect(bad.error.pool).toContain('funds.v.amount');
    const late = (await newRoute.action({ request: form(funder, '/matching-programmes/new', { ...fields, endsOn: '2020-01-01' }), params: {}, context: {} })) as { error: Record<string, string[]> };
    expect(late.error).toEqual({ endsOn: ['mf.v.dates'] });
    expect(await status(newRoute.action({ request: form(resident, '/matching-programmes/new', fields), params: {}, context: {} }))).toBe(403);

    const created = (await newRoute.action({ request: form(funder, '/matching-programmes/new', fields), params: {}, context: {} })) as Response;
    expect(created.status).toBe(302);
    const programmeId = new URL(created.headers.get('Location')!, 'http://x').pathname.split('/').pop()!;
    // The draft is edited from a form filled with its rules (3:1 for a moment, then back to 2:1); others never see the form.
    const editing = await editRoute.loader({ request: requestWith(funder, `/matching-programmes/${programmeId}/edit`), params: { programmeId }, context: {} });
    expect(editing.defaults).toMatchObject({ ratio: '2:1', perDonorCap: '300.00', pool: '5000.00', endsOn: '2027-12-31', projectIds: [project.id] });
    expect(await status(editRoute.loader({ request: requestWith(staff, `/matching-programmes/${programmeId}/edit`), params: { programmeId }, context: {} }))).toBe(404);
    const edited = (await editRoute.action({ request: form(funder, `/matching-programmes/${programmeId}/edit`, { ...fields, ratio: '3:1' }), params: { programmeId }, context: {} })) as Response;
    expect(edited.status).toBe(302);
    expect((await getProgramme(programmeId))!.tiers).toEqual([{ fromMinor: 0, num: 3, den: 1 }]);
    await editRoute.action({ request: form(funder, `/matching-programmes/${programmeId}/edit`, fields), params: { programmeId }, context: {} });
    expect((await getProgramme(programmeId))!.tiers).toEqual([{ fromMinor: 0, num: 2, den: 1 }]);
    expect(await status(programmeRoute.action({ request: form(staff, `/matching-programmes/${programmeId}`, { intent: 'launch' }), params: { programmeId }, context: {} }))).toBe(403);
    expect(((await programmeRoute.action({ request: form(funder, `/matching-programmes/${programmeId}`, { intent: 'launch' }), params: { programmeId }, context: {} })) as Response).status).toBe(302);

    expect(await status(editRoute.loader({ request: requestWith(funder, `/matching-programmes/${programmeId}/edit`), params: { programmeId }, context: {} }))).toBe(409);

    // Before giving: the rules in plain words on the project's funding page.
    const page = await fundingRoute.loader({ request: requestWith(null, `/projects/${project.id}/funding`, { headers: { 'Accept-Language': 'en' } }), params: { projectId: project.id }, context: {} });
    const shown = page.programmes.find((p) => p.id === programmeId)!;
    expect(shown.explanation).toContain('For every 1 yuan you give, the programme adds 2 yuan.');
    expect(shown.explanation.join(' ')).toMatch(/up to (CN)?¥300.00 in total/);

    // The treasurer records a resident's ¥100 gift: ¥200 is matched in the same step, up to the donor's ¥300 cap.
    const record = (receipt: string) => recordRoute.action({ request: form(treasurer, `/funds/${fund.id}/record`, { method: 'cash', amount: '100', receiptNumber: receipt, donorName: '李阿姨', visibility: 'public', source: 'resident' }), params: { fundId: fund.id }, context: {} });
    expect(((await record('PG-1')) as Response).status).toBe(302);
    expect((await balanceOf(fund.id)).balanceMinor).toBe(10_000 + 20_000);
    expect(((await record('PG-2')) as Response).status).toBe(302);
    expect((await balanceOf(fund.id)).balanceMinor).toBe(20_000 + 30_000);

    const sim = await simulateRoute.loader({ request: requestWith(funder, `/matching-programmes/${programmeId}/simulate?giftsPerProject=10&averageGift=50`), params: { programmeId }, context: {} });
    expect(sim.result.giftCount).toBe(10);
    expect(sim.result.totalMatchedMinor).toBeGreaterThan(0);
    // Staff of the community are not staff of the street the programme belongs to.
    expect(await status(simulateRoute.loader({ request: requestWith(staff, `/matching-programmes/${programmeId}/simulate`), params: { programmeId }, context: {} }))).toBe(404);
    expect(await status(simulateRoute.loader({ request: requestWith(resident, `/matching-programmes/${programmeId}/simulate`), params: { programmeId }, context: {} }))).toBe(404);
    await expectLedgerWhole();
  });
});
