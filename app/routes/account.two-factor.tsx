// Two-factor sign-in for one's own account: set it up (QR code or key, then a first code), see the recovery codes
// once, or switch it off with password and code.
import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { z } from 'zod';
import { confirmEnrolment, disableTwoFactor, hasTwoFactorRole, startEnrolment, twoFactorOverview } from '../auth/two-factor.server';
import { groupedSecret } from '../auth/totp';
import { Field, Notice } from '../components/field';
import { useT } from '../i18n/use-t';
import { requireUser } from '../permissions/permissions.server';
import { parseForm, redirectWithNotice } from '../utils/forms.server';
import { safeRedirectPath } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('two-factor');

const confirmSchema = z.object({ intent: z.literal('confirm'), code: z.string({ required_error: 'v.required' }).trim().max(20) });
const disableSchema = z.object({
  intent: z.literal('disable'),
  currentPassword: z.string({ required_error: 'v.required' }).max(1024),
  code: z.string({ required_error: 'v.required' }).trim().max(20),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await requireUser(request);
  const overview = await twoFactorOverview(principal.user.id);
  const pending = overview.enrolled ? null : await startEnrolment(principal.user.id);
  return {
    enrolled: overview.enrolled,
    recoveryCodesLeft: overview.recoveryCodesLeft,
    required: Boolean(principal.mustEnrolSecondFactor) || (await hasTwoFactorRole(principal.user.id)),
    mustEnrol: Boolean(principal.mustEnrolSecondFactor),
    secret: pending ? groupedSecret(pending.secret) : null,
    qr: pending ? `data:image/svg+xml;base64,${Buffer.from(pending.qrSvg).toString('base64')}` : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const principal = await requireUser(request);
  const intent = (await request.clone().formData()).get('intent');
  if (intent === 'disable') {
    const { submission } = await parseForm(request, disableSchema);
    if (submission.status !== 'success') return { intent, result: submission.reply({ hideFields: ['currentPassword', 'code'] }), recoveryCodes: null };
    const done = await disableTwoFactor(principal.user.id, submission.value.currentPassword, submission.value.code);
    if (!done.ok) {
      const fieldErrors: Record<string, string[]> = done.reason === 'wrong_password' ? { currentPassword: ['account.wrongPassword'] } : { code: [done.reason === 'replayed' ? 'twoFactor.replayed' : done.reason === 'unreadable_secret' ? 'twoFactor.unreadableSecret' : 'twoFactor.wrongCode'] };
      return { intent, result: submission.reply({ fieldErrors, hideFields: ['currentPassword', 'code'] }), recoveryCodes: null };
    }
    return redirectWithNotice('/account/two-factor', 'twoFactor.disabled');
  }
  const { submission } = await parseForm(request, confirmSchema);
  if (submission.status !== 'success') return { intent: 'confirm', result: submission.reply({ hideFields: ['code'] }), recoveryCodes: null };
  const done = await confirmEnrolment(principal.user.id, principal.sessionId, submission.value.code);
  if (!done.ok) return { intent: 'confirm', result: submission.reply({ fieldErrors: { code: ['twoFactor.wrongCode'] }, hideFields: ['code'] }), recoveryCodes: null };
  return { intent: 'confirm', result: submission.reply({ resetForm: true }), recoveryCodes: done.recoveryCodes };
}

export default function AccountTwoFactor() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const next = safeRedirectPath(params.get('redirectTo'), '/account');
  const [confirmForm, confirmFields] = useForm({
    id: 'confirm',
    lastResult: actionData?.intent === 'confirm' ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: confirmSchema }),
    shouldValidate: 'onSubmit',
  });
  const [disableForm, disableFields] = useForm({
    id: 'disable',
    lastResult: actionData?.intent === 'disable' ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: disableSchema }),
    shouldValidate: 'onSubmit',
  });

  if (actionData?.recoveryCodes) {
    return (
      <>
        <h1>{t('twoFactor.enabledTitle')}</h1>
        <Notice tone="success">{t('twoFactor.on')}</Notice>
        <p>{t('twoFactor.recoveryIntro')}</p>
        <ul className="recovery-codes" aria-label={t('twoFactor.recoveryLeft', { count: actionData.recoveryCodes.length })}>
          {actionData.recoveryCodes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ul>
        <p>
          <Link to={next}>{t('twoFactor.continue')}</Link>
        </p>
      </>
    );
  }

  return (
    <>
      <h1>{t('twoFactor.title')}</h1>
      {data.mustEnrol ? <Notice tone="info">{t('twoFactor.required')}</Notice> : null}
      {data.enrolled ? (
        <>
          <p>{t('twoFactor.on')}</p>
          <p>{t('twoFactor.recoveryLeft', { count: data.recoveryCodesLeft })}</p>
          <h2>{t('twoFactor.disableTitle')}</h2>
          {data.required ? <p>{t('twoFactor.disableHint')}</p> : null}
          <Form method="post" {...getFormProps(disableForm)}>
            <input type="hidden" name="intent" value="disable" />
            <Field id={disableFields.currentPassword.id} name={disableFields.currentPassword.name} label={t('auth.password')} type="password" autoComplete="current-password" errors={disableFields.currentPassword.errors} required />
            <Field id={disableFields.code.id} name={disableFields.code.name} label={t('twoFactor.code')} hint={t('twoFactor.codeHint')} autoComplete="one-time-code" errors={disableFields.code.errors} required maxLength={20} />
            <button type="submit">{t('twoFactor.disable')}</button>
          </Form>
        </>
      ) : (
        <>
          <p>{t('twoFactor.off')}</p>
          <h2>{t('twoFactor.setUp')}</h2>
          <p>{t('twoFactor.enrolIntro')}</p>
          {data.qr ? <img src={data.qr} alt={t('twoFactor.qrAlt')} width={220} height={220} /> : null}
          <p>
            {t('twoFactor.secret')}: <code data-testid="totp-secret">{data.secret}</code>
          </p>
          <Form method="post" {...getFormProps(confirmForm)}>
            <input type="hidden" name="intent" value="confirm" />
            <Field id={confirmFields.code.id} name={confirmFields.code.name} label={t('twoFactor.code')} hint={t('twoFactor.confirmHint')} type="text" inputMode="numeric" autoComplete="one-time-code" errors={confirmFields.code.errors} required maxLength={20} />
            <button type="submit">{t('twoFactor.confirm')}</button>
          </Form>
        </>
      )}
    </>
  );
}
