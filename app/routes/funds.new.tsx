import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { Field, FormErrors, SelectField } from '../components/field';
import { createFund } from '../funds/funds.server';
import { fundSchema } from '../funds/schemas';
import { fundKinds } from '../funds/values';
import { usePlaceName, useT } from '../i18n/use-t';
import { actorOf } from '../permissions/principal.server';
import { requirePermission, requireUser } from '../permissions/permissions.server';
import { scopesFor } from '../permissions/rules';
import { placesWithin } from '../places/places.server';
import { parseForm, redirectWithNotice } from '../utils/forms.server';
import { forbidden } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('funds', 'matching-funds');

// Staff open a fund at a place in their scope: a community's fund, the street's venture fund, a project's fund.
export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await requireUser(request);
  const scopes = scopesFor(principal.roles, 'fund.manage');
  if (!scopes.length) throw forbidden();
  const places = await placesWithin(scopes, ['district', 'street', 'community']);
  return { places: places.map((p) => ({ id: p.id, nameZh: p.nameZh, nameEn: p.nameEn, type: p.type })) };
}

export async function action({ request }: ActionFunctionArgs) {
  const principal = await requireUser(request);
  if (!scopesFor(principal.roles, 'fund.manage').length) throw forbidden();
  const { submission } = await parseForm(request, fundSchema);
  if (submission.status !== 'success') return submission.reply();
  const allowed = await requirePermission(request, 'fund.manage', submission.value.placeId);
  const fund = await createFund(actorOf(allowed), { ...submission.value, placeId: allowed.place.id });
  return redirectWithNotice(`/funds/${fund.id}`, 'funds.created');
}

export default function NewFundPage() {
  const { places } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const placeName = usePlaceName();
  const [form, fields] = useForm({ id: 'fund', lastResult, shouldValidate: 'onBlur', onValidate: ({ formData }) => parseWithZod(formData, { schema: fundSchema }) });
  return (
    <>
      <h1>{t('funds.new.title')}</h1>
      <FormErrors errors={form.errors} />
      <Form method="post" {...getFormProps(form)}>
        <SelectField id={fields.kind.id} name={fields.kind.name} label={t('funds.field.kind')} options={fundKinds.map((k) => ({ value: k, label: t(`funds.kind.${k}`) }))} errors={fields.kind.errors} required />
        <SelectField id={fields.placeId.id} name={fields.placeId.name} label={t('funds.field.place')} options={places.map((p) => ({ value: p.id, label: `${placeName(p)} (${t(`placeType.${p.type}`)})` }))} errors={fields.placeId.errors} required />
        <Field id={fields.nameZh.id} name={fields.nameZh.name} label={t('funds.field.nameZh')} errors={fields.nameZh.errors} maxLength={80} required />
        <Field id={fields.nameEn.id} name={fields.nameEn.name} label={t('funds.field.nameEn')} errors={fields.nameEn.errors} maxLength={80} required />
        <Field id={fields.holderZh.id} name={fields.holderZh.name} label={t('funds.field.holderZh')} hint={t('funds.field.holderHint')} errors={fields.holderZh.errors} maxLength={80} required />
        <Field id={fields.holderEn.id} name={fields.holderEn.name} label={t('funds.field.holderEn')} errors={fields.holderEn.errors} maxLength={80} required />
        <Field id={fields.descriptionZh.id} name={fields.descriptionZh.name} label={t('funds.field.descriptionZh')} errors={fields.descriptionZh.errors} maxLength={2000} />
        <Field id={fields.descriptionEn.id} name={fields.descriptionEn.name} label={t('funds.field.descriptionEn')} errors={fields.descriptionEn.errors} maxLength={2000} />
        <Field id={fields.projectName.id} name={fields.projectName.name} label={t('funds.field.projectName')} errors={fields.projectName.errors} maxLength={120} />
        <button type="submit">{t('funds.open')}</button>
      </Form>
    </>
  );
}
