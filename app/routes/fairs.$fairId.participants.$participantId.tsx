import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { ErrorList, FormErrors } from '../components/field';
import { useT } from '../i18n/use-t';
import { requireUser } from '../permissions/permissions.server';
import { rankField, rankingFromForm } from '../projects/fair-forms';
import { maxFairCapacity } from '../projects/fair-values';
import { callerOf, getFair, getParticipant, participantRights, preferencesView, setPreferences } from '../projects/fairs.server';
import { redirectWithNotice } from '../utils/forms.server';
import { notFound, uuidParam } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('fairs', 'funds', 'matching-funds');

export const meta: MetaFunction = () => [{ title: 'Preferences · 意向排序 · Fivefold' }];

// Private: a participant's ranking is for its owners (organisation members, the project's owner) and the round's
// staff; to anyone else the page does not exist.
async function guard(request: Request, params: LoaderFunctionArgs['params']) {
  const fairId = uuidParam(params, 'fairId');
  const participantId = uuidParam(params, 'participantId');
  const principal = await requireUser(request);
  const [fair, participant] = await Promise.all([getFair(fairId), getParticipant(participantId)]);
  if (!fair || !participant || participant.fairId !== fair.id) throw notFound();
  const caller = callerOf(principal);
  const rights = await participantRights(caller, fair, participant);
  if (!rights.view) throw notFound();
  return { caller, fair, participant, rights };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { fair, participant, rights } = await guard(request, params);
  const { others, outcome } = await preferencesView(participant);
  const names = new Map(others.map((o) => [o.id, o.name]));
  const rankOf = new Map(participant.ranking.map((id, i) => [id, i + 1]));
  return {
    fair: { id: fair.id, title: fair.title },
    open: fair.status === 'open' && Date.now() < fair.preferencesCloseAt.getTime(),
    canRank: rights.rank,
    participant: { id: participant.id, name: participant.name, side: participant.side, capacity: participant.capacity },
    others: others.map((o) => ({ id: o.id, name: o.name, rank: rankOf.get(o.id) ?? null })),
    outcome: outcome
      ? { partners: outcome.partners.map((p) => ({ name: names.get(p.id) ?? '', rank: p.rank, theirRank: p.theirRank })), openPlaces: outcome.openPlaces, reason: outcome.reason ?? null }
      : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { caller, fair, participant, rights } = await guard(request, params);
  if (!rights.rank) return Response.json({ error: 'fair.err.forbidden' }, { status: 403 });
  const form = Object.fromEntries(await request.formData());
  const { others } = await preferencesView(participant);
  const parsed = rankingFromForm(form, others.map((o) => o.id), participant.side === 'applicant');
  if (!parsed.ok) return Response.json({ fields: parsed.fields, values: form }, { status: 400 });
  const result = await setPreferences(caller, participant.id, { ranking: parsed.ranking, capacity: parsed.capacity });
  if (!result.ok && result.reason === 'invalid') return Response.json({ fields: result.fields, values: form }, { status: 400 });
  if (!result.ok) return Response.json({ error: `fair.err.${result.reason === 'not_found' ? 'forbidden' : result.reason}`, values: form }, { status: result.reason === 'closed' ? 409 : 403 });
  return redirectWithNotice(`/fairs/${fair.id}/participants/${participant.id}`, 'fair.preferencesSaved');
}

export default function Preferences() {
  const { fair, open, canRank, participant, others, outcome } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as { fields?: Record<string, string[]>; error?: string; values?: Record<string, string> } | undefined;
  const t = useT();
  const value = (name: string, fallback: string | number | null) => (result?.values ? (result.values[name] ?? '') : (fallback ?? ''));
  const formErrors = [result?.error, ...(result?.fields?.ranking ?? [])].filter((e): e is string => !!e);
  return (
    <>
      <p>
        <Link to={`/fairs/${fair.id}`}>← {t('fair.back')}</Link>
      </p>
      <h1>{t('fair.editPreferences', { name: participant.name })}</h1>
      <p className="muted">{fair.title}</p>
      <p>{t('fair.preferencesPrivate')}</p>
      {outcome ? (
        <section aria-labelledby="outcome-h">
          <h2 id="outcome-h">{t('fair.yourOutcome')}</h2>
          <ul>
            {outcome.partners.map((p) => (
              <li key={p.name}>{t('fair.matchedAt', { name: p.name, rank: p.rank, theirRank: p.theirRank })}</li>
            ))}
            {outcome.openPlaces > 0 && outcome.reason ? <li>{t(`fair.open.${outcome.reason}`)}</li> : null}
          </ul>
        </section>
      ) : null}
      {!open ? <p>{t('fair.preferencesClosed')}</p> : null}
      <FormErrors errors={formErrors.length ? formErrors : null} />
      <Form method="post">
        <fieldset disabled={!open || !canRank}>
          <legend>{t('fair.rankHint')}</legend>
          {others.map((o) => {
            const name = rankField(o.id);
            const errors = result?.fields?.[name];
            return (
              <div className="field" key={o.id}>
                <label htmlFor={name}>{t('fair.rankLabel', { name: o.name })}</label>
                <input
                  id={name}
                  name={name}
                  type="number"
                  min={1}
                  max={others.length}
                  inputMode="numeric"
                  defaultValue={value(name, o.rank)}
                  aria-invalid={errors?.length ? true : undefined}
                  aria-describedby={errors?.length ? `${name}-errors` : undefined}
                />
                <ErrorList id={`${name}-errors`} errors={errors} />
              </div>
            );
          })}
          {participant.side === 'applicant' ? (
            <div className="field">
              <label htmlFor="capacity">{t('fair.capacity')}</label>
              <input
                id="capacity"
                name="capacity"
                type="number"
                min={1}
                max={maxFairCapacity}
                inputMode="numeric"
                required
                defaultValue={value('capacity', participant.capacity)}
                aria-invalid={result?.fields?.capacity ? true : undefined}
                aria-describedby={result?.fields?.capacity ? 'capacity-errors' : undefined}
              />
              <ErrorList id="capacity-errors" errors={result?.fields?.capacity} />
            </div>
          ) : null}
          {canRank ? <button type="submit">{t('fair.savePreferences')}</button> : null}
        </fieldset>
      </Form>
    </>
  );
}
