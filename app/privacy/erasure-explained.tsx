// What erasing an account removes and what it keeps, as the person (or the admin acting on their request) reads it.
import { useT } from '../i18n/use-t';

const removed = ['erase.removed.profile', 'erase.removed.needs', 'erase.removed.household', 'erase.removed.volunteer', 'erase.removed.account'] as const;
const kept = ['erase.kept.money', 'erase.kept.hours', 'erase.kept.votes', 'erase.kept.public'] as const;

export function ErasureExplained() {
  const t = useT();
  return (
    <>
      <section aria-labelledby="erase-removed-h">
        <h2 id="erase-removed-h">{t('erase.removedTitle')}</h2>
        <ul>
          {removed.map((key) => (
            <li key={key}>{t(key)}</li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="erase-kept-h">
        <h2 id="erase-kept-h">{t('erase.keptTitle')}</h2>
        <ul>
          {kept.map((key) => (
            <li key={key}>{t(key)}</li>
          ))}
        </ul>
      </section>
    </>
  );
}
