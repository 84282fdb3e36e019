import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { communityTypes } from '../../db/schema/values';
import { PlaceBreadcrumbs } from '../components/breadcrumbs';
import { Field, FormErrors, SelectField } from '../components/field';
import { usePlaceName, useT } from '../i18n/use-t';
import { actorOf } from '../permissions/principal.server';
import { requirePermission } from '../permissions/permissions.server';
import { createPlace, getAncestry, getPlace, PlaceRuleError } from '../places/places.server';
import { allowedChildren } from '../places/rules';
import { newPlaceSchema } from '../places/schemas';
import { parseForm, redirectWithNotice } from '../utils/forms.server';
import { notFound, uuidParam } from '../utils/http.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const placeId = uuidParam(params, 'placeId');
  await requirePermission(request, 'place.manage', placeId);
  const place = await getPlace(placeId);
  if (!place) throw notFound();
  return { parent: { id: place.id, type: place.type, nameZh: place.nameZh, nameEn: place.nameEn }, ancestry: await getAncestry(place), childTypes: allowedChildren[place.type] };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const placeId = uuidParam(params, 'placeId');
  const principal = await requirePermission(request, 'place.manage', placeId);
  const { submission } = await parseForm(request, newPlaceSchema);
  if (submission.status !== 'success') return submission.reply();
  try {
    const created = await createPlace(actorOf(principal), { parentId: placeId, ...submission.value });
    return redirectWithNotice(`/admin/places/${created.id}`, 'places.created');
  } catch (error) {
    if (!(error instanceof PlaceRuleError)) throw error;
    const field = error.code === 'community_type_required' ? 'communityType' : 'type';
    return submission.reply({ fieldErrors: { [field]: [error.code === 'community_type_required' ? 'v.required' : 'v.invalid'] } });
  }
}

export default function NewPlace() {
  const { parent, ancestry, childTypes } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const placeName = usePlaceName();
  const [form, fields] = useForm({ lastResult, onValidate: ({ formData }) => parseWithZod(formData, { schema: newPlaceSchema }) });
  return (
    <>
      <PlaceBreadcrumbs ancestry={ancestry} linkable={() => true} />
      <h1>{t('places.addTitle', { parent: placeName(parent) })}</h1>
      <FormErrors errors={form.errors} />
      <Form method="post" {...getFormProps(form)}>
        <SelectField id={fields.type.id} name={fields.type.name} label={t('places.type')} options={childTypes.map((c) => ({ value: c, label: t(`placeType.${c}`) }))} errors={fields.type.errors} required />
        <Field id={fields.nameZh.id} name={fields.nameZh.name} label={t('places.nameZh')} errors={fields.nameZh.errors} required />
        <Field id={fields.nameEn.id} name={fields.nameEn.name} label={t('places.nameEn')} errors={fields.nameEn.errors} required />
        {childTypes.includes('community') ? (
          <SelectField id={fields.communityType.id} name={fields.communityType.name} label={t('places.communityType')} options={communityTypes.map((c) => ({ value: c, label: t(`communityType.${c}`) }))} errors={fields.communityType.errors} />
        ) : null}
        <button type="submit">{t('form.save')}</button>
      </Form>
    </>
  );
}
