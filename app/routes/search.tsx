import { data as withStatus, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigation, useSubmit } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import { formatDate } from '../i18n/locale';
import { useHasMessage, useLocale, useT } from '../i18n/use-t';
import { useCategoryLabel } from '../needs/ui';
import { filterFields, searchHref, type FilterField, type SearchParams } from '../search/query';
import { parseSearchParams, searchInput, searchQuerySchema } from '../search/query.server';
import { getPrincipal } from '../permissions/permissions.server';
import { hitPath, noAnswer, searchLists } from '../search/search.server';
import { hitLimitFor, limits } from '../utils/rate-limit.server';
import styles from '../styles/search.css';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('needs', 'resources', 'search');

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];
export const meta: MetaFunction = () => [{ title: '搜索 Search · Fivefold' }];

const LISTS = ['needs', 'resources', 'projects'] as const;
const TYPING_DELAY_MS = 300;

type SearchPage = Awaited<ReturnType<typeof searchPage>>;

export async function loader({ request }: LoaderFunctionArgs): Promise<SearchPage> {
  const limited = await hitLimitFor(limits.search, request, await getPrincipal(request));
  const page = await searchPage(request, limited.ok);
  if (limited.ok) return page;
  // data() only carries the 429 status and Retry-After to the response; Remix hands the page its data unwrapped.
  return withStatus(page, { status: 429, headers: { 'Retry-After': String(limited.retryAfterSeconds) } }) as unknown as SearchPage;
}

