// A project's money as the public sees it: its target, what was raised by source (residents, businesses, others,
// matching, grants), what is pledged and still to come, and its donors as they chose to appear. All from the ledger.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { db, rows } from '../../db/client';
import { donations, funds, giftRecords, projects, type Fund } from '../../db/schema';
import { recordAudit, type Actor } from '../audit/audit.server';
import { openFundAccounts } from '../funds/funds.server';
import { publicAmount, publicDonorName } from '../funds/rules';
import { isUuid } from '../utils/http.server';
import { outstandingPledgedMinor } from '../pledges/pledges.server';

export type OpenFundResult = { ok: true; fund: Fund; created: boolean } | { ok: false; reason: 'not_found' };

/** Gives a project its own fund (once: a second call returns the one it has). */
export async function openProjectFund(actor: Actor, projectId: string): Promise<OpenFundResult> {
  if (!isUuid(projectId)) return { ok: false, reason: 'not_found' };
  return db().transaction(async (tx) => {
    const [project] = await tx.select().from(projects).where(eq(projects.id, projectId)).for('update');
    if (!project) return { ok: false, reason: 'not_found' } as const;
    if (project.fundId) {
      const [fund] = await tx.select().from(funds).where(eq(funds.id, project.fundId));
      return { ok: true, fund, created: false } as const;
    }
    const [fund] = await tx
      .insert(funds)
      .values({ kind: 'project', placeId: project.placeId, nameZh: `${project.title}项目基金`, nameEn: `${project.title} project fund`, holderZh: '社区居委会', holderEn: "Residents' committee", projectName: project.title, currency: project.currency, createdBy: actor.userId })
      .returning();
    await openFundAccounts(tx, fund);
    await tx.update(projects).set({ fundId: fund.id }).where(eq(projects.id, projectId));
    await recordAudit(tx, actor, { action: 'project.open_fund', subjectType: 'project', subjectId: projectId, placeId: project.placeId, after: { fundId: fund.id } });
    return { ok: true, fund, created: true } as const;
  });
}

export interface RaisedBySource {
  residentsMinor: number;
  businessesMinor: number;
  othersMinor: number;
  matchingMinor: number;
  grantsMinor: number;
  inKindMinor: number;
  totalMinor: number;
}

/** Money into a fund by where it came from (net of refunds), summed from its ledger entries. */
export async function raisedBySource(fundId: string): Promise<RaisedBySource> {
  const found = await rows<{ bucket: string; amount: string }>(
    db(),
    sql`select case when g.kind in ('donation', 'refund') then coalesce(r.source::text, 'other')
                    when g.kind = 'in_kind' then 'in_kind' when g.kind = 'match_reversal' then 'match' else g.kind::text end as bucket,
               coalesce(sum(e.amount_minor), 0)::text as amount
        from ledger_entries e join ledger_accounts a on a.id = e.account_id join ledger_groups g on g.id = e.group_id
        left join gift_records r on r.donation_id = g.donation_id
        where a.fund_id = ${fundId} and a.kind in ('fund', 'matching_pool', 'in_kind') and e.amount_minor <> 0
          and g.kind in ('donation', 'refund', 'match', 'match_reversal', 'grant', 'in_kind')
        group by 1`,
  );
  const get = (b: string) => Number(found.find((r) => r.bucket === b)?.amount ?? 0);
  const out = { residentsMinor: get('resident'), businessesMinor: get('business'), othersMinor: get('other'), matchingMinor: get('match'), grantsMinor: get('grant'), inKindMinor: get('in_kind') };
  return { ...out, totalMinor: out.residentsMinor + out.businessesMinor + out.othersMinor + out.matchingMinor + out.grantsMinor };
}

export interface PublicDonor {
  /** null: anonymous. */
  name: string | null;
  /** null: the donor hid the amount. */
  amountMinor: number | null;
  source: 'resident' | 'business' | 'other';
  at: Date;
}

export interface ProjectFunding {
  fundId: string | null;
  targetMinor: number;
  currency: string;
  raised: RaisedBySource;
  pledgedMinor: number;
  donors: PublicDonor[];
}

const emptyRaised: RaisedBySource = { residentsMinor: 0, businessesMinor: 0, othersMinor: 0, matchingMinor: 0, grantsMinor: 0, inKindMinor: 0, totalMinor: 0 };

/** The funding section of a project page: public figures only (no emails, no household names). */
export async function projectFunding(project: { id: string; fundId: string | null; budgetMinor: number; currency: string }, donorLimit = 30): Promise<ProjectFunding> {
  if (!project.fundId) return { fundId: null, targetMinor: project.budgetMinor, currency: project.currency, raised: emptyRaised, pledgedMinor: 0, donors: [] };
  const recent = await db()
    .select({ donorName: donations.donorName, visibility: donations.visibility, amountMinor: donations.amountMinor, receivedAt: donations.receivedAt, source: giftRecords.source, householdId: giftRecords.householdId })
    .from(donations)
    .leftJoin(giftRecords, eq(giftRecords.donationId, donations.id))
    .where(and(eq(donations.fundId, project.fundId), inArray(donations.status, ['posted'])))
    .orderBy(desc(donations.receivedAt))
    .limit(donorLimit);
  return {
    fundId: project.fundId,
    targetMinor: project.budgetMinor,
    currency: project.currency,
    raised: await raisedBySource(project.fundId),
    pledgedMinor: await outstandingPledgedMinor(project.fundId),
    donors: recent.map((d) => ({
      // A household's share is shown without its name: household names are private to staff.
      name: d.householdId ? null : publicDonorName(d.visibility, d.donorName),
      amountMinor: publicAmount(d.visibility) ? d.amountMinor : null,
      source: d.source ?? 'other',
      at: d.receivedAt,
    })),
  };
}
