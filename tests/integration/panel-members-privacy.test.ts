// Who sits on an evaluation panel is not public: a visitor, a resident and staff of another community see how many
// members the panel has, never their names; staff of the panel's place and the members themselves see the names.
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../db/client';
import { evaluationPanels, panelCriteria, panelMembers } from '../../db/schema';
import * as panelPage from '../../app/routes/panels.$panelId';
import { renderPage } from '../helpers/render';
import { useTestDatabase } from '../helpers/db';
import { deliberationWorld } from '../helpers/deliberation';
import { createUser, sessionCookieFor } from '../helpers/factories';
import { callRoute } from '../helpers/routes';

useTestDatabase();

let panelId: string;
let world: Awaited<ReturnType<typeof deliberationWorld>>;
let members: Awaited<ReturnType<typeof createUser>>[];

beforeAll(async () => {
  world = await deliberationWorld();
  members = [await createUser({ name: '王秀英 Wang Xiuying' }), await createUser({ name: '李建国 Li Jianguo' })];
  const [panel] = await db()
    .insert(evaluationPanels)
    .values({ placeId: world.community.id, placePath: world.community.path, title: '助餐点评估', createdByUserId: world.staff.id })
    .returning();
  panelId = panel.id;
  await db().insert(panelCriteria).values({ panelId, position: 0, outcome: '按时供餐', maxScore: 5 });
  await db()
    .insert(panelMembers)
    .values(members.map((m) => ({ panelId, userId: m.id })));
});

type PanelData = { panel: { memberCount: number; members: { id: string; name: string }[]; isMember: boolean } };
const pageAs = async (cookie: string | null) => (await callRoute(panelPage.loader, `/panels/${panelId}`, { cookie, params: { panelId } })) as PanelData;

describe('the public panel page', () => {
  it('shows a visitor, a resident and staff of another community the number of members, not their names', async () => {
    const resident = await createUser();
    for (const cookie of [null, await sessionCookieFor(resident.id), await sessionCookieFor(world.otherStaff.id)]) {
      const data = await pageAs(cookie);
      expect(data.panel.memberCount).toBe(2);
      expect(data.panel.members).toEqual([]);
      const sent = JSON.stringify(data);
      for (const m of members) {
        expect(sent).not.toContain(m.name);
        expect(sent).not.toContain(m.email);
        expect(sent).not.toContain(m.id);
      }
    }
  });

  it('renders the count and no name for a visitor, and the names for staff of the place', async () => {
    const route = [{ id: 'routes/panels.$panelId', path: 'panels/:panelId', module: panelPage }];
    const visitor = await renderPage(route, `/panels/${panelId}`, null, { 'Accept-Language': 'en' });
    expect(visitor.status).toBe(200);
    expect(visitor.html).toContain('Members: 2. Their names are not shown publicly');
    for (const m of members) expect(visitor.html).not.toContain(m.name);
    const staff = await renderPage(route, `/panels/${panelId}`, await sessionCookieFor(world.staff.id), { 'Accept-Language': 'en' });
    for (const m of members) expect(staff.html).toContain(m.name);
  });

  it('shows the names to staff of the panel’s place, who manage it, and to the members themselves', async () => {
    const staffView = await pageAs(await sessionCookieFor(world.staff.id));
    expect(staffView.panel.members.map((m) => m.name).sort()).toEqual(members.map((m) => m.name).sort());
    const memberView = await pageAs(await sessionCookieFor(members[0].id));
    expect(memberView.panel.isMember).toBe(true);
    expect(memberView.panel.members.map((m) => m.name).sort()).toEqual(members.map((m) => m.name).sort());
    expect(JSON.stringify(memberView)).not.toContain(members[1].email);
  });
});
