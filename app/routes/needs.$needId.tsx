import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { Field, FormErrors, Notice, SelectField } from '../components/field';
import { formatDate } from '../i18n/locale';
import { useLocale, usePlaceName, useT } from '../i18n/use-t';
import {
  dispatchCandidates,
  followNeed,
  getPrivateNeed,
  getPublicNeed,
  isFollowing,
  needAccess,
  publicDispatches,
  publicTimeline,
  needPlaceOf,
} from '../needs/needs.server';
import { replyToNeedError } from '../needs/pages.server';
import { suggestionsForNeed } from '../matching/suggestions.server';
import { SuggestionsPanel } from '../matching/ui';
import { listPhotos, readPhotos } from '../needs/photos.server';
import { canTransition } from '../needs/status';
import { isIntent, parseStep, steps, type Intent } from '../needs/steps.server';
import { reportProgress } from '../needs/transitions.server';
import { DeadlineState, PhotoInput, useCategoryLabel } from '../needs/ui';
import { assigneeTypes, needTypes, urgencies } from '../needs/values';
import { getPrincipal, requireUser } from '../permissions/permissions.server';
import { actorOf } from '../permissions/principal.server';
import { redirectWithNotice } from '../utils/forms.server';
import { forbidden, notFound, uuidParam } from '../utils/http.server';
import { projectsForNeed } from '../projects/awards.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('matching', 'needs');

// One need: its public side for anyone once verified; its private side, audited, for the requester, the staff of its
// place and the people sent; and the next steps each of them may take.


