import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { Field, FormErrors, SelectField } from '../components/field';
import { usePlaceName, useT } from '../i18n/use-t';
import { useCategoryLabel } from '../needs/ui';
import { actorOf } from '../permissions/principal.server';
import { requireUser } from '../permissions/permissions.server';
import { canAnywhere } from '../permissions/rules';
import { replyToProjectError } from '../projects/pages.server';
import { bundleableNeeds, createProject } from '../projects/projects.server';
import { projectSchema } from '../projects/schemas';
import { RowsField, TextArea } from '../projects/ui';
import { serviceCategories, skills } from '../resources/values';
import { parseForm, redirectWithNotice } from '../utils/forms.server';
import { forbidden } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('funds', 'needs', 'projects');

export const meta: MetaFunction = () => [{ title: '新建项目 · Fivefold' }];

async function guard(request: Request) {
  const principal = await requireUser(request);
  if (!canAnywhere(principal.roles, 'project.manage')) throw forbidden();
  return principal;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await guard(request);
  const preselected = new URL(request.url).searchParams.getAll('need');
  return { needs: await bundleableNeeds(principal), preselected };
}

export async function action({ request }: ActionFunctionArgs) {
  const principal = await guard(request);
  const { submission } = await parseForm(request, projectSchema);
  if (submission.status !== 'success') return submission.reply();
  const v = submission.value;
  try {
    const project = await createProject(principal, actorOf(principal), {
      ...v,
      beneficiaryCount: v.beneficiaryCount ?? null,
      budgetLines: v.budgetLines.map((l) => ({ label: l.label, amountMinor: l.amount })),
      milestones: v.milestones.map((m) => ({ title: m.title, dueOn: m.dueOn ?? null, amountMinor: m.amount })),
    });
    return redirectWithNotice(`/projects/${project.id}`, 'projects.notice.created');
  } catch (error) {
    return replyToProjectError(error, (o) => submission.reply(o));
  }
}

export default function NewProject() {
  const { needs, preselected } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>() as SubmissionResult<string[]> | undefined;
  const t = useT();
  const placeName = usePlaceName();
  const category = useCategoryLabel();
  const [form, fields] = useForm({ id: 'project', lastResult, shouldValidate: 'onSubmit' });
  const errors = lastResult?.error ?? undefined;
  return (
    <>
      <h1>{t('projects.new.title')}</h1>
      <p>{t('projects.new.intro')}</p>
      <FormErrors errors={form.errors} />
      <Form method="post" {...getFormProps(form)}>
        <fieldset>
          <legend>{t('projects.field.needs')}</legend>
          {needs.length === 0 ? <p>{t('projects.new.noNeeds')}</p> : null}
          <ul className="plain">
            {needs.map((n) => (
              <li key={n.id}>
                <input type="checkbox" id={`need-${n.id}`} name="needIds" value={n.id} defaultChecked={preselected.includes(n.id)} />{' '}
                <label htmlFor={`need-${n.id}`}>
                  {n.summary} <span className="muted">({category(n.category)} · {placeName({ nameZh: n.communityZh, nameEn: n.communityEn })})</span>
                </label>
              </li>
            ))}
          </ul>
          {fields.needIds.errors ? (
            <p className="field-errors" role="alert">
              {t(fields.needIds.errors[0])}
            </p>
          ) : null}
        </fieldset>
        <Field id={fields.title.id} name={fields.title.name} label={t('projects.field.title')} errors={fields.title.errors} maxLength={120} required />
        <TextArea id={fields.summary.id} name={fields.summary.name} label={t('projects.field.summary')} errors={fields.summary.errors} required rows={2} />
        <TextArea id={fields.goals.id} name={fields.goals.name} label={t('projects.field.goals')} errors={fields.goals.errors} required />
        <TextArea id={fields.deliverables.id} name={fields.deliverables.name} label={t('projects.field.deliverables')} errors={fields.deliverables.errors} required />
        <TextArea id={fields.beneficiaries.id} name={fields.beneficiaries.name} label={t('projects.field.beneficiaries')} errors={fields.beneficiaries.errors} required rows={2} />
        <Field id={fields.beneficiaryCount.id} name={fields.beneficiaryCount.name} label={t('projects.field.beneficiaryCount')} errors={fields.beneficiaryCount.errors} inputMode="numeric" />
        <SelectField id={fields.category.id} name={fields.category.name} label={t('needs.field.category')} errors={fields.category.errors} options={serviceCategories.map((c) => ({ value: c, label: category(c) }))} required />
        <fieldset>
          <legend>{t('projects.field.requiredSkills')}</legend>
          <ul className="plain columns">
            {skills.map((s) => (
              <li key={s}>
                <input type="checkbox" id={`skill-${s}`} name="requiredSkills" value={s} /> <label htmlFor={`skill-${s}`}>{t(`resources.skill.${s}`)}</label>
              </li>
            ))}
          </ul>
        </fieldset>
        <RowsField
          legend={t('projects.field.budgetLines')}
          name="budgetLines"
          count={4}
          errors={errors}
          columns={[
            { key: 'label', label: t('projects.field.lineLabel') },
            { key: 'amount', label: t('projects.field.amountYuan'), inputMode: 'decimal' },
          ]}
        />
        <RowsField
          legend={t('projects.field.milestones')}
          name="milestones"
          count={3}
          errors={errors}
          columns={[
            { key: 'title', label: t('projects.field.milestoneTitle') },
            { key: 'dueOn', label: t('projects.field.dueOn'), type: 'date' },
            { key: 'amount', label: t('projects.field.amountYuan'), inputMode: 'decimal' },
          ]}
        />
        <Field id={fields.startsOn.id} name={fields.startsOn.name} label={t('projects.field.startsOn')} type="date" errors={fields.startsOn.errors} />
        <Field id={fields.endsOn.id} name={fields.endsOn.name} label={t('projects.field.endsOn')} type="date" errors={fields.endsOn.errors} />
        <button type="submit">{t('projects.new.submit')}</button>
      </Form>
    </>
  );
}
