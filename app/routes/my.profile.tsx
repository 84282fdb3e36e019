import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { Field, FormErrors, Notice, SelectField } from '../components/field';
import { formatDate } from '../i18n/locale';
import { useLocale, usePlaceName, useT } from '../i18n/use-t';
import { actorOf } from '../permissions/principal.server';
import { requireUser } from '../permissions/permissions.server';
import { dayParts, slotsOf, volunteerForm } from '../resources/forms';
import { listAreas, ResourceError } from '../resources/resources.server';
import { checkInput } from '../resources/schemas';
import { CheckboxGroup, placeOptions } from '../resources/ui';
import { checkTypes, languages, skills, travelRadii } from '../resources/values';
import { addBackgroundCheck, getMyVolunteerProfile, saveVolunteerProfile } from '../resources/volunteers.server';
import { parseForm, redirectWithNotice } from '../utils/forms.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('resources');

export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await requireUser(request);
  const [mine, areas] = await Promise.all([getMyVolunteerProfile(principal.user.id), listAreas()]);
  return {
    areas,
    name: principal.user.name,
    profile: mine
      ? {
          id: mine.resource.id,
          displayName: mine.resource.name,
          description: mine.resource.description,
          placeId: mine.resource.gridId ?? mine.resource.communityId ?? mine.resource.placeId,
          skills: mine.profile.skills,
          tags: mine.profile.tags,
          languages: mine.profile.languages,
          slots: slotsOf(mine.profile.availability),
          away: mine.profile.exceptions[0] ?? null,
          travelRadius: mine.profile.travelRadius,
          maxHoursPerWeek: mine.profile.maxHoursPerWeek,
          consentToContact: mine.profile.consentToContact,
          contactPhone: mine.profile.contactPhone,
        }
      : null,
    checks: mine?.checks.map((c) => ({ id: c.id, type: c.type, issuer: c.issuer, status: c.status, expiresAt: c.expiresAt })) ?? [],
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const principal = await requireUser(request);
  const actor = { ...actorOf(principal), userId: principal.user.id };
  const intent = (await request.clone().formData()).get('intent');
  if (intent === 'addCheck') {
    const { submission } = await parseForm(request, checkInput.extend({ intent: z.literal('addCheck') }));
    if (submission.status !== 'success') return submission.reply();
    try {
      await addBackgroundCheck(actor, submission.value);
    } catch (e) {
      if (e instanceof ResourceError) return submission.reply({ formErrors: ['profile.needProfile'] });
      throw e;
    }
    return redirectWithNotice('/my/profile', 'profile.checkAdded');
  }
  const { submission } = await parseForm(request, volunteerForm);
  if (submission.status !== 'success') return submission.reply();
  try {
    await saveVolunteerProfile(actor, submission.value);
  } catch (e) {
    if (e instanceof ResourceError && e.field) return submission.reply({ fieldErrors: { placeId: ['resources.v.placeNotFound'] } });
    throw e;
  }
  return redirectWithNotice('/my/profile', 'profile.saved');
}

