// The "导出 / Export" control of a list page: plain links carrying the page's current filters (works without JavaScript).
import { useId } from 'react';
import { useT } from '../i18n/use-t';
import type { ExportList } from './values';

export function ExportLinks({ list, filters }: { list: ExportList; filters: Record<string, string | number | null | undefined> }) {
  const t = useT();
  const id = useId();
  const href = (format: 'csv' | 'xlsx') => {
    const params = new URLSearchParams({ format });
    for (const [k, v] of Object.entries(filters)) if (k !== 'page' && k !== 'format' && v !== undefined && v !== null && v !== '') params.set(k, String(v));
    return `/exports/${list}?${params}`;
  };
  return (
    <p className="export-links">
      <span id={id}>{t('exports.control')}</span> <span className="muted">({t('exports.control.hint')})</span>:{' '}
      <a href={href('csv')} download aria-describedby={id}>
        {t('exports.control.csv')}
      </a>{' '}
      ·{' '}
      <a href={href('xlsx')} download aria-describedby={id}>
        {t('exports.control.xlsx')}
      </a>
    </p>
  );
}
