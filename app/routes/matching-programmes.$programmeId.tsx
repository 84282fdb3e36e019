import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { Field, FormErrors } from '../components/field';
import { useDate, useMoney } from '../funds/ui';
import { useLocale, useT } from '../i18n/use-t';
import { explanationFor } from '../matching-funds/explain.server';
import { changeProgrammeStatus, getProgramme, matchedByProject, topUpProgramme } from '../matching-funds/programmes.server';
import { topUpFormSchema } from '../matching-funds/schemas';
import { Bar, Explanation } from '../matching-funds/ui';
import { actorOf } from '../permissions/principal.server';
import { getPrincipal, hasPermission, requirePermission } from '../permissions/permissions.server';
import { parseForm, redirectWithNotice } from '../utils/forms.server';
import { notFound, uuidParam } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('funds', 'matching-funds', 'stats');

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
    programme: { programmeCapMinor: programme.programmeCapMinor, id: programme.id, nameZh: programme.nameZh, nameEn: programme.nameEn, funderZh: programme.funderZh, funderEn: programme.funderEn, placeZh: programme.placeZh, placeEn: programme.placeEn, status: programme.status, currency: programme.currency, poolBalanceMinor: programme.poolBalanceMinor, matchedMinor: programme.matchedMinor, poolFundId: programme.poolFundId, startsAt: programme.startsAt.toISOString() },
    explanation: explanationFor(request, programme.explanation, programme.currency),
    projects: await matchedByProject(programme.id),
    canManage,
    canSimulate: Boolean(principal && hasPermission(principal, 'matching.simulate', place)),
    canTopUp: Boolean(principal && hasPermission(principal, 'matching.top_up', place)) && programme.status !== 'closed',
    canReport: Boolean(principal && hasPermission(principal, 'report.read', place)),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = uuidParam(params, 'programmeId');
  const programme = await getProgramme(id);
  if (!programme) throw notFound();
  const place = { id: programme.placeId, path: programme.placePath, type: 'place' };
  if ((await request.clone().formData()).get('intent') === 'top_up') {
    const principal = await requirePermission(request, 'matching.top_up', place);
    const { submission } = await parseForm(request, topUpFormSchema);
    if (submission.status !== 'success') return submission.reply();
    const v = submission.value;
    const result = await topUpProgramme({ ...actorOf(principal), userId: principal.user.id }, id, { amountMinor: v.amount, reference: v.reference, raiseCap: v.raiseCap });
    if (!result.ok && result.reason === 'duplicate') return submission.reply({ fieldErrors: { reference: ['mf.topUp.duplicate'] } });
    if (!result.ok) return submission.reply({ formErrors: ['mf.v.status'] });
    return redirectWithNotice(`/matching-programmes/${id}`, 'mf.topUp.done');
  }
  const principal = await requirePermission(request, 'matching.manage', place);
  const { submission } = await parseForm(request, statusSchema);
  if (submission.status !== 'success') return submission.reply();
  const result = await changeProgrammeStatus(actorOf(principal), id, submission.value.intent);
  if (!result.ok) return submission.reply({ formErrors: ['mf.v.status'] });
  const notice = submission.value.intent === 'launch' ? 'mf.launched' : 'mf.closed';
  return redirectWithNotice(`/matching-programmes/${id}`, notice);
}

export default function ProgrammePage() {
  const { programme: p, explanation, projects, canManage, canSimulate, canTopUp, canReport } = useLoaderData<typeof loader>();
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
        {p.programmeCapMinor !== null ? <p>{t('mf.topUp.cap', { cap: money(p.programmeCapMinor, p.currency) })}</p> : null}
        <p>
          <Link to={`/funds/${p.poolFundId}`}>{t('mf.poolLedger')}</Link>
        </p>
        {canTopUp ? <TopUpForm hasCap={p.programmeCapMinor !== null} /> : null}
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
      {canReport ? (
        <p>
          <Link to={`/matching-programmes/${p.id}/report`}>{t('stats.report.link')}</Link>
        </p>
      ) : null}
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

function TopUpForm({ hasCap }: { hasCap: boolean }) {
  const t = useT();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({ id: 'top-up', lastResult: lastResult && 'status' in lastResult ? lastResult : undefined, shouldValidate: 'onBlur', onValidate: ({ formData }) => parseWithZod(formData, { schema: topUpFormSchema }) });
  return (
    <Form method="post" {...getFormProps(form)} aria-labelledby="top-up-h">
      <h3 id="top-up-h">{t('mf.topUp.title')}</h3>
      <p className="muted">{t('mf.topUp.intro')}</p>
      <FormErrors errors={form.errors} />
      <input type="hidden" name="intent" value="top_up" />
      <Field id={fields.amount.id} name={fields.amount.name} label={t('mf.topUp.amount')} inputMode="text" errors={fields.amount.errors} required />
      <Field id={fields.reference.id} name={fields.reference.name} label={t('mf.topUp.reference')} hint={t('mf.topUp.referenceHint')} errors={fields.reference.errors} maxLength={60} required />
      {hasCap ? (
        <p>
          <input type="checkbox" id="top-up-raise-cap" name={fields.raiseCap.name} defaultChecked />{' '}
          <label htmlFor="top-up-raise-cap">{t('mf.topUp.raiseCap')}</label>
        </p>
      ) : null}
      <button type="submit">{t('mf.topUp.submit')}</button>
    </Form>
  );
}
