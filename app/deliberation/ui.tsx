// Shared pieces of the deliberation pages: a topic's stage timeline and a vote's progress toward its threshold.
import { useT } from '../i18n/use-t';
import { formatPermille, sharePermille, topicPath, type Tally } from './rules';
import type { TopicStage } from './values';

export function StageTimeline({
  stage,
  events,
  date,
}: {
  stage: TopicStage;
  events: { toStage: TopicStage; createdAt: string; note: string | null }[];
  date: (d: string) => string;
}) {
  const t = useT();
  const path: TopicStage[] = stage === 'declined' ? [...new Set<TopicStage>([...events.map((e) => e.toStage)])] : [...topicPath];
  return (
    <ol className="timeline">
      {path.map((s) => {
        const reached = events.filter((e) => e.toStage === s).at(-1);
        const current = s === stage;
        return (
          <li key={s} className={current ? 'current' : reached ? 'done' : 'future'} aria-current={current ? 'step' : undefined}>
            <strong>{t(`topic.stage.${s}`)}</strong>
            {current ? <span className="muted"> ({t('topic.timelineNow')})</span> : null}
            {reached ? <span className="muted"> · {date(reached.createdAt)}</span> : null}
            {reached?.note ? <p>{reached.note}</p> : null}
          </li>
        );
      })}
    </ol>
  );
}

export function VoteProgress({
  tally,
  options,
  thresholdPermille,
  quorumPermille,
}: {
  tally: Tally;
  options: { id: string; label: string; kind: string }[];
  thresholdPermille: number;
  quorumPermille: number;
}) {
  const t = useT();
  const label = (id: string) => options.find((o) => o.id === id)?.label ?? '';
  const needed = Math.max(tally.thresholdNeeded, 1);
  return (
    <div className="vote-progress">
      {tally.options
        .filter((o) => o.kind === 'choice')
        .map((o) => {
          const text = t('vote.progressText', {
            option: label(o.id),
            count: o.votes,
            needed: tally.thresholdNeeded,
            share: formatPermille(sharePermille(o.votes, tally.eligible)),
          });
          return (
            <div key={o.id} className="progress-row">
              <label htmlFor={`progress-${o.id}`}>{text}</label>
              <progress id={`progress-${o.id}`} max={needed} value={Math.min(o.votes, needed)} aria-valuetext={text}>
                {text}
              </progress>
            </div>
          );
        })}
      <p>
        {t('vote.turnout', { count: tally.turnout, eligible: tally.eligible, share: formatPermille(sharePermille(tally.turnout, tally.eligible)) })}
        {' · '}
        {t('vote.rule', {
          threshold: formatPermille(thresholdPermille),
          eligible: tally.eligible,
          needed: tally.thresholdNeeded,
          quorum: quorumPermille > 0 ? t('vote.ruleQuorum', { quorum: formatPermille(quorumPermille), needed: tally.quorumNeeded }) : '',
        })}
      </p>
    </div>
  );
}

/** The figures of an organisation's satisfaction that pages show: no comment, no rater. */
export interface SatisfactionFigures {
  needStarsHundredths: number | null;
  needRatings: number;
  panelHundredths: number | null;
  panels: number;
  starCounts: number[];
}

/** An organisation's satisfaction: averages with their counts and the ratings per number of stars, as a table. */
export function SatisfactionSummary({
  figures: s,
  title,
  intro,
  id,
  level = 2,
}: {
  figures: SatisfactionFigures;
  title: string;
  intro?: string;
  id: string;
  level?: 2 | 3 | 4;
}) {
  const t = useT();
  const Heading = `h${level}` as const;
  const score = (h: number) => (h / 100).toFixed(2);
  const share = (n: number) => `${Math.round((n * 100) / s.needRatings)}%`;
  return (
    <section aria-labelledby={id} className="satisfaction">
      <Heading id={id}>{title}</Heading>
      {intro ? <p className="muted">{intro}</p> : null}
      {s.needRatings === 0 && s.panels === 0 ? (
        <p>{t('satisfaction.org.none')}</p>
      ) : (
        <>
          <dl>
            <dt>{t('satisfaction.needs')}</dt>
            <dd>
              {s.needStarsHundredths === null
                ? t('satisfaction.none')
                : t('satisfaction.needsValue', { stars: score(s.needStarsHundredths), count: s.needRatings })}
            </dd>
            <dt>{t('satisfaction.panels')}</dt>
            <dd>{s.panelHundredths === null ? t('satisfaction.none') : t('satisfaction.panelsValue', { score: score(s.panelHundredths), count: s.panels })}</dd>
          </dl>
          {s.needRatings > 0 ? (
            <div className="table-wrap">
              <table>
                <caption>{t('satisfaction.distribution')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('satisfaction.stars')}</th>
                    <th scope="col">{t('satisfaction.count')}</th>
                    <th scope="col">{t('satisfaction.share')}</th>
                  </tr>
                </thead>
                <tbody>
                  {[5, 4, 3, 2, 1].map((n) => (
                    <tr key={n}>
                      <th scope="row">{n === 1 ? t('satisfaction.star1') : t('satisfaction.starsN', { n })}</th>
                      <td>{s.starCounts[n - 1]}</td>
                      <td>{share(s.starCounts[n - 1])}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}
