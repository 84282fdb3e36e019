import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { representativeRelations, type Role } from '../../db/schema/values';
import { Field, FormErrors, SelectField } from '../components/field';
import { usePlaceName, useT } from '../i18n/use-t';
import { mayActFor } from '../people/acting.server';
import { addRepresentative, getPersonForManager, grantRole, revokeRole } from '../people/people.server';
import { grantSchema, representativeSchema, revokeSchema } from '../people/schemas';
import { requireUser } from '../permissions/permissions.server';
import { can, canAnywhere, grantableRoles, scopesFor } from '../permissions/rules';
import { placesWithin } from '../places/places.server';
import { parseForm, redirectWithNotice } from '../utils/forms.server';
import { forbidden, notFound, uuidParam } from '../utils/http.server';

async function guard(request: Request, userId: string) {
  const principal = await requireUser(request);
  if (!canAnywhere(principal.roles, 'role.manage') && !canAnywhere(principal.roles, 'resident.act_for')) throw forbidden();
  const permission = canAnywhere(principal.roles, 'role.manage') ? 'role.manage' : 'resident.act_for';
  const person = await getPersonForManager(principal, userId, permission);
  // People outside one's places are not there at all, as far as this page is concerned.
  if (!person) throw notFound();
  return { principal, person };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const userId = uuidParam(params, 'userId');
  const { principal, person } = await guard(request, userId);
  const grantable = [...new Set(principal.roles.flatMap((r) => (canAnywhere([r], 'role.manage') ? grantableRoles[r.role] : [])))] as Role[];
  const places = await placesWithin(scopesFor(principal.roles, 'role.manage'), ['district', 'street', 'community', 'grid']);
  return {
    person,
    grantable,
    places,
    canAddRepresentative: Boolean(person.home && can(principal.roles, 'representative.manage', person.home.path)),
    canActFor: await mayActFor(principal, userId),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const userId = uuidParam(params, 'userId');
  const { principal, person } = await guard(request, userId);
  const intent = (await request.clone().formData()).get('intent');
  if (intent === 'grant') {
    const { submission } = await parseForm(request, grantSchema);
    if (submission.status !== 'success') return submission.reply();
    const result = await grantRole(principal, userId, submission.value.role, submission.value.placeId);
    if (!result.ok) return submission.reply({ formErrors: ['users.cannotGrant'] });
    return redirectWithNotice(`/admin/users/${userId}`, 'users.granted');
  }
  if (intent === 'revoke') {
    const { submission } = await parseForm(request, revokeSchema);
    if (submission.status !== 'success') throw notFound();
    const result = await revokeRole(principal, userId, submission.value.assignmentId);
    if (!result.ok) throw result.reason === 'not_found' ? notFound() : forbidden();
    return redirectWithNotice(`/admin/users/${userId}`, 'users.revoked');
  }
  if (intent === 'representative') {
    if (!person.home || !can(principal.roles, 'representative.manage', person.home.path)) throw forbidden();
    const { submission } = await parseForm(request, representativeSchema);
    if (submission.status !== 'success') return submission.reply();
    const result = await addRepresentative(principal, userId, submission.value.email, submission.value.relation);
    if (!result.ok) return submission.reply({ fieldErrors: { email: ['users.representativeUnknown'] } });
    return redirectWithNotice(`/admin/users/${userId}`, 'users.representativeAdded');
  }
  throw notFound();
}

export default function Person() {
  const { person, grantable, places, canAddRepresentative, canActFor } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const placeName = usePlaceName();
  const intent = lastResult?.initialValue?.intent;
  const [grantForm, g] = useForm({ id: 'grant', lastResult: intent === 'grant' ? lastResult : undefined, onValidate: ({ formData }) => parseWithZod(formData, { schema: grantSchema }) });
  const [repForm, r] = useForm({ id: 'rep', lastResult: intent === 'representative' ? lastResult : undefined, onValidate: ({ formData }) => parseWithZod(formData, { schema: representativeSchema }) });
  return (
    <>
      <h1>{person.name}</h1>
      <dl>
        <dt>{t('auth.email')}</dt>
        <dd>{person.email ?? '—'}</dd>
        <dt>{t('households.phone')}</dt>
        <dd>{person.phone ?? '—'}</dd>
        <dt>{t('users.homePlace')}</dt>
        <dd>{person.home ? placeName(person.home) : '—'}</dd>
      </dl>
      {canActFor ? (
        <Form method="post" action="/acting">
          <input type="hidden" name="intent" value="start" />
          <input type="hidden" name="userId" value={person.id} />
          <button type="submit" className="secondary">
            {t('acting.start')}
          </button>
        </Form>
      ) : null}
      <section aria-labelledby="roles-h">
        <h2 id="roles-h">{t('account.roles')}</h2>
        <ul>
          {person.roles.map((role) => (
            <li key={role.id}>
              {t(`role.${role.role}`)} · {role.placeId ? placeName({ nameZh: role.placeZh, nameEn: role.placeEn }) : t('role.everywhere')}{' '}
              {role.revocable ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="revoke" />
                  <input type="hidden" name="assignmentId" value={role.id} />
                  <button type="submit" className="link-button" aria-label={`${t('users.revoke')}: ${t(`role.${role.role}`)}`}>
                    {t('users.revoke')}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
        {grantable.length ? (
          <>
            <h3>{t('users.grant')}</h3>
            <FormErrors errors={grantForm.errors} />
            <Form method="post" {...getFormProps(grantForm)}>
              <input type="hidden" name="intent" value="grant" />
              <SelectField id={g.role.id} name={g.role.name} label={t('users.role')} options={grantable.map((x) => ({ value: x, label: t(`role.${x}`) }))} errors={g.role.errors} required />
              <SelectField id={g.placeId.id} name={g.placeId.name} label={t('users.place')} options={places.map((p) => ({ value: p.id, label: `${placeName(p)} (${t(`placeType.${p.type}`)})` }))} errors={g.placeId.errors} required />
              <button type="submit">{t('users.grant')}</button>
            </Form>
          </>
        ) : null}
      </section>
      <section aria-labelledby="reps-h">
        <h2 id="reps-h">{t('users.representatives')}</h2>
        {person.representatives.length ? (
          <ul>
            {person.representatives.map((rep) => (
              <li key={rep.id}>
                {rep.name} ({t(`repRelation.${rep.relation}`)})
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('common.none')}</p>
        )}
        {canAddRepresentative ? (
          <Form method="post" {...getFormProps(repForm)}>
            <input type="hidden" name="intent" value="representative" />
            <Field id={r.email.id} name={r.email.name} label={t('users.representativeEmail')} type="email" errors={r.email.errors} required />
            <SelectField id={r.relation.id} name={r.relation.name} label={t('users.relation')} options={representativeRelations.map((x) => ({ value: x, label: t(`repRelation.${x}`) }))} errors={r.relation.errors} required />
            <button type="submit">{t('users.addRepresentative')}</button>
          </Form>
        ) : null}
      </section>
    </>
  );
}
