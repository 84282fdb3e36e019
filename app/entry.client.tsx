// Hydrates the page once the messages it was rendered with are there: the capabilities its routes declare, named by
// the root on <html data-messages>, in the language of <html lang> (the root loader's locale, the value use-t.ts
// reads). Each is a chunk of its own (capabilities.ts) that the browser caches; the page hydrates with the same
// words the server rendered.
import { RemixBrowser } from '@remix-run/react';
import { startTransition, StrictMode } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { capabilities, type Capability } from './i18n/capabilities';
import { isLocale, defaultLocale } from './i18n/locale';
import { loadMessages } from './i18n/page-messages';

// Should a chunk fail to load, the page is not hydrated: it stays as the server rendered it, which works without
// JavaScript, rather than replacing its words with keys.
const html = document.documentElement;
const declared = (html.dataset.messages ?? '').split(' ').filter((c): c is Capability => (capabilities as readonly string[]).includes(c));
loadMessages(isLocale(html.lang) ? html.lang : defaultLocale, ['core', ...declared]).then(() => {
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  });
});