/** The page's data; when the person's search limit is reached, the form as they sent it and no results. */
async function searchPage(request: Request, allowed: boolean) {
  const params = new URL(request.url).searchParams;
  let parsed = parseSearchParams(params);
  let invalid = false;
  if (!parsed.success) {
    // A page is lenient where the API is strict: leave out what is not valid, say so, and search with the rest.
    invalid = true;
    const input = searchInput(params);
    for (const issue of parsed.error.issues) delete input[String(issue.path[0])];
    parsed = searchQuerySchema.safeParse(input);
  }
  const query: SearchParams = parsed.success ? parsed.data : searchQuerySchema.parse({});
  const answer = allowed ? await searchLists(query) : noAnswer(query);
  return {
    query,
    invalid,
    limited: !allowed,
    hits: answer.hits.map((h) => ({ ...h, url: hitPath(h) })),
    facets: answer.facets,
    facetsCapped: answer.facetsCapped,
    total: answer.total,
    totalCapped: answer.totalCapped,
    perPage: answer.perPage,
    tookMs: answer.tookMs,
    listCounts: answer.listCounts,
    placeNames: answer.placeNames,
    fallback: answer.fallback,
  };
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

function Marked({ parts }: { parts: { text: string; match: boolean }[] }) {
  return (
    <>
      {parts.map((p, i) => (p.match ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </>
  );
}

/** Names of facet values in the page's language; an unknown code is shown as it is. */
function useValueLabel(placeNames: Data['placeNames']) {
  const t = useT();
  const has = useHasMessage();
  const locale = useLocale();
  const category = useCategoryLabel();
  const known = (keys: string[], value: string) => {
    const key = keys.find(has);
    return key ? t(key) : value;
  };
  return (field: FilterField | 'list', value: string) => {
    switch (field) {
      case 'category':
        return category(value);
      case 'community':
      case 'grid': {
        const p = placeNames[value];
        return p ? (locale === 'en' ? p.en : p.zh) : value;
      }
      case 'status':
        return known([`needs.status.${value}`, `search.status.${value}`, `projects.state.${value}`, `projects.status.${value}`], value);
      case 'urgency':
        return known([`needs.urgency.${value}`], value);
      case 'kind':
        return known([`resources.kind.${value}`, `needs.type.${value}`, `projects.kind.${value}`], value);
      case 'list':
        return known([`search.list.${value}`], value);
    }
  };
}

function Facet({ field, data, label }: { field: FilterField; data: Data; label: ReturnType<typeof useValueLabel> }) {
  const t = useT();
  const counts = (data.facets[field] ?? {}) as Record<string, number>;
  const selected: readonly string[] = data.query[field];
  const values = [...new Set([...selected, ...Object.keys(counts)])].sort((a, b) => (counts[b] ?? 0) - (counts[a] ?? 0) || a.localeCompare(b));
  if (!values.length) return null;
  return (
    <fieldset className="facet">
      <legend>{t(`search.facet.${field}`)}</legend>
      <ul>
        {values.map((v) => (
          <li key={v}>
            <label className="check">
              <input type="checkbox" name={field} value={v} defaultChecked={selected.includes(v)} />
              <span>
                {label(field, v)} <span className="muted">({counts[v] ?? 0})</span>
              </span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

export default function SearchPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const label = useValueLabel(data.placeNames);
  const submit = useSubmit();
  const navigation = useNavigation();
  const formRef = useRef<HTMLFormElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const q = data.query;
  const activeList = q.lists.length === 1 ? q.lists[0] : null;
  const searching = navigation.state === 'loading' && navigation.location?.pathname === '/search';

  // When the URL changes by other means (a tab, the back button), the box shows that query unless someone is typing in it.
  useEffect(() => {
    if (inputRef.current && document.activeElement !== inputRef.current) inputRef.current.value = q.q;
  }, [q.q]);
  useEffect(() => () => clearTimeout(timer.current), []);

  // With JavaScript, results follow the form as it changes: typing after a pause, checkboxes and sort at once.
  // The history keeps one entry per search, not one per keystroke.
  const update = (delay: number) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (formRef.current) submit(formRef.current, { replace: true, preventScrollReset: true });
    }, delay);
  };

  const pages = Math.max(1, Math.ceil(data.total / data.perPage));
  const tab = (list: (typeof LISTS)[number] | null) => {
    const count = list ? (data.listCounts[list] ?? 0) : Object.values(data.listCounts).reduce<number>((a, b) => a + (b ?? 0), 0);
    const current = list === activeList;
    return (
      <li key={list ?? 'all'}>
        <Link to={searchHref({ ...q, lists: list ? [list] : [], page: 1 })} aria-current={current ? 'page' : undefined} preventScrollReset>
          {t(list ? `search.tab.${list}` : 'search.tab.all')} <span className="count">{count}</span>
        </Link>
      </li>
    );
  };

  return (
    <div className="search-page">
      <h1>{t('search.title')}</h1>
      {data.invalid ? (
        <div className="notice notice-error" role="alert">
          {t('search.invalid')}
        </div>
      ) : null}
      {data.limited ? (
        <div className="notice notice-error" role="alert">
          {t('limits.tooManySearches')}
        </div>
      ) : null}
      {data.fallback ? <div className="notice">{t('search.fallback')}</div> : null}
      <Form
        method="get"
        action="/search"
        role="search"
        aria-label={t('search.title')}
        ref={formRef}
        onChange={(e) => update((e.target as HTMLElement).getAttribute('type') === 'search' ? TYPING_DELAY_MS : 0)}
        onSubmit={() => clearTimeout(timer.current)}
      >
        <div className="search-box">
          <label htmlFor="search-q">{t('search.label')}</label>
          <div className="search-row">
            <input
              ref={inputRef}
              id="search-q"
              type="search"
              name="q"
              defaultValue={q.q}
              placeholder={t('search.placeholder')}
              maxLength={200}
              autoComplete="off"
              enterKeyHint="search"
            />
            <button type="submit">{t('search.submit')}</button>
          </div>
        </div>
        {activeList ? <input type="hidden" name="lists" value={activeList} /> : null}
        <details className="filters" open={filterFields.some((f) => q[f].length > 0) || undefined}>
          <summary>{t('search.filters')}</summary>
          <div className="facets">
            {filterFields.map((f) => (
              <Facet key={f} field={f} data={data} label={label} />
            ))}
          </div>
          <p>
            <button type="submit" className="secondary">
              {t('search.apply')}
            </button>{' '}
            <Link to={searchHref({ q: q.q, lists: q.lists, sort: q.sort })}>{t('search.clear')}</Link>
          </p>
        </details>
        <div className="field sort-field">
          <label htmlFor="search-sort">{t('search.sort')}</label>
          <select id="search-sort" name="sort" defaultValue={q.sort} key={q.sort}>
            {(['relevance', 'newest', 'deadline'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`search.sort.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </Form>

      <nav aria-label={t('search.tabs')} className="tabs">
        <ul>
          {tab(null)}
          {LISTS.map((l) => tab(l))}
        </ul>
      </nav>

      <p role="status" aria-live="polite" className="search-status">
        {searching ? t('search.loading') : null}
        {searching ? ' ' : null}
        {data.totalCapped ? t('search.resultsCapped', { n: data.total }) : t('search.results', { n: data.total })} <span className="muted">{t('search.took', { ms: Math.round(data.tookMs) })}</span>
        {data.facetsCapped ? <span className="muted"> {t('search.capped', { n: data.total })}</span> : null}
      </p>

      {data.hits.length ? (
        <ol className="search-results" aria-label={t('search.results.label')} start={(Math.max(1, q.page) - 1) * data.perPage + 1}>
          {data.hits.map((h) => (
            <li key={`${h.list}:${h.id}`} className="card">
              <span className={`badge badge-${h.list}`}>{t(`search.list.${h.list}`)}</span>{' '}
              <Link to={h.url}>
                <strong>{h.highlights ? <Marked parts={h.highlights.title} /> : h.title}</strong>
              </Link>
              {h.highlights && h.highlights.snippet.some((p) => p.match) ? (
                <p className="snippet">
                  <Marked parts={h.highlights.snippet} />
                </p>
              ) : null}
              <p className="meta muted">
                {[
                  h.kind && h.list === 'resources' ? label('kind', h.kind) : null,
                  h.category ? label('category', h.category) : null,
                  h.status && h.list !== 'resources' ? label('status', h.status) : null,
                  h.urgency ? `${t('search.facet.urgency')}: ${label('urgency', h.urgency)}` : null,
                  h.grid ? label('grid', h.grid) : h.community ? label('community', h.community) : null,
                  h.deadline ? t('search.deadline', { date: formatDate(locale, h.deadline) }) : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
            </li>
          ))}
        </ol>
      ) : activeList === 'projects' && !q.q && !filterFields.some((f) => q[f].length) ? (
        <p className="empty">{t('search.noProjects')}</p>
      ) : (
        <p className="empty">{t('search.none')}</p>
      )}

      {pages > 1 ? (
        <nav aria-label={t('search.pagination')} className="pager">
          {q.page > 1 ? (
            <Link to={searchHref({ ...q, page: q.page - 1 })} rel="prev">
              {t('search.prev')}
            </Link>
          ) : null}{' '}
          <span>{t('search.page', { page: q.page, pages })}</span>{' '}
          {q.page < pages && q.page < 100 ? (
            <Link to={searchHref({ ...q, page: q.page + 1 })} rel="next">
              {t('search.next')}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
