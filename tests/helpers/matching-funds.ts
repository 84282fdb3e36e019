// Matching-programme fixtures: a project with its own fund, households to give from, a programme with a pool.
import { randomUUID } from 'node:crypto';
import { db } from '../../db/client';
import { households, projects } from '../../db/schema';
import { openProjectFund } from '../../app/matching-funds/project-funding.server';
import { changeProgrammeStatus, createProgramme, type ProgrammeInput } from '../../app/matching-funds/programmes.server';

export async function createProjectWithFund(place: { id: string; path: string }, createdBy: string, opts: { category?: string; budgetMinor?: number; title?: string } = {}) {
  const [project] = await db()
    .insert(projects)
    .values({ placeId: place.id, placePath: place.path, title: opts.title ?? `Lane paving ${randomUUID().slice(0, 6)}`, category: opts.category ?? 'environment', state: 'in_progress', budgetMinor: opts.budgetMinor ?? 5_000_000, createdBy })
    .returning();
  const opened = await openProjectFund({ userId: createdBy }, project.id);
  if (!opened.ok) throw new Error('could not open the project fund');
  return { project: { ...project, fundId: opened.fund.id }, fund: opened.fund };
}

export async function createHouseholds(buildingId: string, n: number) {
  return db()
    .insert(households)
    .values(Array.from({ length: n }, (_, i) => ({ placeId: buildingId, unit: `${1 + Math.floor(i / 6)}-${100 + (i % 6) + 1}` })))
    .returning();
}

export const baseProgramme = (placeId: string, over: Partial<ProgrammeInput> = {}): ProgrammeInput => ({
  placeId,
  nameZh: '街道配捐计划',
  nameEn: 'Street matching programme',
  funderZh: '街道办事处',
  funderEn: 'Street office',
  tiers: [{ fromMinor: 0, num: 1, den: 1 }],
  seedMinor: 0,
  minGiftMinor: 0,
  perDonorCapMinor: null,
  perProjectCapMinor: null,
  programmeCapMinor: null,
  matchedSources: ['resident', 'business'],
  exhaustion: 'pro_rate',
  startsAt: new Date('2026-01-01T00:00:00Z'),
  endsAt: new Date('2027-01-01T00:00:00Z'),
  categories: [],
  projectIds: [],
  ...over,
});

export async function launchProgramme(funderId: string, input: ProgrammeInput, poolMinor: number) {
  const created = await createProgramme({ userId: funderId }, input, poolMinor);
  if (!created.ok) throw new Error(`createProgramme: ${created.reason}`);
  const launched = await changeProgrammeStatus({ userId: funderId }, created.programme.id, 'launch');
  if (!launched.ok) throw new Error(`launch: ${launched.reason}`);
  return launched.programme;
}
