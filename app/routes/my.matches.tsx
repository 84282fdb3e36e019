import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { formatDate } from '../i18n/locale';
import { useLocale, usePlaceName, useT } from '../i18n/use-t';
import { needsNearMe } from '../matching/near-me.server';
import { MatchReasons } from '../matching/ui';
import { useCategoryLabel } from '../needs/ui';
import { requireUser } from '../permissions/permissions.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('matching', 'needs');

// "Needs near me that fit my skills": open needs and shifts around the volunteer, ranked by the matching score.
// Public facts only (summary, category, community and grid); contacts come once staff dispatch the volunteer.

export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await requireUser(request);
  return needsNearMe(principal);
}

export default function MyMatchesPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const placeName = usePlaceName();
  const category = useCategoryLabel();
  return (
    <>
      <h1>{t('matching.mine.title')}</h1>
      {!data.hasProfile ? (
        <p>
          <Link to="/my/profile">{t('matching.mine.noProfile')}</Link>
        </p>
      ) : (
        <>
          <p>{t('matching.mine.intro')}</p>
          <section aria-labelledby="near-needs-h">
            <h2 id="near-needs-h">{t('matching.mine.needs')}</h2>
            {data.needs.length ? (
              <ol>
                {data.needs.map((n) => (
                  <li key={n.id} data-testid="near-need">
                    <h3>
                      <Link to={`/needs/${n.id}`}>{n.summary}</Link>
                    </h3>
                    <p>
                      {category(n.category)} · {placeName(n.community)}
                      {n.grid ? ` · ${placeName(n.grid)}` : ''} · {t('matching.mine.left', { units: n.remaining })}
                    </p>
                    <MatchReasons data={n} />
                  </li>
                ))}
              </ol>
            ) : (
              <p>{t('matching.mine.none')}</p>
            )}
          </section>
          <section aria-labelledby="near-shifts-h">
            <h2 id="near-shifts-h">{t('matching.mine.shifts')}</h2>
            {data.shifts.length ? (
              <ol>
                {data.shifts.map((s) => (
                  <li key={s.id} data-testid="near-shift">
                    <h3>
                      <Link to={`/shifts/${s.id}`}>{s.title}</Link>
                    </h3>
                    <p>
                      {formatDate(locale, s.startsAt, true)} – {formatDate(locale, s.endsAt, true)} · {t('matching.mine.spots', { spots: s.freeSpots })}
                    </p>
                    <MatchReasons data={s} />
                  </li>
                ))}
              </ol>
            ) : (
              <p>{t('matching.mine.shiftsNone')}</p>
            )}
          </section>
        </>
      )}
    </>
  );
}
