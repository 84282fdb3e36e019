import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useMoney } from '../funds/ui';
import { useLocale, useT } from '../i18n/use-t';
import { listProgrammes } from '../matching-funds/programmes.server';
import { getPrincipal } from '../permissions/permissions.server';
import { can } from '../permissions/rules';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('funds', 'matching-funds');

export const meta: MetaFunction = () => [{ title: '配捐计划 · Matching programmes · Fivefold' }];

// Public: every launched or closed programme with its pool and what it has matched; funders see their drafts too.
export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await getPrincipal(request);
  const all = await listProgrammes();
  const mayManage = (path: string) => Boolean(principal && can(principal.roles, 'matching.manage', path));
  return {
    canCreate: Boolean(principal?.roles.some((r) => r.role === 'funder' || r.role === 'admin')),
    programmes: all
      .filter((p) => p.status !== 'draft' || mayManage(p.placePath))
      .map((p) => ({ id: p.id, nameZh: p.nameZh, nameEn: p.nameEn, funderZh: p.funderZh, funderEn: p.funderEn, placeZh: p.placeZh, placeEn: p.placeEn, status: p.status, poolBalanceMinor: p.poolBalanceMinor, matchedMinor: p.matchedMinor, currency: p.currency })),
  };
}

export default function ProgrammesPage() {
  const { programmes, canCreate } = useLoaderData<typeof loader>();
  const t = useT();
  const en = useLocale() === 'en';
  const money = useMoney();
  return (
    <>
      <h1>{t('mf.programmes')}</h1>
      <p>{t('mf.programmesIntro')}</p>
      {canCreate ? (
        <p>
          <Link to="/matching-programmes/new" className="button">
            {t('mf.new')}
          </Link>
        </p>
      ) : null}
      {programmes.length === 0 ? <p>{t('mf.none')}</p> : null}
      <ul className="cards">
        {programmes.map((p) => (
          <li key={p.id} className="card">
            <h2>
              <Link to={`/matching-programmes/${p.id}`}>{en ? p.nameEn : p.nameZh}</Link>
            </h2>
            <p className="muted">
              {en ? p.funderEn : p.funderZh} · {en ? p.placeEn : p.placeZh} · {t(`mf.status.${p.status}`)}
            </p>
            <p>
              {t('mf.poolLeft')}: <strong>{money(p.poolBalanceMinor, p.currency)}</strong> · {t('mf.matched')}: <strong>{money(p.matchedMinor, p.currency)}</strong>
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
