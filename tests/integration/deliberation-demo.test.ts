// The demo's deliberation: a council per community with reserved seats, the old estate's renovation carried by a
// 60% household vote with realistic turnout and paper ballots, an open vote the demo resident may cast, and a
// published evaluation.
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../db/client';
import { councils, evaluationPanels, places, users, votes } from '../../db/schema';
import { seedDemo } from '../../db/seed/demo';
import { getCouncil } from '../../app/deliberation/councils.server';
import { getVote, myBallotState } from '../../app/deliberation/votes.server';
import { useTestDatabase } from '../helpers/db';

useTestDatabase();

beforeAll(async () => {
  await seedDemo();
});

describe('demo deliberation', () => {
  it('has a council with reserved seats and supervisors in every community', async () => {
    const communities = await db().select().from(places).where(eq(places.type, 'community'));
    const all = await db().select().from(councils);
    expect(all).toHaveLength(communities.length);
    const council = await getCouncil(all[0].id);
    expect(council!.reserved.find((s) => s.seatGroup === 'migrant_workers')).toMatchObject({ seats: 2, filled: 2 });
    expect(council!.members.filter((m) => m.role === 'supervisor').length).toBeGreaterThan(0);
    // Everyone on a reserved seat is recorded as of its group, as the council page requires of a new member.
    const reserved = council!.members.filter((m) => m.seatGroup !== 'general');
    expect(reserved.length).toBeGreaterThan(0);
    for (const m of reserved) expect(m.groups).toContain(m.seatGroup);
  });

  it('carried the old estate’s renovation with 60% of households and realistic turnout, paper ballots included', async () => {
    const [c2] = await db().select().from(places).where(eq(places.nameZh, '老槐树社区'));
    const [renovation] = await db().select().from(votes).where(eq(votes.placeId, c2.id));
    const v = await getVote(renovation.id);
    expect(v!.status).toBe('closed');
    expect(v!.thresholdPermille).toBe(600);
    expect(v!.tally.carried).toBe(true);
    expect(v!.tally.turnout / v!.tally.eligible).toBeGreaterThan(0.7);
    expect(v!.tally.turnout / v!.tally.eligible).toBeLessThan(0.95);
    expect(v!.channels.paper + v!.channels.signature_sheet).toBeGreaterThan(0);
  });

  it('has an open vote in 锦华苑 that the demo resident may cast for her household, and a published evaluation', async () => {
    const [c1] = await db().select().from(places).where(eq(places.nameZh, '锦华苑社区'));
    const [open] = await db().select().from(votes).where(eq(votes.placeId, c1.id));
    expect(open.status).toBe('open');
    const [resident] = await db().select().from(users).where(eq(users.email, 'resident@fivefold.test'));
    expect(await myBallotState(open, resident.id)).toMatchObject({ eligible: true, voted: false });
    const [panel] = await db().select().from(evaluationPanels).where(eq(evaluationPanels.placeId, c1.id));
    expect(panel.status).toBe('published');
  });
});

describe('satisfaction roll-ups', () => {
  it('rolls need ratings and published evaluations up per community, and evaluations up to the project a topic became', async () => {
    const { communitySatisfaction, panelOnFive } = await import('../../app/deliberation/satisfaction.server');
    const all = await communitySatisfaction();
    const c1 = all.find((c) => c.nameZh === '锦华苑社区')!;
    expect(c1.panels).toBe(1);
    // The demo panel's averages: (4.67 + 4.33 + 3.67) / 3 on 5-point criteria.
    expect(c1.panelHundredths).toBe(422);
    expect(all.some((c) => c.needRatings > 0 && c.needStarsHundredths! >= 100 && c.needStarsHundredths! <= 500)).toBe(true);
    expect(panelOnFive({ criteria: [{ id: 'a', outcome: '', maxScore: 10, averageHundredths: 800, scores: 2 }], members: 2, scored: 2 })).toBe(400);
    expect(panelOnFive(null)).toBeNull();
  });
});
