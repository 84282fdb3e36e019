import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useSearchParams } from '@remix-run/react';
import { logIn } from '../auth/accounts.server';
import { loginSchema } from '../auth/schemas';
import { Field, FormErrors } from '../components/field';
import { useT } from '../i18n/use-t';
import { requireAnonymous } from '../permissions/permissions.server';
import { parseForm } from '../utils/forms.server';
import { clientAddress, safeRedirectPath } from '../utils/http.server';

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const { submission } = await parseForm(request, loginSchema);
  if (submission.status !== 'success') return submission.reply({ hideFields: ['password'] });
  const result = await logIn(request, submission.value, clientAddress(request));
  if (!result.ok) {
    const message = result.reason === 'throttled' ? `auth.throttled|${result.retryAfterMinutes}` : 'auth.loginFailed';
    return submission.reply({ formErrors: [message], hideFields: ['password'] });
  }
  const target = safeRedirectPath(submission.value.redirectTo, '/');
  // The password is only half of it for enrolled people and the roles that require a second factor.
  const next = result.next === 'verify' ? `/login/two-factor?redirectTo=${encodeURIComponent(target)}` : result.next === 'enrol' ? `/account/two-factor?redirectTo=${encodeURIComponent(target)}` : target;
  return redirect(next, { headers: { 'Set-Cookie': result.cookie } });
}

export default function Login() {
  const t = useT();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: loginSchema }),
    shouldValidate: 'onSubmit',
  });
  const formErrors = form.errors?.map((e) => {
    const [key, minutes] = e.split('|');
    return t(key, { minutes: minutes ?? '' });
  });
  return (
    <>
      <h1>{t('auth.loginTitle')}</h1>
      <FormErrors errors={formErrors} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="redirectTo" value={params.get('redirectTo') ?? '/'} />
        <Field id={fields.email.id} name={fields.email.name} label={t('auth.email')} type="email" autoComplete="username" inputMode="email" defaultValue={fields.email.initialValue as string} errors={fields.email.errors} required />
        <Field id={fields.password.id} name={fields.password.name} label={t('auth.password')} type="password" autoComplete="current-password" errors={fields.password.errors} required />
        <button type="submit">{t('auth.loginSubmit')}</button>
      </Form>
      <p>
        <Link to="/forgot-password">{t('auth.forgot')}</Link>
      </p>
      <p>
        {t('auth.noAccount')} <Link to="/signup">{t('nav.signup')}</Link>
      </p>
    </>
  );
}
