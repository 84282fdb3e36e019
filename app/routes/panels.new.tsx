import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { ErrorList, Field, FormErrors, SelectField } from '../components/field';
import { createPanel, PanelError, panelSubjects } from '../deliberation/panels.server';
import { panelSchema } from '../deliberation/schemas';
import { useLocale, useT } from '../i18n/use-t';
import { actorOf } from '../permissions/principal.server';
import { requireUser } from '../permissions/permissions.server';
import { scopesFor } from '../permissions/rules';
import { placesWithin } from '../places/places.server';
import { parseForm, redirectWithNotice } from '../utils/forms.server';
import { forbidden } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('deliberation');

export const meta: MetaFunction = () => [{ title: '组建评估团 · New evaluation panel · Fivefold' }];

/** Staff set up an evaluation panel (评估团) for a topic or project of the places they run. */
async function context(request: Request) {
  const principal = await requireUser(request);
  const scopes = scopesFor(principal.roles, 'panel.manage');
  const places = await placesWithin(scopes, ['community', 'compound']);
  if (!places.length) throw forbidden();
  return { principal, scopes, places };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { scopes, places } = await context(request);
  const subjects = await panelSubjects(scopes);
  const preset = new URL(request.url).searchParams.get('subject');
  return { places: places.map((p) => ({ id: p.id, nameZh: p.nameZh, nameEn: p.nameEn })), ...subjects, preset };
}

export async function action({ request }: ActionFunctionArgs) {
  const { principal, places } = await context(request);
  const { submission } = await parseForm(request, panelSchema);
  if (submission.status !== 'success') return submission.reply();
  const v = submission.value;
  const place = places.find((p) => p.id === v.placeId);
  if (!place) return submission.reply({ fieldErrors: { placeId: ['v.invalid'] } });
  const [kind, id] = v.subject.split(':');
  try {
    const panel = await createPanel({ ...actorOf(principal), userId: principal.user.id }, place, {
      title: v.title,
      topicId: kind === 'topic' ? id : null,
      projectId: kind === 'project' ? id : null,
      criteria: v.criteria.map((outcome) => ({ outcome, maxScore: v.maxScore })),
      memberEmails: v.members,
    });
    return redirectWithNotice(`/panels/${panel.id}`, 'panel.created');
  } catch (e) {
    if (!(e instanceof PanelError) || e.code !== 'invalid') throw e;
    const { topicId, projectId, ...rest } = e.fields;
    return submission.reply({ fieldErrors: { ...rest, ...(topicId || projectId ? { subject: topicId ?? projectId } : {}) } });
  }
}

export default function NewPanel() {
  const { places, topics, projects, preset } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const en = useLocale() === 'en';
  const [form, fields] = useForm({ id: 'panel', lastResult, shouldValidate: 'onBlur', onValidate: ({ formData }) => parseWithZod(formData, { schema: panelSchema }) });
  return (
    <>
      <p>
        <Link to="/topics">← {t('deliberation.title')}</Link>
      </p>
      <h1>{t('panel.new')}</h1>
      <p>{t('panel.newIntro')}</p>
      <FormErrors errors={form.errors} />
      <Form method="post" {...getFormProps(form)}>
        <SelectField id={fields.placeId.id} name={fields.placeId.name} label={t('panel.place')} options={places.map((p) => ({ value: p.id, label: en ? p.nameEn : p.nameZh }))} errors={fields.placeId.errors} required />
        <Field id={fields.title.id} name={fields.title.name} label={t('panel.titleLabel')} errors={fields.title.errors} maxLength={120} required />
        <div className="field">
          <label htmlFor={fields.subject.id}>
            {t('panel.subject')} <span className="req">{t('form.required')}</span>
          </label>
          <select id={fields.subject.id} name={fields.subject.name} defaultValue={preset ?? undefined} required aria-invalid={fields.subject.errors ? true : undefined} aria-describedby={fields.subject.errors ? `${fields.subject.id}-errors` : undefined}>
            <optgroup label={t('deliberation.topics')}>
              {topics.map((x) => (
                <option key={x.id} value={`topic:${x.id}`}>
                  {x.title}
                </option>
              ))}
            </optgroup>
            <optgroup label={t('panel.projects')}>
              {projects.map((x) => (
                <option key={x.id} value={`project:${x.id}`}>
                  {x.title}
                </option>
              ))}
            </optgroup>
          </select>
          <ErrorList id={`${fields.subject.id}-errors`} errors={fields.subject.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.criteria.id}>
            {t('panel.criteriaLabel')} <span className="req">{t('form.required')}</span>
          </label>
          <p id={`${fields.criteria.id}-hint`} className="hint">
            {t('panel.criteriaHint')}
          </p>
          <textarea id={fields.criteria.id} name={fields.criteria.name} rows={4} required aria-describedby={`${fields.criteria.id}-hint`} aria-invalid={fields.criteria.errors ? true : undefined} />
          <ErrorList id={`${fields.criteria.id}-errors`} errors={fields.criteria.errors} />
        </div>
        <Field id={fields.maxScore.id} name={fields.maxScore.name} type="number" inputMode="numeric" label={t('panel.maxScore')} defaultValue={5} errors={fields.maxScore.errors} required />
        <div className="field">
          <label htmlFor={fields.members.id}>{t('panel.membersLabel')}</label>
          <p id={`${fields.members.id}-hint`} className="hint">
            {t('panel.membersHint')}
          </p>
          <textarea id={fields.members.id} name={fields.members.name} rows={4} aria-describedby={`${fields.members.id}-hint`} aria-invalid={fields.members.errors ? true : undefined} />
          <ErrorList id={`${fields.members.id}-errors`} errors={fields.members.errors} />
        </div>
        <button type="submit">{t('panel.create')}</button>
      </Form>
    </>
  );
}
