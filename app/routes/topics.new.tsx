import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { ErrorList, Field, FormErrors, SelectField } from '../components/field';
import { topicSchema } from '../deliberation/schemas';
import { useLocale, useT } from '../i18n/use-t';
import { requireUser } from '../permissions/permissions.server';
import { proposeContext, proposeTopic } from '../deliberation/propose.server';
import { parseForm, redirectWithNotice } from '../utils/forms.server';
import { forbidden, isUuid, notFound } from '../utils/http.server';
import { hitLimitFor, limits } from '../utils/rate-limit.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('deliberation');

export const meta: MetaFunction = () => [{ title: '提出议题 · Propose a topic · Fivefold' }];

/** Residents propose in their home community; staff with topic.manage in any community of theirs, or from a need. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { home, staffPlaces } = await proposeContext(await requireUser(request));
  const needId = new URL(request.url).searchParams.get('needId');
  return {
    home,
    places: staffPlaces.map((p) => ({ id: p.id, nameZh: p.nameZh, nameEn: p.nameEn })),
    needId: isUuid(needId) && staffPlaces.length ? needId : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const principal = await requireUser(request);
  const { submission } = await parseForm(request, topicSchema);
  if (submission.status !== 'success') return submission.reply();
  const limited = await hitLimitFor(limits.proposeTopic, request, principal);
  if (!limited.ok) return data(submission.reply({ formErrors: ['limits.tooMany'] }), { status: 429, headers: { 'Retry-After': String(limited.retryAfterSeconds) } });
  const outcome = await proposeTopic(principal, submission.value);
  if (outcome.ok) return redirectWithNotice(`/topics/${outcome.topicId}`, 'topic.proposed');
  if (outcome.status === 404) throw notFound();
  if (outcome.status === 403) throw forbidden();
  return submission.reply({ fieldErrors: outcome.fields, formErrors: outcome.formErrors });
}

export default function NewTopic() {
  const { home, places, needId } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>() as SubmissionResult<string[]> | undefined;
  const t = useT();
  const en = useLocale() === 'en';
  const [form, fields] = useForm({
    id: 'topic',
    lastResult,
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: topicSchema }),
  });
  const choices = [...(home ? [home] : []), ...places.filter((p) => p.id !== home?.id)];
  return (
    <>
      <p>
        <Link to="/topics">← {t('deliberation.title')}</Link>
      </p>
      <h1>{t('topic.propose')}</h1>
      <p>{t('topic.proposeIntro')}</p>
      {!home && !places.length ? <p className="notice notice-error">{t('topic.noHome')}</p> : null}
      <FormErrors errors={form.errors} />
      <Form method="post" {...getFormProps(form)}>
        {needId ? <input type="hidden" name="needId" value={needId} /> : null}
        {!needId && choices.length > 1 ? (
          <SelectField
            id={fields.placeId.id}
            name={fields.placeId.name}
            label={t('topic.place')}
            options={choices.map((p) => ({ value: p.id, label: en ? p.nameEn : p.nameZh }))}
            defaultValue={home?.id ?? choices[0]?.id}
            errors={fields.placeId.errors}
            required
          />
        ) : null}
        <Field id={fields.title.id} name={fields.title.name} label={t('topic.title')} errors={fields.title.errors} maxLength={120} required />
        <div className="field">
          <label htmlFor={fields.problem.id}>
            {t('topic.problem')} <span className="req">{t('form.required')}</span>
          </label>
          <textarea
            id={fields.problem.id}
            name={fields.problem.name}
            rows={5}
            maxLength={2000}
            required
            aria-invalid={fields.problem.errors ? true : undefined}
            aria-describedby={fields.problem.errors ? `${fields.problem.id}-errors` : undefined}
          />
          <ErrorList id={`${fields.problem.id}-errors`} errors={fields.problem.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.suggestion.id}>{t('topic.suggestion')}</label>
          <textarea id={fields.suggestion.id} name={fields.suggestion.name} rows={4} maxLength={2000} />
        </div>
        <button type="submit">{t('topic.propose')}</button>
      </Form>
    </>
  );
}
