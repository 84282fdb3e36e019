// The two languages, chosen from a cookie or the browser, and locale-aware formatting of numbers, dates and money.
export const supportedLocales = ['zh-CN', 'en'] as const;
export type Locale = (typeof supportedLocales)[number];
export const defaultLocale: Locale = 'zh-CN';
export const LOCALE_COOKIE = 'ff_lang';

export const isLocale = (v: unknown): v is Locale => v === 'zh-CN' || v === 'en';

/** Picks the first supported language from an Accept-Language header, by quality. */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1, i };
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return null;
}

export function localeFromCookieHeader(cookie: string | null | undefined): Locale | null {
  if (!cookie) return null;
  for (const part of cookie.split(';')) {
    const [k, v] = part.trim().split('=');
    if (k === LOCALE_COOKIE && isLocale(decodeURIComponent(v ?? ''))) return decodeURIComponent(v) as Locale;
  }
  return null;
}

export function resolveLocale(request: Request): Locale {
  return (
    localeFromCookieHeader(request.headers.get('Cookie')) ??
    localeFromAcceptLanguage(request.headers.get('Accept-Language')) ??
    defaultLocale
  );
}

// Intl formatters are costly to build (a page of dates built one per date took 2 % of the server's time under
// load: bench:load --profile), and immutable once built, so each is built once per locale and options.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let f = formatters.get(key) as T | undefined;
  if (!f) {
    f = make();
    formatters.set(key, f);
  }
  return f;
}

export function formatNumber(locale: Locale, n: number) {
  return cached(`n|${locale}`, () => new Intl.NumberFormat(locale)).format(n);
}

/** Money arrives in minor units (fen/cents) and is never a float until it is shown. */
export function formatMoney(locale: Locale, minor: number | bigint, currency = 'CNY') {
  const digits =
    cached(`c|en|${currency}`, () => new Intl.NumberFormat('en', { style: 'currency', currency })).resolvedOptions().maximumFractionDigits ?? 2;
  const value = Number(minor) / 10 ** digits;
  return cached(`c|${locale}|${currency}`, () => new Intl.NumberFormat(locale, { style: 'currency', currency })).format(value);
}

export function formatDate(locale: Locale, date: Date | string | number, withTime = false) {
  const d = date instanceof Date ? date : new Date(date);
  return cached(
    `d|${locale}|${withTime}`,
    () =>
      new Intl.DateTimeFormat(locale, {
        dateStyle: 'medium',
        ...(withTime ? { timeStyle: 'short' } : {}),
        timeZone: 'Asia/Shanghai',
      }),
  ).format(d);
}
