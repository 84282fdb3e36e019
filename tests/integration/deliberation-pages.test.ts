// Deliberation through its pages and API on both drivers: proposing, commenting, moderation hiding and review
// (audited), staff moving a topic into a project, the API's ballots (201 once, 409 after), results and the
// OpenAPI document.
import { Validator } from '@seriousme/openapi-schema-validator';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../db/client';
import { auditEvents, notifications, projects, topicComments, topics } from '../../db/schema';
import * as openapiRoute from '../../app/routes/api.v1.openapi[.json]';
import * as topicPage from '../../app/routes/topics.$topicId';
import * as newTopic from '../../app/routes/topics.new';
import * as ballotsApi from '../../app/routes/api.v1.votes.$voteId.ballots';
import * as resultApi from '../../app/routes/api.v1.votes.$voteId.result';
import * as topicsApi from '../../app/routes/api.v1.topics';
import * as votePage from '../../app/routes/votes.$voteId._index';
import { closeVote } from '../../app/deliberation/votes.server';
import { useTestDatabase } from '../helpers/db';
import { deliberationWorld, household, openTestVote } from '../helpers/deliberation';
import { createUser, sessionCookieFor } from '../helpers/factories';

useTestDatabase();

let world: Awaited<ReturnType<typeof deliberationWorld>>;
let staffCookie: string;
beforeAll(async () => {
  world = await deliberationWorld();
  staffCookie = await sessionCookieFor(world.staff.id);
});

const post = (path: string, cookie: string, fields: Record<string, string>) =>
  new Request(`http://localhost${path}`, {
    method: 'POST',
    headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
  });
