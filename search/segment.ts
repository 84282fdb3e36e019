// Text segmentation for search, the same at index time and at query time.
// Chinese has no spaces, so `Intl.Segmenter` (ICU's dictionary) finds the words; because a dictionary never
// agrees with every reader (送餐 comes out as 送|餐, 四点半 as 四|点|半), every run of CJK characters is also
// emitted as overlapping bigrams, and a query's CJK run becomes the phrase of its bigrams. Any substring of two
// or more characters is therefore findable whatever the dictionary says.
// Text is normalised with NFKC (full-width Ｒｅｐａｉｒ → Repair, ideographic space → space) and lower-cased.

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const NOT_WORD_CHAR = /[^\p{L}\p{N}]/gu;

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** NFKC and lower case. */
export function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

export const isCjk = (text: string) => CJK.test(text);

export interface Token {
  /** Normalised word: letters and digits only, or a CJK word from the dictionary. */
  text: string;
  cjk: boolean;
  /** Offsets of the word in the normalised text. */
  start: number;
  end: number;
}

/** Word tokens of a text (normalised first), in order, with their offsets in the normalised text. */
export function tokenize(text: string, alreadyNormalised = false): Token[] {
  const normalised = alreadyNormalised ? text : normalize(text);
  const out: Token[] = [];
  for (const s of segmenter.segment(normalised)) {
    if (!s.isWordLike) continue;
    const cjk = CJK.test(s.segment);
    if (cjk) {
      // A segment can mix scripts (rarely); keep its CJK and other letters apart.
      for (const m of s.segment.matchAll(/([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+)|([\p{L}\p{N}]+)/gu)) {
        const start = s.index + (m.index ?? 0);
        out.push({ text: m[0], cjk: Boolean(m[1]), start, end: start + m[0].length });
      }
      continue;
    }
    const cleaned = s.segment.replace(NOT_WORD_CHAR, '');
    if (cleaned) out.push({ text: cleaned, cjk: false, start: s.index, end: s.index + s.segment.length });
  }
  return out;
}

/** Maximal runs of adjacent CJK tokens (no space or punctuation between them), joined. */
export function cjkRuns(tokens: Token[]): string[] {
  const runs: string[] = [];
  let current = '';
  let lastEnd = -1;
  for (const t of tokens) {
    if (t.cjk && current && t.start === lastEnd) {
      current += t.text;
    } else {
      if (current) runs.push(current);
      current = t.cjk ? t.text : '';
    }
    lastEnd = t.end;
  }
  if (current) runs.push(current);
  return runs;
}

/** Overlapping character pairs of a CJK run: 四点半课堂 → 四点 点半 半课 课堂. */
export function bigrams(run: string): string[] {
  const chars = [...run];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
  return out;
}

export interface IndexTextOptions {
  /** Also emit every CJK character alone (short fields: titles, tags). */
  unigrams?: boolean;
  /** Characters of the field to index (positions in a tsvector stop at 16,383). */
  maxChars?: number;
}

/**
 * The space-separated words to hand to `to_tsvector('simple', …)` for one field: the words in order, then the
 * bigrams of each CJK run (consecutive, so a query's bigram phrase matches), then optionally the unigrams.
 */
export function indexText(text: string | null | undefined, options: IndexTextOptions = {}): string {
  if (!text) return '';
  const tokens = tokenize(options.maxChars ? text.slice(0, options.maxChars) : text);
  const words = tokens.map((t) => t.text);
  const runs = cjkRuns(tokens);
  const parts = [words.join(' ')];
  for (const run of runs) {
    const b = bigrams(run);
    if (b.length) parts.push(b.join(' '));
  }
  if (options.unigrams) for (const run of runs) parts.push([...run].join(' '));
  return parts.filter(Boolean).join(' ');
}

/** Latin words (letters and digits, three or more characters) of a text: the vocabulary for typo correction. */
export function latinTerms(text: string | null | undefined): string[] {
  if (!text) return [];
  return tokenize(text)
    .filter((t) => !t.cjk && t.text.length >= 3 && /\p{L}/u.test(t.text))
    .map((t) => t.text);
}

export type QueryTerm =
  /** A word of a Latin-script (or any non-CJK) language; `prefix` when it is the last word, still being typed. */
  | { kind: 'word'; text: string; prefix: boolean }
  /** A run of CJK characters, matched as a substring. */
  | { kind: 'cjk'; text: string; bigrams: string[] };

/** The terms of a query, all of which must match. */
export function parseQuery(q: string | null | undefined): QueryTerm[] {
  if (!q) return [];
  const tokens = tokenize(q);
  const terms: QueryTerm[] = [];
  const seen = new Set<string>();
  const runs = cjkRuns(tokens);
  let runIndex = 0;
  let lastEnd = -1;
  let inRun = false;
  for (const t of tokens) {
    if (t.cjk) {
      const continues = inRun && t.start === lastEnd;
      if (!continues) {
        const run = runs[runIndex++];
        if (!seen.has(`c:${run}`)) {
          seen.add(`c:${run}`);
          terms.push({ kind: 'cjk', text: run, bigrams: bigrams(run) });
        }
      }
      inRun = true;
    } else {
      inRun = false;
      if (!seen.has(`w:${t.text}`)) {
        seen.add(`w:${t.text}`);
        terms.push({ kind: 'word', text: t.text, prefix: false });
      }
    }
    lastEnd = t.end;
  }
  // The last word is a prefix unless the query ends with a space or punctuation (the word is finished).
  const last = terms[terms.length - 1];
  const normalised = normalize(q);
  const lastToken = tokens[tokens.length - 1];
  if (last?.kind === 'word' && lastToken && !lastToken.cjk && lastToken.end === normalised.length) last.prefix = true;
  return terms;
}

/** Optimal string alignment distance (Damerau–Levenshtein where a swap of two neighbours is one edit). */
export function editDistance(a: string, b: string, max = Infinity): number {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= x.length; i++) {
    rows.push(new Array<number>(y.length + 1).fill(0));
    rows[i][0] = i;
  }
  for (let j = 0; j <= y.length; j++) rows[0][j] = j;
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i][j] = d;
    }
  }
  return rows[x.length][y.length];
}

/** Typos allowed in a word of this length (Meilisearch's defaults: one from 5 characters, two from 9). */
export function typosAllowed(word: string, oneFrom = 5, twoFrom = 9): number {
  const n = [...word].length;
  return n >= twoFrom ? 2 : n >= oneFrom ? 1 : 0;
}
