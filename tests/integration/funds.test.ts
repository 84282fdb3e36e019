// Funds as treasurers, staff, donors and the public use them: offline donations with receipts and a second
// person above the threshold, in-kind gifts beside the money, disbursements approved by someone else, the public
// pages and the API. The ledger is checked after every test.
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { count, eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../db/client';
import { disbursements, donations, places } from '../../db/schema';
import { createApiToken } from '../../app/api/tokens.server';
import { ledgerJournal } from '../../app/funds/ledger.server';
import * as recordRoute from '../../app/routes/funds.$fundId.record';
import * as disbRoute from '../../app/routes/funds.$fundId.disbursements';
import * as fundPage from '../../app/routes/funds.$fundId._index';
import * as fundsIndex from '../../app/routes/funds._index';
import * as newFund from '../../app/routes/funds.new';
import * as ledgerPage from '../../app/routes/ledger._index';
import * as ledgerCsv from '../../app/routes/ledger[.csv]';
import * as receiptPage from '../../app/routes/donations.$donationId.receipt';
import * as donateRoute from '../../app/routes/funds.$fundId.donate';
import * as donationsApi from '../../app/routes/api.v1.donations';
import * as fundsApi from '../../app/routes/api.v1.funds._index';
import * as fundApi from '../../app/routes/api.v1.funds.$fundId';
import { useTestDatabase } from '../helpers/db';
import { createStreetWithCommunities, createUser, deliveredMailTo, requestWith, sessionCookieFor } from '../helpers/factories';
import { balanceOf, createTestFund, expectLedgerWhole } from '../helpers/ledger';

useTestDatabase();
const run = promisify(execFile);

let community: { id: string };
let otherCommunity: { id: string };
const cookies: Record<string, string> = {};
const users: Record<string, { id: string }> = {};

beforeAll(async () => {
  const made = await createStreetWithCommunities();
  community = made.community;
  otherCommunity = made.otherCommunity;
  // The second person's threshold for this community: ¥1,000.
  await db().update(places).set({ settings: { donationConfirmationThresholdMinor: 100_000 } }).where(eq(places.id, community.id));
  const who = {
    treasurer: [{ role: 'treasurer' as const, placeId: made.street.id }],
    staff: [{ role: 'community_staff' as const, placeId: community.id }],
    staff2: [{ role: 'community_staff' as const, placeId: otherCommunity.id }],
    resident: [{ role: 'resident' as const, placeId: community.id }],
  };
  for (const [name, roles] of Object.entries(who)) {
    const u = await createUser({ roles });
    users[name] = u;
    cookies[name] = await sessionCookieFor(u.id);
  }
});

afterEach(async () => {
  await expectLedgerWhole();
});

const form = (cookie: string, path: string, fields: Record<string, string>) =>
  requestWith(cookie, path, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) });

