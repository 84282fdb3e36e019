import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { FormErrors } from '../components/field';
import { useDate, useMoney } from '../funds/ui';
import { usePlaceName, useT } from '../i18n/use-t';
import { useCategoryLabel } from '../needs/ui';
import { actorOf } from '../permissions/principal.server';
import { getPrincipal, requirePermission } from '../permissions/permissions.server';
import { can } from '../permissions/rules';
import { awardOfProject, finalizeDueAwards } from '../projects/awards.server';
import { replyToProjectError } from '../projects/pages.server';
import { changeProjectState, getProject, projectPlace } from '../projects/projects.server';
import { TextArea } from '../projects/ui';
import { parseForm, redirectWithNotice } from '../utils/forms.server';
import { notFound, uuidParam } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('fairs', 'funds', 'needs', 'projects');

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.project.title ?? ''} · 项目 · Fivefold` }];

const cancelSchema = z.object({ intent: z.literal('cancel'), note: z.string({ required_error: 'v.required' }).trim().min(1, 'v.required').max(500, 'v.tooLong') });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const projectId = uuidParam(params, 'projectId');
  const principal = await getPrincipal(request);
  // An award whose notice is over becomes final on read, not only when the job runs.
  await finalizeDueAwards({ projectId });
  const project = await getProject(principal, projectId);
  if (!project) throw notFound();
  const award = await awardOfProject(projectId);
  const canManage = !!principal && can(principal.roles, 'project.manage', project.placePath);
  const { placePath: _path, ...shown } = project;
  return {
    project: { ...shown, createdAt: project.createdAt.toISOString(), updatedAt: project.updatedAt.toISOString(), history: project.history.map((h) => ({ ...h, createdAt: h.createdAt.toISOString() })) },
    award: award ? { ...award, noticeEndsAt: award.noticeEndsAt?.toISOString() ?? null } : null,
    canCancel: canManage && ['draft', 'open_for_bids', 'awarded', 'in_progress'].includes(project.state),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const projectId = uuidParam(params, 'projectId');
  const place = await projectPlace(projectId);
  if (!place) throw notFound();
  const principal = await requirePermission(request, 'project.manage', place, { hideExistence: true });
  const { submission } = await parseForm(request, cancelSchema);
  if (submission.status !== 'success') return submission.reply();
  try {
    await changeProjectState(principal, actorOf(principal), projectId, 'cancelled', submission.value.note);
  } catch (error) {
    return replyToProjectError(error, (o) => submission.reply(o));
  }
  return redirectWithNotice(`/projects/${projectId}`, 'projects.notice.cancelled');
}

export default function ProjectPage() {
  const { project, award, canCancel } = useLoaderData<typeof loader>();
  const last = useActionData<typeof action>();
  const t = useT();
  const money = useMoney();
  const date = useDate();
  const category = useCategoryLabel();
  const placeName = usePlaceName();
  return (
    <>
      <p>
        <Link to="/projects">← {t('projects.list.title')}</Link>
      </p>
      <h1>{project.title}</h1>
      <p>
        <strong className="badge">{t(`projects.state.${project.state}`)}</strong> · {category(project.category)} · {placeName({ nameZh: project.placeZh, nameEn: project.placeEn })}
      </p>
      <p>{project.summary}</p>
      <dl>
        <dt>{t('projects.field.goals')}</dt>
        <dd>{project.goals}</dd>
        <dt>{t('projects.field.deliverables')}</dt>
        <dd>{project.deliverables}</dd>
        <dt>{t('projects.field.beneficiaries')}</dt>
        <dd>
          {project.beneficiaries}
          {project.beneficiaryCount !== null ? ` (${t('projects.people', { count: project.beneficiaryCount })})` : ''}
        </dd>
        <dt>{t('projects.field.budget')}</dt>
        <dd>{money(project.budgetMinor, project.currency)}</dd>
        {project.requiredSkills.length ? (
          <>
            <dt>{t('projects.field.requiredSkills')}</dt>
            <dd>{project.requiredSkills.map((s) => t(`resources.skill.${s}`)).join('、')}</dd>
          </>
        ) : null}
        {project.delivererName ? (
          <>
            <dt>{t('projects.field.deliverer')}</dt>
            <dd>{project.delivererName}</dd>
          </>
        ) : null}
      </dl>
      {award ? (
        <section aria-labelledby="award-h" className="card">
          <h2 id="award-h">{t('projects.award.title')}</h2>
          <p>
            {t('projects.award.summary', { name: award.applicantName, amount: money(award.grantedMinor ?? 0, award.currency) })}{' '}
            {award.status === 'final' ? t('projects.award.final') : t('projects.award.underNotice', { date: award.noticeEndsAt ? date(award.noticeEndsAt) : '' })}
          </p>
          <p>
            <Link to={`/rounds/${award.roundId}#notice`}>{t('projects.award.seeNotice')}</Link>
          </p>
        </section>
      ) : null}
      <section aria-labelledby="needs-h">
        <h2 id="needs-h">{t('projects.field.needs')}</h2>
        <ul>
          {project.needs.map((n) => (
            <li key={n.id}>
              <Link to={`/needs/${n.id}`}>{n.summary}</Link> <span className="muted">({t(`needs.status.${n.status}`)})</span>
            </li>
          ))}
        </ul>
      </section>
      {project.budgetLines.length ? (
        <section aria-labelledby="budget-h">
          <h2 id="budget-h">{t('projects.field.budgetLines')}</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('projects.field.lineLabel')}</th>
                <th scope="col">{t('projects.field.amount')}</th>
              </tr>
            </thead>
            <tbody>
              {project.budgetLines.map((l) => (
                <tr key={l.id}>
                  <td>{l.label}</td>
                  <td>{money(l.amountMinor, project.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {project.milestones.length ? (
        <section aria-labelledby="milestones-h">
          <h2 id="milestones-h">{t('projects.field.milestones')}</h2>
          <ol>
            {project.milestones.map((m) => (
              <li key={m.id}>
                {m.title}
                {m.dueOn ? ` · ${date(m.dueOn)}` : ''} · {money(m.amountMinor, project.currency)}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {['awarded', 'in_progress', 'completed', 'evaluated'].includes(project.state) ? (
        <p>
          <Link to={`/projects/${project.id}/delivery`}>{t('delivery.link')}</Link>
        </p>
      ) : null}
      <ul>
        <li>
          <Link to={`/projects/${project.id}/funding`}>{t('projects.fundingLink')}</Link>
        </li>
        <li>
          <Link to={`/projects/${project.id}/household-shares`}>{t('projects.sharesLink')}</Link>
        </li>
      </ul>
      <section aria-labelledby="history-h">
        <h2 id="history-h">{t('projects.history')}</h2>
        <ol>
          {project.history.map((h) => (
            <li key={h.id}>
              {date(h.createdAt)} · {t(`projects.event.${h.kind}`)}
              {h.toState ? ` → ${t(`projects.state.${h.toState}`)}` : ''}
            </li>
          ))}
        </ol>
      </section>
      {canCancel ? (
        <section aria-labelledby="cancel-h">
          <h2 id="cancel-h">{t('projects.cancel.title')}</h2>
          <FormErrors errors={last && 'error' in last ? (last.error?.[''] ?? last.error?.note ?? null) : null} />
          <Form method="post">
            <input type="hidden" name="intent" value="cancel" />
            <TextArea id="cancel-note" name="note" label={t('projects.cancel.reason')} required rows={2} />
            <button type="submit" className="secondary">
              {t('projects.cancel.submit')}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
