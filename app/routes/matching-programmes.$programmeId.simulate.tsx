import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useDate, useMoney } from '../funds/ui';
import { useLocale, useT } from '../i18n/use-t';
import { getProgramme } from '../matching-funds/programmes.server';
import { chinaDayStart, simulationFormSchema } from '../matching-funds/schemas';
import { simulateProgramme } from '../matching-funds/simulation.server';
import { Bar } from '../matching-funds/ui';
import { requirePermission } from '../permissions/permissions.server';
import { notFound, uuidParam } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('funds', 'matching-funds');

export const meta: MetaFunction = () => [{ title: '配捐模拟 · Simulation · Fivefold' }];

// Staff of the programme's place and its funder: the programme over an assumed or recorded stream of gifts (a GET
// form, so it works without JavaScript and the result can be bookmarked).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = uuidParam(params, 'programmeId');
  const programme = await getProgramme(id);
  if (!programme) throw notFound();
  await requirePermission(request, 'matching.simulate', { id: programme.placeId, path: programme.placePath, type: 'place' }, { hideExistence: true });
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = simulationFormSchema.safeParse(query);
  const v = parsed.success ? parsed.data : simulationFormSchema.parse({});
  const result = await simulateProgramme(programme, {
    mode: v.mode,
    poolMinor: v.pool,
    giftsPerProject: v.giftsPerProject,
    averageGiftMinor: v.averageGift ?? 10_000,
    businessPercent: v.businessPercent,
    days: v.days,
    from: v.fromOn ? chinaDayStart(v.fromOn) : undefined,
    to: v.toOn ? new Date(chinaDayStart(v.toOn).getTime() + 86_400_000) : undefined,
  });
  return {
    programme: { id: programme.id, nameZh: programme.nameZh, nameEn: programme.nameEn, currency: programme.currency },
    values: { mode: v.mode, pool: v.pool === null ? '' : String(v.pool / 100), giftsPerProject: v.giftsPerProject, averageGift: String((v.averageGift ?? 10_000) / 100), businessPercent: v.businessPercent, days: v.days, fromOn: v.fromOn ?? '', toOn: v.toOn ?? '' },
    invalid: !parsed.success,
    result: { ...result, exhaustedAt: result.exhaustedAt?.toISOString() ?? null, curve: result.curve.map((c) => ({ ...c, at: c.at.toISOString() })) },
  };
}

