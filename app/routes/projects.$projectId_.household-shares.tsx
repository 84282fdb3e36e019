import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { FormErrors } from '../components/field';
import { useDate, useMoney } from '../funds/ui';
import { resolveLocale } from '../i18n/locale';
import { useLocale, useT } from '../i18n/use-t';
import { sharePlanFormSchema, chinaDayStart } from '../matching-funds/schemas';
import { Progress } from '../matching-funds/ui';
import { myHouseholdsInPlan, remindHouseholds, pledgeHouseholdShare, setUpHouseholdShares, shareLinesForStaff, shareSummary } from '../pledges/household-shares.server';
import { actorOf } from '../permissions/principal.server';
import { getPrincipal, hasPermission, requirePermission, requireUser } from '../permissions/permissions.server';
import { listChildren } from '../places/places.server';
import { getProject, projectPlace } from '../projects/projects.server';
import { parseForm, redirectWithNotice } from '../utils/forms.server';
import { notFound, uuidParam } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('funds', 'matching-funds');

export const meta: MetaFunction = () => [{ title: '每户份额 · Household shares · Fivefold' }];

const pledgeSchema = z.object({ intent: z.literal('pledge_share'), householdId: z.string().uuid() });

// Public: counts only (households asked, pledged, paid). Staff of the place: each household (audited), and the set-up
// form. A household member pledges the household's share here; owners living elsewhere then pay online.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const projectId = uuidParam(params, 'projectId');
  const principal = await getPrincipal(request);
  const project = await getProject(principal, projectId);
  if (!project) throw notFound();
  const place = (await projectPlace(projectId))!;
  const isStaff = Boolean(principal && hasPermission(principal, 'household.read', place));
  const canSetUp = Boolean(principal && hasPermission(principal, 'project.manage', place));
  const summary = await shareSummary(projectId);
  const plan = summary?.plan ?? null;
  return {
    project: { id: project.id, title: project.title, currency: project.currency, fundId: project.fundId },
    summary: summary ? { households: summary.households, pledged: summary.pledged, paid: summary.paid, paidMinor: summary.paidMinor, targetMinor: summary.targetMinor, shareMinor: summary.plan.shareMinor, dueAt: summary.plan.dueAt.toISOString() } : null,
    lines: isStaff && plan ? await shareLinesForStaff(actorOf(principal!), projectId, place.id) : null,
    canRemind: Boolean(plan && canSetUp),
    mine: principal && plan ? await myHouseholdsInPlan(principal.user.id, plan) : [],
    setUp: canSetUp && !plan && project.fundId ? { places: [{ id: place.id, nameZh: project.placeZh, nameEn: project.placeEn }, ...(await listChildren(place.id)).map((p) => ({ id: p.id, nameZh: p.nameZh, nameEn: p.nameEn }))] } : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const projectId = uuidParam(params, 'projectId');
  const place = await projectPlace(projectId);
  if (!place) throw notFound();
  const intent = (await request.clone().formData()).get('intent');
  if (intent === 'remind') {
    const principal = await requirePermission(request, 'project.manage', place);
    const told = await remindHouseholds({ ...actorOf(principal), userId: principal.user.id }, projectId, place.id);
    return redirectWithNotice(`/projects/${projectId}/household-shares`, told ? 'mf.shares.reminded' : 'mf.shares.noneToRemind');
  }
  if (intent === 'set_up') {
    const principal = await requirePermission(request, 'project.manage', place);
    const { submission } = await parseForm(request, sharePlanFormSchema);
    if (submission.status !== 'success') return submission.reply();
    const v = submission.value;
    const result = await setUpHouseholdShares({ ...actorOf(principal), userId: principal.user.id }, projectId, { placeId: v.placeId, shareMinor: v.share, dueAt: new Date(chinaDayStart(v.dueOn).getTime() + 86_400_000 - 1) });
    if (!result.ok) return submission.reply({ formErrors: [`mf.shares.err.${result.reason}`] });
    return redirectWithNotice(`/projects/${projectId}/household-shares`, 'mf.shares.created');
  }
  const principal = await requireUser(request);
  const { submission } = await parseForm(request, pledgeSchema);
  if (submission.status !== 'success') throw notFound();
  const result = await pledgeHouseholdShare({ ...actorOf(principal), userId: principal.user.id }, projectId, submission.value.householdId, { name: principal.user.name, email: principal.user.email, locale: resolveLocale(request) });
  if (!result.ok && (result.reason === 'not_member' || result.reason === 'no_plan')) throw notFound();
  if (!result.ok) return submission.reply({ formErrors: ['mf.shares.err.household_pledged'] });
  return redirectWithNotice('/pledges', 'mf.pledged');
}

