import { Link } from '@remix-run/react';
import { usePlaceName, useT } from '../i18n/use-t';

export function PlaceBreadcrumbs({ ancestry, linkable }: { ancestry: { id: string; nameZh: string; nameEn: string }[]; linkable: (id: string) => boolean }) {
  const t = useT();
  const placeName = usePlaceName();
  return (
    <nav aria-label={t('places.path')} className="breadcrumbs">
      <ol>
        <li>
          <Link to="/admin/places">{t('places.title')}</Link>
        </li>
        {ancestry.map((p, i) => (
          <li key={p.id}>
            {i < ancestry.length - 1 && linkable(p.id) ? <Link to={`/admin/places/${p.id}`}>{placeName(p)}</Link> : <span aria-current={i === ancestry.length - 1 ? 'page' : undefined}>{placeName(p)}</span>}
          </li>
        ))}
      </ol>
    </nav>
  );
}
