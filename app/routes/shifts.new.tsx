import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { Field, FormErrors, SelectField } from '../components/field';
import { usePlaceName, useT } from '../i18n/use-t';
import { actorOf } from '../permissions/principal.server';
import { requireUser } from '../permissions/permissions.server';
import { canAnywhere } from '../permissions/rules';
import { ResourceError } from '../resources/resources.server';
import { CheckboxGroup } from '../resources/ui';
import { checkTypes, skills } from '../resources/values';
import { shiftInput } from '../shifts/schemas';
import { createShift, organisationsToChoose, placesToOrganise, ShiftError } from '../shifts/shifts.server';
import { shiftRecurrences, shiftTimings } from '../shifts/values';
import { parseForm, redirectWithNotice } from '../utils/forms.server';
import { forbidden } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('resources', 'shifts');

export const meta: MetaFunction = () => [{ title: '发布班次 · Fivefold' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await requireUser(request);
  if (!canAnywhere(principal.roles, 'shift.organise')) throw forbidden();
  const [places, organisations] = await Promise.all([placesToOrganise(principal), organisationsToChoose()]);
  const url = new URL(request.url);
  return { places, organisations, needId: url.searchParams.get('need') ?? '', projectId: url.searchParams.get('project') ?? '' };
}

export async function action({ request }: ActionFunctionArgs) {
  const principal = await requireUser(request);
  if (!canAnywhere(principal.roles, 'shift.organise')) throw forbidden();
  const { submission } = await parseForm(request, shiftInput);
  if (submission.status !== 'success') return submission.reply();
  try {
    const created = await createShift(principal, actorOf(principal), submission.value);
    return redirectWithNotice(`/shifts/${created[0].id}`, 'shifts.created');
  } catch (error) {
    if (error instanceof ShiftError && error.code === 'forbidden') return submission.reply({ fieldErrors: { placeId: ['shifts.v.noPermission'] } });
    if (error instanceof ShiftError && error.field) {
      const key = error.field === 'needId' ? 'shifts.v.need' : error.field === 'projectId' ? 'shifts.v.project' : 'shifts.v.organisation';
      return submission.reply({ fieldErrors: { [error.field]: [key] } });
    }
    if (error instanceof ResourceError && error.field) return submission.reply({ fieldErrors: { placeId: ['resources.v.placeNotFound'] } });
    throw error;
  }
}

export default function NewShift() {
  const { places, organisations, needId, projectId } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const placeName = usePlaceName();
  const [form, fields] = useForm({ id: 'shift', lastResult, onValidate: ({ formData }) => parseWithZod(formData, { schema: shiftInput }), shouldValidate: 'onSubmit' });
  const indent = (depth: number) => '\u00a0\u00a0'.repeat(Math.max(0, depth - 2));
  return (
    <>
      <h1>{t('shifts.new')}</h1>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        <Field id={fields.title.id} name={fields.title.name} label={t('shifts.form.title')} errors={fields.title.errors} required maxLength={120} />
        <Field id={fields.role.id} name={fields.role.name} label={t('shifts.form.role')} errors={fields.role.errors} required maxLength={60} />
        <Field id={fields.description.id} name={fields.description.name} label={t('shifts.form.description')} errors={fields.description.errors} maxLength={2000} />
        <Field id={fields.spots.id} name={fields.spots.name} label={t('shifts.form.spots')} type="number" errors={fields.spots.errors} required defaultValue={5} />
        <Field id={fields.waitlistLimit.id} name={fields.waitlistLimit.name} label={t('shifts.form.waitlistLimit')} type="number" errors={fields.waitlistLimit.errors} defaultValue={20} />
        <SelectField id={fields.placeId.id} name={fields.placeId.name} label={t('shifts.form.place')} errors={fields.placeId.errors} required options={places.map((p) => ({ value: p.id, label: indent(p.depth) + placeName(p) }))} />
        <Field id={fields.location.id} name={fields.location.name} label={t('shifts.form.location')} hint={t('shifts.form.locationHint')} errors={fields.location.errors} maxLength={200} />
        <SelectField id={fields.organisationId.id} name={fields.organisationId.name} label={t('shifts.form.organisation')} errors={fields.organisationId.errors} options={[{ value: '', label: t('shifts.form.none') }, ...organisations.map((o) => ({ value: o.id, label: o.name }))]} />
        <Field id={fields.needId.id} name={fields.needId.name} label={t('shifts.form.needId')} errors={fields.needId.errors} defaultValue={needId} />
        <Field id={fields.projectId.id} name={fields.projectId.name} label={t('shifts.form.projectId')} errors={fields.projectId.errors} defaultValue={projectId} />
        <SelectField id={fields.timing.id} name={fields.timing.name} label={t('shifts.form.timing')} errors={fields.timing.errors} options={shiftTimings.map((v) => ({ value: v, label: t(`shifts.timing.${v}`) }))} />
        <Field id={fields.date.id} name={fields.date.name} label={t('shifts.form.date')} type="date" errors={fields.date.errors} required />
        <Field id={fields.startTime.id} name={fields.startTime.name} label={t('shifts.form.startTime')} type="time" errors={fields.startTime.errors} required />
        <Field id={fields.endTime.id} name={fields.endTime.name} label={t('shifts.form.endTime')} type="time" errors={fields.endTime.errors} required />
        <Field id={fields.endDate.id} name={fields.endDate.name} label={t('shifts.form.endDate')} type="date" errors={fields.endDate.errors} />
        <Field id={fields.durationMinutes.id} name={fields.durationMinutes.name} label={t('shifts.form.duration')} type="number" errors={fields.durationMinutes.errors} />
        <SelectField id={fields.recurrence.id} name={fields.recurrence.name} label={t('shifts.form.recurrence')} errors={fields.recurrence.errors} options={shiftRecurrences.map((v) => ({ value: v, label: t(`shifts.recurrence.${v}`) }))} />
        <Field id={fields.weeks.id} name={fields.weeks.name} label={t('shifts.form.weeks')} type="number" errors={fields.weeks.errors} defaultValue={1} />
        <CheckboxGroup id="shift-skills" name="skills" legend={t('shifts.skills')} options={skills.map((s) => ({ value: s, label: t(`resources.skill.${s}`) }))} errors={fields.skills.errors} />
        <CheckboxGroup id="shift-checks" name="requiredChecks" legend={t('shifts.checks')} options={checkTypes.map((c) => ({ value: c, label: t(`resources.checkType.${c}`) }))} errors={fields.requiredChecks.errors} />
        <div className="check">
          <input type="checkbox" id="teamsAllowed" name="teamsAllowed" />
          <label htmlFor="teamsAllowed">{t('shifts.form.teamsAllowed')}</label>
        </div>
        <Field id={fields.cancelCutoffHours.id} name={fields.cancelCutoffHours.name} label={t('shifts.form.cutoff')} type="number" errors={fields.cancelCutoffHours.errors} defaultValue={12} />
        <Field id={fields.autoCheckoutMinutes.id} name={fields.autoCheckoutMinutes.name} label={t('shifts.form.autoCheckout')} type="number" errors={fields.autoCheckoutMinutes.errors} defaultValue={120} />
        <button type="submit">{t('shifts.form.submit')}</button>
      </Form>
    </>
  );
}
