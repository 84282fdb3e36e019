// Every message key the pages use exists, and every message has a Chinese and an English text.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messages, translator } from '../../../app/i18n/messages';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.(tsx?|ts)$/.test(name) ? [path] : [];
  });
}

describe('messages', () => {
  it('has a non-empty Chinese and English text for every key', () => {
    const en = messages.en as Record<string, string>;
    const zh = messages['zh-CN'] as Record<string, string>;
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en)) {
      expect(en[key].trim(), key).not.toBe('');
      expect(zh[key].trim(), key).not.toBe('');
    }
  });

  it('knows every literal key the app passes to t()', () => {
    const en = messages.en as Record<string, string>;
    const missing: string[] = [];
    for (const file of sourceFiles('app')) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.-]+)'/g)) if (!(m[1] in en)) missing.push(`${file}: ${m[1]}`);
      for (const m of text.matchAll(/(?:redirectWithNotice\([^,]+,\s*|notice=)'?([a-zA-Z]+\.[a-zA-Z0-9_.]+)/g)) if (!(m[1] in en)) missing.push(`${file}: ${m[1]}`);
      for (const m of text.matchAll(/['"](v\.[a-zA-Z]+)['"]/g)) if (!(m[1] in en)) missing.push(`${file}: ${m[1]}`);
    }
    expect(missing).toEqual([]);
  });

  it('fills in parameters and falls back to English, then to the key', () => {
    expect(translator('zh-CN')('home.welcome', { name: '王丽华' })).toBe('欢迎，王丽华');
    expect(translator('en')('home.welcome', { name: 'Lihua' })).toBe('Welcome, Lihua');
    expect(translator('en')('no.such.key')).toBe('no.such.key');
  });
});
