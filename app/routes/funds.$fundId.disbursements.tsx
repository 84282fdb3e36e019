import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { Field, FormErrors, SelectField } from '../components/field';
import { decideDisbursement, listDisbursements, payDisbursement, requestDisbursement } from '../funds/disbursements.server';
import { fundPlace, getFund } from '../funds/funds.server';
import { disbursementSchema } from '../funds/schemas';
import { useDate, useMoney } from '../funds/ui';
import { payeeKinds } from '../funds/values';
import { formatMoney } from '../i18n/locale';
import { useLocale, useT } from '../i18n/use-t';
import { actorOf } from '../permissions/principal.server';
import { hasPermission, requirePermission, requireUser } from '../permissions/permissions.server';
import { parseForm, redirectWithNotice } from '../utils/forms.server';
import { forbidden, notFound, uuidParam } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('funds', 'matching-funds');

const decisionSchema = z.object({ intent: z.enum(['approve', 'reject']), disbursementId: z.string().uuid(), note: z.string().trim().max(500).optional() });
const paySchema = z.object({ intent: z.literal('pay'), disbursementId: z.string().uuid(), receiptRef: z.string({ required_error: 'v.required' }).trim().min(1, 'v.required').max(60, 'v.tooLong') });

async function guard(request: Request, fundId: string) {
  const place = await fundPlace(fundId);
  if (!place) throw notFound();
  const principal = await requireUser(request);
  const can = {
    request: hasPermission(principal, 'fund.request_disbursement', place),
    approve: hasPermission(principal, 'fund.approve_disbursement', place),
    pay: hasPermission(principal, 'fund.pay_disbursement', place),
  };
  if (!can.request && !can.approve && !can.pay) throw forbidden();
  return { principal, place, can };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const fundId = uuidParam(params, 'fundId');
  const { principal, can } = await guard(request, fundId);
  const fund = (await getFund(fundId))!;
  const rows = await listDisbursements(fundId);
  return {
    fund: { id: fund.id, nameZh: fund.nameZh, nameEn: fund.nameEn, currency: fund.currency, balanceMinor: fund.balanceMinor, status: fund.status },
    can,
    me: principal.user.id,
    rows: rows.map((d) => ({ id: d.id, payeeKind: d.payeeKind, payeeName: d.payeeName, projectName: d.projectName, purpose: d.purpose, amountMinor: d.amountMinor, status: d.status, requestedBy: d.requestedBy, receiptRef: d.receiptRef, createdAt: d.createdAt.toISOString() })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const fundId = uuidParam(params, 'fundId');
  const { principal, place } = await guard(request, fundId);
  const actor = { ...actorOf(principal), userId: principal.user.id };
  const back = `/funds/${fundId}/disbursements`;
  const intent = (await request.clone().formData()).get('intent');
  if (intent === 'approve' || intent === 'reject') {
    await requirePermission(request, 'fund.approve_disbursement', place);
    const { submission } = await parseForm(request, decisionSchema);
    if (submission.status !== 'success') throw notFound();
    const result = await decideDisbursement(actor, submission.value.disbursementId, submission.value.intent, submission.value.note);
    if (!result.ok && result.reason === 'own_request') return submission.reply({ formErrors: ['disb.ownRequest'] });
    if (!result.ok && result.reason === 'not_requested') return submission.reply({ formErrors: ['disb.notRequested'] });
    if (!result.ok) throw notFound();
    const notice = submission.value.intent === 'approve' ? 'disb.approved' : 'disb.rejectedNotice';
    return redirectWithNotice(back, notice);
  }
  if (intent === 'pay') {
    await requirePermission(request, 'fund.pay_disbursement', place);
    const { submission } = await parseForm(request, paySchema);
    if (submission.status !== 'success') return submission.reply();
    const result = await payDisbursement(actor, submission.value.disbursementId, submission.value.receiptRef);
    if (!result.ok && result.reason === 'insufficient_funds') {
      const fund = (await getFund(fundId))!;
      return { ...submission.reply({ formErrors: ['disb.insufficient'] }), balance: formatMoney(principal.user.locale, result.balanceMinor ?? 0, fund.currency) };
    }
    if (!result.ok && result.reason === 'not_approved') return submission.reply({ formErrors: ['disb.notApproved'] });
    if (!result.ok) throw notFound();
    return redirectWithNotice(back, 'disb.paid');
  }
  await requirePermission(request, 'fund.request_disbursement', place);
  const { submission } = await parseForm(request, disbursementSchema);
  if (submission.status !== 'success') return submission.reply();
  const v = submission.value;
  const created = await requestDisbursement(actor, fundId, { payeeKind: v.payeeKind, payeeName: v.payeeName, projectName: v.projectName ?? null, purpose: v.purpose, amountMinor: v.amount });
  if (!created) throw notFound();
  return redirectWithNotice(back, 'disb.requested');
}

export default function DisbursementsPage() {
  const { fund, can, me, rows } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const en = useLocale() === 'en';
  const money = useMoney();
  const date = useDate();
  const isRequestForm = lastResult && !('balance' in lastResult) && lastResult.initialValue && !('intent' in lastResult.initialValue);
  const [form, fields] = useForm({ id: 'disb', lastResult: isRequestForm ? lastResult : undefined, shouldValidate: 'onBlur', onValidate: ({ formData }) => parseWithZod(formData, { schema: disbursementSchema }) });
  const otherErrors = !isRequestForm && lastResult?.error ? (lastResult.error[''] ?? Object.values(lastResult.error).flat()) : null;
  const balance = lastResult && 'balance' in lastResult ? lastResult.balance : null;
  return (
    <>
      <p>
        <Link to={`/funds/${fund.id}`}>← {en ? fund.nameEn : fund.nameZh}</Link>
      </p>
      <h1>{t('disb.title')}</h1>
      <p>{t('disb.intro')}</p>
      <p>
        {t('funds.balance')}: <strong>{money(fund.balanceMinor, fund.currency)}</strong>
      </p>
      {otherErrors?.length ? (
        <div className="notice notice-error" role="alert">
          {otherErrors.map((e) => (
            <p key={e}>{t(e ?? '', balance ? { balance } : undefined)}</p>
          ))}
        </div>
      ) : null}
      {rows.length === 0 ? <p>{t('disb.none')}</p> : null}
      <ul className="cards">
        {rows.map((d) => (
          <li key={d.id} className="card">
            <p>
              <strong>{money(d.amountMinor, fund.currency)}</strong> → {d.payeeName} <span className="muted">({t(`disb.payeeKind.${d.payeeKind}`)})</span>
            </p>
            <p>
              {d.projectName ? `${d.projectName} · ` : ''}
              {d.purpose}
            </p>
            <p className="muted">
              {date(d.createdAt)} · {t(`disb.status.${d.status}`)}
              {d.receiptRef ? ` · ${d.receiptRef}` : ''}
            </p>
            {d.status === 'requested' && can.approve && d.requestedBy !== me ? (
              <Form method="post">
                <input type="hidden" name="disbursementId" value={d.id} />
                <button type="submit" name="intent" value="approve" aria-label={`${t('disb.approve')}: ${d.payeeName}`}>
                  {t('disb.approve')}
                </button>{' '}
                <button type="submit" name="intent" value="reject" className="secondary" aria-label={`${t('disb.reject')}: ${d.payeeName}`}>
                  {t('disb.reject')}
                </button>
              </Form>
            ) : null}
            {d.status === 'approved' && can.pay ? (
              <Form method="post">
                <input type="hidden" name="intent" value="pay" />
                <input type="hidden" name="disbursementId" value={d.id} />
                <div className="field">
                  <label htmlFor={`receipt-${d.id}`}>{t('disb.receiptRef')}</label>
                  <input id={`receipt-${d.id}`} name="receiptRef" required maxLength={60} />
                </div>
                <button type="submit">{t('disb.pay')}</button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
      {can.request && fund.status === 'active' ? (
        <section aria-labelledby="request-h">
          <h2 id="request-h">{t('disb.request')}</h2>
          <FormErrors errors={isRequestForm ? form.errors : null} />
          <Form method="post" {...getFormProps(form)}>
            <SelectField id={fields.payeeKind.id} name={fields.payeeKind.name} label={t('disb.payeeKind')} options={payeeKinds.map((k) => ({ value: k, label: t(`disb.payeeKind.${k}`) }))} errors={fields.payeeKind.errors} required />
            <Field id={fields.payeeName.id} name={fields.payeeName.name} label={t('disb.payeeName')} errors={fields.payeeName.errors} maxLength={120} required />
            <Field id={fields.projectName.id} name={fields.projectName.name} label={t('disb.projectName')} errors={fields.projectName.errors} maxLength={120} />
            <Field id={fields.purpose.id} name={fields.purpose.name} label={t('disb.purpose')} errors={fields.purpose.errors} maxLength={500} required />
            <Field id={fields.amount.id} name={fields.amount.name} label={t('disb.amount')} errors={fields.amount.errors} hint={t('donate.amountHint')} required />
            <button type="submit">{t('disb.submit')}</button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