export default function MyProfile() {
  const { areas, profile, checks, name } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const placeName = usePlaceName();
  const isCheck = lastResult?.initialValue?.intent === 'addCheck';
  const [form, fields] = useForm({ id: 'profile', lastResult: isCheck ? undefined : lastResult, onValidate: ({ formData }) => parseWithZod(formData, { schema: volunteerForm }), shouldValidate: 'onSubmit' });
  const [checkForm, checkFields] = useForm({ id: 'check', lastResult: isCheck ? lastResult : undefined, onValidate: ({ formData }) => parseWithZod(formData, { schema: checkInput }), shouldValidate: 'onSubmit' });
  const nested = (prefix: string) => [...new Set(Object.entries((!isCheck && lastResult?.error) || {}).filter(([k]) => k.startsWith(prefix)).flatMap(([, v]) => v ?? []))];
  return (
    <>
      <h1>{t('profile.title')}</h1>
      <p>{t('profile.intro')}</p>
      {profile ? (
        <p>
          <Link to={`/resources/${profile.id}`}>{t('profile.viewPublic')}</Link> · <Link to="/my/team">{t('resources.myTeams')}</Link>
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="save" />
        <FormErrors errors={form.errors} />
        <Field id={fields.displayName.id} name={fields.displayName.name} label={t('profile.displayName')} hint={t('profile.displayNameHint')} defaultValue={profile?.displayName ?? name.slice(0, 1)} errors={fields.displayName.errors} required maxLength={40} />
        <Field id={fields.description.id} name={fields.description.name} label={t('profile.about')} defaultValue={profile?.description} errors={fields.description.errors} maxLength={1000} />
        <SelectField id={fields.placeId.id} name={fields.placeId.name} label={t('profile.home')} hint={t('profile.homeHint')} options={placeOptions(areas, placeName)} defaultValue={profile?.placeId} errors={fields.placeId.errors} required />
        <CheckboxGroup id="skills" name="skills" legend={t('profile.skills')} options={skills.map((s) => ({ value: s, label: t(`resources.skill.${s}`) }))} checked={profile?.skills} errors={fields.skills.errors} />
        <Field id="tags" name="tags" label={t('profile.tags')} defaultValue={profile?.tags.join('，')} errors={nested('tags')} />
        <CheckboxGroup id="languages" name="languages" legend={t('profile.languages')} options={languages.map((l) => ({ value: l, label: t(`resources.language.${l}`) }))} checked={profile?.languages ?? ['zh']} errors={fields.languages.errors} />
        <fieldset className="field">
          <legend>{t('profile.availability')}</legend>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <td />
                  {dayParts.map((p) => (
                    <th scope="col" key={p}>
                      {t(`resources.part.${p}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {[0, 1, 2, 3, 4, 5, 6].map((d) => (
                  <tr key={d}>
                    <th scope="row">{t(`resources.day.${d}`)}</th>
                    {dayParts.map((p) => (
                      <td key={p}>
                        <input type="checkbox" name="slots" value={`${d}.${p}`} defaultChecked={profile?.slots.includes(`${d}.${p}`)} aria-label={`${t(`resources.day.${d}`)} ${t(`resources.part.${p}`)}`} />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </fieldset>
        <Field id="awayFrom" name="awayFrom" label={t('profile.awayFrom')} type="date" defaultValue={profile?.away?.from} errors={nested('exceptions')} />
        <Field id="awayTo" name="awayTo" label={t('profile.awayTo')} type="date" defaultValue={profile?.away?.to} />
        <SelectField id={fields.travelRadius.id} name={fields.travelRadius.name} label={t('profile.radius')} options={travelRadii.map((r) => ({ value: r, label: t(`resources.radius.${r}`) }))} defaultValue={profile?.travelRadius ?? 'community'} errors={fields.travelRadius.errors} required />
        <Field id={fields.maxHoursPerWeek.id} name={fields.maxHoursPerWeek.name} label={t('profile.maxHours')} type="number" inputMode="numeric" defaultValue={profile?.maxHoursPerWeek ?? 4} errors={fields.maxHoursPerWeek.errors} required />
        <Field id={fields.contactPhone.id} name={fields.contactPhone.name} label={t('profile.contactPhone')} type="tel" inputMode="tel" defaultValue={profile?.contactPhone} errors={fields.contactPhone.errors} />
        <div className="check">
          <input type="checkbox" id="consentToContact" name="consentToContact" defaultChecked={profile?.consentToContact ?? true} />
          <label htmlFor="consentToContact">{t('profile.consent')}</label>
        </div>
        <button type="submit">{t('form.save')}</button>
      </Form>

      <section aria-labelledby="checks-h">
        <h2 id="checks-h">{t('profile.checks')}</h2>
        <p>{t('profile.checksIntro')}</p>
        {checks.length ? (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('profile.checkType')}</th>
                  <th scope="col">{t('profile.checkIssuer')}</th>
                  <th scope="col">{t('profile.status')}</th>
                  <th scope="col">{t('profile.checkExpires')}</th>
                </tr>
              </thead>
              <tbody>
                {checks.map((c) => (
                  <tr key={c.id}>
                    <td>{t(`resources.checkType.${c.type}`)}</td>
                    <td>{c.issuer}</td>
                    <td>{t(`resources.checkStatus.${c.status}`)}</td>
                    <td>{c.expiresAt ? formatDate(locale, c.expiresAt) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t('profile.noChecks')}</p>
        )}
        {profile ? (
          <>
            <h3>{t('profile.addCheck')}</h3>
            <Form method="post" {...getFormProps(checkForm)}>
              <input type="hidden" name="intent" value="addCheck" />
              <FormErrors errors={checkForm.errors} />
              <SelectField id={checkFields.type.id} name={checkFields.type.name} label={t('profile.checkType')} options={checkTypes.map((c) => ({ value: c, label: t(`resources.checkType.${c}`) }))} errors={checkFields.type.errors} required />
              <Field id={checkFields.issuer.id} name={checkFields.issuer.name} label={t('profile.checkIssuer')} errors={checkFields.issuer.errors} required maxLength={80} />
              <Field id={checkFields.reference.id} name={checkFields.reference.name} label={t('profile.checkReference')} errors={checkFields.reference.errors} maxLength={60} />
              <Field id={checkFields.expiresAt.id} name={checkFields.expiresAt.name} label={t('profile.checkExpires')} type="date" errors={checkFields.expiresAt.errors} />
              <button type="submit">{t('profile.addCheck')}</button>
            </Form>
          </>
        ) : (
          <Notice>{t('profile.needProfile')}</Notice>
        )}
      </section>
    </>
  );
}
