/// <reference types="vite/client" />
// Staff of community B (staff2) walk every route and API handler that takes an id, pointed at community A's
// private records: each answers 403 or 404, and nothing changes. A new route with an id fails this test until
// it is given ids here, so no route is left unchecked.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { and, count, eq, like } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../db/client';
import { auditEvents, disbursements, donations, funds, households, ledgerGroups, matchRuns, needImports, needPhotos, needPrivateDetails, needs, places, resources, users, volunteerProfiles } from '../../db/schema';
import { fairParticipants, fairs, milestoneDisbursements } from '../../db/schema';
import { shiftSignups, shifts } from '../../db/schema';
import { councils, evaluationPanels, topics, votes } from '../../db/schema';
import { bidAttachments, bids, fundingRounds, projects } from '../../db/schema';
import { matchingProgrammes } from '../../db/schema';
import { exportFiles } from '../../db/schema';
import { seedDemo } from '../../db/seed/demo';
import { logIn } from '../../app/auth/accounts.server';
import { passSecondFactor } from '../helpers/two-factor';
import { useTestDatabase } from '../helpers/db';

useTestDatabase();

const routesDir = fileURLToPath(new URL('../../app/routes/', import.meta.url));
const modules = import.meta.glob('../../app/routes/*.{ts,tsx}');

type Ids = Record<string, string[]>;
let ids: Ids;
let cookie: string;
/** Private strings of community A that no public page may show to staff2 (a volunteer's phone and email). */
let secrets: string[] = [];

// Public pages (the resource list's page per resource) may answer 200 to anyone, but only with public fields,
// and their actions (booking, asking to join) refuse these bodies without changing anything.
const publicPages = ['topics.$topicId.tsx', 'votes.$voteId._index.tsx', 'councils.$councilId.tsx', 'panels.$panelId.tsx', 'api.v1.topics.$topicId.ts', 'api.v1.votes.$voteId.ts', 'api.v1.votes.$voteId.ballots.ts', 'api.v1.votes.$voteId.result.ts', 'projects.$projectId.tsx', 'api.v1.projects.$projectId.ts', 'rounds.$roundId._index.tsx', 'rounds.$roundId.bid.tsx', 'api.v1.rounds.$roundId.bids.ts', 'fairs.$fairId._index.tsx', 'projects.$projectId_.delivery.tsx', 'resources.$resourceId.tsx', 'api.v1.resources.$resourceId.ts', 'funds.$fundId._index.tsx', 'api.v1.funds.$fundId.ts', 'api.v1.funds.$fundId.ledger.ts', 'donations.$donationId.thanks.tsx', 'needs.$needId.tsx', 'api.v1.needs.$needId.ts', 'shifts.$shiftId._index.tsx', 'shifts.$shiftId[.ics].ts', 'api.v1.shifts.$shiftId.ts', 'api.v1.shifts.$shiftId.signups.ts', 'api.v1.shifts.$shiftId.signups.me.ts', 'api.v1.shifts.$shiftId.checkins.ts', 'matching-programmes.$programmeId.tsx', 'projects.$projectId_.funding.tsx', 'projects.$projectId_.household-shares.tsx', 'api.v1.matching-programmes.$programmeId.ts', 'api.v1.projects.$projectId.household-shares.ts', 'places.$placeId.transparency.tsx', 'exports.$list.ts'];

async function cookieFor(email: string) {
  const result = await logIn(new Request('http://localhost/login', { method: 'POST' }), { email, password: 'fivefold-demo' }, '127.0.0.9');
  if (!result.ok) throw new Error(`login failed for ${email}`);
  const cookie = result.cookie.split(';')[0];
  if (result.next === 'verify') await passSecondFactor(cookie);
  return cookie;
}

