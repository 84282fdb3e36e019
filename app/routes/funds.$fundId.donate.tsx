import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { Field, FormErrors, SelectField } from '../components/field';
import { startCardDonation } from '../funds/card.server';
import { getFund } from '../funds/funds.server';
import { cardDonationSchema } from '../funds/schemas';
import { stripeEnabled } from '../funds/stripe.server';
import { donorVisibilities } from '../funds/values';
import { giftSources } from '../matching-funds/rules';
import { useLocale, useT } from '../i18n/use-t';
import { getPrincipal } from '../permissions/permissions.server';
import { getMyPledge } from '../pledges/pledges.server';
import { originOf, parseForm } from '../utils/forms.server';
import { notFound, uuidParam } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('funds', 'matching-funds');

// Card donations: only when Stripe is configured (otherwise this page does not exist) and the fund is open.
async function openFund(params: Record<string, string | undefined>) {
  if (!stripeEnabled()) throw notFound();
  const fund = await getFund(uuidParam(params, 'fundId'));
  if (!fund || fund.status !== 'active' || fund.kind === 'matching') throw notFound();
  return fund;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const fund = await openFund(params);
  const principal = await getPrincipal(request);
  // Paying a pledge (e.g. a household's share from an owner living elsewhere): the payment is linked to it.
  const pledgeId = new URL(request.url).searchParams.get('pledge');
  const pledge = principal && pledgeId ? await getMyPledge(principal.user.id, pledgeId) : null;
  const owed = pledge && pledge.fundId === fund.id && pledge.status === 'open' ? { id: pledge.id, leftYuan: ((pledge.amountMinor - pledge.paidMinor) / 100).toFixed(2) } : null;
  return { fund: { id: fund.id, nameZh: fund.nameZh, nameEn: fund.nameEn }, me: principal ? { name: principal.user.name, email: principal.user.email ?? '' } : null, pledge: owed };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const fund = await openFund(params);
  const principal = await getPrincipal(request);
  const pledgeId = (await request.clone().formData()).get('pledgeId');
  const { submission } = await parseForm(request, cardDonationSchema);
  if (submission.status !== 'success') return submission.reply();
  const pledge = principal && typeof pledgeId === 'string' && pledgeId ? await getMyPledge(principal.user.id, pledgeId) : null;
  const linked = pledge && pledge.fundId === fund.id && pledge.status === 'open' ? pledge : null;
  const giftOrigin = linked ? { source: linked.source, householdId: linked.householdId } : { source: submission.value.source };
  const result = await startCardDonation({ fundId: fund.id, amountMinor: submission.value.amount, donorName: submission.value.donorName, donorEmail: submission.value.donorEmail, visibility: submission.value.visibility, donorUserId: principal?.user.id ?? null, origin: originOf(request), giftOrigin, pledgeId: linked?.id ?? null });
  if (!result.ok) return submission.reply({ formErrors: ['donate.failed'] });
  return redirect(result.url, 303);
}

export default function DonatePage() {
  const { fund, me, pledge } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const en = useLocale() === 'en';
  const [form, fields] = useForm({ id: 'donate', lastResult, shouldValidate: 'onBlur', onValidate: ({ formData }) => parseWithZod(formData, { schema: cardDonationSchema }) });
  return (
    <>
      <p>
        <Link to={`/funds/${fund.id}`}>← {en ? fund.nameEn : fund.nameZh}</Link>
      </p>
      <h1>{t('donate.title')}</h1>
      <p>{t('donate.intro')}</p>
      <FormErrors errors={form.errors} />
      <Form method="post" {...getFormProps(form)}>
        {pledge ? <input type="hidden" name="pledgeId" value={pledge.id} /> : null}
        {pledge ? <p>{t('mf.pledge.paying', { left: pledge.leftYuan })}</p> : null}
        <Field id={fields.amount.id} name={fields.amount.name} label={t('donate.amount')} hint={t('donate.amountHint')} errors={fields.amount.errors} required />
        <Field id={fields.donorName.id} name={fields.donorName.name} label={t('donate.name')} defaultValue={me?.name} autoComplete="name" maxLength={80} errors={fields.donorName.errors} required />
        <Field id={fields.donorEmail.id} name={fields.donorEmail.name} label={t('donate.email')} type="email" inputMode="email" autoComplete="email" defaultValue={me?.email} errors={fields.donorEmail.errors} required />
        <SelectField id={fields.source.id} name={fields.source.name} label={t('mf.giftSource')} hint={t('mf.giftSourceHint')} options={giftSources.map((s) => ({ value: s, label: t(`mf.sourceLabel.${s}`) }))} defaultValue="resident" errors={fields.source.errors} required />
        <SelectField id={fields.visibility.id} name={fields.visibility.name} label={t('donate.visibility')} options={donorVisibilities.map((v) => ({ value: v, label: t(`visibility.${v}`) }))} errors={fields.visibility.errors} required />
        <button type="submit">{t('donate.submit')}</button>
      </Form>
    </>
  );
}
