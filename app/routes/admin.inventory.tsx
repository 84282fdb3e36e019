import type { LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { useT, usePlaceName } from '../i18n/use-t';
import { requireUser } from '../permissions/permissions.server';
import { can, canAnywhere, scopesFor } from '../permissions/rules';
import { communitiesIn, communityInventory } from '../resources/inventory.server';
import { resourceKinds } from '../resources/values';
import { forbidden, notFound } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('resources');

const query = z.object({
  community: z.string().uuid().optional().catch(undefined),
  kind: z.enum(resourceKinds).optional().catch(undefined),
  category: z.string().regex(/^[a-z0-9_]{2,40}$/).optional().catch(undefined),
  grid: z.string().uuid().optional().catch(undefined),
});

// The capacity inventory of one community the caller looks after: counts by kind, category and grid, the
// list behind them, and the needs-vs-resources gap per category.
export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await requireUser(request);
  if (!canAnywhere(principal.roles, 'inventory.read')) throw forbidden();
  const q = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const communities = await communitiesIn(scopesFor(principal.roles, 'inventory.read'));
  if (!communities.length) return { communities: [], current: null, inventory: null, q };
  const current = q.community ? communities.find((c) => c.id === q.community) : communities[0];
  // A community outside the caller's places is not theirs to count.
  if (!current || !can(principal.roles, 'inventory.read', current.path)) throw notFound();
  const inventory = await communityInventory(current.id, { kind: q.kind, category: q.category, gridId: q.grid });
  return { communities: communities.map(({ path: _p, ...c }) => c), current: { id: current.id, nameZh: current.nameZh, nameEn: current.nameEn }, inventory, q };
}

export default function Inventory() {
  const { communities, current, inventory, q } = useLoaderData<typeof loader>();
  const t = useT();
  const placeName = usePlaceName();
  if (!current || !inventory) {
    return (
      <>
        <h1>{t('inventory.title')}</h1>
        <p>{t('inventory.noneInScope')}</p>
      </>
    );
  }
  const link = (extra: Record<string, string>) => `/admin/inventory?${new URLSearchParams({ community: current.id, ...extra })}`;
  const categories = Object.keys(inventory.byCategory);
  return (
    <>
      <h1>{t('inventory.title')}</h1>
      <p>{t('inventory.intro', { community: placeName(current) })}</p>
      <Form method="get" className="inline-form">
        <div className="field">
          <label htmlFor="community">{t('inventory.community')}</label>
          <select id="community" name="community" defaultValue={current.id}>
            {communities.map((c) => (
              <option key={c.id} value={c.id}>
                {placeName(c)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('inventory.show')}</button>
      </Form>

      <section aria-labelledby="gap-h">
        <h2 id="gap-h">{t('inventory.gap')}</h2>
        <p>{t('inventory.gapIntro')}</p>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('resources.filter.category')}</th>
                <th scope="col">{t('inventory.needs')}</th>
                <th scope="col">{t('inventory.resources')}</th>
                <th scope="col">{t('inventory.gapCol')}</th>
              </tr>
            </thead>
            <tbody>
              {inventory.gap.map((g) => (
                <tr key={g.category}>
                  <th scope="row">{t(`resources.category.${g.category}`)}</th>
                  <td>{g.needs}</td>
                  <td>
                    <Link to={link({ category: g.category })}>{g.resources}</Link>
                  </td>
                  <td>{g.short ? <strong>{`${g.gap} · ${t('inventory.short')}`}</strong> : g.gap}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="cat-h">
        <h2 id="cat-h">{t('inventory.byCategory')}</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('resources.filter.category')}</th>
                {resourceKinds.map((k) => (
                  <th scope="col" key={k}>
                    {t(`resources.kind.${k}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {categories.map((c) => (
                <tr key={c}>
                  <th scope="row">{t(`resources.category.${c}`)}</th>
                  {resourceKinds.map((k) => (
                    <td key={k}>{inventory.byCategory[c][k] ? <Link to={link({ category: c, kind: k })}>{inventory.byCategory[c][k]}</Link> : 0}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="grid-h">
        <h2 id="grid-h">{t('inventory.byGrid')}</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('resources.filter.grid')}</th>
                {resourceKinds.map((k) => (
                  <th scope="col" key={k}>
                    {t(`resources.kind.${k}`)}
                  </th>
                ))}
                <th scope="col">{t('inventory.total')}</th>
              </tr>
            </thead>
            <tbody>
              {inventory.byGrid.map((g) => (
                <tr key={g.gridId ?? 'none'}>
                  <th scope="row">{g.gridId ? <Link to={link({ grid: g.gridId })}>{placeName({ nameZh: g.nameZh, nameEn: g.nameEn })}</Link> : t('inventory.noGrid')}</th>
                  {resourceKinds.map((k) => (
                    <td key={k}>{g.byKind[k]}</td>
                  ))}
                  <td>{g.total}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">{t('inventory.total')}</th>
                {resourceKinds.map((k) => (
                  <td key={k}>{inventory.byKind[k]}</td>
                ))}
                <td>{inventory.total}</td>
              </tr>
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="list-h">
        <h2 id="list-h">
          {t('inventory.list')} ({inventory.items.length})
          {q.kind ? ` · ${t(`resources.kind.${q.kind}`)}` : ''}
          {q.category ? ` · ${t(`resources.category.${q.category}`)}` : ''}
        </h2>
        <ul>
          {inventory.items.map((r) => (
            <li key={r.id}>
              <Link to={`/resources/${r.id}`}>{r.name}</Link> <span className="muted">({t(`resources.kind.${r.kind}`)})</span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
