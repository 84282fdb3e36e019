// Household shares (每户份额) toward a project: each household of a place is asked for the same share (the
// community's householdShareMinor by default, e.g. ¥200) by a date. Households pledge and pay (offline, or online
// when the owners live elsewhere); what each has paid comes from the ledger. The public sees counts and sums only;
// which household pledged or paid is for staff of the place, and each such read is audited.
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { db, rows } from '../../db/client';
import { householdMembers, householdSharePlans, households, notifications, places, pledges, projects, users, type HouseholdSharePlan } from '../../db/schema';
import { translator } from '../i18n/messages';
import { MAIL_TOPIC } from '../mail/mail.server';
import { emailModesFor } from '../notifications/notifications.server';
import { enqueue } from '../outbox/outbox.server';
import { env } from '../utils/env.server';
import { recordAudit, type Actor } from '../audit/audit.server';
import { readCommunitySettings } from '../places/rules';
import { isUuid } from '../utils/http.server';
import { createPledge, type CreatePledgeResult } from './pledges.server';
import type { Locale } from '../i18n/locale';

export type PlanResult = { ok: true; plan: HouseholdSharePlan } | { ok: false; reason: 'not_found' | 'no_fund' | 'place_outside_project' | 'exists' | 'no_households' };

/** The community above (or at) a place, whose settings hold the default share. */
async function communitySettingsOf(placePath: string) {
  const ids = placePath.split('/').filter(Boolean);
  const found = ids.length ? await db().select({ type: places.type, settings: places.settings }).from(places).where(inArray(places.id, ids)) : [];
  return readCommunitySettings(found.find((p) => p.type === 'community')?.settings);
}

async function countLiveHouseholds(placePath: string) {
  const [row] = await rows<{ n: number | string }>(db(), sql`select count(*)::int as n from households h join places p on p.id = h.place_id where p.path like ${placePath + '%'} and h.archived_at is null`);
  return Number(row.n);
}

/** Asks the households of `placeId` (the project's place or a compound within it) for a share each. */
export async function setUpHouseholdShares(actor: Actor & { userId: string }, projectId: string, input: { placeId: string; shareMinor?: number | null; dueAt: Date }): Promise<PlanResult> {
  if (!isUuid(projectId) || !isUuid(input.placeId)) return { ok: false, reason: 'not_found' };
  const [project] = await db().select().from(projects).where(eq(projects.id, projectId));
  if (!project) return { ok: false, reason: 'not_found' };
  if (!project.fundId) return { ok: false, reason: 'no_fund' };
  const [place] = await db().select().from(places).where(eq(places.id, input.placeId));
  if (!place || !place.path.startsWith(project.placePath)) return { ok: false, reason: 'place_outside_project' };
  const shareMinor = input.shareMinor ?? (await communitySettingsOf(place.path)).householdShareMinor;
  const householdCount = await countLiveHouseholds(place.path);
  if (householdCount === 0) return { ok: false, reason: 'no_households' };
  return db().transaction(async (tx) => {
    const [plan] = await tx.insert(householdSharePlans).values({ projectId, placeId: place.id, shareMinor, currency: project.currency, householdCount, dueAt: input.dueAt, createdBy: actor.userId }).onConflictDoNothing().returning();
    if (!plan) return { ok: false, reason: 'exists' } as const;
    await recordAudit(tx, actor, { action: 'household_shares.set_up', subjectType: 'project', subjectId: projectId, placeId: project.placeId, after: { placeId: place.id, shareMinor, householdCount, dueAt: input.dueAt.toISOString() } });
    return { ok: true, plan } as const;
  });
}

export async function getSharePlan(projectId: string) {
  if (!isUuid(projectId)) return null;
  const [plan] = await db().select().from(householdSharePlans).where(eq(householdSharePlans.projectId, projectId));
  return plan ?? null;
}

interface HouseholdRow {
  household_id: string;
  unit: string;
  building_zh: string;
  building_en: string;
  pledged: boolean;
  paid: string;
}

