import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { useDate, useMoney } from '../funds/ui';
import { useLocale, useT } from '../i18n/use-t';
import { explanationFor } from '../matching-funds/explain.server';
import { changeProgrammeStatus, getProgramme, matchedByProject } from '../matching-funds/programmes.server';
import { Bar, Explanation } from '../matching-funds/ui';
import { actorOf } from '../permissions/principal.server';
import { getPrincipal, hasPermission, requirePermission } from '../permissions/permissions.server';
import { parseForm, redirectWithNotice } from '../utils/forms.server';
import { notFound, uuidParam } from '../utils/http.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.programme.nameZh} · ${data.programme.nameEn} · Fivefold` : 'Fivefold' }];

const statusSchema = z.object({ intent: z.enum(['launch', 'close']) });

// Public (drafts only for those who manage them): the rules in plain words, the pool, and what each project got.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = uuidParam(params, 'programmeId');
  const programme = await getProgramme(id);
  if (!programme) throw notFound();
  const principal = await getPrincipal(request);
  const place = { id: programme.placeId, path: programme.placePath, type: 'place' };
  const canManage = Boolean(principal && hasPermission(principal, 'matching.manage', place));
  if (programme.status === 'draft' && !canManage && !(principal && hasPermission(principal, 'matching.simulate', place))) throw notFound();
  return {
    programme: { id: programme.id, nameZh: programme.nameZh, nameEn: programme.nameEn, funderZh: programme.funderZh, funderEn: programme.funderEn, placeZh: programme.placeZh, placeEn: programme.placeEn, status: programme.status, currency: programme.currency, poolBalanceMinor: programme.poolBalanceMinor, matchedMinor: programme.matchedMinor, poolFundId: programme.poolFundId, startsAt: programme.startsAt.toISOString() },
    explanation: explanationFor(request, programme.explanation, programme.currency),
    projects: await matchedByProject(programme.id),
    canManage,
    canSimulate: Boolean(principal && hasPermission(principal, 'matching.simulate', place)),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = uuidParam(params, 'programmeId');
  const programme = await getProgramme(id);
  if (!programme) throw notFound();
  const principal = await requirePermission(request, 'matching.manage', { id: programme.placeId, path: programme.placePath, type: 'place' });
  const { submission } = await parseForm(request, statusSchema);
  if (submission.status !== 'success') return submission.reply();
  const result = await changeProgrammeStatus(actorOf(principal), id, submission.value.intent);
  if (!result.ok) return submission.reply({ formErrors: ['mf.v.status'] });
  const notice = submission.value.intent === 'launch' ? 'mf.launched' : 'mf.closed';
  return redirectWithNotice(`/matching-programmes/${id}`, notice);
}

export default function ProgrammePage() {
  const { programme: p, explanation, projects, canManage, canSimulate } = useLoaderData<typeof loader>();
  const t = useT();
  const en = useLocale() === 'en';
  const money = useMoney();
  const date = useDate();
  const total = p.poolBalanceMinor + p.matchedMinor;
  return (
    <>
      <p>
        <Link to="/matching-programmes">← {t('mf.programmes')}</Link>
      </p>
      <h1>{en ? p.nameEn : p.nameZh}</h1>
      <p className="muted">
        {en ? p.funderEn : p.funderZh} · {en ? p.placeEn : p.placeZh} · {t(`mf.status.${p.status}`)} · {date(p.startsAt)}
      </p>
      <section aria-labelledby="rules-h">
        <h2 id="rules-h">{t('mf.rules')}</h2>
        <Explanation id="programme-rules" lines={explanation} />
      </section>
      <section aria-labelledby="pool-h">
        <h2 id="pool-h">{t('mf.pool')}</h2>
        <Bar label={t('mf.poolLeft')} value={p.poolBalanceMinor} max={total} text={money(p.poolBalanceMinor, p.currency)} />
        <Bar label={t('mf.matched')} value={p.matchedMinor} max={total} text={money(p.matchedMinor, p.currency)} />
        <p>
          <Link to={`/funds/${p.poolFundId}`}>{t('mf.poolLedger')}</Link>
        </p>
      </section>
      <section aria-labelledby="projects-h">
        <h2 id="projects-h">{t('mf.byProject')}</h2>
        {projects.length === 0 ? <p>{t('mf.noMatchesYet')}</p> : null}
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('funds.project')}</th>
                <th scope="col">{t('mf.gifts')}</th>
                <th scope="col">{t('mf.matched')}</th>
              </tr>
            </thead>
            <tbody>
              {projects.map((r) => (
                <tr key={r.projectId}>
                  <td>
                    <Link to={`/projects/${r.projectId}/funding`}>{r.title}</Link>
                  </td>
                  <td>{r.gifts}</td>
                  <td>{money(r.matchedMinor, p.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {canSimulate ? (
        <p>
          <Link to={`/matching-programmes/${p.id}/simulate`}>{t('mf.simulate')}</Link>
        </p>
      ) : null}
      {canManage && p.status === 'draft' ? (
        <p>
          <Link to={`/matching-programmes/${p.id}/edit`}>{t('mf.edit')}</Link>
        </p>
      ) : null}
      {canManage && p.status !== 'closed' ? (
        <Form method="post" className="inline-form">
          {p.status === 'draft' ? (
            <button type="submit" name="intent" value="launch">
              {t('mf.launch')}
            </button>
          ) : null}{' '}
          <button type="submit" name="intent" value="close" className="secondary">
            {t('mf.close')}
          </button>
        </Form>
      ) : null}
    </>
  );
}
