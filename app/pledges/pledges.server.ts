// Pledges (认捐): a promise to give an amount to a fund or project by a date. Payments (card or offline) link to the
// pledge; what has been paid is summed from the ledger, so partial fulfilment needs no counter. Reminders go out
// once before the due date and an unpaid pledge expires after it, both in the pledger's language.
import { and, asc, desc, eq, gt, inArray, isNull, lt, lte, sql } from 'drizzle-orm';
import { db, rows, type DbOrTx, type Tx } from '../../db/client';
import { funds, notifications, pledgePayments, pledges, projects, type Donation, type Pledge } from '../../db/schema';
import { emailModesFor } from '../notifications/notifications.server';
import { recordAudit, type Actor } from '../audit/audit.server';
import { formatDate, formatMoney, isLocale, type Locale } from '../i18n/locale';
import { MAIL_TOPIC } from '../mail/mail.server';
import { enqueue } from '../outbox/outbox.server';
import { isUuid } from '../utils/http.server';
import type { GiftSource } from '../matching-funds/rules';
import type { DonorVisibility } from '../funds/values';

export interface PledgeInput {
  fundId: string;
  projectId?: string | null;
  householdId?: string | null;
  pledgerName: string;
  pledgerEmail?: string | null;
  locale: Locale;
  visibility: DonorVisibility;
  source: GiftSource;
  amountMinor: number;
  dueAt: Date;
}

export type CreatePledgeResult = { ok: true; pledge: Pledge } | { ok: false; reason: 'no_fund' | 'fund_closed' | 'due_in_past' | 'household_pledged' };

export async function createPledge(actor: Actor, input: PledgeInput, now = new Date()): Promise<CreatePledgeResult> {
  if (!isUuid(input.fundId)) return { ok: false, reason: 'no_fund' };
  if (input.dueAt.getTime() <= now.getTime()) return { ok: false, reason: 'due_in_past' };
  return db().transaction(async (tx) => {
    const [fund] = await tx.select().from(funds).where(eq(funds.id, input.fundId));
    if (!fund) return { ok: false, reason: 'no_fund' } as const;
    if (fund.status !== 'active') return { ok: false, reason: 'fund_closed' } as const;
    const [pledge] = await tx
      .insert(pledges)
      .values({
        fundId: fund.id,
        projectId: input.projectId ?? null,
        householdId: input.householdId ?? null,
        userId: actor.userId,
        pledgerName: input.pledgerName,
        pledgerEmail: input.pledgerEmail || null,
        locale: input.locale,
        visibility: input.visibility,
        source: input.source,
        amountMinor: input.amountMinor,
        currency: fund.currency,
        dueAt: input.dueAt,
      })
      .onConflictDoNothing()
      .returning();
    // The only unique index a pledge can hit: one live share pledge per household and project.
    if (!pledge) return { ok: false, reason: 'household_pledged' } as const;
    await recordAudit(tx, actor, { action: 'pledge.create', subjectType: 'pledge', subjectId: pledge.id, placeId: fund.placeId, after: { amountMinor: pledge.amountMinor, dueAt: pledge.dueAt.toISOString(), fundId: fund.id, projectId: pledge.projectId, householdId: pledge.householdId } });
    return { ok: true, pledge } as const;
  });
}

/** Paid so far toward each pledge, from the ledger: donations and refunds of the linked gifts on the fund's account. */
export async function pledgePaidMinor(tx: DbOrTx, pledgeIds: string[]): Promise<Map<string, number>> {
  const result = new Map(pledgeIds.map((id) => [id, 0]));
  if (!pledgeIds.length) return result;
  const found = await rows<{ pledge_id: string; paid: string }>(
    tx,
    sql`select pp.pledge_id, coalesce(sum(e.amount_minor), 0)::text as paid
        from pledge_payments pp join ledger_groups g on g.donation_id = pp.donation_id and g.kind in ('donation', 'refund')
        join ledger_entries e on e.group_id = g.id join ledger_accounts a on a.id = e.account_id and a.kind in ('fund', 'matching_pool')
        where pp.pledge_id in (${sql.join(pledgeIds.map((id) => sql`${id}`), sql`, `)})
        group by pp.pledge_id`,
  );
  for (const r of found) result.set(r.pledge_id, Number(r.paid));
  return result;
}

