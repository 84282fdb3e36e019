import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { Field, FormErrors, SelectField } from '../components/field';
import { usePlaceName, useT } from '../i18n/use-t';
import { actorOf } from '../permissions/principal.server';
import { requireUser } from '../permissions/permissions.server';
import { offerForm } from '../resources/forms';
import { createOffer, listAreas, ResourceError } from '../resources/resources.server';
import { CheckboxGroup, placeOptions } from '../resources/ui';
import { goodsModes, providerTypes, serviceCategories } from '../resources/values';
import { parseForm, redirectWithNotice } from '../utils/forms.server';

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return { areas: await listAreas() };
}

export async function action({ request }: ActionFunctionArgs) {
  const principal = await requireUser(request);
  const { submission } = await parseForm(request, offerForm);
  if (submission.status !== 'success') return submission.reply();
  try {
    const created = await createOffer({ ...actorOf(principal), userId: principal.user.id }, submission.value);
    return redirectWithNotice(`/resources/${created.id}`, 'resources.new.created');
  } catch (e) {
    if (e instanceof ResourceError && e.field) return submission.reply({ fieldErrors: { placeId: ['resources.v.placeNotFound'] } });
    throw e;
  }
}

const errorsUnder = (error: Record<string, string[] | null> | undefined, prefix: string) =>
  Object.entries(error ?? {})
    .filter(([k]) => k === prefix || k.startsWith(`${prefix}[`) || k.startsWith(`${prefix}.`))
    .flatMap(([, v]) => v ?? []);

export default function NewOffer() {
  const { areas } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const placeName = usePlaceName();
  const [form, fields] = useForm({ lastResult, onValidate: ({ formData }) => parseWithZod(formData, { schema: offerForm }), shouldValidate: 'onSubmit' });
  const hoursErrors = [...new Set(errorsUnder(lastResult?.error, 'availability'))];
  return (
    <>
      <h1>{t('resources.new.title')}</h1>
      <p>{t('resources.new.intro')}</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        <SelectField id={fields.kind.id} name={fields.kind.name} label={t('resources.new.kind')} options={(['offer', 'venue', 'goods'] as const).map((k) => ({ value: k, label: t(`resources.kind.${k}`) }))} errors={fields.kind.errors} required />
        <SelectField
          id={fields.offerType.id}
          name={fields.offerType.name}
          label={t('resources.new.offerType')}
          hint={t('resources.kind.offer')}
          options={(['service', 'in_kind'] as const).map((k) => ({ value: k, label: t(`resources.offerType.${k}`) }))}
          errors={fields.offerType.errors}
        />
        <Field id={fields.name.id} name={fields.name.name} label={t('resources.new.name')} errors={fields.name.errors} required maxLength={80} />
        <Field id={fields.description.id} name={fields.description.name} label={t('resources.new.description')} errors={fields.description.errors} maxLength={2000} />
        <SelectField id={fields.placeId.id} name={fields.placeId.name} label={t('resources.new.place')} options={placeOptions(areas, placeName)} errors={fields.placeId.errors} required />
        <CheckboxGroup id="categories" name={fields.categories.name} legend={t('resources.categories')} options={serviceCategories.map((c) => ({ value: c, label: t(`resources.category.${c}`) }))} errors={fields.categories.errors} />
        <SelectField id={fields.providerType.id} name={fields.providerType.name} label={t('resources.new.providerType')} options={providerTypes.map((p) => ({ value: p, label: t(`resources.provider.${p}`) }))} errors={fields.providerType.errors} required />
        <Field id={fields.providerName.id} name={fields.providerName.name} label={t('resources.new.providerName')} errors={fields.providerName.errors} required maxLength={80} />
        <Field id={fields.capacity.id} name={fields.capacity.name} label={t('resources.capacity')} type="number" inputMode="numeric" errors={fields.capacity.errors} hint={`${t('resources.kind.venue')} / ${t('resources.offerType.service')}`} />
        <Field id={fields.quantity.id} name={fields.quantity.name} label={t('resources.quantity')} type="number" inputMode="numeric" errors={fields.quantity.errors} hint={t('resources.kind.goods')} />
        <SelectField id={fields.goodsMode.id} name={fields.goodsMode.name} label={t('resources.goodsMode')} hint={t('resources.kind.goods')} options={goodsModes.map((g) => ({ value: g, label: t(`resources.goodsMode.${g}`) }))} errors={fields.goodsMode.errors} />
        <Field id="valueYuan" name="valueYuan" label={t('resources.new.valueYuan')} type="number" inputMode="numeric" errors={fields.valueMinor.errors} />
        <CheckboxGroup id="days" name="days" legend={t('resources.new.days')} options={[0, 1, 2, 3, 4, 5, 6].map((d) => ({ value: String(d), label: t(`resources.day.${d}`) }))} errors={hoursErrors} />
        <Field id="opens" name="opens" label={t('resources.new.opens')} type="time" />
        <Field id="closes" name="closes" label={t('resources.new.closes')} type="time" />
        <Field id={fields.slotMinutes.id} name={fields.slotMinutes.name} label={t('resources.slotMinutes')} type="number" inputMode="numeric" errors={fields.slotMinutes.errors} hint={t('resources.kind.venue')} />
        <Field id={fields.availableUntil.id} name={fields.availableUntil.name} label={t('resources.availableUntil')} type="date" errors={fields.availableUntil.errors} />
        <button type="submit">{t('form.submit')}</button>
      </Form>
    </>
  );
}
