// The public ledger: every movement of every fund with date, kind, counterpart (as the donor chose), project and
// amount; as rows for pages and the API, as CSV, and as a plain-text double-entry journal read by hledger and ledger.
import { sql, type SQL } from 'drizzle-orm';
import { db, rows } from '../../db/client';
import { minorToDecimal, publicAmount, publicDonorName } from './rules';
import type { AccountKind, DonorVisibility, GroupKind } from './values';

export interface LedgerFilter {
  fundId?: string;
  kind?: GroupKind;
  /** Inclusive dates, YYYY-MM-DD, in China time. */
  from?: string;
  to?: string;
  placePath?: string;
  limit?: number;
  offset?: number;
}

export interface PublicMovement {
  groupId: string;
  occurredAt: Date;
  kind: GroupKind;
  fundId: string;
  fundZh: string;
  fundEn: string;
  /** Who gave or received: null for an anonymous donor. */
  counterpart: string | null;
  anonymous: boolean;
  /** For a match: the fund on the other side (the pool, or the fund it matched). */
  counterpartFund: { id: string; nameZh: string; nameEn: string } | null;
  project: string | null;
  /** Signed: positive into the fund. Null when the donor asked to hide the amount. */
  amountMinor: number | null;
  currency: string;
  inKind: boolean;
  description: string;
}

interface MovementRow {
  group_id: string;
  occurred_at: Date | string;
  kind: GroupKind;
  memo: string;
  fund_id: string;
  name_zh: string;
  name_en: string;
  fund_project: string | null;
  account_kind: AccountKind;
  amount_minor: string | number;
  currency: string;
  donor_name: string | null;
  visibility: DonorVisibility | null;
  in_kind_description: string | null;
  payee_name: string | null;
  project_name: string | null;
  other_fund: string | null;
}

const TZ_OFFSET = "interval '8 hours'";

function whereOf(filter: LedgerFilter): SQL {
  const parts: SQL[] = [sql`a.kind in ('fund', 'matching_pool', 'in_kind')`];
  if (filter.fundId) parts.push(sql`a.fund_id = ${filter.fundId}`);
  if (filter.kind) parts.push(sql`g.kind = ${filter.kind}`);
  if (filter.from) parts.push(sql`(g.occurred_at + ${sql.raw(TZ_OFFSET)})::date >= ${filter.from}::date`);
  if (filter.to) parts.push(sql`(g.occurred_at + ${sql.raw(TZ_OFFSET)})::date <= ${filter.to}::date`);
  if (filter.placePath) parts.push(sql`p.path like ${filter.placePath + '%'}`);
  return sql.join(parts, sql` and `);
}

// A match handed back names its programme, never the refunded donor (whose amount may be hidden).
const FROM = sql`from ledger_entries e
  join ledger_accounts a on a.id = e.account_id
  join ledger_groups g on g.id = e.group_id
  join funds f on f.id = a.fund_id
  join places p on p.id = f.place_id
  left join donations d on d.id = g.donation_id and g.kind <> 'match_reversal'
  left join disbursements b on b.id = g.disbursement_id`;

function toPublic(r: MovementRow): PublicMovement {
  const visibility = r.visibility ?? 'public';
  const fromDonor = r.donor_name !== null;
  const [otherId, otherZh, otherEn] = r.other_fund ? r.other_fund.split('\u001f') : [];
  const counterpartFund = otherId ? { id: otherId, nameZh: otherZh, nameEn: otherEn } : null;
  const counterpart = fromDonor ? publicDonorName(visibility, r.donor_name!) : (r.payee_name ?? counterpartFund?.nameZh ?? (r.memo || null));
  return {
    groupId: r.group_id,
    occurredAt: new Date(r.occurred_at),
    kind: r.kind,
    fundId: r.fund_id,
    fundZh: r.name_zh,
    fundEn: r.name_en,
    counterpart,
    anonymous: fromDonor && counterpart === null,
    counterpartFund,
    project: r.project_name ?? r.fund_project,
    amountMinor: fromDonor && !publicAmount(visibility) ? null : Number(r.amount_minor),
    currency: r.currency,
    inKind: r.account_kind === 'in_kind',
    description: r.kind === 'in_kind' ? (r.in_kind_description ?? r.memo) : r.kind === 'disbursement' || r.kind === 'match_reversal' ? r.memo : '',
  };
}

