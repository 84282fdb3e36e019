import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { PlaceBreadcrumbs } from '../components/breadcrumbs';
import { Field, Notice } from '../components/field';
import { usePlaceName, useT } from '../i18n/use-t';
import { actorOf } from '../permissions/principal.server';
import { hasPermission, requirePermission } from '../permissions/permissions.server';
import { createHousehold, listHouseholds } from '../places/households.server';
import { getAncestry, getPlace } from '../places/places.server';
import { householdSchema } from '../places/schemas';
import { parseForm, redirectWithNotice } from '../utils/forms.server';
import { notFound, uuidParam } from '../utils/http.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const placeId = uuidParam(params, 'placeId');
  const principal = await requirePermission(request, 'household.read', placeId);
  const place = await getPlace(placeId);
  if (!place) throw notFound();
  return {
    place: { id: place.id, type: place.type, nameZh: place.nameZh, nameEn: place.nameEn },
    ancestry: await getAncestry(place),
    households: await listHouseholds(actorOf(principal), place),
    canAdd: place.type === 'building' && hasPermission(principal, 'household.manage', principal.place),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const placeId = uuidParam(params, 'placeId');
  const principal = await requirePermission(request, 'household.manage', placeId);
  if (principal.place.type !== 'building') throw notFound();
  const { submission } = await parseForm(request, householdSchema);
  if (submission.status !== 'success') return submission.reply();
  const created = await createHousehold(actorOf(principal), placeId, submission.value);
  return redirectWithNotice(`/admin/households/${created.id}`, 'households.created');
}

export default function Households() {
  const data = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const placeName = usePlaceName();
  const [form, fields] = useForm({ lastResult, onValidate: ({ formData }) => parseWithZod(formData, { schema: householdSchema }) });
  return (
    <>
      <PlaceBreadcrumbs ancestry={data.ancestry} linkable={() => true} />
      <h1>{t('households.title', { place: placeName(data.place) })}</h1>
      <Notice>{t('households.privateNote')}</Notice>
      {data.households.length ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('placeType.building')}</th>
                <th scope="col">{t('households.unit')}</th>
                <th scope="col">{t('households.members')}</th>
                <th scope="col">{t('households.adults')}</th>
                <th scope="col">{t('households.voter')}</th>
              </tr>
            </thead>
            <tbody>
              {data.households.map((h) => (
                <tr key={h.id}>
                  <td>{placeName({ nameZh: h.buildingZh, nameEn: h.buildingEn })}</td>
                  <td>
                    <Link to={`/admin/households/${h.id}`}>{h.unit}</Link>
                  </td>
                  <td>{h.members}</td>
                  <td>{h.adults}</td>
                  <td>{h.voter ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('households.none')}</p>
      )}
      {data.canAdd ? (
        <section aria-labelledby="add-h">
          <h2 id="add-h">{t('households.add')}</h2>
          <Form method="post" {...getFormProps(form)}>
            <Field id={fields.unit.id} name={fields.unit.name} label={t('households.unit')} errors={fields.unit.errors} required maxLength={40} />
            <button type="submit">{t('households.add')}</button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
