import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { resetPassword, resetTokenValid } from '../auth/accounts.server';
import { resetSchema } from '../auth/schemas';
import { Field, Notice } from '../components/field';
import { useT } from '../i18n/use-t';
import { parseForm } from '../utils/forms.server';

// The token is a secret in the URL: never send it on as a Referer.
export const meta: MetaFunction = () => [{ name: 'referrer', content: 'no-referrer' }];

export async function loader({ params }: LoaderFunctionArgs) {
  return { valid: await resetTokenValid(params.token ?? '') };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { submission } = await parseForm(request, resetSchema);
  if (submission.status !== 'success') return { result: submission.reply({ hideFields: ['password', 'passwordRepeat'] }), invalid: false };
  const result = await resetPassword(request, params.token ?? '', submission.value.password);
  if (!result.ok) return { result: submission.reply({ hideFields: ['password', 'passwordRepeat'] }), invalid: true };
  return redirect('/account?notice=auth.resetDone', { headers: { 'Set-Cookie': result.cookie } });
}

export default function ResetPassword() {
  const t = useT();
  const { valid } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [form, fields] = useForm({ lastResult: data?.result, onValidate: ({ formData }) => parseWithZod(formData, { schema: resetSchema }) });
  if (!valid || data?.invalid) {
    return (
      <>
        <h1>{t('auth.resetTitle')}</h1>
        <Notice tone="error">{t('auth.resetInvalid')}</Notice>
        <p>
          <Link to="/forgot-password">{t('auth.forgotSubmit')}</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>{t('auth.resetTitle')}</h1>
      <Form method="post" {...getFormProps(form)}>
        <Field id={fields.password.id} name={fields.password.name} label={t('auth.newPassword')} type="password" autoComplete="new-password" hint={t('auth.passwordHint')} errors={fields.password.errors} required />
        <Field id={fields.passwordRepeat.id} name={fields.passwordRepeat.name} label={t('auth.passwordRepeat')} type="password" autoComplete="new-password" errors={fields.passwordRepeat.errors} required />
        <button type="submit">{t('auth.resetSubmit')}</button>
      </Form>
    </>
  );
}
