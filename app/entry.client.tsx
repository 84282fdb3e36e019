// Hydrates the page once its language's messages are there. The browser gets only the page's language, as a chunk of
// its own (bundle-en.ts or bundle-zh.ts) that it caches; the server rendered <html lang> from the root loader's
// locale, the same value use-t.ts reads, so the page hydrates with the same words it was rendered with.
import { RemixBrowser } from '@remix-run/react';
import { startTransition, StrictMode } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { isLocale, defaultLocale, type Locale } from './i18n/locale';
import { registerMessages } from './i18n/page-messages';

async function loadMessages(locale: Locale) {
  if (locale === 'en') registerMessages('en', (await import('./i18n/bundle-en')).en);
  else registerMessages('zh-CN', (await import('./i18n/bundle-zh')).zh);
}

const lang = document.documentElement.lang;
loadMessages(isLocale(lang) ? lang : defaultLocale).then(() => {
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  });
});
