import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { Field, FormErrors } from '../components/field';
import { addPanelMember, getPanel, PanelError, panelPlace, publishPanel, removePanelMember, submitScores } from '../deliberation/panels.server';
import { panelMemberSchema, panelRemoveSchema } from '../deliberation/schemas';
import { useLocale, useT } from '../i18n/use-t';
import { actorOf } from '../permissions/principal.server';
import { getPrincipal, hasPermission, requirePermission, requireUser } from '../permissions/permissions.server';
import { parseForm, redirectWithNotice } from '../utils/forms.server';
import { notFound, uuidParam } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('deliberation');

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.panel.title ?? ''} · 评估团 · Fivefold` }];

// Public once published; members score each agreed outcome; staff publish.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const panelId = uuidParam(params, 'panelId');
  const place = await panelPlace(panelId);
  if (!place) throw notFound();
  const principal = await getPrincipal(request);
  const canPublish = principal ? hasPermission(principal, 'panel.manage', place) : false;
  const panel = await getPanel(panelId, principal?.user.id ?? null, { manages: canPublish });
  if (!panel) throw notFound();
  return {
    panel: {
      id: panel.id,
      title: panel.title,
      status: panel.status,
      topicId: panel.topicId,
      topicTitle: panel.topicTitle,
      projectTitle: panel.projectTitle,
      placeZh: panel.placeZh,
      placeEn: panel.placeEn,
      criteria: panel.criteria.map((c) => ({ id: c.id, outcome: c.outcome, maxScore: c.maxScore })),
      memberCount: panel.memberCount,
      members: panel.members,
      isMember: panel.isMember,
      myScores: panel.myScores,
      result: panel.result,
    },
    canPublish,
  };
}

const scoreSchema = z.object({ criterionId: z.string().uuid(), score: z.coerce.number().int(), comment: z.string().trim().max(500).default('') });

export async function action({ request, params }: ActionFunctionArgs) {
  const panelId = uuidParam(params, 'panelId');
  const place = await panelPlace(panelId);
  if (!place) throw notFound();
  const intent = (await request.clone().formData()).get('intent');
  if (intent === 'addMember' || intent === 'removeMember') {
    const principal = await requirePermission(request, 'panel.manage', place);
    try {
      if (intent === 'addMember') {
        const { submission } = await parseForm(request, panelMemberSchema);
        if (submission.status !== 'success') return Response.json({ error: { email: submission.error?.email ?? ['v.email'] } }, { status: 400 });
        await addPanelMember(actorOf(principal), panelId, submission.value.email);
        return redirectWithNotice(`/panels/${panelId}`, 'panel.memberAdded');
      }
      const { submission } = await parseForm(request, panelRemoveSchema);
      if (submission.status !== 'success') throw new Response('Bad request', { status: 400 });
      await removePanelMember(actorOf(principal), panelId, submission.value.memberId);
      return redirectWithNotice(`/panels/${panelId}`, 'panel.memberRemoved');
    } catch (e) {
      if (!(e instanceof PanelError)) throw e;
      if (e.code === 'invalid') return Response.json({ error: e.fields }, { status: 400 });
      if (e.code === 'published') return Response.json({ error: { '': ['panel.published'] } }, { status: 409 });
      throw notFound();
    }
  }
  const form = await request.formData();
  if (intent === 'publish') {
    const principal = await requirePermission(request, 'panel.manage', place);
    try {
      await publishPanel(actorOf(principal), panelId);
    } catch (e) {
      if (e instanceof PanelError && e.code === 'published') return Response.json({ error: { '': ['panel.published'] } }, { status: 409 });
      throw e;
    }
    return redirectWithNotice(`/panels/${panelId}`, 'panel.published');
  }
  if (intent !== 'score') throw new Response('Unknown step', { status: 400 });
  const principal = await requireUser(request);
  const ids = form.getAll('criterionId').map(String);
  const parsed = ids.map((criterionId) =>
    scoreSchema.safeParse({ criterionId, score: form.get(`score.${criterionId}`), comment: form.get(`comment.${criterionId}`) ?? '' }),
  );
  const bad = parsed.map((p, i) => (p.success ? null : `score.${ids[i]}`)).filter((x): x is string => Boolean(x));
  if (!ids.length || bad.length)
    return Response.json({ error: Object.fromEntries((bad.length ? bad : ['']).map((k) => [k, ['deliberation.v.scoreRange']])) }, { status: 400 });
  try {
    await submitScores(
      { ...actorOf(principal), userId: principal.user.id },
      panelId,
      parsed.map((p) => p.data!),
    );
  } catch (e) {
    if (!(e instanceof PanelError)) throw e;
    if (e.code === 'invalid') return Response.json({ error: e.fields }, { status: 400 });
    if (e.code === 'not_member') return Response.json({ error: { '': ['panel.notMember'] } }, { status: 403 });
    if (e.code === 'published') return Response.json({ error: { '': ['panel.published'] } }, { status: 409 });
    throw notFound();
  }
  return redirectWithNotice(`/panels/${panelId}`, 'panel.saved');
}

export default function PanelPage() {
  const { panel, canPublish } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>() as { error?: Record<string, string[]> } | undefined;
  const t = useT();
  const en = useLocale() === 'en';
  const mine = (id: string) => panel.myScores.find((s) => s.criterionId === id);
  const avg = (h: number | null) => (h === null ? '—' : (h / 100).toFixed(2));
  return (
    <>
      <p>{panel.topicId ? <Link to={`/topics/${panel.topicId}`}>← {panel.topicTitle}</Link> : <Link to="/topics">← {t('deliberation.title')}</Link>}</p>
      <h1>{panel.title}</h1>
      <p className="muted">
        {t(`panel.status.${panel.status}`)} · {en ? panel.placeEn : panel.placeZh}
        {panel.topicTitle || panel.projectTitle ? ` · ${t('panel.for', { title: (panel.topicTitle ?? panel.projectTitle)! })}` : ''}
      </p>
      <FormErrors errors={lastResult?.error?.[''] ?? null} />
      {panel.result ? (
        <section aria-labelledby="result-h">
          <h2 id="result-h">{t('panel.result')}</h2>
          <ul>
            {panel.result.criteria.map((c) => (
              <li key={c.id}>
                {t('panel.average', { outcome: c.outcome, average: avg(c.averageHundredths), max: c.maxScore, count: c.scores })}
                <progress max={c.maxScore * 100} value={c.averageHundredths ?? 0} aria-label={c.outcome} />
              </li>
            ))}
          </ul>
          <p>{t('panel.scoredBy', { scored: panel.result.scored, members: panel.result.members })}</p>
        </section>
      ) : (
        <section aria-labelledby="criteria-h">
          <h2 id="criteria-h">{t('panel.criteria')}</h2>
          <ul>
            {panel.criteria.map((c) => (
              <li key={c.id}>{c.outcome}</li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="members-h">
        <h2 id="members-h">{t('panel.members')}</h2>
        {canPublish && panel.status === 'open' ? (
          <>
            <ul>
              {panel.members.map((m) => (
                <li key={m.id}>
                  {m.name}{' '}
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="memberId" value={m.id} />
                    <button type="submit" name="intent" value="removeMember" className="secondary" aria-label={t('panel.removeMemberOf', { name: m.name })}>
                      {t('panel.removeMember')}
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="addMember" />
              <Field id="pm-email" name="email" type="email" label={t('panel.memberEmail')} errors={lastResult?.error?.email ?? undefined} required />
              <button type="submit">{t('panel.addMember')}</button>
            </Form>
          </>
        ) : (
          <>
            <p>{t('panel.memberCount', { count: panel.memberCount })}</p>
            {panel.isMember ? <p>{t('panel.youAreMember')}</p> : null}
            {panel.members.length ? <p>{panel.members.map((m) => m.name).join('、')}</p> : null}
          </>
        )}
      </section>
      {panel.isMember && panel.status === 'open' ? (
        <section aria-labelledby="score-h">
          <h2 id="score-h">{t('panel.score')}</h2>
          <Form method="post">
            <input type="hidden" name="intent" value="score" />
            {panel.criteria.map((c) => (
              <fieldset key={c.id}>
                <legend>{c.outcome}</legend>
                <input type="hidden" name="criterionId" value={c.id} />
                <div className="field">
                  <label htmlFor={`score-${c.id}`}>{t('panel.scoreLabel', { outcome: c.outcome, max: c.maxScore })}</label>
                  <input
                    id={`score-${c.id}`}
                    name={`score.${c.id}`}
                    type="number"
                    min={0}
                    max={c.maxScore}
                    step={1}
                    defaultValue={mine(c.id)?.score}
                    required
                    aria-invalid={lastResult?.error?.[`score.${c.id}`] ? true : undefined}
                  />
                  {lastResult?.error?.[`score.${c.id}`] ? <p className="field-errors">{t('deliberation.v.scoreRange')}</p> : null}
                </div>
                <div className="field">
                  <label htmlFor={`comment-${c.id}`}>{t('panel.comment', { outcome: c.outcome })}</label>
                  <input id={`comment-${c.id}`} name={`comment.${c.id}`} maxLength={500} defaultValue={mine(c.id)?.comment} />
                </div>
              </fieldset>
            ))}
            <button type="submit">{t('panel.submit')}</button>
          </Form>
        </section>
      ) : null}
      {canPublish && panel.status === 'open' ? (
        <Form method="post">
          <button type="submit" name="intent" value="publish">
            {t('panel.publish')}
          </button>
        </Form>
      ) : null}
    </>
  );
}
