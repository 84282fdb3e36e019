import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useRevalidator } from '@remix-run/react';
import { useEffect } from 'react';
import { Notice } from '../components/field';
import { getExportJob } from '../exports/exports.server';
import { useLocale, useT } from '../i18n/use-t';
import { formatDate } from '../i18n/locale';
import { requireUser } from '../permissions/permissions.server';
import { notFound, uuidParam } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('exports');

// One export job, for its requester only: progress while it runs (refreshing itself, with or without JavaScript),
// then the download link until it expires, then 410 Gone.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const jobId = uuidParam(params, 'jobId');
  const principal = await requireUser(request);
  const job = await getExportJob(principal, jobId);
  if (!job) throw notFound();
  const data = {
    job: {
      id: job.id,
      kind: job.kind,
      status: job.status,
      totalRows: job.totalRows,
      processedRows: job.processedRows,
      fileName: job.fileName,
      failure: job.failure,
      hasPrivateData: job.hasPrivateData,
      expiresAt: job.expiresAt?.toISOString() ?? null,
      available: job.available,
      expired: job.expired,
    },
  };
  return Response.json(data, { status: job.expired ? 410 : 200 });
}

const busy = (status: string) => status === 'queued' || status === 'running';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: '导出 · Export · Fivefold' }, ...(data && busy(data.job.status) ? [{ httpEquiv: 'refresh', content: '3' }] : [])];

export default function ExportJob() {
  const { job } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const revalidator = useRevalidator();
  const running = busy(job.status);
  // With JavaScript the page polls instead of reloading (the meta refresh above is for browsers without it).
  useEffect(() => {
    if (!running) return;
    const timer = window.setInterval(() => {
      if (revalidator.state === 'idle') revalidator.revalidate();
    }, 1500);
    return () => window.clearInterval(timer);
  }, [running, revalidator]);
  const listName = t(`exports.file.${job.kind}`);
  if (job.expired)
    return (
      <>
        <h1>{t('exports.gone.title')}</h1>
        <p>{t('exports.gone.body')}</p>
        <p>{job.kind === 'personal' ? <Link to="/account/data">{t('exports.personal.title')}</Link> : <Link to={`/${job.kind === 'hours' ? 'my/hours' : job.kind}`}>{listName}</Link>}</p>
      </>
    );
  const total = Math.max(job.totalRows, 1);
  return (
    <>
      <h1>{job.kind === 'personal' ? t('exports.personal.title') : t('exports.job.title')}</h1>
      {job.kind !== 'personal' ? <p>{t('exports.job.list', { list: listName })}</p> : null}
      <p role="status">{t(`exports.job.status.${job.status}`)}</p>
      <label htmlFor="export-progress">{t('exports.job.progress')}</label>{' '}
      <progress id="export-progress" max={total} value={job.status === 'done' ? total : Math.min(job.processedRows, total)}>
        {job.processedRows}/{job.totalRows}
      </progress>{' '}
      <span>{t('exports.job.progressValue', { processed: job.status === 'done' ? job.totalRows : job.processedRows, total: job.totalRows })}</span>
      {running ? (
        <p>
          {t('exports.job.refresh')} <Link to={`/exports/jobs/${job.id}`}>{t('exports.job.reload')}</Link>
        </p>
      ) : null}
      {job.failure ? <Notice tone="error">{t(job.failure)}</Notice> : null}
      {job.available && job.fileName ? (
        <>
          <p>
            <a className="button" href={`/exports/jobs/${job.id}/download`} download={job.fileName}>
              {t('exports.job.download', { file: job.fileName })}
            </a>
          </p>
          {job.expiresAt ? <p className="muted">{t('exports.job.expires', { at: formatDate(locale, job.expiresAt, true) })}</p> : null}
          {job.hasPrivateData ? <Notice>{t('exports.job.private')}</Notice> : null}
        </>
      ) : null}
    </>
  );
}
