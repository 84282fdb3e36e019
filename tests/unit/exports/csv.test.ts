// CSV cells as spreadsheets read them: RFC 4180 quoting, and text that would run as a formula neutralised.
import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, guardFormula } from '../../../app/exports/csv';

describe('csv', () => {
  it('quotes commas, quotes and line breaks, doubling inner quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line1\nline2')).toBe('"line1\nline2"');
    expect(csvCell('plain 中文')).toBe('plain 中文');
    expect(csvLine(['x', 1, null, undefined, true])).toBe('x,1,,,true\r\n');
  });

  it('prefixes text starting with = + - @ (and tab, CR) with an apostrophe, but leaves numbers alone', () => {
    for (const bad of ['=HYPERLINK("http://x","y")', '+1+2', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd']) expect(guardFormula(bad)).toBe(`'${bad}`);
    expect(csvCell('=1+1,2')).toBe(`"'=1+1,2"`);
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell('a=b')).toBe('a=b');
  });
});
