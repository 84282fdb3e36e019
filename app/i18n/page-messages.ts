// The message tables pages translate with (use-t.ts). It imports no messages itself, so that no page's JavaScript
// carries them: on the server entry.server.tsx registers every language (messages.ts); in the browser
// entry.client.tsx loads the page's one language, as a chunk of its own, and registers it before hydrating.
// A page changes language only by a full page load (the language switch in root.tsx), so the table registered in
// the browser is always the page's.
import type { Locale } from './locale';
import { translatorOver, type Translate } from './translate';

const tables: Partial<Record<Locale, Record<string, string>>> = {};
const translators: Partial<Record<Locale, Translate>> = {};

export function registerMessages(locale: Locale, table: Record<string, string>) {
  tables[locale] = table;
  delete translators[locale];
}

export function hasMessages(locale: Locale) {
  return locale in tables;
}

/** A translator for one locale: unknown keys fall back to English (when registered), then to the key itself. */
export function pageTranslator(locale: Locale): Translate {
  let t = translators[locale];
  if (!t) {
    if (!tables[locale] && typeof document !== 'undefined') console.warn(`Messages for ${locale} are not loaded; keys are shown.`);
    t = translatorOver(tables[locale] ?? {}, tables.en ?? {});
    if (tables[locale]) translators[locale] = t;
  }
  return t;
}
