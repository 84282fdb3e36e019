// All messages by locale, for the server (loaders, actions, the API, search documents, emails). Each capability adds
// its own file beside core.ts (English, the key set) and <capability>.zh.ts, merges them in bundle-en.ts, bundle-zh.ts
// and keys.server.ts, and lists them in capabilities.ts. Pages' components translate through use-t.ts instead, which
// never imports this file: the browser loads the page's one language and declared capabilities only.
import { en } from './bundle-en';
import { zh } from './bundle-zh';
import type { Locale } from './locale';
import { translatorOver, type Translate } from './translate';

export type { Translate } from './translate';

export const messages = {
  en,
  'zh-CN': zh,
} satisfies Record<Locale, Record<string, string>>;

export type MessageKey = keyof typeof messages.en;

/** A translator for one locale; unknown keys fall back to English, then to the key itself. */
export function translator(locale: Locale): Translate {
  return translatorOver(messages[locale] as Record<string, string>, messages.en as Record<string, string>);
}
