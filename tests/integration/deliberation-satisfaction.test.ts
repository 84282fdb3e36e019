// Organisations' satisfaction on the demo, checked against an independent SQL query: the figures on an organisation's
// profile and, per bidding organisation, in a funding round's evaluator workspace. Only figures are shown: never a
// rating's comment nor who gave it.
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db, rows } from '../../db/client';
import { bids, evaluationPanels, evaluatorAssignments, needDispatches, organisationProfiles, projects, resources, topics, users } from '../../db/schema';
import { seedDemo } from '../../db/seed/demo';
import * as resourcePage from '../../app/routes/resources.$resourceId';
import * as evaluatePage from '../../app/routes/rounds.$roundId.evaluate';
import { useTestDatabase } from '../helpers/db';
import { callRoute, cookieOf } from '../helpers/routes';

useTestDatabase();

interface Expected {
  needRatings: number;
  needStarsHundredths: number | null;
  starCounts: number[];
  panels: number;
  panelHundredths: number | null;
}

let delivered: { projectId: string; resourceId: string };

beforeAll(async () => {
  await seedDemo();
  // A project delivered by a (public, verified) organisation gets a published evaluation of its own, and the demo's evaluated topic
  // (the elders' canteen) is the one it implements, so both ways a panel reaches an organisation are covered.
  const [p] = await db()
    .select({ projectId: projects.id, resourceId: projects.delivererResourceId })
    .from(projects)
    .innerJoin(organisationProfiles, eq(organisationProfiles.resourceId, projects.delivererResourceId))
    .where(eq(organisationProfiles.verification, 'verified'))
    .limit(1);
  delivered = { projectId: p.projectId, resourceId: p.resourceId! };
  const [panel] = await db().select().from(evaluationPanels).where(eq(evaluationPanels.status, 'published')).limit(1);
  await db().update(topics).set({ projectId: delivered.projectId }).where(eq(topics.id, panel.topicId!));
  await db()
    .insert(evaluationPanels)
    .values({
      placeId: panel.placeId,
      placePath: panel.placePath,
      projectId: delivered.projectId,
      title: '项目中期评估',
      status: 'published',
      publishedAt: new Date(),
      createdByUserId: panel.createdByUserId,
      result: {
        members: 2,
        scored: 2,
        criteria: [
          { id: 'a', outcome: '按时开展服务', maxScore: 10, averageHundredths: 800, scores: 2 },
          { id: 'b', outcome: '服务对象满意', maxScore: 5, averageHundredths: 350, scores: 2 },
        ],
      },
    });
  // A withdrawn dispatch does not count for the organisation it was withdrawn from.
  const [rated] = await rows<{ id: string }>(
    db(),
    sql`select d.id from need_dispatches d join need_ratings r on r.need_id = d.need_id where d.assignee_resource_id is not null order by d.id limit 1`,
  );
  await db().update(needDispatches).set({ withdrawnAt: new Date() }).where(eq(needDispatches.id, rated.id));
});

/** The same figures, computed straight from the tables. */
async function expectedFor(resourceId: string): Promise<Expected> {
  const stars = await rows<{ stars: number; n: number }>(
    db(),
    sql`select r.stars::int as stars, count(distinct r.id)::int as n
          from need_ratings r join need_dispatches d on d.need_id = r.need_id
         where d.assignee_resource_id = ${resourceId} and d.withdrawn_at is null
         group by r.stars`,
  );
  const [avg] = await rows<{ n: number; h: number | null }>(
    db(),
    sql`select count(*)::int as n, round(avg(stars) * 100)::int as h from need_ratings
         where need_id in (select need_id from need_dispatches where assignee_resource_id = ${resourceId} and withdrawn_at is null)`,
  );
  const [panel] = await rows<{ n: number; h: number | null }>(
    db(),
    sql`with mine as (
          select distinct p.id, p.result from evaluation_panels p
           where p.status = 'published'
             and (p.project_id in (select id from projects where deliverer_resource_id = ${resourceId})
               or p.topic_id in (select t.id from topics t join projects j on j.id = t.project_id where j.deliverer_resource_id = ${resourceId}))
        ), per_panel as (
          select m.id, round(avg((c->>'averageHundredths')::numeric * 5 / (c->>'maxScore')::numeric)) as s
            from mine m, jsonb_array_elements(m.result->'criteria') c
           where c->>'averageHundredths' is not null
           group by m.id
        )
        select count(*)::int as n, round(avg(s))::int as h from per_panel`,
  );
  return {
    needRatings: Number(avg.n),
    needStarsHundredths: avg.h === null ? null : Number(avg.h),
    starCounts: [1, 2, 3, 4, 5].map((s) => Number(stars.find((x) => Number(x.stars) === s)?.n ?? 0)),
    panels: Number(panel.n),
    panelHundredths: panel.h === null ? null : Number(panel.h),
  };
}