/** Links a payment to an open pledge of the same fund; false (nothing linked) otherwise. */
export async function linkPledgePayment(tx: Tx, actor: Actor, pledgeId: string, donation: Pick<Donation, 'id' | 'fundId'>): Promise<boolean> {
  if (!isUuid(pledgeId)) return false;
  const [pledge] = await tx.select().from(pledges).where(eq(pledges.id, pledgeId)).for('update');
  if (!pledge || pledge.fundId !== donation.fundId || pledge.status !== 'open') return false;
  await tx.insert(pledgePayments).values({ pledgeId, donationId: donation.id }).onConflictDoNothing();
  await recordAudit(tx, actor, { action: 'pledge.payment_link', subjectType: 'pledge', subjectId: pledgeId, after: { donationId: donation.id } });
  return true;
}

/** After a linked gift posts: the pledge is fulfilled once the ledger shows it paid in full. */
export async function settlePledgeOf(tx: Tx, actor: Actor, donationId: string) {
  const [link] = await tx.select({ pledgeId: pledgePayments.pledgeId }).from(pledgePayments).where(eq(pledgePayments.donationId, donationId));
  if (!link) return;
  const [pledge] = await tx.select().from(pledges).where(eq(pledges.id, link.pledgeId)).for('update');
  if (pledge.status !== 'open') return;
  const paid = (await pledgePaidMinor(tx, [pledge.id])).get(pledge.id)!;
  if (paid < pledge.amountMinor) return;
  await tx.update(pledges).set({ status: 'fulfilled', closedAt: new Date() }).where(eq(pledges.id, pledge.id));
  await recordAudit(tx, actor, { action: 'pledge.fulfil', subjectType: 'pledge', subjectId: pledge.id, before: { status: 'open' }, after: { status: 'fulfilled', paidMinor: paid } });
}

export type CancelResult = { ok: true } | { ok: false; reason: 'not_found' | 'not_open' };

/** The pledger withdraws an open pledge (what was paid stays given). */
export async function cancelPledge(actor: Actor & { userId: string }, pledgeId: string): Promise<CancelResult> {
  if (!isUuid(pledgeId)) return { ok: false, reason: 'not_found' };
  return db().transaction(async (tx) => {
    const [pledge] = await tx.select().from(pledges).where(and(eq(pledges.id, pledgeId), eq(pledges.userId, actor.userId))).for('update');
    if (!pledge) return { ok: false, reason: 'not_found' } as const;
    if (pledge.status !== 'open') return { ok: false, reason: 'not_open' } as const;
    await tx.update(pledges).set({ status: 'cancelled', closedAt: new Date() }).where(eq(pledges.id, pledgeId));
    await recordAudit(tx, actor, { action: 'pledge.cancel', subjectType: 'pledge', subjectId: pledgeId, before: { status: 'open' }, after: { status: 'cancelled' } });
    return { ok: true } as const;
  });
}

export interface PledgeView {
  id: string;
  fundId: string;
  projectId: string | null;
  projectTitle: string | null;
  fundZh: string;
  fundEn: string;
  amountMinor: number;
  paidMinor: number;
  currency: string;
  dueAt: Date;
  status: Pledge['status'];
  createdAt: Date;
  householdId: string | null;
  source: Pledge['source'];
}

async function views(list: { pledge: Pledge; fundZh: string; fundEn: string; projectTitle: string | null }[]): Promise<PledgeView[]> {
  const paid = await pledgePaidMinor(db(), list.map((l) => l.pledge.id));
  return list.map(({ pledge: p, fundZh, fundEn, projectTitle }) => ({ id: p.id, fundId: p.fundId, projectId: p.projectId, projectTitle, fundZh, fundEn, amountMinor: p.amountMinor, paidMinor: paid.get(p.id)!, currency: p.currency, dueAt: p.dueAt, status: p.status, createdAt: p.createdAt, householdId: p.householdId, source: p.source }));
}

/** "My pledges": the signed-in person's pledges with what each has had paid. */
export async function listMyPledges(userId: string): Promise<PledgeView[]> {
  const list = await db()
    .select({ pledge: pledges, fundZh: funds.nameZh, fundEn: funds.nameEn, projectTitle: projects.title })
    .from(pledges)
    .innerJoin(funds, eq(funds.id, pledges.fundId))
    .leftJoin(projects, eq(projects.id, pledges.projectId))
    .where(eq(pledges.userId, userId))
    .orderBy(desc(pledges.createdAt));
  return views(list);
}

