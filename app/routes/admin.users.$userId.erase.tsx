import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { sql } from 'drizzle-orm';
import { formatDate } from '../i18n/locale';
import { useLocale, useT } from '../i18n/use-t';
import { requirePlatformAdmin } from '../operations/guard.server';
import { actorOf } from '../permissions/principal.server';
import { eraseAccount, erasureStateOf } from '../privacy/erasure.server';
import { ErasureExplained } from '../privacy/erasure-explained';
import { redirectWithNotice } from '../utils/forms.server';
import { notFound, uuidParam } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('operations');

// A platform administrator erases an account on the person's request (a letter, a visit): audited as by an admin.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const userId = uuidParam(params, 'userId');
  await requirePlatformAdmin(request);
  const person = await erasureStateOf(userId);
  if (!person) throw notFound();
  return { person: { ...person, erasedAt: person.erasedAt?.toISOString() ?? null } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const userId = uuidParam(params, 'userId');
  const principal = await requirePlatformAdmin(request);
  const result = await eraseAccount(actorOf(principal), userId, 'admin');
  if (!result.ok) throw notFound();
  return redirectWithNotice(`/admin/users/${userId}/erase`, 'erase.adminDone');
}

export default function AdminEraseAccount() {
  const { person } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <h1>
        {t('erase.adminTitle')}: {person.name}
      </h1>
      {person.erasedAt ? (
        <p>{t('erase.already', { date: formatDate(locale, person.erasedAt) })}</p>
      ) : (
        <>
          <p>{t('erase.adminIntro')}</p>
          <ErasureExplained />
          <Form method="post">
            <button type="submit" className="danger">
              {t('erase.adminSubmit')}
            </button>{' '}
            <Link to={`/admin/users/${person.id}`}>{t('form.cancel')}</Link>
          </Form>
        </>
      )}
    </>
  );
}
