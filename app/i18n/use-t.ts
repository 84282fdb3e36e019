// The translator of the page's locale, from the root loader's data. It translates with the tables registered in
// page-messages.ts (never with messages.ts, which holds both languages and would ship them to every page).
import { useRouteLoaderData } from '@remix-run/react';
import { defaultLocale, type Locale } from './locale';
import { pageTranslator } from './page-messages';

export function useLocale(): Locale {
  const data = useRouteLoaderData('root') as { locale?: Locale } | undefined;
  return data?.locale ?? defaultLocale;
}

export function useT() {
  return pageTranslator(useLocale());
}

/** A place's name in the page's language. */
export function usePlaceName() {
  const locale = useLocale();
  return (p: { nameZh: string | null; nameEn: string | null } | null | undefined) =>
    p ? ((locale === 'en' ? p.nameEn : p.nameZh) ?? p.nameZh ?? '') : '';
}