/** What must never leave the server: the comments on an organisation's ratings and who gave them. */
async function privateOf(resourceId: string) {
  return rows<{ comment: string | null; rater: string | null; on_behalf: string | null; email: string | null }>(
    db(),
    sql`select r.comment, r.rated_by_user_id as rater, r.on_behalf_of_user_id as on_behalf, u.email
          from need_ratings r join need_dispatches d on d.need_id = r.need_id left join users u on u.id = r.rated_by_user_id
         where d.assignee_resource_id = ${resourceId}`,
  );
}

function expectNothingPrivate(json: string, secrets: Awaited<ReturnType<typeof privateOf>>) {
  for (const s of secrets) {
    for (const value of [s.comment, s.rater, s.on_behalf, s.email]) if (value) expect(json).not.toContain(value);
  }
}

describe('organisations’ satisfaction', () => {
  it('shows on every organisation’s and team’s profile the figures an independent query computes', async () => {
    const groups = await db()
      .select({ id: resources.id, kind: resources.kind })
      .from(resources)
      .where(and(sql`${resources.kind} in ('organisation', 'team')`, eq(resources.status, 'active')));
    let rated = 0;
    for (const g of groups) {
      const data = (await callRoute(resourcePage.loader, `/resources/${g.id}`, { params: { resourceId: g.id } })) as { satisfaction?: Expected } | Response;
      if (data instanceof Response) continue; // not public (an unverified organisation): nothing to show
      expect(data.satisfaction, g.id).toEqual(await expectedFor(g.id));
      if (data.satisfaction!.needRatings > 0) rated++;
      expectNothingPrivate(JSON.stringify(data), await privateOf(g.id));
    }
    // The demo gives several organisations ratings, and one of them evaluations of a project it delivered.
    expect(rated).toBeGreaterThan(1);
    const deliverer = (await callRoute(resourcePage.loader, `/resources/${delivered.resourceId}`, { params: { resourceId: delivered.resourceId } })) as {
      satisfaction: Expected;
    };
    expect(deliverer.satisfaction.panels).toBe(2);
    // (4.67 + 4.33 + 3.67) / 3 for the canteen, (4.00 + 3.50) / 2 for the project's own: 4.22 and 3.75.
    expect(deliverer.satisfaction.panelHundredths).toBe(Math.round((422 + 375) / 2));
  });

  it('counts ratings per number of stars, adding up to the count and giving the average', async () => {
    const all = await rows<{ rid: string }>(db(), sql`select distinct assignee_resource_id as rid from need_dispatches where assignee_resource_id is not null`);
    for (const { rid } of all) {
      const data = (await callRoute(resourcePage.loader, `/resources/${rid}`, { params: { resourceId: rid } })) as { satisfaction: Expected | null } | Response;
      if (data instanceof Response || !data.satisfaction) continue;
      const s = data.satisfaction;
      expect(s.starCounts.reduce((a, n) => a + n, 0)).toBe(s.needRatings);
      if (s.needRatings) expect(s.needStarsHundredths).toBe(Math.round((s.starCounts.reduce((a, n, i) => a + n * (i + 1), 0) * 100) / s.needRatings));
    }
  });

  it('shows each bidding organisation’s figures in the evaluator workspace, and nothing of a rating but figures', async () => {
    const [evaluator] = await db().select({ id: users.id }).from(users).where(eq(users.email, 'evaluator@fivefold.test'));
    const [assignment] = await db()
      .select({ roundId: evaluatorAssignments.roundId })
      .from(evaluatorAssignments)
      .where(and(eq(evaluatorAssignments.evaluatorUserId, evaluator.id), isNotNull(evaluatorAssignments.declaredAt)));
    const cookie = await cookieOf('evaluator@fivefold.test');
    const data = (await callRoute(evaluatePage.loader, `/rounds/${assignment.roundId}/evaluate`, { cookie, params: { roundId: assignment.roundId } })) as {
      bids: { id: string }[];
      satisfaction: Record<string, Expected>;
    };
    expect(data.bids.length).toBeGreaterThan(0);
    const applicants = await db().select({ id: bids.id, resourceId: bids.applicantResourceId }).from(bids).where(eq(bids.roundId, assignment.roundId));
    let rated = 0;
    for (const b of data.bids) {
      const resourceId = applicants.find((a) => a.id === b.id)!.resourceId;
      if (!resourceId) {
        expect(data.satisfaction[b.id]).toBeUndefined();
        continue;
      }
      expect(data.satisfaction[b.id], b.id).toEqual(await expectedFor(resourceId));
      if (data.satisfaction[b.id].needRatings > 0) rated++;
      expectNothingPrivate(JSON.stringify(data), await privateOf(resourceId));
    }
    expect(rated).toBeGreaterThan(0);
    // Only bids the evaluator may see carry figures.
    expect(Object.keys(data.satisfaction).every((id) => data.bids.some((b) => b.id === id))).toBe(true);
  });
});
