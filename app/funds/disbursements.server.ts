// Disbursements: a request for money from a fund, a decision by someone other than the requester, and the payment
// against the payee's receipt, posted only if the fund can afford it at that moment.
import { and, desc, eq } from 'drizzle-orm';
import { db, type Tx } from '../../db/client';
import { InsufficientFundsError } from '../../db/ledger/errors';
import { disbursements, funds, type Disbursement } from '../../db/schema';
import { recordAudit, type Actor } from '../audit/audit.server';
import { isUuid } from '../utils/http.server';
import { postDisbursement } from './postings.server';
import { mayDecide } from './rules';

export interface DisbursementInput {
  payeeKind: 'project' | 'organisation';
  payeeName: string;
  projectName?: string | null;
  purpose: string;
  amountMinor: number;
}

type Who = Actor & { userId: string };

export async function requestDisbursement(actor: Who, fundId: string, input: DisbursementInput) {
  return db().transaction((tx) => requestDisbursementIn(tx, actor, fundId, input));
}

/** The same request inside the caller's transaction (e.g. a project milestone's, linked to it in the same commit). */
export async function requestDisbursementIn(tx: Tx, actor: Who, fundId: string, input: DisbursementInput) {
  const [fund] = await tx.select().from(funds).where(eq(funds.id, fundId));
  if (!fund || fund.status !== 'active') return null;
  const [row] = await tx
    .insert(disbursements)
    .values({ fundId, payeeKind: input.payeeKind, payeeName: input.payeeName, projectName: input.projectName || null, purpose: input.purpose, amountMinor: input.amountMinor, currency: fund.currency, requestedBy: actor.userId })
    .returning();
  await recordAudit(tx, actor, { action: 'disbursement.request', subjectType: 'disbursement', subjectId: row.id, placeId: fund.placeId, after: { amountMinor: row.amountMinor, payeeName: row.payeeName } });
  return row;
}

export type DecideResult = { ok: true } | { ok: false; reason: 'not_found' | 'not_requested' | 'own_request' };

/** Approve or reject: only a request still open, and never by the person who made it. */
export async function decideDisbursement(actor: Who, disbursementId: string, decision: 'approve' | 'reject', note?: string | null): Promise<DecideResult> {
  if (!isUuid(disbursementId)) return { ok: false, reason: 'not_found' };
  return db().transaction(async (tx) => {
    const [row] = await tx.select().from(disbursements).where(eq(disbursements.id, disbursementId)).for('update');
    if (!row) return { ok: false, reason: 'not_found' } as const;
    if (row.status !== 'requested') return { ok: false, reason: 'not_requested' } as const;
    if (!mayDecide(row.status, row.requestedBy, actor.userId)) return { ok: false, reason: 'own_request' } as const;
    const status = decision === 'approve' ? ('approved' as const) : ('rejected' as const);
    await tx.update(disbursements).set({ status, decidedBy: actor.userId, decidedAt: new Date(), decisionNote: note || null }).where(eq(disbursements.id, disbursementId));
    const [fund] = await tx.select({ placeId: funds.placeId }).from(funds).where(eq(funds.id, row.fundId));
    await recordAudit(tx, actor, { action: `disbursement.${decision}`, subjectType: 'disbursement', subjectId: disbursementId, placeId: fund.placeId, before: { status: row.status }, after: { status } });
    return { ok: true } as const;
  });
}

export type PayResult = { ok: true; groupId: string } | { ok: false; reason: 'not_found' | 'not_approved' | 'insufficient_funds'; balanceMinor?: number };

/**
 * Pays an approved request against the payee's receipt. The fund's account row is locked while its balance is
 * checked and the payment posted, so of many payments at once only those the fund can afford go through.
 */
export async function payDisbursement(actor: Who, disbursementId: string, receiptRef: string): Promise<PayResult> {
  if (!isUuid(disbursementId)) return { ok: false, reason: 'not_found' };
  try {
    return await db().transaction(async (tx) => {
      const [row] = await tx.select().from(disbursements).where(eq(disbursements.id, disbursementId)).for('update');
      if (!row) return { ok: false, reason: 'not_found' } as const;
      if (row.status !== 'approved') return { ok: false, reason: 'not_approved' } as const;
      const [fund] = await tx.select().from(funds).where(eq(funds.id, row.fundId));
      const [paid] = await tx.update(disbursements).set({ status: 'paid', receiptRef, paidBy: actor.userId, paidAt: new Date() }).where(eq(disbursements.id, disbursementId)).returning();
      const posted = await postDisbursement(tx, fund, paid, actor.userId);
      await recordAudit(tx, actor, { action: 'disbursement.pay', subjectType: 'disbursement', subjectId: disbursementId, placeId: fund.placeId, before: { status: row.status }, after: { status: 'paid', receiptRef } });
      return { ok: true, groupId: posted.groupId } as const;
    });
  } catch (error) {
    if (error instanceof InsufficientFundsError) return { ok: false, reason: 'insufficient_funds', balanceMinor: error.balanceMinor };
    throw error;
  }
}

export async function listDisbursements(fundId: string, status?: Disbursement['status']) {
  return db()
    .select()
    .from(disbursements)
    .where(and(eq(disbursements.fundId, fundId), status ? eq(disbursements.status, status) : undefined))
    .orderBy(desc(disbursements.createdAt))
    .limit(200);
}

export async function getDisbursement(id: string) {
  if (!isUuid(id)) return null;
  const [row] = await db().select().from(disbursements).where(eq(disbursements.id, id));
  return row ?? null;
}
