// Pure rules of deliberation: a topic's stages, the vote tally (turnout, quorum, threshold as a share of the
// eligible), moderation's hiding threshold and panel averages. Integer arithmetic only: 59.9% never rounds to 60%.
import type { BallotChannel, OptionKind, TopicStage } from './values';

/** Where a topic may go from each stage; declining is only possible before public notice. */
export const topicNext: Record<TopicStage, readonly TopicStage[]> = {
  listed: ['chosen', 'declined'],
  chosen: ['notice', 'declined'],
  notice: ['deliberation'],
  deliberation: ['plan'],
  plan: ['implementation'],
  implementation: ['evaluation'],
  evaluation: ['done'],
  done: [],
  declined: [],
};

export const canMoveTopic = (from: TopicStage, to: TopicStage) => topicNext[from].includes(to);

/** The stages shown on the timeline, in order (declined replaces the rest when it happens). */
export const topicPath: readonly TopicStage[] = ['listed', 'chosen', 'notice', 'deliberation', 'plan', 'implementation', 'evaluation', 'done'];

/** Residents may comment while the topic is under discussion, from listing to the plan. */
export const commentsOpen = (stage: TopicStage) => ['listed', 'chosen', 'notice', 'deliberation', 'plan'].includes(stage);

/** How many reports hide a comment until a moderator looks at it. */
export const REPORTS_TO_HIDE = 3;

/** A comment hides when reports reach the threshold, unless a moderator has already kept it. */
export const shouldHide = (reports: number, reviewed: boolean, threshold = REPORTS_TO_HIDE) => !reviewed && reports >= threshold;

/** Percent as typed ("60", "59.9") to per mille; null when it is not a number in 0.1..100 with one decimal at most. */
export function percentToPermille(input: string): number | null {
  const m = /^\s*(\d{1,3})(?:[.,](\d))?\s*$/.exec(input);
  if (!m) return null;
  const permille = Number(m[1]) * 10 + (m[2] ? Number(m[2]) : 0);
  return permille >= 1 && permille <= 1000 ? permille : null;
}

export const formatPermille = (permille: number) => (permille % 10 === 0 ? String(permille / 10) : (permille / 10).toFixed(1));

/** The least count that reaches `permille` of `base`: ceil(base × permille / 1000), exactly. */
export const neededFor = (base: number, permille: number) => Math.ceil((base * permille) / 1000);

/** Whether `count` is at least `permille` of `base`, in integers. */
export const reaches = (count: number, base: number, permille: number) => count * 1000 >= base * permille;

export interface TallySettings {
  eligible: number;
  thresholdPermille: number;
  quorumPermille: number;
  abstentionsCountForQuorum: boolean;
  paperBallotsCount: boolean;
}

export interface TallyOption {
  id: string;
  kind: OptionKind;
  /** Ballots per channel. */
  counts: Partial<Record<BallotChannel, number>>;
}

export interface Tally {
  eligible: number;
  /** Ballots that count (paper ones only when the vote counts them), abstentions included. */
  turnout: number;
  /** Ballots entered from paper or signature sheets that were not counted because the vote says so. */
  uncountedPaper: number;
  /** Per option, the ballots that count. */
  options: { id: string; kind: OptionKind; votes: number }[];
  /** Ballots toward the quorum: the turnout, less abstentions when they do not count for it. */
  quorumCount: number;
  quorumNeeded: number;
  quorumMet: boolean;
  thresholdNeeded: number;
  /** The choice with most votes; null when none has any or two lead together. */
  leadingOptionId: string | null;
  leadingVotes: number;
  /** Quorum met and the sole leading choice reached the threshold of the eligible. */
  carried: boolean;
}

export function tally(settings: TallySettings, options: readonly TallyOption[]): Tally {
  const counted = (c: TallyOption['counts']) => (c.online ?? 0) + (settings.paperBallotsCount ? (c.paper ?? 0) + (c.signature_sheet ?? 0) : 0);
  const perOption = options.map((o) => ({ id: o.id, kind: o.kind, votes: counted(o.counts) }));
  const uncountedPaper = settings.paperBallotsCount ? 0 : options.reduce((s, o) => s + (o.counts.paper ?? 0) + (o.counts.signature_sheet ?? 0), 0);
  const turnout = perOption.reduce((s, o) => s + o.votes, 0);
  const abstentions = perOption.filter((o) => o.kind === 'abstain').reduce((s, o) => s + o.votes, 0);
  const quorumCount = settings.abstentionsCountForQuorum ? turnout : turnout - abstentions;
  const quorumMet = reaches(quorumCount, settings.eligible, settings.quorumPermille);
  const choices = perOption.filter((o) => o.kind === 'choice').sort((a, b) => b.votes - a.votes);
  const top = choices[0];
  const sole = top && top.votes > 0 && (choices.length < 2 || choices[1].votes < top.votes) ? top : null;
  const carried = Boolean(sole) && settings.eligible > 0 && quorumMet && reaches(sole!.votes, settings.eligible, settings.thresholdPermille);
  return {
    eligible: settings.eligible,
    turnout,
    uncountedPaper,
    options: perOption,
    quorumCount,
    quorumNeeded: neededFor(settings.eligible, settings.quorumPermille),
    quorumMet,
    thresholdNeeded: neededFor(settings.eligible, settings.thresholdPermille),
    leadingOptionId: sole?.id ?? null,
    leadingVotes: top?.votes ?? 0,
    carried,
  };
}

/** Per-mille share, rounded down, for display ("52.3%"); never used for deciding. */
export const sharePermille = (count: number, base: number) => (base > 0 ? Math.floor((count * 1000) / base) : 0);

/** A panel criterion's average score in hundredths (4.25 → 425), or null with no scores. */
export function averageHundredths(scores: readonly number[]): number | null {
  if (!scores.length) return null;
  return Math.round((scores.reduce((s, x) => s + x, 0) * 100) / scores.length);
}
