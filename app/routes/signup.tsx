import { getFormProps, useForm } from '@conform-to/react';
import { getZodConstraint, parseWithZod } from '@conform-to/zod';
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData } from '@remix-run/react';
import { signUp } from '../auth/accounts.server';
import { signupSchema } from '../auth/schemas';
import { Field, FormErrors } from '../components/field';
import { resolveLocale } from '../i18n/locale';
import { useT } from '../i18n/use-t';
import { requireAnonymous } from '../permissions/permissions.server';
import { parseForm } from '../utils/forms.server';
import { clientAddress } from '../utils/http.server';
import { hitLimit, limits } from '../utils/rate-limit.server';

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const { submission } = await parseForm(request, signupSchema);
  if (submission.status !== 'success') return submission.reply({ hideFields: ['password', 'passwordRepeat'] });
  // Accounts are cheap to make: a few per address and hour is plenty for a family, too few for a spammer.
  const limited = await hitLimit(limits.signup, clientAddress(request));
  if (!limited.ok) return submission.reply({ formErrors: ['limits.tooMany'], hideFields: ['password', 'passwordRepeat'] });
  const result = await signUp(request, { ...submission.value, locale: resolveLocale(request) });
  if (!result.ok) return submission.reply({ fieldErrors: { email: ['v.emailTaken'] }, hideFields: ['password', 'passwordRepeat'] });
  return redirect('/account?notice=auth.signedUp', { headers: { 'Set-Cookie': result.cookie } });
}

export default function Signup() {
  const t = useT();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(signupSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signupSchema }),
    shouldValidate: 'onBlur',
  });
  return (
    <>
      <h1>{t('auth.signupTitle')}</h1>
      <FormErrors errors={form.errors} />
      <Form method="post" {...getFormProps(form)}>
        <Field id={fields.name.id} name={fields.name.name} label={t('auth.name')} hint={t('auth.nameHint')} autoComplete="name" defaultValue={fields.name.initialValue as string} errors={fields.name.errors} required maxLength={100} />
        <Field id={fields.email.id} name={fields.email.name} label={t('auth.email')} type="email" autoComplete="email" inputMode="email" defaultValue={fields.email.initialValue as string} errors={fields.email.errors} required />
        <Field id={fields.password.id} name={fields.password.name} label={t('auth.password')} type="password" autoComplete="new-password" hint={t('auth.passwordHint')} errors={fields.password.errors} required />
        <Field id={fields.passwordRepeat.id} name={fields.passwordRepeat.name} label={t('auth.passwordRepeat')} type="password" autoComplete="new-password" errors={fields.passwordRepeat.errors} required />
        <button type="submit">{t('auth.signupSubmit')}</button>
      </Form>
      <p>
        {t('auth.haveAccount')} <Link to="/login">{t('nav.login')}</Link>
      </p>
    </>
  );
}
