import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { FormErrors } from '../components/field';
import { formatDate } from '../i18n/locale';
import { useLocale, usePlaceName, useT } from '../i18n/use-t';
import { approveRun, getRun, MatchRunError } from '../matching/runs.server';
import { approveSchema } from '../matching/schemas';
import { MatchReasons } from '../matching/ui';
import { requireUser } from '../permissions/permissions.server';
import { notFound, uuidParam } from '../utils/http.server';
import { pageMessages } from '../i18n/route-messages';

export const handle = pageMessages('matching', 'needs', 'resources');

// One batch proposal: the pairs with why each was chosen, the needs left open and why; approve all or some.

async function guarded<T>(fn: () => Promise<T>) {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof MatchRunError && error.code === 'not_found') throw notFound();
    throw error;
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const runId = uuidParam(params, 'runId');
  const principal = await requireUser(request);
  const data = await guarded(() => getRun(principal, runId));
  const notice = new URL(request.url).searchParams.get('written');
  return { ...data, outcome: notice ? { written: Number(notice), stale: Number(new URL(request.url).searchParams.get('stale') ?? 0) } : null };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const runId = uuidParam(params, 'runId');
  const principal = await requireUser(request);
  // The guard first: a run of another place is not known to exist.
  await guarded(() => getRun(principal, runId));
  const submission = parseWithZod(await request.formData(), { schema: approveSchema });
  if (submission.status !== 'success') return Response.json({ result: submission.reply() }, { status: 400 });
  try {
    const result = await approveRun(principal, runId, submission.value);
    return new Response(null, { status: 302, headers: { Location: `/matching/runs/${runId}?written=${result.written.length}&stale=${result.stale.length}` } });
  } catch (error) {
    if (!(error instanceof MatchRunError)) throw error;
    if (error.code === 'not_found') throw notFound();
    return Response.json({ result: submission.reply({ fieldErrors: error.fields }) }, { status: 400 });
  }
}

export default function MatchRunPage() {
  const data = useLoaderData<typeof loader>();
  const last = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const placeName = usePlaceName();
  const errors = ((last?.result as { error?: Record<string, string[] | null> } | undefined)?.error ?? {}) as Record<string, string[] | null>;
  const { run } = data;
  const proposed = data.pairs.filter((p) => p.status === 'proposed');
  return (
    <>
      <p>
        <Link to="/matching">← {t('matching.runs.title')}</Link>
      </p>
      <h1>
        {t('matching.run.title')}: {placeName(run.place)}
      </h1>
      <p>
        {formatDate(locale, run.createdAt, true)} · {t(`matching.run.status.${run.status}`)}
      </p>
      <p>{t('matching.run.summary', { needs: run.needsConsidered, candidates: run.candidatesConsidered, units: run.matchedUnits, pairs: data.pairs.length, points: run.totalPoints })}</p>
      {data.outcome ? (
        <p role="status" className="notice notice-success">
          {t('matching.run.approved', { written: data.outcome.written, stale: data.outcome.stale })}
        </p>
      ) : null}
      <section aria-labelledby="pairs-h">
        <h2 id="pairs-h">{t('matching.run.pairs')}</h2>
        <Form method="post" noValidate>
          <FormErrors errors={[...(errors[''] ?? []), ...(errors.pairIds ?? [])]} />
          <ol className="run-pairs">
            {data.pairs.map((p) => (
              <li key={p.id} className="run-pair" data-testid="run-pair">
                <p>
                  {p.status === 'proposed' ? (
                    <>
                      <input type="checkbox" id={`pair-${p.id}`} name="pairIds" value={p.id} />{' '}
                      <label htmlFor={`pair-${p.id}`}>{t('matching.run.select')}</label>
                    </>
                  ) : (
                    <strong>{t(`matching.run.pairStatus.${p.status}`)}</strong>
                  )}
                  {p.staleReason ? ` — ${t(`matching.stale.${p.staleReason}`)}` : ''}
                </p>
                <p>
                  {t('matching.run.need')}: <Link to={`/needs/${p.needId}`}>{p.needSummary}</Link>
                </p>
                <p>
                  {t('matching.run.candidate')}: {p.name} ({t(`resources.kind.${p.kind}`)}) · {t('matching.run.units')}: {p.units}
                </p>
                <MatchReasons data={p} />
              </li>
            ))}
          </ol>
          {proposed.length ? (
            <p>
              <button type="submit" name="intent" value="approve">
                {t('matching.run.approveSelected')}
              </button>{' '}
              <button type="submit" name="all" value="1">
                {t('matching.run.approveAll')}
              </button>
            </p>
          ) : (
            <p>{t('matching.run.nothing')}</p>
          )}
        </Form>
      </section>
      <section aria-labelledby="unmatched-h">
        <h2 id="unmatched-h">{t('matching.run.unmatched')}</h2>
        {data.unmatched.length ? (
          <ul>
            {data.unmatched.map((u) => (
              <li key={u.needId}>
                <Link to={`/needs/${u.needId}`}>{u.summary}</Link> · {u.units} · {t(`matching.run.unmatched.${u.reason}`)}
                {Object.keys(u.excludedBy).length
                  ? ` · ${t('matching.run.excludedBy', { list: Object.entries(u.excludedBy).map(([code, n]) => `${t(`matching.exclusion.${code}`)} ${n}`).join(t('matching.listSeparator')) })}`
                  : ''}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('matching.run.unmatchedNone')}</p>
        )}
      </section>
    </>
  );
}
