// Loads open needs and matching candidates (volunteers, teams, organisations, offers) with their capacity,
// load, ratings, checks, availability and place paths, in a fixed handful of batched queries (no per-row
// queries), and maps them with app/matching/map.ts.
import { and, eq, inArray, like, or, sql } from 'drizzle-orm';
import { rows, type DbOrTx } from '../../db/client';
import {
  backgroundChecks,
  matchDismissals,
  needs,
  offerDetails,
  organisationProfiles,
  places,
  resourceMembers,
  resources,
  teamProfiles,
  volunteerProfiles,
} from '../../db/schema';
import type { CandidateKind, MatchCandidate, MatchNeed, WeeklyWindow } from '../../matching';
import { pathIds } from '../places/rules';
import type { AssigneeType, BeneficiaryType } from '../needs/values';
import { openStatuses } from '../needs/status';
import type { TravelRadius } from '../resources/values';
import {
  allChecksHeld,
  areaTravelLevels,
  levelsUpTo,
  MEMBER_HOURS_WITHOUT_PROFILE,
  ORGANISATION_UNITS_PER_MEMBER,
  ratingOf,
  toMatchNeed,
  unionWindows,
  volunteerTravelLevels,
  type NeedRow,
  type PathPlace,
} from './map';

/** Needs in these states can still be dispatched: verified, and not finished. */
export const matchableStatuses = ['triaged', 'dispatched', 'in_progress'] as const;

export interface LoadedNeed extends NeedRow {
  status: string;
  communityId: string;
  publicSummary: string;
  gridId: string | null;
}

const coveredSql = sql<number>`(select coalesce(sum(coalesce(d.quantity, ${needs.quantity}, 1)), 0)::int from need_dispatches d where d.need_id = ${needs.id} and d.withdrawn_at is null)`;

/** Open needs (by ids, or all under a place path) with what is still uncovered. */
export async function loadNeeds(tx: DbOrTx, where: { ids: string[] } | { placePath: string }): Promise<LoadedNeed[]> {
  const found = await tx
    .select({
      id: needs.id,
      category: needs.category,
      beneficiary: needs.beneficiary,
      placePath: places.path,
      quantity: needs.quantity,
      covered: coveredSql,
      wantedFrom: needs.wantedFrom,
      wantedUntil: needs.wantedUntil,
      status: needs.status,
      communityId: needs.communityId,
      gridId: needs.gridId,
      publicSummary: needs.publicSummary,
    })
    .from(needs)
    .innerJoin(places, eq(places.id, needs.placeId))
    .where(and(inArray(needs.status, [...matchableStatuses]), 'ids' in where ? inArray(needs.id, where.ids.length ? where.ids : ['00000000-0000-0000-0000-000000000000']) : like(places.path, `${where.placePath}%`)))
    .orderBy(needs.raisedAt, needs.id);
  return found.map((n) => ({ ...n, covered: Number(n.covered), beneficiary: n.beneficiary as BeneficiaryType }));
}

/** The needs mapped for matching, with each need's dismissed candidates. */
export async function matchNeedsOf(tx: DbOrTx, loaded: LoadedNeed[], now: Date): Promise<MatchNeed[]> {
  const ids = loaded.map((n) => n.id);
  const dismissed = ids.length ? await tx.select({ needId: matchDismissals.needId, kind: matchDismissals.candidateKind, id: matchDismissals.candidateId }).from(matchDismissals).where(inArray(matchDismissals.needId, ids)) : [];
  const byNeed = new Map<string, { kind: CandidateKind; id: string }[]>();
  for (const d of dismissed) byNeed.set(d.needId, [...(byNeed.get(d.needId) ?? []), { kind: d.kind, id: d.id }]);
  return loaded.map((n) => toMatchNeed(n, byNeed.get(n.id) ?? [], now));
}

/** What a page and a dispatch need to know about a candidate beyond its score. */
export interface CandidateInfo {
  kind: CandidateKind;
  id: string;
  name: string;
  communityId: string | null;
  assigneeType: AssigneeType;
  /** The volunteer's own account (volunteers only). */
  assigneeUserId: string | null;
  /** Who answers for the work: the volunteer, the team's leader, the organisation's or offer's contact person. */
  responsibleUserId: string;
}

export interface LoadedCandidates {
  candidates: MatchCandidate[];
  info: Map<string, CandidateInfo>;
}

const key = (kind: string, id: string) => `${kind}:${id}`;
export const infoKey = key;

