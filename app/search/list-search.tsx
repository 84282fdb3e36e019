// The search box on a list page: a plain GET form to /search limited to that list (works without JavaScript).
import { Form } from '@remix-run/react';
import { useT } from '../i18n/use-t';
import type { SearchList } from '../../search/engine';

export function ListSearchBox({ list }: { list: SearchList }) {
  const t = useT();
  const id = `list-search-${list}`;
  return (
    <Form method="get" action="/search" role="search" aria-label={t('search.searchThisList')} className="list-search">
      <label htmlFor={id}>{t('search.searchThisList')}</label>
      <span className="list-search-row">
        <input id={id} type="search" name="q" maxLength={200} placeholder={t('search.placeholder')} enterKeyHint="search" />
        <input type="hidden" name="lists" value={list} />
        <button type="submit">{t('search.submit')}</button>
      </span>
    </Form>
  );
}

/** The header's search box: every list. */
export function SiteSearchBox({ label, button }: { label: string; button: string }) {
  return (
    <Form method="get" action="/search" role="search" aria-label={label} className="site-search">
      <label htmlFor="site-search-q" className="visually-hidden">
        {label}
      </label>
      <input id="site-search-q" type="search" name="q" maxLength={200} placeholder={button} enterKeyHint="search" />
      <button type="submit">{button}</button>
    </Form>
  );
}
