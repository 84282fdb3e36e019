import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { Field, FormErrors, SelectField } from '../components/field';
import { useMoney } from '../funds/ui';
import { usePlaceName, useT } from '../i18n/use-t';
import { useCategoryLabel } from '../needs/ui';
import { actorOf } from '../permissions/principal.server';
import { requireUser } from '../permissions/permissions.server';
import { canAnywhere, scopesFor } from '../permissions/rules';
import { placesWithin } from '../places/places.server';
import { replyToProjectError } from '../projects/pages.server';
import { createRound, roundableProjects } from '../projects/rounds.server';
import { chinaDayEnd, chinaDayStart, roundSchema } from '../projects/schemas';
import { RowsField, TextArea } from '../projects/ui';
import { applicantTypes, defaultNoticeDays } from '../projects/values';
import { serviceCategories } from '../resources/values';
import { parseForm, redirectWithNotice } from '../utils/forms.server';
import { forbidden } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('funds', 'needs', 'projects');

export const meta: MetaFunction = () => [{ title: '新建公益创投 · Fivefold' }];

async function guard(request: Request) {
  const principal = await requireUser(request);
  if (!canAnywhere(principal.roles, 'project.manage')) throw forbidden();
  return principal;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await guard(request);
  const [places, projects] = await Promise.all([placesWithin(scopesFor(principal.roles, 'project.manage'), ['street', 'community']), roundableProjects(principal)]);
  return { places: places.map((p) => ({ id: p.id, nameZh: p.nameZh, nameEn: p.nameEn })), projects };
}

export async function action({ request }: ActionFunctionArgs) {
  const principal = await guard(request);
  const { submission } = await parseForm(request, roundSchema);
  if (submission.status !== 'success') return submission.reply();
  const v = submission.value;
  try {
    const round = await createRound(principal, actorOf(principal), {
      placeId: v.placeId,
      title: v.title,
      callText: v.callText,
      budgetMinor: v.budget,
      eligibleCategories: v.eligibleCategories,
      applicantTypes: v.applicantTypes,
      microGrant: v.microGrant,
      opensAt: chinaDayStart(v.opensOn),
      closesAt: chinaDayEnd(v.closesOn),
      noticeDays: v.noticeDays,
      criteria: v.criteria,
      projectIds: v.projectIds,
    });
    return redirectWithNotice(`/rounds/${round.id}`, 'rounds.notice.created');
  } catch (error) {
    return replyToProjectError(error, (o) => submission.reply(o));
  }
}

export default function NewRound() {
  const { places, projects } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>() as SubmissionResult<string[]> | undefined;
  const t = useT();
  const money = useMoney();
  const placeName = usePlaceName();
  const category = useCategoryLabel();
  const [form, fields] = useForm({ id: 'round', lastResult, shouldValidate: 'onSubmit' });
  const errors = lastResult?.error ?? undefined;
  const listError = (name: string) => (errors?.[name]?.length ? <p className="field-errors" role="alert">{t(errors[name]![0])}</p> : null);
  return (
    <>
      <h1>{t('rounds.new.title')}</h1>
      <p>{t('rounds.new.intro')}</p>
      <FormErrors errors={form.errors} />
      <Form method="post" {...getFormProps(form)}>
        <SelectField id={fields.placeId.id} name={fields.placeId.name} label={t('rounds.field.place')} errors={fields.placeId.errors} options={places.map((p) => ({ value: p.id, label: placeName(p) }))} required />
        <Field id={fields.title.id} name={fields.title.name} label={t('rounds.field.title')} errors={fields.title.errors} maxLength={120} required />
        <TextArea id={fields.callText.id} name={fields.callText.name} label={t('rounds.field.callText')} errors={fields.callText.errors} required rows={5} />
        <Field id={fields.budget.id} name={fields.budget.name} label={t('rounds.field.budget')} errors={fields.budget.errors} hint={t('donate.amountHint')} required />
        <fieldset>
          <legend>{t('rounds.field.eligibleCategories')}</legend>
          <p className="hint">{t('rounds.field.eligibleHint')}</p>
          <ul className="plain columns">
            {serviceCategories.map((c) => (
              <li key={c}>
                <input type="checkbox" id={`cat-${c}`} name="eligibleCategories" value={c} /> <label htmlFor={`cat-${c}`}>{category(c)}</label>
              </li>
            ))}
          </ul>
        </fieldset>
        <fieldset>
          <legend>{t('rounds.field.applicantTypes')}</legend>
          <ul className="plain">
            {applicantTypes.map((a) => (
              <li key={a}>
                <input type="checkbox" id={`type-${a}`} name="applicantTypes" value={a} defaultChecked={a === 'registered_org'} /> <label htmlFor={`type-${a}`}>{t(`rounds.applicant.${a}`)}</label>
              </li>
            ))}
          </ul>
          {listError('applicantTypes')}
          <p>
            <input type="checkbox" id="microGrant" name="microGrant" value="on" /> <label htmlFor="microGrant">{t('rounds.field.microGrant')}</label>
          </p>
        </fieldset>
        <Field id={fields.opensOn.id} name={fields.opensOn.name} label={t('rounds.field.opensOn')} type="date" errors={fields.opensOn.errors} required />
        <Field id={fields.closesOn.id} name={fields.closesOn.name} label={t('rounds.field.closesOn')} type="date" errors={fields.closesOn.errors} required />
        <Field id={fields.noticeDays.id} name={fields.noticeDays.name} label={t('rounds.field.noticeDays')} errors={fields.noticeDays.errors} defaultValue={defaultNoticeDays} inputMode="numeric" required />
        <RowsField
          legend={t('rounds.field.criteria')}
          name="criteria"
          count={4}
          errors={errors}
          columns={[
            { key: 'nameZh', label: t('rounds.field.criterionZh') },
            { key: 'nameEn', label: t('rounds.field.criterionEn') },
            { key: 'weight', label: t('rounds.field.weight'), inputMode: 'numeric' },
          ]}
        />
        <fieldset>
          <legend>{t('rounds.field.projects')}</legend>
          {projects.length === 0 ? <p>{t('rounds.new.noProjects')}</p> : null}
          <ul className="plain">
            {projects.map((p) => (
              <li key={p.id}>
                <input type="checkbox" id={`project-${p.id}`} name="projectIds" value={p.id} />{' '}
                <label htmlFor={`project-${p.id}`}>
                  {p.title} <span className="muted">({category(p.category)} · {money(p.budgetMinor)})</span>
                </label>
              </li>
            ))}
          </ul>
          {listError('projectIds')}
        </fieldset>
        <button type="submit">{t('rounds.new.submit')}</button>
      </Form>
    </>
  );
}