beforeAll(async () => {
  await seedDemo();
  const [c1] = await db().select().from(places).where(eq(places.nameZh, '锦华苑社区'));
  const inC1 = await db().select({ id: places.id, type: places.type }).from(places).where(like(places.path, `${c1.path}%`));
  const [hh] = await db()
    .select({ id: households.id })
    .from(households)
    .innerJoin(places, eq(places.id, households.placeId))
    .where(like(places.path, `${c1.path}%`))
    .limit(1);
  const [resident] = await db().select({ id: users.id }).from(users).where(eq(users.email, 'resident@fivefold.test'));
  const [elder] = await db().select({ id: users.id }).from(users).where(eq(users.name, '王秀英'));
  const [volunteer] = await db()
    .select({ id: resources.id, userId: users.id, phone: users.phone, email: users.email })
    .from(resources)
    .innerJoin(volunteerProfiles, eq(volunteerProfiles.resourceId, resources.id))
    .innerJoin(users, eq(users.id, volunteerProfiles.userId))
    .where(and(eq(resources.kind, 'volunteer'), eq(resources.communityId, c1.id)))
    .limit(1);
  const [venue] = await db().select({ id: resources.id }).from(resources).where(and(eq(resources.kind, 'venue'), eq(resources.communityId, c1.id))).limit(1);
  secrets = [volunteer.phone!, volunteer.email!];
  const fundsOfC1 = await db().select({ id: funds.id }).from(funds).where(eq(funds.placeId, c1.id));
  const givenToC1 = await db().select({ id: donations.id, email: donations.donorEmail }).from(donations).where(and(eq(donations.fundId, fundsOfC1[0].id), eq(donations.method, 'card')));
  // Donors' emails are private: for receipts only.
  secrets.push(...givenToC1.slice(0, 5).map((d) => d.email!));
  // The demo fair of community A (its participants' rankings are private) and a project in delivery there.
  const [fairOfC1] = await db().select({ id: fairs.id }).from(fairs).where(eq(fairs.placeId, c1.id));
  const participantsOfC1 = await db().select({ id: fairParticipants.id }).from(fairParticipants).where(eq(fairParticipants.fairId, fairOfC1.id)).limit(2);
  const [delivering] = await db().select({ id: milestoneDisbursements.projectId }).from(milestoneDisbursements).limit(1);
  // A draft project of community A (private: 404) and its open micro-grant round (public side only; bids private).
  const [draftOfC1] = await db().select({ id: projects.id }).from(projects).where(and(eq(projects.placeId, c1.id), eq(projects.state, 'draft'))).limit(1);
  const [roundOfC1] = await db().select({ id: fundingRounds.id }).from(fundingRounds).where(and(eq(fundingRounds.placeId, c1.id), eq(fundingRounds.microGrant, true))).limit(1);
  const [bidOfC1] = await db().select({ id: bids.id }).from(bids).where(eq(bids.roundId, roundOfC1.id)).limit(1);
  const [fileOfC1] = await db().insert(bidAttachments).values({ bidId: bidOfC1.id, fileName: 'plan.pdf', contentType: 'application/pdf', size: 5, bytes: Buffer.from('%PDF-') }).returning({ id: bidAttachments.id });
  // Needs of community A: one not yet verified (private: 404), one verified with private details (public side only).
  const [unverified] = await db().select({ id: needs.id }).from(needs).where(and(eq(needs.communityId, c1.id), eq(needs.status, 'raised'))).limit(1);
  const [verified] = await db()
    .select({ id: needs.id, phone: needPrivateDetails.phone, contactName: needPrivateDetails.contactName, address: needPrivateDetails.address })
    .from(needs)
    .innerJoin(needPrivateDetails, eq(needPrivateDetails.needId, needs.id))
    .where(and(eq(needs.communityId, c1.id), eq(needs.status, 'in_progress')))
    .limit(1);
  secrets.push(verified.phone!, verified.contactName!, verified.address!);
  const [staffOfC1] = await db().select({ id: users.id }).from(users).where(eq(users.email, 'staff@fivefold.test'));
  const [anImport] = await db().insert(needImports).values({ communityId: c1.id, createdByUserId: staffOfC1.id, fileName: '台账.csv', status: 'done' }).returning({ id: needImports.id });
  const [aRun] = await db().insert(matchRuns).values({ placeId: c1.id, placePath: c1.path, createdByUserId: staffOfC1.id }).returning({ id: matchRuns.id });
  const [aPhoto] = await db().insert(needPhotos).values({ needId: verified.id, contentType: 'image/png', size: 4, bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47]) }).returning({ id: needPhotos.id });
  // A shift of community A with a volunteer of A on its roster: staff2 sees its public side, never the roster's contacts.
  const [aShift] = await db()
    .insert(shifts)
    .values({ title: '送餐', role: '送餐员', spots: 3, placeId: c1.id, placePath: c1.path, communityId: c1.id, checkinCode: '314159', organiserUserId: staffOfC1.id, startsAt: new Date(Date.now() - 3_600_000), endsAt: new Date(Date.now() + 3_600_000) })
    .returning({ id: shifts.id });
  await db().insert(shiftSignups).values({ shiftId: aShift.id, userId: volunteer.userId, volunteerId: volunteer.id, status: 'booked', signedUpBy: volunteer.userId, checkedInAt: new Date() });
  // The street's matching programme: public, but its simulation is for staff of the street and its funder.
  const [programmeOfStreet] = await db().select({ id: matchingProgrammes.id }).from(matchingProgrammes).limit(1);
  const [topicOfC1] = await db().select({ id: topics.id }).from(topics).where(eq(topics.placeId, c1.id)).limit(1);
  const [voteOfC1] = await db().select({ id: votes.id }).from(votes).where(and(eq(votes.placeId, c1.id), eq(votes.status, 'open'))).limit(1);
  const [councilOfC1] = await db().select({ id: councils.id }).from(councils).where(eq(councils.placeId, c1.id)).limit(1);
  const [panelOfC1] = await db().select({ id: evaluationPanels.id }).from(evaluationPanels).where(eq(evaluationPanels.placeId, c1.id)).limit(1);
  // A finished export of community A's needs with their private columns, made by A's staff: only they may open it.
  const [exportOfC1] = await db()
    .insert(exportFiles)
    .values({ requesterUserId: staffOfC1.id, kind: 'needs', format: 'csv', query: { community: c1.id }, status: 'done', hasPrivateData: true, fileName: 'needs.csv', contentType: 'text/csv', content: Buffer.from('id,phone\r\n'), expiresAt: new Date(Date.now() + 3600_000) })
    .returning({ id: exportFiles.id });
  ids = {
    topicId: [topicOfC1.id],
    jobId: [exportOfC1.id],
    // Exports of public lists answer anyone, with public columns only (lists without private data: no audit row).
    list: ['resources', 'ledger'],
    voteId: [voteOfC1.id],
    councilId: [councilOfC1.id],
    panelId: [panelOfC1.id],
    programmeId: [programmeOfStreet.id],
    needId: [unverified.id, verified.id],
    importId: [anImport.id],
    runId: [aRun.id],
    photoId: [aPhoto.id],
    shiftId: [aShift.id],
    resourceId: [volunteer.id, venue.id],
    placeId: [c1.id, inC1.find((p) => p.type === 'grid')!.id, inC1.find((p) => p.type === 'building')!.id],
    householdId: [hh.id],
    fundId: fundsOfC1.map((f) => f.id),
    donationId: givenToC1.slice(0, 2).map((d) => d.id),
    fairId: [fairOfC1.id],
    participantId: participantsOfC1.map((p) => p.id),
    projectId: [delivering.id, draftOfC1.id],
    roundId: [roundOfC1.id],
    bidId: [bidOfC1.id],
    attachmentId: [fileOfC1.id],
    userId: [resident.id, elder.id],
    // Secrets in the URL rather than record ids: a made-up one must not reveal anything either.
    token: ['not-a-real-token-but-long-enough-to-look-like-one'],
    '*': ['needs/1', 'places/1'],
  };
  cookie = await cookieFor('staff2@fivefold.test');
});

