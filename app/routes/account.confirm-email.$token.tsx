import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, useActionData } from '@remix-run/react';
import { confirmEmailChange } from '../auth/accounts.server';
import { Notice } from '../components/field';
import { useT } from '../i18n/use-t';

export const meta: MetaFunction = () => [{ name: 'referrer', content: 'no-referrer' }];

// Opening the link shows a button: the change happens on POST, so link scanners in mail clients change nothing.
export const loader = (_: LoaderFunctionArgs) => null;

export async function action({ params }: ActionFunctionArgs) {
  const result = await confirmEmailChange(params.token ?? '');
  return result.ok ? { ok: true as const, email: result.email } : { ok: false as const };
}

export default function ConfirmEmail() {
  const t = useT();
  const data = useActionData<typeof action>();
  return (
    <>
      <h1>{t('account.changeEmail')}</h1>
      {data?.ok ? <Notice tone="success">{t('account.emailChanged', { email: data.email })}</Notice> : null}
      {data && !data.ok ? <Notice tone="error">{t('account.emailChangeInvalid')}</Notice> : null}
      {!data ? (
        <Form method="post">
          <button type="submit">{t('form.submit')}</button>
        </Form>
      ) : null}
    </>
  );
}
