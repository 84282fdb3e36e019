// The project fair's stable matching: known instances, and properties on random ones (fast-check) —
// no blocking pair, capacities, mutual acceptability, the proposing side's optimum against every stable
// matching found by brute force, and results that do not depend on input order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type FairInput, type FairParty, type FairSide, blockingPairs, stableMatching } from '../../../matching/stable';

const party = (id: string, ranking: string[], capacity = 1): FairParty => ({ id, capacity, ranking });
const pairKeys = (pairs: { projectId: string; applicantId: string }[]) => pairs.map((p) => `${p.projectId}-${p.applicantId}`).sort();

describe('stableMatching: known instances', () => {
  // Three projects, three organisations, opposite first choices: each side gets its own first choices
  // when it proposes, and the other side's when it receives.
  const opposed: FairInput = {
    projects: [party('P1', ['O1', 'O2', 'O3']), party('P2', ['O2', 'O3', 'O1']), party('P3', ['O3', 'O1', 'O2'])],
    applicants: [party('O1', ['P2', 'P3', 'P1']), party('O2', ['P3', 'P1', 'P2']), party('O3', ['P1', 'P2', 'P3'])],
  };

  it('gives the proposing side its best stable matching', () => {
    expect(pairKeys(stableMatching(opposed, 'project').pairs)).toEqual(['P1-O1', 'P2-O2', 'P3-O3']);
    expect(pairKeys(stableMatching(opposed, 'applicant').pairs)).toEqual(['P1-O3', 'P2-O1', 'P3-O2']);
    for (const side of ['project', 'applicant'] as const) expect(blockingPairs(opposed, stableMatching(opposed, side).pairs)).toEqual([]);
  });

  it('says at which rank each side got its partner', () => {
    const m = stableMatching(opposed, 'project');
    expect(m.pairs[0]).toEqual({ projectId: 'P1', applicantId: 'O1', projectRank: 1, applicantRank: 3 });
    expect(m.projects[0].partners).toEqual([{ id: 'O1', rank: 1, theirRank: 3 }]);
    expect(m.applicants[0].partners).toEqual([{ id: 'P1', rank: 3, theirRank: 1 }]);
    expect(m.projects[0].openPlaces).toBe(0);
    expect(m.projects[0].reason).toBeUndefined();
  });

  it('lets an organisation take several projects up to its capacity and keeps its best offers', () => {
    const input: FairInput = {
      projects: [party('P1', ['O1']), party('P2', ['O1', 'O2']), party('P3', ['O1', 'O2'])],
      applicants: [party('O1', ['P3', 'P1', 'P2'], 2), party('O2', ['P2', 'P3'], 2)],
    };
    const m = stableMatching(input, 'project');
    expect(pairKeys(m.pairs)).toEqual(['P1-O1', 'P2-O2', 'P3-O1']);
    expect(m.applicants[0].partners.map((p) => p.id)).toEqual(['P3', 'P1']);
    expect(m.applicants[1]).toMatchObject({ openPlaces: 1, reason: 'partners_full', mutualChoices: 2, fullWithPreferred: ['P3'] });
  });

  it('lets a project take more than one organisation', () => {
    const input: FairInput = {
      projects: [party('P1', ['O1', 'O2', 'O3'], 2)],
      applicants: [party('O1', ['P1']), party('O2', ['P1']), party('O3', ['P1'])],
    };
    const m = stableMatching(input, 'applicant');
    expect(pairKeys(m.pairs)).toEqual(['P1-O1', 'P1-O2']);
    expect(m.applicants[2]).toMatchObject({ openPlaces: 1, reason: 'partners_full', fullWithPreferred: ['P1'] });
  });

  it('pairs only parties that ranked each other, and says why others stay open', () => {
    const input: FairInput = {
      projects: [party('P1', ['O1']), party('P2', []), party('P3', ['O2'])],
      applicants: [party('O1', ['P3']), party('O2', ['P3'])],
    };
    const m = stableMatching(input, 'applicant');
    expect(pairKeys(m.pairs)).toEqual(['P3-O2']);
    expect(m.projects.map((o) => o.reason)).toEqual(['no_mutual_choice', 'no_ranking', undefined]);
    expect(m.applicants[0]).toMatchObject({ openPlaces: 1, reason: 'no_mutual_choice', mutualChoices: 0, fullWithPreferred: [] });
  });

  it('treats capacity 0 as taking part without places', () => {
    const input: FairInput = { projects: [party('P1', ['O1'], 0)], applicants: [party('O1', ['P1'])] };
    for (const side of ['project', 'applicant'] as const) {
      const m = stableMatching(input, side);
      expect(m.pairs).toEqual([]);
      expect(m.projects[0].openPlaces).toBe(0);
      expect(m.applicants[0]).toMatchObject({ openPlaces: 1, reason: 'partners_full' });
    }
  });

  it('refuses malformed input', () => {
    expect(() => stableMatching({ projects: [party('P1', []), party('P1', [])], applicants: [] })).toThrow(/duplicate project/);
    expect(() => stableMatching({ projects: [party('P1', ['O1', 'O1'])], applicants: [party('O1', [])] })).toThrow(/twice/);
    expect(() => stableMatching({ projects: [party('P1', ['O9'])], applicants: [] })).toThrow(/unknown O9/);
    expect(() => stableMatching({ projects: [party('P1', [], -1)], applicants: [] })).toThrow(/capacity/);
    expect(() => stableMatching({ projects: [party('P1', [], 1.5)], applicants: [] })).toThrow(/capacity/);
  });

  it('blockingPairs finds the pair an unstable matching leaves wanting each other', () => {
    const input: FairInput = {
      projects: [party('P1', ['O1', 'O2']), party('P2', ['O1', 'O2'])],
      applicants: [party('O1', ['P1', 'P2']), party('O2', ['P1', 'P2'])],
    };
    expect(blockingPairs(input, [{ projectId: 'P1', applicantId: 'O2' }, { projectId: 'P2', applicantId: 'O1' }])).toEqual([
      { projectId: 'P1', applicantId: 'O1' },
    ]);
    // An open place is enough to want someone.
    expect(blockingPairs(input, [{ projectId: 'P1', applicantId: 'O1' }])).toEqual([{ projectId: 'P2', applicantId: 'O2' }]);
  });

  it('handles a fair the size of a district (106 projects × 109 organisations) quickly', () => {
    const input = randomFair(106, 109, 12, 20261123);
    const started = performance.now();
    const m = stableMatching(input, 'project');
    expect(performance.now() - started).toBeLessThan(500);
    expect(blockingPairs(input, m.pairs)).toEqual([]);
    expect(m.pairs.length).toBeGreaterThan(50);
  });
});

