import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { listFunds } from '../funds/funds.server';
import { FundFigures } from '../funds/ui';
import { useLocale, useT } from '../i18n/use-t';
import { getPrincipal } from '../permissions/permissions.server';
import { canAnywhere } from '../permissions/rules';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('funds');

export const meta: MetaFunction = () => [{ title: 'Funds · 公益基金 · Fivefold' }];

// Public: every fund with its balance, income, spending and in-kind gifts.
export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await getPrincipal(request);
  const funds = await listFunds();
  return {
    funds: funds.map((f) => ({ id: f.id, kind: f.kind, nameZh: f.nameZh, nameEn: f.nameEn, holderZh: f.holderZh, holderEn: f.holderEn, placeZh: f.placeZh, placeEn: f.placeEn, status: f.status, currency: f.currency, balanceMinor: f.balanceMinor, inMinor: f.inMinor, outMinor: f.outMinor, inKindMinor: f.inKindMinor })),
    canOpen: principal ? canAnywhere(principal.roles, 'fund.manage') : false,
  };
}

export default function FundsIndex() {
  const { funds, canOpen } = useLoaderData<typeof loader>();
  const t = useT();
  const en = useLocale() === 'en';
  return (
    <>
      <h1>{t('funds.title')}</h1>
      <p>{t('funds.intro')}</p>
      <p>
        <Link to="/ledger">{t('funds.viewLedger')}</Link>
        {canOpen ? (
          <>
            {' · '}
            <Link to="/funds/new">{t('funds.open')}</Link>
          </>
        ) : null}
      </p>
      {funds.length === 0 ? <p>{t('funds.none')}</p> : null}
      {funds.map((f) => (
        <section key={f.id} aria-labelledby={`fund-${f.id}`}>
          <h2 id={`fund-${f.id}`}>
            <Link to={`/funds/${f.id}`}>{en ? f.nameEn : f.nameZh}</Link>
          </h2>
          <p className="muted">
            {t(`funds.kind.${f.kind}`)} · {en ? f.placeEn : f.placeZh} · {t('funds.holder')}: {en ? f.holderEn : f.holderZh}
            {f.status === 'closed' ? ` · ${t('funds.status.closed')}` : ''}
          </p>
          <FundFigures fund={f} />
        </section>
      ))}
    </>
  );
}