export async function listMovements(filter: LedgerFilter): Promise<{ rows: PublicMovement[]; total: number }> {
  const where = whereOf(filter);
  const found = await rows<MovementRow>(
    db(),
    sql`select g.id as group_id, g.occurred_at, g.kind, g.memo, a.fund_id, f.name_zh, f.name_en, f.project_name as fund_project, a.kind as account_kind,
               e.amount_minor, e.currency, d.donor_name, d.visibility, d.in_kind_description, b.payee_name, b.project_name,
               (select f2.id::text || chr(31) || f2.name_zh || chr(31) || f2.name_en from ledger_entries e2 join ledger_accounts a2 on a2.id = e2.account_id join funds f2 on f2.id = a2.fund_id
                 where e2.group_id = g.id and a2.fund_id <> a.fund_id limit 1) as other_fund
        ${FROM} where ${where}
        order by g.occurred_at desc, g.id limit ${filter.limit ?? 100} offset ${filter.offset ?? 0}`,
  );
  const [count] = await rows<{ n: number | string }>(db(), sql`select count(*)::int as n ${FROM} where ${where}`);
  return { rows: found.map(toPublic), total: Number(count.n) };
}

/** Every movement matching the filter, oldest first, for exports. */
export async function allMovements(filter: LedgerFilter) {
  const out: PublicMovement[] = [];
  for (let offset = 0; ; offset += 5000) {
    const page = await listMovements({ ...filter, limit: 5000, offset });
    out.push(...page.rows);
    if (page.rows.length < 5000) break;
  }
  return out.reverse();
}