function paramsOf(file: string): string[] {
  return [...file.matchAll(/\$([A-Za-z]*)/g)].map((m) => m[1] || '*');
}

function urlFor(file: string, values: Record<string, string>) {
  const path = file
    .replace(/\.(tsx|ts)$/, '')
    .replace(/\[\.json\]/, '.json')
    .split('.')
    .filter((seg) => seg !== '_index')
    .map((seg) => seg.replace(/_$/, ''))
    .map((seg) => (seg.startsWith('$') ? values[seg.slice(1) || '*'] : seg.replace(/^_/, '')))
    .join('/');
  return `http://localhost/${path}`;
}

async function statusOf(call: () => Promise<unknown>) {
  try {
    const result = await call();
    if (result instanceof Response) return result.status;
    return 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

async function bodyOf(call: () => Promise<unknown>) {
  try {
    const result = await call();
    return result instanceof Response ? await result.text() : JSON.stringify(result);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.text();
    throw thrown;
  }
}

async function snapshot() {
  const [p] = await db().select({ n: count() }).from(places);
  const [h] = await db().select({ n: count() }).from(households);
  const names = await db().select({ nameZh: places.nameZh }).from(places).where(eq(places.type, 'community'));
  // A refused request reads nothing private, so it writes no audit event either.
  const [writes] = await db().select({ n: count() }).from(auditEvents);
  // Money: no donation, disbursement or ledger movement appears or changes state.
  const money = await db().select({ status: donations.status, n: count() }).from(donations).groupBy(donations.status);
  const spending = await db().select({ status: disbursements.status, n: count() }).from(disbursements).groupBy(disbursements.status);
  const [movements] = await db().select({ n: count() }).from(ledgerGroups);
  return { places: Number(p.n), households: Number(h.n), names: names.map((n) => n.nameZh).sort(), audit: Number(writes.n), donations: money.map((m) => `${m.status}:${m.n}`).sort(), disbursements: spending.map((m) => `${m.status}:${m.n}`).sort(), movements: Number(movements.n) };
}

describe('staff of another community', () => {
  const files = readdirSync(routesDir).filter((f) => /\.(ts|tsx)$/.test(f) && f.includes('$'));

  it('finds the routes that take ids', () => {
    expect(files.length).toBeGreaterThan(4);
  });

  it.each(files)('%s answers 403 or 404 and changes nothing', async (file) => {
    const params = paramsOf(file);
    for (const p of params) expect(ids[p], `no ids of community A for ":${p}" in ${file}: add them to this test`).toBeDefined();
    const mod = (await modules[`../../app/routes/${file}`]()) as {
      loader?: (args: unknown) => Promise<unknown>;
      action?: (args: unknown) => Promise<unknown>;
    };
    const combos = ids[params[0]].map((v) => Object.fromEntries(params.map((p) => [p, p === params[0] ? v : ids[p][0]])));
    for (const values of combos) {
      const url = urlFor(file, values);
      const routeParams = Object.fromEntries(Object.entries(values).map(([k, v]) => [k === '*' ? '*' : k, v]));
      const before = await snapshot();
      if (mod.loader) {
        if (publicPages.includes(file)) {
          const body = await bodyOf(() => mod.loader!({ request: new Request(url, { headers: { Cookie: cookie } }), params: routeParams, context: {} }));
          for (const secret of secrets) expect(body, `GET ${url} shows private data`).not.toContain(secret);
        } else {
          const status = await statusOf(() => mod.loader!({ request: new Request(url, { headers: { Cookie: cookie } }), params: routeParams, context: {} }));
          // Public pages that hold nothing private (e.g. a reset-token form) may answer 200 without data; private ones must refuse.
          if (!file.startsWith('reset-password') && !file.startsWith('account.confirm-email')) expect([403, 404], `GET ${url}`).toContain(status);
        }
      }
      if (mod.action) {
        for (const intent of ['update', 'grant', 'revoke', 'addMember', 'setVoter', 'moveOut', 'representative', 'create']) {
          const body = new URLSearchParams({ intent, nameZh: '被改了', nameEn: 'Changed', type: 'grid', role: 'community_staff', placeId: ids.placeId[0], unit: '9-999', name: 'x', relation: 'other', memberId: ids.userId[0], assignmentId: ids.userId[0], email: 'staff2@fivefold.test' });
          const request = new Request(url, { method: 'POST', headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' }, body });
          const status = await statusOf(() => mod.action!({ request, params: routeParams, context: {} }));
          if (file.startsWith('reset-password') || file.startsWith('account.confirm-email')) expect(status, `POST ${url}`).toBe(200);
          else if (publicPages.includes(file)) expect([400, 403, 404, 405, 415], `POST ${url} intent=${intent}`).toContain(status);
          else expect([403, 404], `POST ${url} intent=${intent}`).toContain(status);
        }
      }
      const after = await snapshot();
      expect(after).toEqual(before);
    }
  });
});
