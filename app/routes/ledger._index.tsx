import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { ExportLinks } from '../exports/ui';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { listFunds } from '../funds/funds.server';
import { listMovements } from '../funds/ledger.server';
import { ledgerQuerySchema } from '../funds/list-query.server';
import { MovementsTable } from '../funds/ui';
import { groupKinds } from '../funds/values';
import { useLocale, useT } from '../i18n/use-t';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('exports', 'funds');

export const meta: MetaFunction = () => [{ title: 'Public ledger · 公开账本 · Fivefold' }];

const PER_PAGE = 50;

// Public: every movement of every fund, with filters; the same filters feed the CSV and journal downloads.
export async function loader({ request }: LoaderFunctionArgs) {
  const query = ledgerQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [funds, { rows, total }] = await Promise.all([
    listFunds(),
    listMovements({ fundId: query.fund, kind: query.kind, from: query.from, to: query.to, limit: PER_PAGE, offset: (query.page - 1) * PER_PAGE }),
  ]);
  return {
    query,
    funds: funds.map((f) => ({ id: f.id, nameZh: f.nameZh, nameEn: f.nameEn })),
    movements: rows.map((m) => ({ ...m, occurredAt: m.occurredAt.toISOString() })),
    total,
    pages: Math.max(1, Math.ceil(total / PER_PAGE)),
  };
}

export default function LedgerPage() {
  const { query, funds, movements, total, pages } = useLoaderData<typeof loader>();
  const t = useT();
  const en = useLocale() === 'en';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && k !== 'page') params.set(k, String(v));
  const pageLink = (page: number) => `/ledger?${new URLSearchParams([...params, ['page', String(page)]])}`;
  const exportQuery = params.toString() ? `?${params}` : '';
  return (
    <>
      <h1>{t('ledger.title')}</h1>
      <p>{t('ledger.intro')}</p>
      <ExportLinks list="ledger" filters={query} />
      <Form method="get" className="inline-form" aria-label={t('ledger.filters')}>
        <div className="field">
          <label htmlFor="f-fund">{t('ledger.fund')}</label>
          <select id="f-fund" name="fund" defaultValue={query.fund ?? ''}>
            <option value="">{t('ledger.allFunds')}</option>
            {funds.map((f) => (
              <option key={f.id} value={f.id}>
                {en ? f.nameEn : f.nameZh}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-kind">{t('ledger.kind')}</label>
          <select id="f-kind" name="kind" defaultValue={query.kind ?? ''}>
            <option value="">{t('ledger.allKinds')}</option>
            {groupKinds.map((k) => (
              <option key={k} value={k}>
                {t(`ledger.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-from">{t('ledger.from')}</label>
          <input id="f-from" name="from" type="date" defaultValue={query.from ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="f-to">{t('ledger.to')}</label>
          <input id="f-to" name="to" type="date" defaultValue={query.to ?? ''} />
        </div>
        <button type="submit">{t('ledger.apply')}</button>
      </Form>
      <p>
        <a href={`/ledger.csv${exportQuery}`} download>
          {t('ledger.csv')}
        </a>
        {' · '}
        <a href={`/ledger.journal${query.fund ? `?fund=${query.fund}` : ''}`} download>
          {t('ledger.journal')}
        </a>
      </p>
      <p className="muted">{t('ledger.total', { count: total })}</p>
      {movements.length ? <MovementsTable movements={movements} showFund caption={t('ledger.title')} /> : <p>{t('ledger.none')}</p>}
      {pages > 1 ? (
        <nav aria-label={t('ledger.title')}>
          {query.page > 1 ? <Link to={pageLink(query.page - 1)}>← {t('ledger.prev')}</Link> : null}
          <span className="muted">
            {' '}
            {query.page} / {pages}{' '}
          </span>
          {query.page < pages ? <Link to={pageLink(query.page + 1)}>{t('ledger.next')} →</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
