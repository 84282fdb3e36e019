import { describe, expect, it } from 'vitest';
import { safeRedirectPath } from '../../../app/utils/http.server';

describe('safeRedirectPath', () => {
  it('keeps same-site paths with their query', () => {
    expect(safeRedirectPath('/needs')).toBe('/needs');
    expect(safeRedirectPath('/places/abc?tab=households#x')).toBe('/places/abc?tab=households#x');
  });

  it.each([
    ['an absolute URL', 'https://evil.example/phish'],
    ['a protocol-relative URL', '//evil.example'],
    ['a backslash trick', '/\\evil.example'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a relative path', 'needs'],
    ['an empty string', ''],
  ])('falls back for %s', (_label, to) => {
    expect(safeRedirectPath(to)).toBe('/');
    expect(safeRedirectPath(to, '/home')).toBe('/home');
  });

  it('falls back when there is no target or it is a file upload', () => {
    expect(safeRedirectPath(null)).toBe('/');
    expect(safeRedirectPath(undefined, '/account')).toBe('/account');
    expect(safeRedirectPath(new File(['x'], 'x.txt'))).toBe('/');
  });
});

describe('safeRedirectPath against browser quirks', () => {
  it('refuses paths with tabs, newlines or backslashes, which browsers turn into another site', () => {
    for (const evil of ['/\t/evil.example', '/\n/evil.example', '/\\evil.example', '/a\r\nSet-Cookie: x=1', '/%09'.replace('%09', '\u0009')]) {
      expect(safeRedirectPath(evil, '/home')).toBe('/home');
    }
    expect(safeRedirectPath('/needs?status=open', '/home')).toBe('/needs?status=open');
  });
});
