// Matching in the JSON API: snake_case suggestions and runs, with the reasons in both languages.
import { translator } from '../i18n/messages';
import type { MatchReasonData } from './reasons';
import { reasonLines } from './reasons';
import type { getRun } from './runs.server';
import type { suggestionsForNeed } from './suggestions.server';

const en = translator('en');
const zh = translator('zh-CN');

export function reasonJson(r: MatchReasonData) {
  return {
    score: Math.round(r.total * 10_000) / 10_000,
    parts: r.parts,
    facts: {
      category: r.category,
      category_fit: r.categoryFit,
      fit_skills: r.fitSkills,
      steps: r.steps,
      overlap_minutes: r.overlapMinutes,
      wanted_minutes: r.wantedMinutes,
      free_units: r.freeUnits,
      shared_languages: r.sharedLanguages,
      smoothed_rating: Math.round(r.smoothedRating * 100) / 100,
      rating_count: r.ratingCount,
    },
    reasons: { en: reasonLines(r, en), zh: reasonLines(r, zh) },
  };
}

export function suggestionsJson(s: Awaited<ReturnType<typeof suggestionsForNeed>>) {
  return {
    need_id: s.needId,
    dispatchable: s.dispatchable,
    remaining_units: s.remaining,
    considered: s.considered,
    excluded: s.excluded,
    excluded_by: s.excludedBy,
    suggestions: s.groups.flatMap((g) => g.items).sort((a, b) => a.rank - b.rank).map((i) => ({ kind: i.kind, id: i.id, name: i.name, rank: i.rank, points: i.points, responsible_name: i.responsibleName, ...reasonJson(i) })),
  };
}

export function runJson(r: Awaited<ReturnType<typeof getRun>>) {
  return {
    id: r.run.id,
    status: r.run.status,
    place_id: r.run.placeId,
    created_at: new Date(r.run.createdAt).toISOString(),
    approved_at: r.run.approvedAt ? new Date(r.run.approvedAt).toISOString() : null,
    needs_considered: r.run.needsConsidered,
    candidates_considered: r.run.candidatesConsidered,
    matched_units: r.run.matchedUnits,
    total_points: r.run.totalPoints,
    pairs: r.pairs.map((p) => ({ id: p.id, need_id: p.needId, need_summary: p.needSummary, kind: p.kind, candidate_id: p.candidateId, name: p.name, units: p.units, points: p.points, status: p.status, stale_reason: p.staleReason, dispatch_id: p.dispatchId, ...reasonJson(p) })),
    unmatched: r.unmatched.map((u) => ({ need_id: u.needId, summary: u.summary, units: u.units, reason: u.reason, considered: u.considered, eligible: u.eligible, excluded_by: u.excludedBy })),
  };
}