async function call(fn: () => Promise<unknown>) {
  try {
    const r = await fn();
    return r instanceof Response ? r : new Response(JSON.stringify(r), { status: 200 });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

describe('topics through their pages', () => {
  it('a resident proposes in their home community, comments; three reports hide a comment until a moderator restores it', async () => {
    const h = await household(world.building.id, { adults: 1 });
    const me = await sessionCookieFor(h.users[0].id);
    const proposed = await call(() =>
      newTopic.action({
        request: post('/topics/new', me, { title: '楼道灯坏了', problem: '三楼到五楼的灯不亮。', suggestion: '换成声控灯。' }),
        params: {},
        context: {},
      }),
    );
    expect(proposed.status).toBe(302);
    const topicId = proposed.headers.get('Location')!.split('/')[2].split('?')[0];
    const [topic] = await db().select().from(topics).where(eq(topics.id, topicId));
    expect(topic).toMatchObject({ placeId: world.community.id, origin: 'resident', stage: 'listed', proposedByUserId: h.users[0].id });

    const commented = await call(() =>
      topicPage.action({ request: post(`/topics/${topicId}`, me, { intent: 'comment', body: '我同意，晚上太黑了。' }), params: { topicId }, context: {} }),
    );
    expect(commented.status).toBe(302);
    const [comment] = await db().select().from(topicComments).where(eq(topicComments.topicId, topicId));
    const empty = await call(() =>
      topicPage.action({ request: post(`/topics/${topicId}`, me, { intent: 'comment', body: '  ' }), params: { topicId }, context: {} }),
    );
    expect(empty.status).toBe(400);

    const reporters = await Promise.all([0, 1, 2].map(() => createUser({ homePlaceId: world.building.id })));
    for (const [i, r] of reporters.entries()) {
      const res = await call(async () =>
        topicPage.action({
          request: post(`/topics/${topicId}`, await sessionCookieFor(r.id), { intent: 'report', commentId: comment.id, reason: '' }),
          params: { topicId },
          context: {},
        }),
      );
      expect(res.headers.get('Location')).toContain(i < 2 ? 'notice=topic.reported' : 'notice=topic.reportedHidden');
    }
    const again = await call(async () =>
      topicPage.action({
        request: post(`/topics/${topicId}`, await sessionCookieFor(reporters[0].id), { intent: 'report', commentId: comment.id, reason: '' }),
        params: { topicId },
        context: {},
      }),
    );
    expect(again.status).toBe(200);
    const hidden = (await (
      await call(() => topicPage.loader({ request: new Request(`http://localhost/topics/${topicId}`), params: { topicId }, context: {} }))
    ).json()) as { comments: { body: string; status: string }[] };
    expect(hidden.comments[0]).toMatchObject({ status: 'hidden', body: '' });

    // A resident cannot moderate; staff can, and the decision is audited.
    expect(
      (
        await call(() =>
          topicPage.action({ request: post(`/topics/${topicId}`, me, { intent: 'restore', commentId: comment.id }), params: { topicId }, context: {} }),
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await call(() =>
          topicPage.action({
            request: post(`/topics/${topicId}`, staffCookie, { intent: 'restore', commentId: comment.id }),
            params: { topicId },
            context: {},
          }),
        )
      ).status,
    ).toBe(302);
    const [audit] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'topic.comment_restore'), eq(auditEvents.subjectId, comment.id)));
    expect(audit.actorUserId).toBe(world.staff.id);
    // Kept by a moderator: a fourth report no longer hides it.
    const fourth = await createUser({ homePlaceId: world.building.id });
    await call(async () =>
      topicPage.action({
        request: post(`/topics/${topicId}`, await sessionCookieFor(fourth.id), { intent: 'report', commentId: comment.id, reason: '' }),
        params: { topicId },
        context: {},
      }),
    );
    const [after] = await db().select().from(topicComments).where(eq(topicComments.id, comment.id));
    expect(after.status).toBe('visible');
  });

  it('staff move a topic stage by stage; the plan is required; implementation creates its project; staff of another community cannot', async () => {
    const h = await household(world.building.id, { adults: 1 });
    const me = await sessionCookieFor(h.users[0].id);
    const proposed = await call(() =>
      newTopic.action({ request: post('/topics/new', me, { title: '加装电梯', problem: '老人上下楼难。', suggestion: '' }), params: {}, context: {} }),
    );
    const topicId = proposed.headers.get('Location')!.split('/')[2].split('?')[0];
    const move = (cookie: string, fields: Record<string, string>) =>
      call(() => topicPage.action({ request: post(`/topics/${topicId}`, cookie, { intent: 'move', ...fields }), params: { topicId }, context: {} }));
    expect((await move(await sessionCookieFor(world.otherStaff.id), { to: 'chosen' })).status).toBe(403);
    expect((await move(staffCookie, { to: 'deliberation' })).status).toBe(200);
    for (const to of ['chosen', 'notice', 'deliberation']) expect((await move(staffCookie, { to })).status).toBe(302);
    const noPlan = await move(staffCookie, { to: 'plan' });
    expect(noPlan.status).toBe(200);
    expect(await noPlan.text()).toContain('deliberation.v.planRequired');
    expect((await move(staffCookie, { to: 'plan', plan: '申请加装电梯补贴，每户分摊按楼层计算。' })).status).toBe(302);
    expect((await move(staffCookie, { to: 'implementation' })).status).toBe(302);
    const [topic] = await db().select().from(topics).where(eq(topics.id, topicId));
    expect(topic.stage).toBe('implementation');
    // The proposer follows the topic and heard of each of the six steps, never of their own.
    const told = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, h.users[0].id), eq(notifications.subjectId, topicId)));
    expect(told.map((n) => n.messageKey)).toEqual(Array(5).fill('deliberation.notify.stage'));
    const [project] = await db().select().from(projects).where(eq(projects.id, topic.projectId!));
    expect(project).toMatchObject({ title: '加装电梯', state: 'draft', placeId: world.community.id });
  });
});

