import { describe, expect, it } from 'vitest';
import { highlight, snippet } from '../../../search/highlight';
import { partsOf, meiliKey } from '../../../search/meilisearch-engine';
import { bigrams, editDistance, indexText, normalize, parseQuery, tokenize, typosAllowed } from '../../../search/segment';

describe('normalize', () => {
  it('turns full-width letters, digits and spaces into ordinary ones, lower-cased', () => {
    expect(normalize('Ｒｅｐａｉｒ　１２３号')).toBe('repair 123号');
  });
});

describe('tokenize and indexText', () => {
  it('splits Chinese into dictionary words and English into words', () => {
    expect(tokenize('法律援助 Legal-Aid!').map((t) => t.text)).toEqual(['法律', '援助', 'legal', 'aid']);
  });

  it('emits the bigrams of every Chinese run, so 四点半 inside 四点半课堂 is indexed whatever the dictionary says', () => {
    const text = indexText('四点半课堂开课了').split(' ');
    expect(text).toEqual(expect.arrayContaining(['四点', '点半', '半课', '课堂']));
    // The bigrams of one run are consecutive, so a phrase of them matches.
    const at = text.indexOf('四点');
    expect(text.slice(at, at + 4)).toEqual(['四点', '点半', '半课', '课堂']);
  });

  it('does not join two runs separated by punctuation into one', () => {
    expect(indexText('老人，送餐').split(' ')).not.toContain('人送');
  });

  it('adds single characters only when asked (titles and tags)', () => {
    expect(indexText('课堂').split(' ')).toEqual(['课堂', '课堂']);
    expect(indexText('课堂', { unigrams: true }).split(' ')).toEqual(['课堂', '课堂', '课', '堂']);
  });
});

describe('parseQuery', () => {
  it('makes each Chinese run one term with its bigrams and the last English word a prefix', () => {
    expect(parseQuery('四点半课堂 legal ai')).toEqual([
      { kind: 'cjk', text: '四点半课堂', bigrams: bigrams('四点半课堂') },
      { kind: 'word', text: 'legal', prefix: false },
      { kind: 'word', text: 'ai', prefix: true },
    ]);
  });

  it('does not treat a finished word (followed by a space) as a prefix', () => {
    expect(parseQuery('repair ')).toEqual([{ kind: 'word', text: 'repair', prefix: false }]);
  });

  it('reads a query with nothing searchable in it as empty', () => {
    expect(parseQuery(' ,。！ ')).toEqual([]);
  });
});

describe('typo rules', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('repiar', 'repair')).toBe(1);
    expect(editDistance('repir', 'repair')).toBe(1);
    expect(editDistance('rapier', 'repair')).toBeGreaterThan(1);
  });

  it('allows one typo from five letters and two from nine', () => {
    expect([typosAllowed('aid'), typosAllowed('legal'), typosAllowed('volunteer')]).toEqual([0, 1, 2]);
  });
});

describe('highlighting', () => {
  const matcher = { words: new Set(['repair']), prefixes: ['bik'], cjk: ['送餐'] };

  it('marks matched words and Chinese substrings in the original text, full-width included', () => {
    const parts = highlight('Ｒｅｐａｉｒ bikes，为老人送餐', matcher);
    expect(parts.filter((p) => p.match).map((p) => p.text)).toEqual(['Ｒｅｐａｉｒ', 'bikes', '送餐']);
    expect(parts.map((p) => p.text).join('')).toBe('Ｒｅｐａｉｒ bikes，为老人送餐');
  });

  it('cuts a snippet around the first match and marks the cuts', () => {
    const text = `${'前'.repeat(100)}送餐${'后'.repeat(100)}`;
    const parts = snippet(text, matcher, 40);
    expect(parts[0]).toEqual({ text: '…', match: false });
    expect(parts.at(-1)).toEqual({ text: '…', match: false });
    expect(parts.filter((p) => p.match).map((p) => p.text)).toEqual(['送餐']);
    expect(parts.map((p) => p.text).join('').length).toBeLessThanOrEqual(42);
  });
});

describe('Meilisearch mapping', () => {
  it('splits highlighted text at the marker characters', () => {
    expect(partsOf('为\u0001老人\u0002送餐')).toEqual([
      { text: '为', match: false },
      { text: '老人', match: true },
      { text: '送餐', match: false },
    ]);
  });

  it('makes document keys Meilisearch accepts, distinct per list', () => {
    expect(meiliKey({ list: 'needs', id: '0b5c1a2e-aaaa-4bbb-8ccc-123456789abc' })).toBe('needs_0b5c1a2e-aaaa-4bbb-8ccc-123456789abc');
    expect(meiliKey({ list: 'projects', id: 'a.b' })).toMatch(/^projects_[a-zA-Z0-9_-]+$/);
    expect(meiliKey({ list: 'projects', id: 'a.b' })).not.toBe(meiliKey({ list: 'projects', id: 'a_b' }));
  });
});