// ---------------------------------------------------------------- random instances

function randomFair(projects: number, applicants: number, listLength: number, seed: number): FairInput {
  let s = seed >>> 0;
  const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const pick = (ids: string[]) => {
    const copy = [...ids];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, listLength);
  };
  const pIds = Array.from({ length: projects }, (_, i) => `P${i}`);
  const aIds = Array.from({ length: applicants }, (_, i) => `O${i}`);
  return {
    projects: pIds.map((id) => party(id, pick(aIds), 1)),
    applicants: aIds.map((id) => party(id, pick(pIds), 1 + Math.floor(rand() * 3))),
  };
}

/** A fair: sizes, capacities, and for each party a ranked subset of the other side. */
const fairArb = (maxProjects: number, maxApplicants: number, maxCapacity: number) =>
  fc.tuple(fc.integer({ min: 0, max: maxProjects }), fc.integer({ min: 0, max: maxApplicants })).chain(([np, na]) => {
    const pIds = Array.from({ length: np }, (_, i) => `P${i}`);
    const aIds = Array.from({ length: na }, (_, i) => `O${i}`);
    const rankingOf = (ids: string[]) => fc.shuffledSubarray(ids).chain((subset) => fc.shuffledSubarray(subset, { minLength: subset.length }));
    const partyOf = (id: string, others: string[]) =>
      fc.record({ id: fc.constant(id), capacity: fc.integer({ min: 0, max: maxCapacity }), ranking: rankingOf(others) });
    return fc.record({
      projects: fc.tuple(...pIds.map((id) => partyOf(id, aIds))),
      applicants: fc.tuple(...aIds.map((id) => partyOf(id, pIds))),
    }) as fc.Arbitrary<FairInput>;
  });

const sideArb = fc.constantFrom<FairSide>('project', 'applicant');

/** Every pairwise-stable matching, by trying every set of mutually acceptable pairs within capacities. */
function allStableMatchings(input: FairInput): { projectId: string; applicantId: string }[][] {
  const acceptable: { projectId: string; applicantId: string }[] = [];
  for (const p of input.projects) for (const a of input.applicants) if (p.ranking.includes(a.id) && a.ranking.includes(p.id)) acceptable.push({ projectId: p.id, applicantId: a.id });
  const room = new Map<string, number>([...input.projects.map((p) => [`p${p.id}`, p.capacity] as const), ...input.applicants.map((a) => [`a${a.id}`, a.capacity] as const)]);
  const found: { projectId: string; applicantId: string }[][] = [];
  const chosen: { projectId: string; applicantId: string }[] = [];
  const walk = (i: number) => {
    if (i === acceptable.length) {
      if (blockingPairs(input, chosen).length === 0) found.push([...chosen]);
      return;
    }
    walk(i + 1);
    const pair = acceptable[i];
    const pk = `p${pair.projectId}`;
    const ak = `a${pair.applicantId}`;
    if (room.get(pk)! > 0 && room.get(ak)! > 0) {
      room.set(pk, room.get(pk)! - 1);
      room.set(ak, room.get(ak)! - 1);
      chosen.push(pair);
      walk(i + 1);
      chosen.pop();
      room.set(pk, room.get(pk)! + 1);
      room.set(ak, room.get(ak)! + 1);
    }
  };
  walk(0);
  return found;
}

