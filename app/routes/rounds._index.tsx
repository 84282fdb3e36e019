import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useDate, useMoney } from '../funds/ui';
import { usePlaceName, useT } from '../i18n/use-t';
import { getPrincipal } from '../permissions/permissions.server';
import { canAnywhere } from '../permissions/rules';
import { listRounds } from '../projects/rounds.server';
import { roundListQuery } from '../projects/schemas';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('funds', 'projects');

export const meta: MetaFunction = () => [{ title: '公益创投 · Fivefold' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const q = roundListQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const principal = await getPrincipal(request);
  const { rows, total } = await listRounds(principal, { status: q.status, placeId: q.place }, { limit: 50, offset: (q.page - 1) * 50 });
  return {
    rounds: rows.map(({ placePath: _p, ...r }) => ({ ...r, opensAt: r.opensAt.toISOString(), closesAt: r.closesAt.toISOString(), createdAt: r.createdAt.toISOString() })),
    total,
    canManage: principal ? canAnywhere(principal.roles, 'project.manage') : false,
  };
}

export default function RoundList() {
  const { rounds, canManage } = useLoaderData<typeof loader>();
  const t = useT();
  const money = useMoney();
  const date = useDate();
  const placeName = usePlaceName();
  return (
    <>
      <h1>{t('rounds.list.title')}</h1>
      <p>{t('rounds.list.intro')}</p>
      {canManage ? (
        <p>
          <Link to="/rounds/new" className="button">
            {t('rounds.new.title')}
          </Link>
        </p>
      ) : null}
      {rounds.length === 0 ? <p>{t('rounds.list.empty')}</p> : null}
      <ul className="cards">
        {rounds.map((r) => (
          <li key={r.id} className="card">
            <h2>
              <Link to={`/rounds/${r.id}`}>{r.title}</Link>
            </h2>
            <p className="muted">
              {t(`rounds.status.${r.status}`)} · {placeName({ nameZh: r.placeZh, nameEn: r.placeEn })} · {money(r.budgetMinor, r.currency)}
              {r.microGrant ? ` · ${t('rounds.microGrant')}` : ''}
            </p>
            <p>{t('rounds.dates', { opens: date(r.opensAt), closes: date(r.closesAt) })}</p>
            <p>{t('rounds.counts', { projects: r.projectCount, bids: r.bidCount })}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
