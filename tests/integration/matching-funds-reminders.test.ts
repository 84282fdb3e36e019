// Household-share and pledge reminders reach people by email as each chose (at once, in the daily digest, or not
// at all), in their own language.
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../db/client';
import { householdMembers } from '../../db/schema';
import { createPledge, remindDuePledges } from '../../app/pledges/pledges.server';
import { remindHouseholds, setUpHouseholdShares } from '../../app/pledges/household-shares.server';
import { runDailyDigest, saveEmailMode } from '../../app/notifications/notifications.server';
import { useTestDatabase } from '../helpers/db';
import { createPlace, createStreetWithCommunities, createUser, deliveredMailTo } from '../helpers/factories';
import { createHouseholds, createProjectWithFund } from '../helpers/matching-funds';

useTestDatabase();

let community: { id: string; path: string };
beforeAll(async () => {
  community = (await createStreetWithCommunities()).community;
});

describe('Reminders by email', () => {
  it('household shares: at once in the member’s language, in the digest for digest readers, none for those who want none', async () => {
    const staff = await createUser({ roles: [{ role: 'community_staff', placeId: community.id }] });
    const { project } = await createProjectWithFund(community, staff.id, { title: 'Repave lane 7' });
    const building = await createPlace({ type: 'building', parentId: (await createPlace({ type: 'compound', parentId: community.id })).id });
    const homes = await createHouseholds(building.id, 3);
    await setUpHouseholdShares({ userId: staff.id }, project.id, { placeId: building.id, dueAt: new Date(Date.now() + 20 * 86_400_000) });
    const en = await createUser({ locale: 'en' });
    const zh = await createUser({ locale: 'zh-CN' });
    const digest = await createUser({ locale: 'en' });
    const off = await createUser({ locale: 'zh-CN' });
    await saveEmailMode(digest.id, 'digest');
    await saveEmailMode(off.id, 'off');
    await db().insert(householdMembers).values([
      { householdId: homes[0].id, name: 'A', relation: 'head', userId: en.id, isAdult: true },
      { householdId: homes[1].id, name: '乙', relation: 'head', userId: zh.id, isAdult: true },
      { householdId: homes[2].id, name: 'C', relation: 'head', userId: digest.id, isAdult: true },
      { householdId: homes[2].id, name: '丁', relation: 'spouse', userId: off.id, isAdult: true },
    ]);
    expect(await remindHouseholds({ userId: staff.id }, project.id, community.id)).toBe(4);
    const [toEn] = await deliveredMailTo(en.email);
    expect(toEn.subject).toContain('Repave lane 7');
    expect(toEn.text).toContain('Your household is asked for ¥200.00');
    const [toZh] = await deliveredMailTo(zh.email);
    expect(toZh.text).toContain('您家被邀请');
    expect(await deliveredMailTo(digest.email)).toHaveLength(0);
    expect(await deliveredMailTo(off.email)).toHaveLength(0);
    await runDailyDigest(new Date(Date.now() + 60_000));
    const digested = await deliveredMailTo(digest.email);
    expect(digested).toHaveLength(1);
    expect(digested[0].text).toContain('Repave lane 7');
    expect(await deliveredMailTo(off.email)).toHaveLength(0);
  });

  it('pledges: the pledger with an account is emailed as they chose, and always told in the app', async () => {
    const staff = await createUser({ roles: [{ role: 'community_staff', placeId: community.id }] });
    const { fund } = await createProjectWithFund(community, staff.id);
    const now = new Date();
    const people = { immediate: await createUser({ locale: 'en' }), digest: await createUser({ locale: 'en' }), off: await createUser({ locale: 'zh-CN' }) };
    await saveEmailMode(people.digest.id, 'digest');
    await saveEmailMode(people.off.id, 'off');
    for (const [mode, u] of Object.entries(people)) {
      const made = await createPledge({ userId: u.id }, { fundId: fund.id, pledgerName: `Pledger ${mode}`, pledgerEmail: u.email, locale: u.locale, visibility: 'public', source: 'resident', amountMinor: 10_000, dueAt: new Date(now.getTime() + 2 * 86_400_000) });
      expect(made.ok).toBe(true);
    }
    expect(await remindDuePledges(now)).toBeGreaterThanOrEqual(3);
    expect((await deliveredMailTo(people.immediate.email)).map((m) => m.subject)).toEqual([expect.stringContaining('your pledge is due')]);
    expect(await deliveredMailTo(people.digest.email)).toHaveLength(0);
    expect(await deliveredMailTo(people.off.email)).toHaveLength(0);
    await runDailyDigest(new Date(now.getTime() + 60_000));
    const digested = await deliveredMailTo(people.digest.email);
    expect(digested).toHaveLength(1);
    expect(digested[0].text).toContain('¥100.00 is still to pay');
    expect(await deliveredMailTo(people.off.email)).toHaveLength(0);
  });
});
