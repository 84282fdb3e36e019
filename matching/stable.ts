// The project fair's proposal (项目相亲会): many-to-many deferred acceptance with capacities on both
// sides. Projects and applicants (organisations, resident teams) each rank the other side; an unranked
// party is unacceptable. The proposing side gets its best stable matching; every party gets an outcome
// that says at which rank each partner came or why a place stayed open.

export const fairSides = ['project', 'applicant'] as const;
export type FairSide = (typeof fairSides)[number];

/** One party at the fair: how many partners it may take and whom it accepts, best first. */
export interface FairParty {
  id: string;
  capacity: number;
  /** Ids of the other side, most preferred first; anyone not listed is unacceptable. */
  ranking: readonly string[];
}

export interface FairInput {
  projects: readonly FairParty[];
  applicants: readonly FairParty[];
}

export interface FairPair {
  projectId: string;
  applicantId: string;
  /** 1-based position of the applicant in the project's ranking. */
  projectRank: number;
  /** 1-based position of the project in the applicant's ranking. */
  applicantRank: number;
}

/**
 * Why a party has open places in a stable matching:
 * - no_ranking: it ranked nobody;
 * - no_mutual_choice: nobody it ranked ranked it back;
 * - partners_full: every mutual choice it did not get is full with partners that one prefers.
 */
export type OpenReason = 'no_ranking' | 'no_mutual_choice' | 'partners_full';

export interface FairPartner {
  id: string;
  /** Where this party ranked the partner (1 = first choice). */
  rank: number;
  /** Where the partner ranked this party. */
  theirRank: number;
}

export interface FairOutcome {
  side: FairSide;
  id: string;
  capacity: number;
  /** Partners, best ranked first. */
  partners: FairPartner[];
  openPlaces: number;
  /** Set when openPlaces > 0. */
  reason?: OpenReason;
  /** Parties that ranked this one back (mutually acceptable). */
  mutualChoices: number;
  /** Mutual choices it did not get, each full with partners it prefers. */
  fullWithPreferred: string[];
}

export interface FairMatching {
  proposing: FairSide;
  /** Sorted by the projects' input order, then by the project's rank. */
  pairs: FairPair[];
  projects: FairOutcome[];
  applicants: FairOutcome[];
  /** Proposals made until no one had anyone left to propose to. */
  proposals: number;
}

/**
 * Deferred acceptance (Gale–Shapley; Roth 1984 for many-to-many with capacities): each proposer with
 * room proposes to its next choice; a receiver keeps its best offers up to its capacity and turns the
 * rest down. The result is pairwise stable, respects every capacity, pairs only mutually acceptable
 * parties, is the best stable matching for the proposing side, and does not depend on input order.
 */
export function stableMatching(input: FairInput, proposing: FairSide = 'applicant'): FairMatching {
  const projects = { parties: checked(input.projects, 'project') };
  const applicants = { parties: checked(input.applicants, 'applicant') };
  const projectIndex = indexOf(projects.parties);
  const applicantIndex = indexOf(applicants.parties);
  // rank[side][i] maps an index of the other side to i's 0-based rank (absent = unacceptable).
  const projectRank = rankTables(projects.parties, applicantIndex, 'project');
  const applicantRank = rankTables(applicants.parties, projectIndex, 'applicant');

  const [P, R, rRank] = proposing === 'project' ? [projects.parties, applicants.parties, applicantRank] : [applicants.parties, projects.parties, projectRank];
  const pList = P.map((p, i) => p.ranking.map((id) => (proposing === 'project' ? applicantIndex : projectIndex).get(id)!).filter((r) => rRank[r].has(i)));

  const next = new Int32Array(P.length);
  const heldCount = new Int32Array(P.length);
  /** For each receiver, the proposers it holds, best (lowest rank) first. */
  const held: number[][] = R.map(() => []);
  const queue: number[] = [];
  for (let i = 0; i < P.length; i++) queue.push(i);
  let proposals = 0;

  while (queue.length > 0) {
    const p = queue.pop()!;
    while (heldCount[p] < P[p].capacity && next[p] < pList[p].length) {
      const r = pList[p][next[p]++];
      proposals++;
      if (R[r].capacity === 0) continue;
      const mine = rRank[r].get(p)!;
      const list = held[r];
      if (list.length === R[r].capacity && rRank[r].get(list[list.length - 1])! < mine) continue;
      let at = list.length;
      while (at > 0 && rRank[r].get(list[at - 1])! > mine) at--;
      list.splice(at, 0, p);
      heldCount[p]++;
      if (list.length > R[r].capacity) {
        const dropped = list.pop()!;
        // Never p itself: a full receiver only takes p ahead of someone it ranks lower.
        heldCount[dropped]--;
        queue.push(dropped);
      }
    }
  }

  const pairs: FairPair[] = [];
  R.forEach((_, r) => {
    for (const p of held[r]) {
      const [pi, ai] = proposing === 'project' ? [p, r] : [r, p];
      pairs.push({
        projectId: projects.parties[pi].id,
        applicantId: applicants.parties[ai].id,
        projectRank: projectRank[pi].get(ai)! + 1,
        applicantRank: applicantRank[ai].get(pi)! + 1,
      });
    }
  });
  pairs.sort((a, b) => projectIndex.get(a.projectId)! - projectIndex.get(b.projectId)! || a.projectRank - b.projectRank);

  const projectPartners: number[][] = projects.parties.map(() => []);
  const applicantPartners: number[][] = applicants.parties.map(() => []);
  for (const pair of pairs) {
    const pi = projectIndex.get(pair.projectId)!;
    const ai = applicantIndex.get(pair.applicantId)!;
    projectPartners[pi].push(ai);
    applicantPartners[ai].push(pi);
  }

  const outcomes = (side: FairSide): FairOutcome[] => {
    const [mine, theirs, myRank, theirRank, myPartners, theirPartners, theirIndex] =
      side === 'project'
        ? [projects.parties, applicants.parties, projectRank, applicantRank, projectPartners, applicantPartners, applicantIndex]
        : [applicants.parties, projects.parties, applicantRank, projectRank, applicantPartners, projectPartners, projectIndex];
    return mine.map((party, i) => {
      const partners = myPartners[i]
        .map((j) => ({ id: theirs[j].id, rank: myRank[i].get(j)! + 1, theirRank: theirRank[j].get(i)! + 1 }))
        .sort((a, b) => a.rank - b.rank);
      const mutual = party.ranking.map((id) => theirIndex.get(id)!).filter((j) => theirRank[j].has(i));
      const got = new Set(myPartners[i]);
      const fullWithPreferred = mutual
        .filter((j) => !got.has(j) && theirPartners[j].length >= theirs[j].capacity && theirPartners[j].every((k) => theirRank[j].get(k)! < theirRank[j].get(i)!))
        .map((j) => theirs[j].id);
      const openPlaces = Math.max(0, party.capacity - partners.length);
      const outcome: FairOutcome = { side, id: party.id, capacity: party.capacity, partners, openPlaces, mutualChoices: mutual.length, fullWithPreferred };
      if (openPlaces > 0) outcome.reason = party.ranking.length === 0 ? 'no_ranking' : mutual.length === 0 ? 'no_mutual_choice' : 'partners_full';
      return outcome;
    });
  };

  return { proposing, pairs, projects: outcomes('project'), applicants: outcomes('applicant'), proposals };
}

