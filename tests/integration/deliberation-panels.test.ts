// Evaluation panels on both drivers: only members score, within each criterion's range, until staff publish the
// averages once; every step audited. Councils: scheduling a meeting and recording its minutes are audited.
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../db/client';
import { auditEvents, councils, evaluationPanels, panelCriteria, panelMembers } from '../../db/schema';
import { getCouncil, recordMinutes, scheduleMeeting } from '../../app/deliberation/councils.server';
import { getPanel, PanelError, publishPanel, submitScores, type PanelResult } from '../../app/deliberation/panels.server';
import { useTestDatabase } from '../helpers/db';
import { deliberationWorld } from '../helpers/deliberation';
import { createUser } from '../helpers/factories';

useTestDatabase();

let world: Awaited<ReturnType<typeof deliberationWorld>>;
beforeAll(async () => {
  world = await deliberationWorld();
});

const code = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e) => (e instanceof PanelError ? e.code : Promise.reject(e)),
  );

describe('evaluation panels', () => {
  it('members score each agreed outcome; outsiders and out-of-range scores are refused; the published averages are final', async () => {
    const [panel] = await db()
      .insert(evaluationPanels)
      .values({ placeId: world.community.id, placePath: world.community.path, title: '助餐点评估', createdByUserId: world.staff.id })
      .returning();
    const [c1, c2] = await db()
      .insert(panelCriteria)
      .values([
        { panelId: panel.id, position: 0, outcome: '按时供餐', maxScore: 5 },
        { panelId: panel.id, position: 1, outcome: '老人满意', maxScore: 10 },
      ])
      .returning();
    const a = await createUser();
    const b = await createUser();
    const outsider = await createUser();
    await db()
      .insert(panelMembers)
      .values([
        { panelId: panel.id, userId: a.id },
        { panelId: panel.id, userId: b.id },
      ]);

    expect(await code(submitScores({ userId: outsider.id }, panel.id, [{ criterionId: c1.id, score: 3, comment: '' }]))).toBe('not_member');
    expect(await code(submitScores({ userId: a.id }, panel.id, [{ criterionId: c1.id, score: 6, comment: '' }]))).toBe('invalid');
    expect(
      await code(
        submitScores({ userId: a.id }, panel.id, [
          { criterionId: c1.id, score: 4, comment: '' },
          { criterionId: c2.id, score: 9, comment: '菜品可再丰富' },
        ]),
      ),
    ).toBe('ok');
    // A member may change their mind before publication: the score is replaced, not added.
    expect(await code(submitScores({ userId: a.id }, panel.id, [{ criterionId: c1.id, score: 5, comment: '' }]))).toBe('ok');
    expect(
      await code(
        submitScores({ userId: b.id }, panel.id, [
          { criterionId: c1.id, score: 4, comment: '' },
          { criterionId: c2.id, score: 6, comment: '' },
        ]),
      ),
    ).toBe('ok');
    expect((await getPanel(panel.id, a.id))!.result).toBeNull();

    const result = (await publishPanel({ userId: world.staff.id }, panel.id)) as PanelResult;
    expect(result.criteria.map((c) => c.averageHundredths)).toEqual([450, 750]);
    expect(result).toMatchObject({ members: 2, scored: 2 });
    expect(await code(submitScores({ userId: b.id }, panel.id, [{ criterionId: c1.id, score: 1, comment: '' }]))).toBe('published');
    expect(await code(publishPanel({ userId: world.staff.id }, panel.id))).toBe('published');
    const seen = await getPanel(panel.id, null);
    expect(seen!.result!.criteria[0].averageHundredths).toBe(450);
    const audits = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, panel.id)));
    expect(audits.map((x) => x.action).sort()).toEqual(['panel.publish', 'panel.score', 'panel.score', 'panel.score']);
  });
});

describe('councils', () => {
  it('show reserved seats filled, and record meetings with minutes, audited', async () => {
    const [council] = await db()
      .insert(councils)
      .values({
        placeId: world.community.id,
        placePath: world.community.path,
        nameZh: '测试议事会',
        nameEn: 'Test council',
        termStartsOn: '2026-01-01',
        termEndsOn: '2028-12-31',
      })
      .returning();
    const meeting = await scheduleMeeting({ userId: world.staff.id }, council.id, world.community.id, {
      type: 'hearing',
      title: '听证会',
      startsAt: new Date(),
      location: '议事厅',
      agenda: '一、方案介绍',
    });
    expect(await recordMinutes({ userId: world.staff.id }, council.id, world.community.id, meeting.id, '到会30人。')).toBe(true);
    const seen = await getCouncil(council.id);
    expect(seen!.meetings[0]).toMatchObject({ status: 'held', minutes: '到会30人。' });
    const audits = await db().select().from(auditEvents).where(eq(auditEvents.subjectId, meeting.id));
    expect(audits.map((x) => x.action).sort()).toEqual(['council.meeting_minutes', 'council.meeting_schedule']);
  });
});
