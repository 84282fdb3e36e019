// Why a candidate fits a need, in words: the score's parts and facts as sentences in the page's language.
// Pure, so pages, the API and tests say the same thing.
import { RATING_PRIOR, type ScorePart } from '../../matching';
import type { Translate } from '../i18n/messages';
import { skillTaxonomy } from '../resources/values';

/** What a page shows of one scored pair: plain data, safe to send to the browser (no private details). */
export interface MatchReasonData {
  total: number;
  parts: Record<ScorePart, number>;
  category: string;
  categoryFit: boolean;
  /** The candidate's skills that serve the need's category (or that the need asked for). */
  fitSkills: string[];
  steps: number;
  overlapMinutes: number | null;
  wantedMinutes: number | null;
  freeUnits: number;
  sharedLanguages: string[];
  smoothedRating: number;
  ratingCount: number;
}

/** The candidate's skills that can meet a category (skill taxonomy), plus any the need asked for by name. */
export function skillsForCategory(skills: readonly string[], category: string, asked: readonly string[] = []): string[] {
  const taxonomy = skillTaxonomy as Record<string, readonly string[]>;
  return skills.filter((s) => (taxonomy[s] ?? []).includes(category) || asked.includes(s));
}

const hours = (minutes: number) => (Math.round((minutes / 60) * 10) / 10).toString();

/** One sentence per part, best-known facts first. */
export function reasonLines(r: MatchReasonData, t: Translate): string[] {
  const lines: string[] = [];
  const category = t(`needs.category.${r.category}`);
  const skills = r.fitSkills.map((s) => t(`resources.skill.${s}`)).join(t('matching.listSeparator'));
  // A shift asks for skills by name rather than a category of need.
  if (r.category === '' || r.category === '*') {
    if (r.fitSkills.length) lines.push(t('matching.reason.askedSkills', { skills }));
  } else if (r.fitSkills.length) lines.push(t('matching.reason.skills', { category, skills }));
  else if (r.categoryFit) lines.push(t('matching.reason.category', { category }));
  lines.push(r.steps === 0 ? t('matching.reason.here') : t('matching.reason.steps', { steps: r.steps }));
  if (r.overlapMinutes === null) lines.push(t('matching.reason.anyTime'));
  else lines.push(t('matching.reason.time', { free: hours(r.overlapMinutes), wanted: hours(r.wantedMinutes ?? 0) }));
  lines.push(t('matching.reason.room', { free: r.freeUnits }));
  if (r.sharedLanguages.length) lines.push(t('matching.reason.languages', { languages: r.sharedLanguages.map((l) => t(`resources.language.${l}`)).join(t('matching.listSeparator')) }));
  lines.push(r.ratingCount > 0 ? t('matching.reason.rating', { stars: r.smoothedRating.toFixed(1), count: r.ratingCount }) : t('matching.reason.unrated', { stars: RATING_PRIOR.mean }));
  return lines;
}

/** The parts as whole percentages, for the small table beside the sentences. */
export const partPercents = (parts: Record<ScorePart, number>) => Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, Math.round(v * 100)])) as Record<ScorePart, number>;
