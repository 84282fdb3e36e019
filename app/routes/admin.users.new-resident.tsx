import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { Field, SelectField } from '../components/field';
import { usePlaceName, useT } from '../i18n/use-t';
import { createResidentWithoutAccount } from '../people/people.server';
import { newResidentSchema } from '../people/schemas';
import { findPlace, requireUser } from '../permissions/permissions.server';
import { can, scopesFor } from '../permissions/rules';
import { placesWithin } from '../places/places.server';
import { parseForm, redirectWithNotice } from '../utils/forms.server';
import { forbidden } from '../utils/http.server';

export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await requireUser(request);
  const scopes = scopesFor(principal.roles, 'household.manage');
  if (!scopes.length) throw forbidden();
  return { buildings: await placesWithin(scopes, ['building']) };
}

export async function action({ request }: ActionFunctionArgs) {
  const principal = await requireUser(request);
  if (!scopesFor(principal.roles, 'household.manage').length) throw forbidden();
  const { submission } = await parseForm(request, newResidentSchema);
  if (submission.status !== 'success') return submission.reply();
  const place = await findPlace(submission.value.homePlaceId);
  if (!place || !can(principal.roles, 'household.manage', place.path)) return submission.reply({ fieldErrors: { homePlaceId: ['v.uuid'] } });
  const id = await createResidentWithoutAccount(principal, { ...submission.value, phone: submission.value.phone || null });
  return redirectWithNotice(`/admin/users/${id}`, 'users.residentCreated');
}

export default function NewResident() {
  const { buildings } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const placeName = usePlaceName();
  const [form, fields] = useForm({ lastResult, onValidate: ({ formData }) => parseWithZod(formData, { schema: newResidentSchema }) });
  return (
    <>
      <h1>{t('users.newResident')}</h1>
      <p>{t('users.newResidentIntro')}</p>
      <Form method="post" {...getFormProps(form)}>
        <Field id={fields.name.id} name={fields.name.name} label={t('households.memberName')} errors={fields.name.errors} required />
        <SelectField id={fields.homePlaceId.id} name={fields.homePlaceId.name} label={t('users.homePlace')} options={buildings.map((b) => ({ value: b.id, label: placeName(b) }))} errors={fields.homePlaceId.errors} required />
        <Field id={fields.phone.id} name={fields.phone.name} label={t('households.phone')} type="tel" inputMode="tel" errors={fields.phone.errors} />
        <button type="submit">{t('form.save')}</button>
      </Form>
    </>
  );
}