export default function HouseholdSharesPage() {
  const { project, summary, lines, mine, setUp, canRemind } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const en = useLocale() === 'en';
  const money = useMoney();
  const date = useDate();
  const c = project.currency;
  return (
    <>
      <p>
        <Link to={`/projects/${project.id}/funding`}>← {project.title}</Link>
      </p>
      <h1>{t('mf.shares.title')}</h1>
      <FormErrors errors={lastResult && 'error' in lastResult ? (lastResult.error?.[''] ?? null) : null} />
      {summary ? (
        <>
          <p>{t('mf.shares.summary', { share: money(summary.shareMinor, c), households: summary.households, pledged: summary.pledged, paid: summary.paid })}</p>
          <p>{t('mf.due', { date: date(summary.dueAt) })}</p>
          <Progress value={summary.paidMinor} max={summary.targetMinor} label={t('mf.funding.progress', { raised: money(summary.paidMinor, c), target: money(summary.targetMinor, c) })} />
          <p className="muted">{t('mf.shares.privacy')}</p>
        </>
      ) : (
        <p>{t('mf.shares.none')}</p>
      )}
      {mine.length ? (
        <section aria-labelledby="mine-h">
          <h2 id="mine-h">{t('mf.shares.mine')}</h2>
          {mine.map((h) => (
            <Form key={h.id} method="post" className="inline-form">
              <input type="hidden" name="householdId" value={h.id} />
              <button type="submit" name="intent" value="pledge_share">
                {t('mf.shares.pledgeFor', { unit: h.unit })}
              </button>
            </Form>
          ))}
          {project.fundId ? (
            <p>
              {t('mf.shares.payElsewhere')} <Link to="/pledges">{t('mf.myPledges')}</Link>
            </p>
          ) : null}
        </section>
      ) : null}
      {lines ? (
        <section aria-labelledby="staff-h">
          <h2 id="staff-h">{t('mf.shares.households')}</h2>
          {canRemind ? (
            <Form method="post">
              <button type="submit" name="intent" value="remind">
                {t('mf.shares.remind')}
              </button>
            </Form>
          ) : null}
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('mf.shares.building')}</th>
                  <th scope="col">{t('mf.shares.unit')}</th>
                  <th scope="col">{t('mf.shares.paid')}</th>
                  <th scope="col">{t('mf.shares.status')}</th>
                </tr>
              </thead>
              <tbody>
                {lines.map((l) => (
                  <tr key={l.householdId}>
                    <td>{en ? l.buildingEn : l.buildingZh}</td>
                    <td>{l.unit}</td>
                    <td>{money(l.paidMinor, c)}</td>
                    <td>{t(`mf.shares.status.${l.status}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      {setUp ? (
        <section aria-labelledby="setup-h">
          <h2 id="setup-h">{t('mf.shares.setUp')}</h2>
          <Form method="post">
            <input type="hidden" name="intent" value="set_up" />
            <div className="field">
              <label htmlFor="share-place">{t('mf.shares.place')}</label>
              <select id="share-place" name="placeId" required>
                {setUp.places.map((p) => (
                  <option key={p.id} value={p.id}>
                    {en ? p.nameEn : p.nameZh}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="share-amount">{t('mf.shares.share')}</label>
              <p id="share-amount-hint" className="hint">
                {t('mf.shares.shareHint')}
              </p>
              <input id="share-amount" name="share" inputMode="decimal" aria-describedby="share-amount-hint" />
            </div>
            <div className="field">
              <label htmlFor="share-due">{t('mf.pledge.dueOn')}</label>
              <input id="share-due" name="dueOn" type="date" required />
            </div>
            <button type="submit">{t('mf.shares.setUp')}</button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
