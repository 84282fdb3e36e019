import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { memberRelations } from '../../db/schema/values';
import { Field, FormErrors, Notice, SelectField } from '../components/field';
import { usePlaceName, useT } from '../i18n/use-t';
import { actorOf } from '../permissions/principal.server';
import { hasPermission, requirePermission } from '../permissions/permissions.server';
import { addMember, getHousehold, getHouseholdPlace, moveOutMember, setVoter } from '../places/households.server';
import { memberSchema } from '../places/schemas';
import { parseForm, redirectWithNotice } from '../utils/forms.server';
import { notFound, uuidParam } from '../utils/http.server';

const memberRef = z.object({ intent: z.enum(['setVoter', 'moveOut']), memberId: z.string().uuid() });

async function guard(request: Request, householdId: string, permission: 'household.read' | 'household.manage') {
  const place = await getHouseholdPlace(householdId);
  if (!place) throw notFound();
  // Whether a household exists at all is private: outsiders get the same 404 as for a wrong id.
  return requirePermission(request, permission, place, { hideExistence: true });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const householdId = uuidParam(params, 'householdId');
  const principal = await guard(request, householdId, 'household.read');
  const household = await getHousehold(actorOf(principal), householdId);
  if (!household) throw notFound();
  return { household, canManage: hasPermission(principal, 'household.manage', principal.place) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const householdId = uuidParam(params, 'householdId');
  const principal = await guard(request, householdId, 'household.manage');
  const actor = actorOf(principal);
  const intent = (await request.clone().formData()).get('intent');
  if (intent === 'addMember') {
    const { submission } = await parseForm(request, memberSchema);
    if (submission.status !== 'success') return submission.reply();
    await addMember(actor, householdId, principal.place.id, { ...submission.value, birthYear: submission.value.birthYear ?? null, phone: submission.value.phone || null });
    return redirectWithNotice(`/admin/households/${householdId}`, 'households.memberAdded');
  }
  const { submission } = await parseForm(request, memberRef);
  if (submission.status !== 'success') throw notFound();
  if (submission.value.intent === 'setVoter') {
    const result = await setVoter(actor, householdId, principal.place.id, submission.value.memberId);
    if (!result.ok && result.reason === 'not_adult') return submission.reply({ formErrors: ['households.voterMustBeAdult'] });
    if (!result.ok) throw notFound();
    return redirectWithNotice(`/admin/households/${householdId}`, 'form.saved');
  }
  if (!(await moveOutMember(actor, householdId, principal.place.id, submission.value.memberId))) throw notFound();
  return redirectWithNotice(`/admin/households/${householdId}`, 'form.saved');
}

export default function HouseholdPage() {
  const { household, canManage } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const placeName = usePlaceName();
  const [form, fields] = useForm({ id: 'member', lastResult: lastResult && 'intent' in (lastResult.initialValue ?? {}) && lastResult.initialValue?.intent === 'addMember' ? lastResult : undefined, onValidate: ({ formData }) => parseWithZod(formData, { schema: memberSchema }) });
  const formErrors = lastResult?.error?.[''] ?? null;
  return (
    <>
      <p>
        <Link to={`/admin/places/${household.placeId}/households`}>
          ← {placeName({ nameZh: household.placeZh, nameEn: household.placeEn })}
        </Link>
      </p>
      <h1>
        {placeName({ nameZh: household.placeZh, nameEn: household.placeEn })} · {household.unit}
      </h1>
      <Notice>{t('households.privateNote')}</Notice>
      <FormErrors errors={formErrors} />
      <div className="table-wrap">
        <table>
          <caption className="muted">{t('households.members')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('households.memberName')}</th>
              <th scope="col">{t('households.relation')}</th>
              <th scope="col">{t('households.birthYear')}</th>
              <th scope="col">{t('households.phone')}</th>
              <th scope="col">{t('households.voter')}</th>
              {canManage ? <th scope="col">{t('common.actions')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {household.members.map((m) => (
              <tr key={m.id}>
                <td>{m.name}</td>
                <td>{t(`relation.${m.relation}`)}</td>
                <td>{m.birthYear ?? '—'}</td>
                <td>{m.phone ?? '—'}</td>
                <td>{m.votesForHousehold ? t('common.yes') : m.isAdult ? t('common.no') : '—'}</td>
                {canManage ? (
                  <td>
                    {!m.votesForHousehold && m.isAdult ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="setVoter" />
                        <input type="hidden" name="memberId" value={m.id} />
                        <button type="submit" className="secondary" aria-label={`${t('households.setVoter')}: ${m.name}`}>
                          {t('households.setVoter')}
                        </button>
                      </Form>
                    ) : null}
                    <Form method="post">
                      <input type="hidden" name="intent" value="moveOut" />
                      <input type="hidden" name="memberId" value={m.id} />
                      <button type="submit" className="link-button" aria-label={`${t('households.moveOut')}: ${m.name}`}>
                        {t('households.moveOut')}
                      </button>
                    </Form>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {canManage ? (
        <section aria-labelledby="add-member-h">
          <h2 id="add-member-h">{t('households.addMember')}</h2>
          <Form method="post" {...getFormProps(form)}>
            <input type="hidden" name="intent" value="addMember" />
            <Field id={fields.name.id} name={fields.name.name} label={t('households.memberName')} errors={fields.name.errors} required />
            <SelectField id={fields.relation.id} name={fields.relation.name} label={t('households.relation')} options={memberRelations.map((r) => ({ value: r, label: t(`relation.${r}`) }))} errors={fields.relation.errors} required />
            <Field id={fields.birthYear.id} name={fields.birthYear.name} label={t('households.birthYear')} type="number" inputMode="numeric" errors={fields.birthYear.errors} />
            <div className="check">
              <input type="checkbox" id={fields.isAdult.id} name={fields.isAdult.name} defaultChecked />
              <label htmlFor={fields.isAdult.id}>{t('households.isAdult')}</label>
            </div>
            <Field id={fields.phone.id} name={fields.phone.name} label={t('households.phone')} type="tel" inputMode="tel" errors={fields.phone.errors} />
            <button type="submit">{t('households.addMember')}</button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
