import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { formatDate } from '../i18n/locale';
import { useLocale, useT } from '../i18n/use-t';
import { requirePlatformAdmin } from '../operations/guard.server';
import { listDeadLetters, retryDeadLetter } from '../operations/jobs.server';
import { actorOf } from '../permissions/principal.server';
import { parseForm, redirectWithNotice } from '../utils/forms.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('operations');

// The dead-letter list: background jobs that failed after all their retries, for platform administrators, each
// with a button that sends it to its queue again (audited).
const retrySchema = z.object({ intent: z.literal('retry'), jobId: z.string().uuid() });

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePlatformAdmin(request);
  const jobs = await listDeadLetters();
  return { jobs: jobs.map((j) => ({ ...j, failedAt: j.failedAt.toISOString() })) };
}

export async function action({ request }: ActionFunctionArgs) {
  const principal = await requirePlatformAdmin(request);
  const { submission } = await parseForm(request, retrySchema);
  if (submission.status !== 'success') return redirectWithNotice('/admin/jobs', 'jobs.gone');
  const result = await retryDeadLetter(actorOf(principal), submission.value.jobId);
  if (!result.ok) return redirectWithNotice('/admin/jobs', 'jobs.gone');
  return redirectWithNotice('/admin/jobs', 'jobs.retried');
}

export default function AdminJobs() {
  const { jobs } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <h1>{t('jobs.title')}</h1>
      <p>{t('jobs.intro')}</p>
      {jobs.length ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('jobs.queue')}</th>
                <th scope="col">{t('jobs.error')}</th>
                <th scope="col">{t('jobs.attempts')}</th>
                <th scope="col">{t('jobs.failedAt')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('jobs.retry')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((job) => (
                <tr key={job.id}>
                  <td>
                    <code>{job.queue}</code>
                  </td>
                  <td>{job.error}</td>
                  <td>{job.attempts}</td>
                  <td>{formatDate(locale, job.failedAt, true)}</td>
                  <td>
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="retry" />
                      <input type="hidden" name="jobId" value={job.id} />
                      <button type="submit" className="secondary" aria-label={t('jobs.retryLabel', { queue: job.queue })}>
                        {t('jobs.retry')}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('jobs.none')}</p>
      )}
    </>
  );
}
