// Satisfaction roll-ups (民评): residents' ratings of closed needs (1–5 stars) and evaluation panels' published
// scores, per community, per organisation (the needs dispatched to it and the projects it delivered) and per project.
// Averages are in hundredths of a star on a 5-point scale; panel scores are rescaled to 5 points.
import { and, avg, count, eq, inArray, or } from 'drizzle-orm';
import { db } from '../../db/client';
import { evaluationPanels, needDispatches, needRatings, needs, places, projects, topics } from '../../db/schema';
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

/** An organisation's (or team's) satisfaction: ratings of needs dispatched to it and panels of projects it delivered. */
export async function organisationSatisfaction(resourceId: string): Promise<Satisfaction> {
  const [s] = await db()
    .select({ avg: avg(needRatings.stars), n: count() })
    .from(needRatings)
    .where(
      inArray(
        needRatings.needId,
        db().selectDistinct({ id: needDispatches.needId }).from(needDispatches).where(eq(needDispatches.assigneeResourceId, resourceId)),
      ),
    );
  const delivered = await db().select({ id: projects.id }).from(projects).where(eq(projects.delivererResourceId, resourceId));
  const p = delivered.length
    ? await panelsOf(
        inArray(
          evaluationPanels.projectId,
          delivered.map((d) => d.id),
        ),
      )
    : { panelHundredths: null, panels: 0 };
  return { needStarsHundredths: hundredths(s?.avg ?? null), needRatings: Number(s?.n ?? 0), ...p };
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
