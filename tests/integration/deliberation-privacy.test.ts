// Privacy of deliberation, and proposing topics through the API, on both drivers. Public comments name no account:
// residents appear as "<community> resident N" (numbered per topic), staff as the community's staff. Ballots carry
// nothing that orders or times them: no column can be joined to vote_participations by time or order, and their ids
// are random v4 UUIDs. POST /api/v1/topics follows the page's rules and answers 422 with field errors.
import { beforeAll, describe, expect, it } from 'vitest';
import { db, getDatabase } from '../../db/client';
import { needs } from '../../db/schema';
import * as topicPage from '../../app/routes/topics.$topicId';
import * as topicsApi from '../../app/routes/api.v1.topics';
import { addComment } from '../../app/deliberation/comments.server';
import { castBallot } from '../../app/deliberation/votes.server';
import { createTopic, moveTopic } from '../../app/deliberation/topics.server';
import { useTestDatabase } from '../helpers/db';
import { deliberationWorld, household, openTestVote } from '../helpers/deliberation';
import { createUser, sessionCookieFor } from '../helpers/factories';
import { callRoute } from '../helpers/routes';

useTestDatabase();

let world: Awaited<ReturnType<typeof deliberationWorld>>;
beforeAll(async () => {
  world = await deliberationWorld();
});

describe('comments name no account', () => {
  it('shows residents under a per-topic number and staff as staff; moderators alone see account names', async () => {
    const a = await createUser({ name: '张秘密', homePlaceId: world.building.id });
    const b = await createUser({ name: '李隐私', homePlaceId: world.building.id });
    const topic = await createTopic({ userId: world.staff.id }, { title: '停车难', problem: '车位少', suggestion: '', place: world.community, origin: 'staff', proposedByUserId: null });
    for (const stage of ['chosen', 'notice', 'deliberation'] as const) await moveTopic({ userId: world.staff.id }, topic.id, stage);
    await addComment({ userId: b.id }, topic.id, { body: '先来' });
    await addComment({ userId: a.id }, topic.id, { body: '同意' });
    await addComment({ userId: world.staff.id }, topic.id, { body: '我们会统计' });
    await addComment({ userId: b.id }, topic.id, { body: '再补充' });

    const publicView = await callRoute(topicPage.loader, `/topics/${topic.id}`, { params: { topicId: topic.id } });
    const text = JSON.stringify(publicView);
    for (const name of ['张秘密', '李隐私', world.staff.name]) expect(text).not.toContain(name);
    const authors = (publicView as Awaited<ReturnType<typeof topicPage.loader>>).comments.map((c) => c.author);
    expect(authors).toEqual([
      { kind: 'resident', number: 1, name: null },
      { kind: 'resident', number: 2, name: null },
      { kind: 'staff', number: 0, name: null },
      { kind: 'resident', number: 1, name: null },
    ]);
    const modView = (await callRoute(topicPage.loader, `/topics/${topic.id}`, { params: { topicId: topic.id }, cookie: await sessionCookieFor(world.staff.id) })) as Awaited<
      ReturnType<typeof topicPage.loader>
    >;
    expect(modView.comments.map((c) => c.author?.name)).toEqual(['李隐私', '张秘密', world.staff.name, '李隐私']);
  });
});

describe('ballots cannot be linked to voters', () => {
  it('has no column a join by time or order could use, and random v4 ids', async () => {
    const columns = (
      await getDatabase().executeSql(
        "select column_name, data_type, column_default from information_schema.columns where table_name = 'ballots' and table_schema = current_schema() order by column_name",
      )
    ).rows as { column_name: string; data_type: string; column_default: string | null }[];
    expect(columns.map((c) => c.column_name)).toEqual(['channel', 'id', 'option_id', 'vote_id']);
    // Nothing time-like or sequential.
    expect(columns.some((c) => /time|date|serial|integer|bigint/.test(c.data_type) || /nextval|now\(\)/.test(c.column_default ?? ''))).toBe(false);

    const vote = await openTestVote(world.staff.id, world.community.id);
    const voters = [];
    for (let i = 0; i < 12; i++) voters.push(await household(world.building.id, { adults: 1 }));
    for (const [i, h] of voters.entries()) await castBallot({ userId: h.users[0].id }, h.users[0].id, vote.id, i % 2 ? vote.yes : vote.no);
    const ids = (await getDatabase().executeSql('select id::text as id from ballots where vote_id = $1', [vote.id])).rows.map((r) => String(r.id));
    expect(ids).toHaveLength(12);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const [{ n }] = (await getDatabase().executeSql('select count(*)::int as n from vote_participations where vote_id = $1', [vote.id])).rows;
    expect(Number(n)).toBe(12);
    expect(new Set(ids).size).toBe(12);
  });
});

describe('POST /api/v1/topics', () => {
  const post = (cookie: string | null, body: unknown) =>
    topicsApi.action({
      request: new Request('http://localhost/api/v1/topics', { method: 'POST', headers: { 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}) }, body: JSON.stringify(body) }),
      params: {},
      context: {},
    });

  it('lets a resident propose in their home community, validates with 422, refuses the anonymous and foreign places', async () => {
    const resident = await createUser({ homePlaceId: world.building.id });
    const cookie = await sessionCookieFor(resident.id);
    expect((await post(null, { title: 'x', problem: 'y' })).status).toBe(401);

    const bad = await post(cookie, { title: '', problem: 'y'.repeat(2001) });
    expect(bad.status).toBe(422);
    const badBody = await bad.json();
    expect(badBody.error.code).toBe('validation_failed');
    expect(Object.keys(badBody.error.fields).sort()).toEqual(['problem', 'title']);
    expect(badBody.error.fields.title[0]).toMatch(/\w/);

    const foreign = await post(cookie, { title: '修路', problem: '路坏了', place_id: world.other.id });
    expect(foreign.status).toBe(422);
    expect((await foreign.json()).error.fields.place_id).toHaveLength(1);

    const ok = await post(cookie, { title: '修路', problem: '路坏了', suggestion: '众筹' });
    expect(ok.status).toBe(201);
    const topic = await ok.json();
    expect(topic).toMatchObject({ title: '修路', stage: 'listed', origin: 'resident' });
    expect(ok.headers.get('Location')).toBe(`/api/v1/topics/${topic.id}`);
    // Only staff of the need's community may raise a topic from a need.
    expect((await post(await sessionCookieFor(world.otherStaff.id), { title: 'a', problem: 'b', place_id: world.community.id })).status).toBe(422);
  });
});

describe('raising a topic from a need page', () => {
  it('offers the link to staff of the need’s community only', async () => {
    const needPage = await import('../../app/routes/needs.$needId');
    const due = new Date(Date.now() + 86_400_000);
    const [need] = await db()
      .insert(needs)
      .values({ communityId: world.community.id, placeId: world.community.id, title: '路灯坏了', publicSummary: '路灯坏了', category: 'other', status: 'dispatched', channel: 'walk_in', firstResponseDueAt: due, resolutionDueAt: due })
      .returning();
    const load = async (cookie: string | null) => (await callRoute(needPage.loader, `/needs/${need.id}`, { cookie, params: { needId: need.id } })) as { canRaiseTopic?: boolean } | Response;
    expect(await load(await sessionCookieFor(world.staff.id))).toMatchObject({ canRaiseTopic: true });
    const other = await load(await sessionCookieFor(world.otherStaff.id));
    expect(other instanceof Response ? false : other.canRaiseTopic).toBe(false);
    const anonymous = await load(null);
    expect(anonymous instanceof Response ? false : anonymous.canRaiseTopic).toBe(false);
  });
});