/** One pledge for its pledger (the route checks ownership through the WHERE clause). */
export async function getMyPledge(userId: string, pledgeId: string): Promise<PledgeView | null> {
  if (!isUuid(pledgeId)) return null;
  const list = await db()
    .select({ pledge: pledges, fundZh: funds.nameZh, fundEn: funds.nameEn, projectTitle: projects.title })
    .from(pledges)
    .innerJoin(funds, eq(funds.id, pledges.fundId))
    .leftJoin(projects, eq(projects.id, pledges.projectId))
    .where(and(eq(pledges.id, pledgeId), eq(pledges.userId, userId)));
  return (await views(list))[0] ?? null;
}

export interface PublicPledge {
  id: string;
  fundId: string;
  projectId: string | null;
  /** null: anonymous. */
  pledgerName: string | null;
  /** null: the pledger hid the amount. */
  amountMinor: number | null;
  paidMinor: number | null;
  currency: string;
  dueAt: Date;
  status: Pledge['status'];
}

/** Public: pledges to a fund or project, names and amounts as the pledgers chose; never emails or households. */
export async function listPublicPledges(filter: { fundId?: string; projectId?: string }, limit = 100): Promise<PublicPledge[]> {
  if (filter.fundId && !isUuid(filter.fundId)) return [];
  if (filter.projectId && !isUuid(filter.projectId)) return [];
  const list = await db()
    .select()
    .from(pledges)
    .where(and(filter.fundId ? eq(pledges.fundId, filter.fundId) : undefined, filter.projectId ? eq(pledges.projectId, filter.projectId) : undefined, inArray(pledges.status, ['open', 'fulfilled', 'expired'])))
    .orderBy(desc(pledges.createdAt))
    .limit(limit);
  const paid = await pledgePaidMinor(db(), list.map((p) => p.id));
  return list.map((p) => {
    const hidden = p.visibility === 'hidden_amount';
    // A household's share pledge is shown without a name: household names are private to staff.
    const name = p.visibility === 'anonymous' || p.householdId ? null : p.pledgerName;
    return { id: p.id, fundId: p.fundId, projectId: p.projectId, pledgerName: name, amountMinor: hidden ? null : p.amountMinor, paidMinor: hidden ? null : paid.get(p.id)!, currency: p.currency, dueAt: p.dueAt, status: p.status };
  });
}

/** Open pledges of a fund still to be paid (for the project page's "pledged" figure). */
export async function outstandingPledgedMinor(fundId: string): Promise<number> {
  const open = await db().select({ id: pledges.id, amountMinor: pledges.amountMinor }).from(pledges).where(and(eq(pledges.fundId, fundId), eq(pledges.status, 'open')));
  const paid = await pledgePaidMinor(db(), open.map((p) => p.id));
  return open.reduce((n, p) => n + Math.max(0, p.amountMinor - paid.get(p.id)!), 0);
}

function reminderText(locale: Locale, p: Pledge, fundZh: string, fundEn: string, paidMinor: number, kind: 'reminder' | 'expired') {
  const zh = locale === 'zh-CN';
  const amount = formatMoney(locale, p.amountMinor, p.currency);
  const left = formatMoney(locale, Math.max(0, p.amountMinor - paidMinor), p.currency);
  const due = formatDate(locale, p.dueAt);
  if (kind === 'reminder')
    return zh
      ? { subject: `五社联动：您的认捐将于 ${due} 到期`, text: `${p.pledgerName}，您好：\n\n您向「${fundZh}」认捐了 ${amount}，还需支付 ${left}，到期日为 ${due}。\n\n可在「我的认捐」页面在线支付，或交给社区财务人员。` }
      : { subject: `Fivefold: your pledge is due on ${due}`, text: `Hello ${p.pledgerName},\n\nYou pledged ${amount} to "${fundEn}". ${left} is still to pay, due on ${due}.\n\nYou can pay online from "My pledges" or give it to the community treasurer.` };
  return zh
    ? { subject: '五社联动：您的认捐已到期', text: `${p.pledgerName}，您好：\n\n您向「${fundZh}」认捐的 ${amount} 已于 ${due} 到期，尚有 ${left} 未支付，认捐已结束。已支付的款项仍计入项目。` }
    : { subject: 'Fivefold: your pledge has expired', text: `Hello ${p.pledgerName},\n\nYour pledge of ${amount} to "${fundEn}" was due on ${due} and ${left} was not paid, so it has now closed. What you paid still counts for the project.` };
}

