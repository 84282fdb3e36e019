import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { createApiToken, listApiTokens, revokeApiToken } from '../api/tokens.server';
import { Field, Notice } from '../components/field';
import { formatDate } from '../i18n/locale';
import { useLocale, useT } from '../i18n/use-t';
import { actorOf } from '../permissions/principal.server';
import { requireUser } from '../permissions/permissions.server';
import { parseForm, redirectWithNotice } from '../utils/forms.server';
import { notFound } from '../utils/http.server';

const createSchema = z.object({ intent: z.literal('create'), name: z.string({ required_error: 'v.required' }).trim().min(1, 'v.required').max(80, 'v.tooLong') });
const revokeSchema = z.object({ intent: z.literal('revoke'), tokenId: z.string().uuid('v.invalid') });

export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await requireUser(request);
  return { tokens: await listApiTokens(principal.user.id) };
}

export async function action({ request }: ActionFunctionArgs) {
  const principal = await requireUser(request);
  const intent = (await request.clone().formData()).get('intent');
  const actor = { ...actorOf(principal), userId: principal.user.id };
  if (intent === 'revoke') {
    const { submission } = await parseForm(request, revokeSchema);
    if (submission.status !== 'success') throw notFound();
    const ok = await revokeApiToken(actor, submission.value.tokenId);
    if (!ok) throw notFound();
    return redirectWithNotice('/account/tokens', 'account.tokenRevoked');
  }
  const { submission } = await parseForm(request, createSchema);
  if (submission.status !== 'success') return { result: submission.reply(), token: null };
  const created = await createApiToken(actor, submission.value.name);
  return { result: submission.reply({ resetForm: true }), token: created.token };
}

export default function Tokens() {
  const { tokens } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const [form, fields] = useForm({ lastResult: data?.result, onValidate: ({ formData }) => parseWithZod(formData, { schema: createSchema }) });
  return (
    <>
      <h1>{t('account.tokens')}</h1>
      <p>{t('account.tokensIntro')}</p>
      {data?.token ? (
        <Notice tone="success">
          <p>{t('account.tokenCreated')}</p>
          <code className="token" data-testid="new-token">
            {data.token}
          </code>
        </Notice>
      ) : null}
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="create" />
        <Field id={fields.name.id} name={fields.name.name} label={t('account.tokenName')} hint={t('account.tokenNameHint')} errors={fields.name.errors} required maxLength={80} />
        <button type="submit">{t('account.tokenCreate')}</button>
      </Form>
      <h2>{t('account.tokens')}</h2>
      {tokens.length ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('account.tokenName')}</th>
                <th scope="col">{t('account.tokenCreatedAt')}</th>
                <th scope="col">{t('account.tokenLastUsed')}</th>
                <th scope="col">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((tok) => (
                <tr key={tok.id}>
                  <td>
                    {tok.name} <code>{tok.prefix}…</code>
                  </td>
                  <td>{formatDate(locale, tok.createdAt)}</td>
                  <td>{tok.lastUsedAt ? formatDate(locale, tok.lastUsedAt, true) : t('account.tokenNeverUsed')}</td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="intent" value="revoke" />
                      <input type="hidden" name="tokenId" value={tok.id} />
                      <button type="submit" className="danger" aria-label={`${t('account.tokenRevoke')}: ${tok.name}`}>
                        {t('account.tokenRevoke')}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('account.tokenNone')}</p>
      )}
    </>
  );
}
