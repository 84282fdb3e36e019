// The second step of signing in: a code from the authenticator app (or a recovery code) after the password.
// login_ : its own page at /login/two-factor, not a child of the login page (which has no outlet).
import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useSearchParams } from '@remix-run/react';
import { z } from 'zod';
import { pendingSecondFactor, verifySecondFactor } from '../auth/two-factor.server';
import { Field, FormErrors } from '../components/field';
import { useT } from '../i18n/use-t';
import { getPrincipal } from '../permissions/permissions.server';
import { parseForm } from '../utils/forms.server';
import { safeRedirectPath } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('two-factor');

const codeSchema = z.object({
  code: z.string({ required_error: 'v.required' }).trim().min(6, 'twoFactor.wrongCode').max(20, 'twoFactor.wrongCode'),
  redirectTo: z.string().optional(),
});

async function whereNext(request: Request) {
  const back = safeRedirectPath(new URL(request.url).searchParams.get('redirectTo'), '/');
  if (await getPrincipal(request)) throw redirect(back);
  const pending = await pendingSecondFactor(request);
  if (!pending) throw redirect('/login');
  return pending;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await whereNext(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const pending = await whereNext(request);
  const { submission } = await parseForm(request, codeSchema);
  if (submission.status !== 'success') return submission.reply({ hideFields: ['code'] });
  const result = await verifySecondFactor(pending.userId, pending.sessionId, submission.value.code);
  if (!result.ok) {
    const message =
      result.reason === 'throttled'
        ? `twoFactor.throttled|${Math.ceil(result.retryAfterSeconds / 60)}`
        : result.reason === 'replayed'
          ? 'twoFactor.replayed'
          : result.reason === 'unreadable_secret'
            ? 'twoFactor.unreadableSecret'
            : 'twoFactor.wrongCode';
    return submission.reply({ fieldErrors: { code: [message] }, hideFields: ['code'] });
  }
  return redirect(safeRedirectPath(submission.value.redirectTo, '/'));
}

export default function LoginTwoFactor() {
  const t = useT();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [form, fields] = useForm({ lastResult, onValidate: ({ formData }) => parseWithZod(formData, { schema: codeSchema }), shouldValidate: 'onSubmit' });
  const errors = fields.code.errors?.map((e) => {
    const [key, minutes] = e.split('|');
    return minutes ? t(key, { minutes }) : key;
  });
  return (
    <>
      <h1>{t('twoFactor.loginTitle')}</h1>
      <p>{t('twoFactor.loginIntro')}</p>
      <FormErrors errors={form.errors} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="redirectTo" value={params.get('redirectTo') ?? '/'} />
        <Field id={fields.code.id} name={fields.code.name} label={t('twoFactor.code')} hint={t('twoFactor.codeHint')} autoComplete="one-time-code" errors={errors} required maxLength={20} />
        <button type="submit">{t('twoFactor.verify')}</button>
      </Form>
      <Form method="post" action="/logout">
        <button type="submit" className="link-button">
          {t('twoFactor.startOver')}
        </button>
      </Form>
    </>
  );
}
