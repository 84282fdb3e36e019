import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useDate } from '../funds/ui';
import { useT } from '../i18n/use-t';
import { getPrincipal } from '../permissions/permissions.server';
import { canAnywhere } from '../permissions/rules';
import { listFairs } from '../projects/fairs.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('fairs', 'funds');

export const meta: MetaFunction = () => [{ title: 'Project fairs · 项目相亲会 · Fivefold' }];

// Public: every fair with its round, day and stage.
export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await getPrincipal(request);
  const fairs = await listFairs();
  return { fairs, canOpen: principal ? canAnywhere(principal.roles, 'project.manage') : false };
}

export default function FairsIndex() {
  const { fairs, canOpen } = useLoaderData<typeof loader>();
  const t = useT();
  const date = useDate();
  return (
    <>
      <h1>{t('fair.title')}</h1>
      <p>{t('fair.intro')}</p>
      {canOpen ? (
        <p>
          <Link to="/fairs/new">{t('fair.new')}</Link>
        </p>
      ) : null}
      {fairs.length === 0 ? <p>{t('fair.none')}</p> : null}
      <ul className="cards">
        {fairs.map((f) => (
          <li key={f.id} className="card">
            <h2>
              <Link to={`/fairs/${f.id}`}>{f.title}</Link>
            </h2>
            <p className="muted">
              {f.roundTitle} · {date(f.heldOn)} · {t(`fair.status.${f.status}`)}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