describe('the votes API', () => {
  it('takes one ballot per household (201, then 409), refuses bad bodies with field errors, publishes the result once closed', async () => {
    const h = await household(world.building.id, { adults: 3, voterHasAccount: false, accounts: 3 });
    const vote = await openTestVote(world.staff.id, world.community.id);
    const cookie = await sessionCookieFor(h.users[0].id);
    const send = (body: string, type = 'application/json', c = cookie) =>
      ballotsApi.action({
        request: new Request(`http://localhost/api/v1/votes/${vote.id}/ballots`, { method: 'POST', headers: { Cookie: c, 'Content-Type': type }, body }),
        params: { voteId: vote.id },
        context: {},
      });
    const bad = await send(JSON.stringify({ option: vote.yes }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatchObject({ code: 'validation_failed' });
    expect((await send('option_id=x', 'application/x-www-form-urlencoded')).status).toBe(415);
    const first = await send(JSON.stringify({ option_id: vote.yes }));
    expect(first.status).toBe(201);
    const second = await send(JSON.stringify({ option_id: vote.no }), 'application/json', await sessionCookieFor(h.users[1].id));
    expect(second.status).toBe(409);
    const stranger = await createUser();
    expect((await send(JSON.stringify({ option_id: vote.yes }), 'application/json', await sessionCookieFor(stranger.id))).status).toBe(403);

    const early = await resultApi.loader({ request: new Request('http://localhost'), params: { voteId: vote.id }, context: {} });
    expect(early.status).toBe(409);
    await closeVote({ userId: world.staff.id }, vote.id);
    const result = await (await resultApi.loader({ request: new Request('http://localhost'), params: { voteId: vote.id }, context: {} })).json();
    expect(result).toMatchObject({ vote_id: vote.id, participants: 1, channels: { online: 1, paper: 0, signature_sheet: 0 } });
    expect(result.result.turnout).toBe(1);
    const list = await (await topicsApi.loader({ request: new Request('http://localhost/api/v1/topics?limit=5'), params: {}, context: {} })).json();
    expect(list.limit).toBe(5);
    expect((await topicsApi.loader({ request: new Request('http://localhost/api/v1/topics?stage=nope'), params: {}, context: {} })).status).toBe(400);
  });

  it('the vote page shows the ballot to an eligible resident and takes it without JavaScript', async () => {
    const h = await household(world.building.id, { adults: 1 });
    const vote = await openTestVote(world.staff.id, world.community.id);
    const cookie = await sessionCookieFor(h.users[0].id);
    const page = await (
      await call(() =>
        votePage.loader({
          request: new Request(`http://localhost/votes/${vote.id}`, { headers: { Cookie: cookie } }),
          params: { voteId: vote.id },
          context: {},
        }),
      )
    ).json();
    expect(page.mine).toMatchObject({ eligible: true, voted: false });
    const cast = await call(() =>
      votePage.action({ request: post(`/votes/${vote.id}`, cookie, { intent: 'cast', optionId: vote.yes }), params: { voteId: vote.id }, context: {} }),
    );
    expect(cast.headers.get('Location')).toContain('notice=vote.castDone');
    const twice = await call(() =>
      votePage.action({ request: post(`/votes/${vote.id}`, cookie, { intent: 'cast', optionId: vote.yes }), params: { voteId: vote.id }, context: {} }),
    );
    expect(await twice.text()).toContain('vote.alreadyVoted');
    const after = await (
      await call(() =>
        votePage.loader({
          request: new Request(`http://localhost/votes/${vote.id}`, { headers: { Cookie: cookie } }),
          params: { voteId: vote.id },
          context: {},
        }),
      )
    ).json();
    expect(after.mine.voted).toBe(true);
    expect(after.vote.tally.options[0].votes).toBe(1);
  });

  it('is described by a valid OpenAPI document', async () => {
    const doc = await (await openapiRoute.loader()).json();
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/topics', '/topics/{topicId}', '/votes', '/votes/{voteId}', '/votes/{voteId}/ballots', '/votes/{voteId}/result']),
    );
  });
});
