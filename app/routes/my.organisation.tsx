import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { Field, FormErrors, SelectField } from '../components/field';
import { usePlaceName, useT } from '../i18n/use-t';
import { actorOf } from '../permissions/principal.server';
import { requireUser } from '../permissions/permissions.server';
import { GroupList } from '../resources/group-list';
import { handleMembershipIntent, myGroupsWithMembers } from '../resources/group-page.server';
import { createOrganisation, listAreas, ResourceError } from '../resources/resources.server';
import { organisationInput } from '../resources/schemas';
import { CheckboxGroup, placeOptions } from '../resources/ui';
import { registrationStatuses, serviceCategories } from '../resources/values';
import { parseForm, redirectWithNotice } from '../utils/forms.server';

// The hidden intent field is not part of the input and is dropped by the schema.
const createSchema = organisationInput;

export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await requireUser(request);
  const [groups, areas] = await Promise.all([myGroupsWithMembers(principal.user.id, 'organisation'), listAreas()]);
  return { groups, areas: areas.filter((a) => a.type !== 'grid') };
}

export async function action({ request }: ActionFunctionArgs) {
  const principal = await requireUser(request);
  const handled = await handleMembershipIntent(request, principal, '/my/organisation');
  if (handled) return handled;
  const { submission } = await parseForm(request, createSchema);
  if (submission.status !== 'success') return submission.reply();
  try {
    const org = await createOrganisation({ ...actorOf(principal), userId: principal.user.id }, submission.value);
    return redirectWithNotice(`/resources/${org.id}`, 'org.registered');
  } catch (e) {
    if (e instanceof ResourceError && e.field) return submission.reply({ fieldErrors: { placeId: ['resources.v.placeNotFound'] } });
    throw e;
  }
}

export default function MyOrganisation() {
  const { groups, areas } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const placeName = usePlaceName();
  const intent = lastResult?.initialValue?.intent;
  const [form, fields] = useForm({ id: 'org', lastResult: intent === 'create' ? lastResult : undefined, onValidate: ({ formData }) => parseWithZod(formData, { schema: organisationInput }), shouldValidate: 'onSubmit' });
  return (
    <>
      <h1>{t('org.title')}</h1>
      <p>{t('org.intro')}</p>
      {groups.length ? (
        <GroupList groups={groups} inviteGroupId={intent === 'invite' ? String(lastResult?.initialValue?.groupId) : undefined} inviteErrors={intent === 'invite' ? (lastResult?.error?.email ?? undefined) : undefined} />
      ) : (
        <p>{t('org.none')}</p>
      )}
      <section aria-labelledby="register-h">
        <h2 id="register-h">{t('org.register')}</h2>
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="create" />
          <FormErrors errors={form.errors} />
          <Field id={fields.name.id} name={fields.name.name} label={t('org.name')} errors={fields.name.errors} required maxLength={80} />
          <Field id={fields.description.id} name={fields.description.name} label={t('resources.new.description')} errors={fields.description.errors} maxLength={2000} />
          <SelectField id={fields.placeId.id} name={fields.placeId.name} label={t('org.base')} options={placeOptions(areas, placeName)} errors={fields.placeId.errors} required />
          <SelectField id={fields.registrationStatus.id} name={fields.registrationStatus.name} label={t('org.registrationStatus')} options={registrationStatuses.map((s) => ({ value: s, label: t(`resources.registration.${s}`) }))} errors={fields.registrationStatus.errors} required />
          <Field id={fields.registrationNumber.id} name={fields.registrationNumber.name} label={t('org.registrationNumber')} errors={fields.registrationNumber.errors} maxLength={40} />
          <CheckboxGroup id="org-categories" name="categories" legend={t('org.categories')} options={serviceCategories.map((c) => ({ value: c, label: t(`resources.category.${c}`) }))} errors={fields.categories.errors} />
          <Field id={fields.contactName.id} name={fields.contactName.name} label={t('org.contactName')} errors={fields.contactName.errors} maxLength={40} />
          <Field id={fields.contactPhone.id} name={fields.contactPhone.name} label={t('org.contactPhone')} type="tel" inputMode="tel" errors={fields.contactPhone.errors} />
          <Field id={fields.contactEmail.id} name={fields.contactEmail.name} label={t('org.contactEmail')} type="email" errors={fields.contactEmail.errors} />
          <button type="submit">{t('org.register')}</button>
        </Form>
      </section>
    </>
  );
}