async function householdRows(plan: HouseholdSharePlan, fundId: string): Promise<HouseholdRow[]> {
  const [place] = await db().select({ path: places.path }).from(places).where(eq(places.id, plan.placeId));
  return rows<HouseholdRow>(
    db(),
    sql`select h.id as household_id, h.unit, p.name_zh as building_zh, p.name_en as building_en,
               exists (select 1 from pledges pl where pl.household_id = h.id and pl.project_id = ${plan.projectId} and pl.status in ('open', 'fulfilled')) as pledged,
               coalesce((select sum(e.amount_minor) from gift_records r join ledger_groups g on g.donation_id = r.donation_id and g.kind in ('donation', 'refund')
                         join ledger_entries e on e.group_id = g.id join ledger_accounts a on a.id = e.account_id and a.fund_id = ${fundId} and a.kind = 'fund'
                         where r.household_id = h.id), 0)::text as paid
        from households h join places p on p.id = h.place_id
        where p.path like ${place.path + '%'} and h.archived_at is null
        order by p.path, h.unit`,
  );
}

export interface ShareSummary {
  plan: HouseholdSharePlan;
  households: number;
  pledged: number;
  paid: number;
  paidMinor: number;
  targetMinor: number;
}

/** Public: how many households are asked, have pledged and have paid their share; no names. */
export async function shareSummary(projectId: string): Promise<ShareSummary | null> {
  const plan = await getSharePlan(projectId);
  if (!plan) return null;
  const [project] = await db().select({ fundId: projects.fundId }).from(projects).where(eq(projects.id, projectId));
  const list = await householdRows(plan, project.fundId!);
  const paidMinor = list.reduce((n, r) => n + Number(r.paid), 0);
  return { plan, households: list.length, pledged: list.filter((r) => r.pledged).length, paid: list.filter((r) => Number(r.paid) >= plan.shareMinor).length, paidMinor, targetMinor: plan.shareMinor * list.length };
}

export interface HouseholdShareLine {
  householdId: string;
  unit: string;
  buildingZh: string;
  buildingEn: string;
  pledged: boolean;
  paidMinor: number;
  status: 'paid' | 'part_paid' | 'pledged' | 'not_yet';
}

/** Staff of the place: each household with its pledge and payment (private data: the read is audited). */
export async function shareLinesForStaff(actor: Actor, projectId: string, placeId: string): Promise<HouseholdShareLine[]> {
  const plan = await getSharePlan(projectId);
  if (!plan) return [];
  const [project] = await db().select({ fundId: projects.fundId }).from(projects).where(eq(projects.id, projectId));
  const list = await householdRows(plan, project.fundId!);
  await recordAudit(db(), actor, { action: 'household_shares.read', subjectType: 'project', subjectId: projectId, placeId, after: { count: list.length } });
  return list.map((r) => {
    const paid = Number(r.paid);
    return { householdId: r.household_id, unit: r.unit, buildingZh: r.building_zh, buildingEn: r.building_en, pledged: r.pledged, paidMinor: paid, status: paid >= plan.shareMinor ? 'paid' : paid > 0 ? 'part_paid' : r.pledged ? 'pledged' : 'not_yet' };
  });
}

/** The households the signed-in person belongs to within the plan's place (to pledge or pay for). */
export async function myHouseholdsInPlan(userId: string, plan: HouseholdSharePlan) {
  const [place] = await db().select({ path: places.path }).from(places).where(eq(places.id, plan.placeId));
  return db()
    .select({ id: households.id, unit: households.unit })
    .from(householdMembers)
    .innerJoin(households, eq(households.id, householdMembers.householdId))
    .innerJoin(places, eq(places.id, households.placeId))
    .where(and(eq(householdMembers.userId, userId), isNull(households.archivedAt), sql`${places.path} like ${place.path + '%'}`))
    .orderBy(asc(households.unit));
}

