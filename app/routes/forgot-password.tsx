import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs } from '@remix-run/node';
import { Form, useActionData } from '@remix-run/react';
import { requestPasswordReset } from '../auth/accounts.server';
import { forgotSchema } from '../auth/schemas';
import { Field, Notice } from '../components/field';
import { useT } from '../i18n/use-t';
import { originOf, parseForm } from '../utils/forms.server';

export async function action({ request }: ActionFunctionArgs) {
  const { submission } = await parseForm(request, forgotSchema);
  if (submission.status !== 'success') return { result: submission.reply(), sent: false };
  await requestPasswordReset(submission.value.email, originOf(request));
  return { result: submission.reply({ resetForm: true }), sent: true };
}

export default function ForgotPassword() {
  const t = useT();
  const data = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: data?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: forgotSchema }),
  });
  return (
    <>
      <h1>{t('auth.forgotTitle')}</h1>
      {data?.sent ? <Notice tone="success">{t('auth.forgotSent')}</Notice> : null}
      <p>{t('auth.forgotIntro')}</p>
      <Form method="post" {...getFormProps(form)}>
        <Field id={fields.email.id} name={fields.email.name} label={t('auth.email')} type="email" autoComplete="email" errors={fields.email.errors} required />
        <button type="submit">{t('auth.forgotSubmit')}</button>
      </Form>
    </>
  );
}
