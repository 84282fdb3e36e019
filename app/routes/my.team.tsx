import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { FormErrors } from '../components/field';
import { useT } from '../i18n/use-t';
import { actorOf } from '../permissions/principal.server';
import { requireUser } from '../permissions/permissions.server';
import { GroupList } from '../resources/group-list';
import { handleMembershipIntent, myGroupsWithMembers } from '../resources/group-page.server';
import { createTeam, listAreas, ResourceError } from '../resources/resources.server';
import { teamInput } from '../resources/schemas';
import { TeamFields } from '../resources/form-fields';
import { parseForm, redirectWithNotice } from '../utils/forms.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('resources');

const createSchema = teamInput.extend({ intent: z.literal('create') });

export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await requireUser(request);
  const [groups, areas] = await Promise.all([myGroupsWithMembers(principal.user.id, 'team'), listAreas()]);
  return { groups, areas };
}

export async function action({ request }: ActionFunctionArgs) {
  const principal = await requireUser(request);
  const handled = await handleMembershipIntent(request, principal, '/my/team');
  if (handled) return handled;
  const { submission } = await parseForm(request, createSchema);
  if (submission.status !== 'success') return submission.reply();
  try {
    const team = await createTeam({ ...actorOf(principal), userId: principal.user.id }, submission.value);
    return redirectWithNotice(`/resources/${team.id}`, 'team.created');
  } catch (e) {
    if (e instanceof ResourceError && e.field) return submission.reply({ fieldErrors: { placeId: ['resources.v.placeNotFound'] } });
    throw e;
  }
}

export default function MyTeam() {
  const { groups, areas } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const intent = lastResult?.initialValue?.intent;
  const [form] = useForm({ id: 'team', lastResult: intent === 'create' ? lastResult : undefined, onValidate: ({ formData }) => parseWithZod(formData, { schema: createSchema }), shouldValidate: 'onSubmit' });
  return (
    <>
      <h1>{t('team.title')}</h1>
      <p>{t('team.intro')}</p>
      {groups.length ? (
        <GroupList groups={groups} inviteGroupId={intent === 'invite' ? String(lastResult?.initialValue?.groupId) : undefined} inviteErrors={intent === 'invite' ? (lastResult?.error?.email ?? undefined) : undefined} />
      ) : (
        <p>
          {t('team.none')} <Link to="/resources?kind=team">{t('resources.title')}</Link>
        </p>
      )}
      <section aria-labelledby="create-h">
        <h2 id="create-h">{t('team.create')}</h2>
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="create" />
          <FormErrors errors={form.errors} />
          <TeamFields id="team" areas={areas} errors={form.allErrors} />
          <button type="submit">{t('team.create')}</button>
        </Form>
      </section>
    </>
  );
}
