import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { Field, FormErrors, SelectField } from '../components/field';
import { getFund } from '../funds/funds.server';
import { stripeEnabled } from '../funds/stripe.server';
import { useDate, useMoney } from '../funds/ui';
import { donorVisibilities } from '../funds/values';
import { resolveLocale } from '../i18n/locale';
import { useLocale, useT } from '../i18n/use-t';
import { explanationFor } from '../matching-funds/explain.server';
import { programmesForProjectPage, projectProgress } from '../matching-funds/programmes.server';
import { openProjectFund, projectFunding } from '../matching-funds/project-funding.server';
import { giftSources } from '../matching-funds/rules';
import { chinaDayStart, pledgeFormSchema } from '../matching-funds/schemas';
import { Bar, Explanation, Progress } from '../matching-funds/ui';
import { shareSummary } from '../pledges/household-shares.server';
import { createPledge, listPublicPledges } from '../pledges/pledges.server';
import { actorOf } from '../permissions/principal.server';
import { getPrincipal, hasPermission, requirePermission, requireUser } from '../permissions/permissions.server';
import { getProject, projectPlace } from '../projects/projects.server';
import { parseForm, redirectWithNotice } from '../utils/forms.server';
import { notFound, uuidParam } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('funds', 'matching-funds');

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.project.title} · 筹款 Funding · Fivefold` : 'Fivefold' }];

// Public: a project's target, what it raised by source, what is pledged, its donors as they chose to appear, and the
// matching that applies explained in plain words before anyone gives. Signed-in people pledge here (no JS needed).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const projectId = uuidParam(params, 'projectId');
  const principal = await getPrincipal(request);
  const project = await getProject(principal, projectId);
  if (!project) throw notFound();
  const place = await projectPlace(projectId);
  const funding = await projectFunding(project);
  const fund = project.fundId ? await getFund(project.fundId) : null;
  const programmes = await programmesForProjectPage({ id: project.id, placePath: project.placePath, category: project.category, currency: project.currency });
  const shares = await shareSummary(project.id);
  return {
    project: { id: project.id, title: project.title, currency: project.currency, fundId: project.fundId },
    funding: { ...funding, donors: funding.donors.map((d) => ({ ...d, at: d.at.toISOString() })) },
    programmes: await Promise.all(
      programmes.map(async (p) => ({
        id: p.id,
        nameZh: p.nameZh,
        nameEn: p.nameEn,
        funderZh: p.funderZh,
        funderEn: p.funderEn,
        seedMinor: p.seedMinor,
        perProjectCapMinor: p.perProjectCapMinor,
        poolBalanceMinor: p.poolBalanceMinor,
        explanation: explanationFor(request, p.explanation, p.currency),
        progress: fund ? await projectProgress(p, fund) : { seedRaisedMinor: 0, projectMatchedMinor: 0 },
      })),
    ),
    pledges: (await listPublicPledges({ projectId: project.id }, 20)).map((p) => ({ ...p, dueAt: p.dueAt.toISOString() })),
    shares: shares ? { households: shares.households, pledged: shares.pledged, paid: shares.paid, paidMinor: shares.paidMinor, targetMinor: shares.targetMinor, shareMinor: shares.plan.shareMinor } : null,
    me: principal ? { name: principal.user.name, email: principal.user.email } : null,
    card: Boolean(fund && fund.status === 'active' && stripeEnabled()),
    canRecord: Boolean(principal && place && fund && hasPermission(principal, 'fund.record_donation', place)),
    canOpenFund: Boolean(principal && place && !project.fundId && hasPermission(principal, 'project.manage', place)),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const projectId = uuidParam(params, 'projectId');
  const intent = (await request.clone().formData()).get('intent');
  if (intent === 'open_fund') {
    const place = await projectPlace(projectId);
    if (!place) throw notFound();
    const principal = await requirePermission(request, 'project.manage', place);
    const opened = await openProjectFund(actorOf(principal), projectId);
    if (!opened.ok) throw notFound();
    return redirectWithNotice(`/projects/${projectId}/funding`, 'mf.fundOpened');
  }
  const principal = await requireUser(request);
  const project = await getProject(principal, projectId);
  if (!project) throw notFound();
  const { submission } = await parseForm(request, pledgeFormSchema);
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
  if (!project.fundId) return json(submission.reply({ formErrors: ['mf.v.noFund'] }), { status: 409 });
  const v = submission.value;
  const result = await createPledge(actorOf(principal), {
    fundId: project.fundId,
    projectId,
    pledgerName: v.pledgerName,
    pledgerEmail: v.pledgerEmail ?? principal.user.email,
    locale: resolveLocale(request),
    visibility: v.visibility,
    source: v.source,
    amountMinor: v.amount,
    dueAt: new Date(chinaDayStart(v.dueOn).getTime() + 86_400_000 - 1),
  });
  if (!result.ok && result.reason === 'due_in_past') return json(submission.reply({ fieldErrors: { dueOn: ['mf.v.duePast'] } }), { status: 400 });
  if (!result.ok) return json(submission.reply({ formErrors: ['mf.v.fundClosed'] }), { status: 409 });
  return redirectWithNotice('/pledges', 'mf.pledged');
}

export default function ProjectFundingPage() {
  const { project, funding, programmes, pledges, shares, me, card, canRecord, canOpenFund } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const en = useLocale() === 'en';
  const money = useMoney();
  const date = useDate();
  const c = project.currency;
  const r = funding.raised;
  const [form, fields] = useForm({ id: 'pledge', lastResult, shouldValidate: 'onBlur', onValidate: ({ formData }) => parseWithZod(formData, { schema: pledgeFormSchema }) });
  const sources: [string, number][] = [
    ['mf.raised.residents', r.residentsMinor],
    ['mf.raised.businesses', r.businessesMinor],
    ['mf.raised.matching', r.matchingMinor],
    ['mf.raised.grants', r.grantsMinor],
    ['mf.raised.others', r.othersMinor],
  ];
  return (
    <>
      <p>
        <Link to={`/projects/${project.id}`}>← {project.title}</Link>
      </p>
      <h1>{t('mf.funding.title', { project: project.title })}</h1>
      <section aria-labelledby="raised-h">
        <h2 id="raised-h">{t('mf.funding.raised')}</h2>
        <Progress value={r.totalMinor} max={funding.targetMinor} label={t('mf.funding.progress', { raised: money(r.totalMinor, c), target: money(funding.targetMinor, c) })} />
        {sources.map(([key, value]) => (
          <Bar key={key} label={t(key)} value={value} max={Math.max(funding.targetMinor, r.totalMinor)} text={money(value, c)} />
        ))}
        <p>
          {t('mf.funding.pledged')}: <strong>{money(funding.pledgedMinor, c)}</strong>
          {r.inKindMinor ? ` · ${t('funds.inKind')}: ${money(r.inKindMinor, c)}` : ''}
        </p>
        {project.fundId ? (
          <p>
            <Link to={`/ledger?fund=${project.fundId}`}>{t('funds.viewLedger')}</Link>
          </p>
        ) : (
          <p>{t('mf.funding.noFund')}</p>
        )}
        {canOpenFund ? (
          <Form method="post">
            <button type="submit" name="intent" value="open_fund">
              {t('mf.funding.openFund')}
            </button>
          </Form>
        ) : null}
      </section>
      {programmes.length ? (
        <section aria-labelledby="matching-h">
          <h2 id="matching-h">{t('mf.funding.matching')}</h2>
          {programmes.map((p) => (
            <div key={p.id} className="card">
              <h3>
                <Link to={`/matching-programmes/${p.id}`}>{en ? p.nameEn : p.nameZh}</Link> <span className="muted">· {en ? p.funderEn : p.funderZh}</span>
              </h3>
              <Explanation id={`rules-${p.id}`} lines={p.explanation} />
              {p.seedMinor > 0 ? <Progress value={p.progress.seedRaisedMinor} max={p.seedMinor} label={t('mf.funding.seed', { raised: money(p.progress.seedRaisedMinor, c), seed: money(p.seedMinor, c) })} /> : null}
              <p>
                {t('mf.funding.matchedHere')}: <strong>{money(p.progress.projectMatchedMinor, c)}</strong>
                {p.perProjectCapMinor !== null ? ` / ${money(p.perProjectCapMinor, c)}` : ''} · {t('mf.poolLeft')}: {money(p.poolBalanceMinor, c)}
              </p>
            </div>
          ))}
        </section>
      ) : null}
      {project.fundId ? (
        <section aria-labelledby="give-h">
          <h2 id="give-h">{t('mf.funding.give')}</h2>
          {card ? (
            <p>
              <Link className="button" to={`/funds/${project.fundId}/donate`}>
                {t('mf.funding.giveCard')}
              </Link>
            </p>
          ) : (
            <p>{t('mf.funding.giveOffline')}</p>
          )}
          {canRecord ? (
            <p>
              <Link to={`/funds/${project.fundId}/record`}>{t('funds.recordDonation')}</Link>
            </p>
          ) : null}
        </section>
      ) : null}
      {shares ? (
        <section aria-labelledby="shares-h">
          <h2 id="shares-h">{t('mf.shares.title')}</h2>
          <p>{t('mf.shares.summary', { share: money(shares.shareMinor, c), households: shares.households, pledged: shares.pledged, paid: shares.paid })}</p>
          <Progress value={shares.paidMinor} max={shares.targetMinor} label={t('mf.funding.progress', { raised: money(shares.paidMinor, c), target: money(shares.targetMinor, c) })} />
          <p>
            <Link to={`/projects/${project.id}/household-shares`}>{t('mf.shares.open')}</Link>
          </p>
        </section>
      ) : null}
      <section aria-labelledby="donors-h">
        <h2 id="donors-h">{t('mf.funding.donors')}</h2>
        {funding.donors.length === 0 ? <p>{t('funds.noMovements')}</p> : null}
        <ul>
          {funding.donors.map((d, i) => (
            <li key={i}>
              {d.name ?? t('mf.anonymous')} · {t(`mf.sourceLabel.${d.source}`)} · {d.amountMinor === null ? t('mf.amountHidden') : money(d.amountMinor, c)} · {date(d.at)}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="pledges-h">
        <h2 id="pledges-h">{t('mf.pledges')}</h2>
        {pledges.length === 0 ? <p>{t('mf.noPledges')}</p> : null}
        <ul>
          {pledges.map((p) => (
            <li key={p.id}>
              {p.pledgerName ?? t('mf.anonymous')} · {p.amountMinor === null ? t('mf.amountHidden') : `${money(p.paidMinor ?? 0, c)} / ${money(p.amountMinor, c)}`} · {t(`mf.pledgeStatus.${p.status}`)} · {t('mf.due', { date: date(p.dueAt) })}
            </li>
          ))}
        </ul>
        {project.fundId && me ? (
          <Form method="post" {...getFormProps(form)}>
            <h3>{t('mf.pledge.title')}</h3>
            <FormErrors errors={form.errors} />
            <input type="hidden" name="intent" value="pledge" />
            <Field id={fields.amount.id} name={fields.amount.name} label={t('mf.pledge.amount')} hint={t('donate.amountHint')} errors={fields.amount.errors} required />
            <Field id={fields.pledgerName.id} name={fields.pledgerName.name} label={t('mf.pledge.name')} defaultValue={me.name} errors={fields.pledgerName.errors} maxLength={80} required />
            <Field id={fields.pledgerEmail.id} name={fields.pledgerEmail.name} label={t('mf.pledge.email')} type="email" inputMode="email" defaultValue={me.email ?? ''} hint={t('mf.pledge.emailHint')} errors={fields.pledgerEmail.errors} />
            <SelectField id={fields.source.id} name={fields.source.name} label={t('mf.pledge.source')} options={giftSources.map((s) => ({ value: s, label: t(`mf.sourceLabel.${s}`) }))} errors={fields.source.errors} required />
            <SelectField id={fields.visibility.id} name={fields.visibility.name} label={t('record.visibility')} options={donorVisibilities.map((v) => ({ value: v, label: t(`visibility.${v}`) }))} errors={fields.visibility.errors} required />
            <Field id={fields.dueOn.id} name={fields.dueOn.name} label={t('mf.pledge.dueOn')} type="date" errors={fields.dueOn.errors} required />
            <button type="submit">{t('mf.pledge.submit')}</button>
          </Form>
        ) : project.fundId ? (
          <p>
            <Link to={`/login?redirectTo=${encodeURIComponent(`/projects/${project.id}/funding`)}`}>{t('mf.pledge.login')}</Link>
          </p>
        ) : null}
      </section>
    </>
  );
}
