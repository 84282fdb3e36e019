// Small pieces shared by the resource pages: checkbox groups, weekly hours as text, area names.
import { formatHm } from './rules';
import type { WeeklyWindow } from './values';
import { useT, usePlaceName } from '../i18n/use-t';
import { ErrorList } from '../components/field';

export function CheckboxGroup({ name, legend, options, checked, errors, id }: { name: string; legend: string; options: { value: string; label: string }[]; checked?: readonly string[]; errors?: string[]; id: string }) {
  return (
    <fieldset className="field" aria-describedby={errors?.length ? `${id}-errors` : undefined}>
      <legend>{legend}</legend>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0 1.25rem' }}>
        {options.map((o) => (
          <div className="check" key={o.value}>
            <input type="checkbox" id={`${id}-${o.value}`} name={name} value={o.value} defaultChecked={checked?.includes(o.value)} />
            <label htmlFor={`${id}-${o.value}`}>{o.label}</label>
          </div>
        ))}
      </div>
      <ErrorList id={`${id}-errors`} errors={errors} />
    </fieldset>
  );
}

export function HoursText({ windows }: { windows: readonly WeeklyWindow[] }) {
  const t = useT();
  if (!windows.length) return <>{t('common.none')}</>;
  return (
    <ul>
      {windows.map((w, i) => (
        <li key={i}>
          {t(`resources.day.${w.day}`)} {formatHm(w.start)}–{formatHm(w.end)}
        </li>
      ))}
    </ul>
  );
}

export function AreaText({ r }: { r: { communityZh: string | null; communityEn: string | null; gridZh: string | null; gridEn: string | null } }) {
  const placeName = usePlaceName();
  const community = r.communityZh ? placeName({ nameZh: r.communityZh, nameEn: r.communityEn }) : null;
  const grid = r.gridZh ? placeName({ nameZh: r.gridZh, nameEn: r.gridEn }) : null;
  return <>{[community, grid].filter(Boolean).join(' · ') || '—'}</>;
}

/** Place options for a picker: streets, communities and grids, indented by level. */
export function placeOptions(areas: readonly { id: string; type: string; nameZh: string; nameEn: string; parentId: string | null }[], placeName: (p: { nameZh: string; nameEn: string }) => string) {
  const out: { value: string; label: string }[] = [];
  const walk = (parent: (typeof areas)[number], depth: number) => {
    out.push({ value: parent.id, label: `${'\u3000'.repeat(depth)}${placeName(parent)}` });
    for (const child of areas.filter((x) => x.parentId === parent.id)) walk(child, depth + 1);
  };
  for (const root of areas.filter((a) => !areas.some((y) => y.id === a.parentId))) walk(root, 0);
  return out;
}
