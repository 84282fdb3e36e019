// Highlighting over segmented text: marks the words and CJK substrings a query matched, in the original text.
import type { HighlightPart } from './engine';
import { normalize, tokenize } from './segment';

export interface Matcher {
  /** Whole words that match (the query's words and their typo corrections). */
  words: Set<string>;
  /** Word prefixes that match (the last word while typing). */
  prefixes: string[];
  /** CJK substrings that match. */
  cjk: string[];
}

/** Normalises one code point at a time, keeping for every normalised unit the offset of its original. */
function normaliseWithMap(text: string) {
  let out = '';
  const map: number[] = [];
  let offset = 0;
  for (const ch of text) {
    const n = normalize(ch);
    for (let i = 0; i < n.length; i++) map.push(offset);
    out += n;
    offset += ch.length;
  }
  map.push(text.length);
  return { normalised: out, map };
}

function matchSpans(text: string, matcher: Matcher): Array<[number, number]> {
  const { normalised, map } = normaliseWithMap(text);
  const spans: Array<[number, number]> = [];
  for (const t of tokenize(normalised, true)) {
    if (t.cjk) continue;
    if (matcher.words.has(t.text) || matcher.prefixes.some((p) => t.text.startsWith(p))) spans.push([t.start, t.end]);
  }
  for (const needle of matcher.cjk) {
    if (!needle) continue;
    for (let at = normalised.indexOf(needle); at >= 0; at = normalised.indexOf(needle, at + needle.length)) {
      spans.push([at, at + needle.length]);
    }
  }
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Array<[number, number]> = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([s[0], s[1]]);
  }
  // Back to offsets in the original text.
  return merged.map(([a, b]) => {
    const start = map[a];
    let end = map[b] ?? text.length;
    if (end <= start) end = start + 1;
    return [start, end] as [number, number];
  });
}

function toParts(text: string, spans: Array<[number, number]>): HighlightPart[] {
  const parts: HighlightPart[] = [];
  let at = 0;
  for (const [a, b] of spans) {
    if (a > at) parts.push({ text: text.slice(at, a), match: false });
    parts.push({ text: text.slice(a, b), match: true });
    at = b;
  }
  if (at < text.length) parts.push({ text: text.slice(at), match: false });
  return parts;
}

/** The whole text in parts. */
export function highlight(text: string, matcher: Matcher): HighlightPart[] {
  return toParts(text, matchSpans(text, matcher));
}

/** A window of about `chars` characters around the first match (the start when nothing matched), in parts. */
export function snippet(text: string, matcher: Matcher, chars: number): HighlightPart[] {
  const spans = matchSpans(text, matcher);
  if (text.length <= chars) return toParts(text, spans);
  const first = spans[0]?.[0] ?? 0;
  let start = Math.max(0, first - Math.floor(chars / 4));
  // Do not cut a surrogate pair.
  if (start > 0 && /[\uDC00-\uDFFF]/.test(text[start])) start--;
  let end = Math.min(text.length, start + chars);
  if (end < text.length && /[\uDC00-\uDFFF]/.test(text[end])) end++;
  const inside = spans
    .filter(([a, b]) => b > start && a < end)
    .map(([a, b]) => [Math.max(a, start) - start, Math.min(b, end) - start] as [number, number]);
  const parts = toParts(text.slice(start, end), inside);
  if (start > 0) parts.unshift({ text: '…', match: false });
  if (end < text.length) parts.push({ text: '…', match: false });
  return parts;
}
