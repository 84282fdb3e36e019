// "Needs and shifts near me that fit my skills": the open needs (and open shifts) around a volunteer, ranked by
// the same score staff use. Only public facts leave here: the need's public summary, category and grid, and a
// distance counted to its grid (never to the building, which is private).
import { and, eq, inArray } from 'drizzle-orm';
import { db } from '../../db/client';
import { places, resources, volunteerProfiles } from '../../db/schema';
import { suggestNeeds, type MatchCandidate, type MatchNeed } from '../../matching';
import { listOpenShiftsForMatching } from '../shifts/shifts.server';
import type { Principal } from '../permissions/principal.server';
import { loadCandidates, loadNeeds, matchNeedsOf, streetPathOf } from './load.server';
import { remainingUnits } from './map';
import { skillsForCategory, type MatchReasonData } from './reasons';

/** The path of a place cut after `id` (a need's grid or community): the public end of a private path. */
export function cutPathAt(path: string, id: string | null) {
  if (!id) return path;
  const i = path.indexOf(`/${id}/`);
  return i < 0 ? path : path.slice(0, i + id.length + 2);
}

/** Shifts without a skill asked are open to anyone: they count as a fit for this category. */
const ANY = '*';

export async function needsNearMe(principal: Principal, options: { now?: Date; limit?: number } = {}) {
  const now = options.now ?? new Date();
  const limit = options.limit ?? 20;
  const tx = db();
  const [profile] = await tx
    .select({ resourceId: volunteerProfiles.resourceId })
    .from(volunteerProfiles)
    .innerJoin(resources, eq(resources.id, volunteerProfiles.resourceId))
    .where(and(eq(volunteerProfiles.userId, principal.user.id), eq(resources.status, 'active')));
  if (!profile) return { hasProfile: false, needs: [], shifts: [] };
  const { candidates } = await loadCandidates(tx, { resourceIds: [profile.resourceId] });
  const me = candidates[0];
  if (!me) return { hasProfile: false, needs: [], shifts: [] };
  const street = await streetPathOf(tx, me.placePath);

  const loaded = (await loadNeeds(tx, { placePath: street })).filter((n) => remainingUnits(n) > 0);
  const matchNeeds = (await matchNeedsOf(tx, loaded, now)).map((n, i) => ({ ...n, placePath: cutPathAt(loaded[i].placePath, loaded[i].gridId ?? loaded[i].communityId) }));
  const ranked = suggestNeeds(me, matchNeeds, { now, limit });
  const byId = new Map(loaded.map((n) => [n.id, n]));
  const placeIds = [...new Set(ranked.flatMap((r) => [byId.get(r.needId)!.communityId, byId.get(r.needId)!.gridId]).filter((x): x is string => Boolean(x)))];
  const names = new Map(placeIds.length ? (await tx.select({ id: places.id, nameZh: places.nameZh, nameEn: places.nameEn }).from(places).where(inArray(places.id, placeIds))).map((p) => [p.id, p]) : []);
  const needs = ranked.map((r) => {
    const n = byId.get(r.needId)!;
    const reasons: MatchReasonData = reasonsFor(n.category, me, r.score);
    return { id: n.id, summary: n.publicSummary, community: names.get(n.communityId) ?? null, grid: n.gridId ? (names.get(n.gridId) ?? null) : null, remaining: remainingUnits(n), rank: r.rank, ...reasons };
  });

  const open = await listOpenShiftsForMatching({ now, withinPath: street, limit: 500 });
  const meForShifts: MatchCandidate = { ...me, categories: [...me.categories, ANY] };
  const shiftNeeds: MatchNeed[] = open.map((s) => ({
    id: s.id,
    category: s.skills.length ? '' : ANY,
    skills: s.skills,
    placePath: s.placePath,
    windows: [{ start: s.startsAt, end: s.endsAt }],
    languages: [],
    requiredChecks: s.requiredChecks,
    quantity: s.freeSpots,
  }));
  const shiftById = new Map(open.map((s) => [s.id, s]));
  const shifts = suggestNeeds(meForShifts, shiftNeeds, { now, limit }).map((r) => {
    const s = shiftById.get(r.needId)!;
    return { id: s.id, title: s.title, role: s.role, startsAt: s.startsAt, endsAt: s.endsAt, freeSpots: s.freeSpots, rank: r.rank, ...reasonsFor('', me, r.score, s.skills) };
  });
  return { hasProfile: true, needs, shifts };
}

function reasonsFor(category: string, me: MatchCandidate, s: ReturnType<typeof suggestNeeds>[number]['score'], asked: readonly string[] = []): MatchReasonData {
  return {
    total: s.total,
    parts: s.parts,
    category,
    categoryFit: s.facts.categoryFit && category !== '' && category !== ANY,
    fitSkills: category && category !== ANY ? skillsForCategory(me.skills, category, s.facts.matchedSkills) : me.skills.filter((k) => asked.includes(k)),
    steps: s.facts.steps,
    overlapMinutes: s.facts.overlapMinutes,
    wantedMinutes: s.facts.wantedMinutes,
    freeUnits: s.facts.freeUnits,
    sharedLanguages: s.facts.sharedLanguages,
    smoothedRating: s.facts.smoothedRating,
    ratingCount: me.rating.count,
  };
}