function csvCell(value: string) {
  // A text cell starting like a formula is prefixed with ' so spreadsheets show it instead of running it.
  const v = /^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** CSV of the public ledger; names and descriptions that look like formulas are neutralised. */
export function movementsToCsv(movements: PublicMovement[]): string {
  const header = ['date', 'fund', 'fund_zh', 'kind', 'counterpart', 'project', 'amount', 'currency', 'in_kind', 'description', 'movement_id'];
  const lines = movements.map((m) =>
    [chinaDate(m.occurredAt), m.fundEn, m.fundZh, m.kind, m.anonymous ? 'Anonymous' : (m.counterpartFund?.nameEn ?? m.counterpart ?? ''), m.project ?? '', m.amountMinor === null ? '' : minorToDecimal(m.amountMinor), m.currency, m.inKind ? 'yes' : 'no', m.description, m.groupId]
      .map((c) => csvCell(String(c)))
      .join(','),
  );
  return '\uFEFF' + [header.join(','), ...lines].join('\r\n') + '\r\n';
}

/** YYYY-MM-DD in China time. */
export function chinaDate(d: Date) {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

// ----- journal -----

const ACCOUNT_ROOT: Record<AccountKind, string> = {
  fund: 'Assets:Funds',
  matching_pool: 'Assets:Matching pools',
  donations: 'Income:Donations',
  grants: 'Income:Grants',
  fees: 'Expenses:Fees',
  disbursed: 'Expenses:Disbursed',
  // In-kind gifts are memo accounts outside Assets, so cash totals never include them.
  in_kind: 'Memo:In-kind held',
  in_kind_gifts: 'Memo:In-kind gifts',
};

/** Text safe inside a journal line: no comment starters, no line breaks, no runs of spaces (they end an account name). */
const clean = (s: string) => s.replace(/[;\r\n\t]/g, ' ').replace(/ {2,}/g, ' ').trim();
const accountPart = (s: string) => clean(s).replace(/:/g, '-').replace(/^[([]+|[)\]]+$/g, '') || 'Unnamed';

interface JournalEntryRow {
  group_id: string;
  occurred_at: Date | string;
  kind: GroupKind;
  memo: string;
  account_kind: AccountKind;
  fund_id: string;
  fund_en: string;
  amount_minor: string | number;
  currency: string;
  donor_name: string | null;
  visibility: DonorVisibility | null;
  payee_name: string | null;
}

/**
 * The ledger as a journal for hledger/ledger: one transaction per entry group, amounts exact. Donations whose donor
 * asked to hide the amount are summed per fund and month, so no single gift's amount can be read off.
 */
export async function ledgerJournal(filter: { fundId?: string } = {}): Promise<string> {
  const entries = await rows<JournalEntryRow>(
    db(),
    sql`select g.id as group_id, g.occurred_at, g.kind, g.memo, a.kind as account_kind, a.fund_id, f.name_en as fund_en, e.amount_minor, e.currency,
               d.donor_name, d.visibility, b.payee_name
        from ledger_entries e join ledger_groups g on g.id = e.group_id join ledger_accounts a on a.id = e.account_id join funds f on f.id = a.fund_id
        left join donations d on d.id = g.donation_id and g.kind <> 'match_reversal' left join disbursements b on b.id = g.disbursement_id
        ${filter.fundId ? sql`where e.group_id in (select e2.group_id from ledger_entries e2 join ledger_accounts a2 on a2.id = e2.account_id where a2.fund_id = ${filter.fundId})` : sql``}
        order by g.occurred_at, g.id, e.amount_minor desc`,
  );
  // Unique account-name labels per fund.
  const labels = new Map<string, string>();
  const used = new Set<string>();
  for (const e of entries) {
    if (labels.has(e.fund_id)) continue;
    let label = accountPart(e.fund_en);
    if (used.has(label)) label = `${label} ${e.fund_id.slice(0, 8)}`;
    used.add(label);
    labels.set(e.fund_id, label);
  }
  const accountName = (e: JournalEntryRow) => `${ACCOUNT_ROOT[e.account_kind]}:${labels.get(e.fund_id)}`;

  interface Txn {
    date: string;
    description: string;
    comment: string;
    postings: Map<string, { amount: number; currency: string }>;
  }
  const txns: Txn[] = [];
  const hidden = new Map<string, Txn & { count: number }>();
  const byGroup = new Map<string, JournalEntryRow[]>();
  for (const e of entries) {
    const list = byGroup.get(e.group_id) ?? [];
    list.push(e);
    byGroup.set(e.group_id, list);
  }
  for (const [groupId, list] of byGroup) {
    const first = list[0];
    const date = chinaDate(new Date(first.occurred_at));
    const isHidden = first.visibility === 'hidden_amount' && (first.kind === 'donation' || first.kind === 'refund');
    let target: Txn;
    if (isHidden) {
      const month = date.slice(0, 7);
      const key = `${month}|${first.kind}|${list.map((e) => accountName(e)).sort().join('|')}`;
      let agg = hidden.get(key);
      if (!agg) {
        const lastDay = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);
        agg = { date: lastDay, description: '', comment: `${first.kind}s with the amount withheld at the donors' request`, postings: new Map(), count: 0 };
        hidden.set(key, agg);
        txns.push(agg);
      }
      agg.count++;
      agg.description = `${first.kind === 'refund' ? 'Refunds' : 'Donations'} | ${agg.count} with amount withheld`;
      target = agg;
    } else {
      const who = first.donor_name !== null ? (first.visibility === 'anonymous' ? 'Anonymous' : first.donor_name) : (first.payee_name ?? first.memo);
      target = { date, description: clean(`${first.kind}${who ? ` | ${who}` : ''}`), comment: `movement ${groupId}`, postings: new Map() };
      txns.push(target);
    }
    for (const e of list) {
      const name = accountName(e);
      const p = target.postings.get(name) ?? { amount: 0, currency: e.currency };
      p.amount += Number(e.amount_minor);
      target.postings.set(name, p);
    }
  }
  txns.sort((a, b) => a.date.localeCompare(b.date));

  const accounts = new Set<string>();
  const commodities = new Set<string>();
  for (const t of txns)
    for (const [name, p] of t.postings) {
      accounts.add(name);
      commodities.add(p.currency);
    }
  const out: string[] = ['; Fivefold public ledger. Amounts in currency units; every transaction balances.', ''];
  for (const c of [...commodities].sort()) out.push(`commodity 1,000.00 ${c}`);
  for (const a of [...accounts].sort()) out.push(`account ${a}`);
  out.push('');
  for (const t of txns) {
    out.push(`${t.date} * ${t.description}`, `    ; ${clean(t.comment)}`);
    for (const [name, p] of t.postings) if (p.amount !== 0) out.push(`    ${name}  ${minorToDecimal(p.amount)} ${p.currency}`);
    out.push('');
  }
  return out.join('\n');
}
