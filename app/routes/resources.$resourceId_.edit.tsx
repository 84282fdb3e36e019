import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { FormErrors } from '../components/field';
import { useT } from '../i18n/use-t';
import { requireUser } from '../permissions/permissions.server';
import { getResourceForEditing, setMemberRole, updateOffer, updateOrganisation, updateTeam } from '../resources/edit.server';
import { OfferFields, OrganisationFields, TeamFields } from '../resources/form-fields';
import { offerForm } from '../resources/forms';
import { getResourceRow, listAreas, ResourceError } from '../resources/resources.server';
import { organisationInput, teamInput } from '../resources/schemas';
import { parseForm, redirectWithNotice } from '../utils/forms.server';
import { notFound, uuidParam } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('resources');

// Keeping a resource current: leaders edit their team or organisation and hand leadership on; an offer's owner
// (or staff of its place) edits the offer. Volunteers keep their profile on /my/profile.
const schemaFor = (kind: string) => (kind === 'team' ? teamInput : kind === 'organisation' ? organisationInput : offerForm);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = uuidParam(params, 'resourceId');
  const principal = await requireUser(request);
  const resource = await getResourceForEditing(principal, id);
  if (!resource) {
    const row = await getResourceRow(id);
    if (row?.kind === 'volunteer' && row.ownerUserId === principal.user.id) throw redirect('/my/profile');
    throw notFound();
  }
  return { resource, areas: await listAreas() };
}

const roleSchema = z.object({ intent: z.literal('role'), memberUserId: z.string().uuid(), role: z.enum(['leader', 'member']) });

export async function action({ request, params }: ActionFunctionArgs) {
  const id = uuidParam(params, 'resourceId');
  const principal = await requireUser(request);
  // The permission comes first: without it nothing sent is read.
  const resource = await getResourceForEditing(principal, id);
  if (!resource) throw notFound();
  const intent = (await request.clone().formData()).get('intent');
  if (intent === 'role') {
    const { submission } = await parseForm(request, roleSchema);
    if (submission.status !== 'success') throw notFound();
    try {
      await setMemberRole(principal, id, submission.value.memberUserId, submission.value.role);
    } catch (e) {
      if (e instanceof ResourceError && e.field === 'lastLeader') return redirectWithNotice(`/resources/${id}/edit`, 'resources.edit.lastLeader');
      if (e instanceof ResourceError) throw notFound();
      throw e;
    }
    // Someone who stepped down may no longer edit: back to the public page.
    const stillLeader = await getResourceForEditing(principal, id);
    const notice = submission.value.role === 'leader' ? 'resources.edit.madeLeader' : 'resources.edit.steppedDown';
    return redirectWithNotice(stillLeader ? `/resources/${id}/edit` : `/resources/${id}`, notice);
  }
  const { submission } = await parseForm(request, schemaFor(resource.kind));
  if (submission.status !== 'success') return submission.reply();
  try {
    if (resource.kind === 'team') await updateTeam(principal, id, submission.value as z.infer<typeof teamInput>);
    else if (resource.kind === 'organisation') {
      const { needsVerification } = await updateOrganisation(principal, id, submission.value as z.infer<typeof organisationInput>);
      if (needsVerification) return redirectWithNotice(`/resources/${id}`, 'resources.edit.reverify');
    } else await updateOffer(principal, id, submission.value as z.infer<typeof offerForm>);
  } catch (e) {
    if (e instanceof ResourceError && (e.code === 'place_not_found' || e.code === 'place_too_high')) return submission.reply({ fieldErrors: { placeId: ['resources.v.placeNotFound'] } });
    if (e instanceof ResourceError && e.field === 'quantity') return submission.reply({ fieldErrors: { quantity: ['resources.edit.belowOut'] } });
    if (e instanceof ResourceError && e.field === 'slotMinutes') return submission.reply({ fieldErrors: { slotMinutes: ['resources.edit.slotBooked'] } });
    if (e instanceof ResourceError && e.code === 'not_found') throw notFound();
    throw e;
  }
  return redirectWithNotice(`/resources/${id}`, 'resources.edit.saved');
}

export default function EditResource() {
  const { resource: r, areas } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const [form] = useForm({ id: 'edit', lastResult, onValidate: ({ formData }) => parseWithZod(formData, { schema: schemaFor(r.kind) }), shouldValidate: 'onSubmit' });
  return (
    <>
      <p>
        <Link to={`/resources/${r.id}`}>← {r.name}</Link>
      </p>
      <h1>{t('resources.edit.title', { name: r.name })}</h1>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="save" />
        <FormErrors errors={form.errors} />
        {r.kind === 'team' ? (
          <TeamFields id="edit" areas={areas} errors={form.allErrors} defaults={{ ...r, skills: r.team.skills }} />
        ) : r.kind === 'organisation' ? (
          <OrganisationFields id="edit" areas={areas} errors={form.allErrors} defaults={{ ...r, ...r.organisation }} verified={r.organisation.verified} />
        ) : (
          <OfferFields id="edit" areas={areas} errors={form.allErrors} defaults={{ ...r, ...r.offer }} />
        )}
        <button type="submit">{t('form.save')}</button>
      </Form>

      {r.members ? (
        <section aria-labelledby="leaders-h">
          <h2 id="leaders-h">{t('resources.edit.leaders')}</h2>
          <p className="hint">{t('resources.edit.leaders.hint')}</p>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('resources.edit.member')}</th>
                  <th scope="col">{t('resources.edit.role')}</th>
                  <th scope="col">{t('resources.edit.change')}</th>
                </tr>
              </thead>
              <tbody>
                {r.members.map((m) => (
                  <tr key={m.userId}>
                    <td>{m.name}</td>
                    <td>{t(`resources.memberRole.${m.role}`)}</td>
                    <td>
                      <Form method="post">
                        <input type="hidden" name="intent" value="role" />
                        <input type="hidden" name="memberUserId" value={m.userId} />
                        <input type="hidden" name="role" value={m.role === 'leader' ? 'member' : 'leader'} />
                        <button type="submit" className="secondary">
                          {m.role === 'leader' ? t('resources.edit.stepDown') : t('resources.edit.makeLeader')}
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </>
  );
}
