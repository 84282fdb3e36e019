// Matching through the card webhook, pledges (partial payments, reminders once, expiry) and household shares.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db, rows } from '../../db/client';
import { donations, householdMembers, pledges, programmeMatches } from '../../db/schema';
import { createPledge, expireOverduePledges, listMyPledges, listPublicPledges, remindDuePledges } from '../../app/pledges/pledges.server';
import { pledgeHouseholdShare, remindHouseholds, setUpHouseholdShares, shareLinesForStaff, shareSummary } from '../../app/pledges/household-shares.server';
import { projectFunding } from '../../app/matching-funds/project-funding.server';
import { saveEmailMode } from '../../app/notifications/notifications.server';
import { startCardDonation } from '../../app/funds/card.server';
import { setStripeEndpoint } from '../../app/funds/stripe.server';
import { useTestDatabase } from '../helpers/db';
import { createPlace, createUser, deliveredMailTo } from '../helpers/factories';
import { balanceOf, expectLedgerWhole } from '../helpers/ledger';
import { baseProgramme, checkoutCompleted, createHouseholds, createProjectWithFund, launchProgramme, useMatchingWorld } from '../helpers/matching-funds';

useTestDatabase();

const world = useMatchingWorld('whsec_fivefold_matching_test');
let building: { id: string };
beforeAll(async () => {
  const compound = await createPlace({ type: 'compound', parentId: world.community.id });
  building = await createPlace({ type: 'building', parentId: compound.id });
});

const give = (fundId: string, amountMinor: number, opts: { pledgeId?: string; householdId?: string; source?: 'resident' | 'business' | 'other' } = {}) => world.cash(fundId, amountMinor, opts);

describe('Matching through a signed Stripe webhook', () => {
  it('posts the card gift and its match in one go, once however often the event is replayed', async () => {
    const { project, fund, programme } = await world.projectInProgramme({ tiers: [{ fromMinor: 0, num: 2, den: 1 }] }, 100_000);
    const event = checkoutCompleted({ eventId: 'evt_mf_1', sessionId: 'cs_mf_1', amountMinor: 12_345, metadata: { fund_id: fund.id, source: 'resident', donor_name: 'Card donor' }, email: 'card@example.test' });
    for (let i = 0; i < 3; i++) expect((await world.deliver(event)).status).toBe(200);
    expect((await balanceOf(fund.id)).balanceMinor).toBe(12_345 + 24_690);
    expect((await balanceOf(programme.poolFundId)).balanceMinor).toBe(100_000 - 24_690);
    const [donation] = await db().select().from(donations).where(eq(donations.externalId, 'cs_mf_1'));
    const decisions = await db().select().from(programmeMatches).where(eq(programmeMatches.donationId, donation.id));
    expect(decisions).toHaveLength(1);
    expect(decisions[0].reason).toBe('matched');
    const funding = await projectFunding(project);
    expect(funding.raised).toMatchObject({ residentsMinor: 12_345, matchingMinor: 24_690, totalMinor: 37_035 });
    await expectLedgerWhole();
  });

  it('does not match a gift to a project the programme does not name', async () => {
    const { project, fund } = await createProjectWithFund(world.community, world.treasurer.userId);
    const other = await createProjectWithFund(world.community, world.treasurer.userId);
    await launchProgramme(world.funderId, baseProgramme(world.community.id, { projectIds: [other.project.id], startsAt: new Date(Date.now() - 86_400_000) }), 50_000);
    expect((await give(fund.id, 5_000)).ok).toBe(true);
    expect((await balanceOf(fund.id)).balanceMinor).toBe(5_000);
    expect((await projectFunding(project)).raised.matchingMinor).toBe(0);
  });
});

