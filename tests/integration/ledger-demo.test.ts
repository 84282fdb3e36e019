// The demo year's ledger: whole, and its journal export passes `hledger check` with balances equal to the fund pages.
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../db/seed/demo';
import { listFunds } from '../../app/funds/funds.server';
import * as fundLedgerRoute from '../../app/routes/api.v1.funds.$fundId.ledger';
import { ledgerJournal } from '../../app/funds/ledger.server';
import { minorToDecimal } from '../../app/funds/rules';
import { useTestDatabase } from '../helpers/db';
import { expectLedgerWhole } from '../helpers/ledger';

const run = promisify(execFile);
useTestDatabase();

let dir: string;
beforeAll(async () => {
  await seedDemo();
  dir = await mkdtemp(join(tmpdir(), 'fivefold-journal-'));
});

/** hledger's flat balance report as a map of account → "123.45 CNY". */
async function hledgerBalances(file: string, query: string) {
  const { stdout } = await run('hledger', ['-f', file, 'balance', query, '--flat', '--no-total', '-O', 'csv']);
  const result = new Map<string, string>();
  for (const line of stdout.trim().split('\n').slice(1)) {
    const [account, amount] = line.split('","').map((c) => c.replace(/^"|"$/g, ''));
    result.set(account, amount);
  }
  return result;
}

describe('the demo ledger', () => {
  it('holds every invariant after a year of donations, matching and disbursements', async () => {
    const report = await expectLedgerWhole();
    expect(report.groups).toBeGreaterThan(300);
    const funds = await listFunds();
    expect(funds.length).toBeGreaterThanOrEqual(6);
    expect(funds.every((f) => f.balanceMinor >= 0)).toBe(true);
    expect(funds.some((f) => f.inKindMinor > 0)).toBe(true);
    expect(funds.some((f) => f.outMinor > 0)).toBe(true);
  });

  it('exports a journal that passes hledger check (strict) and whose fund balances equal the fund pages', async () => {
    const file = join(dir, 'all.journal');
    await writeFile(file, await ledgerJournal());
    await run('hledger', ['-f', file, 'check']);
    await run('hledger', ['-f', file, 'check', '--strict']);
    const assets = await hledgerBalances(file, '^Assets:');
    const funds = await listFunds();
    for (const fund of funds) {
      const root = fund.kind === 'matching' ? 'Assets:Matching pools' : 'Assets:Funds';
      const entry = [...assets.entries()].find(([account]) => account === `${root}:${fund.nameEn}`);
      expect((entry?.[1] ?? '0 CNY').replace(/,/g, ''), fund.nameEn).toBe(fund.balanceMinor === 0 ? '0 CNY' : `${minorToDecimal(fund.balanceMinor)} CNY`);
    }
    // In-kind gifts are memo accounts: never part of any asset (cash) total.
    expect([...assets.keys()].some((a) => a.includes('In-kind'))).toBe(false);
    const memo = await hledgerBalances(file, '^Memo:In-kind held');
    const inKind = funds.reduce((s, f) => s + f.inKindMinor, 0);
    expect(inKind).toBeGreaterThan(0);
    expect([...memo.values()].length).toBeGreaterThan(0);
  });

  it("serves one fund's journal and CSV from the API, and the journal balances match that fund", async () => {
    const [fund] = (await listFunds()).filter((f) => f.kind === 'community');
    const get = (format: string) => fundLedgerRoute.loader({ request: new Request(`http://localhost/api/v1/funds/${fund.id}/ledger?format=${format}`), params: { fundId: fund.id }, context: {} });
    const journal = await get('journal');
    expect(journal.status).toBe(200);
    const file = join(dir, 'one.journal');
    await writeFile(file, await journal.text());
    await run('hledger', ['-f', file, 'check', '--strict']);
    const { stdout } = await run('hledger', ['-f', file, 'balance', `^Assets:Funds:${fund.nameEn}$`, '--flat', '--no-total', '-O', 'csv']);
    const amount = stdout.trim().split('\n')[1].split('","')[1].replace(/"|,/g, '');
    expect(amount).toBe(`${minorToDecimal(fund.balanceMinor)} CNY`);
    const csv = await get('csv');
    expect(csv.headers.get('Content-Type')).toContain('text/csv');
    const text = await csv.text();
    expect(text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('date,fund,fund_zh,kind,counterpart,project,amount,currency,in_kind,description,movement_id');
    // Anonymous donors appear as such, and nobody's email is in a public export.
    expect(text).toContain('Anonymous');
    expect(text).not.toMatch(/@/);
    const json = await (await get('json')).json();
    expect(json.balance_minor).toBe(fund.balanceMinor);
    expect(json.data.length).toBeGreaterThan(0);
    expect(json.data.every((m: { counterpart: string | null; anonymous: boolean }) => !m.anonymous || m.counterpart === null)).toBe(true);
    expect((await get('xml')).status).toBe(400);
    // A match names the fund on the other side: the pool on the project fund's ledger, and the reverse.
    const pool = (await listFunds()).find((f) => f.kind === 'matching')!;
    const poolLedger = await (await fundLedgerRoute.loader({ request: new Request(`http://localhost/api/v1/funds/${pool.id}/ledger?kind=match`), params: { fundId: pool.id }, context: {} })).json();
    expect(poolLedger.data.length).toBeGreaterThan(0);
    for (const m of poolLedger.data) {
      expect(m.amount_minor).toBeLessThan(0);
      expect(m.counterpart_fund.id).not.toBe(pool.id);
      expect(['Elder Meal Delivery Project Fund', 'Huaiyin Lane Paving Project Fund']).toContain(m.counterpart_fund.name_en);
    }
  });
});
