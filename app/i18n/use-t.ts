// The translator of the page's locale, from the root loader's data, over the capabilities the page's routes declare
// (route-messages.ts). It translates with the tables registered in page-messages.ts (never with messages.ts, which
// holds both languages and every capability and would ship them to every page).
import { useRouteLoaderData } from '@remix-run/react';
import { defaultLocale, type Locale } from './locale';
import { hasMessage, hasMessages, loadMessages, messagesFailed, pageTranslator } from './page-messages';
import { usePageCapabilities } from './route-messages';

export function useLocale(): Locale {
  const data = useRouteLoaderData('root') as { locale?: Locale } | undefined;
  return data?.locale ?? defaultLocale;
}

export function useT() {
  const locale = useLocale();
  const capabilities = usePageCapabilities();
  // After a client-side navigation to a page whose messages are still on their way: suspend until they are there.
  // Remix renders navigations in a transition, so React keeps the previous page on screen meanwhile. (A chunk that
  // could not be loaded is not waited for again: the page shows what it has, and the missing keys are reported.)
  if (!hasMessages(locale, capabilities) && !messagesFailed(locale, capabilities)) throw loadMessages(locale, capabilities);
  return pageTranslator(locale, capabilities);
}

/** Whether a key is among the page's messages: for labels tried in turn, an unknown value being shown as it is. */
export function useHasMessage() {
  const locale = useLocale();
  const capabilities = usePageCapabilities();
  return (key: string) => hasMessage(locale, capabilities, key);
}

/** A place's name in the page's language. */
export function usePlaceName() {
  const locale = useLocale();
  return (p: { nameZh: string | null; nameEn: string | null } | null | undefined) =>
    p ? ((locale === 'en' ? p.nameEn : p.nameZh) ?? p.nameZh ?? '') : '';
}
