import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { communityTypes } from '../../db/schema/values';
import { listAuditForPlace } from '../audit/audit-list.server';
import { PlaceBreadcrumbs } from '../components/breadcrumbs';
import { Field, SelectField } from '../components/field';
import { formatDate, formatMoney } from '../i18n/locale';
import { useLocale, usePlaceName, useT } from '../i18n/use-t';
import { actorOf } from '../permissions/principal.server';
import { hasPermission, requirePermission } from '../permissions/permissions.server';
import { can } from '../permissions/rules';
import { countHouseholds } from '../places/households.server';
import { communitySettingsOf, getAncestry, getPlace, listChildren, updatePlace } from '../places/places.server';
import { allowedChildren } from '../places/rules';
import { updatePlaceSchema } from '../places/schemas';
import { parseForm, redirectWithNotice } from '../utils/forms.server';
import { notFound, uuidParam } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('needs');

export async function loader({ request, params }: LoaderFunctionArgs) {
  const placeId = uuidParam(params, 'placeId');
  const principal = await requirePermission(request, 'place.read_private', placeId);
  const place = await getPlace(placeId);
  if (!place) throw notFound();
  const [ancestry, children, households, audit] = await Promise.all([
    getAncestry(place),
    listChildren(place.id),
    countHouseholds(place.path),
    hasPermission(principal, 'audit.read', principal.place) ? listAuditForPlace(place.path) : Promise.resolve(null),
  ]);
  return {
    place: { id: place.id, type: place.type, nameZh: place.nameZh, nameEn: place.nameEn, communityType: place.communityType },
    settings: place.type === 'community' ? communitySettingsOf(place) : null,
    ancestry,
    readable: ancestry.map((a) => a.id).filter((id) => can(principal.roles, 'place.read_private', ancestry.find((x) => x.id === id)!.path)),
    children,
    households,
    audit,
    canManage: hasPermission(principal, 'place.manage', principal.place),
    canAddChild: hasPermission(principal, 'place.manage', principal.place) && allowedChildren[place.type].length > 0,
    canReadHouseholds: hasPermission(principal, 'household.read', principal.place),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const placeId = uuidParam(params, 'placeId');
  // The permission is checked before the form is read: without it, nothing sent matters.
  const principal = await requirePermission(request, 'place.manage', placeId);
  const { submission } = await parseForm(request, updatePlaceSchema);
  if (submission.status !== 'success') return submission.reply();
  const v = submission.value;
  const place = await getPlace(placeId);
  if (!place) throw notFound();
  const current = place.type === 'community' ? communitySettingsOf(place) : null;
  await updatePlace(actorOf(principal), placeId, {
    nameZh: v.nameZh,
    nameEn: v.nameEn,
    communityType: v.communityType ?? null,
    settings: current
      ? {
          voteUnit: v.voteUnit ?? current.voteUnit,
          voteThresholdPercent: v.voteThresholdPercent ?? current.voteThresholdPercent,
          householdShareMinor: v.householdShareYuan !== undefined ? v.householdShareYuan * 100 : current.householdShareMinor,
          socialWorkerRatio: v.socialWorkerRatio ?? current.socialWorkerRatio,
        }
      : undefined,
  });
  return redirectWithNotice(`/admin/places/${placeId}`, 'places.updated');
}

export default function PlacePage() {
  const data = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const placeName = usePlaceName();
  const { place, settings } = data;
  const [form, fields] = useForm({ lastResult, onValidate: ({ formData }) => parseWithZod(formData, { schema: updatePlaceSchema }) });
  return (
    <>
      <PlaceBreadcrumbs ancestry={data.ancestry} linkable={(id) => data.readable.includes(id)} />
      <h1>{placeName(place)}</h1>
      <p className="muted">
        {t(`placeType.${place.type}`)}
        {place.communityType ? ` · ${t(`communityType.${place.communityType}`)}` : ''}
      </p>
      {data.canManage && place.type === 'community' ? (
        <p>
          <Link to={`/admin/places/${place.id}/need-settings`}>{t('needs.settings.link')}</Link>
        </p>
      ) : null}
      {data.canReadHouseholds ? (
        <p>
          <Link to={`/admin/places/${place.id}/households`}>
            {t('places.households')} ({data.households})
          </Link>
        </p>
      ) : null}

      <section aria-labelledby="children-h">
        <h2 id="children-h">{t('places.children')}</h2>
        {data.children.length ? (
          <ul>
            {data.children.map((c) => (
              <li key={c.id}>
                <Link to={`/admin/places/${c.id}`}>{placeName(c)}</Link> <span className="muted">({t(`placeType.${c.type}`)})</span>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('places.none')}</p>
        )}
        {data.canAddChild ? (
          <p>
            <Link to={`/admin/places/${place.id}/new`} className="button secondary">
              {t('places.add')}
            </Link>
          </p>
        ) : null}
      </section>

      {data.canManage ? (
        <section aria-labelledby="edit-h">
          <h2 id="edit-h">{t('places.edit')}</h2>
          <Form method="post" {...getFormProps(form)}>
            <input type="hidden" name="intent" value="update" />
            <Field id={fields.nameZh.id} name={fields.nameZh.name} label={t('places.nameZh')} defaultValue={place.nameZh} errors={fields.nameZh.errors} required />
            <Field id={fields.nameEn.id} name={fields.nameEn.name} label={t('places.nameEn')} defaultValue={place.nameEn} errors={fields.nameEn.errors} required />
            {settings ? (
              <fieldset>
                <legend>{t('places.settings')}</legend>
                <SelectField id={fields.communityType.id} name={fields.communityType.name} label={t('places.communityType')} defaultValue={place.communityType} options={communityTypes.map((c) => ({ value: c, label: t(`communityType.${c}`) }))} />
                <SelectField id={fields.voteUnit.id} name={fields.voteUnit.name} label={t('places.setting.voteUnit')} defaultValue={settings.voteUnit} options={[{ value: 'household', label: t('places.setting.voteUnit.household') }, { value: 'adult', label: t('places.setting.voteUnit.adult') }]} />
                <Field id={fields.voteThresholdPercent.id} name={fields.voteThresholdPercent.name} label={t('places.setting.voteThresholdPercent')} type="number" inputMode="numeric" defaultValue={settings.voteThresholdPercent} errors={fields.voteThresholdPercent.errors} />
                <Field id={fields.householdShareYuan.id} name={fields.householdShareYuan.name} label={t('places.setting.householdShareMinor')} type="number" inputMode="numeric" defaultValue={settings.householdShareMinor / 100} errors={fields.householdShareYuan.errors} hint={formatMoney(locale, settings.householdShareMinor)} />
                <Field id={fields.socialWorkerRatio.id} name={fields.socialWorkerRatio.name} label={t('places.setting.socialWorkerRatio')} type="number" inputMode="numeric" defaultValue={settings.socialWorkerRatio} errors={fields.socialWorkerRatio.errors} />
              </fieldset>
            ) : null}
            <button type="submit">{t('form.save')}</button>
          </Form>
        </section>
      ) : null}

      {data.audit ? (
        <section aria-labelledby="audit-h">
          <h2 id="audit-h">{t('audit.title')}</h2>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('audit.when')}</th>
                  <th scope="col">{t('audit.actor')}</th>
                  <th scope="col">{t('audit.action')}</th>
                </tr>
              </thead>
              <tbody>
                {data.audit.map((a) => (
                  <tr key={a.id}>
                    <td>{formatDate(locale, a.createdAt, true)}</td>
                    <td>
                      {a.actorName ?? '—'}
                      {a.onBehalfOfName ? ` (${t('audit.onBehalfOf', { name: a.onBehalfOfName })})` : ''}
                    </td>
                    <td>
                      <code>{a.action}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </>
  );
}