/**
 * Pairs that would both rather be together than keep what they have (empty for a stable matching):
 * mutually acceptable, not paired, and each has an open place or a partner it ranks lower.
 */
export function blockingPairs(input: FairInput, pairs: readonly Pick<FairPair, 'projectId' | 'applicantId'>[]): { projectId: string; applicantId: string }[] {
  const projectRanks = new Map(input.projects.map((p) => [p.id, new Map(p.ranking.map((id, r) => [id, r]))]));
  const applicantRanks = new Map(input.applicants.map((a) => [a.id, new Map(a.ranking.map((id, r) => [id, r]))]));
  const partnersOf = new Map<string, string[]>();
  const key = (side: FairSide, id: string) => `${side}:${id}`;
  const paired = new Set<string>();
  for (const { projectId, applicantId } of pairs) {
    partnersOf.set(key('project', projectId), [...(partnersOf.get(key('project', projectId)) ?? []), applicantId]);
    partnersOf.set(key('applicant', applicantId), [...(partnersOf.get(key('applicant', applicantId)) ?? []), projectId]);
    paired.add(`${projectId}\u0000${applicantId}`);
  }
  const wants = (party: FairParty, side: FairSide, ranks: Map<string, number>, other: string) => {
    const mine = partnersOf.get(key(side, party.id)) ?? [];
    if (mine.length < party.capacity) return true;
    return mine.some((partner) => (ranks.get(partner) ?? Infinity) > ranks.get(other)!);
  };
  const blocking: { projectId: string; applicantId: string }[] = [];
  for (const project of input.projects) {
    const pr = projectRanks.get(project.id)!;
    for (const applicant of input.applicants) {
      const ar = applicantRanks.get(applicant.id)!;
      if (!pr.has(applicant.id) || !ar.has(project.id) || paired.has(`${project.id}\u0000${applicant.id}`)) continue;
      if (wants(project, 'project', pr, applicant.id) && wants(applicant, 'applicant', ar, project.id)) {
        blocking.push({ projectId: project.id, applicantId: applicant.id });
      }
    }
  }
  return blocking;
}

// ---------------------------------------------------------------- input checks

function checked(parties: readonly FairParty[], side: FairSide): readonly FairParty[] {
  const seen = new Set<string>();
  for (const party of parties) {
    if (seen.has(party.id)) throw new Error(`duplicate ${side} ${party.id}`);
    seen.add(party.id);
    if (!Number.isInteger(party.capacity) || party.capacity < 0) throw new Error(`${side} ${party.id}: capacity must be a whole number ≥ 0`);
    if (new Set(party.ranking).size !== party.ranking.length) throw new Error(`${side} ${party.id}: ranks someone twice`);
  }
  return parties;
}

function indexOf(parties: readonly FairParty[]): Map<string, number> {
  return new Map(parties.map((p, i) => [p.id, i]));
}

function rankTables(parties: readonly FairParty[], otherIndex: Map<string, number>, side: FairSide): Map<number, number>[] {
  return parties.map((party) =>
    new Map(
      party.ranking.map((id, rank) => {
        const j = otherIndex.get(id);
        if (j === undefined) throw new Error(`${side} ${party.id} ranks unknown ${id}`);
        return [j, rank];
      }),
    ),
  );
}
