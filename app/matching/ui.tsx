// Matching on pages: the reasons of a scored pair, and the suggestions panel of a need (forms that work without JS).
import { Form } from '@remix-run/react';
import { scoreParts } from '../../matching/score';
import { useT } from '../i18n/use-t';
import { partPercents, reasonLines, type MatchReasonData } from './reasons';

export function MatchReasons({ data }: { data: MatchReasonData }) {
  const t = useT();
  const percents = partPercents(data.parts);
  return (
    <div className="match-reasons">
      <p>
        <strong>{t('matching.score', { percent: Math.round(data.total * 100) })}</strong>
      </p>
      <ul>
        {reasonLines(data, t).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <p className="muted">{scoreParts.map((k) => `${t(`matching.part.${k}`)} ${percents[k]}%`).join(' · ')}</p>
    </div>
  );
}

export interface SuggestionItem extends MatchReasonData {
  kind: string;
  id: string;
  name: string;
  rank: number;
  responsibleName: string | null;
}

export interface SuggestionsData {
  needId: string;
  dispatchable: boolean;
  remaining: number;
  groups: { kind: string; items: SuggestionItem[] }[];
  considered: number;
  excluded: number;
}

/** The panel staff see on a need's page: per kind, the best candidates with why, and accept / not suitable. */
export function SuggestionsPanel({ data, errors }: { data: SuggestionsData; errors?: string[] }) {
  const t = useT();
  const action = `/needs/${data.needId}/suggestions`;
  const any = data.groups.some((g) => g.items.length > 0);
  return (
    <section aria-labelledby="suggestions-h" className="suggestions">
      <h2 id="suggestions-h">{t('matching.suggestions.title')}</h2>
      <p>{t('matching.suggestions.intro')}</p>
      {errors?.length ? (
        <p className="field-errors" role="alert">
          {errors.map((e) => t(e)).join(' ')}
        </p>
      ) : null}
      {data.remaining === 0 ? <p>{t('matching.suggestions.covered')}</p> : null}
      {!any ? <p>{t('matching.suggestions.none')}</p> : null}
      {data.groups
        .filter((g) => g.items.length > 0)
        .map((g) => (
          <section key={g.kind} aria-labelledby={`suggestions-${g.kind}-h`}>
            <h3 id={`suggestions-${g.kind}-h`}>{t(`matching.kind.${g.kind}`)}</h3>
            <ol className="suggestion-list">
              {g.items.map((s) => (
                <li key={s.id} className="suggestion" data-testid="suggestion">
                  <h4>{s.name}</h4>
                  {s.responsibleName ? <p>{t('matching.suggestions.responsible', { name: s.responsibleName })}</p> : null}
                  <MatchReasons data={s} />
                  {data.remaining > 0 ? (
                    <Form method="post" action={action}>
                      <input type="hidden" name="kind" value={s.kind} />
                      <input type="hidden" name="candidateId" value={s.id} />
                      <button type="submit" name="intent" value="accept">
                        {t('matching.suggestions.accept', { name: s.name })}
                      </button>
                    </Form>
                  ) : null}
                  <Form method="post" action={action}>
                    <input type="hidden" name="kind" value={s.kind} />
                    <input type="hidden" name="candidateId" value={s.id} />
                    <label htmlFor={`dismiss-${s.id}`}>{t('matching.suggestions.dismissReason')}</label>
                    <input id={`dismiss-${s.id}`} name="reason" maxLength={500} />
                    <button type="submit" name="intent" value="dismiss" className="secondary">
                      {t('matching.suggestions.dismiss')}
                    </button>
                  </Form>
                </li>
              ))}
            </ol>
          </section>
        ))}
      <p className="muted">{t('matching.suggestions.considered', { considered: data.considered, excluded: data.excluded })}</p>
    </section>
  );
}
