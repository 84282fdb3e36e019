// A programme's rules in plain words, as message keys with parameters (money stays in minor units until shown), so
// the same explanation is rendered in zh-CN and en on the project page before anyone gives.
import type { ProgrammeRules } from './rules';

export type ExplainParam = string | number | { minor: number } | { date: Date };
export interface ExplainLine {
  key: string;
  params: Record<string, ExplainParam>;
}

const ratioParams = (num: number, den: number) => ({ num, den });

export function explainProgramme(r: ProgrammeRules, currency = 'CNY'): ExplainLine[] {
  const lines: ExplainLine[] = [];
  const money = (minor: number) => ({ minor });
  void currency;
  if (r.tiers.length === 1) lines.push({ key: 'mf.x.ratio', params: ratioParams(r.tiers[0].num, r.tiers[0].den) });
  else {
    lines.push({ key: 'mf.x.tiers', params: {} });
    r.tiers.forEach((t, i) => {
      const next = r.tiers[i + 1];
      lines.push(next ? { key: 'mf.x.tier_between', params: { from: money(t.fromMinor), to: money(next.fromMinor), ...ratioParams(t.num, t.den) } } : { key: 'mf.x.tier_above', params: { from: money(t.fromMinor), ...ratioParams(t.num, t.den) } });
    });
  }
  lines.push({ key: 'mf.x.rounding', params: {} });
  if (r.seedMinor > 0) lines.push({ key: 'mf.x.seed', params: { seed: money(r.seedMinor) } });
  const sources = r.matchedSources.map((s) => `mf.source.${s}`);
  lines.push({ key: sources.length === 3 ? 'mf.x.sources_all' : 'mf.x.sources', params: { sources: sources.join('|') } });
  if (r.minGiftMinor > 1) lines.push({ key: 'mf.x.minimum', params: { min: money(r.minGiftMinor) } });
  if (r.perDonorCapMinor !== null) lines.push({ key: 'mf.x.donor_cap', params: { cap: money(r.perDonorCapMinor) } });
  if (r.perProjectCapMinor !== null) lines.push({ key: 'mf.x.project_cap', params: { cap: money(r.perProjectCapMinor) } });
  if (r.programmeCapMinor !== null) lines.push({ key: 'mf.x.programme_cap', params: { cap: money(r.programmeCapMinor) } });
  lines.push({ key: r.exhaustion === 'stop' ? 'mf.x.exhaust_stop' : 'mf.x.exhaust_pro_rate', params: {} });
  lines.push({ key: 'mf.x.dates', params: { from: { date: r.startsAt }, to: { date: new Date(r.endsAt.getTime() - 1) } } });
  if (r.categories.length) lines.push({ key: 'mf.x.categories', params: { categories: r.categories.join('、') } });
  lines.push({ key: 'mf.x.money_only', params: {} });
  lines.push({ key: 'mf.x.refunds', params: {} });
  lines.push({ key: 'mf.x.same_time', params: {} });
  return lines;
}

/** Renders lines with a translator and formatters (the page passes its locale's). */
export function renderExplanation(lines: ExplainLine[], t: (key: string, params?: Record<string, string | number>) => string, fmt: { money(minor: number): string; date(d: Date): string }): string[] {
  return lines.map((line) => {
    const params: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(line.params)) {
      if (typeof v === 'object' && 'minor' in v) params[k] = fmt.money(v.minor);
      else if (typeof v === 'object' && 'date' in v) params[k] = fmt.date(v.date);
      else if (k === 'sources') params[k] = String(v).split('|').map((s) => t(s)).join(t('mf.x.and'));
      else params[k] = v;
    }
    return t(line.key, params);
  });
}
