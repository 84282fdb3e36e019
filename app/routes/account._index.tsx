import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { changePassword, requestEmailChange, updateProfile } from '../auth/accounts.server';
import { email, localeField, password, personName } from '../auth/schemas';
import { Field, FormErrors, Notice, SelectField } from '../components/field';
import { useT, usePlaceName } from '../i18n/use-t';
import { listRepresented } from '../people/people.server';
import { requireUser } from '../permissions/permissions.server';
import { originOf, parseForm, redirectWithNotice } from '../utils/forms.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('exports', 'operations');

const profileSchema = z.object({ intent: z.literal('profile'), name: personName, locale: localeField });
const passwordSchema = z
  .object({ intent: z.literal('password'), currentPassword: z.string({ required_error: 'v.required' }), newPassword: password, passwordRepeat: z.string({ required_error: 'v.required' }) })
  .refine((v) => v.newPassword === v.passwordRepeat, { path: ['passwordRepeat'], message: 'v.passwordMismatch' });
const emailSchema = z.object({ intent: z.literal('email'), currentPassword: z.string({ required_error: 'v.required' }), newEmail: email });

export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await requireUser(request);
  return {
    user: principal.user,
    roles: principal.roles.map((r) => ({ role: r.role, nameZh: r.placeNameZh, nameEn: r.placeNameEn })),
    represented: await listRepresented(principal.user.id),
    actingFor: principal.actingFor,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const principal = await requireUser(request);
  const formData = await request.clone().formData();
  const intent = formData.get('intent');
  if (intent === 'profile') {
    const { submission } = await parseForm(request, profileSchema);
    if (submission.status !== 'success') return { intent, result: submission.reply() };
    await updateProfile(principal.user.id, submission.value);
    return redirectWithNotice('/account', 'form.saved');
  }
  if (intent === 'password') {
    const { submission } = await parseForm(request, passwordSchema);
    if (submission.status !== 'success') return { intent, result: submission.reply({ hideFields: ['currentPassword', 'newPassword', 'passwordRepeat'] }) };
    const result = await changePassword(principal.user.id, principal.sessionId, submission.value.currentPassword, submission.value.newPassword);
    if (!result.ok) return { intent, result: submission.reply({ fieldErrors: { currentPassword: ['account.wrongPassword'] }, hideFields: ['currentPassword', 'newPassword', 'passwordRepeat'] }) };
    return redirectWithNotice('/account', 'account.passwordChanged');
  }
  if (intent === 'email') {
    const { submission } = await parseForm(request, emailSchema);
    if (submission.status !== 'success') return { intent, result: submission.reply({ hideFields: ['currentPassword'] }) };
    const result = await requestEmailChange(principal.user.id, submission.value.currentPassword, submission.value.newEmail, originOf(request));
    if (!result.ok) {
      const field: Record<string, string[]> = result.reason === 'wrong_password' ? { currentPassword: ['account.wrongPassword'] } : { newEmail: ['v.emailTaken'] };
      return { intent, result: submission.reply({ fieldErrors: field, hideFields: ['currentPassword'] }) };
    }
    return { intent, result: submission.reply({ resetForm: true }), sentTo: result.email };
  }
  return { intent: 'unknown', result: null, error: 'v.invalid' };
}

