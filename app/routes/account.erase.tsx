import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData } from '@remix-run/react';
import { z } from 'zod';
import { clearSessionCookie } from '../auth/session.server';
import { Field, FormErrors } from '../components/field';
import { useT } from '../i18n/use-t';
import { requireUser } from '../permissions/permissions.server';
import { eraseOwnAccount } from '../privacy/erasure.server';
import { ErasureExplained } from '../privacy/erasure-explained';
import { parseForm, redirectWithNotice } from '../utils/forms.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('operations');

// A person erases their own account: what goes and what stays, the password again and a typed confirmation.
const schema = z.object({
  password: z.string({ required_error: 'v.required' }),
  confirm: z.string({ required_error: 'v.required' }).refine((v) => v.trim() === 'ERASE', 'erase.wrongConfirm'),
});

export const meta: MetaFunction = () => [{ title: 'Fivefold' }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const principal = await requireUser(request);
  const { submission } = await parseForm(request, schema);
  if (submission.status !== 'success') return submission.reply({ hideFields: ['password'] });
  // Only the person themselves, never someone acting for them.
  if (principal.actingFor || principal.via !== 'session') return submission.reply({ formErrors: ['v.invalid'], hideFields: ['password'] });
  const result = await eraseOwnAccount(principal.user.id, submission.value.password);
  if (!result.ok) return submission.reply({ fieldErrors: { password: ['account.wrongPassword'] }, hideFields: ['password'] });
  return redirectWithNotice('/', 'erase.done', { headers: { 'Set-Cookie': await clearSessionCookie() } });
}

export default function EraseAccount() {
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useForm({ id: 'erase', lastResult, onValidate: ({ formData }) => parseWithZod(formData, { schema }) });
  return (
    <>
      <h1>{t('erase.title')}</h1>
      <p>{t('erase.intro')}</p>
      <ErasureExplained />
      <Form method="post" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        <Field id={fields.password.id} name={fields.password.name} label={t('erase.password')} type="password" autoComplete="current-password" errors={fields.password.errors} required />
        <Field id={fields.confirm.id} name={fields.confirm.name} label={t('erase.confirm')} errors={fields.confirm.errors} required autoComplete="off" />
        <button type="submit" className="danger">
          {t('erase.submit')}
        </button>{' '}
        <Link to="/account">{t('form.cancel')}</Link>
      </Form>
    </>
  );
}
