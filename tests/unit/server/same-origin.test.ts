import { describe, expect, it } from 'vitest';
import { sameOriginOk } from '../../../server/app';

describe('the same-origin check on state-changing requests', () => {
  it('refuses a form posted from another site', () => {
    expect(sameOriginOk('POST', 'https://evil.example', 'fivefold.example.org', false)).toBe(false);
    expect(sameOriginOk('POST', 'null', 'fivefold.example.org', false)).toBe(false);
  });
  it('accepts the site itself, reads, and API calls with a bearer token', () => {
    expect(sameOriginOk('POST', 'https://fivefold.example.org', 'fivefold.example.org', false)).toBe(true);
    expect(sameOriginOk('GET', 'https://evil.example', 'fivefold.example.org', false)).toBe(true);
    expect(sameOriginOk('POST', 'https://evil.example', 'fivefold.example.org', true)).toBe(true);
  });
});