/** Reminds each open pledge due within `withinDays` once (remindedAt is claimed in the same statement). */
export async function remindDuePledges(now = new Date(), withinDays = 3): Promise<number> {
  const until = new Date(now.getTime() + withinDays * 86_400_000);
  const due = await db().select({ id: pledges.id }).from(pledges).where(and(eq(pledges.status, 'open'), isNull(pledges.remindedAt), gt(pledges.dueAt, now), lte(pledges.dueAt, until))).orderBy(asc(pledges.dueAt));
  let sent = 0;
  for (const { id } of due) {
    await db().transaction(async (tx) => {
      const [p] = await tx.update(pledges).set({ remindedAt: now }).where(and(eq(pledges.id, id), eq(pledges.status, 'open'), isNull(pledges.remindedAt))).returning();
      if (!p) return;
      const [fund] = await tx.select().from(funds).where(eq(funds.id, p.fundId));
      const paid = (await pledgePaidMinor(tx, [p.id])).get(p.id)!;
      // A pledger with an account is emailed as they chose: at once, in the daily digest (through the notification
      // centre), or not at all; one who pledged with just an email gets it at once.
      const mode = p.userId ? (await emailModesFor(tx, [p.userId])).get(p.userId)! : 'immediate';
      if (p.userId) await tx.insert(notifications).values({ userId: p.userId, messageKey: 'mf.pledge.remindNotice', params: { left: (Math.max(0, p.amountMinor - paid) / 100).toFixed(2), due: p.dueAt.toISOString().slice(0, 10) }, link: '/pledges', subjectType: 'pledge', subjectId: p.id });
      if (p.pledgerEmail && mode === 'immediate') await enqueue(tx, MAIL_TOPIC, { to: p.pledgerEmail, ...reminderText(isLocale(p.locale) ? p.locale : 'zh-CN', p, fund.nameZh, fund.nameEn, paid, 'reminder'), secret: true });
      await recordAudit(tx, { userId: null }, { action: 'pledge.remind', subjectType: 'pledge', subjectId: p.id, placeId: fund.placeId });
      sent++;
    });
  }
  return sent;
}

/** Closes open pledges whose due date has passed unpaid; each is expired (and told) once. */
export async function expireOverduePledges(now = new Date()): Promise<number> {
  const overdue = await db().select({ id: pledges.id }).from(pledges).where(and(eq(pledges.status, 'open'), lt(pledges.dueAt, now)));
  let expired = 0;
  for (const { id } of overdue) {
    await db().transaction(async (tx) => {
      const [p] = await tx.select().from(pledges).where(and(eq(pledges.id, id), eq(pledges.status, 'open'))).for('update');
      if (!p) return;
      const paid = (await pledgePaidMinor(tx, [p.id])).get(p.id)!;
      const status = paid >= p.amountMinor ? ('fulfilled' as const) : ('expired' as const);
      await tx.update(pledges).set({ status, closedAt: now }).where(eq(pledges.id, p.id));
      const [fund] = await tx.select().from(funds).where(eq(funds.id, p.fundId));
      if (status === 'expired') {
        // Told as the reminder is: in the notification centre for a pledger with an account, by email at once only
        // if they chose that (the daily digest carries it otherwise), and at once to one who pledged with just an email.
        const mode = p.userId ? (await emailModesFor(tx, [p.userId])).get(p.userId)! : 'immediate';
        if (p.userId) await tx.insert(notifications).values({ userId: p.userId, messageKey: 'mf.pledge.expiredNotice', params: { left: (Math.max(0, p.amountMinor - paid) / 100).toFixed(2), due: p.dueAt.toISOString().slice(0, 10) }, link: '/pledges', subjectType: 'pledge', subjectId: p.id });
        if (p.pledgerEmail && mode === 'immediate') await enqueue(tx, MAIL_TOPIC, { to: p.pledgerEmail, ...reminderText(isLocale(p.locale) ? p.locale : 'zh-CN', p, fund.nameZh, fund.nameEn, paid, 'expired'), secret: true });
      }
      await recordAudit(tx, { userId: null }, { action: `pledge.${status === 'expired' ? 'expire' : 'fulfil'}`, subjectType: 'pledge', subjectId: p.id, placeId: fund.placeId, before: { status: 'open' }, after: { status, paidMinor: paid } });
      expired++;
    });
  }
  return expired;
}
