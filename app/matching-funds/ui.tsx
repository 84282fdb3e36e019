// Pieces shared by the matching-programme, funding and pledge pages: the plain-words rules and simple bars.
import { useT } from '../i18n/use-t';

/** The programme's rules, already rendered in the page's language by the loader. */
export function Explanation({ lines, id }: { lines: string[]; id: string }) {
  return (
    <ul id={id} className="mf-explanation">
      {lines.map((l, i) => (
        <li key={i}>{l}</li>
      ))}
    </ul>
  );
}

/** A labelled horizontal bar: the text carries the figure, the bar only shows it (hidden from screen readers). */
export function Bar({ label, value, max, text }: { label: string; value: number; max: number; text: string }) {
  const pct = max > 0 ? Math.max(0, Math.min(100, (value / max) * 100)) : 0;
  return (
    <div className="mf-bar">
      <span className="mf-bar-label">
        {label}: <strong>{text}</strong>
      </span>
      <span aria-hidden="true" className="mf-bar-track" style={{ display: 'block', background: '#e5e7eb', height: '0.75rem', borderRadius: '0.375rem' }}>
        <span style={{ display: 'block', width: `${pct}%`, background: '#1d4ed8', height: '100%', borderRadius: '0.375rem' }} />
      </span>
    </div>
  );
}

export function Progress({ value, max, label }: { value: number; max: number; label: string }) {
  const t = useT();
  const pct = max > 0 ? Math.min(100, Math.floor((value / max) * 100)) : 0;
  return (
    <p>
      <label>
        {label} ({t('mf.percent', { pct })})
        <br />
        <progress value={Math.min(value, max)} max={Math.max(1, max)} style={{ width: '100%' }}>
          {pct}%
        </progress>
      </label>
    </p>
  );
}
