import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react';
import { listMyExports, requestPersonalData } from '../exports/exports.server';
import { formatDate } from '../i18n/locale';
import { useLocale, useT } from '../i18n/use-t';
import { requireUser } from '../permissions/permissions.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('exports');

// Download all my data: ask, then follow the job to its expiring download link.
export const meta: MetaFunction = () => [{ title: '下载我的数据 · Download my data · Fivefold' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await requireUser(request);
  const previous = await listMyExports(principal, 'personal');
  return { previous: previous.map((p) => ({ id: p.id, status: p.status, createdAt: p.createdAt.toISOString() })) };
}

export async function action({ request }: ActionFunctionArgs) {
  const principal = await requireUser(request);
  const id = await requestPersonalData(principal);
  return redirect(`/exports/jobs/${id}`);
}

export default function MyData() {
  const { previous } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const submitting = useNavigation().state === 'submitting';
  return (
    <>
      <p>
        <Link to="/account">← {t('nav.account')}</Link>
      </p>
      <h1>{t('exports.personal.title')}</h1>
      <p>{t('exports.personal.intro')}</p>
      <Form method="post">
        <button type="submit" disabled={submitting}>
          {t('exports.personal.request')}
        </button>
      </Form>
      <h2>{t('exports.personal.previous')}</h2>
      {previous.length ? (
        <ul>
          {previous.map((p) => (
            <li key={p.id}>
              {formatDate(locale, p.createdAt, true)} · {t(`exports.job.status.${p.status}`)} · <Link to={`/exports/jobs/${p.id}`}>{t('exports.personal.open')}</Link>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('exports.personal.none')}</p>
      )}
    </>
  );
}
