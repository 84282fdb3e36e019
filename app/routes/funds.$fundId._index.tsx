import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { listAwaitingConfirmation } from '../funds/donations.server';
import { fundPlace, getFund, listApprovers } from '../funds/funds.server';
import { listMovements } from '../funds/ledger.server';
import { stripeEnabled } from '../funds/stripe.server';
import { FundFigures, MovementsTable } from '../funds/ui';
import { useLocale, useT } from '../i18n/use-t';
import { getPrincipal, hasPermission } from '../permissions/permissions.server';
import { notFound, uuidParam } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('funds');

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.fund.nameZh} · ${data.fund.nameEn} · Fivefold` : 'Fivefold' }];

// Public: a fund's purpose, holder, balance, income and spending, and its latest movements. Staff see their tools.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const fundId = uuidParam(params, 'fundId');
  const fund = await getFund(fundId);
  if (!fund) throw notFound();
  const principal = await getPrincipal(request);
  const place = await fundPlace(fund.id);
  const scoped = principal ? place : null;
  const may = (p: Parameters<typeof hasPermission>[1]) => Boolean(principal && scoped && hasPermission(principal, p, scoped));
  const canConfirm = may('fund.confirm_donation');
  const { rows } = await listMovements({ fundId: fund.id, limit: 15 });
  return {
    fund: { id: fund.id, kind: fund.kind, nameZh: fund.nameZh, nameEn: fund.nameEn, descriptionZh: fund.descriptionZh, descriptionEn: fund.descriptionEn, holderZh: fund.holderZh, holderEn: fund.holderEn, placeZh: fund.placeZh, placeEn: fund.placeEn, projectName: fund.projectName, status: fund.status, currency: fund.currency, balanceMinor: fund.balanceMinor, inMinor: fund.inMinor, outMinor: fund.outMinor, inKindMinor: fund.inKindMinor },
    movements: rows.map((m) => ({ ...m, occurredAt: m.occurredAt.toISOString() })),
    approvers: place ? await listApprovers(place.path) : [],
    card: stripeEnabled() && fund.status === 'active' && fund.kind !== 'matching',
    staff: {
      record: may('fund.record_donation'),
      disbursements: may('fund.request_disbursement') || may('fund.approve_disbursement') || may('fund.pay_disbursement'),
      awaiting: canConfirm && scoped ? (await listAwaitingConfirmation([scoped.path], fund.id)).length : 0,
    },
  };
}

export default function FundPage() {
  const { fund, movements, approvers, card, staff } = useLoaderData<typeof loader>();
  const t = useT();
  const en = useLocale() === 'en';
  const description = en ? fund.descriptionEn : fund.descriptionZh;
  return (
    <>
      <p>
        <Link to="/funds">← {t('funds.title')}</Link>
      </p>
      <h1>{en ? fund.nameEn : fund.nameZh}</h1>
      <p className="muted">
        {t(`funds.kind.${fund.kind}`)} · {en ? fund.placeEn : fund.placeZh} · {t('funds.holder')}: {en ? fund.holderEn : fund.holderZh}
        {fund.projectName ? ` · ${t('funds.project')}: ${fund.projectName}` : ''}
        {fund.status === 'closed' ? ` · ${t('funds.status.closed')}` : ''}
      </p>
      {description ? <p>{description}</p> : null}
      {approvers.length ? (
        <p>
          {t('funds.approvers')}: {approvers.map((a) => (en ? `${a.name} (${a.placeEn}, ${t(`role.${a.role}`)})` : `${a.name}（${a.placeZh}${t(`role.${a.role}`)}）`)).join(en ? '; ' : '、')}
        </p>
      ) : null}
      <FundFigures fund={fund} />
      <p className="hint">{t('funds.inKindNote')}</p>
      {card ? (
        <p>
          <Link to={`/funds/${fund.id}/donate`} className="button">
            {t('donate.cta')}
          </Link>
        </p>
      ) : null}
      {fund.kind !== 'matching' ? <p className="hint">{t('donate.offlineOnly')}</p> : null}
      {staff.record || staff.disbursements || staff.awaiting ? (
        <section aria-labelledby="staff-h">
          <h2 id="staff-h">{t('funds.forStaff')}</h2>
          <ul>
            {staff.record || staff.awaiting ? (
              <li>
                <Link to={`/funds/${fund.id}/record`}>{t('funds.recordDonation')}</Link>
                {staff.awaiting ? ` · ${t('funds.awaitingConfirmation', { count: staff.awaiting })}` : ''}
              </li>
            ) : null}
            {staff.disbursements ? (
              <li>
                <Link to={`/funds/${fund.id}/disbursements`}>{t('funds.disbursements')}</Link>
              </li>
            ) : null}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="recent-h">
        <h2 id="recent-h">{t('funds.recent')}</h2>
        {movements.length ? <MovementsTable movements={movements} showFund={false} caption={t('funds.recent')} /> : <p>{t('funds.noMovements')}</p>}
        <p>
          <Link to={`/ledger?fund=${fund.id}`}>{t('funds.viewLedger')}</Link>
        </p>
      </section>
    </>
  );
}
