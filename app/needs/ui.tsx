// Small pieces shared by the needs pages: labels in the page's language, the deadline state, a need as a card.
import { Link, useRouteLoaderData } from '@remix-run/react';
import type { RootData } from '../root';
import { defaultNeedCategories } from './values';
import { ErrorList } from '../components/field';
import { formatDate } from '../i18n/locale';
import { useLocale, usePlaceName, useT } from '../i18n/use-t';

export interface CategoryOption {
  key: string;
  zh?: string;
  en?: string;
}

export function useCategoryLabel() {
  const t = useT();
  const locale = useLocale();
  const root = useRouteLoaderData<RootData>('root');
  return (key: string, custom?: CategoryOption[]) => {
    const c = custom?.find((x) => x.key === key) ?? root?.needCategoryLabels[key];
    const own = locale === 'en' ? c?.en : c?.zh;
    if (own) return own;
    // A community's own category without a name in this language: the other language's name, else its code.
    if (!(defaultNeedCategories as readonly string[]).includes(key)) return c?.zh ?? c?.en ?? key;
    return t(`needs.category.${key}`);
  };
}

export function DeadlineState({ state }: { state: 'on_time' | 'overdue' | 'very_overdue' }) {
  const t = useT();
  if (state === 'on_time') return <span className="muted">{t('needs.deadline.on_time')}</span>;
  return <strong className={state === 'very_overdue' ? 'field-errors' : undefined}>{t(`needs.deadline.${state}`)}</strong>;
}

export interface NeedCardData {
  id: string;
  summary: string;
  title?: string;
  category: string;
  status: string;
  urgency: string;
  raisedAt: string | Date;
  deadlineState: 'on_time' | 'overdue' | 'very_overdue';
  communityZh: string;
  communityEn: string;
  gridZh: string | null;
  gridEn: string | null;
}

export function NeedCard({ need }: { need: NeedCardData }) {
  const t = useT();
  const locale = useLocale();
  const placeName = usePlaceName();
  const category = useCategoryLabel();
  return (
    <li className="card">
      <Link to={`/needs/${need.id}`}>
        <strong>{need.title ?? need.summary}</strong>
      </Link>
      <br />
      <span>
        {category(need.category)} · {t(`needs.status.${need.status}`)} · {t('needs.field.urgency')}: {t(`needs.urgency.${need.urgency}`)}
      </span>
      <br />
      <span className="muted">
        {placeName({ nameZh: need.communityZh, nameEn: need.communityEn })}
        {need.gridZh ? ` · ${placeName({ nameZh: need.gridZh, nameEn: need.gridEn })}` : ''} · {formatDate(locale, need.raisedAt)}
      </span>{' '}
      <DeadlineState state={need.deadlineState} />
    </li>
  );
}

export function PhotoInput({ id = 'photos', errors }: { id?: string; errors?: string[] }) {
  const t = useT();
  return (
    <div className="field">
      <label htmlFor={id}>{t('needs.field.photos')}</label>
      <p id={`${id}-hint`} className="hint">
        {t('needs.field.photos.hint')}
      </p>
      <input id={id} name="photos" type="file" accept="image/jpeg,image/png,image/webp" multiple aria-describedby={`${id}-hint${errors?.length ? ` ${id}-errors` : ''}`} aria-invalid={errors?.length ? true : undefined} />
      <ErrorList id={`${id}-errors`} errors={errors} />
    </div>
  );
}
