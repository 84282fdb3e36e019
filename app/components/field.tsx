// Accessible form fields: a label, an optional hint, errors announced and tied to the input.
import type { ReactNode } from 'react';
import { useT } from '../i18n/use-t';

interface FieldProps {
  id: string;
  name: string;
  label: string;
  type?: string;
  defaultValue?: string | number | null;
  errors?: string[];
  hint?: string;
  required?: boolean;
  autoComplete?: string;
  inputMode?: 'text' | 'numeric' | 'email' | 'tel';
  maxLength?: number;
}

export function ErrorList({ id, errors }: { id: string; errors?: string[] }) {
  const t = useT();
  if (!errors?.length) return null;
  return (
    <ul id={id} className="field-errors">
      {errors.map((e) => (
        <li key={e}>{t(e)}</li>
      ))}
    </ul>
  );
}

export function Field({ id, name, label, type = 'text', defaultValue, errors, hint, required, autoComplete, inputMode, maxLength }: FieldProps) {
  const t = useT();
  const describedBy = [hint ? `${id}-hint` : null, errors?.length ? `${id}-errors` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>
        {label} {required ? <span className="req">{t('form.required')}</span> : null}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        name={name}
        type={type}
        defaultValue={defaultValue ?? undefined}
        required={required}
        autoComplete={autoComplete}
        inputMode={inputMode}
        maxLength={maxLength}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy}
      />
      <ErrorList id={`${id}-errors`} errors={errors} />
    </div>
  );
}

interface SelectFieldProps {
  id: string;
  name: string;
  label: string;
  options: { value: string; label: string }[];
  defaultValue?: string | null;
  errors?: string[];
  hint?: string;
  required?: boolean;
}

export function SelectField({ id, name, label, options, defaultValue, errors, hint, required }: SelectFieldProps) {
  const t = useT();
  const describedBy = [hint ? `${id}-hint` : null, errors?.length ? `${id}-errors` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>
        {label} {required ? <span className="req">{t('form.required')}</span> : null}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <select id={id} name={name} defaultValue={defaultValue ?? undefined} required={required} aria-invalid={errors?.length ? true : undefined} aria-describedby={describedBy}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <ErrorList id={`${id}-errors`} errors={errors} />
    </div>
  );
}

export function FormErrors({ errors }: { errors?: string[] | null }) {
  const t = useT();
  if (!errors?.length) return null;
  return (
    <div className="notice notice-error" role="alert">
      {errors.map((e) => (
        <p key={e}>{t(e)}</p>
      ))}
    </div>
  );
}

export function Notice({ children, tone = 'info' }: { children: ReactNode; tone?: 'info' | 'success' | 'error' }) {
  return (
    <div className={`notice notice-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