const resourceKindOf = (kind: string): CandidateKind | null => (kind === 'volunteer' || kind === 'team' || kind === 'organisation' ? kind : kind === 'offer' || kind === 'goods' ? 'offer' : null);

/**
 * Active candidates whose home is within `scopePath` (the street of the needs: the reach of anyone further away
 * is beyond a street anyway), or only the given resource ids. Candidates nobody could answer for are left out:
 * a dispatch always names a responsible person.
 */
export async function loadCandidates(tx: DbOrTx, where: { scopePath: string; categories?: readonly string[] } | { resourceIds: string[] }): Promise<LoadedCandidates> {
  // Only entries that serve one of the needs' categories can fit at all (no_fit): the database leaves the rest out.
  const categories = 'scopePath' in where && where.categories ? where.categories : null;
  if (categories && categories.length === 0) return { candidates: [], info: new Map() };
  const base = await tx
    .select({
      id: resources.id,
      kind: resources.kind,
      name: resources.name,
      categories: resources.categories,
      placePath: resources.placePath,
      communityId: resources.communityId,
      ownerUserId: resources.ownerUserId,
      vUserId: volunteerProfiles.userId,
      vSkills: volunteerProfiles.skills,
      vLanguages: volunteerProfiles.languages,
      vAvailability: volunteerProfiles.availability,
      vExceptions: volunteerProfiles.exceptions,
      vRadius: volunteerProfiles.travelRadius,
      vHours: volunteerProfiles.maxHoursPerWeek,
      tSkills: teamProfiles.skills,
      tAreas: teamProfiles.serviceAreaIds,
      oAreas: organisationProfiles.serviceAreaIds,
      oVerification: organisationProfiles.verification,
      fCapacity: offerDetails.capacity,
      fQuantity: offerDetails.quantity,
      fAvailability: offerDetails.availability,
      fExceptions: offerDetails.exceptions,
      fUntil: offerDetails.availableUntil,
    })
    .from(resources)
    .leftJoin(volunteerProfiles, eq(volunteerProfiles.resourceId, resources.id))
    .leftJoin(teamProfiles, eq(teamProfiles.resourceId, resources.id))
    .leftJoin(organisationProfiles, eq(organisationProfiles.resourceId, resources.id))
    .leftJoin(offerDetails, eq(offerDetails.resourceId, resources.id))
    .where(
      and(
        eq(resources.status, 'active'),
        inArray(resources.kind, ['volunteer', 'team', 'organisation', 'offer', 'goods']),
        'scopePath' in where ? like(resources.placePath, `${where.scopePath}%`) : inArray(resources.id, where.resourceIds.length ? where.resourceIds : ['00000000-0000-0000-0000-000000000000']),
        categories
          ? sql`${resources.categories} && array[${sql.join(
              categories.map((c) => sql`${c}`),
              sql`, `,
            )}]::text[]`
          : undefined,
      ),
    );
  if (base.length === 0) return { candidates: [], info: new Map() };
  const groupIds = base.filter((r) => r.kind === 'team' || r.kind === 'organisation').map((r) => r.id);

  // Members of teams and organisations, with their volunteer profiles (hours, windows, checks for leaders).
  const members = groupIds.length
    ? await tx
        .select({ resourceId: resourceMembers.resourceId, userId: resourceMembers.userId, role: resourceMembers.role, profileId: volunteerProfiles.resourceId, hours: volunteerProfiles.maxHoursPerWeek, availability: volunteerProfiles.availability })
        .from(resourceMembers)
        .leftJoin(volunteerProfiles, eq(volunteerProfiles.userId, resourceMembers.userId))
        .where(and(inArray(resourceMembers.resourceId, groupIds), eq(resourceMembers.status, 'active')))
    : [];
  const membersOf = new Map<string, typeof members>();
  for (const m of members) membersOf.set(m.resourceId, [...(membersOf.get(m.resourceId) ?? []), m]);
  const leaderOf = (id: string) => membersOf.get(id)?.find((m) => m.role === 'leader');

  // Background checks of volunteers, and of team leaders (a team answers through its leader).
  const checkHolders = [...new Set([...base.filter((r) => r.kind === 'volunteer').map((r) => r.id), ...groupIds.map((g) => leaderOf(g)?.profileId).filter((x): x is string => Boolean(x))])];
  const leaderProfiles = groupIds.map((g) => leaderOf(g)?.profileId).filter((x): x is string => Boolean(x));
  // A street's volunteers by their place rather than by a list of ids: a large street has tens of thousands.
  const checkWhere =
    'scopePath' in where
      ? or(
          sql`${backgroundChecks.volunteerId} in (select r.id from resources r where r.kind = 'volunteer' and r.place_path like ${`${where.scopePath}%`})`,
          leaderProfiles.length ? inArray(backgroundChecks.volunteerId, leaderProfiles) : undefined,
        )
      : inArray(backgroundChecks.volunteerId, checkHolders);
  const checks = checkHolders.length
    ? await tx.select({ volunteerId: backgroundChecks.volunteerId, type: backgroundChecks.type, status: backgroundChecks.status, expiresAt: backgroundChecks.expiresAt }).from(backgroundChecks).where(checkWhere)
    : [];
  const checksOf = new Map<string, { type: string; status: 'pending' | 'verified' | 'rejected' | 'expired'; expiresAt: Date | null }[]>();
  for (const c of checks) checksOf.set(c.volunteerId, [...(checksOf.get(c.volunteerId) ?? []), { type: c.type, status: c.status, expiresAt: c.expiresAt }]);

  // Load (units of live dispatches on open needs) and ratings (stars of needs served), by resource and, for
  // dispatches made by person before the resource list named them, by the volunteer's account.
  const chosen = 'scopePath' in where ? sql`r.place_path like ${`${where.scopePath}%`}` : sql`r.id in ${inList(where.resourceIds)}`;
  const served = sql`(d.assignee_resource_id in (select r.id from resources r where ${chosen})
    or (d.assignee_resource_id is null and d.assignee_user_id in (select vp.user_id from volunteer_profiles vp join resources r on r.id = vp.resource_id where ${chosen})))`;
  const open = sql.join(
    openStatuses.map((s) => sql`${s}`),
    sql`, `,
  );
  const loadRows = await rows<{ rid: string | null; uid: string | null; units: number }>(
    tx,
    sql`select d.assignee_resource_id as rid, case when d.assignee_resource_id is null then d.assignee_user_id end as uid, sum(coalesce(d.quantity, n.quantity, 1))::int as units
        from need_dispatches d join needs n on n.id = d.need_id
        where d.withdrawn_at is null and n.status in (${open})
          and ${served}
        group by 1, 2`,
  );
  const ratingRows = await rows<{ rid: string | null; uid: string | null; count: number; mean: number }>(
    tx,
    sql`select s.rid, s.uid, count(*)::int as count, avg(s.stars)::float8 as mean from (
          select distinct d.need_id, d.assignee_resource_id as rid, case when d.assignee_resource_id is null then d.assignee_user_id end as uid, r.stars
          from need_dispatches d join need_ratings r on r.need_id = d.need_id
          where ${served}
        ) s group by 1, 2`,
  );
  const tally = <T extends { rid: string | null; uid: string | null }>(list: T[]) => {
    const byRid = new Map<string, T>();
    const byUid = new Map<string, T>();
    for (const r of list) {
      if (r.rid) byRid.set(r.rid, r);
      else if (r.uid) byUid.set(r.uid, r);
    }
    return { byRid, byUid };
  };
  const loads = tally(loadRows);
  const ratings = tally(ratingRows);

  // The types of every place on the candidates' paths, to turn radii and service areas into levels.
  const placeIds = [...new Set(base.flatMap((r) => pathIds(r.placePath)))];
  const placeTypes = new Map((await tx.select({ id: places.id, type: places.type }).from(places).where(inArray(places.id, placeIds))).map((p) => [p.id, p.type]));
  const ancestryOf = (path: string): PathPlace[] => pathIds(path).map((id) => ({ id, type: placeTypes.get(id) ?? '' }));

  const candidates: MatchCandidate[] = [];
  const info = new Map<string, CandidateInfo>();
  for (const r of base) {
    const kind = resourceKindOf(r.kind);
    if (!kind) continue;
    const ancestry = ancestryOf(r.placePath);
    const leader = leaderOf(r.id);
    const ridLoad = Number(loads.byRid.get(r.id)?.units ?? 0);
    const ridRating = ratings.byRid.get(r.id);
    let candidate: MatchCandidate;
    let assigneeType: AssigneeType;
    let assigneeUserId: string | null = null;
    let responsible: string | null;
    const common = { kind, id: r.id, categories: r.categories, placePath: r.placePath, exceptions: [] as MatchCandidate['exceptions'], languages: [] as string[] };
    if (kind === 'volunteer') {
      if (!r.vUserId) continue;
      const userRating = ratings.byUid.get(r.vUserId);
      const count = Number(ridRating?.count ?? 0) + Number(userRating?.count ?? 0);
      const mean = count ? (Number(ridRating?.count ?? 0) * Number(ridRating?.mean ?? 0) + Number(userRating?.count ?? 0) * Number(userRating?.mean ?? 0)) / count : 0;
      candidate = {
        ...common,
        skills: r.vSkills ?? [],
        languages: r.vLanguages ?? [],
        travelLevels: volunteerTravelLevels(ancestry, (r.vRadius ?? 'community') as TravelRadius),
        availability: r.vAvailability ?? [],
        exceptions: r.vExceptions ?? [],
        capacity: r.vHours ?? 0,
        load: ridLoad + Number(loads.byUid.get(r.vUserId)?.units ?? 0),
        rating: ratingOf({ count, mean }),
        checks: checksOf.get(r.id) ?? [],
      };
      assigneeType = 'person';
      assigneeUserId = r.vUserId;
      responsible = r.vUserId;
    } else if (kind === 'team') {
      const list = membersOf.get(r.id) ?? [];
      candidate = {
        ...common,
        skills: r.tSkills ?? [],
        travelLevels: areaTravelLevels(ancestry, r.tAreas ?? [], levelsUpTo(ancestry, 'community')),
        availability: unionWindows(list.map((m) => (m.availability ?? []) as WeeklyWindow[])),
        capacity: list.reduce((s, m) => s + (m.hours ?? MEMBER_HOURS_WITHOUT_PROFILE), 0),
        load: ridLoad,
        rating: ratingOf(ridRating && { count: Number(ridRating.count), mean: Number(ridRating.mean) }),
        checks: leader?.profileId ? (checksOf.get(leader.profileId) ?? []) : [],
      };
      assigneeType = 'team';
      responsible = leader?.userId ?? r.ownerUserId;
    } else if (kind === 'organisation') {
      const list = membersOf.get(r.id) ?? [];
      candidate = {
        ...common,
        skills: [],
        travelLevels: areaTravelLevels(ancestry, r.oAreas ?? [], null),
        availability: 'always',
        capacity: ORGANISATION_UNITS_PER_MEMBER * Math.max(1, list.length),
        load: ridLoad,
        rating: ratingOf(ridRating && { count: Number(ridRating.count), mean: Number(ridRating.mean) }),
        // An organisation answers for its own people once street staff have verified it.
        checks: r.oVerification === 'verified' ? allChecksHeld : [],
      };
      assigneeType = 'organisation';
      responsible = r.ownerUserId ?? leader?.userId ?? null;
    } else {
      const expired = r.fUntil !== null && r.fUntil.getTime() <= Date.now();
      candidate = {
        ...common,
        skills: [],
        travelLevels: levelsUpTo(ancestry, 'community'),
        availability: r.fAvailability && r.fAvailability.length ? r.fAvailability : 'always',
        exceptions: r.fExceptions ?? [],
        capacity: expired ? 0 : (r.fQuantity ?? r.fCapacity ?? 1),
        load: ridLoad,
        rating: ratingOf(ridRating && { count: Number(ridRating.count), mean: Number(ridRating.mean) }),
        // Goods and services of a listed provider: no one of theirs works alone with the people served through us.
        checks: allChecksHeld,
      };
      assigneeType = 'organisation';
      responsible = r.ownerUserId;
    }
    if (!responsible) continue;
    candidates.push(candidate);
    info.set(key(kind, r.id), { kind, id: r.id, name: r.name, communityId: r.communityId, assigneeType, assigneeUserId, responsibleUserId: responsible });
  }
  return { candidates, info };
}

/** `(a, b, c)` for an IN list; a never-matching list when empty. */
function inList(values: string[]) {
  if (values.length === 0) return sql`(null::uuid)`;
  return sql`(${sql.join(
    values.map((v) => sql`${v}::uuid`),
    sql`, `,
  )})`;
}

/** The street a place is in (the root of the candidates searched): its path cut after the street. */
export async function streetPathOf(tx: DbOrTx, placePath: string) {
  const ids = pathIds(placePath);
  const found = await tx.select({ id: places.id, type: places.type, path: places.path }).from(places).where(inArray(places.id, ids));
  return found.find((p) => p.type === 'street')?.path ?? found.find((p) => p.type === 'community')?.path ?? placePath;
}

