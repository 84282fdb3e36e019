// Pieces shared by the funds pages: money in the page's language, a fund's figures, a table of movements.
import { Link } from '@remix-run/react';
import type { PublicMovement } from './ledger.server';
import { formatDate, formatMoney } from '../i18n/locale';
import { useLocale, useT } from '../i18n/use-t';

export function useMoney() {
  const locale = useLocale();
  return (minor: number, currency = 'CNY') => formatMoney(locale, minor, currency);
}

export function useDate() {
  const locale = useLocale();
  return (d: string | Date) => formatDate(locale, d);
}

export interface FiguresProps {
  balanceMinor: number;
  inMinor: number;
  outMinor: number;
  inKindMinor: number;
  currency: string;
}

export function FundFigures({ fund }: { fund: FiguresProps }) {
  const t = useT();
  const money = useMoney();
  return (
    <dl className="cards">
      <div className="card">
        <dt>{t('funds.balance')}</dt>
        <dd style={{ fontSize: '1.5rem', fontWeight: 700 }}>{money(fund.balanceMinor, fund.currency)}</dd>
      </div>
      <div className="card">
        <dt>{t('funds.income')}</dt>
        <dd>{money(fund.inMinor, fund.currency)}</dd>
      </div>
      <div className="card">
        <dt>{t('funds.spending')}</dt>
        <dd>{money(fund.outMinor, fund.currency)}</dd>
      </div>
      <div className="card">
        <dt>{t('funds.inKind')}</dt>
        <dd>{money(fund.inKindMinor, fund.currency)}</dd>
      </div>
    </dl>
  );
}

/** A PublicMovement as it reaches the page: dates serialised to strings. */
export type MovementView = Omit<PublicMovement, 'occurredAt' | 'kind'> & { occurredAt: string; kind: string };

export function MovementsTable({ movements, showFund, caption }: { movements: MovementView[]; showFund: boolean; caption: string }) {
  const t = useT();
  const locale = useLocale();
  const money = useMoney();
  const date = useDate();
  return (
    <div className="table-wrap">
      <table>
        <caption className="muted">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ledger.date')}</th>
            {showFund ? <th scope="col">{t('ledger.fund')}</th> : null}
            <th scope="col">{t('ledger.kind')}</th>
            <th scope="col">{t('ledger.counterpart')}</th>
            <th scope="col">{t('funds.project')}</th>
            <th scope="col" style={{ textAlign: 'right' }}>
              {t('ledger.amount')}
            </th>
          </tr>
        </thead>
        <tbody>
          {movements.map((m) => (
            <tr key={`${m.groupId}-${m.fundId}-${m.inKind}`}>
              <td>{date(m.occurredAt)}</td>
              {showFund ? (
                <td>
                  <Link to={`/funds/${m.fundId}`}>{locale === 'en' ? m.fundEn : m.fundZh}</Link>
                </td>
              ) : null}
              <td>
                {t(`ledger.kind.${m.kind}`)}
                {m.description ? <span className="muted"> · {m.description}</span> : null}
              </td>
              <td>
                {m.anonymous ? (
                  <em>{t('ledger.anonymous')}</em>
                ) : m.counterpartFund ? (
                  <Link to={`/funds/${m.counterpartFund.id}`}>{locale === 'en' ? m.counterpartFund.nameEn : m.counterpartFund.nameZh}</Link>
                ) : (
                  (m.counterpart ?? '—')
                )}
              </td>
              <td>{m.project ?? '—'}</td>
              <td style={{ textAlign: 'right' }}>
                {m.amountMinor === null ? (
                  <span className="muted">{t('ledger.hiddenAmount')}</span>
                ) : (
                  <>
                    {m.inKind ? <span className="muted">{t('ledger.inKindValue')} </span> : null}
                    {m.amountMinor > 0 ? '+' : ''}
                    {money(m.amountMinor, m.currency)}
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
