// Offline donations (cash, bank transfer, in kind) recorded by a treasurer, the second person's confirmation above
// the community's threshold, receipts by email and on a printable page.
import { and, desc, eq, inArray, like, or, sql } from 'drizzle-orm';
import { db, type Tx } from '../../db/client';
import { donations, funds, places, type Donation, type Fund } from '../../db/schema';
import { recordAudit, type Actor } from '../audit/audit.server';
import { formatDate, formatMoney } from '../i18n/locale';
import { MAIL_TOPIC } from '../mail/mail.server';
import { enqueue } from '../outbox/outbox.server';
import { isUuid } from '../utils/http.server';
import { matchGift, recordGiftOrigin, type GiftOrigin } from '../matching-funds/posting.server';
import { linkPledgePayment, settlePledgeOf } from '../pledges/pledges.server';
import { postDonation } from './postings.server';
import { confirmationThreshold, needsSecondPerson } from './rules';
import type { DonorVisibility } from './values';

export interface OfflineDonationInput {
  method: 'cash' | 'bank_transfer' | 'in_kind';
  amountMinor: number;
  donorName: string;
  donorEmail?: string | null;
  visibility: DonorVisibility;
  receiptNumber: string;
  receivedAt?: Date;
  inKindDescription?: string | null;
  note?: string | null;
  /** Who gave (resident, business, other; a household): counts toward a project's seed and the per-donor cap. */
  origin?: GiftOrigin;
  /** The pledge this payment fulfils, in part or in full. */
  pledgeId?: string | null;
}

export type RecordResult = { ok: true; donation: Donation; posted: boolean } | { ok: false; reason: 'receipt_taken' | 'no_fund' | 'fund_closed' };

async function fundWithSettings(tx: Tx, fundId: string) {
  const [row] = await tx.select({ fund: funds, settings: places.settings }).from(funds).innerJoin(places, eq(places.id, funds.placeId)).where(eq(funds.id, fundId));
  return row ?? null;
}

/** Queues the receipt email (the payload holds personal data, so the relay clears it once sent). */
export async function queueReceipt(tx: Tx, fund: Fund, donation: Donation, locale: 'zh-CN' | 'en' = 'zh-CN') {
  if (!donation.donorEmail) return;
  const amount = formatMoney(locale, donation.amountMinor, donation.currency);
  const date = formatDate(locale, donation.receivedAt);
  const zh = locale === 'zh-CN';
  const what = donation.method === 'in_kind' ? `${donation.inKindDescription ?? ''}（${zh ? '估值' : 'valued at'} ${amount}）` : amount;
  const text = zh
    ? `${donation.donorName}，您好：\n\n感谢您向「${fund.nameZh}」捐赠 ${what}。\n\n收据编号：${donation.receiptNumber}\n日期：${date}\n基金持有方：${fund.holderZh}\n\n这笔捐赠已记入公开账本${donation.visibility === 'anonymous' ? '（以匿名显示）' : donation.visibility === 'hidden_amount' ? '（不公开金额）' : ''}。`
    : `Hello ${donation.donorName},\n\nThank you for giving ${what} to "${fund.nameEn}".\n\nReceipt number: ${donation.receiptNumber}\nDate: ${date}\nFund held by: ${fund.holderEn}\n\nYour gift is recorded in the public ledger${donation.visibility === 'anonymous' ? ' (shown as anonymous)' : donation.visibility === 'hidden_amount' ? ' (amount not shown)' : ''}.`;
  await enqueue(tx, MAIL_TOPIC, { to: donation.donorEmail, subject: zh ? `五社联动：捐赠收据 ${donation.receiptNumber}` : `Fivefold: donation receipt ${donation.receiptNumber}`, text, secret: true });
}

/**
 * Records a cash, bank-transfer or in-kind gift. Below the threshold it is posted at once; from the threshold up
 * it waits for a second person. The receipt number is unique: a double submit finds it taken and stores nothing.
 */
export async function recordOfflineDonation(actor: Actor & { userId: string }, fundId: string, input: OfflineDonationInput): Promise<RecordResult> {
  return db().transaction(async (tx) => {
    const found = await fundWithSettings(tx, fundId);
    if (!found) return { ok: false, reason: 'no_fund' } as const;
    const { fund, settings } = found;
    if (fund.status !== 'active') return { ok: false, reason: 'fund_closed' } as const;
    const waits = input.method !== 'in_kind' && needsSecondPerson(input.amountMinor, confirmationThreshold(settings));
    const [donation] = await tx
      .insert(donations)
      .values({
        fundId,
        method: input.method,
        status: waits ? 'awaiting_confirmation' : 'posted',
        amountMinor: input.amountMinor,
        currency: fund.currency,
        inKindDescription: input.method === 'in_kind' ? (input.inKindDescription ?? null) : null,
        donorName: input.donorName,
        donorEmail: input.donorEmail || null,
        visibility: input.visibility,
        receiptNumber: input.receiptNumber,
        receivedAt: input.receivedAt ?? new Date(),
        note: input.note || null,
        recordedBy: actor.userId,
      })
      .onConflictDoNothing({ target: donations.receiptNumber })
      .returning();
    if (!donation) return { ok: false, reason: 'receipt_taken' } as const;
    if (input.origin) await recordGiftOrigin(tx, donation, input.origin);
    if (input.pledgeId) await linkPledgePayment(tx, actor, input.pledgeId, donation);
    if (!waits) {
      await postDonation(tx, fund, donation, `receipt:${donation.receiptNumber}`, actor.userId);
      // The match (配捐) posts in the gift's own transaction.
      await matchGift(tx, fund, donation, actor.userId);
      await settlePledgeOf(tx, actor, donation.id);
      await queueReceipt(tx, fund, donation);
    }
    await recordAudit(tx, actor, {
      action: 'donation.record',
      subjectType: 'donation',
      subjectId: donation.id,
      placeId: fund.placeId,
      after: { method: donation.method, amountMinor: donation.amountMinor, receiptNumber: donation.receiptNumber, status: donation.status },
    });
    return { ok: true, donation, posted: !waits } as const;
  });
}

