import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { FormErrors } from '../components/field';
import { useT } from '../i18n/use-t';
import { actorOf } from '../permissions/principal.server';
import { requireUser } from '../permissions/permissions.server';
import { GroupList } from '../resources/group-list';
import { handleMembershipIntent, myGroupsWithMembers } from '../resources/group-page.server';
import { createOrganisation, listAreas, ResourceError } from '../resources/resources.server';
import { organisationInput } from '../resources/schemas';
import { OrganisationFields } from '../resources/form-fields';
import { parseForm, redirectWithNotice } from '../utils/forms.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('resources');

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
  const intent = lastResult?.initialValue?.intent;
  const [form] = useForm({ id: 'org', lastResult: intent === 'create' ? lastResult : undefined, onValidate: ({ formData }) => parseWithZod(formData, { schema: organisationInput }), shouldValidate: 'onSubmit' });
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
          <OrganisationFields id="org" areas={areas} errors={form.allErrors} />
          <button type="submit">{t('org.register')}</button>
        </Form>
      </section>
    </>
  );
}
