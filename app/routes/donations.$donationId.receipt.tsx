import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { auditDonationRead, getDonationWithFund } from '../funds/donations.server';
import { useDate, useMoney } from '../funds/ui';
import { useLocale, useT } from '../i18n/use-t';
import { actorOf } from '../permissions/principal.server';
import { hasPermission, requireUser } from '../permissions/permissions.server';
import { notFound, uuidParam } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('funds');

export const meta: MetaFunction = () => [{ title: 'Receipt · 捐赠收据 · Fivefold' }];

// A printable receipt for the donor (signed in) or the fund's treasurer and staff; to anyone else it does not exist.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const donationId = uuidParam(params, 'donationId');
  const principal = await requireUser(request);
  const found = await getDonationWithFund(donationId);
  if (!found) throw notFound();
  const place = { id: found.fund.placeId, path: found.placePath, type: found.placeType };
  const isDonor = found.donation.donorUserId === principal.user.id;
  const isStaff = hasPermission(principal, 'fund.record_donation', place) || hasPermission(principal, 'fund.confirm_donation', place);
  if (!isDonor && !isStaff) throw notFound();
  if (!isDonor) await auditDonationRead(actorOf(principal), donationId, place.id);
  const { donation: d, fund } = found;
  return {
    receipt: { number: d.receiptNumber, donorName: d.donorName, method: d.method, status: d.status, amountMinor: d.amountMinor, currency: d.currency, inKindDescription: d.inKindDescription, visibility: d.visibility, receivedAt: d.receivedAt.toISOString() },
    fund: { id: fund.id, nameZh: fund.nameZh, nameEn: fund.nameEn, holderZh: fund.holderZh, holderEn: fund.holderEn },
  };
}

export default function ReceiptPage() {
  const { receipt, fund } = useLoaderData<typeof loader>();
  const t = useT();
  const en = useLocale() === 'en';
  const money = useMoney();
  const date = useDate();
  return (
    <article className="receipt">
      <h1>{t('receipt.title')}</h1>
      <dl>
        <dt>{t('receipt.number')}</dt>
        <dd>{receipt.number}</dd>
        <dt>{t('receipt.donor')}</dt>
        <dd>
          {receipt.donorName} <span className="muted">({t(`visibility.${receipt.visibility}`)})</span>
        </dd>
        <dt>{t('receipt.fund')}</dt>
        <dd>
          {en ? fund.nameEn : fund.nameZh} · {t('funds.holder')}: {en ? fund.holderEn : fund.holderZh}
        </dd>
        <dt>{receipt.method === 'in_kind' ? t('receipt.value') : t('receipt.amount')}</dt>
        <dd>
          <strong>{money(receipt.amountMinor, receipt.currency)}</strong>
        </dd>
        {receipt.inKindDescription ? (
          <>
            <dt>{t('receipt.item')}</dt>
            <dd>{receipt.inKindDescription}</dd>
          </>
        ) : null}
        <dt>{t('receipt.method')}</dt>
        <dd>{t(`method.${receipt.method}`)}</dd>
        <dt>{t('receipt.date')}</dt>
        <dd>{date(receipt.receivedAt)}</dd>
        <dt>{t('receipt.status')}</dt>
        <dd>{t(`donationStatus.${receipt.status}`)}</dd>
      </dl>
      {receipt.status === 'posted' ? <p>{t('receipt.thanks')}</p> : null}
      <p className="no-print">
        <button type="button" onClick={() => window.print()}>
          {t('receipt.print')}
        </button>{' '}
        <Link to={`/funds/${fund.id}`}>{en ? fund.nameEn : fund.nameZh}</Link>
      </p>
    </article>
  );
}