export type ConfirmResult = { ok: true } | { ok: false; reason: 'not_found' | 'not_waiting' | 'same_person' };

/** The second person confirms (posts) or rejects a large offline donation; never the one who recorded it. */
export async function decideDonation(actor: Actor & { userId: string }, donationId: string, decision: 'confirm' | 'reject'): Promise<ConfirmResult> {
  if (!isUuid(donationId)) return { ok: false, reason: 'not_found' };
  return db().transaction(async (tx) => {
    const [donation] = await tx.select().from(donations).where(eq(donations.id, donationId)).for('update');
    if (!donation) return { ok: false, reason: 'not_found' } as const;
    if (donation.status !== 'awaiting_confirmation') return { ok: false, reason: 'not_waiting' } as const;
    if (donation.recordedBy === actor.userId) return { ok: false, reason: 'same_person' } as const;
    const [fund] = await tx.select().from(funds).where(eq(funds.id, donation.fundId));
    const status = decision === 'confirm' ? ('posted' as const) : ('cancelled' as const);
    const [updated] = await tx.update(donations).set({ status, confirmedBy: actor.userId }).where(eq(donations.id, donationId)).returning();
    if (decision === 'confirm') {
      await postDonation(tx, fund, updated, `receipt:${updated.receiptNumber}`, actor.userId);
      await matchGift(tx, fund, updated, actor.userId);
      await settlePledgeOf(tx, actor, updated.id);
      await queueReceipt(tx, fund, updated);
    }
    await recordAudit(tx, actor, { action: `donation.${decision}`, subjectType: 'donation', subjectId: donationId, placeId: fund.placeId, before: { status: donation.status }, after: { status } });
    return { ok: true } as const;
  });
}

/** Offline donations waiting for a second person, in the caller's places. */
export async function listAwaitingConfirmation(scopes: (string | null)[], fundId?: string) {
  if (!scopes.length) return [];
  const scopeClause = scopes.includes(null) ? undefined : or(...scopes.map((s) => like(places.path, `${s}%`)));
  return db()
    .select({ id: donations.id, fundId: donations.fundId, amountMinor: donations.amountMinor, currency: donations.currency, donorName: donations.donorName, method: donations.method, receiptNumber: donations.receiptNumber, recordedBy: donations.recordedBy, receivedAt: donations.receivedAt })
    .from(donations)
    .innerJoin(funds, eq(funds.id, donations.fundId))
    .innerJoin(places, eq(places.id, funds.placeId))
    .where(and(eq(donations.status, 'awaiting_confirmation'), scopeClause, fundId ? eq(donations.fundId, fundId) : undefined))
    .orderBy(desc(donations.createdAt));
}

/** A donation with its fund, for the receipt page (the guard decides who may see it). */
export async function getDonationWithFund(donationId: string) {
  if (!isUuid(donationId)) return null;
  const [row] = await db().select({ donation: donations, fund: funds, placePath: places.path, placeType: places.type }).from(donations).innerJoin(funds, eq(funds.id, donations.fundId)).innerJoin(places, eq(places.id, funds.placeId)).where(eq(donations.id, donationId));
  return row ?? null;
}

/** Recent donations of a fund, for its staff (names even of anonymous donors): the read is audited. */
export async function listFundDonations(actor: Actor, fund: { id: string; placeId: string }, limit = 50) {
  return db().transaction(async (tx) => {
    const found = await tx.select().from(donations).where(eq(donations.fundId, fund.id)).orderBy(desc(donations.receivedAt)).limit(limit);
    await recordAudit(tx, actor, { action: 'donations.read', subjectType: 'fund', subjectId: fund.id, placeId: fund.placeId, after: { count: found.length } });
    return found;
  });
}

/** A staff member reads one donation's private details (for its receipt): audited. */
export async function auditDonationRead(actor: Actor, donationId: string, placeId: string) {
  await recordAudit(db(), actor, { action: 'donation.read', subjectType: 'donation', subjectId: donationId, placeId });
}

export async function countDonations(statuses: Donation['status'][]) {
  const [row] = await db().select({ n: sql<number>`count(*)::int` }).from(donations).where(inArray(donations.status, statuses));
  return Number(row.n);
}
