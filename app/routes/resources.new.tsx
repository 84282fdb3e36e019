import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { FormErrors } from '../components/field';
import { useT } from '../i18n/use-t';
import { actorOf } from '../permissions/principal.server';
import { requireUser } from '../permissions/permissions.server';
import { offerForm } from '../resources/forms';
import { createOffer, listAreas, ResourceError } from '../resources/resources.server';
import { OfferFields } from '../resources/form-fields';
import { parseForm, redirectWithNotice } from '../utils/forms.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('resources');

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return { areas: await listAreas() };
}

export async function action({ request }: ActionFunctionArgs) {
  const principal = await requireUser(request);
  const { submission } = await parseForm(request, offerForm);
  if (submission.status !== 'success') return submission.reply();
  try {
    const created = await createOffer({ ...actorOf(principal), userId: principal.user.id }, submission.value);
    return redirectWithNotice(`/resources/${created.id}`, 'resources.new.created');
  } catch (e) {
    if (e instanceof ResourceError && e.field) return submission.reply({ fieldErrors: { placeId: ['resources.v.placeNotFound'] } });
    throw e;
  }
}

export default function NewOffer() {
  const { areas } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const [form] = useForm({ lastResult, onValidate: ({ formData }) => parseWithZod(formData, { schema: offerForm }), shouldValidate: 'onSubmit' });
  return (
    <>
      <h1>{t('resources.new.title')}</h1>
      <p>{t('resources.new.intro')}</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        <OfferFields id="offer" areas={areas} errors={form.allErrors} />
        <button type="submit">{t('form.submit')}</button>
      </Form>
    </>
  );
}