/** A party's best `capacity` partners among `ids` by its ranking (its choice from a set). */
function choose(party: FairParty, ids: Iterable<string>): string[] {
  return [...new Set(ids)].sort((x, y) => party.ranking.indexOf(x) - party.ranking.indexOf(y)).slice(0, party.capacity).sort();
}

describe('stableMatching: properties', () => {
  it('has no blocking pair, respects capacities and pairs only mutually acceptable parties', () => {
    fc.assert(
      fc.property(fairArb(8, 8, 3), sideArb, (input, side) => {
        const m = stableMatching(input, side);
        expect(blockingPairs(input, m.pairs)).toEqual([]);
        const count = new Map<string, number>();
        for (const pair of m.pairs) {
          count.set(`p${pair.projectId}`, (count.get(`p${pair.projectId}`) ?? 0) + 1);
          count.set(`a${pair.applicantId}`, (count.get(`a${pair.applicantId}`) ?? 0) + 1);
          const project = input.projects.find((p) => p.id === pair.projectId)!;
          const applicant = input.applicants.find((a) => a.id === pair.applicantId)!;
          expect(project.ranking.indexOf(pair.applicantId) + 1).toBe(pair.projectRank);
          expect(applicant.ranking.indexOf(pair.projectId) + 1).toBe(pair.applicantRank);
          expect(pair.projectRank).toBeGreaterThan(0);
          expect(pair.applicantRank).toBeGreaterThan(0);
        }
        for (const p of input.projects) expect(count.get(`p${p.id}`) ?? 0).toBeLessThanOrEqual(p.capacity);
        for (const a of input.applicants) expect(count.get(`a${a.id}`) ?? 0).toBeLessThanOrEqual(a.capacity);
        expect(new Set(pairKeys(m.pairs)).size).toBe(m.pairs.length);
      }),
      { numRuns: 300 },
    );
  });

  it('gives each proposer the best set it has in any stable matching, and each receiver the worst (brute force)', () => {
    fc.assert(
      fc.property(fairArb(4, 4, 2), sideArb, (input, side) => {
        const m = stableMatching(input, side);
        const all = allStableMatchings(input);
        expect(all.map(pairKeys)).toContainEqual(pairKeys(m.pairs));
        const [proposers, receivers] = side === 'project' ? [input.projects, input.applicants] : [input.applicants, input.projects];
        const partners = (pairs: { projectId: string; applicantId: string }[], id: string) =>
          side === 'project'
            ? { asProposer: pairs.filter((p) => p.projectId === id).map((p) => p.applicantId), asReceiver: pairs.filter((p) => p.applicantId === id).map((p) => p.projectId) }
            : { asProposer: pairs.filter((p) => p.applicantId === id).map((p) => p.projectId), asReceiver: pairs.filter((p) => p.projectId === id).map((p) => p.applicantId) };
        for (const other of all) {
          for (const p of proposers) {
            const mine = partners(m.pairs, p.id).asProposer;
            // Offered its partners here and in the other matching, it keeps exactly what it has here.
            expect(choose(p, [...mine, ...partners(other, p.id).asProposer])).toEqual([...mine].sort());
          }
          for (const r of receivers) {
            const theirs = partners(other, r.id).asReceiver;
            expect(choose(r, [...partners(m.pairs, r.id).asReceiver, ...theirs])).toEqual([...theirs].sort());
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic and does not depend on the order parties are listed', () => {
    fc.assert(
      fc.property(fairArb(7, 7, 3), sideArb, fc.infiniteStream(fc.nat()), (input, side, noise) => {
        const m = stableMatching(input, side);
        expect(stableMatching(input, side)).toEqual(m);
        const shuffle = <T,>(xs: readonly T[]) => xs.map((x) => [noise.next().value as number, x] as const).sort((a, b) => a[0] - b[0]).map(([, x]) => x);
        const shuffled = stableMatching({ projects: shuffle(input.projects), applicants: shuffle(input.applicants) }, side);
        expect(pairKeys(shuffled.pairs)).toEqual(pairKeys(m.pairs));
      }),
      { numRuns: 200 },
    );
  });

  it('explains every open place consistently with the matching', () => {
    fc.assert(
      fc.property(fairArb(7, 7, 3), sideArb, (input, side) => {
        const m = stableMatching(input, side);
        for (const outcome of [...m.projects, ...m.applicants]) {
          expect(outcome.partners.length + outcome.openPlaces).toBe(outcome.capacity);
          expect(outcome.partners.map((p) => p.rank)).toEqual([...outcome.partners.map((p) => p.rank)].sort((a, b) => a - b));
          if (outcome.openPlaces === 0) {
            expect(outcome.reason).toBeUndefined();
            continue;
          }
          // With a place open, stability means every mutual choice it lacks is full with preferred partners.
          expect(outcome.fullWithPreferred.length).toBe(outcome.mutualChoices - outcome.partners.length);
          if (outcome.mutualChoices === 0) expect(['no_ranking', 'no_mutual_choice']).toContain(outcome.reason);
          else expect(outcome.reason).toBe('partners_full');
        }
      }),
      { numRuns: 200 },
    );
  });
});
