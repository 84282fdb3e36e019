// Funds: opening one (with its ledger accounts), the public list and page with balances derived from the ledger.
import { and, asc, eq, inArray, isNull, like, or, sql, type SQL } from 'drizzle-orm';
import { db, type DbOrTx } from '../../db/client';
import { funds, places, roleAssignments, users, type Fund, type Role } from '../../db/schema';
import { rolePermissions } from '../permissions/rules';
import { accountFor } from '../../db/ledger/accounts';
import { fundTotals, type FundTotals } from '../../db/ledger/balances';
import { recordAudit, type Actor } from '../audit/audit.server';
import type { ScopedPlace } from '../permissions/permissions.server';
import { isUuid } from '../utils/http.server';
import { mainAccountKind } from './rules';
import type { AccountKind, FundKind } from './values';

export interface FundInput {
  kind: FundKind;
  placeId: string;
  nameZh: string;
  nameEn: string;
  descriptionZh?: string;
  descriptionEn?: string;
  holderZh: string;
  holderEn: string;
  projectName?: string | null;
  currency?: string;
}

/** Every account a fund uses, opened with it so postings never race to create them. */
export async function openFundAccounts(tx: DbOrTx, fund: Pick<Fund, 'id' | 'kind' | 'currency'>) {
  const kinds: AccountKind[] = [mainAccountKind(fund.kind), 'donations', 'grants', 'fees', 'disbursed', 'in_kind', 'in_kind_gifts'];
  for (const kind of kinds) await accountFor(tx, fund.id, kind, fund.currency);
}

export async function createFund(actor: Actor, input: FundInput) {
  return db().transaction(async (tx) => {
    const [fund] = await tx
      .insert(funds)
      .values({ ...input, descriptionZh: input.descriptionZh ?? '', descriptionEn: input.descriptionEn ?? '', projectName: input.projectName || null, currency: input.currency ?? 'CNY', createdBy: actor.userId })
      .returning();
    await openFundAccounts(tx, fund);
    await recordAudit(tx, actor, { action: 'fund.create', subjectType: 'fund', subjectId: fund.id, placeId: fund.placeId, after: { kind: fund.kind, nameZh: fund.nameZh, nameEn: fund.nameEn } });
    return fund;
  });
}

export type FundSummary = Fund & FundTotals & { placeZh: string; placeEn: string };

async function withTotals(rows: (Fund & { placeZh: string; placeEn: string })[]): Promise<FundSummary[]> {
  const totals = await fundTotals(db(), rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, ...totals.get(r.id)! }));
}

const fundColumns = { fund: funds, placeZh: places.nameZh, placeEn: places.nameEn };

/** Public: every fund (optionally only those at or below a place) with its balance. */
export async function listFunds(filter: { placeId?: string; kind?: FundKind } = {}): Promise<FundSummary[]> {
  let placeClause: SQL | undefined;
  if (filter.placeId) {
    const [place] = await db().select({ path: places.path }).from(places).where(eq(places.id, filter.placeId));
    if (!place) return [];
    placeClause = like(places.path, `${place.path}%`);
  }
  const found = await db()
    .select(fundColumns)
    .from(funds)
    .innerJoin(places, eq(places.id, funds.placeId))
    .where(and(placeClause, filter.kind ? eq(funds.kind, filter.kind) : undefined))
    .orderBy(asc(places.path), asc(funds.createdAt));
  return withTotals(found.map((r) => ({ ...r.fund, placeZh: r.placeZh, placeEn: r.placeEn })));
}

/** Public: one fund with its balance, or null. */
export async function getFund(fundId: string): Promise<FundSummary | null> {
  if (!isUuid(fundId)) return null;
  const found = await db().select(fundColumns).from(funds).innerJoin(places, eq(places.id, funds.placeId)).where(eq(funds.id, fundId));
  if (!found[0]) return null;
  const [summary] = await withTotals([{ ...found[0].fund, placeZh: found[0].placeZh, placeEn: found[0].placeEn }]);
  return summary;
}

/** The place a fund belongs to, for permission guards. */
export async function fundPlace(fundId: string): Promise<ScopedPlace | null> {
  if (!isUuid(fundId)) return null;
  const [row] = await db().select({ id: places.id, path: places.path, type: places.type }).from(funds).innerJoin(places, eq(places.id, funds.placeId)).where(eq(funds.id, fundId));
  return row ?? null;
}

/** Funds inside any of the scopes (null = everywhere): for staff pickers. */
export async function fundsWithin(scopes: (string | null)[]) {
  if (!scopes.length) return [];
  const clause = scopes.includes(null) ? undefined : or(...scopes.map((s) => like(places.path, `${s}%`)));
  return db().select({ id: funds.id, nameZh: funds.nameZh, nameEn: funds.nameEn }).from(funds).innerJoin(places, eq(places.id, funds.placeId)).where(clause).orderBy(asc(funds.createdAt));
}

export async function fundsByIds(ids: string[]) {
  if (!ids.length) return [];
  return db().select().from(funds).where(inArray(funds.id, ids));
}

/**
 * Who may approve spending from a fund: staff whose community or street contains it (platform administrators are
 * left out of the public list). Names and roles only.
 */
export async function listApprovers(fundPlacePath: string) {
  const roles = (Object.keys(rolePermissions) as Role[]).filter((r) => r !== 'admin' && rolePermissions[r].includes('fund.approve_disbursement'));
  if (!roles.length) return [];
  return db()
    .selectDistinct({ name: users.name, role: roleAssignments.role, placeZh: places.nameZh, placeEn: places.nameEn })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .innerJoin(places, eq(places.id, roleAssignments.placeId))
    .where(and(isNull(roleAssignments.revokedAt), isNull(users.disabledAt), inArray(roleAssignments.role, roles), sql`${fundPlacePath} like ${places.path} || '%'`))
    .orderBy(asc(users.name))
    .limit(20);
}