/** A household member pledges the household's share (one live pledge per household and project). */
export async function pledgeHouseholdShare(actor: Actor & { userId: string }, projectId: string, householdId: string, who: { name: string; email: string | null; locale: Locale }): Promise<CreatePledgeResult | { ok: false; reason: 'not_member' | 'no_plan' }> {
  const plan = await getSharePlan(projectId);
  if (!plan) return { ok: false, reason: 'no_plan' };
  const mine = await myHouseholdsInPlan(actor.userId, plan);
  if (!mine.some((h) => h.id === householdId)) return { ok: false, reason: 'not_member' };
  const [project] = await db().select({ fundId: projects.fundId }).from(projects).where(eq(projects.id, projectId));
  return createPledge(actor, { fundId: project.fundId!, projectId, householdId, pledgerName: who.name, pledgerEmail: who.email, locale: who.locale, visibility: 'anonymous', source: 'resident', amountMinor: plan.shareMinor, dueAt: plan.dueAt });
}

/** The open share pledge of a household, to link a payment to. */
export async function openSharePledge(projectId: string, householdId: string) {
  const [p] = await db().select().from(pledges).where(and(eq(pledges.projectId, projectId), eq(pledges.householdId, householdId), eq(pledges.status, 'open')));
  return p ?? null;
}

const siteOrigin = () => (env().PUBLIC_URL ?? `http://localhost:${env().PORT}`).replace(/\/$/, '');

/**
 * Staff remind the households that have neither pledged nor paid: an in-app notice to each member with an account.
 * Repeating it within three days notifies no one twice (the earlier notice is found in the notifications).
 */
export async function remindHouseholds(actor: Actor & { userId: string }, projectId: string, placeId: string, now = new Date()): Promise<number> {
  const plan = await getSharePlan(projectId);
  if (!plan) return 0;
  const [project] = await db().select({ fundId: projects.fundId, title: projects.title }).from(projects).where(eq(projects.id, projectId));
  const waiting = (await householdRows(plan, project.fundId!)).filter((r) => !r.pledged && Number(r.paid) === 0).map((r) => r.household_id);
  if (!waiting.length) return 0;
  const since = new Date(now.getTime() - 3 * 86_400_000);
  return db().transaction(async (tx) => {
    const members = await tx
      .selectDistinct({ userId: householdMembers.userId })
      .from(householdMembers)
      .where(and(inArray(householdMembers.householdId, waiting), isNull(householdMembers.movedOutAt), sql`${householdMembers.userId} is not null`));
    const told = await tx
      .select({ userId: notifications.userId })
      .from(notifications)
      .where(and(eq(notifications.subjectType, 'household_share_plan'), eq(notifications.subjectId, plan.id), sql`${notifications.createdAt} > ${since.toISOString()}`));
    const already = new Set(told.map((t) => t.userId));
    const recipients = members.map((m) => m.userId!).filter((id) => !already.has(id));
    const params = { title: project.title, share: (plan.shareMinor / 100).toFixed(2), due: plan.dueAt.toISOString().slice(0, 10) };
    const link = `/projects/${projectId}/household-shares`;
    if (recipients.length) {
      await tx.insert(notifications).values(recipients.map((userId) => ({ userId, messageKey: 'mf.shares.notify', params, link, subjectType: 'household_share_plan', subjectId: plan.id })));
      // Email as each person chose: at once here, in their language; the daily digest carries it for those who chose
      // that (it reads the notification above); none for those who want none.
      const modes = await emailModesFor(tx, recipients);
      const people = await tx.select({ id: users.id, email: users.email, locale: users.locale, disabledAt: users.disabledAt }).from(users).where(inArray(users.id, recipients));
      for (const person of people) {
        if (!person.email || person.disabledAt || modes.get(person.id) !== 'immediate') continue;
        const t = translator(person.locale);
        await enqueue(tx, MAIL_TOPIC, { to: person.email, subject: `${t('app.name')}: ${t('mf.shares.mailSubject', { title: project.title })}`, text: `${t('mf.shares.notify', params)}\n\n${siteOrigin()}${link}` });
      }
    }
    await recordAudit(tx, actor, { action: 'household_shares.remind', subjectType: 'project', subjectId: projectId, placeId, after: { households: waiting.length, notified: recipients.length } });
    return recipients.length;
  });
}