export default function Account() {
  const { user, roles, represented, actingFor } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const placeName = usePlaceName();
  const last = (intent: string) => (data?.intent === intent ? (data.result ?? undefined) : undefined);
  const [profileForm, profile] = useForm({ id: 'profile', lastResult: last('profile'), onValidate: ({ formData }) => parseWithZod(formData, { schema: profileSchema }) });
  const [passwordForm, pw] = useForm({ id: 'password', lastResult: last('password'), onValidate: ({ formData }) => parseWithZod(formData, { schema: passwordSchema }) });
  const [emailForm, em] = useForm({ id: 'email', lastResult: last('email'), onValidate: ({ formData }) => parseWithZod(formData, { schema: emailSchema }) });
  return (
    <>
      <h1>{t('account.title')}</h1>
      {data && 'error' in data && data.error ? <FormErrors errors={[data.error]} /> : null}
      <p>
        <Link to="/account/tokens">{t('account.tokens')}</Link> · <Link to="/account/data">{t('exports.personal.title')}</Link>
      </p>
      <section aria-labelledby="profile-h">
        <h2 id="profile-h">{t('account.profile')}</h2>
        <p>
          {t('auth.email')}: <strong>{user.email}</strong>
        </p>
        <Form method="post" {...getFormProps(profileForm)}>
          <input type="hidden" name="intent" value="profile" />
          <Field id={profile.name.id} name={profile.name.name} label={t('auth.name')} defaultValue={user.name} errors={profile.name.errors} required autoComplete="name" />
          <SelectField id={profile.locale.id} name={profile.locale.name} label={t('account.language')} defaultValue={user.locale} options={[{ value: 'zh-CN', label: '中文' }, { value: 'en', label: 'English' }]} />
          <button type="submit">{t('form.save')}</button>
        </Form>
      </section>
      <section aria-labelledby="roles-h">
        <h2 id="roles-h">{t('account.roles')}</h2>
        <ul>
          {roles.map((r, i) => (
            <li key={i}>
              {t(`role.${r.role}`)} · {r.nameZh ? placeName(r) : t('role.everywhere')}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="rep-h">
        <h2 id="rep-h">{t('account.representing')}</h2>
        {represented.length ? (
          <ul>
            {represented.map((p) => (
              <li key={p.id}>
                {p.name} ({t(`repRelation.${p.relation}`)}){' '}
                {actingFor?.id === p.id ? null : (
                  <Form method="post" action="/acting" className="inline-form">
                    <input type="hidden" name="intent" value="start" />
                    <input type="hidden" name="userId" value={p.id} />
                    <button type="submit" className="secondary">
                      {t('acting.start')}
                    </button>
                  </Form>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('account.representingNone')}</p>
        )}
      </section>
      <section aria-labelledby="pw-h">
        <h2 id="pw-h">{t('account.changePassword')}</h2>
        <Form method="post" {...getFormProps(passwordForm)}>
          <input type="hidden" name="intent" value="password" />
          <Field id={pw.currentPassword.id} name={pw.currentPassword.name} label={t('auth.currentPassword')} type="password" autoComplete="current-password" errors={pw.currentPassword.errors} required />
          <Field id={pw.newPassword.id} name={pw.newPassword.name} label={t('auth.newPassword')} type="password" autoComplete="new-password" hint={t('auth.passwordHint')} errors={pw.newPassword.errors} required />
          <Field id={pw.passwordRepeat.id} name={pw.passwordRepeat.name} label={t('auth.passwordRepeat')} type="password" autoComplete="new-password" errors={pw.passwordRepeat.errors} required />
          <button type="submit">{t('account.changePassword')}</button>
        </Form>
      </section>
      <section aria-labelledby="email-h">
        <h2 id="email-h">{t('account.changeEmail')}</h2>
        {data && 'sentTo' in data && data.sentTo ? <Notice tone="success">{t('account.emailChangeSent', { email: data.sentTo })}</Notice> : null}
        <p>{t('account.changeEmailIntro')}</p>
        <Form method="post" {...getFormProps(emailForm)}>
          <input type="hidden" name="intent" value="email" />
          <Field id={em.newEmail.id} name={em.newEmail.name} label={t('account.newEmail')} type="email" autoComplete="email" errors={em.newEmail.errors} required />
          <Field id={em.currentPassword.id} name={em.currentPassword.name} label={t('auth.currentPassword')} type="password" autoComplete="current-password" errors={em.currentPassword.errors} required />
          <button type="submit">{t('account.changeEmail')}</button>
        </Form>
      </section>
      <section aria-labelledby="erase-h">
        <h2 id="erase-h">{t('erase.title')}</h2>
        <p>{t('erase.intro')}</p>
        <p>
          <Link to="/account/erase">{t('erase.link')}</Link>
        </p>
      </section>
    </>
  );
}
