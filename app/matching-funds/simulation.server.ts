// Staff simulation before launch: a programme run over an assumed stream (N gifts per project over D days) or over
// the gifts recorded in a period, through the very matchFor the posting code uses.
import { inArray, sql } from 'drizzle-orm';
import { db, rows } from '../../db/client';
import { projects } from '../../db/schema';
import { donorKeyOf } from './posting.server';
import type { ProgrammeView } from './programmes.server';
import { rulesOf } from './posting.server';
import type { GiftSource } from './rules';
import { drainCurve, simulate, type StreamGift } from './simulate';

export interface SimulationOptions {
  mode: 'assumed' | 'recorded';
  poolMinor: number | null;
  giftsPerProject: number;
  averageGiftMinor: number;
  businessPercent: number;
  days: number;
  from?: Date;
  to?: Date;
}

async function eligibleProjects(p: ProgrammeView) {
  const list = p.projectIds.length
    ? await db().select({ id: projects.id, title: projects.title, category: projects.category, fundId: projects.fundId }).from(projects).where(inArray(projects.id, p.projectIds))
    : await db().select({ id: projects.id, title: projects.title, category: projects.category, fundId: projects.fundId }).from(projects).where(sql`${projects.placePath} like ${p.placePath + '%'} and ${projects.state} <> 'cancelled'`);
  return list.filter((x) => !p.categories.length || p.categories.includes(x.category)).slice(0, 100);
}

/** N gifts per project, evenly over the days from the programme's start, sizes from half to one and a half times the average. */
export function assumedStream(list: { id: string; category: string }[], startsAt: Date, o: Pick<SimulationOptions, 'giftsPerProject' | 'averageGiftMinor' | 'businessPercent' | 'days'>): StreamGift[] {
  const out: StreamGift[] = [];
  const span = o.days * 86_400_000;
  list.forEach((project, pi) => {
    for (let i = 0; i < o.giftsPerProject; i++) {
      const spread = ((i * 37 + pi * 11) % 21) - 10; // -10..10 → ×0.5..×1.5
      const amountMinor = Math.max(1, Math.floor((o.averageGiftMinor * (20 + spread)) / 20));
      const source: GiftSource = (i * 100) / o.giftsPerProject < o.businessPercent ? 'business' : 'resident';
      out.push({ amountMinor, source, projectId: project.id, category: project.category, at: new Date(startsAt.getTime() + Math.floor(((i + 0.5) * span) / o.giftsPerProject)), donorKey: `assumed:${pi}:${i}` });
    }
  });
  return out;
}

/** The gifts recorded to the eligible projects' funds in a period, with their sources. */
async function recordedStream(list: { id: string; category: string; fundId: string | null }[], from: Date, to: Date): Promise<StreamGift[]> {
  const withFund = list.filter((p) => p.fundId);
  if (!withFund.length) return [];
  const found = await rows<{ fund_id: string; amount_minor: string; received_at: string | Date; source: GiftSource | null; donor_key: string | null; donor_name: string; donor_user_id: string | null }>(
    db(),
    sql`select d.fund_id, d.amount_minor::text, d.received_at, r.source, r.donor_key, d.donor_name, d.donor_user_id
        from donations d left join gift_records r on r.donation_id = d.id
        where d.fund_id in (${sql.join(withFund.map((p) => sql`${p.fundId}`), sql`, `)}) and d.status = 'posted' and d.method <> 'in_kind'
          and d.received_at >= ${from.toISOString()} and d.received_at < ${to.toISOString()}
        order by d.received_at, d.id limit 20000`,
  );
  const byFund = new Map(withFund.map((p) => [p.fundId!, p]));
  return found.map((d) => {
    const p = byFund.get(d.fund_id)!;
    return { amountMinor: Number(d.amount_minor), source: d.source ?? 'other', projectId: p.id, category: p.category, at: new Date(d.received_at), donorKey: d.donor_key ?? donorKeyOf({ donorName: d.donor_name, donorUserId: d.donor_user_id }) };
  });
}

export async function simulateProgramme(p: ProgrammeView, o: SimulationOptions) {
  const list = await eligibleProjects(p);
  const pool = o.poolMinor ?? p.poolBalanceMinor + p.matchedMinor;
  let stream: StreamGift[];
  if (o.mode === 'recorded') {
    const from = o.from ?? new Date(Date.now() - 90 * 86_400_000);
    const to = o.to ?? new Date();
    // A past stream is replayed as if the programme had run then: its dates move to the programme's start.
    const recorded = await recordedStream(list, from, to);
    const shift = p.startsAt.getTime() - from.getTime();
    stream = recorded.map((g) => ({ ...g, at: new Date(Math.min(g.at.getTime() + shift, p.endsAt.getTime() - 1)) }));
  } else stream = assumedStream(list, p.startsAt, o);
  const result = simulate(rulesOf(p, p.projectIds), pool, stream);
  const titles = new Map(list.map((x) => [x.id, x.title]));
  return {
    pool,
    giftCount: stream.length,
    totalGiftsMinor: result.totalGiftsMinor,
    totalMatchedMinor: result.totalMatchedMinor,
    residentsMinor: result.residentsMinor,
    poolEndMinor: result.poolEndMinor,
    exhaustedAt: result.exhaustedAt,
    curve: drainCurve(result, 10),
    projects: result.projects.map((x) => ({ ...x, title: titles.get(x.projectId) ?? x.projectId })).sort((a, b) => b.matchedMinor - a.matchedMinor),
  };
}