export default function SimulationPage() {
  const { programme, values, result, invalid } = useLoaderData<typeof loader>();
  const t = useT();
  const en = useLocale() === 'en';
  const money = useMoney();
  const date = useDate();
  const c = programme.currency;
  const residentsPct = result.totalGiftsMinor ? Math.round((result.residentsMinor * 100) / result.totalGiftsMinor) : 0;
  const maxProject = Math.max(1, ...result.projects.map((p) => p.giftsMinor + p.matchedMinor));
  return (
    <>
      <p>
        <Link to={`/matching-programmes/${programme.id}`}>← {en ? programme.nameEn : programme.nameZh}</Link>
      </p>
      <h1>{t('mf.sim.title')}</h1>
      <p>{t('mf.sim.intro')}</p>
      {invalid ? <p role="alert">{t('mf.sim.invalid')}</p> : null}
      <Form method="get" className="stack">
        <fieldset>
          <legend>{t('mf.sim.stream')}</legend>
          <label className="checkbox">
            <input type="radio" name="mode" value="assumed" defaultChecked={values.mode === 'assumed'} /> {t('mf.sim.assumed')}
          </label>
          <label className="checkbox">
            <input type="radio" name="mode" value="recorded" defaultChecked={values.mode === 'recorded'} /> {t('mf.sim.recorded')}
          </label>
        </fieldset>
        <div className="field">
          <label htmlFor="sim-pool">{t('mf.sim.pool')}</label>
          <input id="sim-pool" name="pool" inputMode="decimal" defaultValue={values.pool} aria-describedby="sim-pool-hint" />
          <p id="sim-pool-hint" className="hint">{t('mf.sim.poolHint')}</p>
        </div>
        <div className="field">
          <label htmlFor="sim-gifts">{t('mf.sim.giftsPerProject')}</label>
          <input id="sim-gifts" name="giftsPerProject" type="number" min={1} max={2000} defaultValue={values.giftsPerProject} />
        </div>
        <div className="field">
          <label htmlFor="sim-avg">{t('mf.sim.averageGift')}</label>
          <input id="sim-avg" name="averageGift" inputMode="decimal" defaultValue={values.averageGift} />
        </div>
        <div className="field">
          <label htmlFor="sim-biz">{t('mf.sim.businessPercent')}</label>
          <input id="sim-biz" name="businessPercent" type="number" min={0} max={100} defaultValue={values.businessPercent} />
        </div>
        <div className="field">
          <label htmlFor="sim-days">{t('mf.sim.days')}</label>
          <input id="sim-days" name="days" type="number" min={1} max={365} defaultValue={values.days} />
        </div>
        <div className="field">
          <label htmlFor="sim-from">{t('mf.sim.from')}</label>
          <input id="sim-from" name="fromOn" type="date" defaultValue={values.fromOn} />
        </div>
        <div className="field">
          <label htmlFor="sim-to">{t('mf.sim.to')}</label>
          <input id="sim-to" name="toOn" type="date" defaultValue={values.toOn} />
        </div>
        <button type="submit">{t('mf.sim.run')}</button>
      </Form>
      <section aria-labelledby="sim-result-h" aria-live="polite">
        <h2 id="sim-result-h">{t('mf.sim.result')}</h2>
        <dl className="cards">
          <div className="card">
            <dt>{t('mf.sim.gifts')}</dt>
            <dd>
              {result.giftCount} · {money(result.totalGiftsMinor, c)}
            </dd>
          </div>
          <div className="card">
            <dt>{t('mf.matched')}</dt>
            <dd>{money(result.totalMatchedMinor, c)}</dd>
          </div>
          <div className="card">
            <dt>{t('mf.poolLeft')}</dt>
            <dd>
              {money(result.poolEndMinor, c)} / {money(result.pool, c)}
            </dd>
          </div>
          <div className="card">
            <dt>{t('mf.sim.residentsShare')}</dt>
            <dd>{t('mf.percent', { pct: residentsPct })}</dd>
          </div>
        </dl>
        <p>{result.exhaustedAt ? t('mf.sim.exhaustedAt', { date: date(result.exhaustedAt) }) : t('mf.sim.notExhausted')}</p>
        <h3>{t('mf.sim.drain')}</h3>
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t('mf.sim.drain')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('ledger.date')}</th>
                <th scope="col">{t('mf.poolLeft')}</th>
                <th scope="col">{t('mf.matched')}</th>
              </tr>
            </thead>
            <tbody>
              {result.curve.map((p) => (
                <tr key={p.at}>
                  <td>{date(p.at)}</td>
                  <td>
                    <Bar label={t('mf.poolLeft')} value={p.poolMinor} max={result.pool} text={money(p.poolMinor, c)} />
                  </td>
                  <td>{money(p.matchedMinor, c)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h3>{t('mf.byProject')}</h3>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('funds.project')}</th>
                <th scope="col">{t('mf.source.resident')}</th>
                <th scope="col">{t('mf.source.business')}</th>
                <th scope="col">{t('mf.matched')}</th>
                <th scope="col">{t('mf.sim.total')}</th>
              </tr>
            </thead>
            <tbody>
              {result.projects.map((p) => (
                <tr key={p.projectId}>
                  <td>{p.title}</td>
                  <td>{money(p.residentsMinor, c)}</td>
                  <td>{money(p.businessesMinor, c)}</td>
                  <td>{money(p.matchedMinor, c)}</td>
                  <td>
                    <Bar label={t('mf.sim.total')} value={p.giftsMinor + p.matchedMinor} max={maxProject} text={money(p.giftsMinor + p.matchedMinor, c)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
