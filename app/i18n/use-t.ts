// The translator of the page's locale, from the root loader's data.
import { useRouteLoaderData } from '@remix-run/react';
import { useMemo } from 'react';
import { defaultLocale, type Locale } from './locale';
import { translator } from './messages';

export function useLocale(): Locale {
  const data = useRouteLoaderData('root') as { locale?: Locale } | undefined;
  return data?.locale ?? defaultLocale;
}

export function useT() {
  const locale = useLocale();
  return useMemo(() => translator(locale), [locale]);
}

/** A place's name in the page's language. */
export function usePlaceName() {
  const locale = useLocale();
  return (p: { nameZh: string | null; nameEn: string | null } | null | undefined) =>
    p ? ((locale === 'en' ? p.nameEn : p.nameZh) ?? p.nameZh ?? '') : '';
}