describe('A household share paid by card from elsewhere', () => {
  it('links the card payment to the household’s pledge: the webhook posts it, fulfils the pledge and counts the household paid', async () => {
    const server: Server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ id: 'cs_share_1', object: 'checkout.session', url: 'https://checkout.stripe.test/cs_share_1' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    setStripeEndpoint({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, protocol: 'http' });
    try {
      const staff = await createUser({ roles: [{ role: 'community_staff', placeId: world.community.id }] });
      const { project, fund } = await createProjectWithFund(world.community, staff.id);
      const ownBuilding = await createPlace({ type: 'building', parentId: (await createPlace({ type: 'compound', parentId: world.community.id })).id });
      const homes = await createHouseholds(ownBuilding.id, 2);
      await setUpHouseholdShares({ userId: staff.id }, project.id, { placeId: ownBuilding.id, dueAt: new Date(Date.now() + 30 * 86_400_000) });
      const owner = await createUser();
      await db().insert(householdMembers).values({ householdId: homes[1].id, name: '业主', relation: 'head', userId: owner.id, isAdult: true });
      const pledged = await pledgeHouseholdShare({ userId: owner.id }, project.id, homes[1].id, { name: '业主', email: owner.email, locale: 'en' });
      if (!pledged.ok) throw new Error('no pledge');
      const started = await startCardDonation({ fundId: fund.id, amountMinor: 20_000, donorName: '业主', donorEmail: owner.email, visibility: 'anonymous', donorUserId: owner.id, origin: 'http://localhost', giftOrigin: { source: 'resident', householdId: homes[1].id }, pledgeId: pledged.pledge.id });
      expect(started.ok).toBe(true);
      if (!started.ok) return;
      const event = checkoutCompleted({ eventId: 'evt_share_1', sessionId: 'cs_share_1', amountMinor: 20_000, clientReferenceId: started.donationId, metadata: { donation_id: started.donationId, fund_id: fund.id } });
      expect((await world.deliver(event)).status).toBe(200);
      const [row] = await db().select().from(pledges).where(eq(pledges.id, pledged.pledge.id));
      expect(row.status).toBe('fulfilled');
      expect(await shareSummary(project.id)).toMatchObject({ households: 2, pledged: 1, paid: 1, paidMinor: 20_000 });
      await expectLedgerWhole();
    } finally {
      setStripeEndpoint(null);
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('Pledges', () => {
  it('are fulfilled by payments linked to them, partly then fully, from the ledger', async () => {
    const { project, fund } = await createProjectWithFund(world.community, world.treasurer.userId);
    const donor = await createUser({ locale: 'en' });
    const made = await createPledge({ userId: donor.id }, { fundId: fund.id, projectId: project.id, pledgerName: 'Ms Li', pledgerEmail: donor.email, locale: 'en', visibility: 'public', source: 'resident', amountMinor: 30_000, dueAt: new Date(Date.now() + 10 * 86_400_000) });
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    await give(fund.id, 10_000, { pledgeId: made.pledge.id });
    let [mine] = await listMyPledges(donor.id);
    expect(mine).toMatchObject({ amountMinor: 30_000, paidMinor: 10_000, status: 'open' });
    await give(fund.id, 20_000, { pledgeId: made.pledge.id });
    [mine] = await listMyPledges(donor.id);
    expect(mine).toMatchObject({ paidMinor: 30_000, status: 'fulfilled' });
    const pub = await listPublicPledges({ projectId: project.id });
    expect(pub[0]).toMatchObject({ pledgerName: 'Ms Li', amountMinor: 30_000, paidMinor: 30_000 });
    expect(JSON.stringify(pub)).not.toContain(donor.email);
    expect(await createPledge({ userId: donor.id }, { fundId: fund.id, pledgerName: 'x', locale: 'en', visibility: 'public', source: 'resident', amountMinor: 100, dueAt: new Date(Date.now() - 1000) })).toEqual({ ok: false, reason: 'due_in_past' });
    await expectLedgerWhole();
  });

  it('reminds once before the due date in the pledger’s language, and expires an unpaid pledge after it', async () => {
    const { fund } = await createProjectWithFund(world.community, world.treasurer.userId);
    const zhDonor = await createUser({ locale: 'zh-CN' });
    const now = new Date();
    const soon = await createPledge({ userId: zhDonor.id }, { fundId: fund.id, pledgerName: '王阿姨', pledgerEmail: zhDonor.email, locale: 'zh-CN', visibility: 'anonymous', source: 'resident', amountMinor: 20_000, dueAt: new Date(now.getTime() + 2 * 86_400_000) });
    expect(soon.ok).toBe(true);
    if (!soon.ok) return;
    await give(fund.id, 5_000, { pledgeId: soon.pledge.id });
    expect(await remindDuePledges(now)).toBeGreaterThanOrEqual(1);
    expect(await remindDuePledges(now)).toBe(0);
    const mail = await deliveredMailTo(zhDonor.email);
    expect(mail).toHaveLength(1);
    expect(mail[0].subject).toContain('认捐');
    expect(mail[0].text).toContain('150.00');

    const later = new Date(now.getTime() + 3 * 86_400_000);
    expect(await expireOverduePledges(later)).toBeGreaterThanOrEqual(1);
    expect(await expireOverduePledges(later)).toBe(0);
    const [row] = await db().select().from(pledges).where(eq(pledges.id, soon.pledge.id));
    expect(row.status).toBe('expired');
    expect((await deliveredMailTo(zhDonor.email)).map((m) => m.subject)).toEqual([mail[0].subject, '五社联动：您的认捐已到期']);
    const [expiredNotice] = await rows<{ key: string; params: { left: string } }>(db(), sql`select message_key as key, params from notifications where user_id = ${zhDonor.id} and message_key = 'mf.pledge.expiredNotice'`);
    expect(expiredNotice.params.left).toBe('150.00');
  });

  it('tells a pledger who turned email off about the expiry in the notification centre only', async () => {
    const { fund } = await createProjectWithFund(world.community, world.treasurer.userId);
    const quiet = await createUser({ locale: 'en' });
    await saveEmailMode(quiet.id, 'off');
    const now = new Date();
    const made = await createPledge({ userId: quiet.id }, { fundId: fund.id, pledgerName: 'Mr Zhao', pledgerEmail: quiet.email, locale: 'en', visibility: 'public', source: 'resident', amountMinor: 10_000, dueAt: new Date(now.getTime() + 86_400_000) });
    expect(made.ok).toBe(true);
    expect(await expireOverduePledges(new Date(now.getTime() + 2 * 86_400_000))).toBeGreaterThanOrEqual(1);
    expect(await deliveredMailTo(quiet.email)).toHaveLength(0);
    const told = await rows<{ key: string }>(db(), sql`select message_key as key from notifications where user_id = ${quiet.id}`);
    expect(told.map((t) => t.key)).toEqual(['mf.pledge.expiredNotice']);
  });
});

describe('Household shares', () => {
  it('counts households that pledged and paid for the public, names them only for staff (audited)', async () => {
    const { project, fund } = await createProjectWithFund(world.community, world.treasurer.userId);
    const homes = await createHouseholds(building.id, 5);
    const staff = await createUser({ roles: [{ role: 'community_staff', placeId: world.community.id }] });
    const plan = await setUpHouseholdShares({ userId: staff.id }, project.id, { placeId: building.id, dueAt: new Date(Date.now() + 30 * 86_400_000) });
    expect(plan.ok && plan.plan.shareMinor).toBe(20_000);
    expect(plan.ok && plan.plan.householdCount).toBe(5);
    const member = await createUser({ locale: 'zh-CN' });
    await db().insert(householdMembers).values({ householdId: homes[0].id, name: '张三', relation: 'head', userId: member.id, isAdult: true });
    expect(await pledgeHouseholdShare({ userId: member.id }, project.id, homes[1].id, { name: '张三', email: member.email, locale: 'zh-CN' })).toEqual({ ok: false, reason: 'not_member' });
    const pledged = await pledgeHouseholdShare({ userId: member.id }, project.id, homes[0].id, { name: '张三', email: member.email, locale: 'zh-CN' });
    expect(pledged.ok).toBe(true);
    expect((await pledgeHouseholdShare({ userId: member.id }, project.id, homes[0].id, { name: '张三', email: member.email, locale: 'zh-CN' })).ok).toBe(false);
    if (!pledged.ok) return;
    await give(fund.id, 20_000, { pledgeId: pledged.pledge.id, householdId: homes[0].id });
    await give(fund.id, 8_000, { householdId: homes[2].id });
    const summary = await shareSummary(project.id);
    expect(summary).toMatchObject({ households: 5, pledged: 1, paid: 1, paidMinor: 28_000, targetMinor: 100_000 });
    const pub = JSON.stringify({ summary, pledges: await listPublicPledges({ projectId: project.id }), funding: await projectFunding(project) });
    expect(pub).not.toContain('张三');
    expect(pub).not.toContain(homes[0].unit);
    const lines = await shareLinesForStaff({ userId: staff.id }, project.id, world.community.id);
    expect(lines.map((l) => l.status).sort()).toEqual(['not_yet', 'not_yet', 'paid', 'part_paid', 'not_yet'].sort());
    const [audit] = await rows<{ n: number }>(db(), sql`select count(*)::int as n from audit_events where action = 'household_shares.read' and actor_user_id = ${staff.id}`);
    expect(Number(audit.n)).toBe(1);
    // Reminders go to members with an account of households that neither pledged nor paid, once in three days.
    const waitingMember = await createUser();
    await db().insert(householdMembers).values({ householdId: homes[3].id, name: '李四', relation: 'head', userId: waitingMember.id, isAdult: true });
    expect(await remindHouseholds({ userId: staff.id }, project.id, world.community.id)).toBe(1);
    expect(await remindHouseholds({ userId: staff.id }, project.id, world.community.id)).toBe(0);
    const [told] = await rows<{ n: number; key: string }>(db(), sql`select count(*)::int as n, min(message_key) as key from notifications where user_id = ${waitingMember.id}`);
    expect(Number(told.n)).toBe(1);
    expect(told.key).toBe('mf.shares.notify');
    const [none] = await rows<{ n: number }>(db(), sql`select count(*)::int as n from notifications where user_id = ${member.id} and subject_type = 'household_share_plan'`);
    expect(Number(none.n)).toBe(0);
    await expectLedgerWhole();
  });
});
