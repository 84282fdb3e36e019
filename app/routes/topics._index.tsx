import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { listCouncils } from '../deliberation/councils.server';
import { listPanels } from '../deliberation/panels.server';
import { communitySatisfaction } from '../deliberation/satisfaction.server';
import { listTopics } from '../deliberation/topics.server';
import { topicStages } from '../deliberation/values';
import { listVotes } from '../deliberation/votes.server';
import { useLocale, useT } from '../i18n/use-t';
import { formatDate } from '../i18n/locale';
import { getPrincipal } from '../permissions/permissions.server';
import { scopesFor } from '../permissions/rules';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('deliberation');

export const meta: MetaFunction = () => [{ title: '民议民决 · Residents decide · Fivefold' }];

const querySchema = z.object({ stage: z.enum(topicStages).optional().catch(undefined), page: z.coerce.number().int().min(1).max(1000).catch(1) });
const PAGE = 20;

// Public: councils, open votes, topics by stage, evaluation panels.
export async function loader({ request }: LoaderFunctionArgs) {
  const q = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const principal = await getPrincipal(request);
  const [councils, votes, topics, panels, satisfaction] = await Promise.all([
    listCouncils(),
    listVotes({ limit: 20, offset: 0 }),
    listTopics({ stage: q.stage, limit: PAGE, offset: (q.page - 1) * PAGE }),
    listPanels(),
    communitySatisfaction(),
  ]);
  return {
    canSetUpCouncil: principal ? scopesFor(principal.roles, 'council.manage').length > 0 : false,
    canSetUpPanel: principal ? scopesFor(principal.roles, 'panel.manage').length > 0 : false,
    stage: q.stage ?? '',
    page: q.page,
    pages: Math.max(1, Math.ceil(topics.total / PAGE)),
    councils,
    votes: votes.rows.map((v) => ({ ...v, opensAt: v.opensAt.toISOString(), closesAt: v.closesAt.toISOString() })),
    topics: topics.rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), stageChangedAt: r.stageChangedAt.toISOString() })),
    panels,
    satisfaction: satisfaction.map((c) => ({
      id: c.id,
      nameZh: c.nameZh,
      nameEn: c.nameEn,
      needStarsHundredths: c.needStarsHundredths,
      needRatings: c.needRatings,
      panelHundredths: c.panelHundredths,
      panels: c.panels,
    })),
  };
}

export default function TopicsIndex() {
  const { stage, page, pages, councils, votes, topics, panels, satisfaction, canSetUpCouncil, canSetUpPanel } = useLoaderData<typeof loader>();
  const score = (h: number | null) => (h === null ? t('satisfaction.none') : (h / 100).toFixed(2));
  const t = useT();
  const locale = useLocale();
  const en = locale === 'en';
  return (
    <>
      <h1>{t('deliberation.title')}</h1>
      <p>{t('deliberation.intro')}</p>
      <p>
        <Link to="/topics/new" className="button">
          {t('topic.propose')}
        </Link>
      </p>
      <section aria-labelledby="votes-h">
        <h2 id="votes-h">{t('deliberation.votes')}</h2>
        {votes.length === 0 ? <p>{t('deliberation.none')}</p> : null}
        <ul>
          {votes.map((v) => (
            <li key={v.id}>
              <Link to={`/votes/${v.id}`}>{v.question}</Link>{' '}
              <span className="muted">
                · {t(`vote.status.${v.status}`)} · {en ? v.placeEn : v.placeZh} · {t('vote.closes', { at: formatDate(locale, v.closesAt, true) })}
              </span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="topics-h">
        <h2 id="topics-h">{t('deliberation.topics')}</h2>
        <Form method="get" className="inline-form">
          <label htmlFor="stage">{t('topic.filterStage')}</label>{' '}
          <select id="stage" name="stage" defaultValue={stage}>
            <option value="">{t('topic.all')}</option>
            {topicStages.map((s) => (
              <option key={s} value={s}>
                {t(`topic.stage.${s}`)}
              </option>
            ))}
          </select>{' '}
          <button type="submit">{t('topic.filter')}</button>
        </Form>
        {topics.length === 0 ? <p>{t('deliberation.none')}</p> : null}
        <ul className="topic-list">
          {topics.map((r) => (
            <li key={r.id}>
              <Link to={`/topics/${r.id}`}>{r.title}</Link>
              <span className="muted">
                {' '}
                · {t(`topic.stage.${r.stage}`)} · {en ? r.placeEn : r.placeZh} · {t(`topic.origin.${r.origin}`)} · {t('topic.comments', { count: r.comments })}
              </span>
            </li>
          ))}
        </ul>
        {pages > 1 ? (
          <nav aria-label={t('deliberation.topics')}>
            {page > 1 ? <Link to={`?${new URLSearchParams({ ...(stage ? { stage } : {}), page: String(page - 1) })}`}>←</Link> : null} {page} / {pages}{' '}
            {page < pages ? <Link to={`?${new URLSearchParams({ ...(stage ? { stage } : {}), page: String(page + 1) })}`}>→</Link> : null}
          </nav>
        ) : null}
      </section>
      <section aria-labelledby="councils-h">
        <h2 id="councils-h">{t('deliberation.councils')}</h2>
        {canSetUpCouncil ? (
          <p>
            <Link to="/councils/new">{t('council.new')}</Link>
          </p>
        ) : null}
        {councils.length === 0 ? <p>{t('deliberation.none')}</p> : null}
        <ul>
          {councils.map((c) => (
            <li key={c.id}>
              <Link to={`/councils/${c.id}`}>{en ? c.nameEn : c.nameZh}</Link>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="satisfaction-h">
        <h2 id="satisfaction-h">{t('satisfaction.title')}</h2>
        <ul>
          {satisfaction.map((c) => (
            <li key={c.id}>
              {t('satisfaction.line', {
                place: en ? c.nameEn : c.nameZh,
                stars: score(c.needStarsHundredths),
                ratings: c.needRatings,
                panel: score(c.panelHundredths),
                panels: c.panels,
              })}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="panels-h">
        <h2 id="panels-h">{t('deliberation.panels')}</h2>
        {canSetUpPanel ? (
          <p>
            <Link to="/panels/new">{t('panel.new')}</Link>
          </p>
        ) : null}
        {panels.length === 0 ? <p>{t('deliberation.none')}</p> : null}
        <ul>
          {panels.map((p) => (
            <li key={p.id}>
              <Link to={`/panels/${p.id}`}>{p.title}</Link>{' '}
              <span className="muted">
                · {t(`panel.status.${p.status}`)} · {en ? p.placeEn : p.placeZh}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
