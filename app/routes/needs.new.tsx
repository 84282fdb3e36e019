import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { Field, FormErrors, Notice, SelectField } from '../components/field';
import { useLocale, useT } from '../i18n/use-t';
import { placeOptions, raiseNeed } from '../needs/needs.server';
import { readPhotos } from '../needs/photos.server';
import { needCategoryOptions } from '../needs/settings.server';
import { replyToNeedError } from '../needs/pages.server';
import { raiseSchema } from '../needs/schemas';
import { PhotoInput, useCategoryLabel } from '../needs/ui';
import { beneficiaryTypes, recurrences, staffChannels, urgencies } from '../needs/values';
import { getPrincipal } from '../permissions/permissions.server';
import { canAnywhere } from '../permissions/rules';
import { parseForm, redirectWithNotice } from '../utils/forms.server';
import { raiseLimit } from '../needs/limits.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('needs');

// Anyone may raise a need: signed in as themselves (or acting for a resident), anonymously with a private contact,
// or as staff logging it from a visit, a yard meeting, the hotline or a walk-in.
export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await getPrincipal(request);
  return {
    signedIn: Boolean(principal),
    actingFor: principal?.actingFor?.name ?? null,
    canLogForOthers: principal ? canAnywhere(principal.roles, 'need.raise_for') : false,
    places: await placeOptions(),
    categories: (await needCategoryOptions()).filter((c) => c.offered),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const principal = await getPrincipal(request);
  const { formData, submission } = await parseForm(request, raiseSchema);
  if (submission.status !== 'success') return submission.reply();
  const read = await readPhotos(formData);
  if ('error' in read) return submission.reply({ fieldErrors: { photos: [read.error] } });
  const limited = await raiseLimit(request, principal);
  if (!limited.ok) return submission.reply({ formErrors: ['limits.tooMany'] });
  try {
    const need = await raiseNeed(principal, submission.value, { photos: read.photos });
    return redirectWithNotice(principal ? `/needs/${need.id}` : '/needs', 'needs.raised');
  } catch (error) {
    return replyToNeedError(error, (o) => submission.reply(o)).result;
  }
}

export default function NewNeed() {
  const data = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const category = useCategoryLabel();
  const [form, fields] = useForm({ lastResult, onValidate: ({ formData }) => parseWithZod(formData, { schema: raiseSchema }), shouldRevalidate: 'onBlur' });
  const choose = { value: '', label: t('needs.field.choose') };
  return (
    <>
      <h1>{t('needs.new.title')}</h1>
      <p>{t('needs.new.intro')}</p>
      {!data.signedIn ? <Notice>{t('needs.new.anonymous')}</Notice> : null}
      <FormErrors errors={form.errors} />
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)}>
        {data.canLogForOthers ? (
          <SelectField id={fields.channel.id} name={fields.channel.name} label={t('needs.field.channel')} errors={fields.channel.errors} options={[{ value: '', label: t('needs.field.channel.self') }, ...staffChannels.map((c) => ({ value: c, label: t(`needs.channel.${c}`) }))]} />
        ) : null}
        <Field id={fields.title.id} name={fields.title.name} label={t('needs.field.title')} hint={t('needs.field.title.hint')} errors={fields.title.errors} required maxLength={120} />
        <div className="field">
          <label htmlFor={fields.description.id}>{t('needs.field.description')}</label>
          <textarea id={fields.description.id} name={fields.description.name} rows={4} maxLength={2000} aria-invalid={fields.description.errors ? true : undefined} />
        </div>
        <SelectField id={fields.category.id} name={fields.category.name} label={t('needs.field.category')} errors={fields.category.errors} required options={[choose, ...data.categories.map((c) => ({ value: c.key, label: c.shared ? category(c.key) : t('needs.category.ownOf', { name: category(c.key, [c]), community: locale === 'en' ? (c.communityEn ?? '') : (c.communityZh ?? '') }) }))]} />
        <SelectField
          id={fields.placeId.id}
          name={fields.placeId.name}
          label={t('needs.field.place')}
          hint={t('needs.field.place.hint')}
          errors={fields.placeId.errors}
          required
          options={[choose, ...data.places.map((p) => ({ value: p.id, label: locale === 'en' ? p.en : p.zh }))]}
        />
        <SelectField id={fields.urgency.id} name={fields.urgency.name} label={t('needs.field.urgency')} defaultValue="normal" errors={fields.urgency.errors} options={urgencies.map((u) => ({ value: u, label: t(`needs.urgency.${u}`) }))} />
        <SelectField id={fields.beneficiary.id} name={fields.beneficiary.name} label={t('needs.field.beneficiary')} errors={fields.beneficiary.errors} options={beneficiaryTypes.map((b) => ({ value: b, label: t(`needs.beneficiary.${b}`) }))} />
        <fieldset>
          <legend>{t('needs.field.quantity')}</legend>
          <Field id={fields.quantity.id} name={fields.quantity.name} label={t('needs.field.quantity')} type="number" inputMode="numeric" errors={fields.quantity.errors} />
          <Field id={fields.quantityUnit.id} name={fields.quantityUnit.name} label={t('needs.field.quantityUnit')} errors={fields.quantityUnit.errors} maxLength={20} />
          <SelectField id={fields.recurrence.id} name={fields.recurrence.name} label={t('needs.field.recurrence')} errors={fields.recurrence.errors} options={recurrences.map((r) => ({ value: r, label: t(`needs.recurrence.${r}`) }))} />
          <Field id={fields.wantedFrom.id} name={fields.wantedFrom.name} label={t('needs.field.wantedFrom')} type="date" errors={fields.wantedFrom.errors} />
          <Field id={fields.wantedUntil.id} name={fields.wantedUntil.name} label={t('needs.field.wantedUntil')} type="date" errors={fields.wantedUntil.errors} />
        </fieldset>
        <fieldset>
          <legend>{t('needs.field.private')}</legend>
          <p className="hint">{t('needs.field.private.hint')}</p>
          <Field id={fields.contactName.id} name={fields.contactName.name} label={t('needs.field.contactName')} errors={fields.contactName.errors} autoComplete="name" />
          <Field id={fields.phone.id} name={fields.phone.name} label={t('needs.field.phone')} type="tel" inputMode="tel" errors={fields.phone.errors} autoComplete="tel" />
          <Field id={fields.email.id} name={fields.email.name} label={t('needs.field.email')} type="email" inputMode="email" errors={fields.email.errors} autoComplete="email" />
          <Field id={fields.address.id} name={fields.address.name} label={t('needs.field.address')} errors={fields.address.errors} autoComplete="street-address" />
          <div className="field">
            <label htmlFor={fields.healthNotes.id}>{t('needs.field.healthNotes')}</label>
            <textarea id={fields.healthNotes.id} name={fields.healthNotes.name} rows={2} maxLength={1000} />
          </div>
          <PhotoInput errors={lastResult?.error?.photos ?? undefined} />
        </fieldset>
        <button type="submit">{t('needs.new.submit')}</button>
      </Form>
    </>
  );
}
