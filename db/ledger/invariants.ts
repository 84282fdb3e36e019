// Checks that the ledger is whole: every group balances, no external id twice, nothing overdrawn, each balance
// equals the sum of its entries, every posted donation and paid disbursement has its one group. Run after every
// money test and on a schedule (jobs/ledger-invariants.ts).
import { sql } from 'drizzle-orm';
import { rows, type DbOrTx } from '../client';

export interface InvariantReport {
  ok: boolean;
  problems: string[];
  groups: number;
  entries: number;
}

async function list(tx: DbOrTx, label: string, query: ReturnType<typeof sql>, problems: string[]) {
  const found = await rows<Record<string, unknown>>(tx, query);
  for (const r of found.slice(0, 20)) problems.push(`${label}: ${JSON.stringify(r)}`);
  if (found.length > 20) problems.push(`${label}: ${found.length - 20} more`);
}

export async function checkLedgerInvariants(tx: DbOrTx): Promise<InvariantReport> {
  const problems: string[] = [];
  await list(tx, 'group does not balance', sql`select group_id, currency, sum(amount_minor)::text as sum from ledger_entries group by group_id, currency having sum(amount_minor) <> 0`, problems);
  await list(tx, 'group has fewer than two entries', sql`select g.id, g.external_id, count(e.id)::int as entries from ledger_groups g left join ledger_entries e on e.group_id = g.id group by g.id having count(e.id) < 2`, problems);
  await list(tx, 'external id recorded twice', sql`select external_id, count(*)::int as n from ledger_groups group by external_id having count(*) > 1`, problems);
  await list(tx, 'entry currency differs from its account', sql`select e.id, e.currency, a.currency as account_currency from ledger_entries e join ledger_accounts a on a.id = e.account_id where e.currency <> a.currency`, problems);
  // Holding accounts never below zero; sources never above zero; destinations never below zero.
  await list(
    tx,
    'balance on the wrong side of zero',
    sql`select a.id, a.kind, a.fund_id, coalesce(sum(e.amount_minor), 0)::text as balance from ledger_accounts a left join ledger_entries e on e.account_id = a.id group by a.id
        having (a.kind in ('fund', 'matching_pool', 'in_kind', 'fees', 'disbursed') and coalesce(sum(e.amount_minor), 0) < 0)
            or (a.kind in ('donations', 'grants', 'in_kind_gifts') and coalesce(sum(e.amount_minor), 0) > 0)`,
    problems,
  );
  // The balance pages show (summed per account) equals the sum over groups of each group's entries on the account.
  await list(
    tx,
    'balance differs from the sum of its entries',
    sql`with per_account as (select account_id, sum(amount_minor) as s from ledger_entries group by account_id),
             per_group as (select account_id, group_id, sum(amount_minor) as s from ledger_entries join ledger_groups g on g.id = group_id group by account_id, group_id),
             by_groups as (select account_id, sum(s) as s from per_group group by account_id)
        select p.account_id, p.s::text as balance, coalesce(b.s, 0)::text as by_groups from per_account p left join by_groups b using (account_id) where p.s <> coalesce(b.s, 0)`,
    problems,
  );
  await list(
    tx,
    'donation without exactly one posting',
    sql`select d.id, d.status, count(g.id)::int as groups from donations d left join ledger_groups g on g.donation_id = d.id and g.kind in ('donation', 'in_kind')
        where d.status in ('posted', 'refunded') group by d.id having count(g.id) <> 1`,
    problems,
  );
  await list(
    tx,
    'unposted donation with a posting',
    sql`select d.id, d.status from donations d join ledger_groups g on g.donation_id = d.id where d.status not in ('posted', 'refunded')`,
    problems,
  );
  await list(
    tx,
    'paid disbursement without exactly one posting of its amount',
    sql`select d.id, d.amount_minor::text, count(distinct g.id)::int as groups from disbursements d left join ledger_groups g on g.disbursement_id = d.id left join ledger_entries e on e.group_id = g.id and e.amount_minor > 0
        where d.status = 'paid' group by d.id having count(distinct g.id) <> 1 or coalesce(sum(e.amount_minor), 0) <> d.amount_minor`,
    problems,
  );
  await list(tx, 'refunds exceed the donation', sql`select d.id, d.amount_minor::text, sum(-e.amount_minor)::text as refunded from donations d join ledger_groups g on g.donation_id = d.id and g.kind = 'refund' join ledger_entries e on e.group_id = g.id join ledger_accounts a on a.id = e.account_id and a.kind = 'fund' group by d.id having sum(-e.amount_minor) > d.amount_minor`, problems);
  const [counts] = await rows<{ groups: number | string; entries: number | string }>(tx, sql`select (select count(*) from ledger_groups)::int as groups, (select count(*) from ledger_entries)::int as entries`);
  return { ok: problems.length === 0, problems, groups: Number(counts.groups), entries: Number(counts.entries) };
}
