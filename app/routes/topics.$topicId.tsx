import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { ErrorList, FormErrors } from '../components/field';
import { addComment, CommentError, commentPlace, listComments, moderateComment, reportComment } from '../deliberation/comments.server';
import { commentsOpen, topicNext } from '../deliberation/rules';
import { topicActionSchema } from '../deliberation/schemas';
import { getTopic, isFollowing, moveTopic, setFollowing, TopicError, topicPlace } from '../deliberation/topics.server';
import { StageTimeline } from '../deliberation/ui';
import { listVotes } from '../deliberation/votes.server';
import { formatDate } from '../i18n/locale';
import { useLocale, useT } from '../i18n/use-t';
import { actorOf } from '../permissions/principal.server';
import { getPrincipal, hasPermission, requirePermission, requireUser } from '../permissions/permissions.server';
import { parseForm, redirectWithNotice } from '../utils/forms.server';
import { notFound, uuidParam } from '../utils/http.server';
import { hitLimitFor, limits } from '../utils/rate-limit.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('deliberation');

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.topic.title ?? ''} · 议题 · Fivefold` }];

// Public: the topic, its timeline and deliberation. Signed-in people comment, report and follow; staff move it on.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const topicId = uuidParam(params, 'topicId');
  const topic = await getTopic(topicId);
  if (!topic) throw notFound();
  const place = (await topicPlace(topicId))!;
  const principal = await getPrincipal(request);
  const canManage = principal ? hasPermission(principal, 'topic.manage', place) : false;
  const canModerate = principal ? hasPermission(principal, 'topic.moderate', place) : false;
  const [comments, votes, following] = await Promise.all([
    listComments(topicId, { moderator: canModerate }),
    listVotes({ topicId, includeDrafts: canManage, limit: 20, offset: 0 }),
    principal ? isFollowing(principal.user.id, topicId) : false,
  ]);
  return {
    topic: {
      ...topic,
      createdAt: topic.createdAt.toISOString(),
      updatedAt: topic.updatedAt.toISOString(),
      stageChangedAt: topic.stageChangedAt.toISOString(),
      events: topic.events.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })),
    },
    comments: comments.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() })),
    votes: votes.rows.map((v) => ({ id: v.id, question: v.question, status: v.status })),
    signedIn: Boolean(principal),
    following,
    canManage,
    canModerate,
    next: canManage ? topicNext[topic.stage] : [],
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const topicId = uuidParam(params, 'topicId');
  const place = await topicPlace(topicId);
  if (!place) throw notFound();
  const principal = await requireUser(request);
  const actor = actorOf(principal);
  const intent = (await request.clone().formData()).get('intent');
  if (!['comment', 'report', 'restore', 'remove', 'follow', 'unfollow', 'move'].includes(String(intent))) throw new Response('Unknown step', { status: 400 });
  const { submission } = await parseForm(request, topicActionSchema);
  if (submission.status !== 'success') return Response.json(submission.reply(), { status: 400 });
  const v = submission.value;
  const back = `/topics/${topicId}`;
  try {
    switch (v.intent) {
      case 'comment': {
        const limited = await hitLimitFor(limits.comment, request, principal);
        if (!limited.ok) return Response.json(submission.reply({ formErrors: ['limits.tooMany'] }), { status: 429, headers: { 'Retry-After': String(limited.retryAfterSeconds) } });
        await addComment(actor, topicId, { body: v.body, parentId: v.parentId });
        return redirectWithNotice(back, 'topic.commented');
      }
      case 'report': {
        const at = await commentPlace(v.commentId);
        if (!at || at.topicId !== topicId) throw notFound();
        const r = await reportComment(actor, v.commentId, v.reason);
        const notice = r.hidden ? 'topic.reportedHidden' : 'topic.reported';
        return redirectWithNotice(back, notice);
      }
      case 'restore':
      case 'remove': {
        await requirePermission(request, 'topic.moderate', place);
        const at = await commentPlace(v.commentId);
        if (!at || at.topicId !== topicId) throw notFound();
        await moderateComment(actor, v.commentId, v.intent, v.note);
        return redirectWithNotice(back, 'topic.moderated');
      }
      case 'follow':
      case 'unfollow': {
        await setFollowing(principal.user.id, topicId, v.intent === 'follow');
        const notice = v.intent === 'follow' ? 'topic.followed' : 'topic.unfollowed';
        return redirectWithNotice(back, notice);
      }
      case 'move': {
        await requirePermission(request, 'topic.manage', place);
        await moveTopic(actor, topicId, v.to, { note: v.note, plan: v.plan, reply: v.reply, projectId: v.projectId });
        return redirectWithNotice(back, 'topic.moved');
      }
    }
  } catch (e) {
    if (e instanceof TopicError && e.code === 'invalid') return submission.reply({ fieldErrors: e.fields });
    if (e instanceof TopicError && e.code === 'wrong_stage') return submission.reply({ formErrors: ['deliberation.v.wrongStage'] });
    if (e instanceof CommentError && e.code === 'already_reported') return submission.reply({ formErrors: ['topic.alreadyReported'] });
    if (e instanceof CommentError && e.code === 'closed') return submission.reply({ formErrors: ['topic.commentsClosed'] });
    if (e instanceof CommentError || e instanceof TopicError) throw notFound();
    throw e;
  }
}

type Comment = ReturnType<typeof useLoaderData<typeof loader>>['comments'][number];

function CommentThread({ comments, parentId, depth }: { comments: Comment[]; parentId: string | null; depth: number }) {
  const { signedIn, canModerate, topic } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const children = comments.filter((c) => c.parentId === parentId);
  if (!children.length) return null;
  const open = commentsOpen(topic.stage);
  const place = locale === 'en' ? topic.placeEn : topic.placeZh;
  const authorOf = (c: Comment) =>
    !c.author
      ? ''
      : `${c.author.kind === 'staff' ? t('topic.author.staff', { place }) : t('topic.author.resident', { place, number: c.author.number })}${c.author.name ? ` (${c.author.name})` : ''}`;
  return (
    <ul className={depth ? 'thread reply' : 'thread'}>
      {children.map((c) => (
        <li key={c.id} id={`c-${c.id}`}>
          <article aria-label={authorOf(c) || t('topic.hiddenComment')}>
            {c.status === 'visible' || (canModerate && c.status === 'hidden') ? (
              <>
                <p className="muted">
                  <strong>{authorOf(c)}</strong> · {formatDate(locale, c.createdAt, true)}
                </p>
                {c.status === 'hidden' ? <p className="notice notice-error">{t('topic.hiddenForModerator', { count: c.reports })}</p> : null}
                <p className="comment-body">{c.body}</p>
              </>
            ) : (
              <p className="muted">{c.status === 'removed' ? t('topic.removedComment') : t('topic.hiddenComment')}</p>
            )}
            {canModerate && c.status === 'hidden' ? (
              <Form method="post" className="inline-form">
                <input type="hidden" name="commentId" value={c.id} />
                <button type="submit" name="intent" value="restore">
                  {t('topic.restore')}
                </button>{' '}
                <button type="submit" name="intent" value="remove" className="secondary">
                  {t('topic.remove')}
                </button>
              </Form>
            ) : null}
            {signedIn && c.status === 'visible' ? (
              <details>
                <summary>{t('topic.reportLabel', { name: authorOf(c) })}</summary>
                <Form method="post">
                  <input type="hidden" name="intent" value="report" />
                  <input type="hidden" name="commentId" value={c.id} />
                  <label htmlFor={`reason-${c.id}`}>{t('topic.reportReason')}</label>
                  <input id={`reason-${c.id}`} name="reason" maxLength={200} />{' '}
                  <button type="submit" className="secondary">
                    {t('topic.report')}
                  </button>
                </Form>
              </details>
            ) : null}
            {signedIn && open && c.status === 'visible' && depth < 3 ? (
              <details>
                <summary>{t('topic.replyTo', { name: authorOf(c) })}</summary>
                <Form method="post">
                  <input type="hidden" name="intent" value="comment" />
                  <input type="hidden" name="parentId" value={c.id} />
                  <label htmlFor={`reply-${c.id}`}>{t('topic.comment')}</label>
                  <textarea id={`reply-${c.id}`} name="body" rows={3} maxLength={2000} required />
                  <button type="submit">{t('topic.postComment')}</button>
                </Form>
              </details>
            ) : null}
          </article>
          <CommentThread comments={comments} parentId={c.id} depth={depth + 1} />
        </li>
      ))}
    </ul>
  );
}

export default function TopicPage() {
  const { topic, comments, votes, signedIn, following, canManage, next } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const en = locale === 'en';
  const formErrors = lastResult?.error?.[''] ?? null;
  const fieldErrors = (name: string) => lastResult?.error?.[name] ?? null;
  return (
    <>
      <p>
        <Link to="/topics">← {t('deliberation.title')}</Link>
      </p>
      <h1>{topic.title}</h1>
      <p className="muted">
        {t(`topic.stage.${topic.stage}`)} · {en ? topic.placeEn : topic.placeZh} · {t(`topic.origin.${topic.origin}`)}
        {topic.councilZh ? ` · ${t('topic.council', { name: (en ? topic.councilEn : topic.councilZh) ?? '' })}` : ''}
      </p>
      <FormErrors errors={formErrors} />
      <h2>{t('topic.problem')}</h2>
      <p className="prewrap">{topic.problem}</p>
      {topic.suggestion ? (
        <>
          <h2>{t('topic.suggestion')}</h2>
          <p className="prewrap">{topic.suggestion}</p>
        </>
      ) : null}
      {topic.needSummary && topic.needId ? (
        <p>
          <Link to={`/needs/${topic.needId}`}>{t('topic.fromNeed', { summary: topic.needSummary })}</Link>
        </p>
      ) : null}
      {topic.plan ? (
        <>
          <h2>{t('topic.plan')}</h2>
          <p className="prewrap">{topic.plan}</p>
        </>
      ) : null}
      {topic.reply ? (
        <>
          <h2>{t('topic.reply')}</h2>
          <p>{topic.reply}</p>
        </>
      ) : null}
      {topic.project ? (
        <p>
          {t('topic.project')}: <Link to={`/projects/${topic.project.id}`}>{topic.project.title}</Link>
        </p>
      ) : null}
      {signedIn ? (
        <Form method="post">
          <button type="submit" name="intent" value={following ? 'unfollow' : 'follow'} className="secondary">
            {following ? t('topic.unfollow') : t('topic.follow')}
          </button>
        </Form>
      ) : null}
      <section aria-labelledby="timeline-h">
        <h2 id="timeline-h">{t('topic.timeline')}</h2>
        <StageTimeline stage={topic.stage} events={topic.events} date={(d) => formatDate(locale, d)} />
      </section>
      {votes.length || canManage ? (
        <section aria-labelledby="votes-h">
          <h2 id="votes-h">{t('topic.votesHeading')}</h2>
          <ul>
            {votes.map((v) => (
              <li key={v.id}>
                <Link to={`/votes/${v.id}`}>{v.question}</Link> <span className="muted">· {t(`vote.status.${v.status}`)}</span>
              </li>
            ))}
          </ul>
          {canManage ? <Link to={`/votes/new?topicId=${topic.id}`}>{t('topic.newVote')}</Link> : null}
        </section>
      ) : null}
      {topic.panels.length ? (
        <section aria-labelledby="panels-h">
          <h2 id="panels-h">{t('topic.panelsHeading')}</h2>
          <ul>
            {topic.panels.map((p) => (
              <li key={p.id}>
                <Link to={`/panels/${p.id}`}>{p.title}</Link> <span className="muted">· {t(`panel.status.${p.status}`)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {canManage && next.length ? (
        <section aria-labelledby="move-h">
          <h2 id="move-h">{t('topic.move')}</h2>
          <Form method="post">
            <input type="hidden" name="intent" value="move" />
            <div className="field">
              <label htmlFor="move-to">{t('topic.moveTo')}</label>
              <select id="move-to" name="to" defaultValue={next[0]}>
                {next.map((s) => (
                  <option key={s} value={s}>
                    {t(`topic.stage.${s}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="move-note">{t('topic.note')}</label>
              <input id="move-note" name="note" maxLength={500} />
            </div>
            {next.includes('plan') ? (
              <div className="field">
                <label htmlFor="move-plan">{t('topic.planField')}</label>
                <textarea id="move-plan" name="plan" rows={4} maxLength={4000} aria-describedby={fieldErrors('plan') ? 'move-plan-errors' : undefined} />
                {fieldErrors('plan') ? <ErrorList id="move-plan-errors" errors={fieldErrors('plan')!} /> : null}
              </div>
            ) : null}
            {next.includes('declined') ? (
              <div className="field">
                <label htmlFor="move-reply">{t('topic.replyField')}</label>
                <textarea id="move-reply" name="reply" rows={3} maxLength={1000} aria-describedby={fieldErrors('reply') ? 'move-reply-errors' : undefined} />
                {fieldErrors('reply') ? <ErrorList id="move-reply-errors" errors={fieldErrors('reply')!} /> : null}
              </div>
            ) : null}
            {next.includes('implementation') ? (
              <div className="field">
                <label htmlFor="move-project">{t('topic.projectField')}</label>
                <input id="move-project" name="projectId" maxLength={36} aria-describedby={fieldErrors('projectId') ? 'move-project-errors' : undefined} />
                {fieldErrors('projectId') ? <ErrorList id="move-project-errors" errors={fieldErrors('projectId')!} /> : null}
              </div>
            ) : null}
            <button type="submit">{t('topic.move')}</button>
          </Form>
        </section>
      ) : null}
      <section aria-labelledby="discussion-h">
        <h2 id="discussion-h">{t('topic.discussion')}</h2>
        <CommentThread comments={comments} parentId={null} depth={0} />
        {!commentsOpen(topic.stage) ? (
          <p>{t('topic.commentsClosed')}</p>
        ) : signedIn ? (
          <Form method="post">
            <input type="hidden" name="intent" value="comment" />
            <div className="field">
              <label htmlFor="comment-body">{t('topic.comment')}</label>
              <textarea id="comment-body" name="body" rows={4} maxLength={2000} required />
            </div>
            <button type="submit">{t('topic.postComment')}</button>
          </Form>
        ) : (
          <p>
            <Link to={`/login?redirectTo=/topics/${topic.id}`}>{t('topic.signInToComment')}</Link>
          </p>
        )}
      </section>
    </>
  );
}
