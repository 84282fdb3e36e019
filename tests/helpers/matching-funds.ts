// Matching-programme fixtures: a project with its own fund, households to give from, a programme with a pool, and
// the world of a test whose gifts also arrive by card (Stripe keys set, a signed webhook, treasurer and funder).
import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { afterAll, beforeAll } from 'vitest';
import { db } from '../../db/client';
import { households, projects } from '../../db/schema';
import { recordOfflineDonation } from '../../app/funds/donations.server';
import { openProjectFund } from '../../app/matching-funds/project-funding.server';
import { changeProgrammeStatus, createProgramme, type ProgrammeInput } from '../../app/matching-funds/programmes.server';
import * as webhookRoute from '../../app/routes/api.v1.webhooks.stripe';
import { createStreetWithCommunities, createUser } from './factories';
import { resetEnvCache } from './ledger';

export interface MatchingWorld {
  street: { id: string; path: string };
  community: { id: string; path: string };
  /** The community's treasurer, as the actor of offline gifts. */
  treasurer: { userId: string };
  /** A funder of the street, who launches programmes. */
  funderId: string;
  /** Delivers an event to the Stripe webhook route, signed with the file's webhook secret as Stripe would. */
  deliver(event: unknown): Promise<Response>;
  /** A cash gift the treasurer records (a new receipt number each time), from a resident unless said otherwise. */
  cash(
    fundId: string,
    amountMinor: number,
    opts?: { donorName?: string; source?: 'resident' | 'business' | 'other'; pledgeId?: string; householdId?: string },
  ): ReturnType<typeof recordOfflineDonation>;
  /**
   * A project of the community with its own fund, and a programme launched for it alone with `poolMinor` in its pool,
   * running from yesterday for 30 days unless `over` says otherwise.
   */
  projectInProgramme(over: Partial<ProgrammeInput>, poolMinor: number): Promise<Awaited<ReturnType<typeof createProjectWithFund>> & { programme: Awaited<ReturnType<typeof launchProgramme>> }>;
}

/** Stripe's checkout.session.completed for a paid Checkout session, as the webhook receives it. */
export function checkoutCompleted(o: {
  eventId: string;
  sessionId: string;
  amountMinor: number;
  metadata: Record<string, string>;
  paymentIntent?: string;
  clientReferenceId?: string;
  email?: string;
}) {
  return {
    id: o.eventId,
    object: 'event',
    type: 'checkout.session.completed',
    created: Math.floor(Date.now() / 1000),
    api_version: '2025-01-01',
    livemode: false,
    data: {
      object: {
        object: 'checkout.session',
        id: o.sessionId,
        payment_status: 'paid',
        currency: 'cny',
        amount_total: o.amountMinor,
        ...(o.paymentIntent ? { payment_intent: o.paymentIntent } : {}),
        ...(o.clientReferenceId ? { client_reference_id: o.clientReferenceId } : {}),
        metadata: o.metadata,
        ...(o.email ? { customer_details: { email: o.email, name: 'Card donor' } } : {}),
      },
    },
  };
}

const STRIPE_KEY = 'sk_test_fivefold_local';
const signer = new Stripe(STRIPE_KEY);

/**
 * Call at the top of a test file, after useTestDatabase(): Stripe is configured for the file (its webhook checks
 * signatures against `webhookSecret`), and a street with a community, its treasurer and the street's funder exist
 * before the tests run. The returned object is filled in by then.
 */
export function useMatchingWorld(webhookSecret: string): MatchingWorld {
  let receipt = 0;
  const world = {
    async deliver(event: unknown) {
      const payload = JSON.stringify(event);
      const header = signer.webhooks.generateTestHeaderString({ payload, secret: webhookSecret });
      const request = new Request('http://localhost/api/v1/webhooks/stripe', { method: 'POST', headers: { 'Stripe-Signature': header, 'Content-Type': 'application/json' }, body: payload });
      return webhookRoute.action({ request, params: {}, context: {} });
    },
    cash(fundId, amountMinor, opts = {}) {
      return recordOfflineDonation(world.treasurer, fundId, {
        method: 'cash',
        amountMinor,
        donorName: opts.donorName ?? 'Resident',
        visibility: 'public',
        receiptNumber: `CASH-${process.pid}-${++receipt}`,
        origin: { source: opts.source ?? 'resident', householdId: opts.householdId },
        pledgeId: opts.pledgeId,
      });
    },
    async projectInProgramme(over, poolMinor) {
      const made = await createProjectWithFund(world.community, world.treasurer.userId);
      const running = { startsAt: new Date(Date.now() - 86_400_000), endsAt: new Date(Date.now() + 30 * 86_400_000) };
      const programme = await launchProgramme(world.funderId, baseProgramme(world.community.id, { ...running, projectIds: [made.project.id], ...over }), poolMinor);
      return { ...made, programme };
    },
  } as MatchingWorld;
  beforeAll(async () => {
    process.env.STRIPE_SECRET_KEY = STRIPE_KEY;
    process.env.STRIPE_WEBHOOK_SECRET = webhookSecret;
    resetEnvCache();
    const made = await createStreetWithCommunities();
    world.street = made.street;
    world.community = made.community;
    world.treasurer = { userId: (await createUser({ roles: [{ role: 'treasurer', placeId: made.community.id }] })).id };
    world.funderId = (await createUser({ roles: [{ role: 'funder', placeId: made.street.id }] })).id;
  });
  afterAll(() => {
    delete process.env.STRIPE_SECRET_KEY;
    delete process.env.STRIPE_WEBHOOK_SECRET;
    resetEnvCache();
  });
  return world;
}

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
