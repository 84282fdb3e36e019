// Pieces shared by the project and round pages: a project as a card, state labels, repeated form rows.
import { Link } from '@remix-run/react';
import { ErrorList } from '../components/field';
import { useMoney } from '../funds/ui';
import { usePlaceName, useT } from '../i18n/use-t';
import { useCategoryLabel } from '../needs/ui';

export interface ProjectCardData {
  id: string;
  title: string;
  summary: string;
  category: string;
  state: string;
  budgetMinor: number;
  currency: string;
  placeZh: string;
  placeEn: string;
  delivererName: string | null;
}

export function ProjectCard({ project }: { project: ProjectCardData }) {
  const t = useT();
  const money = useMoney();
  const category = useCategoryLabel();
  const placeName = usePlaceName();
  return (
    <li className="card">
      <h2>
        <Link to={`/projects/${project.id}`}>{project.title}</Link>
      </h2>
      <p>{project.summary}</p>
      <p className="muted">
        {t(`projects.state.${project.state}`)} · {category(project.category)} · {placeName({ nameZh: project.placeZh, nameEn: project.placeEn })} · {money(project.budgetMinor, project.currency)}
        {project.delivererName ? ` · ${t('projects.deliveredBy', { name: project.delivererName })}` : ''}
      </p>
    </li>
  );
}

/** Numbered repeated rows of inputs (budget lines, milestones, criteria…): a fixed number of rows, works without JS. */
export function RowsField({
  legend,
  name,
  count,
  columns,
  errors,
  defaults,
}: {
  legend: string;
  name: string;
  count: number;
  columns: { key: string; label: string; type?: string; inputMode?: 'numeric' | 'decimal' | 'text'; hint?: string }[];
  /** The form's errors by field name (Conform's `lastResult.error`). */
  errors?: unknown;
  defaults?: Record<string, string>[];
}) {
  const t = useT();
  const all = (errors ?? {}) as Record<string, string[] | null | undefined>;
  const listErrors = all[name];
  return (
    <fieldset>
      <legend>{legend}</legend>
      <ErrorList id={`${name}-errors`} errors={listErrors ?? undefined} />
      {Array.from({ length: count }, (_, i) => (
        <div className="inline-form" key={i}>
          {columns.map((c) => {
            const field = `${name}[${i}].${c.key}`;
            const id = `${name}-${i}-${c.key}`;
            const fieldErrors = all[field];
            return (
              <div className="field" key={c.key}>
                <label htmlFor={id}>{t('projects.row', { label: c.label, n: i + 1 })}</label>
                <input
                  id={id}
                  name={field}
                  type={c.type ?? 'text'}
                  inputMode={c.inputMode}
                  defaultValue={defaults?.[i]?.[c.key]}
                  aria-invalid={fieldErrors?.length ? true : undefined}
                  aria-describedby={fieldErrors?.length ? `${id}-errors` : undefined}
                />
                <ErrorList id={`${id}-errors`} errors={fieldErrors ?? undefined} />
              </div>
            );
          })}
        </div>
      ))}
    </fieldset>
  );
}

export function TextArea({ id, name, label, errors, required, defaultValue, rows = 4 }: { id: string; name: string; label: string; errors?: string[]; required?: boolean; defaultValue?: string; rows?: number }) {
  const t = useT();
  return (
    <div className="field">
      <label htmlFor={id}>
        {label} {required ? <span className="req">{t('form.required')}</span> : null}
      </label>
      <textarea id={id} name={name} rows={rows} required={required} defaultValue={defaultValue} aria-invalid={errors?.length ? true : undefined} aria-describedby={errors?.length ? `${id}-errors` : undefined} />
      <ErrorList id={`${id}-errors`} errors={errors} />
    </div>
  );
}
