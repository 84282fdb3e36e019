// The API's snake_case shapes of topics and votes (public fields only; never who voted what).
import type { Tally } from './rules';

export const topicSummaryJson = (t: {
  id: string;
  title: string;
  stage: string;
  origin: string;
  placeZh: string;
  placeEn: string;
  comments: number;
  createdAt: Date;
  stageChangedAt: Date;
}) => ({
  id: t.id,
  title: t.title,
  stage: t.stage,
  origin: t.origin,
  place: { name_zh: t.placeZh, name_en: t.placeEn },
  comments: t.comments,
  created_at: t.createdAt.toISOString(),
  stage_changed_at: t.stageChangedAt.toISOString(),
});

export function tallyJson(t: Tally) {
  return {
    eligible: t.eligible,
    turnout: t.turnout,
    uncounted_paper: t.uncountedPaper,
    options: t.options.map((o) => ({ id: o.id, kind: o.kind, votes: o.votes })),
    quorum_count: t.quorumCount,
    quorum_needed: t.quorumNeeded,
    quorum_met: t.quorumMet,
    threshold_needed: t.thresholdNeeded,
    leading_option_id: t.leadingOptionId,
    carried: t.carried,
  };
}

export function voteJson(v: {
  id: string;
  question: string;
  description: string;
  status: string;
  unit: string;
  binding: boolean;
  opensAt: Date;
  closesAt: Date;
  thresholdPermille: number;
  quorumPermille: number;
  abstentionsCountForQuorum: boolean;
  paperBallotsCount: boolean;
  topicId: string | null;
  eligibleCount: number | null;
  options: { id: string; label: string; kind: string; position: number }[];
  tally: Tally;
  channels: Record<string, number>;
  participants: number;
}) {
  return {
    id: v.id,
    question: v.question,
    description: v.description,
    status: v.status,
    unit: v.unit,
    binding: v.binding,
    opens_at: v.opensAt.toISOString(),
    closes_at: v.closesAt.toISOString(),
    threshold_permille: v.thresholdPermille,
    quorum_permille: v.quorumPermille,
    abstentions_count_for_quorum: v.abstentionsCountForQuorum,
    paper_ballots_count: v.paperBallotsCount,
    topic_id: v.topicId,
    eligible: v.eligibleCount,
    options: v.options.map((o) => ({ id: o.id, label: o.label, kind: o.kind, position: o.position })),
    progress: tallyJson(v.tally),
    channels: v.channels,
    participants: v.participants,
  };
}
