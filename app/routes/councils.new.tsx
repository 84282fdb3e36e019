import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { Field, FormErrors, SelectField } from '../components/field';
import { createCouncil } from '../deliberation/councils.server';
import { councilSchema } from '../deliberation/schemas';
import { seatGroups } from '../deliberation/values';
import { useLocale, useT } from '../i18n/use-t';
import { actorOf } from '../permissions/principal.server';
import { requireUser } from '../permissions/permissions.server';
import { scopesFor } from '../permissions/rules';
import { placesWithin } from '../places/places.server';
import { parseForm, redirectWithNotice } from '../utils/forms.server';
import { forbidden } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('deliberation');

export const meta: MetaFunction = () => [{ title: '成立议事会 · New council · Fivefold' }];

/** Staff set up a council for a community or one compound of the places they run. */
async function context(request: Request) {
  const principal = await requireUser(request);
  const places = await placesWithin(scopesFor(principal.roles, 'council.manage'), ['community', 'compound']);
  if (!places.length) throw forbidden();
  return { principal, places };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { places } = await context(request);
  return { places: places.map((p) => ({ id: p.id, nameZh: p.nameZh, nameEn: p.nameEn, type: p.type })) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { principal, places } = await context(request);
  const { submission } = await parseForm(request, councilSchema);
  if (submission.status !== 'success') return submission.reply();
  const place = places.find((p) => p.id === submission.value.placeId);
  if (!place) return submission.reply({ fieldErrors: { placeId: ['v.invalid'] } });
  const council = await createCouncil(actorOf(principal), place, submission.value);
  return redirectWithNotice(`/councils/${council.id}`, 'council.created');
}

export default function NewCouncil() {
  const { places } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const en = useLocale() === 'en';
  const [form, fields] = useForm({ id: 'council', lastResult, shouldValidate: 'onBlur', onValidate: ({ formData }) => parseWithZod(formData, { schema: councilSchema }) });
  const seats = fields.seats.getFieldset();
  return (
    <>
      <p>
        <Link to="/topics">← {t('deliberation.title')}</Link>
      </p>
      <h1>{t('council.new')}</h1>
      <p>{t('council.newIntro')}</p>
      <FormErrors errors={form.errors} />
      <Form method="post" {...getFormProps(form)}>
        <SelectField
          id={fields.placeId.id}
          name={fields.placeId.name}
          label={t('council.place')}
          options={places.map((p) => ({ value: p.id, label: `${en ? p.nameEn : p.nameZh} (${t(`placeType.${p.type}`)})` }))}
          errors={fields.placeId.errors}
          required
        />
        <Field id={fields.nameZh.id} name={fields.nameZh.name} label={t('council.nameZh')} errors={fields.nameZh.errors} maxLength={100} required />
        <Field id={fields.nameEn.id} name={fields.nameEn.name} label={t('council.nameEn')} errors={fields.nameEn.errors} maxLength={100} required />
        <Field id={fields.termStartsOn.id} name={fields.termStartsOn.name} type="date" label={t('council.termStarts')} errors={fields.termStartsOn.errors} required />
        <Field id={fields.termEndsOn.id} name={fields.termEndsOn.name} type="date" label={t('council.termEnds')} errors={fields.termEndsOn.errors} required />
        <fieldset>
          <legend>{t('council.reserved')}</legend>
          <p className="hint">{t('council.reservedHint')}</p>
          {seatGroups
            .filter((g) => g !== 'general')
            .map((g) => (
              <Field
                key={g}
                id={seats[g].id}
                name={seats[g].name}
                type="number"
                inputMode="numeric"
                label={t('council.seatsFor', { group: t(`council.seat.${g}`) })}
                defaultValue={0}
                errors={seats[g].errors}
              />
            ))}
        </fieldset>
        <button type="submit">{t('council.create')}</button>
      </Form>
    </>
  );
}