export async function loader({ request, params }: LoaderFunctionArgs) {
  const needId = uuidParam(params, 'needId');
  const principal = await getPrincipal(request);
  const access = await needAccess(principal, needId);
  // An unverified need is known only to its requester and the staff of its place.
  if (!access || !access.canSeePublic) throw notFound();
  // First, so an award whose notice has just ended shows here (and dispatches the need) without waiting for the job.
  const projects = await projectsForNeed(needId);
  const [need, timeline, dispatches] = await Promise.all([getPublicNeed(needId), publicTimeline(needId), publicDispatches(needId)]);
  const privateSide = principal && access.canReadPrivate ? await getPrivateNeed(actorOf(principal), access) : null;
  const status = access.need.status;
  const available = (Object.keys(steps) as Intent[]).filter((i) => canTransition(status, steps[i].step) && steps[i].allowed(access));
  const place = available.length ? await needPlaceOf(access.need.placeId) : null;
  const candidates = place && available.includes('dispatch') ? await dispatchCandidates(place.communityPath) : [];
  // Staff who may dispatch see the best-fitting volunteers, teams, organisations and offers with the reasons.
  const suggestions = principal && available.includes('dispatch') ? await suggestionsForNeed(principal, needId) : null;
  return {
    need: need!,
    timeline: timeline.map((e) => {
      const extra = privateSide?.timelineDetails.find((d) => d.id === e.id);
      return { ...e, actorName: extra?.actorName ?? null, onBehalfOfName: extra?.onBehalfOfName ?? null, note: extra?.note ?? null };
    }),
    dispatches,
    projects,
    private: privateSide
      ? {
          title: privateSide.title,
          description: privateSide.description,
          channel: privateSide.channel,
          placeZh: privateSide.placeZh,
          placeEn: privateSide.placeEn,
          requesterName: privateSide.requesterName,
          raisedByName: privateSide.raisedByName,
          responsibleName: privateSide.responsibleName,
          contactName: privateSide.contactName,
          phone: privateSide.phone,
          email: privateSide.email,
          address: privateSide.address,
          healthNotes: privateSide.healthNotes,
          dispatches: privateSide.dispatches,
          ratingComment: privateSide.ratingComment,
          photos: (await listPhotos(needId)).map((ph) => ({ id: ph.id })),
        }
      : null,
    available,
    isRequester: access.isRequester,
    // One entry per person, with the first of their roles.
    candidates: candidates.filter((c, i) => candidates.findIndex((x) => x.id === c.id) === i).map((c) => ({ id: c.id, name: c.name, role: c.role })),
    // What triage may choose: the community's categories still offered, and the need's own even if retired since.
    categories: place?.communitySettings.categories.filter((c) => !c.retired || c.key === access.need.category) ?? [],
    suggestions,
    signedIn: Boolean(principal),
    // Staff who run the need's community may raise it as a topic for the residents' council.
    canRaiseTopic: access.can('topic.manage'),
    following: principal ? await isFollowing(principal.user.id, needId) : false,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const needId = uuidParam(params, 'needId');
  const principal = await requireUser(request);
  const access = await needAccess(principal, needId);
  if (!access || !access.canSeePublic) throw notFound();
  const formData = await request.formData();
  const intent = formData.get('intent');
  if (intent === 'follow' || intent === 'unfollow') {
    await followNeed(principal, needId, intent === 'follow');
    return redirectWithNotice(`/needs/${needId}`, `needs.done.${intent}`);
  }
  if (!isIntent(intent)) throw new Response('Unknown step', { status: 400 });
  const step = steps[intent];
  // Who may take the step is settled before any of its fields are read.
  if (!step.allowed(access)) throw forbidden();
  const submission = parseStep(intent, formData);
  if (submission.status !== 'success') return Response.json({ intent, result: submission.reply() }, { status: 400 });
  const read = intent === 'progress' ? await readPhotos(formData) : { photos: [] };
  if ('error' in read) return Response.json({ intent, result: submission.reply({ fieldErrors: { photos: [read.error] } }) }, { status: 400 });
  try {
    if (intent === 'progress') await reportProgress(principal, needId, submission.value as never, read.photos);
    else await step.run(principal, needId, submission.value as never);
  } catch (error) {
    const { result, status } = replyToNeedError(error, (o) => submission.reply(o));
    return Response.json({ intent, result }, { status });
  }
  return redirectWithNotice(`/needs/${needId}`, `needs.done.${intent}`);
}

function StepForm({ intent, title, children, multipart }: { intent: Intent; title: string; children: React.ReactNode; multipart?: boolean }) {
  const t = useT();
  const last = useActionData<typeof action>();
  const mine = last && last.intent === intent ? last.result : null;
  const errors = (mine?.error ?? {}) as Record<string, string[] | null>;
  return (
    <section aria-labelledby={`${intent}-h`}>
      <h3 id={`${intent}-h`}>{title}</h3>
      <FormErrors errors={errors[''] ?? undefined} />
      <Form method="post" noValidate encType={multipart ? 'multipart/form-data' : undefined}>
        <input type="hidden" name="intent" value={intent} />
        {children}
        {Object.entries(errors)
          .filter(([k, v]) => k !== '' && v?.length)
          .map(([k, v]) => (
            <p key={k} className="field-errors" role="alert">
              {t(`needs.field.${k}`) !== `needs.field.${k}` ? `${t(`needs.field.${k}`)}: ` : ''}
              {v!.map((m) => t(m)).join(' ')}
            </p>
          ))}
        <button type="submit">{title}</button>
      </Form>
    </section>
  );
}

export default function NeedPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const placeName = usePlaceName();
  const category = useCategoryLabel();
  const { need } = data;
  const p = data.private;
  const when = (d: string | Date | null) => (d ? formatDate(locale, d, true) : '—');
  const roleLabel = (role: string) => (role === 'anonymous' || role === 'system' ? t(`needs.role.${role}`) : t(`role.${role}`));
  const choose = { value: '', label: t('needs.field.choose') };
  const people = data.candidates.map((c) => ({ value: c.id, label: `${c.name} (${t(`role.${c.role}`)})` }));
  return (
    <>
      <p>
        <Link to="/needs">← {t('needs.list.title')}</Link>
      </p>
      <h1>{p?.title ?? need.summary}</h1>
      {data.canRaiseTopic ? (
        <p>
          <Link to={`/topics/new?needId=${need.id}`}>{t('topic.raiseFromNeed')}</Link>
        </p>
      ) : null}
      {need.mergedIntoId ? (
        <Notice>
          {t('needs.page.mergedInto')} <Link to={`/needs/${need.mergedIntoId}`}>{t('needs.page.seeKept')}</Link>
        </Notice>
      ) : null}
      <section aria-labelledby="facts-h">
        <h2 id="facts-h">{t('needs.page.facts')}</h2>
        <dl>
          <dt>{t('needs.field.status')}</dt>
          <dd>{t(`needs.status.${need.status}`)}</dd>
          <dt>{t('needs.field.summary')}</dt>
          <dd>{need.summary}</dd>
          <dt>{t('needs.field.category')}</dt>
          <dd>{category(need.category)}</dd>
          <dt>{t('needs.field.urgency')}</dt>
          <dd>
            {t(`needs.urgency.${need.urgency}`)}
            {need.needType ? ` · ${t(`needs.type.${need.needType}`)}` : ''}
          </dd>
          <dt>{t('needs.field.place')}</dt>
          <dd>
            {placeName({ nameZh: need.communityZh, nameEn: need.communityEn })}
            {need.gridZh ? ` · ${placeName({ nameZh: need.gridZh, nameEn: need.gridEn })}` : ''}
          </dd>
          <dt>{t('needs.field.beneficiary')}</dt>
          <dd>{t(`needs.beneficiary.${need.beneficiary}`)}</dd>
          {need.quantity ? (
            <>
              <dt>{t('needs.field.quantity')}</dt>
              <dd>
                {need.quantity} {need.quantityUnit ?? ''} · {t(`needs.recurrence.${need.recurrence}`)}
              </dd>
            </>
          ) : null}
          {need.wantedFrom || need.wantedUntil ? (
            <>
              <dt>{t('needs.field.wantedFrom')}</dt>
              <dd>
                {need.wantedFrom ?? '…'} – {need.wantedUntil ?? '…'}
              </dd>
            </>
          ) : null}
          <dt>{t('needs.page.raisedAt')}</dt>
          <dd>{when(need.raisedAt)}</dd>
          <dt>{t('needs.page.responseDue')}</dt>
          <dd>{when(need.firstResponseDueAt)}</dd>
          <dt>{t('needs.page.resolutionDue')}</dt>
          <dd>
            {when(need.resolutionDueAt)} <DeadlineState state={need.deadlineState} />
          </dd>
          <dt>{t('needs.page.level')}</dt>
          <dd>{t(`needs.level.${need.escalationLevel}`)}</dd>
          <dt>{t('needs.page.fulfilment')}</dt>
          <dd>
            {need.quantity
              ? t('needs.page.fulfilmentValue', { covered: need.covered, delivered: need.delivered, quantity: need.quantity })
              : t('needs.page.fulfilmentNoQuantity', { covered: need.covered, delivered: need.delivered })}
          </dd>
          {need.stars ? (
            <>
              <dt>{t('needs.page.rating')}</dt>
              <dd>{t('needs.page.stars', { stars: need.stars })}</dd>
            </>
          ) : null}
          {need.reply ? (
            <>
              <dt>{t('needs.page.reply')}</dt>
              <dd>{need.reply}</dd>
            </>
          ) : null}
        </dl>
      </section>

      {data.signedIn ? (
        <Form method="post">
          <input type="hidden" name="intent" value={data.following ? 'unfollow' : 'follow'} />
          <button type="submit" className="secondary">
            {data.following ? t('needs.page.unfollow') : t('needs.page.follow')}
          </button>{' '}
          <span className="muted">{t('needs.page.followHint')}</span>
        </Form>
      ) : null}

      {p ? (
        <section aria-labelledby="private-h">
          <h2 id="private-h">{t('needs.page.private')}</h2>
          <Notice>{t('needs.page.privateNote')}</Notice>
          <dl>
            <dt>{t('needs.field.description')}</dt>
            <dd>{p.description || '—'}</dd>
            <dt>{t('needs.field.place')}</dt>
            <dd>{placeName({ nameZh: p.placeZh, nameEn: p.placeEn })}</dd>
            <dt>{t('needs.page.requester')}</dt>
            <dd>{p.requesterName ?? t('needs.page.anonymousRequester')}</dd>
            <dt>{t('needs.field.channel')}</dt>
            <dd>
              {t(`needs.channel.${p.channel}`)}
              {p.raisedByName && p.raisedByName !== p.requesterName ? ` · ${t('needs.page.raisedBy')}: ${p.raisedByName}` : ''}
            </dd>
            <dt>{t('needs.field.contactName')}</dt>
            <dd>{p.contactName ?? '—'}</dd>
            <dt>{t('needs.field.phone')}</dt>
            <dd>{p.phone ?? '—'}</dd>
            <dt>{t('needs.field.email')}</dt>
            <dd>{p.email ?? '—'}</dd>
            <dt>{t('needs.field.address')}</dt>
            <dd>{p.address ?? '—'}</dd>
            <dt>{t('needs.field.healthNotes')}</dt>
            <dd>{p.healthNotes ?? '—'}</dd>
            <dt>{t('needs.page.responsible')}</dt>
            <dd>{p.responsibleName ?? '—'}</dd>
            {p.photos.length ? (
              <>
                <dt>{t('needs.page.photos')}</dt>
                <dd>
                  {p.photos.map((ph, i) => (
                    <a key={ph.id} href={`/needs/${need.id}/photos/${ph.id}`}>
                      <img src={`/needs/${need.id}/photos/${ph.id}`} alt={t('needs.page.photoAlt', { n: i + 1 })} width={120} height={90} style={{ objectFit: 'cover', marginRight: '.5rem' }} />
                    </a>
                  ))}
                </dd>
              </>
            ) : null}
            {p.ratingComment ? (
              <>
                <dt>{t('needs.field.comment')}</dt>
                <dd>{p.ratingComment}</dd>
              </>
            ) : null}
          </dl>
        </section>
      ) : null}

      <section aria-labelledby="dispatches-h">
        <h2 id="dispatches-h">{t('needs.page.dispatches')}</h2>
        {(p?.dispatches ?? data.dispatches).length ? (
          <ul>
            {(p ? p.dispatches : data.dispatches).map((d) => (
              <li key={d.id}>
                {t(`needs.assignee.${d.assigneeType}`)}
                {d.assigneeName ? `: ${d.assigneeName}` : ''}
                {'responsibleName' in d && d.responsibleName ? ` · ${t('needs.field.responsible')}: ${d.responsibleName}` : ''}
                {d.quantity ? ` · ${t('needs.page.quantityClaimed', { quantity: d.quantity })}` : ''}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('common.none')}</p>
        )}
      </section>

      {data.projects.length ? (
        <section aria-labelledby="projects-h">
          <h2 id="projects-h">{t('projects.need.title')}</h2>
          <ul>
            {data.projects.map((pr) => (
              <li key={pr.id}>
                <Link to={`/projects/${pr.id}`}>{pr.title}</Link> · {t(`projects.state.${pr.state}`)}
                {pr.delivererName ? ` · ${t('projects.deliveredBy', { name: pr.delivererName })}` : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {data.suggestions ? (
        <>
          <SuggestionsPanel data={data.suggestions} />
          <p>
            <Link to={`/needs/${need.id}/suggestions`}>{t('matching.suggestions.openPage')}</Link>
          </p>
        </>
      ) : null}
      <section aria-labelledby="timeline-h">
        <h2 id="timeline-h">{t('needs.page.timeline')}</h2>
        <ol>
          {data.timeline.map((e) => (
            <li key={e.id}>
              <time dateTime={new Date(e.createdAt).toISOString()}>{when(e.createdAt)}</time> · <strong>{t(`needs.event.${e.kind}`)}</strong> · {roleLabel(e.actorRole)}
              {e.actorName ? ` (${e.actorName}${e.onBehalfOfName ? `, ${t('audit.onBehalfOf', { name: e.onBehalfOfName })}` : ''})` : ''}
              {e.kind === 'escalated' && typeof e.data.to === 'string' ? ` · ${t('needs.page.escalatedTo', { level: t(`needs.level.${e.data.to}`) })}` : ''}
              {(e.kind === 'progress' || e.kind === 'resolved') && Number(e.data.quantity) > 0 ? ` · ${t('needs.page.quantityDone', { quantity: Number(e.data.quantity) })}` : ''}
              {e.kind === 'rated' && e.data.stars ? ` · ${t('needs.page.stars', { stars: Number(e.data.stars) })}` : ''}
              {e.note ? (
                <>
                  <br />
                  <span className="muted">{e.note}</span>
                </>
              ) : null}
            </li>
          ))}
        </ol>
      </section>

      {data.available.length ? (
        <section aria-labelledby="actions-h">
          <h2 id="actions-h">{t('needs.page.actions')}</h2>
          {data.available.includes('triage') ? (
            <StepForm intent="triage" title={t('needs.page.triage')}>
              <SelectField id="tr-category" name="category" label={t('needs.field.category')} defaultValue={need.category} options={data.categories.map((c) => ({ value: c.key, label: category(c.key, data.categories) }))} required />
              <SelectField id="tr-urgency" name="urgency" label={t('needs.field.urgency')} defaultValue={need.urgency} options={urgencies.map((u) => ({ value: u, label: t(`needs.urgency.${u}`) }))} required />
              <SelectField id="tr-type" name="needType" label={t('needs.field.type')} defaultValue={need.needType ?? 'routine'} options={needTypes.map((x) => ({ value: x, label: t(`needs.type.${x}`) }))} required />
              <Field id="tr-summary" name="publicSummary" label={t('needs.field.summary')} hint={t('needs.field.summary.hint')} defaultValue={need.summary} required maxLength={120} />
              <Field id="tr-note" name="note" label={t('needs.field.note')} />
            </StepForm>
          ) : null}
          {data.available.includes('dispatch') ? (
            <StepForm intent="dispatch" title={t('needs.page.dispatch')}>
              <SelectField id="d-type" name="assigneeType" label={t('needs.field.assigneeType')} options={assigneeTypes.map((a) => ({ value: a, label: t(`needs.assignee.${a}`) }))} required />
              <SelectField id="d-user" name="assigneeUserId" label={t('needs.field.assigneeUser')} options={[choose, ...people]} />
              <Field id="d-name" name="assigneeName" label={t('needs.field.assigneeName')} maxLength={120} />
              <SelectField id="d-responsible" name="responsibleUserId" label={t('needs.field.responsible')} options={[choose, ...people]} required />
              <Field id="d-quantity" name="quantity" label={t('needs.field.claimQuantity')} type="number" inputMode="numeric" />
              <Field id="d-note" name="note" label={t('needs.field.note')} />
            </StepForm>
          ) : null}
          {data.available.includes('progress') ? (
            <StepForm intent="progress" title={t('needs.page.progress')} multipart>
              <Field id="p-quantity" name="quantity" label={t('needs.field.progressQuantity')} type="number" inputMode="numeric" />
              <div className="field">
                <label htmlFor="p-note">
                  {t('needs.field.note')} <span className="req">{t('form.required')}</span>
                </label>
                <textarea id="p-note" name="note" rows={3} required maxLength={2000} />
              </div>
              <PhotoInput id="p-photos" />
              <div className="check">
                <input type="checkbox" id="p-resolved" name="resolved" />
                <label htmlFor="p-resolved">{t('needs.field.resolved')}</label>
              </div>
            </StepForm>
          ) : null}
          {data.available.includes('close') ? (
            <StepForm intent="close" title={data.isRequester ? t('needs.page.close') : t('needs.page.closeForRequester')}>
              <Field id="c-note" name="note" label={t('needs.field.note')} />
            </StepForm>
          ) : null}
          {data.available.includes('rate') ? (
            <StepForm intent="rate" title={t('needs.page.rate')}>
              <fieldset>
                <legend>{t('needs.field.stars')}</legend>
                {[5, 4, 3, 2, 1].map((s) => (
                  <div className="check" key={s}>
                    <input type="radio" id={`r-${s}`} name="stars" value={s} defaultChecked={s === 5} />
                    <label htmlFor={`r-${s}`}>{t('needs.page.stars', { stars: s })}</label>
                  </div>
                ))}
              </fieldset>
              <Field id="r-comment" name="comment" label={t('needs.field.comment')} />
            </StepForm>
          ) : null}
          {data.available.includes('merge') ? (
            <StepForm intent="merge" title={t('needs.page.merge')}>
              <Field id="m-into" name="intoNeedId" label={t('needs.field.intoNeed')} required />
            </StepForm>
          ) : null}
          {data.available.includes('out_of_scope') ? (
            <StepForm intent="out_of_scope" title={t('needs.page.outOfScope')}>
              <Field id="o-reply" name="reply" label={t('needs.field.reply')} required />
            </StepForm>
          ) : null}
          {data.available.includes('reject') ? (
            <StepForm intent="reject" title={t('needs.page.reject')}>
              <Field id="j-reason" name="reason" label={t('needs.field.reason')} required />
            </StepForm>
          ) : null}
        </section>
      ) : null}
    </>
  );
}

