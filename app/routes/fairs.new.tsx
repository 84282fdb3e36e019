import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { Field, FormErrors, SelectField } from '../components/field';
import { useT } from '../i18n/use-t';
import { requireUser } from '../permissions/permissions.server';
import { canAnywhere } from '../permissions/rules';
import { createFairSchema, endOfLocalDay } from '../projects/fair-forms';
import { callerOf, createFair, roundsForNewFair } from '../projects/fairs.server';
import { parseForm, redirectWithNotice } from '../utils/forms.server';
import { forbidden } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('fairs', 'funds', 'matching-funds');

export const meta: MetaFunction = () => [{ title: 'Open a project fair · 发起项目相亲会 · Fivefold' }];

async function guard(request: Request) {
  const principal = await requireUser(request);
  if (!canAnywhere(principal.roles, 'project.manage')) throw forbidden();
  return principal;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await guard(request);
  const rounds = await roundsForNewFair(callerOf(principal));
  return { rounds: rounds.map((r) => ({ id: r.id, title: r.title })) };
}

export async function action({ request }: ActionFunctionArgs) {
  const principal = await guard(request);
  const { submission } = await parseForm(request, createFairSchema);
  if (submission.status !== 'success') return Response.json(submission.reply(), { status: 400 });
  const v = submission.value;
  if (v.preferencesClose > v.heldOn) return Response.json(submission.reply({ fieldErrors: { preferencesClose: ['fair.v.closeAfterFair'] } }), { status: 400 });
  const result = await createFair(callerOf(principal), { roundId: v.roundId, title: v.title, heldOn: v.heldOn, preferencesCloseAt: endOfLocalDay(v.preferencesClose) });
  if (!result.ok) {
    const denied = result.reason === 'not_found' || result.reason === 'forbidden';
    return Response.json(submission.reply({ formErrors: [denied ? 'fair.err.forbidden' : `fair.err.${result.reason}`] }), { status: denied ? 403 : 409 });
  }
  return redirectWithNotice(`/fairs/${result.fair.id}`, 'fair.created');
}

export default function NewFair() {
  const { rounds } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>() as SubmissionResult<string[]> | undefined;
  const t = useT();
  const [form, fields] = useForm({ id: 'fair', lastResult, shouldValidate: 'onBlur', onValidate: ({ formData }) => parseWithZod(formData, { schema: createFairSchema }) });
  return (
    <>
      <h1>{t('fair.new')}</h1>
      {rounds.length === 0 ? (
        <p>{t('fair.noRounds')}</p>
      ) : (
        <>
          <FormErrors errors={form.errors} />
          <Form method="post" {...getFormProps(form)}>
            <SelectField id={fields.roundId.id} name={fields.roundId.name} label={t('fair.round')} options={rounds.map((r) => ({ value: r.id, label: r.title }))} errors={fields.roundId.errors} required />
            <Field id={fields.title.id} name={fields.title.name} label={t('fair.name')} errors={fields.title.errors} maxLength={120} required />
            <Field id={fields.heldOn.id} name={fields.heldOn.name} type="date" label={t('fair.heldOn')} errors={fields.heldOn.errors} required />
            <Field id={fields.preferencesClose.id} name={fields.preferencesClose.name} type="date" label={t('fair.preferencesClose')} hint={t('fair.preferencesCloseHint')} errors={fields.preferencesClose.errors} required />
            <button type="submit">{t('fair.create')}</button>
          </Form>
        </>
      )}
    </>
  );
}
