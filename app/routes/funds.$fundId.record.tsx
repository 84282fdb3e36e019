import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { Field, FormErrors, SelectField } from '../components/field';
import { decideDonation, listAwaitingConfirmation, listFundDonations, recordOfflineDonation } from '../funds/donations.server';
import { fundPlace, getFund } from '../funds/funds.server';
import { confirmationThreshold } from '../funds/rules';
import { chinaNoon, offlineDonationSchema } from '../funds/schemas';
import { useDate, useMoney } from '../funds/ui';
import { donorVisibilities, offlineMethods } from '../funds/values';
import { giftSources } from '../matching-funds/rules';
import { useLocale, useT } from '../i18n/use-t';
import { actorOf } from '../permissions/principal.server';
import { hasPermission, requirePermission, requireUser } from '../permissions/permissions.server';
import { getPlace } from '../places/places.server';
import { parseForm, redirectWithNotice } from '../utils/forms.server';
import { forbidden, notFound, uuidParam } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('funds', 'matching-funds');

const decisionSchema = z.object({ intent: z.enum(['confirm', 'reject']), donationId: z.string().uuid() });

/** The treasurer records; a second person (treasurer or staff) confirms large gifts. Anyone else: 403. */
async function guard(request: Request, fundId: string) {
  const place = await fundPlace(fundId);
  if (!place) throw notFound();
  const principal = await requireUser(request);
  const canRecord = hasPermission(principal, 'fund.record_donation', place);
  const canConfirm = hasPermission(principal, 'fund.confirm_donation', place);
  if (!canRecord && !canConfirm) throw forbidden();
  return { principal, place, canRecord, canConfirm };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const fundId = uuidParam(params, 'fundId');
  const { principal, place, canRecord, canConfirm } = await guard(request, fundId);
  const fund = (await getFund(fundId))!;
  const settings = (await getPlace(fund.placeId))?.settings;
  return {
    fund: { id: fund.id, nameZh: fund.nameZh, nameEn: fund.nameEn, currency: fund.currency },
    threshold: confirmationThreshold(settings),
    me: principal.user.id,
    canRecord,
    canConfirm,
    awaiting: canConfirm ? await listAwaitingConfirmation([place.path], fund.id) : [],
    recent: (await listFundDonations(actorOf(principal), fund, 30)).map((d) => ({ id: d.id, method: d.method, status: d.status, amountMinor: d.amountMinor, donorName: d.donorName, visibility: d.visibility, receiptNumber: d.receiptNumber, receivedAt: d.receivedAt.toISOString(), inKindDescription: d.inKindDescription })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const fundId = uuidParam(params, 'fundId');
  const { principal, place } = await guard(request, fundId);
  const actor = { ...actorOf(principal), userId: principal.user.id };
  const intent = (await request.clone().formData()).get('intent');
  if (intent === 'confirm' || intent === 'reject') {
    await requirePermission(request, 'fund.confirm_donation', place);
    const { submission } = await parseForm(request, decisionSchema);
    if (submission.status !== 'success') throw notFound();
    const result = await decideDonation(actor, submission.value.donationId, submission.value.intent);
    if (!result.ok && result.reason === 'same_person') return submission.reply({ formErrors: ['record.samePerson'] });
    if (!result.ok && result.reason === 'not_waiting') return submission.reply({ formErrors: ['record.notWaiting'] });
    if (!result.ok) throw notFound();
    const notice = submission.value.intent === 'confirm' ? 'record.confirmed' : 'record.rejected';
    return redirectWithNotice(`/funds/${fundId}/record`, notice);
  }
  await requirePermission(request, 'fund.record_donation', place);
  const { submission } = await parseForm(request, offlineDonationSchema);
  if (submission.status !== 'success') return submission.reply();
  const v = submission.value;
  const result = await recordOfflineDonation(actor, fundId, {
    method: v.method,
    amountMinor: v.amount,
    donorName: v.donorName,
    donorEmail: v.donorEmail ?? null,
    visibility: v.visibility,
    receiptNumber: v.receiptNumber,
    receivedAt: v.receivedOn ? chinaNoon(v.receivedOn) : undefined,
    inKindDescription: v.inKindDescription ?? null,
    note: v.note ?? null,
    origin: { source: v.source },
  });
  if (!result.ok && result.reason === 'receipt_taken') return submission.reply({ fieldErrors: { receiptNumber: ['record.receiptTaken'] } });
  if (!result.ok) throw notFound();
  const notice = result.posted ? 'record.posted' : 'record.waiting';
  return redirectWithNotice(`/funds/${fundId}/record`, notice);
}

export default function RecordDonationPage() {
  const { fund, threshold, me, canRecord, canConfirm, awaiting, recent } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const en = useLocale() === 'en';
  const money = useMoney();
  const date = useDate();
  const [form, fields] = useForm({ id: 'record', lastResult, shouldValidate: 'onBlur', onValidate: ({ formData }) => parseWithZod(formData, { schema: offlineDonationSchema }) });
  return (
    <>
      <p>
        <Link to={`/funds/${fund.id}`}>← {en ? fund.nameEn : fund.nameZh}</Link>
      </p>
      <h1>{t('record.title')}</h1>
      <FormErrors errors={form.errors} />
      {canConfirm ? (
        <section aria-labelledby="awaiting-h">
          <h2 id="awaiting-h">{t('record.awaiting')}</h2>
          {awaiting.length === 0 ? <p>{t('record.noneAwaiting')}</p> : null}
          <ul>
            {awaiting.map((d) => (
              <li key={d.id}>
                {d.receiptNumber} · {d.donorName} · {t(`method.${d.method}`)} · <strong>{money(d.amountMinor, d.currency)}</strong>{' '}
                {d.recordedBy === me ? (
                  <span className="muted">{t('record.samePerson')}</span>
                ) : (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="donationId" value={d.id} />
                  <button type="submit" name="intent" value="confirm" aria-label={`${t('record.confirm')}: ${d.receiptNumber}`}>
                    {t('record.confirm')}
                  </button>{' '}
                  <button type="submit" name="intent" value="reject" className="secondary" aria-label={`${t('record.reject')}: ${d.receiptNumber}`}>
                    {t('record.reject')}
                  </button>
                </Form>
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {canRecord ? (
        <section aria-labelledby="record-h">
          <h2 id="record-h">{t('record.submit')}</h2>
          <p>{t('record.intro', { threshold: money(threshold, fund.currency) })}</p>
          <Form method="post" {...getFormProps(form)}>
            <SelectField id={fields.method.id} name={fields.method.name} label={t('record.method')} options={offlineMethods.map((m) => ({ value: m, label: t(`method.${m}`) }))} errors={fields.method.errors} required />
            <Field id={fields.amount.id} name={fields.amount.name} label={t('record.amount')} inputMode="text" errors={fields.amount.errors} hint={t('donate.amountHint')} required />
            <Field id={fields.receiptNumber.id} name={fields.receiptNumber.name} label={t('record.receiptNumber')} errors={fields.receiptNumber.errors} hint={t('record.receiptHint')} maxLength={40} required />
            <Field id={fields.donorName.id} name={fields.donorName.name} label={t('record.donorName')} errors={fields.donorName.errors} maxLength={80} required />
            <Field id={fields.donorEmail.id} name={fields.donorEmail.name} label={t('record.donorEmail')} type="email" inputMode="email" errors={fields.donorEmail.errors} />
            <SelectField id={fields.visibility.id} name={fields.visibility.name} label={t('record.visibility')} options={donorVisibilities.map((v) => ({ value: v, label: t(`visibility.${v}`) }))} errors={fields.visibility.errors} required />
            <SelectField id={fields.source.id} name={fields.source.name} label={t('mf.giftSource')} hint={t('mf.giftSourceHint')} options={giftSources.map((s) => ({ value: s, label: t(`mf.sourceLabel.${s}`) }))} defaultValue="resident" errors={fields.source.errors} required />
            <Field id={fields.receivedOn.id} name={fields.receivedOn.name} label={t('record.receivedOn')} type="date" errors={fields.receivedOn.errors} />
            <Field id={fields.inKindDescription.id} name={fields.inKindDescription.name} label={t('record.inKindDescription')} errors={fields.inKindDescription.errors} maxLength={500} />
            <Field id={fields.note.id} name={fields.note.name} label={t('record.note')} errors={fields.note.errors} maxLength={500} />
            <button type="submit">{t('record.submit')}</button>
          </Form>
        </section>
      ) : null}
      <section aria-labelledby="recent-h">
        <h2 id="recent-h">{t('record.recent')}</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('ledger.date')}</th>
                <th scope="col">{t('receipt.number')}</th>
                <th scope="col">{t('receipt.donor')}</th>
                <th scope="col">{t('receipt.method')}</th>
                <th scope="col">{t('ledger.amount')}</th>
                <th scope="col">{t('receipt.status')}</th>
              </tr>
            </thead>
            <tbody>
              {recent.map((d) => (
                <tr key={d.id}>
                  <td>{date(d.receivedAt)}</td>
                  <td>
                    <Link to={`/donations/${d.id}/receipt`}>{d.receiptNumber}</Link>
                  </td>
                  <td>
                    {d.donorName} <span className="muted">({t(`visibility.${d.visibility}`)})</span>
                  </td>
                  <td>
                    {t(`method.${d.method}`)}
                    {d.inKindDescription ? ` · ${d.inKindDescription}` : ''}
                  </td>
                  <td>{money(d.amountMinor, fund.currency)}</td>
                  <td>{t(`donationStatus.${d.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
