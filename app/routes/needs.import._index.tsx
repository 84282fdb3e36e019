import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { FormErrors, SelectField } from '../components/field';
import { formatDate } from '../i18n/locale';
import { useLocale, usePlaceName, useT } from '../i18n/use-t';
import { createImport, listImports, MAX_IMPORT_BYTES, runImport } from '../needs/import.server';
import { SpreadsheetError } from '../needs/import.server';
import { requirePermission, requireUser } from '../permissions/permissions.server';
import { canAnywhere, scopesFor } from '../permissions/rules';
import { placesWithin } from '../places/places.server';
import { redirectWithNotice } from '../utils/forms.server';
import { forbidden, isUuid } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('needs');

// Importing the paper ledger: a small file is imported at once, a large one by a job while its page shows progress.
async function guard(request: Request) {
  const principal = await requireUser(request);
  if (!canAnywhere(principal.roles, 'need.import')) throw forbidden();
  return principal;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await guard(request);
  const communities = await placesWithin(scopesFor(principal.roles, 'need.import'), ['community']);
  return {
    communities: communities.map((c) => ({ id: c.id, nameZh: c.nameZh, nameEn: c.nameEn })),
    imports: await listImports(communities.map((c) => c.id)),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  await guard(request);
  const form = await request.formData();
  const communityId = form.get('communityId');
  const file = form.get('file');
  if (!isUuid(communityId)) return { errors: { communityId: ['v.required'] } };
  const principal = await requirePermission(request, 'need.import', communityId);
  if (!(file instanceof File) || !file.name || file.size === 0) return { errors: { file: ['v.required'] } };
  if (file.size > MAX_IMPORT_BYTES) return { errors: { file: ['needs.import.tooLarge'] } };
  try {
    const created = await createImport(principal, principal.place.id, file.name, new Uint8Array(await file.arrayBuffer()));
    if (created.runNow) await runImport(created.id);
    return redirectWithNotice(`/needs/import/${created.id}`, 'needs.import.started');
  } catch (error) {
    if (error instanceof SpreadsheetError) return { errors: { file: [error.message] } };
    throw error;
  }
}

export default function ImportNeeds() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const placeName = usePlaceName();
  const errors = result && 'errors' in result ? (result.errors as Record<string, string[]>) : {};
  return (
    <>
      <h1>{t('needs.import.title')}</h1>
      <p>{t('needs.import.intro')}</p>
      <FormErrors errors={errors.file ?? errors.communityId} />
      <Form method="post" encType="multipart/form-data">
        <SelectField id="i-community" name="communityId" label={t('needs.field.community')} options={data.communities.map((c) => ({ value: c.id, label: placeName(c) }))} errors={errors.communityId} required />
        <div className="field">
          <label htmlFor="i-file">
            {t('needs.import.file')} <span className="req">{t('form.required')}</span>
          </label>
          <input id="i-file" name="file" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required aria-invalid={errors.file ? true : undefined} />
        </div>
        <button type="submit">{t('needs.import.submit')}</button>
      </Form>
      {data.imports.length ? (
        <section aria-labelledby="recent-h">
          <h2 id="recent-h">{t('needs.import.recent')}</h2>
          <ul>
            {data.imports.map((i) => (
              <li key={i.id}>
                <Link to={`/needs/import/${i.id}`}>{i.fileName}</Link> · {t(`needs.import.status.${i.status}`)} · {t('needs.import.imported', { count: i.importedRows })} <span className="muted">{formatDate(locale, i.createdAt, true)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
