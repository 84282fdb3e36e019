// Rows the fair and delivery tests build on: a funding round with projects (and milestones), organisations and teams
// with their members. Written straight to the database so these tests don't depend on the round and bid pages.
import { eq } from 'drizzle-orm';
import { db } from '../../db/client';
import { fundingRounds, organisationProfiles, places, projectMilestones, projects, resourceMembers, resources, roundProjects } from '../../db/schema';

let n = 0;

export async function createRoundWithProjects(placeId: string, staffUserId: string, count: number, opts: { microGrant?: boolean; budgetMinor?: number; fundId?: string | null } = {}) {
  const [place] = await db().select().from(places).where(eq(places.id, placeId));
  const now = Date.now();
  const [round] = await db()
    .insert(fundingRounds)
    .values({
      placeId,
      placePath: place.path,
      title: `Round ${++n}`,
      budgetMinor: 10_000_000,
      microGrant: opts.microGrant ?? false,
      applicantTypes: opts.microGrant ? ['registered_org', 'resident_team', 'individual'] : ['registered_org'],
      opensAt: new Date(now - 10 * 86_400_000),
      closesAt: new Date(now + 10 * 86_400_000),
      status: 'open',
      fundId: opts.fundId ?? null,
      createdBy: staffUserId,
    })
    .returning();
  const created = [];
  for (let i = 0; i < count; i++) {
    const [project] = await db()
      .insert(projects)
      .values({ placeId, placePath: place.path, title: `Project ${n}-${i + 1}`, category: 'elderly_care', state: 'open_for_bids', budgetMinor: opts.budgetMinor ?? 500_000, createdBy: staffUserId, fundId: opts.fundId ?? null })
      .returning();
    await db().insert(roundProjects).values({ roundId: round.id, projectId: project.id, addedBy: staffUserId });
    created.push(project);
  }
  return { round, projects: created };
}

export async function addMilestones(projectId: string, amounts: number[]) {
  return db()
    .insert(projectMilestones)
    .values(amounts.map((amountMinor, i) => ({ projectId, title: `Milestone ${i + 1}`, amountMinor, position: i })))
    .returning();
}

/** An organisation (or team) at a place, led by `leaderUserId`, with further active members. */
export async function createApplicant(placeId: string, leaderUserId: string, opts: { kind?: 'organisation' | 'team'; registration?: 'registered' | 'filed' | 'informal'; members?: string[]; name?: string } = {}) {
  const [place] = await db().select().from(places).where(eq(places.id, placeId));
  const kind = opts.kind ?? 'organisation';
  const [resource] = await db()
    .insert(resources)
    .values({ kind, name: opts.name ?? `${kind} ${++n}`, placeId, placePath: place.path, ownerUserId: leaderUserId })
    .returning();
  if (kind === 'organisation') await db().insert(organisationProfiles).values({ resourceId: resource.id, registrationStatus: opts.registration ?? 'registered' });
  await db()
    .insert(resourceMembers)
    .values([leaderUserId, ...(opts.members ?? [])].map((userId, i) => ({ resourceId: resource.id, userId, role: i === 0 ? ('leader' as const) : ('member' as const), status: 'active' as const })));
  return resource;
}
