import { describe, expect, it } from 'vitest';
import { formatMoney, localeFromAcceptLanguage, localeFromCookieHeader, resolveLocale } from '../../../app/i18n/locale';

describe('localeFromAcceptLanguage', () => {
  it('picks the first supported language in header order when qualities are equal', () => {
    expect(localeFromAcceptLanguage('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(localeFromAcceptLanguage('en-US,en;q=0.9,zh-CN;q=0.8')).toBe('en');
  });

  it('ranks by q-value, not by position', () => {
    expect(localeFromAcceptLanguage('en;q=0.5, zh-CN;q=0.9')).toBe('zh-CN');
    expect(localeFromAcceptLanguage('zh;q=0.3,en-GB')).toBe('en');
  });

  it('skips unsupported languages and those refused with q=0', () => {
    expect(localeFromAcceptLanguage('fr-FR,fr;q=0.9,en;q=0.4')).toBe('en');
    expect(localeFromAcceptLanguage('zh;q=0, en;q=0.1')).toBe('en');
  });

  it('maps any Chinese variant and any English variant, in any letter case', () => {
    expect(localeFromAcceptLanguage('zh-TW')).toBe('zh-CN');
    expect(localeFromAcceptLanguage('ZH-hans-CN')).toBe('zh-CN');
    expect(localeFromAcceptLanguage('EN-au')).toBe('en');
  });

  it('returns null when nothing supported is asked for', () => {
    expect(localeFromAcceptLanguage(null)).toBeNull();
    expect(localeFromAcceptLanguage('')).toBeNull();
    expect(localeFromAcceptLanguage('fr, de;q=0.8, *;q=0.1')).toBeNull();
  });
});

describe('resolveLocale', () => {
  it('lets the language cookie win over the browser, and falls back to Chinese', () => {
    const req = (headers: Record<string, string>) => new Request('http://localhost/', { headers });
    expect(resolveLocale(req({ Cookie: 'ff_session=x; ff_lang=en', 'Accept-Language': 'zh-CN' }))).toBe('en');
    expect(resolveLocale(req({ 'Accept-Language': 'en-US' }))).toBe('en');
    expect(resolveLocale(req({ Cookie: 'ff_lang=fr', 'Accept-Language': 'de' }))).toBe('zh-CN');
    expect(localeFromCookieHeader('ff_lang=zh-CN')).toBe('zh-CN');
  });
});

describe('formatMoney', () => {
  it('shows fen as yuan in Chinese', () => {
    expect(formatMoney('zh-CN', 123456)).toBe('¥1,234.56');
    expect(formatMoney('zh-CN', 5)).toBe('¥0.05');
    expect(formatMoney('zh-CN', 0)).toBe('¥0.00');
  });

  it('marks the yuan as Chinese in English, where ¥ alone is ambiguous', () => {
    expect(formatMoney('en', 123456)).toBe('CN¥1,234.56');
  });

  it('uses each currency’s own minor unit', () => {
    expect(formatMoney('en', 1999, 'USD')).toBe('$19.99');
    expect(formatMoney('en', 500, 'JPY')).toBe('¥500');
  });

  it('accepts bigint amounts and shows negative amounts (refunds) with a sign', () => {
    expect(formatMoney('zh-CN', 250n)).toBe('¥2.50');
    expect(formatMoney('zh-CN', -250)).toBe('-¥2.50');
  });

  it('does not drift on amounts that are not exact in binary floating point', () => {
    expect(formatMoney('en', 29, 'USD')).toBe('$0.29');
    expect(formatMoney('zh-CN', 1_000_000_01)).toBe('¥1,000,000.01');
  });
});