async function statusOf(call: () => Promise<unknown>) {
  try {
    const r = await call();
    return r instanceof Response ? r.status : 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

async function record(fundId: string, fields: Record<string, string>, as = 'treasurer') {
  return recordRoute.action({ request: form(cookies[as], `/funds/${fundId}/record`, fields), params: { fundId }, context: {} }).catch((r) => r);
}

const gift = (n: string, extra: Record<string, string> = {}) => ({ method: 'cash', amount: '200', donorName: '赵大爷', visibility: 'public', receiptNumber: n, ...extra });

describe('offline donations', () => {
  it('a treasurer records a cash gift: it is in the balance, the donor gets an emailed receipt, and a printable one exists', async () => {
    const fund = await createTestFund(community.id);
    const res = await record(fund.id, gift('R-0001', { amount: '88.50', donorEmail: 'zhao@example.test' }));
    expect(res.status).toBe(302);
    expect(res.headers.get('Location')).toContain('notice=record.posted');
    expect((await balanceOf(fund.id)).balanceMinor).toBe(8850);
    const [mail] = await deliveredMailTo('zhao@example.test');
    expect(mail.text).toContain('R-0001');
    expect(mail.text).toContain('88.50');
    const [row] = await db().select().from(donations).where(eq(donations.receiptNumber, 'R-0001'));
    const receipt = await receiptPage.loader({ request: requestWith(cookies.treasurer, `/donations/${row.id}/receipt`), params: { donationId: row.id }, context: {} });
    expect(receipt.receipt).toMatchObject({ number: 'R-0001', amountMinor: 8850, donorName: '赵大爷' });
    // Anyone else: the receipt does not exist.
    expect(await statusOf(() => receiptPage.loader({ request: requestWith(cookies.resident, `/donations/${row.id}/receipt`), params: { donationId: row.id }, context: {} }))).toBe(404);
  });

  it('answers bad input with field errors and stores nothing; a receipt number is used once, even on a double submit', async () => {
    const fund = await createTestFund(community.id);
    const bad = await record(fund.id, { method: 'cash', amount: '12.345', donorName: '', visibility: 'public', receiptNumber: 'bad number!' });
    expect(Object.keys(bad.error).sort()).toEqual(['amount', 'donorName', 'receiptNumber']);
    const both = await Promise.all([record(fund.id, gift('R-DUP')), record(fund.id, gift('R-DUP'))]);
    expect(both.filter((r) => r instanceof Response && r.status === 302)).toHaveLength(1);
    expect(both.find((r) => !(r instanceof Response)).error.receiptNumber).toEqual(['record.receiptTaken']);
    const [{ n }] = await db().select({ n: count() }).from(donations).where(eq(donations.fundId, fund.id));
    expect(Number(n)).toBe(1);
    expect((await balanceOf(fund.id)).balanceMinor).toBe(20000);
  });

  it('from the threshold up, waits for a second person who is not the recorder', async () => {
    const fund = await createTestFund(community.id);
    const res = await record(fund.id, gift('R-BIG', { method: 'bank_transfer', amount: '1000' }));
    expect(res.headers.get('Location')).toContain('notice=record.waiting');
    expect((await balanceOf(fund.id)).balanceMinor).toBe(0);
    const [row] = await db().select().from(donations).where(eq(donations.receiptNumber, 'R-BIG'));
    const own = await record(fund.id, { intent: 'confirm', donationId: row.id });
    expect(own.error['']).toEqual(['record.samePerson']);
    expect((await balanceOf(fund.id)).balanceMinor).toBe(0);
    // Staff of another community cannot confirm it.
    expect((await record(fund.id, { intent: 'confirm', donationId: row.id }, 'staff2')).status).toBe(403);
    const ok = await record(fund.id, { intent: 'confirm', donationId: row.id }, 'staff');
    expect(ok.headers.get('Location')).toContain('notice=record.confirmed');
    expect((await balanceOf(fund.id)).balanceMinor).toBe(100000);
    const again = await record(fund.id, { intent: 'confirm', donationId: row.id }, 'staff');
    expect(again.error['']).toEqual(['record.notWaiting']);
    expect((await balanceOf(fund.id)).balanceMinor).toBe(100000);
  });

  it('shows in-kind gifts at their value beside the money, never in the balance', async () => {
    const fund = await createTestFund(community.id);
    await record(fund.id, gift('R-CASH', { amount: '50' }));
    const noWhat = await record(fund.id, gift('R-KIND', { method: 'in_kind', amount: '3000' }));
    expect(noWhat.error.inKindDescription).toEqual(['funds.v.inKindDescription']);
    await record(fund.id, gift('R-KIND', { method: 'in_kind', amount: '3000', inKindDescription: '轮椅 2 台' }));
    expect(await balanceOf(fund.id)).toMatchObject({ balanceMinor: 5000, inKindMinor: 300000 });
    const page = await fundPage.loader({ request: requestWith(null, `/funds/${fund.id}`), params: { fundId: fund.id }, context: {} });
    expect(page.fund).toMatchObject({ balanceMinor: 5000, inKindMinor: 300000 });
    expect(page.movements.find((m) => m.inKind)).toMatchObject({ kind: 'in_kind', description: '轮椅 2 台', amountMinor: 300000 });
    // Who approves spending: the community's staff, not another community's.
    const approverNames = page.approvers.map((a) => a.name);
    const [staff, staff2] = await Promise.all([users.staff, users.staff2].map(async (u) => (await db().query.users.findFirst({ where: (t, { eq: is }) => is(t.id, u.id) }))!.name));
    expect(approverNames).toContain(staff);
    expect(approverNames).not.toContain(staff2);
  });
});

describe('disbursements', () => {
  it('need an approver other than the requester, a receipt to pay, and money in the fund', async () => {
    const fund = await createTestFund(community.id);
    await record(fund.id, gift('R-D1', { amount: '500' }));
    const call = (as: string, fields: Record<string, string>) => disbRoute.action({ request: form(cookies[as], `/funds/${fund.id}/disbursements`, fields), params: { fundId: fund.id }, context: {} }).catch((r) => r);
    const bad = await call('staff', { payeeKind: 'organisation', payeeName: '', purpose: 'x', amount: 'abc' });
    expect(Object.keys(bad.error).sort()).toEqual(['amount', 'payeeName']);
    expect((await call('staff', { payeeKind: 'organisation', payeeName: '幸福里社工服务中心', purpose: '教材', amount: '300' })).status).toBe(302);
    expect((await call('staff', { payeeKind: 'project', payeeName: '志愿者服务队', purpose: '灯具', amount: '400' })).status).toBe(302);
    const rows = await db().select().from(disbursements).where(eq(disbursements.fundId, fund.id));
    const first = rows.find((r) => r.amountMinor === 30000)!;
    const second = rows.find((r) => r.amountMinor === 40000)!;
    const own = await call('staff', { intent: 'approve', disbursementId: first.id });
    expect(own.error['']).toEqual(['disb.ownRequest']);
    // The treasurer cannot approve at all; another community's staff get 403.
    expect((await call('treasurer', { intent: 'approve', disbursementId: first.id })).status).toBe(403);
    expect((await call('staff2', { intent: 'approve', disbursementId: first.id })).status).toBe(403);
    // Unapproved requests cannot be paid.
    expect((await call('treasurer', { intent: 'pay', disbursementId: first.id, receiptRef: 'FP-1' })).error['']).toEqual(['disb.notApproved']);
    const approver = await createUser({ roles: [{ role: 'community_staff', placeId: community.id }] });
    const approverCookie = await sessionCookieFor(approver.id);
    for (const d of [first, second]) {
      const r = await disbRoute.action({ request: form(approverCookie, `/funds/${fund.id}/disbursements`, { intent: 'approve', disbursementId: d.id }), params: { fundId: fund.id }, context: {} });
      expect((r as Response).status).toBe(302);
    }
    expect((await call('treasurer', { intent: 'pay', disbursementId: first.id, receiptRef: '' })).error.receiptRef).toEqual(['v.required']);
    expect((await call('treasurer', { intent: 'pay', disbursementId: first.id, receiptRef: 'FP-1' })).status).toBe(302);
    expect((await balanceOf(fund.id)).balanceMinor).toBe(20000);
    // ¥400 from a fund holding ¥200: refused, nothing moves.
    const short = await call('treasurer', { intent: 'pay', disbursementId: second.id, receiptRef: 'FP-2' });
    expect(short.error['']).toEqual(['disb.insufficient']);
    expect(short.balance).toContain('200');
    expect((await balanceOf(fund.id)).balanceMinor).toBe(20000);
    const [still] = await db().select().from(disbursements).where(eq(disbursements.id, second.id));
    expect(still.status).toBe('approved');
  });
});

describe('public pages and the API', () => {
  it('respect donors’ choices: anonymous donors unnamed, hidden amounts hidden, emails never shown', async () => {
    const fund = await createTestFund(community.id, { nameEn: 'Visibility fund' });
    await record(fund.id, gift('V-1', { donorName: '钱先生', visibility: 'anonymous', donorEmail: 'qian@example.test' }));
    await record(fund.id, gift('V-2', { donorName: '孙女士', visibility: 'hidden_amount', amount: '321' }));
    await record(fund.id, gift('V-3', { donorName: '李老师', visibility: 'public', amount: '12' }));
    const page = await fundPage.loader({ request: requestWith(null, `/funds/${fund.id}`), params: { fundId: fund.id }, context: {} });
    const text = JSON.stringify(page);
    expect(text).not.toContain('钱先生');
    expect(text).not.toContain('qian@example.test');
    expect(page.movements.find((m) => m.counterpart === '孙女士')?.amountMinor).toBeNull();
    expect(page.movements.find((m) => m.counterpart === '李老师')?.amountMinor).toBe(1200);
    expect(page.movements.filter((m) => m.anonymous)).toHaveLength(1);
    // The balance still counts every gift.
    expect(page.fund.balanceMinor).toBe(20000 + 32100 + 1200);
    const csv = await (await ledgerCsv.loader({ request: new Request(`http://localhost/ledger.csv?fund=${fund.id}`), params: {}, context: {} })).text();
    expect(csv).not.toContain('钱先生');
    expect(csv).not.toContain('321.00');
    expect(csv).toContain('Anonymous');
    expect(csv).toContain('12.00');
    const api = await (await fundApi.loader({ request: new Request(`http://localhost/api/v1/funds/${fund.id}`), params: { fundId: fund.id }, context: {} })).json();
    expect(api).toMatchObject({ id: fund.id, balance_minor: 53300, kind: 'community' });
  });

  it('keep hidden amounts out of the journal too: summed per month, and the journal still balances', async () => {
    const fund = await createTestFund(community.id, { nameEn: 'Hidden fund' });
    await record(fund.id, gift('H-1', { donorName: '周先生', visibility: 'hidden_amount', amount: '321', receivedOn: '2026-02-03' }));
    await record(fund.id, gift('H-2', { donorName: '吴女士', visibility: 'hidden_amount', amount: '100', receivedOn: '2026-02-20' }));
    await record(fund.id, gift('H-3', { donorName: '郑老师', visibility: 'public', amount: '7', receivedOn: '2026-02-21' }));
    const journal = await ledgerJournal({ fundId: fund.id });
    expect(journal).not.toContain('周先生');
    expect(journal).not.toContain('321.00');
    expect(journal).toContain('2026-02-28 * Donations | 2 with amount withheld');
    expect(journal).toContain('421.00 CNY');
    expect(journal).toContain('donation | 郑老师');
    const dir = await mkdtemp(join(tmpdir(), 'ff-hidden-'));
    await writeFile(join(dir, 'h.journal'), journal);
    const { stdout } = await run('hledger', ['-f', join(dir, 'h.journal'), 'balance', '^Assets:Funds:Hidden fund$', '--flat', '--no-total', '-O', 'csv']);
    expect(stdout).toContain('428.00 CNY');
  });

  it('filter the public ledger by fund, kind and date', async () => {
    const fund = await createTestFund(community.id);
    await record(fund.id, gift('F-1', { receivedOn: '2026-01-15' }));
    await record(fund.id, gift('F-2', { receivedOn: '2026-03-15', method: 'in_kind', inKindDescription: '大米', amount: '100' }));
    const load = (q: string) => ledgerPage.loader({ request: new Request(`http://localhost/ledger?fund=${fund.id}${q}`), params: {}, context: {} });
    expect((await load('')).total).toBe(2);
    expect((await load('&kind=in_kind')).movements.map((m) => m.description)).toEqual(['大米']);
    expect((await load('&from=2026-02-01')).total).toBe(1);
    expect((await load('&to=2026-01-15')).total).toBe(1);
    // Nonsense filters are ignored, not errors.
    expect((await load('&kind=bogus&from=yesterday')).total).toBe(2);
    const list = await fundsIndex.loader({ request: requestWith(null, '/funds'), params: {}, context: {} });
    expect(list.funds.some((f) => f.id === fund.id)).toBe(true);
    expect(list.canOpen).toBe(false);
    const apiList = await (await fundsApi.loader({ request: new Request(`http://localhost/api/v1/funds?place=${community.id}`), params: {}, context: {} })).json();
    expect(apiList.data.some((f: { id: string }) => f.id === fund.id)).toBe(true);
  });

  it('hide the card option without Stripe keys', async () => {
    const fund = await createTestFund(community.id);
    const page = await fundPage.loader({ request: requestWith(null, `/funds/${fund.id}`), params: { fundId: fund.id }, context: {} });
    expect(page.card).toBe(false);
    expect(await statusOf(() => donateRoute.loader({ request: requestWith(null, `/funds/${fund.id}/donate`), params: { fundId: fund.id }, context: {} }))).toBe(404);
  });

  it('let staff open a fund in their own community only', async () => {
    const fields = { kind: 'project', nameZh: '楼道灯基金', nameEn: 'Stairwell lights fund', holderZh: '居委会', holderEn: 'Committee' };
    const theirs = await statusOf(() => newFund.action({ request: form(cookies.staff, '/funds/new', { ...fields, placeId: otherCommunity.id }), params: {}, context: {} }));
    expect(theirs).toBe(403);
    expect(await statusOf(() => newFund.loader({ request: requestWith(cookies.resident, '/funds/new'), params: {}, context: {} }))).toBe(403);
    const res = (await newFund.action({ request: form(cookies.staff, '/funds/new', { ...fields, placeId: community.id }), params: {}, context: {} })) as Response;
    expect(res.status).toBe(302);
    const id = res.headers.get('Location')!.split('/')[2].split('?')[0];
    expect((await balanceOf(id)).balanceMinor).toBe(0);
  });

  it('POST /api/v1/donations: treasurers only, field errors, 201, and 409 on a repeated receipt number', async () => {
    const fund = await createTestFund(community.id);
    const { token } = await createApiToken({ userId: users.treasurer.id }, 'till');
    const { token: staff2Token } = await createApiToken({ userId: users.staff2.id }, 'x');
    const post = (body: unknown, bearer?: string) =>
      donationsApi.action({ request: new Request('http://localhost/api/v1/donations', { method: 'POST', headers: { 'Content-Type': 'application/json', ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}) }, body: JSON.stringify(body) }), params: {}, context: {} });
    const body = { fund_id: fund.id, method: 'bank_transfer', amount_minor: 12345, donor_name: '云溪商会', receipt_number: 'API-1', visibility: 'public' };
    expect((await post(body)).status).toBe(401);
    expect((await post(body, staff2Token)).status).toBe(403);
    const bad = await post({ ...body, amount_minor: 1.5, method: 'gold' }, token);
    expect(bad.status).toBe(400);
    expect(Object.keys((await bad.json()).error.fields).sort()).toEqual(['amount_minor', 'method']);
    const ok = await post(body, token);
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ status: 'posted', amount_minor: 12345, receipt_number: 'API-1', needs_confirmation: false });
    const dup = await post(body, token);
    expect(dup.status).toBe(409);
    expect((await dup.json()).error.fields).toEqual({ receipt_number: ['is already recorded'] });
    const big = await post({ ...body, receipt_number: 'API-2', amount_minor: 500_000 }, token);
    expect(await big.json()).toMatchObject({ status: 'awaiting_confirmation', needs_confirmation: true });
    expect((await balanceOf(fund.id)).balanceMinor).toBe(12345);
  });
});
