import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { Notice } from '../components/field';
import { useT } from '../i18n/use-t';
import { getImport } from '../needs/import.server';
import { requirePermission } from '../permissions/permissions.server';
import { notFound, uuidParam } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('needs');

// One import: its progress while the job runs (the page refreshes itself, no script needed), then its report.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const importId = uuidParam(params, 'importId');
  const found = await getImport(importId);
  if (!found) throw notFound();
  await requirePermission(request, 'need.import', found.communityId, { hideExistence: true });
  return { imp: { fileName: found.fileName, status: found.status, totalRows: found.totalRows, processedRows: found.processedRows, importedRows: found.importedRows, report: found.report, failure: found.failure } };
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data && (data.imp.status === 'queued' || data.imp.status === 'running') ? [{ title: 'Fivefold' }, { httpEquiv: 'refresh', content: '2' }] : [{ title: 'Fivefold' }];

export default function ImportReport() {
  const { imp } = useLoaderData<typeof loader>();
  const t = useT();
  const busy = imp.status === 'queued' || imp.status === 'running';
  const reason = (e: string) => {
    const [field, key] = e.includes(':') ? [e.slice(0, e.indexOf(':')), e.slice(e.indexOf(':') + 1)] : ['_', e];
    return `${t(`needs.import.col.${field}`)}: ${t(key)}`;
  };
  return (
    <>
      <p>
        <Link to="/needs/import">← {t('needs.import.title')}</Link>
      </p>
      <h1>
        {t('needs.import.report')}: {imp.fileName}
      </h1>
      <p role="status">{t(`needs.import.status.${imp.status}`)}</p>
      <label htmlFor="import-progress">{t('needs.import.progress')}</label>{' '}
      <progress id="import-progress" max={Math.max(imp.totalRows, 1)} value={imp.status === 'done' ? Math.max(imp.totalRows, 1) : imp.processedRows}>
        {imp.processedRows}/{imp.totalRows}
      </progress>{' '}
      <span>{t('needs.import.progressValue', { processed: imp.processedRows, total: imp.totalRows })}</span>
      {busy ? <Notice>{t('needs.import.refresh')}</Notice> : null}
      {imp.failure ? <Notice tone="error">{t(imp.failure)}</Notice> : null}
      {!busy ? (
        <>
          <p>
            <strong>{t('needs.import.imported', { count: imp.importedRows })}</strong> · {t('needs.import.badRows', { count: imp.report.length })}
          </p>
          {imp.report.length ? (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('needs.import.row')}</th>
                    <th scope="col">{t('needs.import.reasons')}</th>
                  </tr>
                </thead>
                <tbody>
                  {imp.report.map((r) => (
                    <tr key={r.row}>
                      <td>{r.row}</td>
                      <td>{r.errors.map(reason).join('; ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </>
      ) : null}
    </>
  );
}
