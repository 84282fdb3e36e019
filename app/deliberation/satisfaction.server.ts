// Satisfaction roll-ups (民评): residents' ratings of closed needs (1–5 stars) and evaluation panels' published
// scores, per community, per organisation (the needs dispatched to it and the projects it delivered) and per project.
// Averages are in hundredths of a star on a 5-point scale; panel scores are rescaled to 5 points.
import { and, avg, count, countDistinct, eq, inArray, isNull, or } from 'drizzle-orm';
import { db } from '../../db/client';
import { bids, evaluationPanels, needDispatches, needRatings, needs, places, projects, topics } from '../../db/schema';
import type { PanelResult } from './panels.server';

export interface Satisfaction {
  /** Average of the ratings in hundredths of a star (4.25 → 425), or null without ratings. */
  needStarsHundredths: number | null;
  needRatings: number;
  /** Average of published panel scores rescaled to 5 points, in hundredths, or null. */
  panelHundredths: number | null;
  panels: number;
}

const hundredths = (v: string | number | null) => (v === null ? null : Math.round(Number(v) * 100));

/** A panel's overall score on a 5-point scale: the mean over criteria of average / max × 5. */
export function panelOnFive(result: PanelResult | null): number | null {
  const scored = (result?.criteria ?? []).filter((c) => c.averageHundredths !== null);
  if (!scored.length) return null;
  return Math.round(scored.reduce((s, c) => s + (c.averageHundredths! * 5) / c.maxScore, 0) / scored.length);
}

async function panelsOf(where: Parameters<typeof and>[0]) {
  const rows = await db()
    .select({ result: evaluationPanels.result })
    .from(evaluationPanels)
    .where(and(eq(evaluationPanels.status, 'published'), where));
  const scores = rows.map((r) => panelOnFive(r.result as unknown as PanelResult)).filter((x): x is number => x !== null);
  return { panelHundredths: scores.length ? Math.round(scores.reduce((s, x) => s + x, 0) / scores.length) : null, panels: scores.length };
}

/** Every community's satisfaction, for the public overview. */
export async function communitySatisfaction() {
  const stars = await db()
    .select({ communityId: needs.communityId, avg: avg(needRatings.stars), n: count() })
    .from(needRatings)
    .innerJoin(needs, eq(needs.id, needRatings.needId))
    .groupBy(needs.communityId);
  const communities = await db()
    .select({ id: places.id, path: places.path, nameZh: places.nameZh, nameEn: places.nameEn })
    .from(places)
    .where(eq(places.type, 'community'));
  const out = [];
  for (const c of communities) {
    const s = stars.find((x) => x.communityId === c.id);
    const p = await panelsOf(eq(evaluationPanels.placeId, c.id));
    out.push({ ...c, needStarsHundredths: hundredths(s?.avg ?? null), needRatings: Number(s?.n ?? 0), ...p });
  }
  return out;
}

export interface OrganisationSatisfaction extends Satisfaction {
  /** How many need ratings gave 1, 2, 3, 4 and 5 stars (index 0 is one star). */
  starCounts: [number, number, number, number, number];
}

const noSatisfaction = (): OrganisationSatisfaction => ({
  needStarsHundredths: null,
  needRatings: 0,
  panelHundredths: null,
  panels: 0,
  starCounts: [0, 0, 0, 0, 0],
});

/**
 * Organisations' (or teams') satisfaction, by resource id: the ratings of needs dispatched to them (a withdrawn
 * dispatch does not count: someone else did the work) and the published panels of the projects they delivered,
 * including those of the topic a project implements. Only figures leave this function, never a comment or a rater.
 */
export async function organisationsSatisfaction(resourceIds: string[]): Promise<Map<string, OrganisationSatisfaction>> {
  const out = new Map(resourceIds.map((id) => [id, noSatisfaction()]));
  if (!resourceIds.length) return out;
  const rated = await db()
    .select({ resourceId: needDispatches.assigneeResourceId, stars: needRatings.stars, n: countDistinct(needRatings.id) })
    .from(needRatings)
    .innerJoin(needDispatches, eq(needDispatches.needId, needRatings.needId))
    .where(and(inArray(needDispatches.assigneeResourceId, resourceIds), isNull(needDispatches.withdrawnAt)))
    .groupBy(needDispatches.assigneeResourceId, needRatings.stars);
  for (const row of rated) {
    const s = out.get(row.resourceId!)!;
    if (row.stars >= 1 && row.stars <= 5) s.starCounts[row.stars - 1] += Number(row.n);
  }
  for (const s of out.values()) {
    s.needRatings = s.starCounts.reduce((a, n) => a + n, 0);
    const total = s.starCounts.reduce((a, n, i) => a + n * (i + 1), 0);
    s.needStarsHundredths = s.needRatings ? Math.round((total * 100) / s.needRatings) : null;
  }
  const delivered = await db()
    .select({ id: projects.id, resourceId: projects.delivererResourceId })
    .from(projects)
    .where(inArray(projects.delivererResourceId, resourceIds));
  for (const resourceId of new Set(delivered.map((d) => d.resourceId!))) {
    const ids = delivered.filter((d) => d.resourceId === resourceId).map((d) => d.id);
    Object.assign(
      out.get(resourceId)!,
      await panelsOf(
        or(
          inArray(evaluationPanels.projectId, ids),
          inArray(evaluationPanels.topicId, db().select({ id: topics.id }).from(topics).where(inArray(topics.projectId, ids))),
        ),
      ),
    );
  }
  return out;
}

/** One organisation's (or team's) satisfaction: see organisationsSatisfaction. */
export async function organisationSatisfaction(resourceId: string): Promise<OrganisationSatisfaction> {
  return (await organisationsSatisfaction([resourceId])).get(resourceId)!;
}

/**
 * The satisfaction of the organisations or teams behind bids, by bid id, for the evaluator workspace (the caller passes
 * only bids the evaluator may see). A bid by a person has none.
 */
export async function biddersSatisfaction(bidIds: string[]): Promise<Record<string, OrganisationSatisfaction>> {
  if (!bidIds.length) return {};
  const rows = await db().select({ id: bids.id, resourceId: bids.applicantResourceId }).from(bids).where(inArray(bids.id, bidIds));
  const figures = await organisationsSatisfaction([...new Set(rows.flatMap((r) => (r.resourceId ? [r.resourceId] : [])))]);
  return Object.fromEntries(rows.flatMap((r) => (r.resourceId ? [[r.id, figures.get(r.resourceId)!]] : [])));
}

/** A project's satisfaction: its evaluation panels and those of the topic it implements. */
export async function projectSatisfaction(projectId: string): Promise<Satisfaction> {
  const p = await panelsOf(
    or(
      eq(evaluationPanels.projectId, projectId),
      inArray(evaluationPanels.topicId, db().select({ id: topics.id }).from(topics).where(eq(topics.projectId, projectId))),
    ),
  );
  return { needStarsHundredths: null, needRatings: 0, ...p };
}
