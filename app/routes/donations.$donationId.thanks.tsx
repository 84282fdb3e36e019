import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { getDonationWithFund } from '../funds/donations.server';
import { useLocale, useT } from '../i18n/use-t';
import { notFound, uuidParam } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('funds');

// Where Stripe sends a card donor back. It shows only the fund and whether the gift has arrived: no name, no amount.
export async function loader({ params }: LoaderFunctionArgs) {
  const found = await getDonationWithFund(uuidParam(params, 'donationId'));
  if (!found || found.donation.method !== 'card') throw notFound();
  const { donation, fund } = found;
  const state = donation.status === 'posted' || donation.status === 'refunded' ? 'posted' : donation.status === 'cancelled' ? 'cancelled' : 'pending';
  return { state, fund: { id: fund.id, nameZh: fund.nameZh, nameEn: fund.nameEn } };
}

export default function ThanksPage() {
  const { state, fund } = useLoaderData<typeof loader>();
  const t = useT();
  const name = useLocale() === 'en' ? fund.nameEn : fund.nameZh;
  return (
    <>
      <h1>{t('thanks.title')}</h1>
      <p role="status">{t(`thanks.${state}`, { fund: name })}</p>
      <p>
        <Link to={`/funds/${fund.id}`}>{t('thanks.back')}</Link>
      </p>
    </>
  );
}
